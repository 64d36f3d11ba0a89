"""Western Electric and Nelson rules, against hand-made series and a naive implementation."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tulta.stats import ALL_RULES, DEFAULT_RULES, RULE_DESCRIPTIONS, StatsInputError
from tulta.stats.rules import evaluate_rules, normalize_rules


def flags(x: Sequence[float], rule: str, *, se: float | Sequence[float] = 1.0) -> list[int]:
    """Indices flagged by one rule, center 0, limits ±3·se."""
    arr = np.asarray(x, dtype=float)
    s = np.broadcast_to(np.asarray(se, dtype=float), arr.shape)
    masks = evaluate_rules(arr, np.float64(0.0), -3 * s, 3 * s, s, 3.0, (rule,))
    return [int(i) for i in np.flatnonzero(masks[rule])]


# --- naive reference implementations (point by point, straight from the definitions) -------


def _window(i: int, m: int) -> list[int]:
    """Indices of the window of m points ending at i (empty while incomplete)."""
    return list(range(i - m + 1, i + 1)) if i >= m - 1 else []


def naive_hit(x: list[float], rule: str, se: list[float], i: int) -> bool:
    """Does ``rule`` flag point i? Straight from the definition, one point at a time."""
    z = [v / s for v, s in zip(x, se, strict=True)]
    if rule in ("we1", "nelson1"):
        return abs(z[i]) > 3
    if rule in ("we4", "nelson2"):
        w = _window(i, 8 if rule == "we4" else 9)
        return bool(w) and (all(x[j] > 0 for j in w) or all(x[j] < 0 for j in w))
    if rule in ("we2", "nelson5", "we3", "nelson6"):
        k, m, b = (2, 3, 2.0) if rule in ("we2", "nelson5") else (4, 5, 1.0)
        w = _window(i, m)
        if not w:
            return False
        up = sum(z[j] > b for j in w)
        down = sum(z[j] < -b for j in w)
        return (up >= k and z[i] > b) or (down >= k and z[i] < -b)
    if rule == "nelson3":
        w = _window(i, 6)
        return bool(w) and (
            all(x[j + 1] > x[j] for j in w[:-1]) or all(x[j + 1] < x[j] for j in w[:-1])
        )
    if rule == "nelson4":
        w = _window(i, 14)
        return bool(w) and all((x[j + 1] - x[j]) * (x[j + 2] - x[j + 1]) < 0 for j in w[:-2])
    if rule == "nelson7":
        w = _window(i, 15)
        return bool(w) and all(abs(z[j]) <= 1 for j in w)
    if rule == "nelson8":
        w = _window(i, 8)
        return (
            bool(w)
            and all(abs(z[j]) > 1 for j in w)
            and any(z[j] > 1 for j in w)
            and any(z[j] < -1 for j in w)
        )
    raise AssertionError(rule)


def naive(x: list[float], rule: str, se: list[float]) -> list[int]:
    return [i for i in range(len(x)) if naive_hit(x, rule, se, i)]


values = st.lists(
    st.sampled_from([-3.5, -2.5, -1.5, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5]),
    min_size=0,
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(x=values, rule=st.sampled_from(ALL_RULES))
def test_every_rule_matches_its_naive_definition(x: list[float], rule: str) -> None:
    assert flags(x, rule) == naive(x, rule, [1.0] * len(x))


@settings(max_examples=200, deadline=None)
@given(
    data=st.lists(
        st.tuples(
            st.sampled_from([-3.0, -2.0, -1.2, -0.6, 0.0, 0.6, 1.2, 2.0, 3.0]),
            st.sampled_from([0.5, 1.0, 2.0]),
        ),
        max_size=40,
    ),
    rule=st.sampled_from(["we2", "we3", "nelson5", "nelson6", "nelson7", "nelson8", "we1"]),
)
def test_zone_rules_judge_each_point_by_its_own_sigma(
    data: list[tuple[float, float]], rule: str
) -> None:
    x = [v for v, _ in data]
    se = [s for _, s in data]
    assert flags(x, rule, se=se) == naive(x, rule, se)


def test_we1_flags_points_strictly_beyond_the_limits() -> None:
    assert flags([0, 3.0, 3.01, -3.0, -3.01], "we1") == [2, 4]


def test_we4_flags_the_eighth_point_of_a_run_and_the_rest_of_it() -> None:
    assert flags([1] * 10 + [-1], "we4") == [7, 8, 9]


def test_we4_ignores_a_run_of_seven() -> None:
    assert flags([1] * 7 + [-1] * 7, "we4") == []


def test_a_point_on_the_center_breaks_a_run() -> None:
    assert flags([1] * 4 + [0] + [1] * 7, "we4") == []


def test_we2_needs_the_flagged_point_itself_beyond_two_sigma() -> None:
    # window (1, 2, 3) also holds two points beyond 2σ, but its last point is inside
    assert flags([0.0, 2.5, 2.5, 1.0], "we2") == [2]


def test_we2_needs_both_points_on_the_same_side() -> None:
    assert flags([2.5, -2.5, 0.0], "we2") == []


def test_we2_treats_a_point_exactly_on_two_sigma_as_inside() -> None:
    assert flags([2.0, 2.5, 2.0], "we2") == []


def test_k_of_m_rules_need_a_complete_window() -> None:
    assert flags([2.5, 2.5], "we2") == []


def test_we3_flags_four_of_five_beyond_one_sigma() -> None:
    assert flags([1.5, 1.5, 0.0, 1.5, 1.5], "we3") == [4]


def test_nelson2_needs_nine_in_a_row() -> None:
    assert flags([-1] * 9, "nelson2") == [8]


def test_nelson3_flags_six_increasing_points() -> None:
    assert flags([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6], "nelson3") == [5, 6]


def test_nelson3_is_broken_by_a_tie() -> None:
    assert flags([0, 0.1, 0.2, 0.2, 0.3, 0.4, 0.5], "nelson3") == []


def test_nelson4_flags_fourteen_alternating_points() -> None:
    assert flags([0.5, -0.5] * 7 + [0.6], "nelson4") == [13, 14]


def test_nelson7_flags_fifteen_points_within_one_sigma() -> None:
    assert flags([0.5] * 15, "nelson7") == [14]


def test_nelson8_needs_points_on_both_sides() -> None:
    assert flags([1.5] * 8, "nelson8") == []
    assert flags([1.5, -1.5] * 4, "nelson8") == [7]


def test_zone_rules_use_each_points_own_sigma_unlike_qcc() -> None:
    # The first point is beyond 2σ only by its own (small) sigma; qcc would judge it by the
    # latest point's wide zones and miss the pattern.
    assert flags([0.0, 1.5, 2.5, 0.0], "we2", se=[1.0, 0.5, 1.0, 3.0]) == [2]


def test_rules_are_normalised_to_canonical_order() -> None:
    assert normalize_rules(["we4", "WE1", "nelson3", "we1"]) == ("nelson3", "we1", "we4")


def test_default_rules_are_we1_and_we4() -> None:
    assert DEFAULT_RULES == ("we1", "we4")


def test_every_rule_has_an_indonesian_description() -> None:
    assert set(RULE_DESCRIPTIONS) == set(ALL_RULES)


def test_unknown_rule_raises() -> None:
    with pytest.raises(StatsInputError) as err:
        normalize_rules(["we5"])
    assert err.value.code == "unknown_rule"
