"""Every change to programmes, methods and risalah goes through these services.

Each takes the acting user, validates the whole change first, runs in one transaction, and
records an audit event. Permission is checked by the caller (``permissions.py``); the services
guard the workflow's rules: which step is open, what a step must contain before it is submitted,
that nothing changes after the risalah is final, and that a stale save never overwrites a newer
one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tulta.accounts.models import Role, User
from tulta.core import audit
from tulta.core.notifications import notify
from tulta.core.richtext import clean_html
from tulta.organizations.models import Government, Membership, Team, Unit
from tulta.organizations.permissions import has_role

from .mentors import assigned_mentor
from .merge import merge_sections
from .models import (
    Meeting,
    Method,
    MethodStep,
    Programme,
    Risalah,
    RisalahStep,
    StepComment,
    StepDeadline,
    StepVersion,
)
from .rules import (
    EDITABLE_STEP_STATES,
    check_risalah_editable,
    check_step_editable,
    step_missing,
)
from .selectors import reviewers_for

S = RisalahStep.State
PROGRAMME_FIELDS = ("name", "year", "method", "starts_on", "ends_on", "is_open", "sequential")
RISALAH_FIELDS = (
    "tema", "judul", "indicator_name", "indicator_unit", "indicator_direction", "mentor",
)  # fmt: skip


class StepConflict(Exception):
    """The step changed since the editor loaded it: someone else saved in between."""

    def __init__(self, current: RisalahStep) -> None:
        super().__init__("step changed")
        self.current = current


def _step_url(step: RisalahStep) -> str:
    return reverse("risalah:step", args=[step.risalah_id, step.number])


# --- methods ------------------------------------------------------------------------------


@transaction.atomic
def method_copy(*, actor: User, method: Method, government: Government, name: str) -> Method:
    """Copy a (template or own) method into ``government`` so its steps can be adjusted."""
    base_code = f"{method.code}-salinan"
    code, n = base_code, 1
    while Method.objects.filter(government=government, code=code).exists():
        n += 1
        code = f"{base_code}-{n}"
    copy = Method.objects.create(
        government=government,
        code=code,
        name=name,
        description=method.description,
        copied_from=method,
    )
    MethodStep.objects.bulk_create(
        MethodStep(
            method=copy,
            number=s.number,
            title=s.title,
            guidance=s.guidance,
            requirements=s.requirements,
            suggested_tools=s.suggested_tools,
        )
        for s in method.steps.all()
    )
    audit.record(
        actor=actor,
        action="create",
        obj=copy,
        government_id=government.pk,
        verb="method_copied",
        changes={"name": [None, name], "disalin_dari": [None, str(method)]},
    )
    return copy


@transaction.atomic
def method_step_update(*, actor: User, step: MethodStep, **fields: Any) -> MethodStep:
    if step.method.government_id is None:
        raise ValidationError(_("Metode bawaan tidak dapat diubah; salin dulu ke pemda Anda."))
    if step.method.programmes.filter(risalah_set__isnull=False).exists():
        raise ValidationError(
            _("Metode ini sudah dipakai risalah; salin menjadi metode baru untuk mengubahnya.")
        )
    fields_list = ("title", "guidance", "requirements", "suggested_tools")
    before = audit.snapshot(step, fields_list)
    for name, value in fields.items():
        setattr(step, name, value)
    step.full_clean()
    step.save()
    audit.record(
        actor=actor,
        action="update",
        obj=step,
        government_id=step.method.government_id,
        changes=audit.diff(before, audit.snapshot(step, fields_list)),
    )
    return step


# --- programmes ---------------------------------------------------------------------------


def _check_deadlines(
    programme: Programme, deadlines: Mapping[int, dt.date | None]
) -> dict[int, dt.date]:
    numbers = set(programme.method.steps.values_list("number", flat=True))
    errors = []
    clean: dict[int, dt.date] = {}
    for number, due in sorted(deadlines.items()):
        if due is None:
            continue
        if number not in numbers:
            errors.append(_("Langkah %(n)d tidak ada dalam metode ini.") % {"n": number})
        elif due < programme.starts_on:
            errors.append(
                _("Batas waktu langkah %(n)d (%(due)s) sebelum program dimulai (%(start)s).")
                % {"n": number, "due": due.isoformat(), "start": programme.starts_on.isoformat()}
            )
        elif due > programme.ends_on:
            errors.append(
                _("Batas waktu langkah %(n)d (%(due)s) sesudah program selesai (%(end)s).")
                % {"n": number, "due": due.isoformat(), "end": programme.ends_on.isoformat()}
            )
        else:
            clean[number] = due
    ordered = [clean[n] for n in sorted(clean)]
    if ordered != sorted(ordered):
        errors.append(_("Batas waktu harus berurutan: langkah berikutnya tidak lebih awal."))
    if errors:
        raise ValidationError(errors)
    return clean


def _save_deadlines(programme: Programme, deadlines: Mapping[int, dt.date]) -> None:
    programme.deadlines.exclude(step_number__in=list(deadlines)).delete()
    for number, due in deadlines.items():
        StepDeadline.objects.update_or_create(
            programme=programme, step_number=number, defaults={"due_on": due}
        )


@transaction.atomic
def programme_create(
    *,
    actor: User,
    government: Government,
    units: Iterable[Unit] = (),
    deadlines: Mapping[int, dt.date | None] | None = None,
    **fields: Any,
) -> Programme:
    programme = Programme(government=government, **fields)
    programme.full_clean()
    clean = _check_deadlines(programme, deadlines or {})
    programme.save()
    programme.units.set([u for u in units if u.government_id == government.pk])
    _save_deadlines(programme, clean)
    audit.record(
        actor=actor,
        action="create",
        obj=programme,
        government_id=government.pk,
        changes={
            **audit.created(programme, PROGRAMME_FIELDS),
            "batas_waktu": [None, {str(k): v.isoformat() for k, v in clean.items()}],
        },
    )
    return programme


@transaction.atomic
def programme_update(
    *,
    actor: User,
    programme: Programme,
    units: Iterable[Unit] | None = None,
    deadlines: Mapping[int, dt.date | None] | None = None,
    **fields: Any,
) -> Programme:
    before = audit.snapshot(programme, PROGRAMME_FIELDS)
    before_deadlines = {str(d.step_number): d.due_on.isoformat() for d in programme.deadlines.all()}
    if (
        "method" in fields
        and fields["method"] != programme.method
        and programme.risalah_set.exists()
    ):
        raise ValidationError(_("Metode tidak dapat diganti setelah ada risalah."))
    for name, value in fields.items():
        setattr(programme, name, value)
    programme.full_clean()
    clean = _check_deadlines(programme, deadlines) if deadlines is not None else None
    programme.save()
    if units is not None:
        programme.units.set([u for u in units if u.government_id == programme.government_id])
    if clean is not None:
        _save_deadlines(programme, clean)
    changes = audit.diff(before, audit.snapshot(programme, PROGRAMME_FIELDS))
    after_deadlines = {str(d.step_number): d.due_on.isoformat() for d in programme.deadlines.all()}
    if after_deadlines != before_deadlines:
        changes["batas_waktu"] = [before_deadlines, after_deadlines]
    if changes:
        audit.record(
            actor=actor,
            action="update",
            obj=programme,
            government_id=programme.government_id,
            changes=changes,
        )
    return programme


# --- risalah ------------------------------------------------------------------------------


@transaction.atomic
def risalah_start(*, actor: User, team: Team, programme: Programme, **fields: Any) -> Risalah:
    """Start a team's risalah in a programme, with one step per method step."""
    if not programme.is_open:
        raise ValidationError(_("Program %(p)s sudah ditutup.") % {"p": programme})
    if team.unit.government_id != programme.government_id:
        raise ValidationError(_("Kelompok dan program harus dari pemda yang sama."))
    if programme.units.exists() and not programme.units.filter(pk=team.unit_id).exists():
        raise ValidationError(
            _("Unit %(unit)s bukan peserta program ini.") % {"unit": team.unit.name}
        )
    if Risalah.objects.filter(team=team, programme=programme).exists():
        raise ValidationError(_("Kelompok ini sudah memiliki risalah dalam program ini."))
    # A mentor assigned to the team before it started carries over (see ``mentors``).
    fields.setdefault("mentor", assigned_mentor(team, programme))
    risalah = Risalah(team=team, programme=programme, created_by=actor, **fields)
    risalah.full_clean()
    risalah.save()
    RisalahStep.objects.bulk_create(
        RisalahStep(risalah=risalah, method_step=ms, number=ms.number)
        for ms in programme.method.steps.all()
    )
    audit.record(
        actor=actor,
        action="create",
        obj=risalah,
        government_id=programme.government_id,
        changes=audit.created(risalah, RISALAH_FIELDS),
    )
    return risalah


