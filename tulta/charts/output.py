"""The :class:`Chart` result and deterministic, accessible SVG/PNG output.

Rendering runs inside one ``rc_context`` with a fixed SVG hash salt, text kept as text
(``svg.fonttype = "none"``, so PDFs stay searchable) and no dates or software names in the
files, so the same data give the same bytes. ``rcParams`` are process-global, so rendering
holds a process-wide lock (charts render one at a time per process; they take milliseconds).
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import matplotlib

from tulta.charts.base import FAMILY, GREY, INK, PALE, Canvas, ChartInputError
from tulta.charts.text import wrap

__all__ = ["Chart", "make_chart", "placeholder_svg"]

_RC: dict[str, Any] = {
    "svg.hashsalt": "tulta-charts",
    "svg.fonttype": "none",
    "svg.id": None,
    "font.family": "sans-serif",
    "font.sans-serif": [FAMILY],
    "text.parse_math": False,  # user text with "$" (rupiah prices) is not TeX
    "hatch.linewidth": 0.6,
    "hatch.color": INK,
    "path.simplify": True,
    "lines.solid_capstyle": "butt",
    "axes.unicode_minus": True,
}
_RENDER_LOCK = threading.RLock()


@contextmanager
def _rendering() -> Iterator[None]:
    rc: Any = _RC  # matplotlib's stubs type rc_context keys as a Literal of every rcParam
    with _RENDER_LOCK, matplotlib.rc_context(rc):
        yield


@dataclass(frozen=True, eq=False)
class Chart:
    """A drawn chart: SVG text for pages and PDF, PNG on demand for Word, and words for people.

    Attributes:
        kind: the tool ("pareto", "control_chart", ...).
        title: the chart's title (also drawn at its top).
        reading: a short reading of the numbers in plain Bahasa Indonesia.
        alt: a text alternative for screen readers (what is drawn, with the key numbers).
        svg: a standalone SVG document (UTF-8 text, no XML declaration) with ``role="img"``,
            ``<title>`` and ``<desc>``; text stays text. Same data, same bytes.
        width_px, height_px: the size in CSS pixels (96 per inch); the PNG is
            ``width_px / 96 * dpi`` pixels wide.
        builder: draws the chart on a fresh :class:`Canvas` (used by :meth:`png`).
    """

    kind: str
    title: str
    reading: str
    alt: str
    svg: str
    width_px: int
    height_px: int
    builder: Callable[[], Canvas] = field(repr=False)

    def png(self, dpi: int = 300) -> bytes:
        """The chart as a PNG at ``dpi`` (default 300, for Word), with the dpi recorded in the
        file. Deterministic. Raises :class:`ChartInputError` for a dpi outside 50..600."""
        if not 50 <= dpi <= 600:
            raise ChartInputError("invalid_option", "Resolusi PNG harus 50 sampai 600 dpi.")
        with _rendering():
            return self.builder().png(dpi)

    def canvas(self) -> Canvas:
        """A freshly drawn :class:`Canvas` of this chart (for tests and custom exports)."""
        with _rendering():
            return self.builder()

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-serialisable form (without the PNG)."""
        return {
            "kind": self.kind,
            "title": self.title,
            "reading": self.reading,
            "alt": self.alt,
            "svg": self.svg,
            "width_px": self.width_px,
            "height_px": self.height_px,
        }


_PROLOGUE = re.compile(r"\A.*?(?=<svg\b)", re.S)
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.S)
_ROOT = re.compile(r"<svg\b[^>]*>")
_DEFAULT_STYLE = re.compile(r"\s*<style\b[^>]*>\*\{([^}]*)\}</style>")
_EMPTY_DEFS = re.compile(r"\s*<defs>\s*</defs>")
_STYLED_TAG = re.compile(r'<([a-zA-Z][\w:-]*)\b([^>]*?)\sstyle="([^"]*)"([^>]*)>')
_ATTRIBUTE = re.compile(r'\s([\w:-]+)="[^"]*"')


def _declarations(css: str) -> list[tuple[str, str]]:
    """``"fill: #fff; stroke: none"`` -> ``[("fill", "#fff"), ("stroke", "none")]``."""
    pairs = []
    for item in css.split(";"):
        name, sep, value = item.partition(":")
        if sep and name.strip() and value.strip():
            pairs.append((name.strip(), value.strip()))
    return pairs


