"""Pareto (beyond qcc), histogram, scatter, stratification and check sheets."""

from __future__ import annotations

import json

import numpy as np
import pytest
from scipy import stats

from tulta.stats import histogram, pareto, scatter, stratify, tally
from tulta.stats.tools import anderson_darling

# --- Pareto ----------------------------------------------------------------------------------


def test_pareto_vital_few_reach_eighty_percent() -> None:
    result = pareto(["a", "b", "c", "d", "e"], [80, 27, 66, 94, 33])
    assert result.vital_few == ("d", "a", "c")  # 31.3 + 26.7 + 22.0 = exactly 80


def test_pareto_vital_few_include_the_category_that_crosses_the_threshold() -> None:
    result = pareto(["a", "b", "c"], [50, 40, 10])
    assert result.vital_few == ("a", "b")


def test_pareto_groups_small_categories_as_lainnya_last() -> None:
    result = pareto(["a", "b", "c", "d", "e"], [50, 2, 30, 3, 15], other_below=5)
    assert result.categories == ("a", "c", "e", "Lainnya")
    assert list(result.counts) == [50, 30, 15, 5]
    assert result.grouped == ("d", "b") and result.other_label == "Lainnya"


def test_pareto_does_not_group_a_single_small_category() -> None:
    result = pareto(["a", "b", "c"], [50, 2, 30], other_below=5)
    assert result.categories == ("a", "c", "b") and result.other_label is None


def test_pareto_folds_an_existing_lainnya_into_the_group() -> None:
    result = pareto(["a", "Lainnya", "c"], [50, 20, 1], other_below=5)
    assert result.categories == ("a", "Lainnya") and list(result.counts) == [50, 21]


def test_pareto_to_dict_is_json_serialisable() -> None:
    out = pareto(["x", "y"], [3, 1]).to_dict()
    assert json.loads(json.dumps(out, allow_nan=False))["counts"] == [3, 1]


# --- histogram -------------------------------------------------------------------------------

DATA = np.random.default_rng(11).normal(50, 5, size=200)


def test_histogram_sturges_bins() -> None:
    result = histogram(DATA)
    assert result.bins_rule == "sturges" and result.counts.size == 9  # ceil(log2 200) + 1
    assert result.counts.sum() == 200
    assert result.edges[0] == DATA.min() and result.edges[-1] == DATA.max()


def test_histogram_freedman_diaconis_bins() -> None:
    result = histogram(DATA, bins="fd")
    q1, q3 = np.percentile(DATA, [25, 75])
    width = 2 * (q3 - q1) / 200 ** (1 / 3)
    assert result.counts.size == int(np.ceil((DATA.max() - DATA.min()) / width))


def test_histogram_fd_falls_back_to_sturges_without_spread() -> None:
    result = histogram([1.0] * 10 + [2.0])
    assert histogram([1.0] * 10 + [2.0], bins="fd").bins_rule == "sturges"
    assert result.counts.sum() == 11


def test_histogram_fixed_number_of_bins() -> None:
    assert histogram(DATA, bins=5).counts.size == 5


def test_histogram_summary_statistics() -> None:
    r = histogram(DATA)
    assert r.mean == pytest.approx(DATA.mean()) and r.sd == pytest.approx(DATA.std(ddof=1))
    assert (r.q1, r.median, r.q3) == pytest.approx(tuple(np.percentile(DATA, [25, 50, 75])))
    assert r.skewness == pytest.approx(stats.skew(DATA, bias=False))
    assert r.kurtosis == pytest.approx(stats.kurtosis(DATA, bias=False))


def test_histogram_shapiro_wilk_matches_scipy() -> None:
    r = histogram(DATA)
    expected = stats.shapiro(DATA)
    assert (r.shapiro_w, r.shapiro_p) == pytest.approx((expected.statistic, expected.pvalue))


def test_anderson_darling_statistic_matches_scipy() -> None:
    a2, _ = anderson_darling(DATA)
    assert a2 == pytest.approx(
        stats.anderson(DATA, dist="norm", method="interpolate").statistic, rel=1e-10
    )


def test_anderson_darling_p_value_minitab_example() -> None:
    # A² = 0.3 with n = 30 -> A* = 0.3078; p = 1 - exp(-8.318 + 42.796 A* - 59.938 A*²).
    x = stats.norm.ppf((np.arange(1, 31) - 0.375) / 30.25)
    a2, p = anderson_darling(x)
    a = a2 * (1 + 0.75 / 30 + 2.25 / 900)
    assert a < 0.2 and p == pytest.approx(1 - np.exp(-13.436 + 101.14 * a - 223.73 * a * a))


def test_anderson_darling_rejects_clearly_skewed_data() -> None:
    _, p = anderson_darling(np.random.default_rng(2).exponential(size=300))
    assert p < 0.001


def test_histogram_to_dict_is_json_serialisable() -> None:
    out = histogram([1.0, 2.0]).to_dict()
    assert json.loads(json.dumps(out, allow_nan=False))["skewness"] is None


# --- scatter ---------------------------------------------------------------------------------

X = np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0])
Y = np.array([2.1, 3.9, 6.2, 7.8, 10.1, 12.2, 13.8, 16.1])


def test_scatter_pearson_matches_scipy() -> None:
    r = scatter(X, Y)
    expected = stats.pearsonr(X, Y)
    assert (r.pearson_r, r.pearson_p) == pytest.approx((expected.statistic, expected.pvalue))
    ci = expected.confidence_interval(0.95)
    assert r.pearson_ci == pytest.approx((ci.low, ci.high))


