"""Every change to mentor assignments and mentoring sessions goes through these services.

Each takes the acting user, validates the whole change before writing anything, runs in one
transaction and records an audit event. Callers check permission first (``permissions.py``);
the services guard the rules: one government, mentors who hold the mentor role, one active
mentor per team and programme, sessions with a date and actions with an owner and a due date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tulta.accounts.models import Role, User
from tulta.core import audit
from tulta.core.formatting import tanggal
from tulta.core.notifications import notify
from tulta.organizations.models import Membership, Team
from tulta.organizations.permissions import has_role
from tulta.risalah.models import Programme, Risalah
from tulta.risalah.services import risalah_assign_mentor

from .models import AgreedAction, MentorAssignment, MentoringSession


def _team_url(programme: Programme, team: Team) -> str:
    return reverse("monitoring:mentor_team", args=[programme.pk, team.pk])


# --- assignments ----------------------------------------------------------------------------


def mentor_person_problems(*, programme: Programme, mentor: User) -> list[str]:
    """Why ``mentor`` may not mentor in ``programme`` at all (empty when they may)."""
    problems = []
    if mentor.government_id != programme.government_id:
        problems.append(
            _("%(name)s bukan pegawai pemda ini; pendamping harus dari pemda yang sama.")
            % {"name": mentor.full_name}
        )
    elif not has_role(mentor, Role.MENTOR):
        problems.append(
            _(
                "%(name)s belum berperan pendamping; berikan peran pendamping di halaman "
                "Pengguna terlebih dahulu."
            )
            % {"name": mentor.full_name}
        )
    if not mentor.is_active:
        problems.append(_("Akun %(name)s tidak aktif.") % {"name": mentor.full_name})
    return problems


def mentor_problems(*, programme: Programme, team: Team, mentor: User) -> list[str]:
    """Why ``mentor`` may not mentor ``team`` in ``programme`` (empty when they may)."""
    problems = []
    if team.unit.government_id != programme.government_id:
        problems.append(
            _("Kelompok %(team)s bukan kelompok pemda penyelenggara program ini.")
            % {"team": team.name}
        )
    elif not team.is_active:
        problems.append(_("Kelompok %(team)s tidak aktif.") % {"team": team.name})
    elif programme.units.exists() and not programme.units.filter(pk=team.unit_id).exists():
        problems.append(_("Unit %(unit)s bukan peserta program ini.") % {"unit": team.unit.name})
    return problems + mentor_person_problems(programme=programme, mentor=mentor)


@transaction.atomic
def mentor_assign(
    *, actor: User, programme: Programme, team: Team, mentor: User
) -> MentorAssignment:
    """Make ``mentor`` the active mentor of ``team`` in ``programme``, ending any previous
    assignment. Keeps ``Risalah.mentor`` in sync when the team has a risalah, and notifies the
    mentor. Raises ValidationError (writing nothing) for a team or mentor of another
    government, a user without the mentor role, or the same mentor again."""
    problems = mentor_problems(programme=programme, team=team, mentor=mentor)
    if problems:
        raise ValidationError(problems)
    current = (
        MentorAssignment.objects.select_for_update()
        .select_related("mentor")
        .filter(programme=programme, team=team, active=True)
        .first()
    )
    if current is not None and current.mentor_id == mentor.pk:
        raise ValidationError(
            _("%(name)s sudah menjadi pendamping %(team)s.")
            % {"name": mentor.full_name, "team": team.name}
        )
    if current is not None:
        current.active = False
        current.ended_at = timezone.now()
        current.save(update_fields=["active", "ended_at"])
    assignment = MentorAssignment.objects.create(
        programme=programme, team=team, mentor=mentor, assigned_by=actor
    )
    audit.record(
        actor=actor,
        action="create",
        obj=assignment,
        government_id=programme.government_id,
        verb="mentor_assigned",
        changes={
            "pendamping": [current.mentor.full_name if current else None, mentor.full_name],
            "kelompok": [None, team.name],
            "program": [None, programme.name],
        },
    )
    risalah = Risalah.objects.filter(team=team, programme=programme).first()
    if risalah is not None:
        if risalah.mentor_id != mentor.pk:
            # The risalah service audits the change and notifies the mentor itself.
            risalah_assign_mentor(actor=actor, risalah=risalah, mentor=mentor)
    else:
        notify(
            [mentor],
            actor=actor,
            message=_(
                "Anda ditugaskan mendampingi %(team)s (%(unit)s) dalam %(programme)s; "
                "kelompok ini belum memulai risalah."
            )
            % {"team": team.name, "unit": team.unit.name, "programme": programme.name},
            url=_team_url(programme, team),
        )
    return assignment


@transaction.atomic
def mentor_unassign(*, actor: User, assignment: MentorAssignment) -> MentorAssignment:
    """End an active assignment; the team's risalah (if any) is left without a mentor."""
    assignment = MentorAssignment.objects.select_for_update().get(pk=assignment.pk)
    if not assignment.active:
        raise ValidationError(_("Penugasan ini sudah berakhir."))
    assignment.active = False
    assignment.ended_at = timezone.now()
    assignment.save(update_fields=["active", "ended_at"])
    programme = assignment.programme
    audit.record(
        actor=actor,
        action="update",
        obj=assignment,
        government_id=programme.government_id,
        verb="mentor_unassigned",
        changes={"aktif": [True, False]},
    )
    risalah = Risalah.objects.filter(
        team_id=assignment.team_id, programme=programme, mentor_id=assignment.mentor_id
    ).first()
    if risalah is not None:
        risalah_assign_mentor(actor=actor, risalah=risalah, mentor=None)
    return assignment


