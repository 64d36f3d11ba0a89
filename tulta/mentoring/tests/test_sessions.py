"""Mentoring sessions: date, place or online, attendance, agreed actions and follow-up."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tulta.core import audit
from tulta.core.models import Notification
from tulta.factories import UserFactory
from tulta.mentoring import services
from tulta.mentoring.models import MentoringSession
from tulta.mentoring.selectors import team_history
from tulta.testing.monitoring import TODAY, set_steps, start

pytestmark = pytest.mark.django_db

ActionSpec = services.ActionSpec


def save(world, programme, *, actions=(), attendees=(), session=None, **fields):
    values = {
        "held_on": TODAY - dt.timedelta(days=10),
        "mode": "in_person",
        "place": "Ruang rapat Disdukcapil",
        "topic": "Menyusun diagram tulang ikan",
        **fields,
    }
    if session is not None:
        values = fields
    return services.session_save(
        actor=world.mentor,
        programme=programme,
        team=world.team,
        session=session,
        attendees=attendees,
        actions=actions,
        **values,
    )


@pytest.fixture
def assigned(world, programme):
    services.mentor_assign(
        actor=world.admin, programme=programme, team=world.team, mentor=world.mentor
    )
    return programme


def test_a_session_records_attendance_and_agreed_actions(world, assigned):
    session = save(
        world,
        assigned,
        attendees=[world.chair, world.member],
        actions=[ActionSpec("Lengkapi data Pareto", world.chair, TODAY + dt.timedelta(days=7))],
    )
    assert set(session.attendees.all()) == {world.chair, world.member}
    (action,) = session.actions.all()
    assert (action.owner, action.done) == (world.chair, False)
    assert session.mentor == world.mentor
    assert session.follow_up == MentoringSession.FollowUp.OPEN


def test_a_session_without_a_date_is_refused_with_a_clear_message(world, assigned):
    with pytest.raises(ValidationError, match="Isi tanggal pendampingan"):
        save(world, assigned, held_on=None)
    assert not MentoringSession.objects.exists()


def test_a_session_before_the_programme_starts_is_refused(world, assigned):
    with pytest.raises(ValidationError, match="sebelum program dimulai"):
        save(world, assigned, held_on=assigned.starts_on - dt.timedelta(days=1))


def test_a_session_in_person_needs_a_place(world, assigned):
    with pytest.raises(ValidationError, match="Isi tempat pendampingan"):
        save(world, assigned, place="")


def test_an_online_session_needs_no_place(world, assigned):
    assert save(world, assigned, mode="online", place="").pk


def test_an_attendee_outside_the_team_is_refused(world, assigned):
    with pytest.raises(ValidationError, match="Bukan anggota kelompok: Pimpinan"):
        save(world, assigned, attendees=[world.leader])


def test_an_action_owner_outside_the_team_is_refused(world, assigned):
    with pytest.raises(ValidationError, match="bukan anggota kelompok atau pendampingnya"):
        save(world, assigned, actions=[ActionSpec("Cek", world.leader, TODAY)])


def test_the_mentor_may_own_an_agreed_action(world, assigned):
    session = save(world, assigned, actions=[ActionSpec("Kirim contoh", world.mentor, TODAY)])
    assert session.actions.get().owner == world.mentor


def test_an_action_without_a_due_date_is_refused(world, assigned):
    with pytest.raises(ValidationError, match="isi batas waktunya"):
        save(world, assigned, actions=[ActionSpec("Cek", world.chair, None)])


def test_an_action_due_before_the_session_is_refused(world, assigned):
    with pytest.raises(ValidationError, match="sebelum tanggal pendampingan"):
        save(
            world, assigned, actions=[ActionSpec("Cek", world.chair, TODAY - dt.timedelta(days=30))]
        )


def test_a_new_action_notifies_its_owner(world, assigned):
    save(world, assigned, actions=[ActionSpec("Lengkapi data", world.chair, TODAY)])
    assert Notification.objects.filter(recipient=world.chair, message__contains="Lengkapi data")


def test_updating_a_session_keeps_its_actions_and_marks_them_done(world, assigned):
    session = save(world, assigned, actions=[ActionSpec("Lengkapi data", world.chair, TODAY)])
    action = session.actions.get()
    save(
        world,
        assigned,
        session=session,
        follow_up=MentoringSession.FollowUp.DONE,
        actions=[ActionSpec("Lengkapi data", world.chair, TODAY, done=True, pk=action.pk)],
    )
    action.refresh_from_db()
    session.refresh_from_db()
    assert (action.done, session.follow_up) == (True, "done")
    assert Notification.objects.filter(recipient=world.chair).count() == 1


def test_actions_left_out_of_an_update_are_removed(world, assigned):
    session = save(world, assigned, actions=[ActionSpec("Lengkapi data", world.chair, TODAY)])
    save(world, assigned, session=session, actions=[])
    assert not session.actions.exists()


def test_a_session_is_audited_with_its_attendance_and_actions(world, assigned):
    session = save(
        world,
        assigned,
        attendees=[world.chair],
        actions=[ActionSpec("Lengkapi data", world.chair, TODAY)],
    )
    (event,) = audit.history_for(session)
    assert event.actor == world.mentor
    assert event.changes["hadir"] == [None, ["Ketua Kelompok"]]
    assert "Lengkapi data" in event.changes["tindakan"][1][0]


def test_an_admin_recording_a_session_credits_the_assigned_mentor(world, assigned):
    session = services.session_save(
        actor=world.admin,
        programme=assigned,
        team=world.team,
        held_on=TODAY,
        mode="online",
        topic="Evaluasi",
    )
    assert session.mentor == world.mentor


def test_the_team_history_shows_progress_since_each_session(world, assigned):
    risalah = start(world.team, assigned)
    save(world, assigned, held_on=TODAY - dt.timedelta(days=10))
    set_steps(risalah, approved=2, approved_on=TODAY - dt.timedelta(days=3))
    (entry,) = team_history(world.team, assigned).sessions
    assert entry.approved_since == [1, 2]
    assert entry.started_since is True


def test_the_team_history_lists_earlier_mentors(world, assigned):
    other = UserFactory(government=world.government, roles=["mentor"])
    services.mentor_assign(actor=world.admin, programme=assigned, team=world.team, mentor=other)
    history = team_history(world.team, assigned)
    assert history.assignment.mentor == other
    assert [a.mentor for a in history.past_assignments] == [world.mentor]