def test_scatter_spearman_matches_scipy() -> None:
    y = Y.copy()
    y[3] = 20.0
    r = scatter(X, y)
    expected = stats.spearmanr(X, y)
    assert (r.spearman_rho, r.spearman_p) == pytest.approx((expected.statistic, expected.pvalue))


def test_scatter_least_squares_line() -> None:
    r = scatter(X, Y)
    slope, intercept = np.polyfit(X, Y, 1)
    assert (r.slope, r.intercept) == pytest.approx((slope, intercept))
    assert r.r_squared == pytest.approx(r.pearson_r**2)


def test_scatter_perfect_correlation_has_p_zero_and_a_point_interval() -> None:
    r = scatter([1, 2, 3, 4], [2, 4, 6, 8])
    assert r.pearson_r == 1.0 and r.pearson_p == 0.0 and r.pearson_ci == (1.0, 1.0)


def test_scatter_of_three_pairs_has_no_interval() -> None:
    assert scatter([1, 2, 3], [1, 3, 2]).pearson_ci is None


# --- stratification and check sheets ---------------------------------------------------------


def test_stratify_summarises_each_stratum_in_order_of_appearance() -> None:
    result = stratify([5, 7, 1, 3, 6], ["pagi", "siang", "pagi", "pagi", "siang"])
    pagi, siang = result.strata
    assert (pagi.label, pagi.n, pagi.mean, pagi.median) == ("pagi", 3, 3.0, 3.0)
    assert (siang.label, siang.total, siang.share) == ("siang", 13.0, 0.4)


def test_stratum_of_one_value_has_no_sd() -> None:
    assert stratify([1.0, 2.0, 3.0], ["a", "a", "b"]).strata[1].sd is None


def test_tally_counts_records_per_key() -> None:
    records = [{"cacat": "gores"}, {"cacat": "penyok"}, {"cacat": "gores"}]
    result = tally(records, "cacat")
    assert result.keys == (("gores",), ("penyok",)) and list(result.counts) == [2, 1]
    assert result.total == 3


def test_tally_sums_a_weight() -> None:
    records = [{"cacat": "gores", "n": 3}, {"cacat": "gores", "n": 2}]
    assert list(tally(records, "cacat", weight="n").counts) == [5]


def test_tally_crosstab_by_two_fields() -> None:
    records = [
        {"cacat": "gores", "hari": "Senin"},
        {"cacat": "penyok", "hari": "Selasa"},
        {"cacat": "gores", "hari": "Selasa"},
        {"cacat": "gores", "hari": "Senin"},
    ]
    rows, cols, table = tally(records, ["cacat", "hari"]).crosstab()
    assert rows == ["gores", "penyok"] and cols == ["Senin", "Selasa"]
    np.testing.assert_array_equal(table, [[2, 1], [0, 1]])


def test_tally_most_common_sorts_by_count() -> None:
    records = [{"k": "a"}, {"k": "b"}, {"k": "b"}]
    assert tally(records, "k").most_common() == [(("b",), 2), (("a",), 1)]


def test_lainnya_is_always_the_last_bar_of_a_pareto() -> None:
    out = pareto(["Lainnya", "Berkas kurang", "Antre"], [50, 30, 20])
    assert out.categories == ("Berkas kurang", "Antre", "Lainnya")
    assert out.counts.tolist() == [30.0, 20.0, 50.0]
    assert out.cumulative_percentages.tolist()[-1] == 100.0
    assert out.other_label == "Lainnya"
    assert pareto(["A", "B"], [1, 2]).other_label is None


# Whole-number data (counts, minutes read off a clock, scores 1–5): #21 found classes 0,4 wide.
SCORES = [1, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 2, 3, 4, 3, 1, 5, 4, 3, 3, 2, 4, 3, 3, 4, 2, 3, 5, 4]


def test_histogram_of_whole_numbers_has_no_class_narrower_than_one() -> None:
    result = histogram(SCORES)  # Sturges asks for 6 classes over a range of 4
    assert result.whole_numbers
    assert list(result.edges) == [0.5, 1.5, 2.5, 3.5, 4.5, 5.5]  # one class per score
    assert list(result.counts) == [2, 5, 11, 8, 4]


def test_histogram_of_whole_numbers_puts_each_value_inside_one_class() -> None:
    values = list(range(10, 51)) * 2  # 82 values: Sturges 8 classes over 40 → width 6
    result = histogram(values)
    widths = np.diff(result.edges)
    assert np.allclose(widths, 6.0)
    assert result.edges[0] == 9.5 and result.edges[-1] >= 50.5
    assert all(not float(e).is_integer() for e in result.edges)  # no value on an edge
    assert result.counts.sum() == 82


def test_histogram_of_whole_numbers_caps_a_fixed_number_of_classes() -> None:
    result = histogram([1, 2, 3, 2, 1, 3], bins=50)
    assert result.counts.size == 3 and np.allclose(np.diff(result.edges), 1.0)


def test_histogram_of_measured_values_keeps_equal_classes_from_minimum_to_maximum() -> None:
    result = histogram([1.5, 2.25, 3.0, 2.0, 1.75])
    assert not result.whole_numbers
    assert result.edges[0] == 1.5 and result.edges[-1] == 3.0
