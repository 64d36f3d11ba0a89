"""send_reminders: deadline, review and follow-up reminders in-app and by email, never twice."""

from __future__ import annotations

import datetime as dt
import smtplib
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tulta.core.models import Notification
from tulta.core.notifications import mark_read, notify
from tulta.factories import MembershipFactory, TeamFactory
from tulta.mentoring import services as mentoring
from tulta.monitoring.models import EmailedNotification
from tulta.monitoring.services import reminders_send
from tulta.risalah import services as risalah_services
from tulta.risalah.models import Programme, RisalahStep
from tulta.testing.monitoring import DEADLINES, TODAY, set_steps, start

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def messages_of(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("message", flat=True))


def test_an_approaching_deadline_reminds_the_team_members(world, programme):
    set_steps(start(world.team, programme), approved=2)  # step 3 is due in two days
    reminders_send(email=False)
    assert any(
        "Batas waktu langkah 3" in m and "2 hari lagi" in m for m in messages_of(world.member)
    )


def test_a_deadline_further_away_than_the_window_is_not_reminded_yet(world, programme):
    set_steps(start(world.team, programme), approved=2)
    reminders_send(days_before=1, email=False)
    assert not any("langkah 3" in m for m in messages_of(world.member))


def test_a_passed_deadline_reminds_the_members_and_the_mentor(world, programme):
    set_steps(start(world.team, programme), approved=1)  # step 2 is five days late
    mentoring.mentor_assign(
        actor=world.admin, programme=programme, team=world.team, mentor=world.mentor
    )
    reminders_send(email=False)
    expected = "terlambat 5 hari"
    assert any("Langkah 2" in m and expected in m for m in messages_of(world.chair))
    assert any("Langkah 2" in m and expected in m for m in messages_of(world.mentor))


def test_approved_steps_get_no_deadline_reminder(world, programme):
    set_steps(start(world.team, programme), approved=2)
    reminders_send(email=False)
    assert not any("Langkah 1 " in m or "Langkah 2 " in m for m in messages_of(world.chair))


def test_a_team_without_a_risalah_is_reminded_to_start(world, programme):
    reminders_send(email=False)
    assert any("belum memulai risalah" in m for m in messages_of(world.chair))


def test_reminders_are_never_created_twice(world, programme):
    set_steps(start(world.team, programme), approved=1)
    first = reminders_send(email=False)
    second = reminders_send(email=False)
    assert first.deadline_notices > 0 and second.deadline_notices == 0
    assert Notification.objects.filter(recipient=world.chair).count() == len(
        set(messages_of(world.chair))
    )


def test_starting_the_risalah_does_not_send_the_same_reminders_again(world, programme):
    """#21: a group that had not started got its "step passed" reminders; once it started, the
    next run sent them all again (the key changed from the team to the step)."""
    first = reminders_send(email=False)
    assert first.deadline_notices > 0
    before = Notification.objects.count()
    start(world.team, programme)
    second = reminders_send(email=False)
    assert second.deadline_notices == 0
    assert Notification.objects.count() == before


def test_one_run_sends_each_member_one_digest_of_everything_late(world, programme):
    """#21: one notice per member per passed step made 1,130 notices in a city's first run."""
    set_steps(start(world.team, programme), approved=0)  # steps 1 and 2 passed, 3 due soon
    reminders_send(email=False)
    notices = messages_of(world.member)
    assert len(notices) == 1
    digest = notices[0]
    assert "Langkah 1" in digest and "Langkah 2" in digest and "langkah 3" in digest
    assert digest.index("Langkah 1") < digest.index("Langkah 2")  # the latest first


def test_a_mentor_of_two_late_teams_gets_one_digest(world, programme):
    other = TeamFactory(unit=world.unit, name="KBK Kedua")
    for team in (world.team, other):
        set_steps(start(team, programme), approved=1)
        mentoring.mentor_assign(
            actor=world.admin, programme=programme, team=team, mentor=world.mentor
        )
    reminders_send(email=False)
    notices = [m for m in messages_of(world.mentor) if "batas waktu" in m]
    assert len(notices) == 1
    assert world.team.name in notices[0] and "KBK Kedua" in notices[0]


def test_a_new_deadline_date_is_reminded_again(world, programme):
    set_steps(start(world.team, programme), approved=2)
    reminders_send(email=False)
    risalah_services.programme_update(
        actor=world.admin,
        programme=programme,
        deadlines={**DEADLINES, 3: TODAY + dt.timedelta(days=1)},
    )
    assert reminders_send(email=False).deadline_notices > 0


def test_a_step_waiting_two_days_reminds_its_reviewer(world, programme):
    risalah = start(world.team, programme)
    mentoring.mentor_assign(
        actor=world.admin, programme=programme, team=world.team, mentor=world.mentor
    )
    set_steps(risalah, approved=0, then=RisalahStep.State.SUBMITTED)  # submitted 3 days ago
    report = reminders_send(email=False)
    assert report.review_notices == 2  # the mentor and the unit head
    assert any("menunggu tinjauan Anda" in m for m in messages_of(world.mentor))
    assert reminders_send(email=False).review_notices == 0


