"""USG, CARL and MEER scoring."""

from __future__ import annotations

from tulta.stats import METHODS, score


def test_usg_sums_the_scores() -> None:
    result = score({"A": [5, 4, 3], "B": [3, 3, 3]}, "usg")
    assert [(i.label, i.total, i.rank) for i in result.items] == [("A", 12, 1), ("B", 9, 2)]


def test_carl_multiplies_the_scores() -> None:
    result = score({"A": [2, 3, 4, 5], "B": [5, 5, 5, 1]}, "carl")
    assert result.aggregate == "product"
    assert [(i.label, i.total) for i in result.items] == [("B", 125), ("A", 120)]


def test_meer_accepts_scores_by_criterion() -> None:
    result = score({"X": {"mudah": 4, "efektif": 5, "efisien": 3, "rasional": 4}}, "meer")
    assert result.items[0].scores == (4, 5, 3, 4) and result.items[0].total == 16


def test_aggregate_can_be_overridden() -> None:
    assert score({"A": [2, 2, 2]}, "usg", aggregate="product").items[0].total == 8


def test_ties_share_a_rank_and_keep_input_order() -> None:
    result = score({"A": [1, 1, 1], "B": [3, 3, 3], "C": [3, 3, 3]}, "usg")
    assert [(i.label, i.rank) for i in result.items] == [("B", 1), ("C", 1), ("A", 3)]
    assert [i.label for i in result.top] == ["B", "C"]


def test_custom_scale() -> None:
    assert score({"A": [10, 9, 8]}, "usg", scale=(1, 10)).items[0].total == 27


def test_every_method_lists_its_criteria() -> None:
    assert {m: len(s.criteria) for m, s in METHODS.items()} == {"usg": 3, "carl": 4, "meer": 4}


def test_scoring_to_dict() -> None:
    out = score([("A", [1, 2, 3])], "usg").to_dict()
    assert out["items"] == [{"label": "A", "scores": [1, 2, 3], "total": 6, "rank": 1}]
