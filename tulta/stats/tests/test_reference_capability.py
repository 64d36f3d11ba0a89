"""Every process-capability analysis of the qcc reference (see reference/qcc/README)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from scipy.stats import norm

from tulta.stats import capability, control_chart
from tulta.stats.tests.reference import capabilities, chart_kwargs

CASES = capabilities()
IDS = [cid for cid, _ in CASES]
REL = 1e-9
INDICES = {"Cp": "cp", "Cp_l": "cp_l", "Cp_u": "cp_u", "Cp_k": "cp_k", "Cpm": "cpm"}


def analyse(case: dict[str, Any]) -> Any:
    spec = case["chart"]
    inputs = {"data_kind": spec["data_kind"], "data": spec["data"]}
    chart = control_chart(**chart_kwargs(spec["type"], inputs, spec["qcc_args"]))
    args = case["args"]
    lsl, usl = args["spec_limits"]
    kwargs: dict[str, Any] = {"lsl": lsl, "usl": usl}
    for key, name in (("target", "target"), ("std_dev", "std_dev"), ("nsigmas", "nsigmas")):
        if args[key] is not None:
            kwargs[name] = args[key]
    if args["confidence_level"] is not None:
        kwargs["confidence_level"] = args["confidence_level"]
    return capability(chart, **kwargs)


def one_sided(case: dict[str, Any]) -> bool:
    return None in case["args"]["spec_limits"]


@pytest.mark.parametrize(("cid", "case"), CASES, ids=IDS)
def test_process_summary_matches_qcc(cid: str, case: dict[str, Any]) -> None:
    result = analyse(case)
    exp = case["expected"]
    assert result.n_obs == exp["n_obs"]
    assert result.center == pytest.approx(exp["center"], rel=REL)
    assert result.std_dev == pytest.approx(exp["std_dev"], rel=REL)
    assert result.nsigmas == exp["nsigmas"]
    assert result.target == pytest.approx(exp["target"], rel=REL)
    assert result.has_target == exp["has_target"]
    assert result.lsl == exp["LSL"] and result.usl == exp["USL"]
    assert result.confidence_level == exp["confidence_level"]


@pytest.mark.parametrize(("cid", "case"), CASES, ids=IDS)
def test_indices_match_qcc(cid: str, case: dict[str, Any]) -> None:
    result = analyse(case)
    exp = case["expected"]
    for theirs, mine in INDICES.items():
        if theirs == "Cp_k" and one_sided(case):
            continue  # qcc 3.0 gives null; see the one-sided test below
        value = getattr(result, mine)
        if exp[theirs] is None:
            assert value is None, mine
        else:
            assert value == pytest.approx(exp[theirs], rel=REL), mine


@pytest.mark.parametrize(("cid", "case"), CASES, ids=IDS)
def test_confidence_intervals_match_qcc(cid: str, case: dict[str, Any]) -> None:
    result = analyse(case)
    for theirs, mine in INDICES.items():
        if theirs == "Cp_k" and one_sided(case):
            continue
        expected = case["expected"]["confidence_intervals"][theirs]
        interval = result.intervals[mine]
        if expected is None or expected[0] is None:
            assert interval is None, mine
        else:
            np.testing.assert_allclose(interval, expected, rtol=REL, err_msg=mine)


@pytest.mark.parametrize(
    ("cid", "case"),
    [c for c in CASES if one_sided(c[1])],
    ids=[cid for cid, c in CASES if one_sided(c)],
)
def test_one_sided_cp_k_is_the_available_index(cid: str, case: dict[str, Any]) -> None:
    # qcc 3.0 reports Cp_k as null for one-sided limits; qcc HEAD (and Minitab) report the one
    # available index, with the two-sided z = qnorm(1 - alpha/2) Bissell interval.
    result = analyse(case)
    exp = case["expected"]
    available = exp["Cp_l"] if exp["Cp_l"] is not None else exp["Cp_u"]
    assert result.cp_k == pytest.approx(available, rel=REL)
    z = norm.ppf(1 - (1 - exp["confidence_level"]) / 2)
    n = exp["n_obs"]
    half = z * np.sqrt(1 / (9 * n * available**2) + 1 / (2 * (n - 1)))
    np.testing.assert_allclose(
        result.intervals["cp_k"], [available * (1 - half), available * (1 + half)], rtol=REL
    )


@pytest.mark.parametrize(("cid", "case"), CASES, ids=IDS)
def test_observed_fractions_match_qcc(cid: str, case: dict[str, Any]) -> None:
    result = analyse(case)
    exp = case["expected"]
    for theirs, mine in (("obs_below_LSL", "obs_below_lsl"), ("obs_above_USL", "obs_above_usl")):
        if exp[theirs] is None:
            assert getattr(result, mine) is None
        else:
            assert getattr(result, mine) == pytest.approx(exp[theirs], rel=REL, abs=0)


@pytest.mark.parametrize(("cid", "case"), CASES, ids=IDS)
def test_expected_fractions_match_qcc(cid: str, case: dict[str, Any]) -> None:
    # qcc prints an expected fraction below 0.01 % as exactly 0; we report the normal-theory
    # value itself, so there we check that it is below 1e-4.
    result = analyse(case)
    exp = case["expected"]
    for theirs, mine in (("exp_below_LSL", "exp_below_lsl"), ("exp_above_USL", "exp_above_usl")):
        value = getattr(result, mine)
        if exp[theirs] is None:
            assert value is None
        elif exp[theirs] == 0:
            assert 0 <= value < 1e-4
        else:
            assert value == pytest.approx(exp[theirs], rel=REL)
