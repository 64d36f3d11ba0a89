"""Pareto diagrams: one, and a before/after pair on one common scale.

Bars are sorted from the largest count down; the cumulative-percentage line uses the right axis,
whose 100% is aligned with the total on the left axis (as Juran and Minitab draw it, so a bar
top and the line meet where they should); a dashed line marks the vital-few threshold (80%).
The vital few are orange with hatching, the rest sky blue without, so they stay apart in black
and white. When the category names do not fit under vertical bars (wrapped to three lines at
7 points at most, no word broken), the chart switches to horizontal bars.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from tulta.charts.axes import Plot, Scale, fit_categories, label_width, nice_ticks
from tulta.charts.base import (
    BASE_SIZE,
    GREY,
    INK,
    ORANGE,
    PAD,
    SKY,
    SMALL_SIZE,
    VERMILLION,
    WHITE,
    WIDTH,
    Canvas,
    ChartInputError,
    legend,
)
from tulta.charts.format import (
    capitalized,
    integer,
    join,
    measured,
    measured_first,
    number,
    percent,
    quoted,
    tick_labels,
    value,
)
from tulta.charts.output import Chart, make_chart
from tulta.charts.text import fit, text_height, text_width
from tulta.stats import Pareto
from tulta.stats import pareto as compute_pareto
from tulta.stats.formatting import is_rupiah

__all__ = ["pareto", "pareto_before_after"]

VITAL = {"fill": ORANGE, "hatch": "///"}
TRIVIAL = {"fill": SKY, "hatch": ""}
MAX_LABEL_LINES = 4


@dataclass(frozen=True)
class _Data:
    categories: tuple[str, ...]
    counts: tuple[float, ...]
    percentages: tuple[float, ...]
    cumulative: tuple[float, ...]  # percent
    total: float
    vital: int
    threshold: float


def _data(result: Pareto | Mapping[str, float], what: str = "data Pareto") -> _Data:
    if isinstance(result, Mapping):
        if not result:
            raise ChartInputError("empty_data", f"Belum ada kategori pada {what}.")
        result = compute_pareto(list(result.keys()), list(result.values()))
    if not isinstance(result, Pareto):
        raise ChartInputError(
            "invalid_input",
            f"{capitalized(what)} harus hasil tulta.stats.pareto atau pasangan kategori-jumlah.",
        )
    return _Data(
        categories=tuple(result.categories),
        counts=tuple(float(v) for v in result.counts.tolist()),
        percentages=tuple(float(v) for v in result.percentages.tolist()),
        cumulative=tuple(float(v) for v in result.cumulative_percentages.tolist()),
        total=float(result.total),
        vital=len(result.vital_few),
        threshold=float(result.vital_threshold),
    )


# --- panels -----------------------------------------------------------------------------------


def _count_ticks(top: float) -> list[float]:
    integer_counts = float(top).is_integer()
    _, _, ticks = nice_ticks(0.0, top, nbins=6, integer=integer_counts, expand=False)
    return ticks


def _pct_ticks(length: float, room: float) -> list[float]:
    """Percent ticks for an axis ``length`` points long, each label needing ``room`` points."""
    for step in (20.0, 25.0, 50.0, 100.0):
        if length * step / 100.0 >= room:
            break
    return [step * k for k in range(int(100 / step) + 1)]


def _margins(top: float) -> tuple[float, float]:
    left = label_width(tick_labels(_count_ticks(top))) + 8 + SMALL_SIZE * 1.6
    right = label_width(["100%"]) + 8 + SMALL_SIZE * 1.6
    return left, right


def _vertical_fit(
    d: _Data, x0: float, x1: float, top: float
) -> tuple[float, list[list[str]]] | None:
    left, right = _margins(top)
    slot = (x1 - x0 - left - right) / len(d.categories)
    return fit_categories(d.categories, slot, sizes=(8.5, 8.0, 7.0), max_lines=MAX_LABEL_LINES)


def _styles(d: _Data, i: int) -> dict[str, str]:
    return VITAL if i < d.vital else TRIVIAL


#: Units of time a Pareto of amounts may add up ("menit"), named on the axis as such.
TIME_UNITS = frozenset({"detik", "menit", "jam", "hari", "minggu", "bulan"})


def _amount(unit: str) -> Callable[[float], str]:
    """A bar's number: whole for rupiah ("14.245"), as measured otherwise ("12,5")."""
    return (lambda v: number(v, 0)) if is_rupiah(unit) else value


