"""Geometry for the dashboard's small server-side charts (inline SVG, no JavaScript).

Pure Python: it turns numbers into coordinates; the templates draw them and always sit next to
a table with the same numbers, so the charts are never the only way to read a figure.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Segment:
    key: str
    value: int
    x: float
    width: float


@dataclass(frozen=True)
class StackedBar:
    label: str
    total: int
    segments: list[Segment]
    y: float = 0.0


def stacked_bars(
    rows: Sequence[tuple[str, Sequence[tuple[str, int]]]],
    *,
    width: float = 100.0,
    row_height: float = 0.0,
) -> list[StackedBar]:
    """One bar per row, its segments as shares of the row's total (each bar fills ``width``);
    row *i* sits at ``y = i × row_height``."""
    bars = []
    for index, (label, parts) in enumerate(rows):
        total = sum(value for _, value in parts)
        x = 0.0
        segments = []
        for key, value in parts:
            share = width * value / total if total else 0.0
            segments.append(Segment(key=key, value=value, x=round(x, 3), width=round(share, 3)))
            x += share
        bars.append(StackedBar(label=label, total=total, segments=segments, y=index * row_height))
    return bars


def nice_ceiling(value: float) -> int:
    """The smallest of 1, 2, 5 × 10^k not below ``value`` (at least 1): a tidy axis maximum."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return int(step * power)
    return int(10 * power)  # pragma: no cover - the loop always returns


@dataclass(frozen=True)
class Tick:
    value: int
    y: float


@dataclass(frozen=True)
class XLabel:
    text: str
    x: float


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    left: int
    bottom: int
    points: str
    y_ticks: list[Tick]
    x_labels: list[XLabel]
    maximum: int
    #: The vertical middle of the plot, where the y axis's title is centred.
    middle: float


BULAN_PENDEK = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")


def line_chart(
    series: Sequence[tuple[dt.date, int]],
    *,
    width: int = 1100,
    height: int = 240,
    left: int = 64,
    right: int = 12,
    top: int = 12,
    bottom: int = 28,
) -> LineChart:
    """Coordinates of a line over dated values, with y ticks at tidy steps (at most about five)
    and one x label per month."""
    plot_w = width - left - right
    plot_h = height - top - bottom
    top_value = max((v for _, v in series), default=0)
    step = nice_ceiling(top_value / 4)
    maximum = step * max(1, math.ceil(top_value / step))
    n = len(series)

    def x_of(i: int) -> float:
        return left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def y_of(v: float) -> float:
        return top + plot_h - plot_h * v / maximum

    points = " ".join(f"{x_of(i):.1f},{y_of(v):.1f}" for i, (_, v) in enumerate(series))
    ticks = [Tick(value=v, y=round(y_of(v), 1)) for v in range(0, maximum + 1, step)]
    # One label per month, on the point that falls in the month's first week (weekly series
    # hit each month's first week once), so a programme starting on the 31st does not crowd
    # two labels together.
    labels = [
        XLabel(text=BULAN_PENDEK[day.month - 1], x=round(x_of(i), 1))
        for i, (day, _) in enumerate(series)
        if day.day <= 7 and (i == 0 or series[i - 1][0].month != day.month)
    ]
    if len(labels) > 8:  # keep labels legible on a long programme: every other month
        labels = labels[::2]
    return LineChart(
        width=width,
        height=height,
        left=left,
        bottom=height - bottom,
        points=points,
        y_ticks=ticks,
        x_labels=labels,
        maximum=maximum,
        middle=round(top + plot_h / 2, 1),
    )
