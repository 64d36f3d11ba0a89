"""Stratification: one measure split by a factor, the strata side by side.

Each stratum is a bar of its mean (with a thin line from its minimum to its maximum, so the
spread shows too) or of its total; the highest bar is orange with hatching, the rest sky blue.
Under each bar: the stratum's name and its number of values. Names that do not fit under
vertical bars switch the chart to horizontal bars.
"""

from __future__ import annotations

import numpy as np

from tulta.charts.axes import Plot, Scale, fit_categories, label_width, nice_ticks
from tulta.charts.base import (
    GREY,
    INK,
    ORANGE,
    PAD,
    SKY,
    SMALL_SIZE,
    WHITE,
    WIDTH,
    Canvas,
    ChartInputError,
    legend,
)
from tulta.charts.format import measured, number, percent, quoted, tick_labels
from tulta.charts.output import Chart, make_chart
from tulta.charts.text import fit, text_height, text_width
from tulta.stats import Stratification

__all__ = ["stratification"]

PLOT_HEIGHT = 200.0


def stratification(
    result: Stratification,
    *,
    statistic: str = "mean",
    measure: str = "Nilai",
    factor: str = "strata",
    unit: str = "",
    title: str | None = None,
    decimals: int = 1,
) -> Chart:
    """Draw a stratification from :func:`tulta.stats.stratify`.

    Args:
        result: the strata (in their order of first appearance).
        statistic: "mean" (bars of means with min-max lines) or "total" (bars of sums, e.g.
            counts per counter).
        measure: what was measured ("Waktu tunggu"); ``factor`` what splits it ("loket").
        unit: the unit ("menit").
        decimals: decimals of the values written on the bars and in the reading.

    Raises:
        ChartInputError: not a Stratification, or an unknown ``statistic``.
    """
    if not isinstance(result, Stratification):
        raise ChartInputError(
            "invalid_input", "Data stratifikasi harus hasil tulta.stats.stratify."
        )
    if statistic not in ("mean", "total"):
        raise ChartInputError("invalid_option", "Pilihan statistic harus mean atau total.")
    strata = result.strata
    names = [s.label for s in strata]
    heights = np.array([s.mean if statistic == "mean" else s.total for s in strata])
    lows = np.array([s.minimum for s in strata]) if statistic == "mean" else heights
    highs = np.array([s.maximum for s in strata]) if statistic == "mean" else heights
    what = "Rata-rata" if statistic == "mean" else "Jumlah"
    title = (
        title
        or f"Stratifikasi {measure.lower() if measure[1:2].islower() else measure} per {factor}"
    )
    q = measured(unit, lambda amount: number(amount, decimals))
    lo = min(0.0, float(lows.min()))
    hi = max(0.0, float(highs.max()))
    lo, hi, ticks = nice_ticks(lo, hi + (hi - lo) * 0.08, nbins=6)
    best = int(np.argmax(heights))
    value_labels = [number(v, decimals) for v in heights]
    labels = [f"{name}\n(n = {s.n})" for name, s in zip(names, strata, strict=True)]
    left = PAD + SMALL_SIZE * 1.6 + label_width(tick_labels(ticks)) + 8
    x0, x1 = left, WIDTH - PAD
    fitted = fit_categories(names, (x1 - x0) / len(names), sizes=(8.5, 8.0, 7.0), max_lines=3)
    items: list[tuple[str, dict[str, object], str]] = [
        ("patch", {"fill": ORANGE, "hatch": "///"}, f"{what} tertinggi"),
        ("patch", {"fill": SKY}, f"{what} {factor} lain"),
    ]
    if statistic == "mean":
        items.append(
            (
                "line",
                {"color": INK, "lw": 1.0, "marker": "_", "ms": 6},
                "Rentang (terkecil–terbesar)",
            )
        )
    y_title = f"{what} {measure.lower() if measure[1:2].islower() else measure}" + (
        f" ({unit})" if unit else ""
    )

    def build() -> Canvas:
        probe = Canvas(WIDTH, 10)
        above = 10 - legend(probe, items, x=PAD, top=probe.title(title), width=WIDTH - 2 * PAD)
        if fitted is not None:
            size, wrapped = fitted
            block = text_height(max(len(w) for w in wrapped) + 1, size) + 6
            c = Canvas(WIDTH, above + PLOT_HEIGHT + block + PAD + 16)
            top = legend(c, items, x=PAD, top=c.title(title), width=WIDTH - 2 * PAD) - 12
            y0 = top - PLOT_HEIGHT
            n = len(names)
            plot = Plot(c, x0, y0, x1, top, Scale(-0.5, n - 0.5, x0, x1), Scale(lo, hi, y0, top))
            plot.yticks(ticks)
            plot.frame()
            plot.ytitle(y_title, PAD)
            slot = (x1 - x0) / n
            for i in range(n):
                cx = plot.x(i)
                _bar_v(
                    c,
                    plot,
                    cx,
                    min(slot * 0.6, 56.0),
                    heights[i],
                    lows[i],
                    highs[i],
                    i == best,
                    value_labels[i],
                    statistic,
                )
                c.text(
                    cx,
                    y0 - 4,
                    "\n".join(wrapped[i]),
                    size=size,
                    ha="center",
                    va="top",
                    role="category",
                )
                c.text(
                    cx,
                    y0 - 4 - text_height(len(wrapped[i]), size),
                    f"n = {strata[i].n}",
                    size=SMALL_SIZE - 1,
                    ha="center",
                    va="top",
                    color=GREY,
                    role="n",
                )
            return c
        label_w = min(WIDTH * 0.36, max(text_width(s, SMALL_SIZE) for s in labels))
        wrapped_h = [fit(s, label_w, SMALL_SIZE, max_lines=4)[0] for s in labels]
        rows = [max(text_height(len(w), SMALL_SIZE) + 6, 18.0) for w in wrapped_h]
        c = Canvas(WIDTH, above + sum(rows) + SMALL_SIZE * 3.6 + PAD + 10)
        top = legend(c, items, x=PAD, top=c.title(title), width=WIDTH - 2 * PAD) - 4
        px0 = PAD + label_w + 8
        px1 = WIDTH - PAD - text_width(value_labels[best], SMALL_SIZE) - 10
        y0 = top - sum(rows)
        plot = Plot(c, px0, y0, px1, top, Scale(lo, hi, px0, px1), Scale(0, 1, y0, top))
        plot.xticks(ticks, grid=True)
        plot.frame()
        plot.xtitle(y_title, y0 - SMALL_SIZE * 1.9 - 2)
        y = top
        for i, (lines, h) in enumerate(zip(wrapped_h, rows, strict=True)):
            cy = y - h / 2
            _bar_h(
                c,
                plot,
                cy,
                min(h * 0.6, 16.0),
                heights[i],
                lows[i],
                highs[i],
                i == best,
                value_labels[i],
                statistic,
            )
            c.text(
                PAD + label_w,
                cy,
                "\n".join(lines),
                size=SMALL_SIZE,
                ha="right",
                va="center_baseline",
                role="category",
            )
            y -= h
        return c

    reading = _reading(result, heights, statistic, measure, factor, unit, decimals)
    alt = (
        f"{title}. "
        + "; ".join(
            f"{s.label}: {what.lower()} {q(h)} (n = {s.n})"
            for s, h in zip(strata, heights, strict=True)
        )
        + f". {reading}"
    )
    return make_chart("stratification", title=title, reading=reading, alt=alt, builder=build)


