"""The drawing surface (:class:`Canvas`), the palette, font sizes, legends and the input error.

Every chart is drawn on a :class:`Canvas`: a matplotlib :class:`~matplotlib.figure.Figure`
(created directly, never through pyplot, so no global figure registry) whose coordinates are
*points* (1/72 inch) from the bottom-left corner. Layouts are computed from measured text
(:mod:`tulta.charts.text`), which is faster and more predictable than matplotlib's Axes and
automatic layout, and lets each chart guarantee that its labels do not overlap.

Rendering to SVG/PNG and the :class:`~tulta.charts.output.Chart` result live in
:mod:`tulta.charts.output`.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.backends.backend_mixed import MixedModeRenderer
from matplotlib.backends.backend_svg import FigureCanvasSVG, RendererSVG
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Polygon, Rectangle
from matplotlib.text import Text
from matplotlib.transforms import Affine2D, Transform

from tulta.charts.text import FAMILY, LINE_SPACING, svg_text_extent, text_width, wrap

__all__ = [
    "BLACK",
    "BLUE",
    "FAMILY",
    "GREEN",
    "GREY",
    "INK",
    "LIGHT",
    "ORANGE",
    "PURPLE",
    "SKY",
    "VERMILLION",
    "WHITE",
    "YELLOW",
    "Canvas",
    "ChartInputError",
    "legend",
]

# Okabe & Ito (2008) colour-blind-safe palette.
BLACK = "#000000"
ORANGE = "#E69F00"
SKY = "#56B4E9"
GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
#: Text and outlines; light greys for grids and fills.
INK = "#1A1A1A"
GREY = "#6B6B6B"
LIGHT = "#D9D9D9"
PALE = "#F2F2F2"
WHITE = "#FFFFFF"

#: Series styles that stay distinct in black and white: fill, hatch, marker, line style.
SERIES = (
    (SKY, "", "o", "-"),
    (ORANGE, "///", "s", "--"),
    (GREEN, "...", "^", ":"),
    (PURPLE, "\\\\\\", "D", "-."),
    (YELLOW, "xx", "v", (0, (5, 1, 1, 1))),
    (BLUE, "---", "P", (0, (1, 1))),
)

#: Font sizes in points.
TITLE_SIZE = 11.0
BASE_SIZE = 9.0
SMALL_SIZE = 8.0
MIN_SIZE = 6.5

#: The default width of a chart: 6.5 inches, the text width of an A4 page with 2.5 cm margins
#: in Word, so a 9-point label prints at 9 points.
WIDTH = 468.0
PAD = 10.0


class ChartInputError(ValueError):
    """Input a chart cannot be drawn from (too few points, empty categories, negative counts,
    text where a number is required, ...).

    Same shape as :class:`tulta.stats.StatsInputError`: ``code`` is a stable English identifier,
    ``message`` an Indonesian sentence for the user, ``where`` the location (0-based indices).
    """

    def __init__(self, code: str, message: str, **where: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.where: dict[str, Any] = where

    def __str__(self) -> str:
        return self.message

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-serialisable form: ``{"code", "message", "where"}``."""
        return {"code": self.code, "message": self.message, "where": dict(self.where)}


