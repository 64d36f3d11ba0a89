from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tulta.core.models import AuditEvent, Notification
from tulta.risalah import rules, services
from tulta.risalah.models import Method, Risalah, RisalahStep, StepVersion
from tulta.testing.risalah import fill

pytestmark = pytest.mark.django_db
S = RisalahStep.State


def test_seeded_methods_have_seven_and_eight_steps():
    assert Method.objects.get(code="tulta", government=None).steps.count() == 7
    assert Method.objects.get(code="delta", government=None).steps.count() == 8


def test_risalah_start_creates_one_step_per_method_step(risalah):
    assert [s.number for s in risalah.steps.all()] == [1, 2, 3, 4, 5, 6, 7]
    assert all(s.state == S.DRAFT for s in risalah.steps.all())


def test_a_team_has_one_risalah_per_programme(world, risalah, programme):
    with pytest.raises(ValidationError, match="sudah memiliki risalah"):
        services.risalah_start(
            actor=world.chair, team=world.team, programme=programme, tema="x", judul="y"
        )


def test_risalah_cannot_start_in_a_closed_programme(world, programme):
    programme.is_open = False
    programme.save()
    with pytest.raises(ValidationError, match="ditutup"):
        services.risalah_start(
            actor=world.chair, team=world.team, programme=programme, tema="x", judul="y"
        )


def test_unit_outside_the_programme_cannot_start(world, programme):
    programme.units.set([world.other_unit])
    with pytest.raises(ValidationError, match="bukan peserta"):
        services.risalah_start(
            actor=world.chair, team=world.team, programme=programme, tema="x", judul="y"
        )


def test_deadline_before_the_programme_starts_is_refused(world, tulta_method):
    with pytest.raises(ValidationError, match="sebelum program dimulai"):
        services.programme_create(
            actor=world.admin,
            government=world.government,
            name="P",
            year=2026,
            method=tulta_method,
            starts_on=dt.date(2026, 2, 1),
            ends_on=dt.date(2026, 12, 1),
            deadlines={1: dt.date(2026, 1, 15)},
        )


def test_submitting_an_empty_step_lists_what_is_missing(world, risalah):
    step = risalah.steps.get(number=1)
    services.step_save(
        actor=world.chair, step=step, sections={"masalah": "<p>Antrean</p>"}, base_version=0
    )
    with pytest.raises(ValidationError) as info:
        services.step_submit(actor=world.chair, step=step)
    messages = info.value.messages
    assert "Belum diisi: Penilaian USG dan masalah terpilih." in messages
    assert len(messages) == 3
    step.refresh_from_db()
    assert step.state == S.DRAFT


def test_the_review_cycle_opens_the_next_step_only_after_approval(world, risalah):
    step1, step2 = risalah.steps.get(number=1), risalah.steps.get(number=2)
    step1.risalah = step2.risalah = risalah
    assert not rules.step_is_open(step2)
    with pytest.raises(ValidationError, match="belum terbuka"):
        fill(step2, actor=world.chair)
    step1 = fill(step1, actor=world.chair)
    services.step_submit(actor=world.chair, step=step1)
    services.step_return(actor=world.mentor, step=step1, comment="Tambahkan data Januari.")
    step1.refresh_from_db()
    assert step1.state == S.RETURNED
    assert step1.comments.get().body == "Tambahkan data Januari."
    step1 = fill(step1, actor=world.chair, text="<p>Dengan data Januari.</p>")
    services.step_submit(actor=world.chair, step=step1)
    services.step_approve(actor=world.mentor, step=step1)
    step2 = risalah.steps.get(number=2)
    step2.risalah = risalah
    assert rules.step_is_open(step2)
    verbs = list(
        AuditEvent.objects.filter(object_id=str(step1.pk), content_type__model="risalahstep")
        .order_by("id")
        .values_list("verb", flat=True)
    )
    assert verbs == ["step_submitted", "step_returned", "step_submitted", "step_approved"]


def test_steps_open_in_any_order_when_the_programme_allows(world, risalah):
    risalah.programme.sequential = False
    risalah.programme.save()
    step = risalah.steps.get(number=4)
    step.risalah = risalah
    assert rules.step_is_open(step)
    fill(step, actor=world.chair)


def test_a_submitted_step_cannot_be_edited(world, risalah):
    step = fill(risalah.steps.get(number=1), actor=world.chair)
    services.step_submit(actor=world.chair, step=step)
    step.refresh_from_db()
    with pytest.raises(ValidationError, match="diajukan"):
        services.step_save(actor=world.chair, step=step, sections={}, base_version=step.version)


