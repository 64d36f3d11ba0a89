"""Issue #15, judging 1–3: the conflict rule holds when a score is saved and when entries are
shown, not only at assignment; changes of a judge's unit or of a team's members re-check open
assignments; a round closes only with every gap decided, and can be reopened until the results
are published; an incomplete scorecard has no total and no rank."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from tulta.competitions import permissions, selectors, services
from tulta.competitions.models import Assignment, Round, Score
from tulta.competitions.results import CriterionSpec, ScoreRow, compute
from tulta.core.models import AuditEvent, Notification
from tulta.organizations.models import Membership
from tulta.testing.competitions import close_round, fill_gaps, score_card

pytestmark = pytest.mark.django_db


def crit(rnd, code):
    return rnd.rubric.criteria.get(code=code)


def assignment(comp, judge, i):
    return Assignment.objects.get(round=comp["round"], judge=judge, entry=comp["entries"][i])


# 1. Conflict of interest at the moment it matters


def test_a_judge_whose_unit_changes_after_assignment_is_excluded_and_cannot_score(world, comp):
    rnd, entry = comp["round"], comp["entries"][1]  # KBK Sehat, of world.other_unit
    services.score_save(
        actor=world.judge, round=rnd, entry=entry, criterion=crit(rnd, "hasil"), value=9
    )
    world.judge.unit = world.other_unit
    world.judge.save()
    a = assignment(comp, world.judge, 1)
    assert a.excluded_at is not None and "unit yang sama" in a.excluded_reason
    assert assignment(comp, world.judge, 0).excluded_at is None  # KBK Cepat: another unit
    with pytest.raises(ValidationError, match="benturan kepentingan"):
        services.score_save(
            actor=world.judge, round=rnd, entry=entry, criterion=crit(rnd, "hasil"), value=10
        )
    assert Score.objects.get(judge=world.judge, entry=entry).value == 9
    event = AuditEvent.objects.get(verb="judge_excluded_for_conflict", object_id=str(a.pk))
    assert "unit yang sama" in event.changes["excluded_reason"][1]
    note = Notification.objects.get(recipient=world.admin)
    assert "KBK Sehat" in note.message and "KBK Tepat" in note.message
    assert "1 nilai yang sudah diberikan tidak dihitung" in note.message


def test_a_judge_added_as_a_team_member_is_excluded_from_that_entry(world, comp):
    team = comp["entries"][2].team
    Membership.objects.create(team=team, user=world.judge, role="fasilitator")
    a = assignment(comp, world.judge, 2)
    assert a.excluded_at is not None and "anggota KBK Tepat" in a.excluded_reason
    assert assignment(comp, world.judge, 1).excluded_at is None


def test_a_team_moved_into_the_judges_unit_excludes_the_judge(world, comp):
    world.judge.unit = world.sub_unit
    world.judge.save()
    team = comp["entries"][1].team
    team.unit = world.sub_unit
    team.save()
    a = assignment(comp, world.judge, 1)
    assert a.excluded_at is not None and "unit yang sama dengan KBK Sehat" in a.excluded_reason
    assert assignment(comp, comp["judge2"], 1).excluded_at is None


def test_the_rule_holds_on_save_even_without_a_recorded_exclusion(world, comp):
    """A membership written without signals (bulk) is still caught when the score is saved."""
    rnd, entry = comp["round"], comp["entries"][2]
    Membership.objects.bulk_create([Membership(team=entry.team, user=world.judge, role="anggota")])
    with pytest.raises(ValidationError, match="anggota KBK Tepat"):
        services.score_save(
            actor=world.judge, round=rnd, entry=entry, criterion=crit(rnd, "hasil"), value=5
        )
    assert not Score.objects.exists()
    assert not permissions.can_score(world.judge, assignment(comp, world.judge, 2))


def test_a_team_member_scoring_through_the_api_is_refused(world, comp):
    rnd, entry = comp["round"], comp["entries"][2]
    Membership.objects.bulk_create([Membership(team=entry.team, user=world.judge, role="ketua")])
    client = APIClient()
    client.force_authenticate(world.judge)
    response = client.post(
        "/api/v1/scores/",
        {"round": rnd.pk, "entry": entry.pk, "criterion": crit(rnd, "hasil").pk, "value": "9"},
        format="json",
    )
    assert response.status_code == 400
    assert "benturan kepentingan" in str(response.json())
    assert not Score.objects.exists()


def test_the_judge_list_shows_conflicted_entries_with_the_reason_and_no_link(
    world, comp, client_for
):
    world.judge.unit = world.other_unit
    world.judge.save()
    page = client_for(world.judge).get(reverse("competitions:judge_list")).text
    assert "unit yang sama dengan KBK Sehat" in page
    url = reverse("competitions:judge_entry", args=[comp["round"].pk, comp["entries"][1].pk])
    assert url not in page
    assert client_for(world.judge).get(url).status_code == 404
    ok = reverse("competitions:judge_entry", args=[comp["round"].pk, comp["entries"][0].pk])
    assert ok in page


def test_scores_given_in_a_conflict_do_not_count_unless_the_organiser_decides(world, comp):
    rnd, entry = comp["round"], comp["entries"][1]
    score_card(world.judge, rnd, entry, 8)
    score_card(comp["judge2"], rnd, entry, 4)
    world.judge.unit = world.other_unit
    world.judge.save()
    result = selectors.round_result(rnd)
    row = next(r for r in result.entries if r.entry == entry.pk)
    assert row.judge_totals == {comp["judge2"].pk: pytest.approx(40)}
    a = assignment(comp, world.judge, 1)
    assert selectors.conflicted_scores(rnd) == [(a, 7)]
    with pytest.raises(ValidationError, match="alasan"):
        services.assignment_count_anyway(actor=world.admin, assignment=a, reason=" ")
    services.assignment_count_anyway(
        actor=world.admin, assignment=a, reason="Rapat juri: unit baru setelah menilai"
    )
    row = next(r for r in selectors.round_result(rnd).entries if r.entry == entry.pk)
    assert row.raw == pytest.approx(60)
    assert AuditEvent.objects.filter(verb="conflicted_scores_counted", actor=world.admin).exists()


def test_the_organiser_page_flags_conflicted_scores_and_counts_them_on_request(
    world, comp, client_for
):
    rnd, entry = comp["round"], comp["entries"][1]
    score_card(world.judge, rnd, entry, 8)
    world.judge.unit = world.other_unit
    world.judge.save()
    client = client_for(world.admin)
    page = client.get(reverse("competitions:round_results", args=[rnd.pk])).text
    assert "Nilai dari juri yang berbenturan kepentingan" in page and "unit yang sama" in page
    a = assignment(comp, world.judge, 1)
    r = client.post(
        reverse("competitions:assignment_count", args=[a.pk]), {"reason": "Rapat juri"}, follow=True
    )
    assert "tetap dihitung" in r.text
    a.refresh_from_db()
    assert a.counted_anyway_reason == "Rapat juri"


def test_assignment_skips_a_judge_who_is_a_member_of_the_team(world, comp):
    rnd = comp["round"]
    from tulta.factories import UserFactory

    judge3 = UserFactory(government=world.government, full_name="Juri Tiga", roles=["judge"])
    Membership.objects.create(team=comp["entries"][1].team, user=judge3, role="anggota")
    assigned, skipped = services.judges_assign(actor=world.admin, round=rnd, judges=[judge3])
    assert (assigned, skipped) == (2, 1)
    with pytest.raises(ValidationError, match="anggota KBK Sehat"):
        services.assignment_add(
            actor=world.admin, round=rnd, entry=comp["entries"][1], judge=judge3
        )


# 2. Closing a round


def test_closing_with_gaps_is_refused_and_lists_them(world, comp):
    rnd = comp["round"]
    services.score_save(
        actor=world.judge,
        round=rnd,
        entry=comp["entries"][0],
        criterion=crit(rnd, "hasil"),
        value=7,
    )
    gaps = selectors.round_gaps(rnd)
    assert len(gaps) == 6  # three entries × two judges
    first = next(g for g in gaps if g.assignment == assignment(comp, world.judge, 0))
    assert len(first.missing) == 6 and "hasil" not in [c.code for c in first.missing]
    with pytest.raises(ValidationError, match="belum lengkap: KBK Cepat – Juri"):
        services.round_close(actor=world.admin, round=rnd)
    rnd.refresh_from_db()
    assert rnd.state == Round.State.OPEN
    assert not AuditEvent.objects.filter(verb="round_closed").exists()


def test_closing_with_every_gap_excluded_records_each_reason(world, comp):
    rnd = comp["round"]
    for i in range(3):
        score_card(world.judge, rnd, comp["entries"][i], 6)
    gaps = {g.assignment.pk for g in selectors.round_gaps(rnd)}
    assert len(gaps) == 3
    with pytest.raises(ValidationError, match="Tulis alasan"):
        services.round_close(actor=world.admin, round=rnd, exclude=dict.fromkeys(gaps, " "))
    services.round_close(actor=world.admin, round=rnd, exclude=dict.fromkeys(gaps, "Sakit"))
    rnd.refresh_from_db()
    assert rnd.is_closed
    excluded = Assignment.objects.filter(pk__in=gaps)
    assert {a.excluded_reason for a in excluded} == {"Sakit"}
    assert AuditEvent.objects.filter(verb="judge_excluded_at_close").count() == 3
    assert len(selectors.round_result(rnd).entries) == 3


def test_the_close_page_lists_gaps_and_needs_a_choice_per_gap_and_a_confirmation(
    world, comp, client_for
):
    rnd = comp["round"]
    for i in range(3):
        score_card(world.judge, rnd, comp["entries"][i], 6)
    url = reverse("competitions:round_close", args=[rnd.pk])
    client = client_for(world.admin)
    page = client.get(url).text
    assert "3 kartu nilai belum lengkap" in page and "Juri Dua" in page
    gaps = [g.assignment.pk for g in selectors.round_gaps(rnd)]
    r = client.post(url, {"confirm": "1"}, follow=True)  # every gap on "wait"
    assert "Babak belum dapat ditutup" in r.text
    data = {"confirm": "1"}
    for pk in gaps:
        data.update({f"gap-{pk}": "exclude", f"reason-{pk}": "Tidak hadir"})
    r = client.post(url, {k: v for k, v in data.items() if k != "confirm"}, follow=True)
    assert "Centang konfirmasi" in r.text
    rnd.refresh_from_db()
    assert not rnd.is_closed
    r = client.post(url, data, follow=True)
    assert "Babak ditutup; nilai terkunci." in r.text
    rnd.refresh_from_db()
    assert rnd.is_closed


def test_a_closed_round_reopens_with_a_reason_until_the_results_are_published(
    world, comp, client_for
):
    rnd = comp["round"]
    close_round(world.admin, rnd)
    with pytest.raises(ValidationError, match="alasan"):
        services.round_reopen(actor=world.admin, round=rnd, reason="")
    client = client_for(world.admin)
    url = reverse("competitions:round_reopen", args=[rnd.pk])
    r = client.post(url, {"reason": "Juri Dua salah isi"}, follow=True)
    assert "Babak dibuka kembali" in r.text
    rnd.refresh_from_db()
    assert rnd.state == Round.State.OPEN
    event = AuditEvent.objects.get(verb="round_reopened")
    assert event.changes["reason"] == [None, "Juri Dua salah isi"] and event.actor == world.admin
    services.score_save(
        actor=world.judge,
        round=rnd,
        entry=comp["entries"][0],
        criterion=crit(rnd, "hasil"),
        value=9,
    )
    services.round_close(actor=world.admin, round=rnd)
    services.competition_update(
        actor=world.admin, competition=comp["competition"], results_public=True
    )
    rnd.refresh_from_db()
    assert not permissions.can_reopen_round(world.admin, rnd)
    with pytest.raises(ValidationError, match="sudah diumumkan"):
        services.round_reopen(actor=world.admin, round=rnd, reason="Lagi")
    client.post(url, {"reason": "Lagi"})
    rnd.refresh_from_db()
    assert rnd.is_closed


# 3. Incomplete scorecards


def test_an_empty_criterion_leaves_the_entry_without_a_total_or_rank():
    a, b = CriterionSpec("a", 60, 0, 10), CriterionSpec("b", 40, 0, 10)
    rows = [
        ScoreRow(1, 10, "a", 10),
        ScoreRow(1, 10, "b", 10),
        ScoreRow(1, 20, "a", 1),  # b empty: not 6 points ahead of a card of zeros
        ScoreRow(1, 30, "a", 0),
        ScoreRow(1, 30, "b", 0),
    ]
    result = compute([a, b], rows)
    assert [(r.entry, r.rank) for r in result.entries] == [(10, 1), (30, 2)]
    assert [(i.entry, i.missing, i.filled) for i in result.incomplete] == [(20, {1: ["b"]}, {1: 1})]


def test_a_counted_judge_without_any_score_makes_the_entry_incomplete():
    a = CriterionSpec("a", 100, 0, 10)
    result = compute([a], [ScoreRow(1, 10, "a", 7)], expected={10: {1, 2}})
    assert result.entries == []
    assert result.incomplete[0].missing == {2: ["a"]}


def test_the_judge_sees_progress_and_the_organiser_sees_incomplete_cards(world, comp, client_for):
    rnd, entry = comp["round"], comp["entries"][0]
    for c in list(rnd.rubric.criteria.all())[:5]:
        services.score_save(actor=world.judge, round=rnd, entry=entry, criterion=c, value=5)
    page = client_for(world.judge).get(reverse("competitions:judge_list")).text
    assert "5/7 terisi" in page and "0/7 terisi" in page
    url = reverse("competitions:judge_entry", args=[rnd.pk, entry.pk])
    assert "5/7 terisi" in client_for(world.judge).get(url).text
    page = client_for(world.admin).get(reverse("competitions:round_results", args=[rnd.pk])).text
    assert "Belum lengkap" in page and "Juri 5/7 terisi" in page
    assert selectors.round_result(rnd).entries == []
    fill_gaps(rnd)
    assert len(selectors.round_result(rnd).entries) == 3
