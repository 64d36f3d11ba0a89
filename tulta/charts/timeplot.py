"""The layout shared by the run chart and the control chart: points in time order, an x axis
of point numbers or labels (thinned so they never overlap), a y axis, labels beside the
horizontal lines at the right, and the change between phase I and II marked and annotated."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from tulta.charts.axes import Plot, Scale, label_width, nice_ticks, spread
from tulta.charts.base import GREY, INK, PAD, SMALL_SIZE, WHITE, WIDTH, Canvas, ChartInputError
from tulta.charts.format import tick_labels
from tulta.charts.text import fit, text_width

__all__ = ["TimeLayout", "check_labels", "point_names"]

PLOT_HEIGHT = 200.0


def check_labels(x_labels: Sequence[object] | None, n: int) -> tuple[str, ...] | None:
    """The x labels as strings, or None; raises when their number is not ``n``."""
    if x_labels is None:
        return None
    labels = tuple(str(v) for v in x_labels)
    if len(labels) != n:
        raise ChartInputError(
            "size_mismatch",
            f"Banyaknya label sumbu x ({len(labels)}) tidak sama dengan banyaknya titik ({n}).",
        )
    return labels


def point_names(
    indices: Sequence[int] | np.ndarray, labels: tuple[str, ...] | None, limit: int = 3
) -> str:
    """``"5 Feb, 6 Feb dan 3 lainnya"`` or ``"titik ke-3 dan ke-7"`` for a reading."""
    idx = [int(i) for i in indices]
    if labels is not None:
        names = [labels[i] for i in idx[:limit]]
    else:
        names = [f"ke-{i + 1}" for i in idx[:limit]]
        names[0] = "titik " + names[0]
    if len(idx) > limit:
        return ", ".join(names) + f" dan {len(idx) - limit} lainnya"
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " dan " + names[-1]


@dataclass
class TimeLayout:
    """Computes and draws the frame of a time-ordered chart of ``n`` points.

    ``values`` are every y value that must be visible (points and lines); ``y_format`` turns
    tick values into labels; ``right_labels`` are the texts written beside horizontal lines at
    the right edge (their width sets the right margin).
    """

    n: int
    values: np.ndarray
    y_title: str
    x_labels: tuple[str, ...] | None
    x_title: str
    right_labels: Sequence[str]
    phase_split: int | None
    y_format: Callable[[Sequence[float]], list[str]] = tick_labels

    def __post_init__(self) -> None:
        finite = self.values[np.isfinite(self.values)]
        lo, hi = float(finite.min()), float(finite.max())
        pad = (hi - lo) * 0.08 or abs(hi) * 0.1 or 1.0
        self.lo, self.hi, self.yticks = nice_ticks(lo - pad, hi + pad, nbins=6, expand=False)
        self.ylabels = self.y_format(self.yticks)
        left = label_width(self.ylabels) + 8 + SMALL_SIZE * 1.6 + PAD
        right = max(label_width(list(self.right_labels)), 10.0) + 10 + PAD
        self.x0, self.x1 = left, WIDTH - right

    def top_band(self) -> float:
        """Room above the plot for the phase annotation."""
        return 2 * (SMALL_SIZE * 1.5) + 4 if self.phase_split is not None else 6.0

    def x_ticks(self) -> tuple[list[int], list[str]]:
        """Tick positions (0-based point indices) and their labels, spaced so none overlap."""
        slot = (self.x1 - self.x0) / self.n
        if self.x_labels is None:
            _, _, ticks = nice_ticks(1, max(self.n, 2), nbins=8, integer=True, expand=False)
            idx = [int(t) - 1 for t in ticks if 1 <= t <= self.n]
            return idx, [str(i + 1) for i in idx]
        labels = [fit(s, 90.0, SMALL_SIZE, max_lines=1)[0][0] for s in self.x_labels]
        need = label_width(labels) + 8
        step = max(1, math.ceil(need / slot))
        candidates = (1, 2, 3, 4, 5, 6, 7, 10, 12, 14, 20, 25, 30, 50, 100, 10 ** len(str(step)))
        nice = next(s for s in candidates if s >= step)
        idx = list(range(0, self.n, nice))
        return idx, [labels[i] for i in idx]

    def height(self) -> float:
        """Height of the plot block (plot, x axis, band above)."""
        return self.top_band() + PLOT_HEIGHT + SMALL_SIZE * (3.4 if self.x_title else 1.9) + 6

    def draw(self, c: Canvas, top: float) -> Plot:
        """Draw axes below ``top``; return the plot (x scale in point indices)."""
        y1 = top - self.top_band()
        y0 = y1 - PLOT_HEIGHT
        xs = Scale(-0.5, self.n - 0.5, self.x0, self.x1)
        ys = Scale(self.lo, self.hi, y0, y1)
        plot = Plot(c, self.x0, y0, self.x1, y1, xs, ys)
        plot.yticks(self.yticks, self.ylabels)
        idx, labels = self.x_ticks()
        plot.xticks(idx, labels)
        plot.frame()
        plot.ytitle(self.y_title, PAD)
        if self.x_title:
            plot.xtitle(self.x_title, y0 - SMALL_SIZE * 1.9 - 2)
        return plot

    def right_texts(self, plot: Plot, items: Sequence[tuple[float, str, str]]) -> None:
        """Labels ``(y value, text, colour)`` beside the right edge, moved apart if close."""
        ys = spread([plot.y(v) for v, _, _ in items], SMALL_SIZE * 1.25, plot.y0, plot.y1 + 6)
        for y, (_, text, colour) in zip(ys, items, strict=True):
            plot.c.text(
                plot.x1 + 4,
                y,
                text,
                size=SMALL_SIZE,
                va="center_baseline",
                color=colour,
                role="line_label",
            )

    def mark_change(self, plot: Plot, label: str) -> None:
        """The dotted line between phase I and II, "← Sebelum | Sesudah →" and ``label``."""
        assert self.phase_split is not None
        c = plot.c
        x = plot.x(self.phase_split - 0.5)
        c.line([x, x], [plot.y0, plot.y1 + 2], color=INK, lw=1.0, ls=(0, (2, 2)), zorder=2)
        row = plot.y1 + 4
        c.text(
            x - 4,
            row,
            "← Sebelum",
            size=SMALL_SIZE - 0.5,
            ha="right",
            va="bottom",
            color=GREY,
            role="phase",
        )
        c.text(
            x + 4,
            row,
            "Sesudah →",
            size=SMALL_SIZE - 0.5,
            ha="left",
            va="bottom",
            color=GREY,
            role="phase",
        )
        width = text_width(label, SMALL_SIZE, bold=True)
        cx = min(max(x, PAD + width / 2 + 2), WIDTH - PAD - width / 2 - 2)
        c.text(
            cx,
            row + SMALL_SIZE * 1.5,
            label,
            size=SMALL_SIZE,
            bold=True,
            ha="center",
            va="bottom",
            box=WHITE,
            role="change",
        )

    def mark_stages(
        self, plot: Plot, bounds: Sequence[tuple[int, int]], labels: Sequence[str]
    ) -> None:
        """A dotted line before each stage but the first, and each stage's name above it."""
        c = plot.c
        row = plot.y1 + 4
        for k, ((lo, hi), label) in enumerate(zip(bounds, labels, strict=True)):
            left, right = plot.x(lo - 0.5), plot.x(hi - 0.5)
            if k:
                c.line(
                    [left, left],
                    [plot.y0, plot.y1 + 2],
                    color=INK,
                    lw=1.0,
                    ls=(0, (2, 2)),
                    zorder=2,
                )
            room = right - left - 4
            text = fit(label, max(room, 12.0), SMALL_SIZE, max_lines=1)[0][0]
            c.text(
                (left + right) / 2,
                row,
                text,
                size=SMALL_SIZE - 0.5,
                bold=True,
                ha="center",
                va="bottom",
                color=GREY,
                role="phase",
            )


def steps(values: np.ndarray, scale: Scale, xscale: Scale) -> tuple[np.ndarray, np.ndarray]:
    """A horizontal line per point (x - 0.5 .. x + 0.5) joined into steps, in points."""
    n = values.size
    xs = np.repeat(np.arange(n + 1) - 0.5, 2)[1:-1]
    return xscale.array(xs), scale.array(np.repeat(values, 2))
