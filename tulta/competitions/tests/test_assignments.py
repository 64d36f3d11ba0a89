"""Judges per entry: the organiser adds or removes one judge on one entry of a round, never a
judge of the entry's own unit, never deleting a judge's scores, never after the round closes;
every change audited; nobody else may do it."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tulta.competitions import permissions, selectors, services
from tulta.competitions.models import Assignment, Score
from tulta.core.models import AuditEvent
from tulta.factories import UserFactory
from tulta.testing.competitions import close_round, score_card

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_judge(world):
    """A judge working in the unit of the first entry's team."""
    return UserFactory(
        government=world.government, unit=world.unit, full_name="Juri Dukcapil", roles=["judge"]
    )


def assignment(comp, judge, i=0):
    return Assignment.objects.get(round=comp["round"], entry=comp["entries"][i], judge=judge)


def score(comp, judge, i=0, value=7):
    rnd = comp["round"]
    services.score_save(
        actor=judge,
        round=rnd,
        entry=comp["entries"][i],
        criterion=rnd.rubric.criteria.get(code="hasil"),
        value=value,
    )


def snapshot():
    return (
        sorted(Assignment.objects.values_list("judge_id", "entry_id", "conflict_reason")),
        AuditEvent.objects.count(),
    )


# services


def test_admin_removes_a_judge_from_one_entry_and_it_is_audited(world, comp):
    judge2 = comp["judge2"]
    services.assignment_remove(actor=world.admin, assignment=assignment(comp, judge2, 1))
    assert set(Assignment.objects.filter(judge=judge2).values_list("entry_id", flat=True)) == {
        comp["entries"][0].pk,
        comp["entries"][2].pk,
    }
    event = AuditEvent.objects.get(verb="judge_removed_from_entry")
    assert (event.actor, event.action) == (world.admin, "delete")
    assert event.changes["judge"] == ["Juri Dua", None]
    assert event.changes["entry"] == ["KBK Sehat", None]
    assert comp["entries"][1] not in [a.entry for a in selectors.assignments_for_judge(judge2)]


def test_admin_adds_a_judge_to_one_entry_and_it_is_audited(world, comp):
    judge3 = UserFactory(government=world.government, full_name="Juri Tiga", roles=["judge"])
    services.assignment_add(
        actor=world.admin, round=comp["round"], entry=comp["entries"][2], judge=judge3
    )
    assert [a.entry for a in selectors.assignments_for_judge(judge3)] == [comp["entries"][2]]
    event = AuditEvent.objects.get(verb="judge_assigned_to_entry")
    assert (event.actor, event.action) == (world.admin, "create")
    assert event.changes["judge"] == [None, "Juri Tiga"]


def test_a_judge_is_never_added_to_a_team_of_their_own_unit(world, comp, own_judge):
    before = snapshot()
    with pytest.raises(ValidationError, match="Juri berasal dari unit yang sama"):
        services.assignment_add(
            actor=world.admin, round=comp["round"], entry=comp["entries"][0], judge=own_judge
        )
    assert snapshot() == before


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("not_a_judge", "bukan juri pemda ini"),
        ("other_government", "bukan juri pemda ini"),
        ("already", "sudah ditugaskan"),
        ("not_in_round", "tidak mengikuti babak ini"),
    ],
)
def test_adding_a_wrong_judge_or_entry_is_refused(world, comp, case, message):
    entry, judge = comp["entries"][1], world.judge
    if case == "not_a_judge":
        judge = world.mentor
    elif case == "other_government":
        judge = UserFactory(government=world.other_government, roles=["judge"])
    elif case == "not_in_round":
        # a rejected entry leaves the open round
        services.entry_check(actor=world.admin, entry=entry, accept=False, reason="SK tidak ada")
    before = snapshot()
    with pytest.raises(ValidationError, match=message):
        services.assignment_add(actor=world.admin, round=comp["round"], entry=entry, judge=judge)
    assert snapshot() == before


def test_a_judge_who_scored_is_not_removed_but_can_be_excluded(world, comp):
    score(comp, comp["judge2"], 1, value=2)
    score_card(world.judge, comp["round"], comp["entries"][1], {"hasil": 9})
    a = assignment(comp, comp["judge2"], 1)
    before = snapshot()
    with pytest.raises(ValidationError, match="tidak dihapus agar nilai tidak hilang"):
        services.assignment_remove(actor=world.admin, assignment=a)
    assert snapshot() == before
    assert Score.objects.filter(judge=comp["judge2"]).count() == 1
    with pytest.raises(ValidationError, match="alasan"):
        services.assignment_exclude(actor=world.admin, assignment=a, reason=" ")
    services.assignment_exclude(actor=world.admin, assignment=a, reason="Kerabat ketua kelompok")
    # kept on record, no longer counted, gone from the judge's list
    assert Score.objects.filter(judge=comp["judge2"]).count() == 1
    result = selectors.round_result(comp["round"])
    counted = next(r for r in result.entries if r.entry == comp["entries"][1].pk)
    assert counted.judge_totals == {world.judge.pk: 18.0}  # hasil 9 of 10, weight 20
    assert comp["entries"][1] not in [
        x.entry for x in selectors.assignments_for_judge(comp["judge2"])
    ]
    event = AuditEvent.objects.get(verb="judge_excluded_from_entry")
    assert event.actor == world.admin
    assert event.changes["excluded_reason"] == ["", "Kerabat ketua kelompok"]


