"""Control-chart constants against qcc's table (constants.json) and exact integration."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tulta.stats import StatsInputError, constants
from tulta.stats._tables import EXACT_D2, EXACT_D3
from tulta.stats.constants import (
    TABLE_D2,
    c4,
    d2,
    d3,
    integrate_d2,
    integrate_d3,
    range_quantile,
)
from tulta.stats.tests.reference import load

REF = load("constants")
NS = REF["n"]


def column(name: str) -> np.ndarray:
    return np.asarray(REF[name], dtype=float)


def ours(attr: str, *, exact: bool) -> np.ndarray:
    return np.array([getattr(constants(n, exact=exact), attr) for n in NS])


def test_table_d2_is_qccs_three_decimal_table() -> None:
    np.testing.assert_array_equal(ours("d2", exact=False), column("qcc_d2"))


def test_table_d3_is_qccs_seven_decimal_table() -> None:
    np.testing.assert_array_equal(ours("d3", exact=False), column("qcc_d3"))


def test_c4_matches_qcc() -> None:
    np.testing.assert_allclose(ours("c4", exact=False), column("qcc_c4"), rtol=1e-12)


@pytest.mark.parametrize("name", ["A2", "D3", "D4", "B3", "B4", "A3"])
def test_derived_table_factors_match_qcc(name: str) -> None:
    np.testing.assert_allclose(ours(name, exact=False), column(name), rtol=1e-12, atol=0)


@pytest.mark.parametrize("name", ["d2", "d3"])
def test_exact_constants_match_r_integration(name: str) -> None:
    np.testing.assert_allclose(ours(name, exact=True), column(f"exact_{name}"), rtol=1e-9)


@pytest.mark.parametrize("name", ["A2", "D3", "D4"])
def test_exact_derived_factors_match_reference(name: str) -> None:
    np.testing.assert_allclose(ours(name, exact=True), column(f"exact_{name}"), rtol=1e-9)


def test_textbook_values_for_subgroups_of_five() -> None:
    # Montgomery, Introduction to SQC, Appendix VI: n = 5.
    k = constants(5)
    assert (round(k.A2, 3), round(k.D3, 3), round(k.D4, 3)) == (0.577, 0.0, 2.114)
    assert (round(k.A3, 3), round(k.B3, 3), round(k.B4, 3)) == (1.427, 0.0, 2.089)
    assert round(k.c4, 4) == 0.9400


def test_d2_above_25_is_integrated_even_without_exact() -> None:
    assert d2(30) == d2(30, exact=True) == EXACT_D2[30]


def test_d2_and_d3_beyond_the_stored_table_are_integrated() -> None:
    assert d2(150) == pytest.approx(integrate_d2(150), rel=1e-15)
    assert 5.0 < d2(150) < 5.5
    assert 0.5 < d3(150) < 0.6


@pytest.mark.parametrize("n", [2, 3, 7, 25, 26, 50, 99, 100])
def test_stored_exact_tables_reproduce(n: int) -> None:
    assert EXACT_D2[n] == pytest.approx(integrate_d2(n), rel=1e-13)
    assert EXACT_D3[n] == pytest.approx(integrate_d3(n), rel=1e-11)


def test_d2_of_two_is_two_over_root_pi() -> None:
    assert d2(2, exact=True) == pytest.approx(2 / math.sqrt(math.pi), rel=1e-15)


def test_d3_of_two_is_closed_form() -> None:
    assert d3(2, exact=True) == pytest.approx(math.sqrt(2 - 4 / math.pi), rel=1e-12)


def test_c4_for_large_n_uses_an_accurate_series() -> None:
    # c4 -> 1 - 1/(4n); the lgamma difference would lose ~1e-9 here.
    n = 1_000_000
    assert c4(n) == pytest.approx(1 - 1 / (4 * (n - 1)) + 1 / (32 * (n - 1) ** 2), rel=1e-15)
    m = 998.0  # just below the switch: lgamma and the series agree
    series = 1 - 1 / (4 * m) + 1 / (32 * m**2) + 5 / (128 * m**3) - 21 / (2048 * m**4)
    assert c4(999) == pytest.approx(series, rel=1e-12)


def test_range_quantile_inverts_the_range_distribution() -> None:
    # P(W <= d) for n = 2 is P(|Z1 - Z2| <= d) = 2*Phi(d/sqrt 2) - 1.
    from scipy.stats import norm

    q = range_quantile(0.9, 2)
    assert 2 * norm.cdf(q / math.sqrt(2)) - 1 == pytest.approx(0.9, rel=1e-12)


def test_table_covers_two_to_twenty_five() -> None:
    assert sorted(TABLE_D2) == list(range(2, 26))


def test_constants_to_dict_is_plain() -> None:
    out = constants(4).to_dict()
    assert out["n"] == 4 and out["d2"] == 2.059 and out["exact"] is False


@pytest.mark.parametrize("bad", [1, 0, -3, 2.5, "5", True])
def test_constants_reject_sizes_below_two(bad: object) -> None:
    with pytest.raises(StatsInputError) as err:
        constants(bad)  # type: ignore[arg-type]
    assert err.value.code == "invalid_size"