def axis_title(unit: str) -> str:
    """The bar axis of a Pareto: what is added up and in what ("Jumlah (Rp)", "Jumlah waktu
    (menit)", "Jumlah keluhan")."""
    if is_rupiah(unit):
        return "Jumlah (Rp)"
    if unit.strip().lower() in TIME_UNITS:
        return f"Jumlah waktu ({unit.strip()})"
    return f"Jumlah {unit}"


def _vertical_panel(
    c: Canvas,
    d: _Data,
    box: tuple[float, float, float, float],
    *,
    top: float,
    fitted: tuple[float, list[list[str]]],
    unit: str,
    heading: str | None = None,
) -> None:
    x0, y0, x1, y1 = box
    size, wrapped = fitted
    left, right = _margins(top)
    if heading:
        c.text((x0 + x1) / 2, y1, heading, size=BASE_SIZE, bold=True, ha="center", va="top")
        y1 -= BASE_SIZE * 1.6
    block = text_height(max(len(w) for w in wrapped), size)
    px0, px1 = x0 + left, x1 - right
    py0, py1 = y0 + block + 6, y1 - 16
    n = len(d.categories)
    slot = (px1 - px0) / n
    xs = Scale(-0.5, n - 0.5, px0, px1)
    ys = Scale(0.0, top, py0, py1)
    pct = Scale(0.0, 100.0, py0, ys(d.total))
    plot = Plot(c, px0, py0, px1, py1, xs, ys)
    plot.yticks(_count_ticks(top))
    pct_ticks = _pct_ticks(pct(100.0) - py0, SMALL_SIZE * 1.5)
    plot.yticks(
        pct_ticks,
        [f"{int(v)}%" for v in pct_ticks],
        side="right",
        grid=False,
        scale=pct,
        role="ytick_right",
    )
    plot.frame()
    c.line([px1, px1], [py0, pct(100.0)], color=INK, lw=0.8, zorder=4)
    plot.ytitle(axis_title(unit), x0)
    c.text(
        x1,
        (py0 + pct(100.0)) / 2,
        "Kumulatif",
        size=SMALL_SIZE,
        rotation=90,
        ha="center",
        va="bottom",
        color=GREY,
        role="axis_title",
    )
    # the vital-few threshold
    ty = pct(d.threshold)
    c.line([px0, px1], [ty, ty], color=VERMILLION, lw=0.9, ls=(0, (5, 3)), zorder=2)
    bar_w = min(slot * 0.8, 64.0)
    cum_y = pct.array(d.cumulative)
    cx = xs.array(np.arange(n))
    show_all_cum = slot >= text_width("100,0%", SMALL_SIZE) + 6
    for i, (name_lines, count) in enumerate(zip(wrapped, d.counts, strict=True)):
        style = _styles(d, i)
        top_y = ys(count)
        c.rect(
            cx[i] - bar_w / 2,
            py0,
            bar_w,
            top_y - py0,
            fill=style["fill"],
            hatch=style["hatch"],
            edge=INK,
            lw=0.6,
            zorder=1,
        )
        label = _amount(unit)(count)
        inside = cum_y[i] - top_y < 18 and top_y - py0 >= 20
        c.text(
            cx[i],
            top_y - 6 if inside else top_y + 2,
            label,
            size=SMALL_SIZE,
            ha="center",
            va="top" if inside else "bottom",
            box=WHITE,
            role="bar_value",
        )
        c.text(
            cx[i], py0 - 4, "\n".join(name_lines), size=size, ha="center", va="top", role="category"
        )
    c.line(cx, cum_y, color=INK, lw=1.2, marker="o", ms=4, zorder=6)
    for i in range(n):
        if show_all_cum or i == d.vital - 1:
            c.text(
                cx[i],
                cum_y[i] + 4,
                percent(d.cumulative[i]),
                size=SMALL_SIZE,
                ha="center",
                va="bottom",
                box=WHITE,
                zorder=7,
                role="cumulative",
            )


def _horizontal_layout(d: _Data, width: float) -> tuple[float, list[list[str]], list[float]]:
    """Label width, wrapped labels and row heights for horizontal bars."""
    size = SMALL_SIZE
    label_w = min(width * 0.36, max(text_width(s, size) for s in d.categories) + 2)
    label_w = max(label_w, 60.0)
    wrapped = [fit(s, label_w, size, max_lines=MAX_LABEL_LINES)[0] for s in d.categories]
    heights = [max(text_height(len(w), size) + 5, 16.0) for w in wrapped]
    return label_w, wrapped, heights


