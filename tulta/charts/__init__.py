"""tulta.charts -- the one renderer of the seven quality tools (and more) for pages, PDF and Word.

Pure Python on numpy, matplotlib and :mod:`tulta.stats`; no Django. Every function validates its
input, draws the chart and returns a :class:`Chart` (frozen): ``svg`` (a standalone SVG, text
kept as text, with ``role="img"``, ``<title>`` and ``<desc>``), ``png(dpi=300)`` (for Word),
``title``, ``reading`` (what the numbers say, in plain Bahasa Indonesia), ``alt`` (a text
alternative), ``width_px`` and ``height_px`` (CSS pixels). Output is deterministic: the same
data give the same bytes. Numbers are written the Indonesian way ("29,6%", "1.250"); colours are
Okabe-Ito and every series also differs by hatching, marker or line style, so charts survive
black-and-white printing; long labels are wrapped from measured widths and never overlap.

Bad input raises :class:`ChartInputError` (a ValueError with an Indonesian ``message``), or
:class:`tulta.stats.StatsInputError` from the statistics underneath; pages can show
:func:`placeholder_svg` with that message instead of a chart.

The tools and their input
    ``check_sheet(data, *, title=None, row_title="Kategori", col_title="kolom",
    unit="kejadian")`` -- ``data``: a ``tulta.stats.Tally`` by one or two fields,
    ``{category: count}`` or ``{category: {day_or_place: count}}``.
    ``stratification(result, *, statistic="mean", measure="Nilai", factor="strata", unit="",
    title=None, decimals=1)`` -- ``result``: ``tulta.stats.stratify(values, strata)``.
    ``pareto(result, *, title=None, item="kategori", unit="kejadian", orientation="auto")``
    -- ``result``: ``tulta.stats.pareto(...)`` or ``{category: count}``.
    ``pareto_before_after(before, after, *, title=None, item=..., unit=..., labels=...)`` --
    two Pareto results (or mappings) on one common scale.
    ``fishbone(effect, causes=None, *, title=None)`` -- ``causes``: ``{category: [cause or
    {"text", "sub": [...]}, ...]}``; empty gives the six :data:`DEFAULT_CATEGORIES`.
    ``histogram(result, *, lsl=None, usl=None, target=None, title=None, x_label="Nilai",
    unit="", bins="sturges")`` -- ``result``: ``tulta.stats.histogram(values)`` or the values.
    ``scatter(x, y, *, result=None, x_label="X", y_label="Y", x_unit="", y_unit="",
    title=None)`` -- paired values (``result``: ``tulta.stats.scatter(x, y)``, optional).
    ``run_chart(values, *, x_labels=None, change_at=None, change_label=None, target=None,
    better="lower", title=None, y_label="Nilai", unit="")`` -- values in time order.
    ``control_chart(chart, *, title=None, x_labels=None, change_label=None, y_label=None,
    unit="")`` -- ``chart``: ``tulta.stats.control_chart(...)``, any type, phase I and II.
    ``scoring_matrix(result, *, members=None, title=None, item="masalah")`` -- ``result``:
    ``tulta.stats.score(items, "usg" | "carl" | "meer")``; ``members``: ``{name: Scoring}``.
    ``gantt(steps, *, title=None, week_labels=None)`` -- ``steps``: ``[{"step": name,
    "planned": [weeks], "actual": [weeks]}, ...]``.
    ``action_plan(rows, *, title=None)`` -- ``rows``: ``[{"what", "why", "where", "when",
    "who", "how", "how_much"?}, ...]`` (5W1H; 5W2H with how_much).
    ``flowchart(nodes, edges, *, title=None)`` -- ``nodes``: ``[{"id", "text", "kind":
    "start"|"step"|"decision"|"end"}]``, ``edges``: ``[{"from", "to", "label"?}]``.
    ``brainstorm(ideas, *, title=None, topic=None)`` -- ``ideas``: texts or ``{"text",
    "category"?, "author"?}``.

Helpers
    ``Chart.png(dpi=300) -> bytes``; ``Chart.canvas()`` (a fresh matplotlib drawing, for tests);
    ``Chart.to_dict()`` (JSON, without the PNG);
    ``placeholder_svg(message, *, width_px=624, height_px=200) -> str``;
    ``correlation_words(r) -> str``; :mod:`tulta.charts.format` for Indonesian numbers.
"""

from __future__ import annotations

from tulta.charts.base import ChartInputError
from tulta.charts.brainstorm import brainstorm
from tulta.charts.checksheet import check_sheet
from tulta.charts.control import control_chart
from tulta.charts.distribution import correlation_words, histogram, scatter
from tulta.charts.fishbone import DEFAULT_CATEGORIES, fishbone
from tulta.charts.flow import flowchart
from tulta.charts.gantt import gantt
from tulta.charts.matrices import action_plan, scoring_matrix
from tulta.charts.output import Chart, placeholder_svg
from tulta.charts.pareto import pareto, pareto_before_after
from tulta.charts.run import run_chart
from tulta.charts.stratification import stratification

__all__ = [
    "DEFAULT_CATEGORIES",
    "Chart",
    "ChartInputError",
    "action_plan",
    "brainstorm",
    "check_sheet",
    "control_chart",
    "correlation_words",
    "fishbone",
    "flowchart",
    "gantt",
    "histogram",
    "pareto",
    "pareto_before_after",
    "placeholder_svg",
    "run_chart",
    "scatter",
    "scoring_matrix",
    "stratification",
]