@transaction.atomic
def mentor_assign_lagging(
    *, actor: User, programme: Programme, team_ids: Sequence[int], mentors: Sequence[User]
) -> list[MentorAssignment]:
    """Assign the lagging teams ``team_ids`` (the dashboard's list of teams without a mentor:
    ``tulta.monitoring.selectors.lagging_team_ids``), sharing them out over ``mentors`` in turn.
    All mentors are checked first; nothing is written when one may not mentor."""
    if not mentors:
        raise ValidationError(_("Pilih sedikitnya satu pendamping."))
    problems = [
        p for mentor in mentors for p in mentor_person_problems(programme=programme, mentor=mentor)
    ]
    if problems:
        raise ValidationError(problems)
    teams = Team.objects.select_related("unit").in_bulk(team_ids)
    return [
        mentor_assign(
            actor=actor,
            programme=programme,
            team=teams[team_id],
            mentor=mentors[i % len(mentors)],
        )
        for i, team_id in enumerate(team_ids)
    ]


# --- sessions -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionSpec:
    description: str
    owner: User
    due_on: dt.date | None
    done: bool = False
    pk: int | None = None


SESSION_FIELDS = ("held_on", "mode", "place", "topic", "notes", "follow_up")


def _session_snapshot(session: MentoringSession) -> dict[str, Any]:
    return {
        **audit.snapshot(session, SESSION_FIELDS),
        "hadir": sorted(session.attendees.values_list("full_name", flat=True)),
        "tindakan": [
            f"{a.description} — {a.owner.full_name}, {a.due_on.isoformat()}"
            + (" (selesai)" if a.done else "")
            for a in session.actions.select_related("owner").order_by("due_on", "id")
        ],
    }