@transaction.atomic
def risalah_update(*, actor: User, risalah: Risalah, **fields: Any) -> Risalah:
    check_risalah_editable(risalah)
    before = audit.snapshot(risalah, RISALAH_FIELDS)
    for name, value in fields.items():
        setattr(risalah, name, value)
    risalah.full_clean()
    risalah.save()
    changes = audit.diff(before, audit.snapshot(risalah, RISALAH_FIELDS))
    if changes:
        audit.record(
            actor=actor,
            action="update",
            obj=risalah,
            government_id=risalah.programme.government_id,
            changes=changes,
        )
    return risalah


@transaction.atomic
def risalah_assign_mentor(*, actor: User, risalah: Risalah, mentor: User | None) -> Risalah:
    if mentor is not None:
        if mentor.government_id != risalah.programme.government_id:
            raise ValidationError(_("Pendamping harus pegawai pemda yang sama."))
        if not has_role(mentor, Role.MENTOR):
            raise ValidationError(
                _("%(name)s belum berperan pendamping.") % {"name": mentor.full_name}
            )
    before = audit.snapshot(risalah, ("mentor",))
    risalah.mentor = mentor
    risalah.save(update_fields=["mentor", "updated_at"])
    audit.record(
        actor=actor,
        action="update",
        obj=risalah,
        government_id=risalah.programme.government_id,
        verb="mentor_assigned",
        changes=audit.diff(before, audit.snapshot(risalah, ("mentor",))),
    )
    if mentor is not None:
        notify(
            [mentor],
            actor=actor,
            message=_("Anda ditugaskan mendampingi %(team)s (%(tema)s).")
            % {"team": risalah.team.name, "tema": risalah.tema},
            url=reverse("risalah:detail", args=[risalah.pk]),
        )
    return risalah


