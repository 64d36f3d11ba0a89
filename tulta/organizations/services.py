"""Every change to units, teams and memberships goes through these services.

Each service takes the acting user, runs in one transaction, validates the whole change before
writing anything, and records an audit event with old and new values. Callers check permission
first (``permissions.py``); services guard the invariants (one ketua, no duplicate member,
nothing across governments).
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from tulta.accounts.models import User
from tulta.core import audit

from .models import MAX_TEAM_MEMBERS, MIN_TEAM_MEMBERS, Government, Membership, Team, Unit

UNIT_FIELDS = ("name", "kind", "parent", "head", "head_title", "address", "letterhead", "logo")
TEAM_FIELDS = ("unit", "name", "decree_number", "decree_date", "formed_on", "is_active")


@dataclass(frozen=True)
class MemberSpec:
    user: User
    role: str


@dataclass
class TeamResult:
    team: Team
    warnings: list[str] = field(default_factory=list)


def member_problems(members: Sequence[MemberSpec], government_id: int) -> list[str]:
    """What makes a member list invalid (empty when it is valid), in Indonesian."""
    problems: list[str] = []
    ketua = [m for m in members if m.role == Membership.Role.KETUA]
    if not ketua:
        problems.append(_("Kelompok harus memiliki tepat satu ketua; belum ada ketua."))
    elif len(ketua) > 1:
        names = ", ".join(m.user.full_name for m in ketua)
        problems.append(
            _("Kelompok hanya boleh memiliki satu ketua; tercatat %(n)d ketua: %(names)s.")
            % {"n": len(ketua), "names": names}
        )
    counts = Counter(m.user.pk for m in members)
    for member in members:
        if counts[member.user.pk] > 1:
            problems.append(
                _("%(name)s tercantum lebih dari sekali sebagai anggota.")
                % {"name": member.user.full_name}
            )
            counts[member.user.pk] = 0
        if member.user.government_id != government_id:
            problems.append(
                _("%(name)s bukan pegawai pemda ini.") % {"name": member.user.full_name}
            )
    return problems


def member_warnings(members: Sequence[MemberSpec]) -> list[str]:
    n = len(members)
    if n < MIN_TEAM_MEMBERS or n > MAX_TEAM_MEMBERS:
        return [
            _("Kelompok beranggotakan %(n)d orang; KBK lazimnya %(min)d–%(max)d orang.")
            % {"n": n, "min": MIN_TEAM_MEMBERS, "max": MAX_TEAM_MEMBERS}
        ]
    return []


def _members_snapshot(team: Team) -> list[str]:
    rows = team.memberships.select_related("user").order_by("role", "user__full_name")
    return [f"{m.user.full_name} ({m.get_role_display()})" for m in rows]


def _replace_members(team: Team, members: Sequence[MemberSpec]) -> None:
    wanted = {m.user.pk: m.role for m in members}
    existing = {m.user_id: m for m in team.memberships.all()}
    removed = [pk for pk in existing if pk not in wanted]
    team.memberships.filter(user_id__in=removed).delete()
    # Demote any current ketua first so the one-ketua constraint holds at every statement.
    for pk, membership in existing.items():
        if pk in wanted and membership.role != wanted[pk] and membership.role == "ketua":
            membership.role = wanted[pk]
            membership.save(update_fields=["role"])
    for pk, role in wanted.items():
        current = existing.get(pk)
        if current is None:
            Membership.objects.create(team=team, user_id=pk, role=role)
        elif current.role != role:
            current.role = role
            current.save(update_fields=["role"])


def _check_members(members: Sequence[MemberSpec], government_id: int) -> None:
    problems = member_problems(members, government_id)
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def team_create(
    *, actor: User, unit: Unit, members: Sequence[MemberSpec], **fields: Any
) -> TeamResult:
    """Create a team with its members. Raises ValidationError; writes nothing then."""
    _check_members(members, unit.government_id)
    team = Team(unit=unit, **fields)
    team.full_clean()
    team.save()
    _replace_members(team, members)
    audit.record(
        actor=actor,
        action="create",
        obj=team,
        government_id=unit.government_id,
        changes={
            **audit.created(team, TEAM_FIELDS),
            "anggota": [None, _members_snapshot(team)],
        },
    )
    return TeamResult(team=team, warnings=member_warnings(members))


@transaction.atomic
def team_update(
    *, actor: User, team: Team, members: Sequence[MemberSpec] | None = None, **fields: Any
) -> TeamResult:
    """Change a team's fields and (when given) replace its member list, atomically."""
    team = Team.objects.select_for_update().select_related("unit").get(pk=team.pk)
    government_id = team.unit.government_id
    new_unit = fields.get("unit")
    if new_unit is not None and new_unit.government_id != government_id:
        raise ValidationError({"unit": _("Unit harus dari pemda yang sama.")})
    before = audit.snapshot(team, TEAM_FIELDS)
    before_members = _members_snapshot(team)
    for name, value in fields.items():
        setattr(team, name, value)
    team.full_clean()
    if members is not None:
        _check_members(members, government_id)
    team.save()
    if members is not None:
        _replace_members(team, members)
    changes = audit.diff(before, audit.snapshot(team, TEAM_FIELDS))
    after_members = _members_snapshot(team)
    if after_members != before_members:
        changes["anggota"] = [before_members, after_members]
    if changes:
        audit.record(
            actor=actor,
            action="update",
            obj=team,
            government_id=government_id,
            changes=changes,
        )
    current = [MemberSpec(m.user, m.role) for m in team.memberships.select_related("user")]
    return TeamResult(team=team, warnings=member_warnings(current))


