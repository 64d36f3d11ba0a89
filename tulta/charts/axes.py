"""Scales, ticks and axes drawn on a :class:`~tulta.charts.base.Canvas`.

A :class:`Scale` maps data values to points; :func:`nice_ticks` chooses round tick values
(matplotlib's MaxNLocator, without an Axes); :class:`Plot` draws a plot area's frame, grid,
ticks and tick labels in Indonesian number format.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib.ticker import MaxNLocator

from tulta.charts.base import GREY, INK, LIGHT, SMALL_SIZE, Canvas
from tulta.charts.format import tick_labels
from tulta.charts.text import text_width

__all__ = ["Plot", "Scale", "label_width", "nice_ticks", "spread"]


@dataclass(frozen=True)
class Scale:
    """A linear map from the data range [lo, hi] to the point range [p0, p1]."""

    lo: float
    hi: float
    p0: float
    p1: float

    def __call__(self, v: float) -> float:
        return self.p0 + (float(v) - self.lo) * (self.p1 - self.p0) / (self.hi - self.lo)

    def array(self, v: np.ndarray | Sequence[float]) -> np.ndarray:
        """The map applied to many values at once."""
        arr = np.asarray(v, dtype=float)
        return self.p0 + (arr - self.lo) * ((self.p1 - self.p0) / (self.hi - self.lo))


def nice_ticks(
    lo: float, hi: float, *, nbins: int = 6, integer: bool = False, expand: bool = True
) -> tuple[float, float, list[float]]:
    """Round tick values for [lo, hi]; with ``expand`` the range grows to the outer ticks.

    Returns ``(lo, hi, ticks)``. A zero-width range is widened around its value.
    """
    lo, hi = float(lo), float(hi)
    if not hi > lo:
        span = abs(lo) * 0.1 or 1.0
        lo, hi = lo - span, hi + span
    locator = MaxNLocator(nbins=nbins, steps=[1, 2, 2.5, 5, 10], integer=integer)
    values = [float(v) for v in locator.tick_values(lo, hi)]
    span = hi - lo
    if expand:
        lo, hi = min(lo, values[0]), max(hi, values[-1])
    ticks = [
        0.0 if abs(v) < span * 1e-9 else v
        for v in values
        if lo - span * 1e-9 <= v <= hi + span * 1e-9
    ]
    return lo, hi, ticks


def label_width(labels: Sequence[str], size: float = SMALL_SIZE) -> float:
    """The widest of ``labels`` in points."""
    return max((text_width(s, size) for s in labels), default=0.0)


def spread(positions: Sequence[float], gap: float, lo: float, hi: float) -> list[float]:
    """Move 1-D label positions apart so neighbours are at least ``gap`` apart, staying in
    [lo, hi] where possible and keeping their order (for labels beside lines)."""
    order = sorted(range(len(positions)), key=lambda i: positions[i])
    placed = [float(positions[i]) for i in order]
    for _ in range(len(placed) + 1):
        moved = False
        for k in range(1, len(placed)):
            overlap = gap - (placed[k] - placed[k - 1])
            if overlap > 1e-9:
                placed[k - 1] -= overlap / 2
                placed[k] += overlap / 2
                moved = True
        if placed:
            if placed[0] < lo:
                shift = lo - placed[0]
                placed = [p + shift for p in placed]
                moved = True
            if placed[-1] > hi and placed[0] - (placed[-1] - hi) >= lo:
                shift = placed[-1] - hi
                placed = [p - shift for p in placed]
                moved = True
        if not moved:
            break
    out = [0.0] * len(positions)
    for k, i in enumerate(order):
        out[i] = placed[k]
    return out


class Plot:
    """A rectangular plot area [x0, x1] x [y0, y1] (points) with data scales ``x`` and ``y``."""

    def __init__(
        self, canvas: Canvas, x0: float, y0: float, x1: float, y1: float, x: Scale, y: Scale
    ) -> None:
        self.c = canvas
        self.x0, self.y0, self.x1, self.y1 = x0, y0, x1, y1
        self.x = x
        self.y = y

    def frame(self, *, left: bool = True, bottom: bool = True, right: bool = False) -> None:
        """Axis lines (spines) on the chosen sides."""
        if left:
            self.c.line([self.x0, self.x0], [self.y0, self.y1], color=INK, lw=0.8, zorder=4)
        if bottom:
            self.c.line([self.x0, self.x1], [self.y0, self.y0], color=INK, lw=0.8, zorder=4)
        if right:
            self.c.line([self.x1, self.x1], [self.y0, self.y1], color=INK, lw=0.8, zorder=4)

    def yticks(
        self,
        ticks: Sequence[float],
        labels: Sequence[str] | None = None,
        *,
        side: str = "left",
        grid: bool = True,
        scale: Scale | None = None,
        size: float = SMALL_SIZE,
        role: str = "ytick",
    ) -> None:
        """Ticks and labels on the left or right side; light horizontal grid lines."""
        scale = scale or self.y
        labels = list(labels) if labels is not None else tick_labels(ticks)
        x = self.x0 if side == "left" else self.x1
        sign = -1 if side == "left" else 1
        for value, label in zip(ticks, labels, strict=True):
            y = scale(value)
            if grid:
                self.c.line([self.x0, self.x1], [y, y], color=LIGHT, lw=0.5, zorder=0.5)
            self.c.line([x, x + 3 * sign], [y, y], color=INK, lw=0.8, zorder=4)
            self.c.text(
                x + 5 * sign,
                y,
                label,
                size=size,
                ha="right" if side == "left" else "left",
                va="center_baseline",
                role=role,
            )

    def xticks(
        self,
        ticks: Sequence[float],
        labels: Sequence[str] | None = None,
        *,
        grid: bool = False,
        top: bool = False,
        size: float = SMALL_SIZE,
        role: str = "xtick",
        scale: Scale | None = None,
    ) -> None:
        """Ticks and labels below (or above) the plot area."""
        scale = scale or self.x
        labels = list(labels) if labels is not None else tick_labels(ticks)
        y = self.y1 if top else self.y0
        sign = 1 if top else -1
        for value, label in zip(ticks, labels, strict=True):
            x = scale(value)
            if grid:
                self.c.line([x, x], [self.y0, self.y1], color=LIGHT, lw=0.5, zorder=0.5)
            self.c.line([x, x], [y, y + 3 * sign], color=INK, lw=0.8, zorder=4)
            self.c.text(
                x,
                y + 5 * sign,
                label,
                size=size,
                ha="center",
                va="bottom" if top else "top",
                role=role,
            )

    def ytitle(self, title: str, x: float, *, size: float = SMALL_SIZE) -> None:
        """A vertical axis title centred on the plot's height, its text's top at ``x``."""
        self.c.text(
            x,
            (self.y0 + self.y1) / 2,
            title,
            size=size,
            rotation=90,
            ha="center",
            va="top",  # rotated a quarter turn: the text's top faces left, so it runs right of x
            color=GREY,
            role="axis_title",
        )

    def xtitle(self, title: str, y: float, *, size: float = SMALL_SIZE) -> None:
        """A horizontal axis title centred below the plot, its text's top at ``y``."""
        self.c.text(
            (self.x0 + self.x1) / 2,
            y,
            title,
            size=size,
            ha="center",
            va="top",
            color=GREY,
            role="axis_title",
        )


