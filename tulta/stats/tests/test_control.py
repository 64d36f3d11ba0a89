"""Control charts: textbook examples, options and the result object."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from tulta.stats import constants, control_chart
from tulta.stats.constants import c4, d2, d3


def test_xbar_hand_calculation_with_a2() -> None:
    # Three subgroups of 3: means 2, 3, 4, every range 2 -> UCL = 3 + A2(3)*2.
    chart = control_chart([[1, 2, 3], [2, 3, 4], [3, 4, 5]], "xbar")
    assert chart.center[0] == 3
    assert chart.ucl[0] == pytest.approx(3 + constants(3).A2 * 2, rel=1e-12)
    assert chart.lcl[0] == pytest.approx(3 - constants(3).A2 * 2, rel=1e-12)


def test_r_chart_hand_calculation_with_d3_d4() -> None:
    chart = control_chart([[1, 2, 3, 5], [2, 3, 4, 4], [3, 4, 5, 9]], "R")
    rbar = (4 + 2 + 6) / 3
    assert chart.center[0] == pytest.approx(rbar)
    assert chart.ucl[0] == pytest.approx(constants(4).D4 * rbar, rel=1e-12)
    assert chart.lcl[0] == 0.0


def test_p_chart_montgomery_orange_juice_limits() -> None:
    # Montgomery, Introduction to SQC, Example 7.1: UCL 0.4102, LCL 0.0524.
    defects = [12, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22, 8, 10, 5, 13, 11, 20, 18,
               24, 15, 9, 12, 7, 13, 9, 6]  # fmt: skip
    chart = control_chart(defects, "p", sizes=50)
    assert round(chart.center[0], 4) == 0.2313
    assert (round(chart.lcl[0], 4), round(chart.ucl[0], 4)) == (0.0524, 0.4102)
    assert list(chart.beyond_limits) == [14, 22]


def test_c_chart_montgomery_circuit_boards() -> None:
    counts = [21, 24, 16, 12, 15, 5, 28, 20, 31, 25, 20, 24, 16, 19, 10, 17, 13, 22, 18, 39, 30,
              24, 16, 19, 17, 15]  # fmt: skip
    chart = control_chart(counts, "c")
    assert (round(chart.lcl[0], 2), round(chart.center[0], 2), round(chart.ucl[0], 2)) == (
        6.48,
        19.85,
        33.21,
    )


def test_individuals_sigma_is_mean_moving_range_over_1128() -> None:
    chart = control_chart([10.0, 12.0, 11.0, 15.0], "individuals")
    assert chart.std_dev[0] == pytest.approx((2 + 1 + 4) / 3 / 1.128, rel=1e-15)


def test_individuals_sd_method_divides_by_c4() -> None:
    x = np.array([10.0, 12.0, 11.0, 15.0])
    chart = control_chart(x, "individuals", sigma_method="sd")
    assert chart.std_dev[0] == pytest.approx(x.std(ddof=1) / c4(4), rel=1e-14)


def test_exact_uses_integrated_d2() -> None:
    data = [[1.0, 2.0, 4.0], [2.0, 3.5, 4.0], [3.0, 4.0, 5.5]]
    table = control_chart(data, "xbar")
    exact = control_chart(data, "xbar", exact=True)
    assert exact.std_dev[0] / table.std_dev[0] == pytest.approx(d2(3) / d2(3, exact=True))
    assert exact.exact and not table.exact


def test_exact_r_chart_uses_integrated_d3() -> None:
    data = [[1.0, 2.0, 4.0], [2.0, 3.5, 4.0], [3.0, 4.0, 5.5]]
    chart = control_chart(data, "R", exact=True)
    sigma = chart.std_dev[0]
    assert chart.ucl[0] == pytest.approx(chart.center[0] + 3 * d3(3, exact=True) * sigma)


def test_missing_values_give_per_point_limits() -> None:
    data = [[1.0, 2.0, 3.0, 4.0], [2.0, 3.0, np.nan, np.nan], [3.0, 5.0, 4.0, np.nan]]
    chart = control_chart(data, "xbar")
    assert list(chart.sizes) == [4, 2, 3]
    half_widths = chart.ucl - chart.center
    np.testing.assert_allclose(half_widths * np.sqrt([4, 2, 3]), 3 * chart.std_dev[0])


def test_ragged_rows_are_padded_as_missing() -> None:
    ragged = control_chart([[1, 2, 3, 4], [2, 3], [3, 5, 4]], "xbar")
    padded = control_chart([[1, 2, 3, 4], [2, 3, None, None], [3, 5, 4, None]], "xbar")
    np.testing.assert_array_equal(ragged.statistics, padded.statistics)
    np.testing.assert_array_equal(ragged.ucl, padded.ucl)


def test_center_with_missing_values_is_the_grand_mean() -> None:
    chart = control_chart([[1, 2, 3, 4], [2, 3], [3, 5, 4]], "xbar")
    assert chart.center[0] == pytest.approx(np.mean([1, 2, 3, 4, 2, 3, 3, 5, 4]))


def test_default_sigma_above_25_is_rmsdf() -> None:
    rng = np.random.default_rng(3)
    data = rng.normal(size=(5, 30))
    assert control_chart(data, "xbar").sigma_method == "rmsdf"
    assert control_chart(data[:, :25], "xbar").sigma_method == "uwave-r"


def test_rmsdf_is_pooled_sd_over_c4() -> None:
    rng = np.random.default_rng(4)
    data = rng.normal(size=(6, 4))
    chart = control_chart(data, "xbar", sigma_method="rmsdf")
    pooled = math.sqrt(np.mean(data.var(axis=1, ddof=1)))
    assert chart.std_dev[0] == pytest.approx(pooled / c4(6 * 3 + 1), rel=1e-12)


def test_phase_two_uses_the_phase_one_limits() -> None:
    base = [[1, 2, 3], [2, 3, 4], [3, 4, 5]]
    alone = control_chart(base, "xbar")
    both = control_chart(base, "xbar", newdata=[[10, 11, 12], [2, 3, 4]])
    assert both.center[0] == alone.center[0] and both.ucl[0] == alone.ucl[0]
    assert list(both.new_statistics) == [11, 3]
    assert list(both.beyond_limits) == [3]
    assert both.lcl.size == 5


def test_phase_two_limits_use_each_new_points_size() -> None:
    chart = control_chart([4, 6, 5], "p", sizes=[50, 50, 50], newdata=[3, 8], newsizes=[20, 80])
    pbar = 15 / 150
    expected = pbar + 3 * np.sqrt(pbar * (1 - pbar) / np.array([20, 80]))
    np.testing.assert_allclose(chart.ucl[3:], expected, rtol=1e-12)


def test_runs_continue_from_phase_one_into_phase_two() -> None:
    base = [5.0, 4.0, 6.0, 5.5, 4.5, 5.0, 6.0, 4.0, 5.0, 5.6, 5.6, 5.6, 5.6]
    chart = control_chart(base, "individuals", newdata=[5.6, 5.6, 5.6, 5.6])
    assert chart.center[0] < 5.6
    assert list(chart.violating_runs) == [16]


def test_known_center_and_sigma_are_used() -> None:
    chart = control_chart([[1, 2], [3, 4], [5, 6]], "xbar", center=3.0, std_dev=2.0)
    assert chart.center[0] == 3.0 and chart.std_dev[0] == 2.0
    assert chart.ucl[0] == pytest.approx(3 + 3 * 2 / math.sqrt(2))
    assert chart.sigma_method == "given"


def test_known_limits_override_the_computed_ones() -> None:
    chart = control_chart([1.0, 2.0, 3.0, 9.0], "individuals", limits=(0.0, 8.0))
    assert chart.lcl[0] == 0.0 and chart.ucl[0] == 8.0
    assert list(chart.beyond_limits) == [3]


def test_nsigmas_scales_the_limits() -> None:
    x = [1.0, 2.0, 1.5, 2.5, 2.0]
    two = control_chart(x, "individuals", nsigmas=2)
    three = control_chart(x, "individuals")
    assert (two.ucl[0] - two.center[0]) * 1.5 == pytest.approx(three.ucl[0] - three.center[0])


def test_probability_limits_for_individuals_are_normal_quantiles() -> None:
    x = [1.0, 2.0, 1.5, 2.5, 2.0]
    chart = control_chart(x, "individuals", confidence_level=0.9973)
    assert chart.nsigmas == pytest.approx(3.0, abs=1e-3)
    assert chart.confidence_level == 0.9973


def test_probability_limits_for_p_with_equal_sizes_work() -> None:
    # qcc 3.0 errors out here ("dims [product 2] do not match the length of object").
    chart = control_chart([3, 5, 4, 6], "p", sizes=50, confidence_level=0.99)
    assert chart.lcl[0] == 0.0
    assert chart.ucl[0] * 50 == float(int(chart.ucl[0] * 50))


def test_np_center_varies_with_unequal_sizes() -> None:
    chart = control_chart([3, 5, 4], "np", sizes=[30, 50, 40])
    np.testing.assert_allclose(chart.center, np.array([30, 50, 40]) * 12 / 120)


def test_u_chart_with_fractional_sizes() -> None:
    chart = control_chart([4, 6, 5], "u", sizes=[2.5, 3.0, 2.0])
    assert chart.center[0] == pytest.approx(15 / 7.5)
    assert list(chart.sizes) == [2.5, 3.0, 2.0]


def test_result_arrays_are_read_only() -> None:
    chart = control_chart([1.0, 2.0, 3.0, 2.0], "individuals")
    with pytest.raises(ValueError, match="read-only"):
        chart.lcl[0] = 0.0
    with pytest.raises(ValueError, match="read-only"):
        chart.statistics[0] = 0.0


def test_result_is_frozen() -> None:
    chart = control_chart([1.0, 2.0, 3.0, 2.0], "individuals")
    with pytest.raises(AttributeError):
        chart.chart = "p"  # type: ignore[misc]


def test_input_array_is_left_writable() -> None:
    x = np.array([1.0, 2.0, 3.0, 2.0])
    control_chart(x, "individuals")
    x[0] = 5.0


def test_to_dict_is_json_serialisable_without_nan() -> None:
    chart = control_chart([[1, 2], [3, 9], [5, 6]], "xbar", newdata=[[30, 31]], rules=["we1"])
    text = json.dumps(chart.to_dict(), allow_nan=False)
    out = json.loads(text)
    assert out["violations"] == [None, None, None, ["we1"]]
    assert out["beyond_limits"] == [3] and out["sizes"] == [2, 2, 2]


def test_violations_list_every_rule_a_point_breaks() -> None:
    x = [0.0, 0.1, -0.1, 0.0] * 5 + [1.0] * 7 + [30.0]
    chart = control_chart(x, "individuals", center=0.0, std_dev=1.0)
    assert chart.violations[-1] == ("we1", "we4")
    assert list(chart.beyond_limits) == [len(x) - 1]
    assert list(chart.violating_runs) == []


def test_no_rules_means_no_violations() -> None:
    chart = control_chart([1.0, 2.0, 50.0, 2.0], "individuals", rules=())
    assert chart.rules == () and chart.in_control
    assert chart.violations == (None,) * 4


def test_nelson_rules_can_be_chosen() -> None:
    x = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 3.0, 3.5]
    chart = control_chart(x, "individuals", rules=["nelson3"])
    assert chart.violations[5] == ("nelson3",)
    assert list(chart.violating_runs) == [5]


def test_chart_aliases_are_accepted() -> None:
    assert control_chart([1.0, 2.0, 1.5], "xbar.one").chart == "individuals"
    assert control_chart([[1, 2], [2, 4]], "r").chart == "R"


def test_observations_are_the_phase_one_values() -> None:
    chart = control_chart([[1, 2, np.nan], [3, 4, 5]], "xbar", newdata=[[9, 9]])
    assert sorted(chart.observations.tolist()) == [1, 2, 3, 4, 5]


def test_s_chart_limits_use_c4() -> None:
    data = [[1.0, 2.0, 4.0], [2.0, 3.5, 4.0], [3.0, 4.0, 5.5]]
    chart = control_chart(data, "S")
    sigma = chart.std_dev[0]
    assert chart.ucl[0] == pytest.approx(chart.center[0] + 3 * sigma * math.sqrt(1 - c4(3) ** 2))


def test_large_subgroups_work_for_the_r_chart() -> None:
    # qcc cannot: its d2 table stops at 25.
    data = np.random.default_rng(5).normal(size=(10, 30))
    chart = control_chart(data, "R")
    assert chart.std_dev[0] == pytest.approx(np.mean(np.ptp(data, axis=1)) / d2(30), rel=1e-12)


UNEQUAL = [[1.0, 2.5, 4.0, 3.0], [2.0, 3.5, np.nan, np.nan], [3.0, 4.0, 5.5, np.nan]]


def _row_stats() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rows = [np.array([v for v in r if not np.isnan(v)]) for r in UNEQUAL]
    n = np.array([r.size for r in rows])
    return n, np.array([np.ptp(r) for r in rows]), np.array([r.std(ddof=1) for r in rows])


def test_mvlue_r_weights_ranges_by_d2_over_d3_squared() -> None:
    n, ranges, _ = _row_stats()
    dd2 = np.array([d2(int(k)) for k in n])
    w = (dd2 / np.array([d3(int(k)) for k in n])) ** 2
    expected = np.sum(ranges / dd2 * w) / np.sum(w)
    for chart in ("xbar", "R"):
        result = control_chart(UNEQUAL, chart, sigma_method="mvlue-r")
        assert result.std_dev[0] == pytest.approx(expected, rel=1e-14)


def test_mvlue_sd_weights_sds_by_c4_squared_over_one_minus_c4_squared() -> None:
    n, _, sds = _row_stats()
    cc4 = np.array([c4(int(k)) for k in n])
    w = cc4**2 / (1 - cc4**2)
    expected = np.sum(sds / cc4 * w) / np.sum(w)
    for chart in ("xbar", "S"):
        result = control_chart(UNEQUAL, chart, sigma_method="mvlue-sd")
        assert result.std_dev[0] == pytest.approx(expected, rel=1e-14)


def test_uwave_sd_averages_sd_over_c4() -> None:
    n, _, sds = _row_stats()
    expected = np.mean(sds / np.array([c4(int(k)) for k in n]))
    assert control_chart(UNEQUAL, "S").std_dev[0] == pytest.approx(expected, rel=1e-14)


def test_rmsdf_pools_with_unequal_sizes() -> None:
    n, _, sds = _row_stats()
    dof = n - 1
    expected = np.sqrt(np.sum(sds**2 * dof) / dof.sum()) / c4(int(dof.sum()) + 1)
    for chart in ("xbar", "S"):
        result = control_chart(UNEQUAL, chart, sigma_method="rmsdf")
        assert result.std_dev[0] == pytest.approx(expected, rel=1e-14)


def test_r_and_s_centers_are_size_weighted() -> None:
    n, ranges, sds = _row_stats()
    assert control_chart(UNEQUAL, "R").center[0] == pytest.approx(np.sum(n * ranges) / n.sum())
    assert control_chart(UNEQUAL, "S").center[0] == pytest.approx(np.sum(n * sds) / n.sum())


def test_s_chart_probability_limits_use_chi_square() -> None:
    from scipy.stats import chi2

    result = control_chart(UNEQUAL, "S", confidence_level=0.99)
    sigma = result.std_dev[0]
    expected = sigma * np.sqrt(chi2.ppf(0.995, np.array([3, 1, 2])) / np.array([3, 1, 2]))
    np.testing.assert_allclose(result.ucl, expected, rtol=1e-12)
