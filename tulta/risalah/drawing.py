"""Drawing a tool's computed result with the one renderer, ``tulta.charts``.

``toolkit.compute`` gives the numbers (a ``tulta.stats`` result or plain data); this module picks
the chart function and its labels. Pages, the PDF and Word all call :func:`draw`, so the same
data gives the same drawing everywhere.
"""

from __future__ import annotations

from typing import Any

from tulta import charts

from .toolkit import TOOL_SPECS, option_value

# Bump when the drawing of any tool changes, so cached SVGs are drawn again.
RENDER_VERSION = 2


def _opt(code: str, options: dict[str, Any], key: str) -> Any:
    return option_value(TOOL_SPECS[code], options, key)


def draw(code: str, result: Any, options: dict[str, Any], title: str) -> charts.Chart:
    """The chart for a tool's computed result. Raises ValueError (ChartInputError) with an
    Indonesian message when the data cannot be drawn."""
    unit = ""
    if any(o.key == "unit" for o in TOOL_SPECS[code].options):
        unit = _opt(code, options, "unit") or ""
    if code == "pareto":
        if isinstance(result, dict):
            return charts.pareto_before_after(result["before"], result["after"], title=title)
        return charts.pareto(result, title=title)
    if code == "control_chart":
        return charts.control_chart(
            result,
            title=title,
            change_label=_opt(code, options, "change_label") or None,
            unit=unit,
        )
    if code == "histogram":
        return charts.histogram(
            result,
            title=title,
            lsl=_opt(code, options, "lsl"),
            usl=_opt(code, options, "usl"),
            unit=unit,
        )
    if code == "scatter":
        return charts.scatter(
            result["x"],
            result["y"],
            result=result["result"],
            title=title,
            x_label=_opt(code, options, "x_label") or "X",
            y_label=_opt(code, options, "y_label") or "Y",
        )
    if code == "stratification":
        return charts.stratification(result, title=title, unit=unit)
    if code == "check_sheet":
        return charts.check_sheet(result, title=title, col_title="hari/tempat")
    if code in ("usg", "carl", "meer"):
        item = {"usg": "masalah", "carl": "penyebab", "meer": "penanggulangan"}[code]
        return charts.scoring_matrix(result, title=title, item=item)
    if code == "fishbone":
        causes = [(c["name"], c["causes"]) for c in result["categories"]]
        return charts.fishbone(result["effect"], causes, title=title)
    if code == "brainstorming":
        return charts.brainstorm(result, title=title)
    if code == "action_plan":
        return charts.action_plan(result, title=title)
    if code == "gantt":
        return charts.gantt(result, title=title)
    if code == "flowchart":
        return charts.flowchart(result["nodes"], result["edges"], title=title)
    raise ValueError(code)
