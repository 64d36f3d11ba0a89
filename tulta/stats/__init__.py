"""tulta.stats -- the statistics of the seven quality tools (pure numpy/scipy, no Django).

Public API (every function validates its input and raises :class:`StatsInputError`, a
ValueError with an English ``code`` and an Indonesian ``message``; results are frozen
dataclasses with read-only numpy arrays and a ``to_dict()`` that returns plain JSON data):

Control charts
    ``control_chart(data, chart="xbar", *, sizes=None, newdata=None, newsizes=None,
    center=None, std_dev=None, limits=None, nsigmas=None, confidence_level=None,
    sigma_method=None, rules=DEFAULT_RULES, exact=False) -> ControlChart``
    for "xbar", "R", "S", "individuals", "p", "np", "c", "u".
    ``staged_control_chart(data, chart, *, starts, sizes=None, ...) -> ControlChart``: each
    stage with the limits of a chart on that stage alone (Minitab's stages);
    ``find_process_changes(data, chart, *, sizes=None, labels=None, run=8) ->
    tuple[ProcessChange, ...]``: where a sustained shift proposes a new stage.
    ``constants(n, *, exact=False) -> Constants`` (d2, d3, c4, A2, A3, D3, D4, B3, B4).
    Rules: ``DEFAULT_RULES`` = ("we1", "we4"), ``ALL_RULES``, ``RULE_DESCRIPTIONS``.

Capability
    ``capability(chart_or_values, *, lsl=None, usl=None, target=None, std_dev=None,
    nsigmas=3.0, confidence_level=0.95) -> Capability``

The other tools
    ``pareto(categories, counts, *, other_below=None, other_label="Lainnya",
    vital_threshold=80.0) -> Pareto``
    ``histogram(values, bins="sturges") -> Histogram``
    ``scatter(x, y, *, confidence_level=0.95) -> Scatter``
    ``stratify(values, strata) -> Stratification``
    ``tally(records, by, *, weight=None) -> Tally``
    ``score(items, method, *, aggregate=None, scale=(1, 5)) -> Scoring`` for "usg", "carl",
    "meer" (``METHODS`` lists their criteria and default sum/product)
    ``compare(before, after, kind="mean", *, unit="", decimals=1, alpha=0.05, test=None)
    -> Comparison``

Conventions follow R's qcc 3.0 (the tests check every chart, rule and capability index of
the qcc reference to 1e-9 relative; 1e-6 where qcc's d3 table or R's quantiles enter).
Indices in results are 0-based; Indonesian messages number from 1.
"""

from __future__ import annotations

from tulta.stats.capability import Capability, capability
from tulta.stats.compare import Comparison, compare
from tulta.stats.constants import Constants, constants
from tulta.stats.control import CHART_TYPES, SIGMA_METHODS, ControlChart, control_chart
from tulta.stats.errors import StatsInputError
from tulta.stats.rules import ALL_RULES, DEFAULT_RULES, RULE_DESCRIPTIONS
from tulta.stats.scoring import METHODS, Scoring, score
from tulta.stats.stages import ProcessChange, find_process_changes, staged_control_chart
from tulta.stats.tools import (
    Histogram,
    Pareto,
    Scatter,
    Stratification,
    Tally,
    histogram,
    pareto,
    scatter,
    stratify,
    tally,
)

__all__ = [
    "ALL_RULES",
    "CHART_TYPES",
    "DEFAULT_RULES",
    "METHODS",
    "RULE_DESCRIPTIONS",
    "SIGMA_METHODS",
    "Capability",
    "Comparison",
    "Constants",
    "ControlChart",
    "Histogram",
    "Pareto",
    "ProcessChange",
    "Scatter",
    "Scoring",
    "StatsInputError",
    "Stratification",
    "Tally",
    "capability",
    "compare",
    "constants",
    "control_chart",
    "find_process_changes",
    "histogram",
    "pareto",
    "scatter",
    "score",
    "staged_control_chart",
    "stratify",
    "tally",
]