def test_a_judge_who_only_commented_is_not_removed(world, comp):
    services.comment_save(
        actor=world.judge, round=comp["round"], entry=comp["entries"][0], comment="Data kuat"
    )
    with pytest.raises(ValidationError, match="tidak dihapus"):
        services.assignment_remove(actor=world.admin, assignment=assignment(comp, world.judge))


def test_assignments_cannot_change_after_the_round_closes(world, comp):
    judge3 = UserFactory(government=world.government, roles=["judge"])
    close_round(world.admin, comp["round"])
    before = snapshot()
    a = assignment(comp, comp["judge2"])
    for change in [
        lambda: services.assignment_remove(actor=world.admin, assignment=a),
        lambda: services.assignment_exclude(actor=world.admin, assignment=a, reason="x"),
        lambda: services.assignment_add(
            actor=world.admin, round=comp["round"], entry=comp["entries"][0], judge=judge3
        ),
        lambda: services.judges_assign(actor=world.admin, round=comp["round"], judges=[judge3]),
        lambda: services.conflict_declare(actor=comp["judge2"], assignment=a, reason="Saudara"),
    ]:
        with pytest.raises(ValidationError, match="sudah ditutup"):
            change()
    assert snapshot() == before


@pytest.mark.parametrize("who", ["judge", "chair", "other_admin"])
def test_only_the_organiser_changes_assignments(world, comp, who, client_for):
    user = getattr(world, who)
    # Services trust their caller for who may (the house's contract): the pages refuse.
    a = assignment(comp, comp["judge2"])
    before = snapshot()
    client = client_for(user)
    for name, args, data in [
        ("competitions:assignment_remove", [a.pk], {}),
        ("competitions:assignment_exclude", [a.pk], {"reason": "x"}),
        (
            "competitions:assignment_add",
            [comp["round"].pk],
            {"entry": comp["entries"][0].pk, "judge": world.judge.pk},
        ),
    ]:
        response = client.post(reverse(name, args=args), data)
        assert response.status_code in (403, 404), (name, response.status_code)
    assert not permissions.can_manage_competition(user, comp["competition"])
    assert snapshot() == before


# pages


def test_round_page_shows_the_judge_by_entry_grid(world, comp, own_judge, client_for):
    score(comp, comp["judge2"], 1)
    page = (
        client_for(world.admin)
        .get(reverse("competitions:round_results", kwargs={"pk": comp["round"].pk}))
        .text
    )
    assert "Penugasan juri" in page and "Juri Dukcapil" in page
    assert "unit sendiri" in page  # the own-unit judge on KBK Cepat
    assert reverse("competitions:assignment_remove", args=[assignment(comp, world.judge).pk]) in (
        page
    )
    scored = assignment(comp, comp["judge2"], 1)
    assert reverse("competitions:assignment_remove", args=[scored.pk]) not in page
    assert reverse("competitions:assignment_exclude", args=[scored.pk]) in page
    assert "agar nilainya tidak hilang" in page


def test_admin_removes_and_adds_through_the_page(world, comp, own_judge, client_for):
    client = client_for(world.admin)
    a = assignment(comp, world.judge, 2)
    r = client.post(reverse("competitions:assignment_remove", args=[a.pk]), follow=True)
    assert "tidak lagi menilai KBK Tepat" in r.text
    assert not Assignment.objects.filter(pk=a.pk).exists()
    add = reverse("competitions:assignment_add", kwargs={"pk": comp["round"].pk})
    r = client.post(add, {"entry": comp["entries"][2].pk, "judge": world.judge.pk}, follow=True)
    assert "ditugaskan menilai KBK Tepat" in r.text
    r = client.post(add, {"entry": comp["entries"][0].pk, "judge": own_judge.pk}, follow=True)
    assert "Juri berasal dari unit yang sama" in r.text
    assert not Assignment.objects.filter(judge=own_judge).exists()


def test_removing_a_judge_who_scored_through_the_page_explains_why_not(world, comp, client_for):
    score(comp, world.judge)
    a = assignment(comp, world.judge)
    r = client_for(world.admin).post(
        reverse("competitions:assignment_remove", args=[a.pk]), follow=True
    )
    assert "tidak dihapus agar nilai tidak hilang" in r.text
    assert Assignment.objects.filter(pk=a.pk).exists() and Score.objects.count() == 1


@pytest.mark.parametrize(
    ("who", "status"), [("judge", 403), ("chair", 403), ("other_admin", 404), ("mentor", 403)]
)
def test_wrong_users_cannot_change_assignments_through_the_pages(
    world, comp, client_for, who, status
):
    client = client_for(getattr(world, who))
    a = assignment(comp, comp["judge2"])
    judge3 = UserFactory(government=world.government, roles=["judge"])
    before = snapshot()
    for url, data in [
        (reverse("competitions:assignment_remove", args=[a.pk]), {}),
        (reverse("competitions:assignment_exclude", args=[a.pk]), {"reason": "x"}),
        (
            reverse("competitions:assignment_add", kwargs={"pk": comp["round"].pk}),
            {"entry": comp["entries"][0].pk, "judge": judge3.pk},
        ),
    ]:
        assert client.post(url, data).status_code == status
    assert snapshot() == before
