"""Services: entries, checks, judging rules, closing, draws, votes, awards; bad input is refused
with a clear message and nothing else changes."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tulta.competitions import permissions, selectors, services
from tulta.competitions.models import Assignment, Award, Entry, Round, Score, Vote
from tulta.core.models import AuditEvent
from tulta.factories import TeamFactory, UserFactory
from tulta.organizations.models import Unit
from tulta.testing.competitions import close_round, final_risalah

pytestmark = pytest.mark.django_db


def crit(rnd, code):
    return rnd.rubric.criteria.get(code=code)


def test_only_final_risalah_of_an_eligible_unit_kind_can_enter(world, programme, client_for):
    c = services.competition_create(
        actor=world.admin,
        programme=programme,
        name="OPD",
        category="prestasi",
        eligible_unit_kinds=[Unit.Kind.OPD],
    )
    draft = final_risalah(world.team, programme)
    draft.state = "draft"
    draft.save()
    with pytest.raises(ValidationError, match="final"):
        services.entry_submit(actor=world.chair, competition=c, risalah=draft)
    kel_team = TeamFactory(unit=world.sub_unit)
    with pytest.raises(ValidationError, match="tidak termasuk"):
        services.entry_submit(
            actor=world.admin, competition=c, risalah=final_risalah(kel_team, programme, "K")
        )
    draft.state = "final"
    draft.save()
    entry = services.entry_submit(actor=world.chair, competition=c, risalah=draft)
    assert entry.status == Entry.Status.SUBMITTED
    # Who may enter is the caller's check (permissions.can_enter); the page refuses.
    assert not permissions.can_enter(world.outsider, c, draft.team_id)
    response = client_for(world.outsider).post(
        reverse("competitions:entry_create", args=[c.pk]), {"risalah": draft.pk}
    )
    assert response.status_code == 403
    assert Entry.objects.filter(competition=c).count() == 1


def test_a_unit_may_enter_several_teams(world, programme):
    c = services.competition_create(
        actor=world.admin, programme=programme, name="L", category="kreatif"
    )
    second = TeamFactory(unit=world.unit, name="KBK Kedua")
    for team, tema in [(world.team, "A"), (second, "B")]:
        services.entry_submit(
            actor=world.admin, competition=c, risalah=final_risalah(team, programme, tema)
        )
    assert c.entries.filter(team__unit=world.unit).count() == 2


def test_rejection_needs_a_reason_and_is_audited(world, comp):
    entry = comp["entries"][0]
    with pytest.raises(ValidationError, match="alasan"):
        services.entry_check(actor=world.admin, entry=entry, accept=False)
    services.entry_check(actor=world.admin, entry=entry, accept=False, reason="SK tidak ada")
    entry.refresh_from_db()
    assert entry.status == Entry.Status.REJECTED
    event = AuditEvent.objects.filter(verb="entry_checked").latest("id")
    assert event.changes["status"] == ["accepted", "rejected"]
    assert event.actor == world.admin


def test_judge_is_never_assigned_a_team_of_their_own_unit(world, comp):
    own = UserFactory(government=world.government, unit=world.unit, roles=["judge"])
    assigned, skipped = services.judges_assign(actor=world.admin, round=comp["round"], judges=[own])
    assert (assigned, skipped) == (2, 1)
    assert not Assignment.objects.filter(judge=own, entry__team=world.team).exists()
    event = AuditEvent.objects.filter(verb="judges_assigned").latest("id")
    assert event.changes["added"][1] == [f"{own} → KBK Sehat", f"{own} → KBK Tepat"]


def test_score_is_saved_and_changes_are_audited_with_old_and_new(world, comp):
    rnd, entry = comp["round"], comp["entries"][0]
    services.score_save(
        actor=world.judge, round=rnd, entry=entry, criterion=crit(rnd, "hasil"), value="7,5"
    )
    services.score_save(
        actor=world.judge, round=rnd, entry=entry, criterion=crit(rnd, "hasil"), value="8"
    )
    assert Score.objects.get(judge=world.judge, entry=entry).value == 8
    events = AuditEvent.objects.filter(verb="score_saved").order_by("id")
    assert [next(iter(e.changes.values())) for e in events] == [[None, "7.50"], ["7.50", "8.00"]]
    assert all(e.actor == world.judge for e in events)


@pytest.mark.parametrize("value", ["11", "-1", "abc", "nan", ""])
def test_score_outside_the_range_is_refused_and_nothing_changes(world, comp, value):
    rnd, entry = comp["round"], comp["entries"][0]
    services.score_save(
        actor=world.judge, round=rnd, entry=entry, criterion=crit(rnd, "hasil"), value=5
    )
    with pytest.raises(ValidationError, match=r"antara 0 dan 10|angka"):
        services.score_save(
            actor=world.judge, round=rnd, entry=entry, criterion=crit(rnd, "hasil"), value=value
        )
    assert Score.objects.get(judge=world.judge, entry=entry).value == 5
    assert AuditEvent.objects.filter(verb="score_saved").count() == 1


def test_scoring_an_unassigned_or_conflicted_entry_is_refused(world, comp):
    rnd, entry = comp["round"], comp["entries"][0]
    with pytest.raises(ValidationError, match="tidak ditugaskan"):
        services.score_save(
            actor=world.mentor, round=rnd, entry=entry, criterion=crit(rnd, "hasil"), value=5
        )
    assignment = Assignment.objects.get(judge=world.judge, entry=entry)
    services.conflict_declare(actor=world.judge, assignment=assignment, reason="Saudara kandung")
    assert entry not in [a.entry for a in selectors.assignments_for_judge(world.judge)]
    with pytest.raises(ValidationError, match="benturan kepentingan"):
        services.score_save(
            actor=world.judge, round=rnd, entry=entry, criterion=crit(rnd, "hasil"), value=5
        )
    assert not Score.objects.exists()
    assert AuditEvent.objects.filter(verb="conflict_declared").get().changes["conflict_reason"] == [
        "",
        "Saudara kandung",
    ]


def test_closing_a_round_locks_the_scores(world, comp, client_for):
    rnd, entry = comp["round"], comp["entries"][0]
    services.score_save(
        actor=world.judge, round=rnd, entry=entry, criterion=crit(rnd, "hasil"), value=6
    )
    assert not permissions.can_manage_competition(world.judge, rnd.competition)
    response = client_for(world.judge).post(
        reverse("competitions:round_action", args=[rnd.pk, "close"])
    )
    assert response.status_code == 403
    rnd.refresh_from_db()
    assert rnd.state != Round.State.CLOSED
    close_round(world.admin, rnd)
    with pytest.raises(ValidationError, match="ditutup"):
        services.score_save(
            actor=world.judge, round=rnd, entry=entry, criterion=crit(rnd, "hasil"), value=9
        )
    with pytest.raises(ValidationError, match="ditutup"):
        services.comment_save(actor=world.judge, round=rnd, entry=entry, comment="x")
    assert Score.objects.get(judge=world.judge, entry=entry, criterion__code="hasil").value == 6


def test_two_judges_and_two_tabs_lose_nothing(world, comp):
    """Each score is its own row: saves of different criteria never overwrite each other,
    whether by two judges at once or by one judge in two tabs with stale pages."""
    rnd, entry = comp["round"], comp["entries"][1]
    judge2 = comp["judge2"]
    # interleaved saves, as two tablets and a second tab would send them
    services.score_save(
        actor=world.judge, round=rnd, entry=entry, criterion=crit(rnd, "hasil"), value=7
    )
    services.score_save(actor=judge2, round=rnd, entry=entry, criterion=crit(rnd, "hasil"), value=4)
    services.score_save(
        actor=world.judge, round=rnd, entry=entry, criterion=crit(rnd, "perbaikan"), value=8
    )
    services.score_save(
        actor=judge2, round=rnd, entry=entry, criterion=crit(rnd, "perbaikan"), value=3
    )
    # the second tab of judge 1, opened before the first save, sends another criterion
    services.score_save(
        actor=world.judge, round=rnd, entry=entry, criterion=crit(rnd, "pendahuluan"), value=9
    )
    mine = dict(
        Score.objects.filter(judge=world.judge, entry=entry).values_list("criterion__code", "value")
    )
    theirs = dict(
        Score.objects.filter(judge=judge2, entry=entry).values_list("criterion__code", "value")
    )
    assert mine == {"hasil": 7, "perbaikan": 8, "pendahuluan": 9}
    assert theirs == {"hasil": 4, "perbaikan": 3}


def test_running_order_draw_is_reproducible_from_its_seed(world, comp):
    rnd = comp["round"]
    first = [
        r.entry_id
        for r in services.running_order_draw(actor=world.admin, round=rnd, seed="gelar26")
    ]
    rnd.refresh_from_db()
    assert rnd.draw_seed == "gelar26"
    assert services.draw_order([e.pk for e in comp["entries"]], "gelar26") == first
    again = [
        r.entry_id
        for r in services.running_order_draw(actor=world.admin, round=rnd, seed="gelar26")
    ]
    assert again == first


def test_stage_clock_gives_team_segment_and_time_left(world, comp):
    import datetime as dt

    rnd = comp["round"]
    services.running_order_draw(actor=world.admin, round=rnd, seed="s")
    start = dt.datetime(2026, 11, 30, 8, 0, tzinfo=dt.UTC)
    rnd = services.stage_start(actor=world.admin, round=rnd, at=start)
    order = selectors.running_order(rnd)
    now = selectors.stage_now(rnd, start + dt.timedelta(minutes=27, seconds=30))
    # 27:30 = slot 2 (20 min each), 7:30 into it: presentation, 7:30 left of 10 minutes
    assert now.slot.round_entry == order[1].round_entry
    assert (now.segment, now.seconds_left) == ("presentation", 450)
    assert selectors.stage_now(rnd, start + dt.timedelta(hours=2)).finished


def test_second_favorit_vote_is_refused(world, comp, client_for):
    c = comp["competition"]
    with pytest.raises(ValidationError, match="belum dibuka"):
        services.vote_cast(actor=world.member, competition=c, entry=comp["entries"][0])
    c = services.competition_update(actor=world.admin, competition=c, voting_open=True)
    services.vote_cast(actor=world.member, competition=c, entry=comp["entries"][0])
    with pytest.raises(ValidationError, match="sudah memberikan suara"):
        services.vote_cast(actor=world.member, competition=c, entry=comp["entries"][1])
    assert list(Vote.objects.values_list("entry", flat=True)) == [comp["entries"][0].pk]
    assert not permissions.can_view_competition(world.other_admin, c)
    response = client_for(world.other_admin).post(
        reverse("competitions:vote", args=[c.pk]), {"entry": comp["entries"][0].pk}
    )
    assert response.status_code == 404


def test_shortlist_by_rank_and_by_threshold_then_awards(world, comp):
    rnd, (e1, e2, e3) = comp["round"], comp["entries"]
    # judge (unit: none) scores all three on every criterion: 9, 7, 5 -> 90, 70, 50
    for entry, v in [(e1, 9), (e2, 7), (e3, 5)]:
        for c in rnd.rubric.criteria.all():
            services.score_save(actor=world.judge, round=rnd, entry=entry, criterion=c, value=v)
    close_round(world.admin, rnd)
    final = services.round_create(
        actor=world.admin,
        competition=comp["competition"],
        name="Final",
        kind=Round.Kind.FINAL,
        rubric=rnd.rubric,
    )
    assert {
        e.pk for e in services.shortlist(actor=world.admin, from_round=rnd, to_round=final, top=2)
    } == {e1.pk, e2.pk}
    assert {
        e.pk
        for e in services.shortlist(actor=world.admin, from_round=rnd, to_round=final, threshold=50)
    } == {e1.pk, e2.pk, e3.pk}
    c = services.competition_update(
        actor=world.admin, competition=comp["competition"], voting_open=True
    )
    services.vote_cast(actor=world.member, competition=c, entry=e3)
    awards = services.awards_decide(actor=world.admin, competition=c, round=rnd, harapan=0)
    assert [(a.kind, a.entry_id) for a in awards] == [
        (Award.Kind.JUARA_1, e1.pk),
        (Award.Kind.JUARA_2, e2.pk),
        (Award.Kind.JUARA_3, e3.pk),
        (Award.Kind.FAVORIT, e3.pk),
    ]


def test_an_entry_accepted_late_joins_the_open_first_round(world, comp, programme):
    late = services.entry_submit(
        actor=world.admin,
        competition=comp["competition"],
        risalah=final_risalah(TeamFactory(unit=world.other_unit), programme, "Terlambat"),
    )
    services.entry_check(actor=world.admin, entry=late, accept=True)
    assert comp["round"].round_entries.filter(entry=late).exists()
    event = AuditEvent.objects.filter(verb="entry_checked").latest("id")
    assert event.changes["rounds"] == [[], ["Penilaian risalah"]]


def test_a_rejected_entry_leaves_the_open_round_with_its_assignments(world, comp):
    entry = comp["entries"][2]
    services.entry_check(actor=world.admin, entry=entry, accept=False, reason="SK kedaluwarsa")
    assert not comp["round"].round_entries.filter(entry=entry).exists()
    assert not Assignment.objects.filter(entry=entry).exists()
    assert entry not in [a.entry for a in selectors.assignments_for_judge(world.judge)]


def test_an_entry_already_scored_in_an_open_round_cannot_be_rejected(world, comp):
    rnd, entry = comp["round"], comp["entries"][2]
    services.score_save(
        actor=world.judge, round=rnd, entry=entry, criterion=crit(rnd, "hasil"), value=6
    )
    with pytest.raises(ValidationError, match="agar nilai tidak hilang"):
        services.entry_check(actor=world.admin, entry=entry, accept=False, reason="SK")
    entry.refresh_from_db()
    assert entry.status == Entry.Status.ACCEPTED
    assert rnd.round_entries.filter(entry=entry).exists() and Score.objects.count() == 1


def test_an_entry_of_a_closed_round_cannot_be_rejected(world, comp):
    rnd, entry = comp["round"], comp["entries"][1]
    close_round(world.admin, rnd)
    with pytest.raises(ValidationError, match="Penilaian risalah"):
        services.entry_check(actor=world.admin, entry=entry, accept=False, reason="SK")
    entry.refresh_from_db()
    assert entry.status == Entry.Status.ACCEPTED
    assert rnd.round_entries.filter(entry=entry).exists()


def test_shortlist_into_a_closed_round_is_refused(world, comp):
    rnd = comp["round"]
    close_round(world.admin, rnd)
    final = services.round_create(
        actor=world.admin,
        competition=comp["competition"],
        name="Final",
        kind=Round.Kind.FINAL,
        rubric=rnd.rubric,
    )
    close_round(world.admin, final)
    with pytest.raises(ValidationError, match="masih dibuka"):
        services.shortlist(actor=world.admin, from_round=rnd, to_round=final, top=2)
    assert not final.round_entries.exists()
