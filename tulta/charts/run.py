"""Run chart (grafik garis) with its median, an optional target and the change marked.

Signals follow the usual run-chart rules (e.g. IHI): a *shift* is 6 or more consecutive points
on one side of the median (points on the median neither count nor break a run); a *trend* is 5
or more consecutive points going up, or going down. After a change, phase II points are judged
against the median *before* the change, drawn on as a dashed line, which is how a run chart
shows that an improvement is real.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from tulta.charts.base import (
    BLUE,
    GREEN,
    INK,
    ORANGE,
    PAD,
    PURPLE,
    WIDTH,
    Canvas,
    ChartInputError,
    legend,
)
from tulta.charts.format import capitalized, measured, percent, value
from tulta.charts.output import Chart, make_chart
from tulta.charts.timeplot import TimeLayout, check_labels, point_names
from tulta.charts.validate import finite_numbers, optional_number

__all__ = ["run_chart", "shifts", "trends"]

SHIFT = 6
TREND = 5


def shifts(x: np.ndarray, median: float, offset: int = 0) -> list[tuple[int, int, int]]:
    """Runs of >= 6 points on one side of ``median``: (first index, last index, side ±1)."""
    out = []
    side, start, length, last = 0, 0, 0, 0
    for i, v in enumerate(x.tolist()):
        s = (v > median) - (v < median)
        if s == 0:
            continue
        if s == side:
            length += 1
        else:
            if length >= SHIFT:
                out.append((start + offset, last + offset, side))
            side, start, length = s, i, 1
        last = i
    if length >= SHIFT:
        out.append((start + offset, last + offset, side))
    return out


def trends(x: np.ndarray) -> list[tuple[int, int, int]]:
    """Runs of >= 5 points steadily rising (+1) or falling (−1): (first, last, direction)."""
    out = []
    d = np.sign(np.diff(x)).astype(int).tolist()
    start = 0
    for i in range(1, len(d) + 1):
        if i == len(d) or d[i] != d[start] or d[i] == 0:
            if d[start] != 0 and i - start + 1 >= TREND:
                out.append((start, i, d[start]))
            start = i
    return out


def _flag(n: int, runs: list[tuple[int, int, int]]) -> np.ndarray:
    mask = np.zeros(n, dtype=bool)
    for a, b, _ in runs:
        mask[a : b + 1] = True
    return mask


def run_chart(
    values: Sequence[float] | np.ndarray,
    *,
    x_labels: Sequence[object] | None = None,
    change_at: int | None = None,
    change_label: str | None = None,
    target: float | None = None,
    better: str = "lower",
    title: str | None = None,
    y_label: str = "Nilai",
    unit: str = "",
) -> Chart:
    """Draw a run chart.

    Args:
        values: the measurements in time order (at least 2 numbers).
        x_labels: one label per point (e.g. dates), thinned on the axis.
        change_at: 0-based index of the first point after the change (improvement); the
            median is then computed per phase and phase II is judged against phase I's median.
        change_label: the annotation of the change (default "Perbaikan" and the first label).
        target: a target value, drawn as a line; ``better`` says which side meets it ("lower":
            at or below the target, e.g. waiting time; "higher": at or above).
        y_label, unit: the y-axis title and the unit for the reading ("menit").

    Raises:
        ChartInputError: fewer than 2 values, a value that is not a number, labels of the wrong
            length, ``change_at`` outside 1..n-1, a ``better`` other than lower/higher.
    """
    x = finite_numbers(values, what="nilai", minimum=2)
    n = x.size
    labels = check_labels(x_labels, n)
    goal = optional_number(target, "target")
    if better not in ("lower", "higher"):
        raise ChartInputError("invalid_option", "Pilihan better harus lower atau higher.")
    if change_at is not None and not (isinstance(change_at, int) and 1 <= change_at <= n - 1):
        raise ChartInputError(
            "invalid_option",
            f"Titik perubahan harus di antara titik ke-2 dan ke-{n}.",
            option="change_at",
        )
    split = change_at
    title = title or "Grafik garis (run chart)"
    m1 = float(np.median(x[:split])) if split else float(np.median(x))
    m2 = float(np.median(x[split:])) if split else None
    found_shifts = shifts(x[:split] if split else x, m1)
    if split:
        found_shifts += shifts(x[split:], m1, offset=split)
    found_trends = trends(x)
    shift_mask, trend_mask = _flag(n, found_shifts), _flag(n, found_trends)
    right = [f"Median {value(m1)}"] + ([f"Median {value(m2)}"] if m2 is not None else [])
    right += [f"Target {value(goal)}"] if goal is not None else []
    layout = TimeLayout(
        n=n,
        values=np.concatenate([x, [goal] if goal is not None else []]),
        y_title=y_label + (f" ({unit})" if unit else ""),
        x_labels=labels,
        x_title="" if labels else "Pengamatan ke-",
        right_labels=right,
        phase_split=split,
    )
    items: list[tuple[str, dict[str, object], str]] = [
        ("line", {"color": INK, "marker": "o", "ms": 3.5, "lw": 0.9}, "Nilai"),
        ("line", {"color": BLUE, "lw": 1.3}, "Median"),
    ]
    if split:
        items.append(
            (
                "line",
                {"color": BLUE, "lw": 1.1, "ls": (0, (4, 2))},
                "Median sebelum perbaikan (diteruskan)",
            )
        )
    if goal is not None:
        items.append(("line", {"color": GREEN, "lw": 1.2, "ls": (0, (6, 2, 1, 2))}, "Target"))
    if shift_mask.any():
        items.append(
            (
                "marker",
                {"marker": "^", "color": ORANGE, "mec": INK, "ms": 6},
                f"Pergeseran: ≥ {SHIFT} titik berturut-turut di satu sisi median",
            )
        )
    if trend_mask.any():
        items.append(
            (
                "marker",
                {"marker": "D", "color": PURPLE, "mec": INK, "ms": 5},
                f"Tren: ≥ {TREND} titik berturut-turut terus naik atau turun",
            )
        )
    ms = 4.0 if n <= 60 else 2.5 if n <= 300 else 0.0
    change = change_label or ("Perbaikan" + (f" ({labels[split]})" if labels and split else ""))

    def build() -> Canvas:
        probe = Canvas(WIDTH, 10)
        legend_h = 10 - legend(probe, items, x=PAD, top=probe.title(title), width=WIDTH - 2 * PAD)
        c = Canvas(WIDTH, legend_h + layout.height() + PAD)
        plot = layout.draw(c, legend(c, items, x=PAD, top=c.title(title), width=WIDTH - 2 * PAD))
        px, py = plot.x.array(np.arange(n)), plot.y.array(x)
        for lo, hi in ((0, split), (split, n)) if split else ((0, n),):
            c.line(
                px[lo:hi], py[lo:hi], color=INK, lw=0.9, marker="o" if ms else None, ms=ms, zorder=5
            )
        edge = plot.x(split - 0.5) if split else plot.x1
        c.line([plot.x0, edge], [plot.y(m1)] * 2, color=BLUE, lw=1.3, zorder=3)
        texts = [(m1, right[0], BLUE)]
        if split and m2 is not None:
            c.line([edge, plot.x1], [plot.y(m1)] * 2, color=BLUE, lw=1.1, ls=(0, (4, 2)), zorder=3)
            c.line([edge, plot.x1], [plot.y(m2)] * 2, color=BLUE, lw=1.3, zorder=3)
            texts = [(m1, right[0], BLUE), (m2, right[1], BLUE)]
        if goal is not None:
            c.line(
                [plot.x0, plot.x1],
                [plot.y(goal)] * 2,
                color=GREEN,
                lw=1.2,
                ls=(0, (6, 2, 1, 2)),
                zorder=3,
            )
            texts.append((goal, right[-1], GREEN))
        layout.right_texts(plot, texts)
        if shift_mask.any():
            c.line(
                px[shift_mask],
                py[shift_mask],
                lw=0,
                marker="^",
                ms=6,
                color=ORANGE,
                mec=INK,
                zorder=6,
            )
        both = trend_mask & shift_mask
        if trend_mask.any():
            c.line(
                px[trend_mask],
                py[trend_mask] + both[trend_mask] * 7.5,
                lw=0,
                marker="D",
                ms=5,
                color=PURPLE,
                mec=INK,
                zorder=6,
            )
        if split:
            layout.mark_change(plot, change)
        return c

    reading = _reading(x, split, m1, m2, found_shifts, found_trends, labels, goal, better, unit)
    alt = f"{title}: {n} titik. {reading}"
    return make_chart("run_chart", title=title, reading=reading, alt=alt, builder=build)


def _reading(
    x: np.ndarray,
    split: int | None,
    m1: float,
    m2: float | None,
    found_shifts: list[tuple[int, int, int]],
    found_trends: list[tuple[int, int, int]],
    labels: tuple[str, ...] | None,
    goal: float | None,
    better: str,
    unit: str,
) -> str:
    q = measured(unit)
    parts = []
    if split and m2 is not None:
        change = ""
        if m1:
            change = f" ({percent((m2 - m1) / abs(m1) * 100, sign=True)})"
        parts.append(f"Median sebelum perbaikan {q(m1)}, sesudah perbaikan {q(m2)}{change}.")
        after = [s for s in found_shifts if s[0] >= split]
        if after:
            a, b, side = max(after, key=lambda s: s[1] - s[0])
            where = "di bawah" if side < 0 else "di atas"
            parts.append(
                f"Sesudah perbaikan, {b - a + 1} titik berturut-turut berada {where} median "
                "sebelumnya: perubahan ini nyata, bukan kebetulan."
            )
        else:
            parts.append(
                f"Belum ada {SHIFT} titik berturut-turut di satu sisi median sebelumnya, jadi "
                "perubahan belum dapat dipastikan."
            )
    else:
        parts.append(f"Median {q(m1)}.")
        for a, b, side in found_shifts:
            where = "di bawah" if side < 0 else "di atas"
            parts.append(
                f"Ada pergeseran: {b - a + 1} titik berturut-turut {where} median "
                f"({point_names([a, b], labels)})."
            )
        if not found_shifts and not found_trends:
            parts.append("Tidak ada pergeseran atau tren: naik-turunnya masih wajar.")
    for a, b, direction in found_trends:
        verb = "terus naik" if direction > 0 else "terus turun"
        parts.append(
            f"Ada tren: {b - a + 1} titik berturut-turut {verb} ({point_names([a, b], labels)})."
        )
    if goal is not None:
        part = x[split:] if split else x
        met = int(np.sum(part <= goal) if better == "lower" else np.sum(part >= goal))
        sign = "≤" if better == "lower" else "≥"
        scope = "Sesudah perbaikan, " if split else ""
        parts.append(
            capitalized(f"{scope}{met} dari {part.size} titik memenuhi target ({sign} {q(goal)}).")
        )
    return " ".join(parts)