def _without_inline_css(svg: str) -> str:
    """matplotlib styles every element with a ``style`` attribute and puts a ``<style>`` element
    in ``<defs>``; a page served with a Content-Security-Policy without 'unsafe-inline' would
    drop both. Every property matplotlib writes (fill, stroke*, opacity, font-*, text-anchor,
    stop-*) is also an SVG presentation attribute, so each declaration becomes an attribute
    (replacing an attribute of the same name, as the style did), and the ``*{...}`` defaults
    become inherited attributes on the root ``<svg>``."""
    defaults = ""
    match = _DEFAULT_STYLE.search(svg)
    if match:
        svg = svg[: match.start()] + svg[match.end() :]
        svg = _EMPTY_DEFS.sub("", svg, count=1)
        defaults = "".join(f' {n}="{v}"' for n, v in _declarations(match.group(1)))

    def attributes(tag: re.Match[str]) -> str:
        declared = _declarations(tag.group(3))
        names = {name for name, _value in declared}
        kept = _ATTRIBUTE.sub(
            lambda a: "" if a.group(1) in names else a.group(0), tag.group(2) + tag.group(4)
        )
        new = "".join(f' {name}="{value}"' for name, value in declared)
        closing = "/" if kept.endswith("/") else ""
        return f"<{tag.group(1)}{kept.removesuffix('/')}{new}{closing}>"

    svg = _STYLED_TAG.sub(attributes, svg)
    if defaults:
        root = _ROOT.search(svg)
        assert root is not None
        svg = svg[: root.end() - 1] + defaults + svg[root.end() - 1 :]
    return svg


def _accessible(svg: str, title: str, alt: str) -> str:
    """Drop the XML prologue and metadata; give the root ``role="img"``, a title and a desc;
    turn inline CSS into presentation attributes (see :func:`_without_inline_css`)."""
    svg = _METADATA.sub("", _PROLOGUE.sub("", svg, count=1), count=1)
    svg = _without_inline_css(svg)
    ident = "c" + hashlib.sha256(svg.encode()).hexdigest()[:10]
    root = _ROOT.search(svg)
    assert root is not None  # matplotlib always writes one
    head = root.group(0)[:-1] + (
        f' role="img" aria-labelledby="{ident}-t {ident}-d">'
        f'\n <title id="{ident}-t">{escape(title)}</title>'
        f'\n <desc id="{ident}-d">{escape(alt)}</desc>'
    )
    return svg[: root.start()] + head + svg[root.end() :]


def make_chart(
    kind: str, *, title: str, reading: str, alt: str, builder: Callable[[], Canvas]
) -> Chart:
    """Draw ``builder``'s canvas once to SVG and wrap everything in a :class:`Chart`."""
    with _rendering():
        canvas = builder()
        svg = _accessible(canvas.svg(), title, alt)
    return Chart(
        kind=kind,
        title=title,
        reading=reading,
        alt=alt,
        svg=svg,
        width_px=round(canvas.width * 96 / 72),
        height_px=round(canvas.height * 96 / 72),
        builder=builder,
    )


def placeholder_svg(message: str, *, width_px: int = 624, height_px: int = 200) -> str:
    """A calm, accessible box with ``message`` (wrapped) for pages to show instead of a chart
    that cannot be drawn (e.g. the ``message`` of a :class:`ChartInputError`). Hand-written
    SVG: no matplotlib, no lock, deterministic."""
    width_px = max(200, int(width_px))
    size_px = 14.0
    lines = wrap(str(message), (width_px - 96) * 0.75, size_px * 0.75)
    height_px = max(int(height_px), int(60 + len(lines) * size_px * 1.4))
    ident = "c" + hashlib.sha256(f"{message}|{width_px}|{height_px}".encode()).hexdigest()[:10]
    top = height_px / 2 - (len(lines) - 1) * size_px * 0.7
    spans = "".join(
        f'<tspan x="72" y="{top + i * size_px * 1.4:.1f}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    cy = height_px / 2
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width_px}" height="{height_px}" '
        f'viewBox="0 0 {width_px} {height_px}" role="img" aria-labelledby="{ident}-t">'
        f'<title id="{ident}-t">{escape(str(message))}</title>'
        f'<rect x="1" y="1" width="{width_px - 2}" height="{height_px - 2}" rx="6" '
        f'fill="{PALE}" stroke="{GREY}" stroke-width="1.5" stroke-dasharray="6 4"/>'
        f'<circle cx="44" cy="{cy:.1f}" r="14" fill="none" stroke="{INK}" stroke-width="2"/>'
        f'<text x="44" y="{cy + 6:.1f}" text-anchor="middle" font-family={quoteattr(FAMILY)} '
        f'font-size="18" font-weight="bold" fill="{INK}" aria-hidden="true">i</text>'
        f'<text font-family={quoteattr(FAMILY + ", sans-serif")} font-size="{size_px:g}" '
        f'fill="{INK}" dominant-baseline="middle">{spans}</text>'
        "</svg>"
    )
