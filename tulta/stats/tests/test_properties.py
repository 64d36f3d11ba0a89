"""Invariants, checked with hypothesis on generated data."""

from __future__ import annotations

import json

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from tulta.stats import capability, control_chart, pareto

SETTINGS = settings(max_examples=150, deadline=None)

subgroups = hnp.arrays(
    np.float64,
    st.tuples(st.integers(2, 30), st.integers(2, 8)),
    elements=st.integers(-50, 50).map(float),
)
series = hnp.arrays(np.float64, st.integers(2, 80), elements=st.integers(-50, 50).map(float))


def varies(x: np.ndarray) -> bool:
    return bool(np.ptp(x, axis=-1).max() > 0) if x.ndim == 2 else bool(np.ptp(x) > 0)


@SETTINGS
@given(x=subgroups, shift=st.floats(-1e3, 1e3), scale=st.floats(0.01, 100))
def test_xbar_limits_move_with_shifted_and_scaled_data(
    x: np.ndarray, shift: float, scale: float
) -> None:
    assume(varies(x))
    base = control_chart(x, "xbar")
    moved = control_chart(x * scale + shift, "xbar")
    tol = 1e-9 * (abs(shift) + scale * 100)
    np.testing.assert_allclose(moved.center, base.center * scale + shift, rtol=1e-9, atol=tol)
    np.testing.assert_allclose(moved.std_dev, base.std_dev * scale, rtol=1e-9)
    np.testing.assert_allclose(moved.ucl, base.ucl * scale + shift, rtol=1e-9, atol=tol)
    np.testing.assert_allclose(moved.lcl, base.lcl * scale + shift, rtol=1e-9, atol=tol)


@SETTINGS
@given(x=subgroups, power=st.integers(-8, 8), chart=st.sampled_from(["xbar", "R", "S"]))
def test_violations_do_not_change_when_data_are_scaled_by_a_power_of_two(
    x: np.ndarray, power: int, chart: str
) -> None:
    assume(varies(x))
    rules = ["we1", "we2", "we3", "we4", "nelson3", "nelson4", "nelson7", "nelson8"]
    base = control_chart(x, chart, rules=rules)
    scaled = control_chart(x * 2.0**power, chart, rules=rules)
    assert scaled.violations == base.violations


@SETTINGS
@given(x=subgroups, shift=st.floats(-1e3, 1e3))
def test_r_and_s_charts_ignore_a_shift(x: np.ndarray, shift: float) -> None:
    assume(varies(x))
    for chart in ("R", "S"):
        base = control_chart(x, chart)
        moved = control_chart(x + shift, chart)
        np.testing.assert_allclose(moved.ucl, base.ucl, rtol=1e-8, atol=1e-9 * abs(shift))


@SETTINGS
@given(x=series)
def test_individuals_center_and_sigma_ignore_time_reversal(x: np.ndarray) -> None:
    assume(varies(x))
    a = control_chart(x, "individuals")
    b = control_chart(x[::-1], "individuals")
    assert np.isclose(a.center[0], b.center[0], rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(a.std_dev, b.std_dev, rtol=1e-12)


@SETTINGS
@given(
    data=st.lists(st.tuples(st.integers(1, 200), st.floats(0, 1)), min_size=2, max_size=40),
    chart=st.sampled_from(["p", "np"]),
)
def test_attribute_limits_bracket_the_center_within_the_possible_range(
    data: list[tuple[int, float]], chart: str
) -> None:
    sizes = np.array([n for n, _ in data], dtype=float)
    counts = np.floor(np.array([f for _, f in data]) * sizes)
    assume(0 < counts.sum() < sizes.sum())
    result = control_chart(counts, chart, sizes=sizes)
    top = 1.0 if chart == "p" else sizes
    assert np.all(result.lcl >= 0) and np.all(result.lcl <= result.center)
    assert np.all(result.center <= result.ucl) and np.all(result.ucl <= top)


@SETTINGS
@given(x=series, rules=st.sets(st.sampled_from(["we1", "we2", "we3", "we4", "nelson2"])))
def test_beyond_limits_and_violating_runs_partition_the_flagged_points(
    x: np.ndarray, rules: set[str]
) -> None:
    assume(varies(x))
    chart = control_chart(x, "individuals", rules=sorted(rules))
    flagged = {i for i, v in enumerate(chart.violations) if v is not None}
    beyond = set(chart.beyond_limits.tolist())
    runs = set(chart.violating_runs.tolist())
    assert not beyond & runs and beyond | runs == flagged
    assert all(v is None or list(v) == sorted(v) for v in chart.violations)


@SETTINGS
@given(x=subgroups)
def test_chart_to_dict_is_strict_json(x: np.ndarray) -> None:
    assume(varies(x))
    json.dumps(control_chart(x, "xbar", newdata=x[:2]).to_dict(), allow_nan=False)


counts = st.lists(st.integers(0, 1000), min_size=1, max_size=30)


@SETTINGS
@given(values=counts, data=st.data())
def test_pareto_does_not_depend_on_input_order_except_for_ties(
    values: list[int], data: st.DataObject
) -> None:
    assume(sum(values) > 0)
    names = [f"k{i}" for i in range(len(values))]
    order = data.draw(st.permutations(range(len(values))))
    base = pareto(names, values)
    shuffled = pareto([names[i] for i in order], [values[i] for i in order])
    np.testing.assert_array_equal(shuffled.counts, base.counts)
    np.testing.assert_allclose(shuffled.cumulative_percentages, base.cumulative_percentages)
    # Categories with distinct counts land in the same place; tied ones keep input order.
    position = {name: i for i, name in enumerate(order)}
    for count in set(values):
        tied = [n for n, c in zip(shuffled.categories, shuffled.counts, strict=True) if c == count]
        assert [position[names.index(n)] for n in tied] == sorted(
            position[names.index(n)] for n in tied
        )


@SETTINGS
@given(values=counts)
def test_pareto_cumulative_percentage_ends_at_100(values: list[int]) -> None:
    assume(sum(values) > 0)
    result = pareto([str(i) for i in range(len(values))], values)
    assert result.cumulative_percentages[-1] == 100.0
    assert np.all(np.diff(result.counts) <= 0)


@SETTINGS
@given(x=series, shift=st.floats(-100, 100), scale=st.floats(0.1, 10))
def test_capability_indices_ignore_a_change_of_units(
    x: np.ndarray, shift: float, scale: float
) -> None:
    assume(varies(x))
    base = capability(x, lsl=-60.0, usl=70.0, target=5.0)
    moved = capability(
        x * scale + shift,
        lsl=-60.0 * scale + shift,
        usl=70.0 * scale + shift,
        target=5.0 * scale + shift,
    )
    for name in ("cp", "cp_l", "cp_u", "cp_k", "cpm", "pp", "pp_k"):
        assert np.isclose(getattr(moved, name), getattr(base, name), rtol=1e-7, atol=1e-9), name