# --- steps --------------------------------------------------------------------------------


def _members(risalah: Risalah) -> list[User]:
    return [m.user for m in Membership.objects.filter(team=risalah.team).select_related("user")]


def step_save(
    *,
    actor: User,
    step: RisalahStep,
    sections: Mapping[str, str],
    base_version: int,
    note: str = "",
) -> RisalahStep:
    """Save a step's sections (sanitised) as a new version.

    ``base_version`` is the version the editor started from; if the step has moved on since,
    :class:`StepConflict` is raised with the current step and nothing is written. Saving the same
    content again writes nothing. Raises ValidationError when the step is not editable.

    The write is optimistic: one ``UPDATE … WHERE version = base_version`` that also requires an
    editable state, so two people saving at once cannot both win and no row lock is held while
    the sections are sanitised; it and the version row share a transaction, and a save that
    changes nothing opens none. Only when that update finds nothing is the step read again, to
    tell a conflict from a step that was submitted or approved in the meantime.
    """
    current = step if step.version == base_version else _current_step(step)
    check_step_editable(current)
    if current.version != base_version:
        raise StepConflict(current)
    content = {"sections": {**current.sections, **_cleaned_sections(current, sections)}}
    if content == current.content:
        return current
    now = timezone.now()
    with transaction.atomic():  # the step and its version row, both or neither
        written = RisalahStep.objects.filter(
            pk=current.pk, version=base_version, state__in=EDITABLE_STEP_STATES
        ).update(content=content, version=base_version + 1, updated_by=actor, updated_at=now)
        if written:
            StepVersion.objects.create(
                step=current, version=base_version + 1, content=content, saved_by=actor, note=note
            )
    if not written:
        stored = _current_step(step)
        check_step_editable(stored)
        raise StepConflict(stored)
    current.content, current.version = content, base_version + 1
    current.updated_by, current.updated_at = actor, now
    return current


