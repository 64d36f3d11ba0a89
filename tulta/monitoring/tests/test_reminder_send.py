"""reminder_send: an admin reminds chosen groups from the dashboard (in-app, email through the
tasks queue, a WhatsApp list), logged and audited; and how it lives with the hourly job."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import override_settings

from tulta.core.models import AuditEvent, Notification
from tulta.factories import TeamFactory
from tulta.mentoring import services as mentoring
from tulta.monitoring.models import EmailedNotification, SentReminder
from tulta.monitoring.services import reminder_send, reminders_send
from tulta.testing.monitoring import finalize, set_steps, start, team_in

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def messages_of(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("message", flat=True))


def test_each_member_of_a_chosen_group_gets_one_notice_naming_the_sender_the_note_and_what_is_late(
    world, programme
):
    set_steps(start(world.team, programme), approved=1)  # step 2 five days late
    result = reminder_send(
        actor=world.admin, programme=programme, teams=[world.team.pk], note="Rapat Jumat."
    )
    (notice,) = messages_of(world.member)
    assert notice.startswith("Pengingat dari Admin Program: Rapat Jumat.")
    assert "Langkah 2" in notice and "terlambat 5 hari" in notice
    members = world.team.memberships.count()
    assert result.notices == members
    assert Notification.objects.filter(actor=world.admin).count() == members


def test_a_person_in_two_chosen_groups_gets_one_notice_listing_both(world, programme):
    other = TeamFactory(unit=world.unit, name="KBK Kedua")
    other.memberships.create(user=world.member, role="anggota")
    reminder_send(actor=world.admin, programme=programme, teams=[world.team.pk, other.pk])
    (notice,) = messages_of(world.member)
    assert "KBK Cepat" in notice and "KBK Kedua" in notice


def test_the_groups_not_chosen_are_not_reminded(world, programme):
    other = team_in(world.other_unit, "KBK Sehat")
    reminder_send(actor=world.admin, programme=programme, teams=[world.team.pk])
    assert not Notification.objects.filter(recipient__memberships__team=other).exists()


def test_a_group_with_nothing_due_is_asked_to_go_on(world, programme):
    set_steps(start(world.team, programme), approved=3)  # steps 1–3 approved; step 4 far away
    reminder_send(actor=world.admin, programme=programme, teams=[world.team.pk])
    (notice,) = messages_of(world.chair)
    assert "KBK Cepat: mohon lanjutkan risalah di TULTA." in notice


@override_settings(TASKS=IMMEDIATE)
def test_the_notices_are_emailed_at_once_through_the_tasks_queue(
    world, programme, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        result = reminder_send(actor=world.admin, programme=programme, teams=[world.team.pk])
    (email,) = [m for m in mail.outbox if m.to == [world.chair.email]]
    assert "Pengingat dari Admin Program" in email.body
    assert result.emails_queued == EmailedNotification.objects.count() == len(mail.outbox)


@override_settings(TASKS=IMMEDIATE)
def test_the_hourly_job_does_not_email_an_admins_reminder_again(
    world, programme, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reminder_send(actor=world.admin, programme=programme, teams=[world.team.pk])
    sent = len(mail.outbox)
    reminders_send(email=True)
    assert not [m for m in mail.outbox[sent:] if "Pengingat dari Admin Program" in m.body], (
        "emailed twice"
    )


def test_the_log_has_a_row_per_member_and_group_by_the_admin_and_one_for_the_chair_on_whatsapp(
    world, programme
):
    reminder_send(actor=world.admin, programme=programme, teams=[world.team.pk])
    manual = SentReminder.objects.filter(key__startswith="manual:", team=world.team)
    in_app = manual.filter(channel=SentReminder.Channel.IN_APP)
    assert in_app.count() == world.team.memberships.count()
    assert set(in_app.values_list("sent_by", flat=True)) == {world.admin.pk}
    assert all(r.notification_id for r in in_app)
    (whatsapp,) = manual.filter(channel=SentReminder.Channel.WHATSAPP)
    assert whatsapp.recipient == world.chair and whatsapp.programme == programme


def test_sending_is_audited_on_the_programme(world, programme):
    reminder_send(actor=world.admin, programme=programme, teams=[world.team.pk], note="Segera")
    event = AuditEvent.objects.get(verb="reminders_sent")
    assert event.actor == world.admin and event.object_id == str(programme.pk)
    assert event.changes["kelompok"] == [None, ["KBK Cepat"]]
    assert event.changes["catatan"] == [None, "Segera"]
    assert event.government_id == world.government.pk


def test_no_group_chosen_is_refused_and_writes_nothing(world, programme):
    with pytest.raises(ValidationError, match="Pilih minimal satu kelompok"):
        reminder_send(actor=world.admin, programme=programme, teams=[])
    assert not Notification.objects.exists() and not SentReminder.objects.exists()


def test_a_group_of_another_government_is_refused(world, programme):
    with pytest.raises(ValidationError, match="tidak mengikuti program ini"):
        reminder_send(
            actor=world.admin, programme=programme, teams=[world.team.pk, world.other_team.pk]
        )
    assert not Notification.objects.exists()


def test_a_group_whose_risalah_is_final_is_refused(world, programme):
    finalize(start(world.team, programme))
    with pytest.raises(ValidationError, match="sudah final: KBK Cepat"):
        reminder_send(actor=world.admin, programme=programme, teams=[world.team.pk])


def test_a_note_too_long_is_refused(world, programme):
    with pytest.raises(ValidationError, match="paling banyak 300"):
        reminder_send(actor=world.admin, programme=programme, teams=[world.team.pk], note="x" * 301)


# --- the rule between a manual reminder and the hourly job (see reminder_send's docstring) ----


def test_the_hourly_job_does_not_repeat_what_a_manual_reminder_listed(world, programme):
    set_steps(start(world.team, programme), approved=1)
    reminder_send(actor=world.admin, programme=programme, teams=[world.team.pk])
    before = len(messages_of(world.member))
    report = reminders_send(email=False)
    assert report.deadline_notices == 0
    assert len(messages_of(world.member)) == before == 1


def test_the_hourly_job_still_sends_what_a_manual_reminder_did_not_cover(world, programme):
    """The mentor of a late group is no member: the admin's reminder does not reach them, so
    the job's own reminder of the late step still does."""
    set_steps(start(world.team, programme), approved=1)
    mentoring.mentor_assign(
        actor=world.admin, programme=programme, team=world.team, mentor=world.mentor
    )
    reminder_send(actor=world.admin, programme=programme, teams=[world.team.pk])
    assert not any("Pengingat dari" in m for m in messages_of(world.mentor))
    reminders_send(email=False)
    assert any("Langkah 2" in m and "terlambat 5 hari" in m for m in messages_of(world.mentor))


def test_a_manual_reminder_is_sent_even_when_the_job_already_sent_the_same_items(world, programme):
    set_steps(start(world.team, programme), approved=1)
    reminders_send(email=False)
    reminder_send(actor=world.admin, programme=programme, teams=[world.team.pk])
    (manual,) = [m for m in messages_of(world.member) if m.startswith("Pengingat dari")]
    assert "Langkah 2" in manual


def test_the_hourly_jobs_rows_name_their_group_programme_and_notice(world, programme):
    set_steps(start(world.team, programme), approved=1)
    reminders_send(email=False)
    rows = SentReminder.objects.filter(recipient=world.member)
    assert rows.exists()
    assert {(r.team_id, r.programme_id, r.sent_by_id) for r in rows} == {
        (world.team.pk, programme.pk, None)
    }
    (notice,) = Notification.objects.filter(recipient=world.member)
    assert {r.notification_id for r in rows} == {notice.pk}