def _session_problems(
    *,
    programme: Programme,
    team: Team,
    mentor: User,
    fields: dict[str, Any],
    attendees: Sequence[User],
    actions: Sequence[ActionSpec],
) -> list[str]:
    problems = []
    if team.unit.government_id != programme.government_id:
        problems.append(_("Kelompok dan program harus dari pemda yang sama."))
    held_on = fields.get("held_on")
    if held_on is None:
        problems.append(_("Isi tanggal pendampingan."))
    elif held_on < programme.starts_on:
        problems.append(
            _("Tanggal pendampingan (%(date)s) sebelum program dimulai (%(start)s).")
            % {"date": tanggal(held_on), "start": tanggal(programme.starts_on)}
        )
    if not str(fields.get("topic", "")).strip():
        problems.append(_("Isi topik pendampingan."))
    if fields.get("mode") == MentoringSession.Mode.IN_PERSON and not fields.get("place", ""):
        problems.append(_("Isi tempat pendampingan tatap muka, atau pilih daring."))
    member_ids = set(Membership.objects.filter(team=team).values_list("user_id", flat=True))
    strangers = [p.full_name for p in attendees if p.pk not in member_ids]
    if strangers:
        problems.append(_("Bukan anggota kelompok: %(names)s.") % {"names": ", ".join(strangers)})
    for n, spec in enumerate(actions, 1):
        if not spec.description.strip():
            problems.append(_("Tindakan %(n)d: tulis apa yang disepakati.") % {"n": n})
        if spec.owner.pk not in member_ids and spec.owner.pk != mentor.pk:
            problems.append(
                _("Tindakan %(n)d: %(name)s bukan anggota kelompok atau pendampingnya.")
                % {"n": n, "name": spec.owner.full_name}
            )
        if spec.due_on is None:
            problems.append(_("Tindakan %(n)d: isi batas waktunya.") % {"n": n})
        elif held_on is not None and spec.due_on < held_on:
            problems.append(
                _("Tindakan %(n)d: batas waktu sebelum tanggal pendampingan.") % {"n": n}
            )
    return problems


@transaction.atomic
def session_save(
    *,
    actor: User,
    programme: Programme,
    team: Team,
    session: MentoringSession | None = None,
    attendees: Iterable[User] = (),
    actions: Sequence[ActionSpec] = (),
    **fields: Any,
) -> MentoringSession:
    """Record (or change) a mentoring session with its attendance and agreed actions.

    Actions carrying a ``pk`` update that action; the others are new; actions left out are
    removed. New actions notify their owner. Raises ValidationError (writing nothing) for a
    missing date, a date before the programme, attendees or owners outside the team, or an
    action without an owner or a due date.
    """
    people = list(attendees)
    creating = session is None
    if session is None:
        assignment = MentorAssignment.objects.filter(
            programme=programme, team=team, active=True
        ).first()
        mentor = actor if assignment is None else assignment.mentor
        before: dict[str, Any] = {}
    else:
        mentor = session.mentor
        before = _session_snapshot(session)
    problems = _session_problems(
        programme=programme,
        team=team,
        mentor=mentor,
        fields={**{f: getattr(session, f) for f in SESSION_FIELDS}, **fields}
        if session
        else fields,
        attendees=people,
        actions=actions,
    )
    if problems:
        raise ValidationError(problems)
    if session is None:
        session = MentoringSession(programme=programme, team=team, mentor=mentor, created_by=actor)
    for name, value in fields.items():
        setattr(session, name, value)
    session.full_clean()
    session.save()
    session.attendees.set(people)
    existing = {a.pk: a for a in session.actions.all()}
    kept: set[int] = set()
    new_actions = []
    for spec in actions:
        action = existing.get(spec.pk) if spec.pk else None
        if action is None:
            action = AgreedAction(session=session)
            new_actions.append(action)
        else:
            kept.add(action.pk)
        action.description = spec.description.strip()
        action.owner = spec.owner
        action.due_on = spec.due_on  # type: ignore[assignment]  # checked above
        action.done = spec.done
        action.save()
    session.actions.exclude(pk__in=kept | {a.pk for a in new_actions}).delete()
    audit.record(
        actor=actor,
        action="create" if creating else "update",
        obj=session,
        government_id=programme.government_id,
        changes=audit.diff(before, _session_snapshot(session)),
    )
    for action in new_actions:
        notify(
            [action.owner],
            actor=actor,
            message=_("Tindak lanjut pendampingan %(team)s: %(what)s (batas %(due)s).")
            % {"team": team.name, "what": action.description, "due": tanggal(action.due_on)},
            url=_team_url(programme, team),
            key=f"action:{action.pk}:assigned",
        )
    return session