def _horizontal_height(d: _Data, width: float) -> float:
    _, _, heights = _horizontal_layout(d, width)
    return sum(heights) + 2 * (SMALL_SIZE + 10) + 14 + SMALL_SIZE * 1.6


def _horizontal_panel(
    c: Canvas,
    d: _Data,
    box: tuple[float, float, float, float],
    *,
    top: float,
    unit: str,
    heading: str | None = None,
) -> None:
    x0, _, x1, y1 = box
    if heading:
        c.text((x0 + x1) / 2, y1, heading, size=BASE_SIZE, bold=True, ha="center", va="top")
        y1 -= BASE_SIZE * 1.6
    label_w, wrapped, heights = _horizontal_layout(d, x1 - x0)
    count_w = label_width([_amount(unit)(v) for v in d.counts]) + 6
    px0 = x0 + label_w + 6 + count_w + 4
    px1 = x1 - text_width("100,0%", SMALL_SIZE) - 8
    py1 = y1 - (SMALL_SIZE + 10)
    py0 = py1 - sum(heights) - 8
    c.text(
        (px0 + px1) / 2,
        py0 - SMALL_SIZE * 1.9 - 2,
        axis_title(unit),
        size=SMALL_SIZE,
        ha="center",
        va="top",
        color=GREY,
        role="axis_title",
    )
    xs = Scale(0.0, top, px0, px1)
    pct = Scale(0.0, 100.0, px0, xs(d.total))
    plot = Plot(c, px0, py0, px1, py1, xs, Scale(0.0, 1.0, py0, py1))
    plot.xticks(_count_ticks(top), grid=True)
    pct_ticks = _pct_ticks(pct(100.0) - px0, text_width("100%", SMALL_SIZE) + 6)
    plot.xticks(pct_ticks, [f"{int(v)}%" for v in pct_ticks], top=True, scale=pct, role="xtick_top")
    plot.frame()
    c.line([px0, px1], [py1, py1], color=INK, lw=0.8, zorder=4)
    tx = pct(d.threshold)
    c.line([tx, tx], [py0, py1], color=VERMILLION, lw=0.9, ls=(0, (5, 3)), zorder=2)
    centres = []
    y = py1 - 4
    for i, (lines, h) in enumerate(zip(wrapped, heights, strict=True)):
        cy = y - h / 2
        centres.append(cy)
        style = _styles(d, i)
        bar_h = min(h * 0.7, 18.0)
        c.rect(
            px0,
            cy - bar_h / 2,
            xs(d.counts[i]) - px0,
            bar_h,
            fill=style["fill"],
            hatch=style["hatch"],
            zorder=1,
        )
        c.text(
            x0 + label_w,
            cy,
            "\n".join(lines),
            size=SMALL_SIZE,
            ha="right",
            va="center_baseline",
            role="category",
        )
        c.text(
            px0 - 4,
            cy,
            _amount(unit)(d.counts[i]),
            size=SMALL_SIZE,
            ha="right",
            va="center_baseline",
            role="bar_value",
        )
        y -= h
    cum_x = pct.array(d.cumulative)
    c.line(cum_x, centres, color=INK, lw=1.2, marker="o", ms=4, zorder=6)
    for i, cy in enumerate(centres):
        c.text(
            cum_x[i] + 5,
            cy + 2,
            percent(d.cumulative[i]),
            size=SMALL_SIZE - 0.5,
            va="bottom",
            box=WHITE,
            zorder=7,
            role="cumulative",
        )


def _legend_items(d: _Data, item: str) -> list[tuple[str, dict[str, object], str]]:
    return [
        (
            "patch",
            {"fill": VITAL["fill"], "hatch": VITAL["hatch"]},
            f"Sedikit {item} utama",
        ),
        ("patch", {"fill": TRIVIAL["fill"]}, f"{capitalized(item)} lainnya"),
        ("line", {"color": INK, "marker": "o", "ms": 4}, "Persentase kumulatif"),
        (
            "line",
            {"color": VERMILLION, "ls": (0, (5, 3)), "lw": 0.9},
            f"Batas {integer(d.threshold)}%",
        ),
    ]


