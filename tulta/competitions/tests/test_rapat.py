"""The rapat juri: spread and outliers, adjusted scores with their reasons, the judges'
"selesai", the chair's lock (every write refused afterwards), predicate bands, special awards
and ties that share an award."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tulta.accounts.models import Role
from tulta.competitions import selectors, services
from tulta.competitions.forms import parse_bands
from tulta.competitions.models import Award, JudgeDone, Round, Score, ScoreAdjustment
from tulta.core.models import AuditEvent
from tulta.factories import UserFactory
from tulta.testing.competitions import close_round, score_card

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel(world, comp):
    """Three judges on every entry: totals 50, 50, 90 for the first entry (the third judge an
    outlier: 40 points from the median, more than 20% of the 100-point range), 70 for every
    judge on the second and 30 on the third."""
    rnd, entries = comp["round"], comp["entries"]
    judge3 = UserFactory(government=world.government, full_name="Juri Tiga", roles=[Role.JUDGE])
    services.judges_assign(actor=world.admin, round=rnd, judges=[judge3])
    judges = [world.judge, comp["judge2"], judge3]
    for judge, value in zip(judges, [5, 5, 9], strict=True):
        score_card(judge, rnd, entries[0], value)
    for judge in judges:
        score_card(judge, rnd, entries[1], 7)
        score_card(judge, rnd, entries[2], 3)
    return {**comp, "judges": judges}


def test_rapat_shows_each_entrys_spread_and_flags_the_outlier_judge(world, panel):
    rnd = panel["round"]
    rapat = selectors.rapat(rnd)
    first = next(r for r in rapat.rows if r.entry == panel["entries"][0])
    totals = {c.judge.full_name: (round(c.total or 0, 2), c.outlier) for c in first.judges}
    assert totals == {
        world.judge.full_name: (50, False),
        "Juri Dua": (50, False),
        "Juri Tiga": (90, True),
    }
    assert first.result.spread == pytest.approx(40)
    assert first.result.raw == pytest.approx(190 / 3)
    assert rapat.outlier_points == pytest.approx(20)
    second = next(r for r in rapat.rows if r.entry == panel["entries"][1])
    assert not any(c.outlier for c in second.judges) and second.result.spread == 0


def test_adjustment_is_refused_while_the_round_is_open(world, panel):
    with pytest.raises(ValidationError, match="Tutup babak dulu"):
        services.score_adjust(
            actor=world.admin,
            round=panel["round"],
            entry=panel["entries"][0],
            score="60",
            reason="Pencilan",
        )
    assert not ScoreAdjustment.objects.exists()


def test_adjusted_score_keeps_the_original_is_audited_and_decides_the_rank(world, panel):
    rnd, entries = panel["round"], panel["entries"]
    services.round_close(actor=world.admin, round=rnd)
    with pytest.raises(ValidationError, match="alasan"):
        services.score_adjust(actor=world.admin, round=rnd, entry=entries[2], score=80, reason="")
    with pytest.raises(ValidationError, match="berupa angka"):
        services.score_adjust(
            actor=world.admin, round=rnd, entry=entries[2], score="delapan", reason="X"
        )
    with pytest.raises(ValidationError, match="antara 0 dan 100"):
        services.score_adjust(
            actor=world.admin, round=rnd, entry=entries[2], score="101", reason="X"
        )
    adj = services.score_adjust(
        actor=world.admin,
        round=rnd,
        entry=entries[2],
        score="80,5",  # typed with a decimal comma
        reason="Rapat juri: juri menilai lampiran yang salah",
    )
    assert adj.original == 30 and float(adj.score) == 80.5
    # The judges' scores are untouched.
    assert set(Score.objects.filter(entry=entries[2]).values_list("value", flat=True)) == {3}
    result = selectors.round_result(rnd)
    top = result.entries[0]
    assert top.entry == entries[2].pk and top.deciding == 80.5 and top.computed == 30
    event = AuditEvent.objects.get(verb="score_adjusted")
    assert event.actor == world.admin
    assert event.changes["original"] == [None, "30.00"]
    assert event.changes["score"] == [None, "80.50"]
    # Shown in the results and in the rapat with its reason.
    client_html = selectors.rapat(rnd)
    row = next(r for r in client_html.rows if r.entry == entries[2])
    assert row.adjustment is not None and "lampiran" in row.adjustment.reason


def test_adjustment_appears_on_the_results_and_rapat_pages(world, panel, client_for):
    rnd, entries = panel["round"], panel["entries"]
    services.round_close(actor=world.admin, round=rnd)
    client = client_for(world.admin)
    response = client.post(
        reverse("competitions:rapat_adjust", args=[rnd.pk]),
        {"entry": entries[1].pk, "score": "72,5", "reason": "Disepakati panel"},
        follow=True,
    )
    assert "Nilai KBK Sehat disesuaikan." in response.text
    assert "72,50" in response.text and "semula 70,00" in response.text
    assert "Disepakati panel" in response.text
    results = client.get(reverse("competitions:round_results", args=[rnd.pk]))
    assert "data-adjusted" in results.text and "72,50" in results.text


def test_the_chair_sees_the_rapat_only_once_the_round_is_closed(world, panel, client_for):
    rnd = panel["round"]
    services.round_chair_set(actor=world.admin, round=rnd, chair=world.judge)
    url = reverse("competitions:rapat", args=[rnd.pk])
    # client_for signs the one test client in as the user given.
    assert client_for(world.judge).get(url).status_code == 403  # before the close: own scores
    assert client_for(panel["judge2"]).get(url).status_code == 403
    services.round_close(actor=world.admin, round=rnd)
    page = client_for(world.judge).get(url)
    assert page.status_code == 200 and "Juri Tiga" in page.text and "pencilan" in page.text
    judge_list = client_for(world.judge).get(reverse("competitions:judge_list"))
    assert f'href="{url}"' in judge_list.text  # the chair finds the rapat from their list
    assert client_for(panel["judge2"]).get(url).status_code == 403  # not the chair


def test_the_chair_must_be_a_judge_of_the_round(world, panel):
    with pytest.raises(ValidationError, match="tidak ditugaskan"):
        services.round_chair_set(actor=world.admin, round=panel["round"], chair=world.member)


def test_a_locked_round_refuses_every_write_with_a_clear_message(world, panel, client_for):
    rnd, entries = panel["round"], panel["entries"]
    services.round_chair_set(actor=world.admin, round=rnd, chair=world.judge)
    with pytest.raises(ValidationError, match="Tutup babak dulu"):
        services.round_lock(actor=world.judge, round=rnd)
    services.round_close(actor=world.admin, round=rnd)
    client = client_for(world.judge)
    response = client.post(
        reverse("competitions:rapat_lock", args=[rnd.pk]), {"confirm": "1"}, follow=True
    )
    assert "Babak dikunci" in response.text
    rnd.refresh_from_db()
    assert rnd.is_locked and rnd.locked_by == world.judge
    assert AuditEvent.objects.filter(verb="round_locked", actor=world.judge).exists()
    criterion = rnd.rubric.criteria.first()
    refusals = [
        lambda: services.score_save(
            actor=world.judge, round=rnd, entry=entries[0], criterion=criterion, value=1
        ),
        lambda: services.feedback_save(
            actor=world.judge, round=rnd, entry=entries[0], items={None: ("Bagus", "")}
        ),
        lambda: services.score_adjust(
            actor=world.admin, round=rnd, entry=entries[0], score=60, reason="Terlambat"
        ),
        lambda: services.round_reopen(actor=world.admin, round=rnd, reason="Salah"),
        lambda: services.round_lock(actor=world.admin, round=rnd),
        lambda: services.assignment_add(
            actor=world.admin, round=rnd, entry=entries[0], judge=world.judge
        ),
        lambda: services.round_chair_set(actor=world.admin, round=rnd, chair=None),
        lambda: services.running_order_draw(actor=world.admin, round=rnd, seed="lagi"),
        lambda: services.stage_start(actor=world.admin, round=rnd),
        lambda: services.judge_done(actor=world.judge, round=rnd),
        lambda: services.round_close(actor=world.admin, round=rnd),
    ]
    for refuse in refusals:
        with pytest.raises(ValidationError, match="sudah dikunci ketua juri"):
            refuse()
    assert not ScoreAdjustment.objects.exists()
    # The page says so too.
    admin = client_for(world.admin)
    response = admin.post(
        reverse("competitions:rapat_adjust", args=[rnd.pk]),
        {"entry": entries[0].pk, "score": "60", "reason": "Terlambat"},
        follow=True,
    )
    assert "sudah dikunci ketua juri" in response.text
    response = admin.post(
        reverse("competitions:round_reopen", args=[rnd.pk]), {"reason": "Salah"}, follow=True
    )
    assert "sudah dikunci ketua juri" in response.text
    rnd.refresh_from_db()
    assert rnd.is_closed


def test_judge_presses_selesai_only_when_every_entry_is_scored(world, comp, client_for):
    rnd, entries = comp["round"], comp["entries"]
    score_card(world.judge, rnd, entries[0], 6)
    with pytest.raises(ValidationError, match="KBK Sehat") as exc:
        services.judge_done(actor=world.judge, round=rnd)
    assert "KBK Tepat" in str(exc.value)
    assert not JudgeDone.objects.exists()
    score_card(world.judge, rnd, entries[1], 6)
    score_card(world.judge, rnd, entries[2], 6)
    client = client_for(world.judge)
    response = client.post(reverse("competitions:judge_done", args=[rnd.pk]), follow=True)
    assert "penilaian Penilaian risalah selesai" in response.text
    assert JudgeDone.objects.filter(round=rnd, judge=world.judge).count() == 1
    services.judge_done(actor=world.judge, round=rnd)  # again: nothing new
    assert JudgeDone.objects.count() == 1
    page = client_for(world.admin).get(reverse("competitions:rapat", args=[rnd.pk]))
    done = {d.judge.pk: d.done_at for d in page.context["rapat"].done}
    assert done[world.judge.pk] is not None and done[comp["judge2"].pk] is None
    assert "belum selesai" in page.text and "selesai " in page.text


def test_ties_the_tie_breaks_cannot_break_give_both_entries_the_same_award(world, comp):
    rnd, entries = comp["round"], comp["entries"]
    for e in entries[:2]:  # identical cards: equal total and equal on every tie-break
        score_card(world.judge, rnd, e, 8)
        score_card(comp["judge2"], rnd, e, 8)
    score_card(world.judge, rnd, entries[2], 4)
    score_card(comp["judge2"], rnd, entries[2], 4)
    services.round_close(actor=world.admin, round=rnd)
    awards = services.awards_decide(
        actor=world.admin, competition=comp["competition"], round=rnd, harapan=0
    )
    assert sorted((a.kind, a.entry_id) for a in awards) == sorted(
        [
            (Award.Kind.JUARA_1, entries[0].pk),
            (Award.Kind.JUARA_1, entries[1].pk),
            (Award.Kind.JUARA_3, entries[2].pk),
        ]
    )


def test_a_tie_on_the_total_is_broken_by_the_configured_tie_break(world, comp):
    rnd, entries = comp["round"], comp["entries"]
    # Same total (analisis-penyebab 25 vs hasil 20 + pendahuluan 5), different tie-break.
    score_card(world.judge, rnd, entries[0], {"analisis-penyebab": 10})
    score_card(world.judge, rnd, entries[1], {"hasil": 10, "pendahuluan": 10})
    for e in entries:
        score_card(comp["judge2"], rnd, e, 0)
    score_card(world.judge, rnd, entries[2], 0)
    services.round_close(actor=world.admin, round=rnd)
    awards = services.awards_decide(
        actor=world.admin, competition=comp["competition"], round=rnd, harapan=0
    )
    kinds = {a.entry_id: a.kind for a in awards}
    assert kinds[entries[0].pk] == Award.Kind.JUARA_1
    assert kinds[entries[1].pk] == Award.Kind.JUARA_2


def test_votes_tied_at_the_top_make_both_entries_favorit(world, comp):
    rnd, entries = comp["round"], comp["entries"]
    c = services.competition_update(
        actor=world.admin, competition=comp["competition"], voting_open=True
    )
    services.vote_cast(actor=world.member, competition=c, entry=entries[1])
    services.vote_cast(actor=world.chair, competition=c, entry=entries[2])
    close_round(world.admin, rnd)
    awards = services.awards_decide(actor=world.admin, competition=c, round=rnd, harapan=0)
    assert {a.entry_id for a in awards if a.kind == Award.Kind.FAVORIT} == {
        entries[1].pk,
        entries[2].pk,
    }


def test_bands_are_absolute_and_shown_to_the_team(world, panel, client_for):
    rnd, entries = panel["round"], panel["entries"]
    services.competition_update(
        actor=world.admin,
        competition=panel["competition"],
        bands=parse_bands("Emas=85; Perak=67,5; Perunggu=60"),
    )
    services.round_close(actor=world.admin, round=rnd)
    rapat = selectors.rapat(Round.objects.get(pk=rnd.pk))  # the competition read again
    assert {r.entry.team.name: r.band for r in rapat.rows} == {
        entries[0].team.name: "Perunggu",  # 63,33
        "KBK Sehat": "Perak",  # 70: two groups could both be Perak; bands are not ranks
        "KBK Tepat": "",  # 30
    }
    page = client_for(world.chair).get(reverse("competitions:team_scores", args=[entries[0].pk]))
    assert "data-band>Perunggu<" in page.text


def test_bands_text_is_parsed_highest_first_and_bad_parts_are_named():
    assert parse_bands("Perunggu=65; Emas ≥ 85\nPerak=75") == [
        {"name": "Emas", "min": 85.0},
        {"name": "Perak", "min": 75.0},
        {"name": "Perunggu", "min": 65.0},
    ]
    with pytest.raises(Exception, match="Emas delapan"):
        parse_bands("Emas delapan")
    with pytest.raises(Exception, match="ganda"):
        parse_bands("Emas=85; Emas=80")


def test_band_settings_are_saved_through_the_settings_form(world, comp, client_for):
    url = reverse("competitions:settings", args=[comp["competition"].pk])
    client = client_for(world.admin)
    bad = client.post(url, {"decides_by": "raw", "bands_text": "Emas=sembilan"})
    assert bad.status_code == 200 and "Emas=sembilan" in bad.text
    client.post(url, {"decides_by": "raw", "bands_text": "Emas=85; Perak=75"})
    comp["competition"].refresh_from_db()
    assert comp["competition"].bands == [
        {"name": "Emas", "min": 85.0},
        {"name": "Perak", "min": 75.0},
    ]
    assert "Emas=85; Perak=75" in client.get(url).text


def test_special_awards_are_suggested_where_computable_and_ties_share_them(world, panel):
    rnd, entries = panel["round"], panel["entries"]
    early = timezone.now() - dt.timedelta(days=30)
    for e in entries[:2]:  # both finished their risalah at the same moment, first
        e.risalah.finalized_at = early
        e.risalah.save()
    entries[2].risalah.finalized_at = timezone.now()
    entries[2].risalah.save()
    services.round_close(actor=world.admin, round=rnd)
    suggested = selectors.special_award_suggestions(rnd, selectors.round_result(rnd))
    assert suggested[Award.Kind.FIRST_RISALAH] == sorted([entries[0].pk, entries[1].pk])
    # Presentasi: 9 from one judge and 5 from two for the first entry (19/3), 7 for the second.
    assert suggested[Award.Kind.BEST_PRESENTATION] == [entries[1].pk]
    awards = services.special_award_set(
        actor=world.admin,
        competition=panel["competition"],
        kind=Award.Kind.FIRST_RISALAH,
        entries=entries[:2],
    )
    assert {a.entry_id for a in awards} == {entries[0].pk, entries[1].pk}
    services.special_award_set(
        actor=world.admin,
        competition=panel["competition"],
        kind=Award.Kind.BEST_FACILITATOR,
        entries=[entries[2]],
    )
    # Deciding the rank awards keeps the special awards.
    services.awards_decide(actor=world.admin, competition=panel["competition"], round=rnd)
    kinds = set(panel["competition"].awards.values_list("kind", flat=True))
    assert {Award.Kind.FIRST_RISALAH, Award.Kind.BEST_FACILITATOR} <= kinds
    with pytest.raises(ValidationError, match="tidak dikenal"):
        services.special_award_set(
            actor=world.admin, competition=panel["competition"], kind="juara_1", entries=[]
        )
    assert AuditEvent.objects.filter(verb="special_award_set").count() == 2


def test_special_award_page_form_records_the_panels_choice(world, panel, client_for):
    rnd, entries = panel["round"], panel["entries"]
    services.round_close(actor=world.admin, round=rnd)
    client = client_for(world.admin)
    page = client.get(reverse("competitions:round_results", args=[rnd.pk]))
    assert "Fasilitator Terbaik" in page.text and "Penyaji Terbaik" in page.text
    response = client.post(
        reverse("competitions:special_award", args=[rnd.pk]),
        {"kind": "most_improved", "entries": [entries[1].pk]},
        follow=True,
    )
    assert "1 penghargaan khusus dicatat." in response.text
    assert Award.objects.get(kind="most_improved").entry == entries[1]
