"""Totals, normalisation, harshness, outliers, ranking and tie-breaks against hand-computed
examples."""

from __future__ import annotations

import pytest

from tulta.competitions.results import CriterionSpec, ScoreRow, band_for, compute, weighted_total

A = CriterionSpec("a", 60, 0, 10)
B = CriterionSpec("b", 40, 0, 10)


def rows(judge, entry, a, b):
    return [ScoreRow(judge, entry, "a", a), ScoreRow(judge, entry, "b", b)]


def test_weighted_total_scales_each_criterion_to_its_weight():
    # 60 * 8/10 + 40 * 5/10 = 48 + 20
    assert weighted_total([A, B], {"a": 8, "b": 5}) == pytest.approx(68)
    assert weighted_total([CriterionSpec("c", 10, 1, 5)], {"c": 3}) == pytest.approx(5)


def test_normalisation_rescales_each_judges_z_scores_to_the_panel_spread():
    # Judge 1 (lenient) totals: e1=90, e2=70; judge 2 (harsh): e1=50, e2=30.
    scores = rows(1, 1, 9, 9) + rows(1, 2, 7, 7) + rows(2, 1, 5, 5) + rows(2, 2, 3, 3)
    r = compute([A, B], scores)
    # mean_all = (90+70+50+30)/4 = 60; sd_all = sqrt((900+100+100+900)/4) = sqrt(500)
    assert r.mean_all == pytest.approx(60)
    assert r.sd_all == pytest.approx(500**0.5)
    judges = {j.judge: j for j in r.judges}
    assert judges[1].mean == pytest.approx(80) and judges[1].sd == pytest.approx(10)
    assert judges[1].harshness == pytest.approx(20)
    assert judges[2].harshness == pytest.approx(-20)
    # e1: z = +1 for both judges -> 60 + sqrt(500) = 82.3607 ; e2: 60 - sqrt(500) = 37.6393
    by_entry = {e.entry: e for e in r.entries}
    assert by_entry[1].normalised == pytest.approx(82.3607, abs=1e-4)
    assert by_entry[2].normalised == pytest.approx(37.6393, abs=1e-4)
    assert by_entry[1].raw == pytest.approx(70) and by_entry[2].raw == pytest.approx(50)


def test_normalisation_can_change_the_winner():
    # Judge 1 scores e1=80, e2=60; judge 2 (harsh, small spread) scores e2=42, e3=40;
    # judge 3 scores e1=70, e3=90.
    s = (
        rows(1, 1, 8, 8)
        + rows(1, 2, 6, 6)
        + rows(2, 2, 4.2, 4.2)
        + rows(2, 3, 4, 4)
        + rows(3, 1, 7, 7)
        + rows(3, 3, 9, 9)
    )
    raw = compute([A, B], s, decides_by="raw")
    norm = compute([A, B], s, decides_by="normalised")
    # raw: e1 = 75, e2 = 51, e3 = 65
    assert [e.entry for e in raw.entries] == [1, 3, 2]
    # every judge scored two entries, so z = +1/-1: mean_all = 63.667, sd_all = 17.3845
    # e1: (+1, -1) -> 63.667; e2: (-1, +1) -> 63.667; e3: (-1, +1) -> 63.667: a three-way tie
    assert {round(e.normalised, 3) for e in norm.entries} == {63.667}
    assert [e.rank for e in norm.entries] == [1, 1, 1]


def test_single_entry_judge_has_z_zero_and_gets_the_panel_mean():
    s = rows(1, 1, 10, 10) + rows(2, 1, 5, 5) + rows(2, 2, 3, 3)
    r = compute([A, B], s)
    # mean_all = (100+50+30)/3 = 60; judge 1 has sd 0 -> 60; judge 2: z(e1) = +1
    # sd_all = sqrt(((40)^2 + 10^2 + 30^2)/3) = sqrt(866.67) = 29.4392
    e1 = next(e for e in r.entries if e.entry == 1)
    assert e1.normalised == pytest.approx((60 + 60 + 29.4392) / 2, abs=1e-3)


def test_outlier_is_a_total_far_from_the_other_judges():
    s = rows(1, 1, 8, 8) + rows(2, 1, 8, 7) + rows(3, 1, 3, 3)
    r = compute([A, B], s)
    # totals 80, 76, 30: median 76; judge 3 is 46 points away (> 20), judge 1 only 4
    assert r.entries[0].outliers == [3]