# --- readings ---------------------------------------------------------------------------------


def _reading(d: _Data, item: str, unit: str) -> str:
    k, n = d.vital, len(d.categories)
    share = percent(d.cumulative[k - 1])
    total = f"{measured(unit)(d.total)}"
    if k == n and n > 1:
        return (
            f"Tidak ada {item} yang menonjol: semua {n} {item} diperlukan untuk mencapai "
            f"{integer(d.threshold)}% dari {total}."
        )
    if k == 1:
        first = quoted(d.categories[0])
        text = f"{capitalized(item)} teratas, {first}, menyumbang {share} dari {total}."
    else:
        names = join([quoted(s) for s in d.categories[:k]])
        text = f"{k} {item} teratas ({names}) menyumbang {share} dari {total}."
    if n > k:
        rest = percent(100.0 - d.cumulative[k - 1])
        text += f" Sisanya, {n - k} {item}, hanya {rest}."
    return text


def _alt(d: _Data, item: str, unit: str) -> str:
    shown = [
        f"{name} {measured(unit)(cnt)} ({percent(pct)})"
        for name, cnt, pct in zip(d.categories[:12], d.counts, d.percentages, strict=False)
    ]
    more = f"; dan {len(d.categories) - 12} {item} lain" if len(d.categories) > 12 else ""
    return (
        f"Diagram Pareto {len(d.categories)} {item}, total {measured(unit)(d.total)}, "
        f"diurutkan dari terbanyak: {'; '.join(shown)}{more}."
    )


# --- public -----------------------------------------------------------------------------------


def pareto(
    result: Pareto | Mapping[str, float],
    *,
    title: str | None = None,
    item: str = "kategori",
    unit: str = "kejadian",
    orientation: str = "auto",
) -> Chart:
    """Draw a Pareto diagram.

    Args:
        result: a :class:`tulta.stats.Pareto`, or ``{category: count}`` (then computed here).
        title: the title (default "Diagram Pareto").
        item: what a category is, for the texts ("penyebab", "jenis keluhan").
        unit: what is counted ("keluhan", "berkas").
        orientation: "auto" (vertical bars unless the names do not fit), "vertical" or
            "horizontal".

    Raises:
        ChartInputError: no categories or an unknown ``orientation``.
        StatsInputError: counts that :func:`tulta.stats.pareto` rejects (negative, not numbers).
    """
    d = _data(result)
    if orientation not in ("auto", "vertical", "horizontal"):
        raise ChartInputError(
            "invalid_option", "Pilihan orientation harus auto, vertical atau horizontal."
        )
    title = title or "Diagram Pareto"
    x0, x1 = PAD, WIDTH - PAD
    fitted = _vertical_fit(d, x0, x1, d.total) if orientation != "horizontal" else None
    if orientation == "vertical" and fitted is None:
        fitted = (7.0, [fit(s, 40, 7.0, max_lines=MAX_LABEL_LINES)[0] for s in d.categories])

    def build() -> Canvas:
        probe = Canvas(WIDTH, 10)
        below_title = probe.title(title)
        legend_h = 10 - legend(probe, _legend_items(d, item), x=x0, top=below_title, width=x1 - x0)
        if fitted is not None:
            height = legend_h + 300.0
        else:
            height = legend_h + _horizontal_height(d, x1 - x0) + PAD
        c = Canvas(WIDTH, height)
        y = legend(c, _legend_items(d, item), x=x0, top=c.title(title), width=x1 - x0)
        box = (x0, PAD, x1, y - 4)
        if fitted is not None:
            _vertical_panel(c, d, box, top=d.total, fitted=fitted, unit=unit)
        else:
            _horizontal_panel(c, d, box, top=d.total, unit=unit)
        return c

    return make_chart(
        "pareto",
        title=title,
        reading=_reading(d, item, unit),
        alt=_alt(d, item, unit),
        builder=build,
    )


def _change(before: float, after: float, unit: str) -> str:
    """ "turun dari 120 menjadi 50 kejadian (−58,3%)", "turun dari Rp 14.245 menjadi Rp 2.032"."""
    first, second = measured_first(unit), measured(unit)
    if after < before:
        change = percent((after - before) / before * 100, sign=True)
        return f"turun dari {first(before)} menjadi {second(after)} ({change})"
    if after > before:
        return f"naik dari {first(before)} menjadi {second(after)}" + (
            f" ({percent((after - before) / before * 100, sign=True)})" if before else ""
        )
    return f"tetap {second(before)}"