class Canvas:
    """A white drawing surface ``width`` x ``height`` points; (0, 0) is the bottom-left corner.

    The drawing methods add matplotlib artists in point coordinates and return them. Texts can
    be tagged with a ``role`` (e.g. ``"category"``) so tests can find them with :meth:`texts`.
    """

    def __init__(self, width: float, height: float) -> None:
        self.width = float(width)
        self.height = float(height)
        self.figure = Figure(figsize=(self.width / 72.0, self.height / 72.0), dpi=72)
        self.figure.patch.set_facecolor(WHITE)
        self.transform: Transform = Affine2D().scale(1.0 / 72.0) + self.figure.dpi_scale_trans
        self._roles: dict[str, list[Text]] = {}

    # --- primitives ------------------------------------------------------------------------

    def rect(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        *,
        fill: str | None = WHITE,
        edge: str | None = INK,
        lw: float = 0.6,
        hatch: str | None = None,
        zorder: float = 1,
        ls: Any = "-",
    ) -> Rectangle:
        """A rectangle with its bottom-left corner at (x, y)."""
        patch = Rectangle(
            (x, y),
            w,
            h,
            transform=self.transform,
            facecolor=fill if fill is not None else "none",
            edgecolor=edge if edge is not None else "none",
            linewidth=lw if edge is not None else 0,
            hatch=hatch or None,
            zorder=zorder,
            linestyle=ls,
        )
        self.figure.add_artist(patch)
        return patch

    def rounded(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        *,
        radius: float = 4.0,
        fill: str = WHITE,
        edge: str = INK,
        lw: float = 0.8,
        zorder: float = 2,
        ls: Any = "-",
    ) -> FancyBboxPatch:
        """A rectangle with rounded corners (bottom-left at (x, y))."""
        patch = FancyBboxPatch(
            (x, y),
            w,
            h,
            boxstyle=f"round,pad=0,rounding_size={radius}",
            transform=self.transform,
            facecolor=fill,
            edgecolor=edge,
            linewidth=lw,
            zorder=zorder,
            linestyle=ls,
        )
        self.figure.add_artist(patch)
        return patch

    def polygon(
        self,
        points: Sequence[tuple[float, float]],
        *,
        fill: str | None = WHITE,
        edge: str = INK,
        lw: float = 0.8,
        hatch: str | None = None,
        zorder: float = 2,
    ) -> Polygon:
        """A closed polygon."""
        patch = Polygon(
            np.asarray(points, dtype=float),
            closed=True,
            transform=self.transform,
            facecolor=fill if fill is not None else "none",
            edgecolor=edge,
            linewidth=lw,
            hatch=hatch or None,
            zorder=zorder,
        )
        self.figure.add_artist(patch)
        return patch

    def line(
        self,
        xs: Sequence[float] | np.ndarray,
        ys: Sequence[float] | np.ndarray,
        *,
        color: str = INK,
        lw: float = 1.0,
        ls: Any = "-",
        marker: str | None = None,
        ms: float = 4.0,
        mfc: str | None = None,
        mec: str | None = None,
        mew: float = 0.8,
        zorder: float = 3,
        drawstyle: str = "default",
    ) -> Line2D:
        """A polyline (``lw=0`` with a marker draws markers only)."""
        style: dict[str, Any] = {"drawstyle": drawstyle}
        artist = Line2D(
            np.asarray(xs, dtype=float),
            np.asarray(ys, dtype=float),
            **style,
            transform=self.transform,
            color=color,
            linewidth=lw,
            linestyle=ls if lw > 0 else "none",
            marker=marker if marker else "None",
            markersize=ms,
            markerfacecolor=mfc if mfc is not None else color,
            markeredgecolor=mec if mec is not None else color,
            markeredgewidth=mew,
            zorder=zorder,
            solid_joinstyle="round",
        )
        self.figure.add_artist(artist)
        return artist

    def arrow(
        self,
        points: Sequence[tuple[float, float]],
        *,
        color: str = INK,
        lw: float = 0.9,
        head: float = 7.0,
        zorder: float = 3,
    ) -> None:
        """A polyline ending in an arrow head at its last point."""
        if len(points) > 2:
            xs, ys = zip(*points[:-1], strict=True)
            self.line(xs, ys, color=color, lw=lw, zorder=zorder)
        patch = FancyArrowPatch(
            points[-2],
            points[-1],
            arrowstyle="-|>",
            mutation_scale=head,
            transform=self.transform,
            color=color,
            linewidth=lw,
            shrinkA=0,
            shrinkB=0,
            zorder=zorder,
        )
        self.figure.add_artist(patch)

    def text(
        self,
        x: float,
        y: float,
        s: str,
        *,
        size: float = BASE_SIZE,
        bold: bool = False,
        ha: str = "left",
        va: str = "baseline",
        color: str = INK,
        rotation: float = 0.0,
        role: str | None = None,
        box: str | None = None,
        zorder: float = 5,
        multialignment: str | None = None,
    ) -> Text:
        """Text at (x, y); ``box`` gives it a background of that colour (for labels on lines).

        Lines are spaced by the font's own metrics (``linespacing="normal"``: 1.2 em for DejaVu
        Sans), so the first baseline of ``va="top"`` text is always one ascent below y whatever
        its letters, and texts side by side line up. Multi-line ``center_baseline`` text is
        centred as a block.
        """
        if "\n" in s:
            if va == "top":
                y += size * 0.1  # multi-line blocks add half the line gap above the first line
            elif va == "center_baseline":
                va = "center"
        props: dict[str, Any] = {
            "transform": self.transform,
            "fontsize": size,
            "fontweight": "bold" if bold else "normal",
            "fontfamily": FAMILY,
            "horizontalalignment": ha,
            "verticalalignment": va,
            "color": color,
            "rotation": rotation,
            "rotation_mode": "anchor",
            "linespacing": "normal",
            "zorder": zorder,
            "multialignment": multialignment or ha,
        }
        artist = Text(x, y, s, **props)
        if box is not None:
            artist.set_bbox({"boxstyle": "square,pad=0.15", "facecolor": box, "edgecolor": "none"})
        self.figure.add_artist(artist)
        if role is not None:
            self._roles.setdefault(role, []).append(artist)
        return artist

    def title(self, title: str, *, top: float | None = None, width: float | None = None) -> float:
        """Draw the wrapped bold title at the top; return the y just below it."""
        y = self.height - PAD if top is None else top
        lines = wrap(title, (width or self.width) - 2 * PAD, TITLE_SIZE, bold=True)
        self.text(PAD, y, "\n".join(lines), size=TITLE_SIZE, bold=True, va="top", role="title")
        return y - title_height(len(lines)) - 4.0

    def texts(self, role: str) -> list[Text]:
        """The texts drawn with ``role`` (for tests and tools)."""
        return list(self._roles.get(role, []))

    # --- output ----------------------------------------------------------------------------

    def svg(self) -> str:
        """The SVG document (must be called while rendering; see :func:`make_chart`)."""
        buffer = io.StringIO()
        _SVGCanvas(self.figure)  # becomes the figure's canvas: savefig draws through it
        self.figure.savefig(buffer, format="svg", metadata={"Date": None})
        return buffer.getvalue()

    def png(self, dpi: float) -> bytes:
        """The PNG image at ``dpi`` (must be called while rendering)."""
        buffer = io.BytesIO()
        self.figure.savefig(
            buffer, format="png", dpi=dpi, metadata={"Software": None}, facecolor=WHITE
        )
        return buffer.getvalue()