def test_return_needs_a_comment(world, risalah):
    step = fill(risalah.steps.get(number=1), actor=world.chair)
    services.step_submit(actor=world.chair, step=step)
    with pytest.raises(ValidationError, match="Tulis komentar"):
        services.step_return(actor=world.mentor, step=step, comment="  ")


def test_a_stale_save_raises_a_conflict_and_writes_nothing(world, risalah):
    step = risalah.steps.get(number=1)
    services.step_save(
        actor=world.chair, step=step, sections={"masalah": "<p>versi ketua</p>"}, base_version=0
    )
    with pytest.raises(services.StepConflict) as info:
        services.step_save(
            actor=world.member,
            step=step,
            sections={"masalah": "<p>versi anggota</p>"},
            base_version=0,
        )
    assert info.value.current.sections["masalah"] == "<p>versi ketua</p>"
    step.refresh_from_db()
    assert step.version == 1


def test_a_save_that_lands_between_reading_and_writing_is_a_conflict(world, risalah):
    mine = risalah.steps.select_related("method_step").get(number=1)
    theirs = risalah.steps.select_related("method_step").get(number=1)
    services.step_save(
        actor=world.member, step=theirs, sections={"masalah": "<p>anggota</p>"}, base_version=0
    )
    # ``mine`` was read before that save and still says version 0, as the editor does.
    with pytest.raises(services.StepConflict) as info:
        services.step_save(
            actor=world.chair, step=mine, sections={"masalah": "<p>ketua</p>"}, base_version=0
        )
    assert info.value.current.version == 1
    assert info.value.current.updated_by == world.member
    assert StepVersion.objects.filter(step=mine).count() == 1
    assert RisalahStep.objects.get(pk=mine.pk).sections["masalah"] == "<p>anggota</p>"


def test_a_step_submitted_between_reading_and_writing_is_not_overwritten(world, risalah):
    step = fill(risalah.steps.get(number=1), actor=world.chair)
    mine = RisalahStep.objects.select_related("method_step").get(pk=step.pk)
    services.step_submit(actor=world.chair, step=step)
    with pytest.raises(ValidationError, match="diajukan"):
        services.step_save(
            actor=world.member,
            step=mine,
            sections={"masalah": "<p>terlambat</p>"},
            base_version=mine.version,
        )
    stored = RisalahStep.objects.get(pk=step.pk)
    assert stored.state == S.SUBMITTED
    assert stored.sections["masalah"] != "<p>terlambat</p>"


def test_every_save_is_a_version_and_any_can_be_restored(world, risalah):
    step = risalah.steps.get(number=1)
    for i, text in enumerate(["satu", "dua", "tiga"]):
        step = services.step_save(
            actor=world.chair, step=step, sections={"masalah": f"<p>{text}</p>"}, base_version=i
        )
    assert list(step.versions.values_list("version", flat=True)) == [3, 2, 1]
    restored = services.step_restore(actor=world.member, step=step, version=1)
    assert restored.sections["masalah"] == "<p>satu</p>"
    assert restored.version == 4
    assert StepVersion.objects.get(step=step, version=4).note == "dipulihkan dari versi 1"


def test_saving_identical_content_writes_no_new_version(world, risalah):
    step = risalah.steps.get(number=1)
    step = services.step_save(
        actor=world.chair, step=step, sections={"masalah": "<p>a</p>"}, base_version=0
    )
    again = services.step_save(
        actor=world.chair, step=step, sections={"masalah": "<p>a</p>"}, base_version=1
    )
    assert again.version == 1


def test_step_content_is_sanitised(world, risalah):
    step = risalah.steps.get(number=1)
    step = services.step_save(
        actor=world.chair,
        step=step,
        sections={"masalah": "<p>ok</p><script>alert(1)</script>", "hack": "<p>x</p>"},
        base_version=0,
    )
    assert step.sections == {"masalah": "<p>ok</p>"}


def _approve_all(world, risalah):
    for step in risalah.steps.order_by("number"):
        step.risalah = risalah
        step = fill(step, actor=world.chair)
        services.step_submit(actor=world.chair, step=step)
        services.step_approve(actor=world.mentor, step=step)


