"""Bad input raises StatsInputError with an English code and an Indonesian message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from tulta.stats import (
    StatsInputError,
    capability,
    compare,
    control_chart,
    histogram,
    pareto,
    scatter,
    score,
    stratify,
    tally,
)


def error(func: Callable[..., Any], *args: Any, **kwargs: Any) -> StatsInputError:
    with pytest.raises(StatsInputError) as info:
        func(*args, **kwargs)
    return info.value


def test_stats_input_error_is_a_value_error() -> None:
    err = StatsInputError("x", "Pesan.", subgroup=1)
    assert isinstance(err, ValueError)
    assert str(err) == "Pesan." and err.where == {"subgroup": 1}
    assert err.to_dict() == {"code": "x", "message": "Pesan.", "where": {"subgroup": 1}}


def test_empty_data() -> None:
    err = error(control_chart, [], "individuals")
    assert err.code == "empty_data" and err.message == "Data kosong."


def test_empty_matrix() -> None:
    assert error(control_chart, [], "xbar").code == "empty_data"


def test_single_subgroup() -> None:
    err = error(control_chart, [[1.0, 2.0, 3.0]], "xbar")
    assert err.code == "too_few_groups"


def test_single_individual_value() -> None:
    assert error(control_chart, [4.0], "individuals").code == "too_few_groups"


def test_single_attribute_group() -> None:
    assert error(control_chart, [4], "p", sizes=10).code == "too_few_groups"


def test_non_number_in_a_subgroup_names_subgroup_and_value() -> None:
    err = error(control_chart, [[1, 2], [3, 4], [5, "x"]], "xbar")
    assert err.code == "not_a_number"
    assert err.message == "Subgrup ke-3, nilai ke-2 bukan angka."
    assert err.where["subgroup"] == 2 and err.where["value"] == 1


def test_infinity_in_a_subgroup_names_subgroup_and_value() -> None:
    err = error(control_chart, np.array([[1, 2], [3, np.inf], [5, 6]]), "xbar")
    assert err.code == "not_finite"
    assert err.message == "Subgrup ke-2, nilai ke-2 tidak terhingga."


def test_infinity_in_new_data_says_so() -> None:
    err = error(control_chart, [[1, 2], [3, 5]], "xbar", newdata=[[1, -np.inf]])
    assert err.message == "Data baru: subgrup ke-1, nilai ke-2 tidak terhingga."
    assert err.where["phase"] == 2


def test_nan_in_individual_values_names_the_value() -> None:
    err = error(control_chart, [1.0, 2.0, float("nan"), 3.0], "individuals")
    assert err.code == "not_a_number" and err.message == "Nilai ke-3 bukan angka."
    assert err.where["index"] == 2


def test_none_in_individual_values_is_not_a_number() -> None:
    err = error(control_chart, [1.0, None, 3.0], "individuals")
    assert err.message == "Nilai ke-2 bukan angka."


def test_infinity_in_individual_values() -> None:
    err = error(control_chart, [1.0, 2.0, float("inf")], "individuals")
    assert err.code == "not_finite" and err.message == "Nilai ke-3 tidak terhingga."


def test_subgroup_that_is_entirely_missing() -> None:
    err = error(control_chart, [[1, 2], [None, None], [3, 4]], "xbar")
    assert err.code == "empty_subgroup" and err.message == "Subgrup ke-2 tidak berisi nilai."


def test_subgroup_size_one_for_xbar() -> None:
    err = error(control_chart, [[1, 2], [3, None], [3, 4]], "xbar")
    assert err.code == "subgroup_too_small"
    assert err.message.startswith("Subgrup ke-2 hanya berisi 1 nilai")


@pytest.mark.parametrize("chart", ["xbar", "R", "S"])
def test_one_column_matrix_is_too_small(chart: str) -> None:
    assert error(control_chart, [1.0, 2.0, 3.0], chart).code == "subgroup_too_small"


def test_negative_count() -> None:
    err = error(control_chart, [3, -1, 2], "c")
    assert err.code == "negative_count"
    assert err.message == "Subgrup ke-2: jumlah tidak boleh negatif (−1)."


def test_defectives_above_the_subgroup_size() -> None:
    err = error(control_chart, [3, 12, 2], "p", sizes=10)
    assert err.code == "defectives_exceed_size"
    assert err.message == "Subgrup ke-2: jumlah cacat (12) melebihi ukuran subgrup (10)."


def test_defectives_above_the_size_in_new_data() -> None:
    err = error(control_chart, [3, 2, 2], "np", sizes=10, newdata=[11], newsizes=10)
    assert err.code == "defectives_exceed_size" and err.message.startswith("Data baru: ")


def test_sizes_that_do_not_match_the_data() -> None:
    err = error(control_chart, [3, 2, 2], "p", sizes=[10, 10])
    assert err.code == "size_mismatch"
    assert err.message == "Banyaknya ukuran subgrup (2) tidak sama dengan banyaknya subgrup (3)."


def test_missing_sizes_for_a_p_chart() -> None:
    assert error(control_chart, [3, 2, 2], "p").code == "missing_sizes"


def test_missing_new_sizes_for_a_u_chart() -> None:
    assert error(control_chart, [3, 2], "u", sizes=5, newdata=[1]).code == "missing_sizes"


def test_zero_size() -> None:
    err = error(control_chart, [3, 2, 2], "u", sizes=[5, 0, 5])
    assert err.code == "invalid_size" and "ukuran subgrup ke-2" in err.message.lower()


def test_fractional_size_for_a_p_chart() -> None:
    assert error(control_chart, [3, 2], "p", sizes=[5.5, 5]).code == "invalid_size"


def test_fractional_defectives() -> None:
    assert error(control_chart, [3, 2.5], "np", sizes=10).code == "not_integer"


def test_unequal_sizes_for_a_c_chart() -> None:
    assert error(control_chart, [3, 2], "c", sizes=[5, 6]).code == "unequal_sizes"


@pytest.mark.parametrize(
    ("data", "chart", "kwargs"),
    [
        ([[1, 1], [2, 2], [3, 3]], "xbar", {}),
        ([[1, 1], [2, 2], [3, 3]], "R", {}),
        ([[1, 1], [2, 2], [3, 3]], "S", {}),
        ([5.0, 5.0, 5.0], "individuals", {}),
        ([0, 0, 0], "p", {"sizes": 10}),
        ([10, 10], "np", {"sizes": 10}),
        ([0, 0, 0], "c", {}),
        ([0, 0, 0], "u", {"sizes": 2}),
    ],
)
def test_no_variation(data: Any, chart: str, kwargs: dict[str, Any]) -> None:
    err = error(control_chart, data, chart, **kwargs)
    assert err.code == "no_variation" and "tidak bervariasi" in err.message


def test_unknown_chart() -> None:
    err = error(control_chart, [1, 2], "zz")
    assert err.code == "unknown_chart" and "xbar" in err.message


def test_unknown_sigma_method() -> None:
    err = error(control_chart, [[1, 2], [2, 4]], "R", sigma_method="uwave-sd")
    assert err.code == "invalid_option"


def test_nsigmas_and_confidence_level_together() -> None:
    err = error(control_chart, [1.0, 2.0, 3.0], "individuals", nsigmas=3, confidence_level=0.9)
    assert err.code == "invalid_option"


def test_confidence_level_outside_zero_one() -> None:
    assert error(control_chart, [1.0, 2.0], "individuals", confidence_level=1.5).code == (
        "invalid_option"
    )


def test_limits_in_the_wrong_order() -> None:
    assert error(control_chart, [1.0, 2.0], "individuals", limits=(5, 1)).code == "invalid_option"


def test_std_dev_for_an_attribute_chart() -> None:
    assert error(control_chart, [1, 2], "c", std_dev=1.0).code == "invalid_option"


def test_sizes_for_a_variables_chart() -> None:
    assert error(control_chart, [[1, 2], [2, 4]], "xbar", sizes=2).code == "invalid_option"


def test_capability_of_an_attribute_chart() -> None:
    chart = control_chart([1, 2, 3], "c")
    assert error(capability, chart, lsl=0, usl=5).code == "invalid_chart"


def test_capability_without_specification_limits() -> None:
    assert error(capability, [1.0, 2.0, 3.0]).code == "missing_spec"


def test_capability_with_lsl_above_usl() -> None:
    assert error(capability, [1.0, 2.0, 3.0], lsl=5, usl=1).code == "invalid_spec"


def test_pareto_negative_count() -> None:
    err = error(pareto, ["a", "b"], [3, -2])
    assert err.code == "negative_count" and "'b'" in err.message


def test_pareto_length_mismatch() -> None:
    assert error(pareto, ["a", "b"], [3]).code == "size_mismatch"


def test_pareto_duplicate_category() -> None:
    assert error(pareto, ["a", "a"], [3, 1]).code == "duplicate_category"


def test_pareto_all_zero() -> None:
    assert error(pareto, ["a", "b"], [0, 0]).code == "zero_total"


def test_pareto_nan_count() -> None:
    err = error(pareto, ["a", "b"], [1, float("nan")])
    assert err.code == "not_a_number" and err.message == "Jumlah kategori ke-2 bukan angka."


def test_histogram_without_variation() -> None:
    assert error(histogram, [2.0, 2.0, 2.0]).code == "no_variation"


def test_histogram_bad_bins() -> None:
    assert error(histogram, [1.0, 2.0, 3.0], bins="scott").code == "invalid_option"


def test_scatter_length_mismatch() -> None:
    assert error(scatter, [1, 2, 3], [1, 2]).code == "size_mismatch"


def test_scatter_constant_x() -> None:
    assert error(scatter, [1, 1, 1, 1], [1, 2, 3, 4]).code == "no_variation"


def test_stratify_missing_label() -> None:
    assert error(stratify, [1.0, 2.0], ["a", None]).code == "missing_label"


def test_tally_record_without_the_field() -> None:
    err = error(tally, [{"cacat": "gores"}, {"jenis": "x"}], "cacat")
    assert (
        err.code == "missing_field" and err.message == "Catatan ke-2 tidak memiliki kolom 'cacat'."
    )


def test_score_out_of_range() -> None:
    err = error(score, {"Masalah A": [5, 6, 3]}, "usg")
    assert err.code == "score_out_of_range"
    assert err.message == (
        "Skor Seriousness (keseriusan) untuk 'Masalah A' harus antara 1 dan 5 (diberikan: 6)."
    )


def test_compare_without_variation() -> None:
    assert error(compare, [3.0, 3.0], [3.0, 3.0]).code == "no_variation"


def test_compare_proportion_events_above_n() -> None:
    assert error(compare, (5, 4), (1, 4), kind="proportion").code == "defectives_exceed_size"


def test_values_beyond_1e60_are_too_large() -> None:
    err = error(control_chart, [1.0, 2e61, 3.0], "individuals")
    assert err.code == "too_large" and err.message == "Nilai ke-2 terlalu besar."


def test_too_large_value_in_a_subgroup() -> None:
    err = error(control_chart, [[1.0, 2.0], [3.0, -1e70]], "xbar")
    assert err.message == "Subgrup ke-2, nilai ke-2 terlalu besar."


def test_result_out_of_range_is_rejected_not_returned_as_infinity() -> None:
    assert error(control_chart, [1, 2], "u", sizes=[1e-300, 1e-300]).code == "too_large"


def test_values_too_close_to_vary_numerically() -> None:
    assert error(histogram, [1e-300, 2e-300, 3e-300, 5e-300]).code == "no_variation"