def count_axis(maximum: float, *, nbins: int = 6) -> tuple[float, list[float]]:
    """Top of a count axis starting at 0, and its ticks (integers when the data are)."""
    top = max(float(maximum), 1.0)
    integer = float(maximum).is_integer()
    _, hi, ticks = nice_ticks(0.0, top, nbins=nbins, integer=integer)
    return hi, ticks


def ceil_to(value: float, step: float) -> float:
    """``value`` rounded up to a multiple of ``step``."""
    return math.ceil(value / step) * step


def fit_categories(
    labels: Sequence[str],
    slot: float,
    *,
    sizes: Sequence[float] = (9.0, 8.0, 7.0),
    max_lines: int = 3,
) -> tuple[float, list[list[str]]] | None:
    """Wrap category labels to fit side by side in slots ``slot`` points wide.

    Tries each font size in turn (largest first) and returns ``(size, lines per label)`` for
    the first where every label fits in ``max_lines`` lines without breaking a word; None when
    none does (the caller then switches to horizontal bars).
    """
    from tulta.charts.text import breaks_words, wrap

    width = slot - 4.0
    if width <= 8:
        return None
    for size in sizes:
        if any(breaks_words(label, width, size) for label in labels):
            continue
        wrapped = [wrap(label, width, size) for label in labels]
        if all(len(lines) <= max_lines for lines in wrapped):
            return size, wrapped
    return None
