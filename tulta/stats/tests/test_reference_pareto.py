"""Pareto analyses of the qcc reference (pareto.json)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from tulta.stats import pareto
from tulta.stats.tests.reference import load

CASES = [(c["pareto_id"], c) for c in load("pareto")["pareto"]]
IDS = [cid for cid, _ in CASES]


def run(case: dict[str, Any]) -> Any:
    return pareto(case["inputs"]["categories"], case["inputs"]["counts"])


@pytest.mark.parametrize(("cid", "case"), CASES, ids=IDS)
def test_categories_sorted_like_qcc(cid: str, case: dict[str, Any]) -> None:
    assert list(run(case).categories) == case["expected"]["categories_sorted"]


@pytest.mark.parametrize(("cid", "case"), CASES, ids=IDS)
def test_counts_and_cumulative_counts_match_qcc(cid: str, case: dict[str, Any]) -> None:
    result = run(case)
    np.testing.assert_array_equal(result.counts, case["expected"]["frequency"])
    np.testing.assert_array_equal(result.cumulative, case["expected"]["cum_frequency"])


@pytest.mark.parametrize(("cid", "case"), CASES, ids=IDS)
def test_percentages_match_qcc(cid: str, case: dict[str, Any]) -> None:
    result = run(case)
    np.testing.assert_allclose(result.percentages, case["expected"]["percentage"], rtol=1e-9)
    np.testing.assert_allclose(
        result.cumulative_percentages, case["expected"]["cum_percentage"], rtol=1e-9
    )


def test_cumulative_percentages_are_computed_as_qcc_computes_them() -> None:
    # qcc keeps 57.99999999999999 (= 174/300*100); so do we, bit for bit.
    case = dict(CASES)["qcc_doc_defects"]
    assert list(run(case).cumulative_percentages) == case["expected"]["cum_percentage"]