@transaction.atomic
def unit_create(*, actor: User, government: Government, logo: Any = None, **fields: Any) -> Unit:
    """Create a unit of ``government``. ``logo``: an uploaded image (re-encoded as PNG without
    metadata) or None. Writes the unit and an audit event; raises ValidationError for invalid
    fields or a logo that is not an image."""
    unit = Unit(government=government, **fields)
    unit.full_clean()
    _set_unit_logo(unit, logo)
    unit.save()
    audit.record(
        actor=actor,
        action="create",
        obj=unit,
        government_id=government.pk,
        changes=audit.created(unit, UNIT_FIELDS),
    )
    return unit


@transaction.atomic
def unit_update(*, actor: User, unit: Unit, logo: Any = None, **fields: Any) -> Unit:
    """Change ``unit``'s fields. ``logo``: a new uploaded image, False to remove the unit's own
    logo (the pemda's is used again), None to keep it. Writes the unit and an audit event of
    what changed; raises ValidationError as :func:`unit_create`."""
    before = audit.snapshot(unit, UNIT_FIELDS)
    for name, value in fields.items():
        setattr(unit, name, value)
    unit.full_clean()
    _set_unit_logo(unit, logo)
    unit.save()
    changes = audit.diff(before, audit.snapshot(unit, UNIT_FIELDS))
    if changes:
        audit.record(
            actor=actor,
            action="update",
            obj=unit,
            government_id=unit.government_id,
            changes=changes,
        )
    return unit


@transaction.atomic
def team_delete(*, actor: User, team: Team) -> None:
    """Delete a team and its memberships; the audit event keeps what it was. A team that has
    composed a risalah keeps its history: refused with ValidationError (deactivate it instead)."""
    if team.risalah_set.exists():
        raise ValidationError(
            _(
                "Kelompok %(name)s sudah memiliki risalah sehingga tidak dapat dihapus; "
                "nonaktifkan kelompoknya bila tidak lagi berjalan."
            )
            % {"name": team.name}
        )
    government_id = team.unit.government_id
    changes = {
        **audit.deleted(team, TEAM_FIELDS),
        "anggota": [_members_snapshot(team), None],
    }
    audit.record(
        actor=actor, action="delete", obj=team, government_id=government_id, changes=changes
    )
    team.memberships.all().delete()
    team.delete()


@transaction.atomic
def unit_delete(*, actor: User, unit: Unit) -> None:
    """Delete a unit that has no teams and no sub-units; raises ValidationError otherwise."""
    if unit.teams.exists():
        raise ValidationError(
            _("Unit ini masih memiliki kelompok; hapus atau pindahkan kelompoknya dulu.")
        )
    if unit.children.exists():
        raise ValidationError(
            _("Unit ini masih menjadi induk unit lain; ubah unit induk mereka dulu.")
        )
    audit.record(
        actor=actor,
        action="delete",
        obj=unit,
        government_id=unit.government_id,
        changes=audit.deleted(unit, UNIT_FIELDS),
    )
    unit.staff.update(unit=None)
    unit.delete()


@transaction.atomic
def government_update(
    *, actor: User, government: Government, logo: Any, letterhead: str, time_zone: str = ""
) -> Government:
    """Set the logo (re-encoded as PNG without metadata), the letterhead lines and the time
    zone (one of ``Government.TimeZone``; empty keeps it)."""
    fields = ("logo", "letterhead", "time_zone")
    before = audit.snapshot(government, fields)
    government.letterhead = letterhead.strip()
    if time_zone:
        if time_zone not in Government.TimeZone.values:
            raise ValidationError({"time_zone": _("Zona waktu tidak dikenal.")})
        government.time_zone = time_zone
    if logo is False:  # the "clear" checkbox
        government.logo = None
    elif logo and hasattr(logo, "read"):
        government.logo.save("logo.png", ContentFile(_logo_png(logo.read())), save=False)
    government.save()
    audit.record(
        actor=actor,
        action="update",
        obj=government,
        government_id=government.pk,
        changes=audit.diff(before, audit.snapshot(government, fields)),
    )
    return government


def _set_unit_logo(unit: Unit, logo: Any) -> None:
    if logo is False:  # the "clear" checkbox
        unit.logo = None
    elif logo and hasattr(logo, "read"):
        unit.logo.save("logo.png", ContentFile(_logo_png(logo.read())), save=False)


def _logo_png(data: bytes) -> bytes:
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            picture = image.convert("RGBA")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("Logo harus gambar PNG atau JPEG yang utuh.")) from exc
    picture.thumbnail((800, 800))
    out = io.BytesIO()
    picture.save(out, "PNG", optimize=True)
    return out.getvalue()
