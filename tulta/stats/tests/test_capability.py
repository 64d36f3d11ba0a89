"""Capability beyond the qcc reference: raw values, Pp/Ppk, notes, to_dict."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from tulta.stats import capability, control_chart

VALUES = [9.8, 10.1, 10.0, 9.9, 10.3, 10.2, 9.7, 10.0, 10.1, 9.9]


def test_raw_values_are_treated_as_an_individuals_chart() -> None:
    direct = capability(VALUES, lsl=9.0, usl=11.0)
    chart = capability(control_chart(VALUES, "individuals"), lsl=9.0, usl=11.0)
    assert direct.cp == chart.cp and direct.std_dev == chart.std_dev


def test_pp_uses_the_overall_standard_deviation() -> None:
    result = capability(VALUES, lsl=9.0, usl=11.0)
    s = float(np.std(VALUES, ddof=1))
    assert result.overall_std_dev == pytest.approx(s)
    assert result.pp == pytest.approx(2.0 / (6 * s))
    mean = float(np.mean(VALUES))
    assert result.pp_k == pytest.approx(min(11.0 - mean, mean - 9.0) / (3 * s))


def test_cp_k_is_the_smaller_one_sided_index() -> None:
    result = capability(VALUES, lsl=9.5, usl=11.0)
    assert result.cp_k == min(result.cp_l, result.cp_u)  # type: ignore[type-var]


def test_given_sigma_replaces_the_charts() -> None:
    result = capability(VALUES, lsl=9.0, usl=11.0, std_dev=0.5)
    assert result.cp == pytest.approx(2.0 / 3.0)


def test_target_outside_the_specification_is_noted() -> None:
    result = capability(VALUES, lsl=9.0, usl=11.0, target=12.0)
    assert result.notes == ("Target berada di luar batas spesifikasi.",)


def test_one_sided_upper_specification() -> None:
    result = capability(VALUES, usl=11.0)
    assert result.cp is None and result.cpm is None and result.cp_l is None
    assert result.cp_k == result.cp_u
    assert result.exp_below_lsl is None and result.obs_below_lsl is None
    assert result.target == 11.0 and not result.has_target


def test_observed_fractions_count_values_strictly_outside() -> None:
    result = capability(VALUES, lsl=9.8, usl=10.2)
    assert result.obs_below_lsl == pytest.approx(0.1)
    assert result.obs_above_usl == pytest.approx(0.1)


def test_confidence_interval_contains_the_estimate() -> None:
    result = capability(VALUES, lsl=9.0, usl=11.0, confidence_level=0.9)
    for name in ("cp", "cp_l", "cp_u", "cp_k", "cpm", "pp", "pp_k"):
        lo, hi = result.intervals[name]  # type: ignore[misc]
        assert lo < getattr(result, name) < hi, name


def test_cp_interval_is_chi_square_with_n_minus_1_df() -> None:
    from scipy.stats import chi2

    result = capability(VALUES, lsl=9.0, usl=11.0)
    lo, _ = result.intervals["cp"]  # type: ignore[misc]
    assert lo == pytest.approx(result.cp * math.sqrt(chi2.ppf(0.025, 9) / 9))  # type: ignore[operator]


def test_to_dict_is_json_serialisable() -> None:
    out = capability(VALUES, usl=11.0).to_dict()
    text = json.dumps(out, allow_nan=False)
    assert json.loads(text)["intervals"]["cp"] is None