def test_finalize_needs_every_step_approved_and_then_freezes(world, risalah):
    with pytest.raises(ValidationError, match="langkah 1, 2, 3, 4, 5, 6, 7"):
        services.risalah_finalize(actor=world.chair, risalah=risalah)
    _approve_all(world, risalah)
    services.risalah_finalize(actor=world.chair, risalah=risalah)
    risalah.refresh_from_db()
    assert risalah.state == Risalah.State.FINAL
    with pytest.raises(ValidationError, match="sudah final"):
        services.risalah_update(actor=world.chair, risalah=risalah, tema="baru")
    step = risalah.steps.get(number=1)
    step.risalah = risalah
    with pytest.raises(ValidationError, match="sudah final"):
        services.step_save(actor=world.chair, step=step, sections={}, base_version=step.version)


def test_submission_notifies_the_mentor_and_return_notifies_the_team(world, risalah):
    step = fill(risalah.steps.get(number=1), actor=world.chair)
    services.step_submit(actor=world.chair, step=step)
    assert Notification.objects.filter(recipient=world.mentor).count() == 1
    services.step_return(actor=world.mentor, step=step, comment="Perbaiki.")
    assert Notification.objects.filter(
        recipient=world.chair, message__contains="dikembalikan"
    ).exists()
    assert Notification.objects.filter(recipient=world.member).exists()
    assert not Notification.objects.filter(
        recipient=world.mentor, message__contains="dikembalikan"
    ).exists()


def test_a_mention_notifies_the_person_mentioned(world, risalah):
    step = risalah.steps.get(number=1)
    step.risalah = risalah
    services.step_comment(
        actor=world.chair, step=step, body="Mohon dicek, Bu.", mentions=[world.mentor]
    )
    note = Notification.objects.get(recipient=world.mentor)
    assert "menyebut Anda" in note.message
    assert "#komentar-" in note.url


def test_mentor_must_hold_the_mentor_role_in_the_same_government(world, risalah):
    with pytest.raises(ValidationError, match="belum berperan pendamping"):
        services.risalah_assign_mentor(actor=world.admin, risalah=risalah, mentor=world.outsider)
    with pytest.raises(ValidationError, match="pemda yang sama"):
        services.risalah_assign_mentor(actor=world.admin, risalah=risalah, mentor=world.other_admin)


def test_meeting_summary_computes_identity_figures(world, risalah):
    members = [m.user for m in world.team.memberships.all()]
    services.meeting_save(
        actor=world.chair,
        risalah=risalah,
        held_on=dt.date(2026, 2, 1),
        duration_minutes=60,
        attendees=members,
    )
    services.meeting_save(
        actor=world.chair,
        risalah=risalah,
        held_on=dt.date(2026, 2, 8),
        duration_minutes=90,
        attendees=members[:2],
    )
    summary = services.meeting_summary(risalah)
    assert summary.count == 2
    assert summary.average_minutes == 75
    assert summary.average_attendance_pct == pytest.approx((3 / 3 + 2 / 3) / 2 * 100)


def test_meeting_attendee_must_be_a_member(world, risalah):
    with pytest.raises(ValidationError, match="Bukan anggota kelompok"):
        services.meeting_save(
            actor=world.chair,
            risalah=risalah,
            held_on=dt.date(2026, 2, 1),
            duration_minutes=60,
            attendees=[world.outsider],
        )


def test_method_copy_can_be_adjusted_but_templates_cannot(world, tulta_method):
    copy = services.method_copy(
        actor=world.admin, method=tulta_method, government=world.government, name="TULTA Kota Uji"
    )
    assert copy.steps.count() == 7
    step = copy.steps.get(number=3)
    services.method_step_update(actor=world.admin, step=step, title="Rencana kegiatan")
    with pytest.raises(ValidationError, match="bawaan"):
        services.method_step_update(
            actor=world.admin, step=tulta_method.steps.get(number=1), title="x"
        )


def test_seed_demo_gives_the_demo_city_risalah_in_every_state():
    import io

    from django.core.management import call_command

    call_command("seed_demo", stdout=io.StringIO())
    risalah = Risalah.objects.filter(programme__government__slug="kota-sukamaju")
    states = set(RisalahStep.objects.filter(risalah__in=risalah).values_list("state", flat=True))
    assert states == {"draft", "submitted", "returned", "approved"}
    assert risalah.filter(state="final").exists()
    teams = risalah.values("team").distinct().count()
    assert 30 <= teams < 58  # some groups have not started: that is what monitoring is for
    # Finished work is measured, and all but one final risalah are in the public showcase with
    # a verdict that counts in the city ledger.
    from tulta.impact import selectors as impact

    final = list(risalah.filter(state="final"))
    assert all(r.impact_indicators.exists() for r in final)
    shown = list(impact.showcase())
    assert len(shown) == len(final) - 1
    assert all(v.valid and v.improved for v in impact.primary_verdicts(shown).values())