def pareto_before_after(
    before: Pareto | Mapping[str, float],
    after: Pareto | Mapping[str, float],
    *,
    title: str | None = None,
    item: str = "kategori",
    unit: str = "kejadian",
    labels: tuple[str, str] = ("Sebelum perbaikan", "Sesudah perbaikan"),
) -> Chart:
    """Draw the Paretos before and after an improvement on one common count scale.

    Each panel is a Pareto of its own data (sorted by its own counts); both share the count
    axis (0 to the larger total), and each panel's right axis runs 0-100% of its own total, so
    the smaller panel's bars, line and percentages are all drawn to the same scale. Panels sit
    side by side when the names fit, else one above the other (horizontal bars if needed).

    Raises:
        ChartInputError / StatsInputError: as :func:`pareto`, for either input.
    """
    b = _data(before, "data sebelum perbaikan")
    a = _data(after, "data sesudah perbaikan")
    title = title or "Diagram Pareto sebelum dan sesudah perbaikan"
    top = max(b.total, a.total)
    x0, x1 = PAD, WIDTH - PAD
    gap = 14.0
    mid = (x0 + x1) / 2
    side = [_vertical_fit(b, x0, mid - gap / 2, top), _vertical_fit(a, mid + gap / 2, x1, top)]
    full = [_vertical_fit(b, x0, x1, top), _vertical_fit(a, x0, x1, top)]
    mode = "side" if None not in side else "stacked" if None not in full else "horizontal"
    heads = [f"{labels[0]}: {measured(unit)(b.total)}", f"{labels[1]}: {measured(unit)(a.total)}"]
    items = _legend_items(b, item)

    def build() -> Canvas:
        probe = Canvas(WIDTH, 10)
        legend_h = 10 - legend(probe, items, x=x0, top=probe.title(title), width=x1 - x0)
        if mode == "side":
            heights = [280.0]
        elif mode == "stacked":
            heights = [230.0, 230.0]
        else:
            heights = [_horizontal_height(b, x1 - x0) + 16, _horizontal_height(a, x1 - x0) + 16]
        c = Canvas(WIDTH, legend_h + sum(heights) + PAD + 10 * (len(heights) - 1))
        y = legend(c, items, x=x0, top=c.title(title), width=x1 - x0) - 4
        if mode == "side":
            for d, (left, right), fitted, head in zip(
                (b, a), ((x0, mid - gap / 2), (mid + gap / 2, x1)), side, heads, strict=True
            ):
                assert fitted is not None
                _vertical_panel(
                    c, d, (left, PAD, right, y), top=top, fitted=fitted, unit=unit, heading=head
                )
            return c
        for d, h, fitted, head in zip((b, a), heights, full, heads, strict=True):
            box = (x0, y - h, x1, y)
            if mode == "stacked":
                assert fitted is not None
                _vertical_panel(c, d, box, top=top, fitted=fitted, unit=unit, heading=head)
            else:
                _horizontal_panel(c, d, box, top=top, unit=unit, heading=head)
            y -= h + 10
        return c

    # Counts keep their noun in front ("Total keluhan turun dari 125 menjadi 42"); amounts are
    # written with their values ("Total turun dari Rp 20.000 menjadi Rp 3.000").
    amount = is_rupiah(unit) or unit.strip().lower() in TIME_UNITS
    shown = unit if amount else ""
    total_text = (
        f"Total {_change(b.total, a.total, unit)}."
        if amount
        else f"Total {unit} {_change(b.total, a.total, '')}."
    )
    first = b.categories[0]
    after_first = a.counts[a.categories.index(first)] if first in a.categories else 0.0
    first_text = (
        f" {capitalized(item)} terbesar sebelum perbaikan, {quoted(first)}, "
        f"{_change(b.counts[0], after_first, shown)}."
    )
    now = (
        f" Sesudah perbaikan, {item} terbesar adalah {quoted(a.categories[0])} "
        f"({percent(a.percentages[0])})."
    )
    reading = total_text + first_text + now
    alt = f"Dua diagram Pareto dengan skala sama. {_alt(b, item, unit)} {_alt(a, item, unit)}"
    return make_chart("pareto_before_after", title=title, reading=reading, alt=alt, builder=build)