def _section_order(step: RisalahStep) -> tuple[str, ...]:
    return (*(req["code"] for req in step.method_step.requirements), "catatan")


def _cleaned_sections(step: RisalahStep, sections: Mapping[str, str]) -> dict[str, str]:
    """The step's own sections of ``sections`` (others are dropped), sanitised."""
    allowed = set(_section_order(step))
    return {code: clean_html(html) for code, html in sections.items() if code in allowed}


def _sections_at(step: RisalahStep, version: int) -> dict[str, str] | None:
    """The sections of ``step`` as saved in ``version`` (none before the first save); None when
    that version is not kept."""
    if version == 0:
        return {}
    content = (
        StepVersion.objects.filter(step=step, version=version)
        .values_list("content", flat=True)
        .first()
    )
    return None if content is None else dict(content.get("sections", {}))


@dataclass(frozen=True)
class StepSaveOutcome:
    """What :func:`step_save_merging` did. ``step`` is the step as stored after it.

    When the step had moved on since ``base_version`` (``met_other`` true, saved last by
    ``other_by`` at ``other_at``), ``from_other`` names the sections taken from that version (the
    editor must show their text now) and ``conflicts`` the sections both changed differently:
    for each, ``mine`` holds the writer's text (sanitised, not saved) and ``theirs`` the stored
    one, which stays until the writer chooses and saves again from ``step.version``."""

    step: RisalahStep
    met_other: bool = False
    other_by: User | None = None
    other_at: dt.datetime | None = None
    from_other: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()
    mine: dict[str, str] = field(default_factory=dict)
    theirs: dict[str, str] = field(default_factory=dict)


MERGE_ATTEMPTS = 3


@transaction.atomic
def step_save_merging(
    *,
    actor: User,
    step: RisalahStep,
    sections: Mapping[str, str],
    base_version: int,
) -> StepSaveOutcome:
    """Save a step's sections like :func:`step_save`, merging section by section when the step
    moved on since ``base_version`` (another tab, another member).

    Three-way, with the version the editor loaded as the base (:func:`merge.merge_sections`): a
    section only the writer changed is saved over the newer version, one only the other side
    changed is kept, and one both changed differently keeps the stored text and comes back in
    ``conflicts`` for the writer to choose. Every write still goes through ``step_save`` with the
    version just read, so a save landing in between is met again (up to ``MERGE_ATTEMPTS``
    times, then StepConflict). Raises ValidationError when the step is not editable. A merge is
    audited (``step_merged``) with the sections taken from each side.
    """
    try:
        return StepSaveOutcome(
            step=step_save(actor=actor, step=step, sections=sections, base_version=base_version)
        )
    except StepConflict as conflict:
        current = conflict.current
    base = _sections_at(current, base_version) if 0 <= base_version < current.version else None
    # What the writer's page holds: a section it did not post is the one it loaded.
    mine = {**(current.sections if base is None else base), **_cleaned_sections(current, sections)}
    for _attempt in range(MERGE_ATTEMPTS):
        other_by, other_at = current.updated_by, current.updated_at
        result = merge_sections(base, mine, current.sections, order=_section_order(current))
        changes = {code: result.merged[code] for code in result.from_mine}
        if not changes:
            saved = current
            break
        try:
            saved = step_save(
                actor=actor,
                step=current,
                sections=changes,
                base_version=current.version,
                note=_("gabungan otomatis"),
            )
            break
        except StepConflict as again:
            current = again.current
    else:
        raise StepConflict(current)
    audit.record(
        actor=actor,
        action="update",
        obj=saved,
        government_id=step.risalah.programme.government_id,
        verb="step_merged",
        changes={
            "versi": [base_version, saved.version],
            "dari_versi_lain": [None, list(result.from_theirs)],
            "dari_penulis": [None, list(result.from_mine)],
            "bentrok": [None, list(result.conflicts)],
        },
    )
    return StepSaveOutcome(
        step=saved,
        met_other=True,
        other_by=other_by,
        other_at=other_at,
        from_other=result.from_theirs,
        conflicts=result.conflicts,
        mine={code: mine.get(code, "") for code in result.conflicts},
        theirs={code: result.merged[code] for code in result.conflicts},
    )


