"""Assigning mentors: one at a time, in bulk to every lagging team, and the rules."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tulta.accounts.models import Role
from tulta.core import audit
from tulta.core.models import Notification
from tulta.factories import UserFactory
from tulta.mentoring import services
from tulta.mentoring.models import MentorAssignment
from tulta.mentoring.selectors import mentor_for
from tulta.monitoring.selectors import lagging_team_ids
from tulta.risalah.models import Risalah, RisalahStep
from tulta.testing.monitoring import set_steps, start, team_in

pytestmark = pytest.mark.django_db


def assign(world, programme, team=None, mentor=None):
    return services.mentor_assign(
        actor=world.admin,
        programme=programme,
        team=team or world.team,
        mentor=mentor or world.mentor,
    )


def test_assigning_records_an_active_assignment(world, programme):
    assignment = assign(world, programme)
    assert (assignment.active, assignment.mentor, assignment.assigned_by) == (
        True,
        world.mentor,
        world.admin,
    )


def test_assigning_writes_an_audit_event(world, programme):
    assignment = assign(world, programme)
    (event,) = audit.history_for(assignment)
    assert event.verb == "mentor_assigned"
    assert event.actor == world.admin
    assert event.changes["pendamping"] == [None, "Pendamping"]


def test_assigning_a_team_without_risalah_notifies_the_mentor(world, programme):
    assign(world, programme)
    (notice,) = Notification.objects.filter(recipient=world.mentor)
    assert "KBK Cepat" in notice.message and "belum memulai risalah" in notice.message


def test_assigning_keeps_the_risalah_mentor_in_sync(world, programme):
    risalah = start(world.team, programme)
    assign(world, programme)
    risalah.refresh_from_db()
    assert risalah.mentor == world.mentor
    assert Notification.objects.filter(recipient=world.mentor).count() == 1


def test_reassigning_ends_the_previous_assignment(world, programme):
    first = assign(world, programme)
    other = UserFactory(government=world.government, roles=[Role.MENTOR])
    second = assign(world, programme, mentor=other)
    first.refresh_from_db()
    assert (first.active, first.ended_at is not None, second.active) == (False, True, True)


def test_a_mentor_of_another_government_is_refused(world, programme):
    stranger = UserFactory(government=world.other_government, roles=[Role.MENTOR])
    with pytest.raises(ValidationError, match="bukan pegawai pemda ini"):
        assign(world, programme, mentor=stranger)
    assert not MentorAssignment.objects.exists()


def test_a_team_of_another_government_is_refused(world, programme):
    with pytest.raises(ValidationError, match="bukan kelompok pemda penyelenggara"):
        assign(world, programme, team=world.other_team)
    assert not MentorAssignment.objects.exists()


def test_a_team_whose_unit_does_not_take_part_is_refused(world, programme):
    programme.units.set([world.other_unit])
    with pytest.raises(ValidationError, match="bukan peserta program ini"):
        assign(world, programme)


def test_a_user_without_the_mentor_role_is_refused(world, programme):
    with pytest.raises(ValidationError, match="belum berperan pendamping"):
        assign(world, programme, mentor=world.outsider)


def test_the_same_mentor_twice_is_refused(world, programme):
    assign(world, programme)
    with pytest.raises(ValidationError, match="sudah menjadi pendamping"):
        assign(world, programme)


def test_the_database_allows_one_active_mentor_per_team_and_programme(world, programme):
    assign(world, programme)
    with pytest.raises(IntegrityError), transaction.atomic():
        MentorAssignment.objects.create(programme=programme, team=world.team, mentor=world.judge)


def test_mentor_for_gives_the_active_mentor_to_copy_onto_a_new_risalah(world, programme):
    assert mentor_for(world.team, programme) is None
    assign(world, programme)
    assert mentor_for(world.team, programme) == world.mentor


def test_unassigning_ends_the_assignment_and_clears_the_risalah_mentor(world, programme):
    risalah = start(world.team, programme)
    assignment = assign(world, programme)
    services.mentor_unassign(actor=world.admin, assignment=assignment)
    assignment.refresh_from_db()
    risalah.refresh_from_db()
    assert (assignment.active, risalah.mentor) == (False, None)


def test_bulk_assignment_covers_every_lagging_team_without_a_mentor(world, programme):
    set_steps(start(world.team, programme), approved=2)  # on time: not lagging
    late = team_in(world.unit, "KBK Telat")
    set_steps(start(late, programme), approved=1)
    returned = team_in(world.unit, "KBK Kembali")
    set_steps(start(returned, programme), approved=2, then=RisalahStep.State.RETURNED)
    not_started = team_in(world.sub_unit, "KBK Belum")
    helped = team_in(world.unit, "KBK Didampingi")
    other = UserFactory(government=world.government, roles=[Role.MENTOR])
    assign(world, programme, team=helped, mentor=other)
    done = services.mentor_assign_lagging(
        actor=world.admin,
        programme=programme,
        team_ids=lagging_team_ids(programme),
        mentors=[world.mentor],
    )
    assert {a.team for a in done} == {late, returned, not_started}
    assert Risalah.objects.get(team=late).mentor == world.mentor


def test_bulk_assignment_shares_the_teams_over_the_mentors_in_turn(world, programme):
    for i in range(4):
        team_in(world.unit, f"KBK {i}")
    other = UserFactory(government=world.government, roles=[Role.MENTOR])
    done = services.mentor_assign_lagging(
        actor=world.admin,
        programme=programme,
        team_ids=lagging_team_ids(programme),
        mentors=[world.mentor, other],
    )
    counts = {m: sum(1 for a in done if a.mentor == m) for m in (world.mentor, other)}
    assert counts == {world.mentor: 3, other: 2}  # five lagging teams incl. KBK Cepat


def test_bulk_assignment_with_a_non_mentor_writes_nothing(world, programme):
    with pytest.raises(ValidationError, match="belum berperan pendamping"):
        services.mentor_assign_lagging(
            actor=world.admin,
            programme=programme,
            team_ids=lagging_team_ids(programme),
            mentors=[world.mentor, world.outsider],
        )
    assert not MentorAssignment.objects.exists()


def test_a_risalah_started_after_the_assignment_gets_the_assigned_mentor(world, programme):
    assign(world, programme)
    assert start(world.team, programme).mentor == world.mentor
