"""Before/after comparison and its Indonesian verdict."""

from __future__ import annotations

import pytest
from scipy import stats

from tulta.stats import compare

BEFORE = [45.0, 47.0, 44.0, 46.0, 43.0, 45.0]
AFTER = [14.0, 15.0, 13.5, 14.5, 14.2, 14.0]


def test_mean_comparison_uses_welch() -> None:
    result = compare(BEFORE, AFTER, unit="menit")
    expected = stats.ttest_ind(AFTER, BEFORE, equal_var=False)
    assert result.test == "welch"
    assert (result.statistic, result.p_value) == pytest.approx(
        (expected.statistic, expected.pvalue)
    )


def test_verdict_for_a_significant_decrease() -> None:
    result = compare(BEFORE, AFTER, unit="menit")
    assert result.verdict == "turun dari 45,0 menjadi 14,2 menit (−68,4%), berbeda nyata, p < 0,001"


def test_verdict_for_an_increase_that_is_not_significant() -> None:
    result = compare([10.0, 12.0, 11.0], [11.0, 13.0, 10.5])
    assert result.verdict.startswith("naik dari 11,0 menjadi 11,5 (+4,5%), tidak berbeda nyata")


def test_median_comparison_uses_mann_whitney() -> None:
    result = compare(BEFORE, AFTER, kind="median")
    expected = stats.mannwhitneyu(AFTER, BEFORE, alternative="two-sided")
    assert result.test == "mann-whitney" and result.p_value == pytest.approx(expected.pvalue)
    assert (result.before, result.after) == (45.0, 14.1)


def test_proportions_with_large_counts_use_the_z_test() -> None:
    result = compare((60, 200), (30, 200), kind="proportion")
    assert result.test == "z"
    pooled = 90 / 400
    z = (0.15 - 0.30) / (pooled * (1 - pooled) * (2 / 200)) ** 0.5
    assert result.statistic == pytest.approx(z)


def test_proportions_with_small_counts_use_fisher() -> None:
    result = compare((4, 20), (0, 20), kind="proportion")
    assert result.test == "fisher"
    assert result.p_value == pytest.approx(stats.fisher_exact([[4, 16], [0, 20]]).pvalue)
    assert result.statistic is None  # infinite odds ratio


def test_proportion_verdict_shows_percentages() -> None:
    result = compare((60, 200), (30, 200), kind="proportion")
    assert result.verdict == "turun dari 30,0% menjadi 15,0% (−50,0%), berbeda nyata, p < 0,001"


def test_no_percent_change_when_before_is_zero() -> None:
    result = compare([0.0, 1.0, -1.0], [2.0, 3.0, 4.0])
    assert result.percent_change is None and "(" not in result.verdict


def test_unchanged_value_says_tetap() -> None:
    result = compare([1.0, 3.0], [2.0, 2.0])
    assert result.verdict.startswith("tetap 2,0, tidak berbeda nyata")