def test_a_reviewer_who_belongs_to_the_team_is_not_reminded_to_review_it(world, programme):
    risalah = start(world.team, programme)
    mentoring.mentor_assign(
        actor=world.admin, programme=programme, team=world.team, mentor=world.mentor
    )
    MembershipFactory(team=world.team, user=world.mentor, role="anggota")
    set_steps(risalah, approved=0, then=RisalahStep.State.SUBMITTED)
    assert reminders_send(email=False).review_notices == 1  # the unit head only
    assert not any("menunggu tinjauan Anda" in m for m in messages_of(world.mentor))
    assert any("menunggu tinjauan Anda" in m for m in messages_of(world.unit_head))


def test_a_fresh_submission_gets_no_review_reminder_yet(world, programme):
    set_steps(start(world.team, programme), approved=0, then=RisalahStep.State.SUBMITTED)
    RisalahStep.objects.filter(state="submitted").update(submitted_at=timezone.now())
    assert reminders_send(email=False).review_notices == 0


def test_closed_programmes_get_no_reminders(world, programme):
    Programme.objects.filter(pk=programme.pk).update(is_open=False)
    report = reminders_send(email=False)
    assert (report.deadline_notices, report.review_notices) == (0, 0)


def test_an_agreed_action_that_is_due_reminds_its_owner(world, programme):
    mentoring.session_save(
        actor=world.admin,
        programme=programme,
        team=world.team,
        held_on=TODAY - dt.timedelta(days=3),
        mode="online",
        topic="Data keluhan",
        actions=[
            mentoring.ActionSpec(
                description="Kumpulkan lembar periksa",
                owner=world.member,
                due_on=TODAY + dt.timedelta(days=1),
            )
        ],
    )
    report = reminders_send(email=False)
    assert report.action_notices == 1
    assert any("Kumpulkan lembar periksa, batas" in m for m in messages_of(world.member))


def test_each_person_gets_one_email_with_their_new_notifications(world, programme):
    set_steps(start(world.team, programme), approved=1)
    reminders_send()
    to_chair = [m for m in mail.outbox if m.to == [world.chair.email]]
    assert len(to_chair) == 1
    assert "Langkah 2" in to_chair[0].body
    assert to_chair[0].subject.startswith("[TULTA]")
    assert to_chair[0].from_email == "TULTA <no-reply@tulta.local>"


def test_notifications_are_never_emailed_twice(world, programme):
    set_steps(start(world.team, programme), approved=1)
    reminders_send()
    sent = len(mail.outbox)
    reminders_send()
    assert sent > 0 and len(mail.outbox) == sent


def test_mentions_notified_elsewhere_are_emailed_too(world, programme):
    risalah = start(world.team, programme)
    step = risalah.steps.get(number=1)
    risalah_services.step_comment(
        actor=world.member, step=step, body="Tolong cek data ini", mentions=[world.leader]
    )
    reminders_send()
    (email,) = [m for m in mail.outbox if m.to == [world.leader.email]]
    assert "Tolong cek data ini" in email.body


def test_email_links_are_absolute_with_a_base_url(world, programme):
    notify([world.leader], actor=None, message="Halo", url="/risalah/1/")
    reminders_send(base_url="https://tulta.kota.go.id")
    (email,) = [m for m in mail.outbox if m.to == [world.leader.email]]
    assert "https://tulta.kota.go.id/risalah/1/" in email.body


def test_notifications_already_read_are_not_emailed(world, programme):
    notify([world.leader], actor=None, message="Sudah dibaca")
    mark_read(world.leader)
    reminders_send()
    assert [m for m in mail.outbox if m.to == [world.leader.email]] == []


def test_a_failed_email_is_tried_again_next_run(world, programme):
    notify([world.leader], actor=None, message="Penting")
    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        side_effect=smtplib.SMTPServerDisconnected("putus"),
    ):
        assert reminders_send().email_failures >= 1
    assert not EmailedNotification.objects.exists()
    reminders_send()
    (email,) = [m for m in mail.outbox if m.to == [world.leader.email]]
    assert "Penting" in email.body


def test_the_send_reminders_command_is_safe_to_run_every_hour(world, programme, capsys):
    set_steps(start(world.team, programme), approved=1)
    call_command("send_reminders")
    notices, emails = Notification.objects.count(), len(mail.outbox)
    call_command("send_reminders")
    assert (Notification.objects.count(), len(mail.outbox)) == (notices, emails)
    assert "pengingat batas waktu: 0" in capsys.readouterr().out.splitlines()[-1]


def test_a_long_digest_fits_one_notice_and_says_how_many_more(world, programme):
    teams = [TeamFactory(unit=world.unit, name=f"KBK Panjang Sekali Namanya {i}") for i in range(8)]
    for team in teams:
        mentoring.mentor_assign(
            actor=world.admin, programme=programme, team=team, mentor=world.mentor
        )
    reminders_send(email=False)
    (digest,) = [m for m in messages_of(world.mentor) if "batas waktu" in m]
    assert len(digest) <= 500
    assert digest.startswith("16 pengingat batas waktu:")  # two passed steps × eight teams
    assert "lainnya." in digest