def _bar_v(
    c: Canvas,
    plot: Plot,
    cx: float,
    w: float,
    h: float,
    lo: float,
    hi: float,
    best: bool,
    label: str,
    statistic: str,
) -> None:
    base = plot.y(0.0) if plot.y.lo <= 0 <= plot.y.hi else plot.y0
    c.rect(
        cx - w / 2,
        base,
        w,
        plot.y(h) - base,
        fill=ORANGE if best else SKY,
        hatch="///" if best else None,
    )
    top = plot.y(h)
    if statistic == "mean":
        c.line([cx, cx], [plot.y(lo), plot.y(hi)], color=INK, lw=1.0, zorder=4)
        c.line(
            [cx - 4, cx + 4, np.nan, cx - 4, cx + 4],
            [plot.y(lo)] * 2 + [np.nan] + [plot.y(hi)] * 2,
            color=INK,
            lw=1.0,
            zorder=4,
        )
        top = max(top, plot.y(hi))
    c.text(
        cx,
        top + 3,
        label,
        size=SMALL_SIZE,
        ha="center",
        va="bottom",
        box=WHITE,
        zorder=6,
        role="bar_value",
    )


def _bar_h(
    c: Canvas,
    plot: Plot,
    cy: float,
    w: float,
    h: float,
    lo: float,
    hi: float,
    best: bool,
    label: str,
    statistic: str,
) -> None:
    base = plot.x(0.0) if plot.x.lo <= 0 <= plot.x.hi else plot.x0
    c.rect(
        base,
        cy - w / 2,
        plot.x(h) - base,
        w,
        fill=ORANGE if best else SKY,
        hatch="///" if best else None,
    )
    end = plot.x(h)
    if statistic == "mean":
        c.line([plot.x(lo), plot.x(hi)], [cy, cy], color=INK, lw=1.0, zorder=4)
        c.line(
            [plot.x(lo)] * 2 + [np.nan] + [plot.x(hi)] * 2,
            [cy - 4, cy + 4, np.nan, cy - 4, cy + 4],
            color=INK,
            lw=1.0,
            zorder=4,
        )
        end = max(end, plot.x(hi))
    c.text(
        end + 4,
        cy,
        label,
        size=SMALL_SIZE,
        va="center_baseline",
        box=WHITE,
        zorder=6,
        role="bar_value",
    )


def _reading(
    result: Stratification,
    heights: np.ndarray,
    statistic: str,
    measure: str,
    factor: str,
    unit: str,
    decimals: int,
) -> str:
    strata = result.strata
    m = measure[:1].lower() + measure[1:] if measure[1:2].islower() else measure
    hi, lo = int(np.argmax(heights)), int(np.argmin(heights))
    if len(strata) == 1:
        only = quoted(strata[0].label)
        return f"Hanya ada satu {factor} ({only}), jadi belum ada yang dapat dibandingkan."
    fmt = measured(unit, lambda amount: number(amount, decimals))
    if statistic == "total":
        total = float(heights.sum())
        share = percent(heights[hi] / total * 100) if total else "0%"
        return (
            f"{quoted(strata[hi].label)} menyumbang {m} terbanyak: {fmt(heights[hi])} "
            f"({share} dari {fmt(total)}); paling sedikit {quoted(strata[lo].label)} "
            f"({fmt(heights[lo])})."
        )
    text = (
        f"Rata-rata {m} tertinggi pada {factor} {quoted(strata[hi].label)} "
        f"({fmt(heights[hi])}) dan terendah pada {quoted(strata[lo].label)} "
        f"({fmt(heights[lo])}); selisihnya {fmt(heights[hi] - heights[lo])}"
    )
    if heights[lo] > 0:
        text += f", atau {number(heights[hi] / heights[lo], 1)} kali lipat"
    text += "."
    small = [s.label for s in strata if s.n < 5]
    if small:
        text += f" Hati-hati: {', '.join(quoted(s) for s in small)} berisi kurang dari 5 nilai."
    return text