def test_tie_breaks_default_to_cause_analysis_then_results():
    ca = CriterionSpec("analisis-penyebab", 50, 0, 10)
    hasil = CriterionSpec("hasil", 50, 0, 10)
    s = [
        ScoreRow(1, 1, "analisis-penyebab", 6),
        ScoreRow(1, 1, "hasil", 8),  # 70
        ScoreRow(1, 2, "analisis-penyebab", 8),
        ScoreRow(1, 2, "hasil", 6),  # 70, better cause
        ScoreRow(1, 3, "analisis-penyebab", 8),
        ScoreRow(1, 3, "hasil", 6),  # equal to e2
        ScoreRow(1, 4, "analisis-penyebab", 9),
        ScoreRow(1, 4, "hasil", 9),  # 90
    ]
    r = compute([ca, hasil], s, tie_breaks=["analisis-penyebab", "hasil"])
    assert [(e.entry, e.rank) for e in r.entries] == [(4, 1), (2, 2), (3, 2), (1, 4)]
    no_breaks = compute([ca, hasil], s, tie_breaks=[])
    assert [e.rank for e in no_breaks.entries] == [1, 2, 2, 2]


def test_second_tie_break_decides_when_the_first_is_equal():
    ca = CriterionSpec("analisis-penyebab", 40, 0, 10)
    hasil = CriterionSpec("hasil", 40, 0, 10)
    lain = CriterionSpec("lain", 20, 0, 10)
    s = [
        ScoreRow(1, 1, "analisis-penyebab", 5),
        ScoreRow(1, 1, "hasil", 5),
        ScoreRow(1, 1, "lain", 10),  # 20+20+20 = 60
        ScoreRow(1, 2, "analisis-penyebab", 5),
        ScoreRow(1, 2, "hasil", 7.5),
        ScoreRow(1, 2, "lain", 0),  # 20+30+0 = 50
        ScoreRow(1, 3, "analisis-penyebab", 5),
        ScoreRow(1, 3, "hasil", 10),
        ScoreRow(1, 3, "lain", 0),  # 20+40+0 = 60
    ]
    r = compute([ca, hasil, lain], s, tie_breaks=["analisis-penyebab", "hasil"])
    assert [(e.entry, e.rank) for e in r.entries] == [(3, 1), (1, 2), (2, 3)]


def test_an_adjusted_score_decides_the_rank_and_the_computed_total_is_kept():
    # e1 raw 70, e2 raw 50; the panel adjusts e2 to 75.
    scores = rows(1, 1, 7, 7) + rows(1, 2, 5, 5)
    r = compute([A, B], scores, adjusted={2: 75.0})
    by_entry = {e.entry: e for e in r.entries}
    assert by_entry[2].computed == pytest.approx(50) and by_entry[2].raw == pytest.approx(50)
    assert by_entry[2].adjusted == 75.0 and by_entry[2].deciding == 75.0
    assert by_entry[1].adjusted is None and by_entry[1].deciding == pytest.approx(70)
    assert [(e.entry, e.rank) for e in r.entries] == [(2, 1), (1, 2)]


def test_entry_spread_is_highest_minus_lowest_judge_total_and_their_sd():
    scores = rows(1, 1, 9, 9) + rows(2, 1, 7, 7) + rows(3, 1, 5, 5)  # 90, 70, 50
    e = compute([A, B], scores).entries[0]
    assert e.spread == pytest.approx(40)
    assert e.sd == pytest.approx((800 / 3) ** 0.5)  # population sd of 90, 70, 50


def test_an_unbreakable_tie_shares_the_rank_whatever_the_list_order():
    # e1 and e2 equal on the total and on every tie-break; e3 below.
    scores = rows(1, 2, 6, 6) + rows(1, 1, 6, 6) + rows(1, 3, 5, 5)
    r = compute([A, B], scores, tie_breaks=["a", "b"])
    assert sorted((e.entry, e.rank) for e in r.entries) == [(1, 1), (2, 1), (3, 3)]


@pytest.mark.parametrize(
    ("score", "band"),
    [(92, "Emas"), (85, "Emas"), (84.99, "Perak"), (75, "Perak"), (65, "Perunggu"), (64.9, "")],
)
def test_band_is_the_highest_whose_minimum_the_score_reaches(score, band):
    bands = [
        {"name": "Perunggu", "min": 65},
        {"name": "Emas", "min": 85},
        {"name": "Perak", "min": 75},
    ]
    assert band_for(score, bands) == band