def _current_step(step: RisalahStep) -> RisalahStep:
    """The step as stored now, on the risalah already fetched and checked."""
    current = RisalahStep.objects.select_related("method_step", "updated_by").get(pk=step.pk)
    current.risalah = step.risalah
    return current


@transaction.atomic
def step_restore(*, actor: User, step: RisalahStep, version: int) -> RisalahStep:
    old = step.versions.filter(version=version).first()
    if old is None:
        raise ValidationError(_("Versi %(v)d tidak ada.") % {"v": version})
    restored = step_save(
        actor=actor,
        step=step,
        sections=old.content.get("sections", {}),
        base_version=step.version,
        note=_("dipulihkan dari versi %(v)d") % {"v": version},
    )
    audit.record(
        actor=actor,
        action="update",
        obj=restored,
        government_id=step.risalah.programme.government_id,
        verb="step_restored",
        changes={"versi": [step.version, restored.version]},
    )
    return restored


def _transition(
    *, actor: User, step: RisalahStep, to: str, verb: str, extra: dict[str, Any] | None = None
) -> RisalahStep:
    before = step.state
    step.state = to
    now = timezone.now()
    fields = ["state"]
    if to == S.SUBMITTED:
        step.submitted_at = now
        fields.append("submitted_at")
    if to in (S.RETURNED, S.APPROVED):
        step.reviewed_at, step.reviewed_by = now, actor
        fields += ["reviewed_at", "reviewed_by"]
    step.save(update_fields=fields)
    audit.record(
        actor=actor,
        action="update",
        obj=step,
        government_id=step.risalah.programme.government_id,
        verb=verb,
        changes={"state": [before, to], **(extra or {})},
    )
    return step


def _locked(step: RisalahStep) -> RisalahStep:
    locked = RisalahStep.objects.select_for_update().select_related("method_step").get(pk=step.pk)
    locked.risalah = step.risalah
    return locked


@transaction.atomic
def step_submit(*, actor: User, step: RisalahStep) -> RisalahStep:
    """Submit a step for review. Raises ValidationError listing what is missing."""
    step = _locked(step)
    check_step_editable(step)
    missing = step_missing(step)
    if missing:
        raise ValidationError(
            [_("Belum diisi: %(label)s.") % {"label": label} for label in missing],
            code="missing",
        )
    _transition(actor=actor, step=step, to=S.SUBMITTED, verb="step_submitted")
    notify(
        reviewers_for(step.risalah),
        actor=actor,
        message=_("%(team)s mengajukan langkah %(n)d untuk ditinjau.")
        % {"team": step.risalah.team.name, "n": step.number},
        url=_step_url(step),
    )
    return step