#: The font file of each (families, weight, style) the charts use, for :class:`_SVGRenderer`.
_FONT_FILES: dict[tuple[Any, ...], str] = {}


class _SVGRenderer(RendererSVG):
    """matplotlib's SVG renderer, measuring plain text with :func:`svg_text_extent` (cached
    glyph metrics) instead of shaping each string again; same figures within 0.01 pt."""

    def get_text_width_height_descent(
        self, s: str, prop: FontProperties, ismath: Any
    ) -> tuple[float, float, float]:
        if not ismath:
            key = (tuple(prop.get_family()), prop.get_weight(), prop.get_style())
            path = _FONT_FILES.get(key)
            if path is None:
                path = _FONT_FILES[key] = str(findfont(prop))
            extent = svg_text_extent(s, path, prop.get_size_in_points())
            if extent is not None:
                return extent
        return super().get_text_width_height_descent(s, prop, ismath)


class _SVGCanvas(FigureCanvasSVG):
    """``FigureCanvasSVG.print_svg`` with :class:`_SVGRenderer` (as in matplotlib 3.11; the
    file is always the text buffer of :meth:`Canvas.svg`)."""

    def print_svg(
        self,
        filename: Any,
        *,
        bbox_inches_restore: Any = None,
        metadata: Any = None,
        **ignored: Any,  # dpi, facecolor, ...: print_figure's, which SVG ignores too
    ) -> None:
        dpi = self.figure.dpi
        self.figure.dpi = 72
        width, height = self.figure.get_size_inches()
        svg = _SVGRenderer(width * 72, height * 72, filename, image_dpi=dpi, metadata=metadata)
        renderer: Any = MixedModeRenderer(  # draws like a RendererBase (untyped in the stubs)
            self.figure, width, height, dpi, svg, bbox_inches_restore=bbox_inches_restore
        )
        self.figure.draw(renderer)
        renderer.finalize()


def title_height(lines: int) -> float:
    """Height of a title block of ``lines`` lines."""
    return TITLE_SIZE * (1.0 + LINE_SPACING * (lines - 1)) + TITLE_SIZE * 0.3


def legend(
    canvas: Canvas,
    items: Sequence[tuple[str, dict[str, Any], str]],
    *,
    x: float,
    top: float,
    width: float,
    size: float = SMALL_SIZE,
) -> float:
    """Draw legend items left to right, wrapping into rows; return the y below the legend.

    Each item is ``(kind, style, label)``: kind "patch" (style: fill, hatch, edge), "line"
    (style: color, ls, lw, marker, ms, mfc) or "marker" (a marker without line).
    """
    swatch = 16.0
    row_h = size * 1.6
    cx, cy = x, top - row_h / 2
    for kind, style, label in items:
        w = swatch + 4 + text_width(label, size) + 12
        if cx > x and cx + w > x + width:
            cx = x
            cy -= row_h
        if kind == "patch":
            canvas.rect(
                cx,
                cy - size * 0.45,
                swatch,
                size * 0.9,
                fill=style.get("fill", WHITE),
                hatch=style.get("hatch"),
                edge=style.get("edge", INK),
                lw=0.6,
            )
        else:
            if kind == "line":
                canvas.line(
                    [cx, cx + swatch],
                    [cy, cy],
                    color=style.get("color", INK),
                    lw=style.get("lw", 1.2),
                    ls=style.get("ls", "-"),
                )
            if style.get("marker"):
                canvas.line(
                    [cx + swatch / 2],
                    [cy],
                    color=style.get("color", INK),
                    lw=0,
                    marker=style.get("marker"),
                    ms=style.get("ms", 5),
                    mfc=style.get("mfc"),
                    mec=style.get("mec"),
                )
        canvas.text(cx + swatch + 4, cy, label, size=size, va="center_baseline", role="legend")
        cx += w
    return cy - row_h / 2 - 2
