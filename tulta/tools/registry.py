"""The tools a step can use, by code: what a tool is (:class:`Tool`) and where they are kept.

A :class:`Tool` holds everything one quality tool needs -- its name as KBK members know it, the
columns of its data grid, its options, the least number of rows, an example row, how its numbers
are computed (with ``tulta.stats``) and how they are drawn (with ``tulta.charts``). The tools of
this house are the entries of :mod:`tulta.tools.catalogue`, registered when the app is ready;
adding a tool is adding one entry there (or calling :func:`register` from any app). Nothing
else in the code base dispatches on a tool's code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from tulta import charts

from .grids import Column, ParsedGrid


class ToolDataError(ValueError):
    """The data is valid cell by cell but not enough for this tool."""


@dataclass(frozen=True)
class Option:
    """One setting of a tool beside its grid (a unit, a chart type, a threshold)."""

    key: str
    label: Any
    kind: str = "text"  # text | number | choice
    choices: tuple[tuple[str, Any], ...] = ()
    default: Any = ""


#: ``compute_with(tool, parsed, options)``: the result drawn from a clean grid.
Computer = Callable[["Tool", ParsedGrid, dict[str, Any]], Any]
#: ``draw_with(tool, result, options, title)``: the chart of a computed result.
Drawer = Callable[["Tool", Any, dict[str, Any], str], charts.Chart]


@dataclass(frozen=True)
class Tool:
    """A quality tool: its grid, its options, its computation and its drawing, together."""

    code: str
    label: Any  # str or a lazy translation; ``str(tool.label)`` for text
    columns: tuple[Column, ...]
    compute_with: Computer
    draw_with: Drawer
    min_rows: int = 1
    options: tuple[Option, ...] = ()
    example: tuple[tuple[str, ...], ...] = field(default=())

    def option(self, options: dict[str, Any], key: str) -> Any:
        """The value of option ``key`` (its default when absent; a float or None for numbers).
        Raises KeyError for a key the tool does not have."""
        return option_value(self, options, key)

    def has_option(self, key: str) -> bool:
        return any(o.key == key for o in self.options)

    def compute(self, parsed: ParsedGrid, options: dict[str, Any]) -> Any:
        """The ``tulta.stats`` result (or plain data, for drawing-only tools) for a clean grid.

        Raises ToolDataError or tulta.stats.StatsInputError (both ValueError) with Indonesian
        text: too few rows, one category only, ...
        """
        if len(parsed.rows) < self.min_rows:
            raise ToolDataError(
                _("%(tool)s memerlukan sedikitnya %(n)d baris data; baru ada %(have)d.")
                % {"tool": str(self.label), "n": self.min_rows, "have": len(parsed.rows)}
            )
        return self.compute_with(self, parsed, options)

    def draw(self, result: Any, options: dict[str, Any], title: str) -> charts.Chart:
        """The chart of :meth:`compute`'s result. Raises ValueError (ChartInputError) with an
        Indonesian message when the data cannot be drawn."""
        return self.draw_with(self, result, options, title)


#: Every registered tool by code, in the order the step page offers them.
TOOLS: dict[str, Tool] = {}


def register(tool: Tool) -> Tool:
    """Add ``tool`` to :data:`TOOLS` (replacing one with the same code) and return it."""
    TOOLS[tool.code] = tool
    return tool


def get_tool(code: str) -> Tool:
    """The tool with this code. Raises KeyError for an unknown code."""
    return TOOLS[code]


def tool_label(code: str) -> str:
    """The tool's name as KBK members know it; the code itself for an unknown tool (an old
    artefact whose tool was withdrawn still shows something)."""
    tool = TOOLS.get(code)
    return str(tool.label) if tool is not None else code


def option_value(tool: Tool, options: dict[str, Any], key: str) -> Any:
    """The value of ``tool``'s option ``key`` in ``options``: the default when absent; for a
    number option a float, or None when blank. Raises KeyError for an unknown key."""
    for option in tool.options:
        if option.key == key:
            value = options.get(key, option.default)
            if option.kind == "number":
                if value in ("", None):
                    return None
                return float(value)
            return value
    raise KeyError(key)