def _require_submitted(step: RisalahStep, *, actor: User) -> None:
    if Membership.objects.filter(team_id=step.risalah.team_id, user=actor).exists():
        # About the actor's identity, whatever role brought them here (a mentor added to the
        # team, a unit head who is its fasilitator): see can_review_step.
        raise PermissionDenied(
            _(
                "Anda anggota kelompok %(team)s: langkah kelompok sendiri ditinjau oleh "
                "peninjau lain."
            )
            % {"team": step.risalah.team.name}
        )
    check_risalah_editable(step.risalah)
    if step.state != S.SUBMITTED:
        raise ValidationError(
            _("Hanya langkah yang diajukan yang dapat ditinjau; langkah %(n)d %(state)s.")
            % {"n": step.number, "state": step.get_state_display()}
        )


@transaction.atomic
def step_return(*, actor: User, step: RisalahStep, comment: str) -> RisalahStep:
    """Return a submitted step to the team with a comment saying what to fix. The caller checks
    ``permissions.can_review_step``; a member of the team gets PermissionDenied here too."""
    step = _locked(step)
    _require_submitted(step, actor=actor)
    if not comment.strip():
        raise ValidationError(_("Tulis komentar: apa yang perlu diperbaiki kelompok."))
    _transition(
        actor=actor,
        step=step,
        to=S.RETURNED,
        verb="step_returned",
        extra={"versi": [None, step.version]},
    )
    StepComment.objects.create(
        step=step, author=actor, body=comment.strip(), kind="return", step_version=step.version
    )
    notify(
        _members(step.risalah),
        actor=actor,
        message=_("Langkah %(n)d dikembalikan oleh %(who)s: %(comment)s")
        % {"n": step.number, "who": actor.full_name, "comment": comment.strip()[:200]},
        url=_step_url(step),
    )
    return step


@transaction.atomic
def step_approve(*, actor: User, step: RisalahStep, comment: str = "") -> RisalahStep:
    """Approve a submitted step. The caller checks ``permissions.can_review_step``; a member of
    the team gets PermissionDenied here too."""
    step = _locked(step)
    _require_submitted(step, actor=actor)
    _transition(actor=actor, step=step, to=S.APPROVED, verb="step_approved")
    if comment.strip():
        StepComment.objects.create(
            step=step,
            author=actor,
            body=comment.strip(),
            kind="approve",
            step_version=step.version,
        )
    notify(
        _members(step.risalah),
        actor=actor,
        message=_("Langkah %(n)d disetujui oleh %(who)s.")
        % {"n": step.number, "who": actor.full_name},
        url=_step_url(step),
    )
    return step


@transaction.atomic
def step_comment(
    *, actor: User, step: RisalahStep, body: str, mentions: Iterable[User] = ()
) -> StepComment:
    if not body.strip():
        raise ValidationError(_("Komentar kosong."))
    comment = StepComment.objects.create(step=step, author=actor, body=body.strip())
    mentioned = list(mentions)
    comment.mentions.set(mentioned)
    notify(
        mentioned,
        actor=actor,
        message=_("%(who)s menyebut Anda di langkah %(n)d %(team)s: %(body)s")
        % {
            "who": actor.full_name,
            "n": step.number,
            "team": step.risalah.team.name,
            "body": body.strip()[:200],
        },
        url=_step_url(step) + f"#komentar-{comment.pk}",
    )
    return comment


