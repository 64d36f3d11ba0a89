"""A tool's data drawn: parse the grid, compute, draw; the SVG cached by content.

Pages, the PDF and Word all call :func:`render` (or :func:`png`), so the same data gives the
same drawing everywhere. The input is anything with ``tool``, ``title``, ``rows`` and
``options`` (:class:`ToolData`): a stored artefact, or a :class:`ToolInput` for a preview of
unsaved rows. Nothing here reads or writes the database.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.core.cache import cache
from django.utils.translation import gettext as _

from .grids import ParsedGrid, parse_grid
from .registry import ToolDataError, get_tool

# Bump when the drawing of any tool changes, so cached SVGs (and PNGs) are drawn again.
# 5: rupiah and percent in readings, SVG text from cached glyph metrics, Pareto legend in
# Indonesian
# 6: histogram classes no finer than whole-number data, fishbone ties said as ties
# 7: control charts with staged limits and the process-change finder's proposals
RENDER_VERSION = 7
RENDER_CACHE_SECONDS = 60 * 60 * 24


class ToolData(Protocol):
    """What rendering reads of an artefact: the tool's code, the title, the raw grid rows (cell
    text in column order) and the options."""

    @property
    def tool(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def rows(self) -> Any: ...

    @property
    def options(self) -> Any: ...


@dataclass(frozen=True)
class ToolInput:
    """Plain values satisfying :class:`ToolData` (a preview of rows not saved yet)."""

    tool: str
    title: str
    rows: list[list[str]]
    options: dict[str, Any]


@dataclass
class Rendered:
    """What a page, the PDF or Word shows for an artefact."""

    svg: str = ""
    reading: str = ""
    alt: str = ""
    message: str = ""  # why there is no chart (bad cells, too little data)
    errors: list[dict[str, Any]] = field(default_factory=list)  # bad cells

    @property
    def ok(self) -> bool:
        return bool(self.svg) and not self.message


def parse(data: ToolData) -> ParsedGrid:
    """The artefact's grid parsed against its tool's columns. Raises KeyError for an unknown
    tool."""
    return parse_grid(get_tool(data.tool).columns, data.rows)


def render(data: ToolData) -> Rendered:
    """The chart and its reading, or the reason there is none. Cached by content (the tool,
    title, rows, options and :data:`RENDER_VERSION`) for a day."""
    key = (
        "artefact:"
        + hashlib.sha256(
            json.dumps(
                [RENDER_VERSION, data.tool, data.title, data.rows, data.options],
                sort_keys=True,
            ).encode()
        ).hexdigest()
    )
    cached = cache.get(key)
    if cached is not None:
        return Rendered(**cached)
    result = _render(data)
    cache.set(key, result.__dict__, RENDER_CACHE_SECONDS)
    return result


def _render(data: ToolData) -> Rendered:
    parsed = parse(data)
    if not parsed.ok:
        errors = [
            {"row": e.row, "column": e.column, "message": e.message, "text": e.text()}
            for e in parsed.errors
        ]
        shown = "; ".join(str(e["text"]) for e in errors[:5])
        more = len(errors) - 5
        message = _("Grafik belum dapat dibuat. Perbaiki sel yang ditandai: %(list)s") % {
            "list": shown
        }
        if more > 0:
            message += " " + _("(dan %(n)d lainnya)") % {"n": more}
        return Rendered(message=message, errors=errors)
    tool = get_tool(data.tool)
    try:
        result = tool.compute(parsed, data.options)
        chart = tool.draw(result, data.options, data.title)
    except (ToolDataError, ValueError) as exc:
        return Rendered(message=str(getattr(exc, "message", None) or exc))
    return Rendered(svg=chart.svg, reading=chart.reading, alt=chart.alt)


def png(data: ToolData, dpi: int = 300) -> bytes | None:
    """The chart as PNG for Word, or None when the data cannot be drawn yet. Not cached."""
    parsed = parse(data)
    if not parsed.ok:
        return None
    tool = get_tool(data.tool)
    try:
        result = tool.compute(parsed, data.options)
        return tool.draw(result, data.options, data.title).png(dpi)
    except (ToolDataError, ValueError):
        return None
