"""Every control chart of every qcc reference case, point by point (see reference/qcc/README)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from tulta.stats import control_chart
from tulta.stats.tests.reference import chart_kwargs, charts, zero_based

CHARTS = charts()
IDS = [cid for cid, _ in CHARTS]

EXACT = 1e-9  # qcc's tables (d2 3 decimals, d3 7 decimals) and formulas: we use the same
QTUKEY = 1e-6  # R's qtukey (probability limits of the R chart) is accurate to about 1e-7


def build(chart: dict[str, Any]) -> Any:
    return control_chart(**chart_kwargs(chart["type"], chart["inputs"], chart["qcc_args"]))


def limit_tolerance(chart: dict[str, Any]) -> float:
    """1e-6 where R's qtukey gives the limits (R chart probability limits), else 1e-9."""
    if chart["type"] == "R" and chart["qcc_args"].get("confidence.level") is not None:
        return QTUKEY
    return EXACT


def per_group(values: list[float], n: int) -> np.ndarray:
    """qcc stores a scalar when constant, else one value per phase I group."""
    arr = np.asarray(values, dtype=float)
    return np.full(n, arr[0]) if arr.size == 1 else arr


@pytest.mark.parametrize(("cid", "chart"), CHARTS, ids=IDS)
def test_statistics_match_qcc(cid: str, chart: dict[str, Any]) -> None:
    result = build(chart)
    exp = chart["expected"]
    np.testing.assert_allclose(result.statistics, exp["statistics"], rtol=EXACT, atol=0)
    np.testing.assert_allclose(
        result.new_statistics, np.asarray(exp["new_statistics"], float), rtol=EXACT, atol=0
    )


@pytest.mark.parametrize(("cid", "chart"), CHARTS, ids=IDS)
def test_sizes_match_qcc(cid: str, chart: dict[str, Any]) -> None:
    result = build(chart)
    exp = chart["expected"]
    assert list(result.sizes) == exp["sizes"]
    assert list(result.new_sizes) == exp["new_sizes"]


@pytest.mark.parametrize(("cid", "chart"), CHARTS, ids=IDS)
def test_center_matches_qcc(cid: str, chart: dict[str, Any]) -> None:
    result = build(chart)
    n = chart["expected"]["n_groups"]
    expected = per_group(chart["expected"]["center"], n)
    np.testing.assert_allclose(result.center[:n], expected, rtol=EXACT, atol=0)


@pytest.mark.parametrize(("cid", "chart"), CHARTS, ids=IDS)
def test_std_dev_matches_qcc(cid: str, chart: dict[str, Any]) -> None:
    result = build(chart)
    n = chart["expected"]["n_groups"]
    expected = per_group(chart["expected"]["std_dev"], n)
    np.testing.assert_allclose(result.std_dev[:n], expected, rtol=EXACT, atol=0)


@pytest.mark.parametrize(("cid", "chart"), CHARTS, ids=IDS)
def test_limits_per_point_match_qcc(cid: str, chart: dict[str, Any]) -> None:
    result = build(chart)
    exp = chart["expected"]
    tol = limit_tolerance(chart)
    np.testing.assert_allclose(result.lcl, exp["lcl_per_point"], rtol=tol, atol=0)
    np.testing.assert_allclose(result.ucl, exp["ucl_per_point"], rtol=tol, atol=0)


@pytest.mark.parametrize(("cid", "chart"), CHARTS, ids=IDS)
def test_nsigmas_and_confidence_level_match_qcc(cid: str, chart: dict[str, Any]) -> None:
    result = build(chart)
    exp = chart["expected"]
    assert result.nsigmas == pytest.approx(exp["nsigmas"], rel=EXACT)
    assert result.confidence_level == exp["confidence_level"]


@pytest.mark.parametrize(("cid", "chart"), CHARTS, ids=IDS)
def test_beyond_limits_match_qcc(cid: str, chart: dict[str, Any]) -> None:
    result = build(chart)
    assert list(result.beyond_limits) == zero_based(chart["expected"]["beyond_limits"])


@pytest.mark.parametrize(("cid", "chart"), CHARTS, ids=IDS)
def test_violating_runs_match_qcc(cid: str, chart: dict[str, Any]) -> None:
    result = build(chart)
    assert list(result.violating_runs) == zero_based(chart["expected"]["violating_runs"])


@pytest.mark.parametrize(("cid", "chart"), CHARTS, ids=IDS)
def test_lowest_rule_per_point_matches_qcc_violation_codes(cid: str, chart: dict[str, Any]) -> None:
    result = build(chart)
    codes = [
        None if v is None else min(int(r.removeprefix("we")) for r in v) for v in result.violations
    ]
    assert codes == chart["expected"]["violation_codes"]


@pytest.mark.parametrize(("cid", "chart"), CHARTS, ids=IDS)
def test_each_rule_flags_the_points_qcc_flags(cid: str, chart: dict[str, Any]) -> None:
    result = build(chart)
    for rule, hits in chart["expected"]["rule_hits_raw"].items():
        name = f"we{rule}"
        ours = [i for i, v in enumerate(result.violations) if v is not None and name in v]
        assert ours == zero_based(hits), name


@pytest.mark.parametrize(("cid", "chart"), CHARTS, ids=IDS)
def test_rules_applied_match_qcc(cid: str, chart: dict[str, Any]) -> None:
    result = build(chart)
    assert result.rules == tuple(f"we{r}" for r in chart["expected"]["rules"])