@transaction.atomic
def risalah_finalize(*, actor: User, risalah: Risalah) -> Risalah:
    """Make the whole risalah final: every step must be approved; final means no more edits.

    The caller checks that ``actor`` may write the risalah. Pages and the API submit through
    :func:`tulta.documents.services.risalah_submit_final`, which calls this and freezes the
    documents in the same transaction; this service alone does not render anything.
    Raises ValidationError when the risalah is already final or a step is not approved.
    """
    risalah = Risalah.objects.select_for_update().get(pk=risalah.pk)
    check_risalah_editable(risalah)
    pending = [s.number for s in risalah.steps.all() if s.state != S.APPROVED]
    if pending:
        raise ValidationError(
            _("Belum semua langkah disetujui: langkah %(steps)s.")
            % {"steps": ", ".join(str(n) for n in pending)}
        )
    risalah.state = Risalah.State.FINAL
    risalah.finalized_at = timezone.now()
    risalah.save(update_fields=["state", "finalized_at", "updated_at"])
    audit.record(
        actor=actor,
        action="update",
        obj=risalah,
        government_id=risalah.programme.government_id,
        verb="risalah_final",
        changes={"state": ["draft", "final"]},
    )
    notify(
        reviewers_for(risalah),
        actor=actor,
        message=_("Risalah %(team)s sudah final.") % {"team": risalah.team.name},
        url=reverse("risalah:detail", args=[risalah.pk]),
    )
    return risalah


# --- meetings -----------------------------------------------------------------------------

MEETING_FIELDS = ("held_on", "duration_minutes", "place", "agenda", "minutes")


def _check_attendees(risalah: Risalah, attendees: Iterable[User]) -> list[User]:
    people = list(attendees)
    member_ids = set(Membership.objects.filter(team=risalah.team).values_list("user_id", flat=True))
    strangers = [p.full_name for p in people if p.pk not in member_ids]
    if strangers:
        raise ValidationError(
            _("Bukan anggota kelompok: %(names)s.") % {"names": ", ".join(strangers)}
        )
    return people


@transaction.atomic
def meeting_save(
    *,
    actor: User,
    risalah: Risalah,
    meeting: Meeting | None = None,
    attendees: Iterable[User] = (),
    **fields: Any,
) -> Meeting:
    check_risalah_editable(risalah)
    people = _check_attendees(risalah, attendees)
    creating = meeting is None
    if meeting is None:
        meeting = Meeting(risalah=risalah)
        before: dict[str, Any] = {}
    else:
        before = {**audit.snapshot(meeting, MEETING_FIELDS), "hadir": _names(meeting)}
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.full_clean()
    meeting.save()
    meeting.attendees.set(people)
    after = {**audit.snapshot(meeting, MEETING_FIELDS), "hadir": _names(meeting)}
    audit.record(
        actor=actor,
        action="create" if creating else "update",
        obj=meeting,
        government_id=risalah.programme.government_id,
        changes=audit.diff(before, after),
    )
    return meeting


def _names(meeting: Meeting) -> list[str]:
    return sorted(meeting.attendees.values_list("full_name", flat=True))


@transaction.atomic
def meeting_delete(*, actor: User, meeting: Meeting) -> None:
    check_risalah_editable(meeting.risalah)
    audit.record(
        actor=actor,
        action="delete",
        obj=meeting,
        government_id=meeting.risalah.programme.government_id,
        changes=audit.deleted(meeting, MEETING_FIELDS),
    )
    meeting.delete()


@dataclass(frozen=True)
class MeetingSummary:
    count: int
    average_minutes: float | None
    total_minutes: int
    average_attendance_pct: float | None


def meeting_summary(risalah: Risalah) -> MeetingSummary:
    """The identity page's figures: number of meetings, average length, average attendance
    (present members as a share of the team's members)."""
    meetings = list(risalah.meetings.prefetch_related("attendees"))
    if not meetings:
        return MeetingSummary(0, None, 0, None)
    team_size = Membership.objects.filter(team=risalah.team).count() or 1
    total = sum(m.duration_minutes for m in meetings)
    attendance = sum(len(m.attendees.all()) / team_size for m in meetings) / len(meetings)
    return MeetingSummary(
        count=len(meetings),
        average_minutes=total / len(meetings),
        total_minutes=total,
        average_attendance_pct=attendance * 100,
    )
