"""Reads of the organisation model, always scoped to the viewing user's government."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from tulta.accounts.models import User

from .models import MAX_TEAM_MEMBERS, MIN_TEAM_MEMBERS, Membership, Team, Unit


def units_visible_to(user: User, *, kind: str = "", query: str = "") -> QuerySet[Unit]:
    if user.government_id is None:  # outside every government: nothing to see
        return Unit.objects.none()
    units = (
        Unit.objects.filter(government_id=user.government_id)
        .select_related("parent", "head")
        .annotate(
            team_count=Count("teams", filter=Q(teams__is_active=True), distinct=True),
        )
        .order_by("kind", "name")
    )
    if kind:
        units = units.filter(kind=kind)
    if query:
        units = units.filter(Q(name__icontains=query) | Q(parent__name__icontains=query))
    return units


def _ordered_memberships() -> Prefetch[Any]:
    return Prefetch(
        "memberships",
        queryset=Membership.objects.select_related("user").order_by("user__full_name"),
    )


def teams_visible_to(
    user: User,
    *,
    unit_kind: str = "",
    unit_id: int | None = None,
    query: str = "",
    active: bool | None = True,
) -> QuerySet[Team]:
    if user.government_id is None:  # outside every government: nothing to see
        return Team.objects.none()
    teams = (
        Team.objects.filter(unit__government_id=user.government_id)
        .select_related("unit")
        .annotate(member_count=Count("memberships", distinct=True))
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(role=Membership.Role.KETUA).select_related(
                    "user"
                ),
                to_attr="ketua_memberships",
            )
        )
        .order_by("unit__name", "name")
    )
    if unit_kind:
        teams = teams.filter(unit__kind=unit_kind)
    if unit_id:
        teams = teams.filter(unit_id=unit_id)
    if query:
        teams = teams.filter(Q(name__icontains=query) | Q(unit__name__icontains=query))
    if active is not None:
        teams = teams.filter(is_active=active)
    return teams


ROLE_ORDER = {"fasilitator": 0, "ketua": 1, "sekretaris": 2, "anggota": 3}


def team_members(team: Team) -> list[Membership]:
    rows = list(team.memberships.select_related("user", "user__unit"))
    rows.sort(key=lambda m: (ROLE_ORDER.get(m.role, 9), m.user.full_name))
    return rows


def team_attention(team: Team, member_count: int) -> list[str]:
    """What the team still has to sort out, in Indonesian, for the home and team pages."""
    notes = []
    if member_count < MIN_TEAM_MEMBERS or member_count > MAX_TEAM_MEMBERS:
        notes.append(
            _("Beranggotakan %(n)d orang (lazimnya %(min)d–%(max)d).")
            % {"n": member_count, "min": MIN_TEAM_MEMBERS, "max": MAX_TEAM_MEMBERS}
        )
    if not team.decree_number or not team.decree_date:
        notes.append(_("Nomor dan tanggal SK pembentukan belum diisi."))
    return notes


def teams_needing_attention(government_id: int) -> QuerySet[Team]:
    """Active teams whose data is incomplete: no SK yet, or a size outside 3–10 members."""
    return (
        Team.objects.filter(unit__government_id=government_id, is_active=True)
        .select_related("unit")
        .annotate(member_count=Count("memberships"))
        .filter(
            Q(member_count__lt=MIN_TEAM_MEMBERS)
            | Q(member_count__gt=MAX_TEAM_MEMBERS)
            | Q(decree_number="")
            | Q(decree_date=None)
        )
        .order_by("unit__name", "name")
    )


@dataclass(frozen=True)
class KindRow:
    kind: str
    label: str
    units: int
    units_without_team: int
    teams: int
    members: int


def government_summary(government_id: int) -> list[KindRow]:
    """Units, units without an active team, active teams and members per unit kind (4 queries)."""
    unit_rows = (
        Unit.objects.filter(government_id=government_id).values("kind").annotate(n=Count("id"))
    )
    units = {r["kind"]: r["n"] for r in unit_rows}
    with_team = dict(
        Unit.objects.filter(government_id=government_id, teams__is_active=True)
        .values("kind")
        .annotate(n=Count("id", distinct=True))
        .values_list("kind", "n")
    )
    teams = dict(
        Team.objects.filter(unit__government_id=government_id, is_active=True)
        .values("unit__kind")
        .annotate(n=Count("id"))
        .values_list("unit__kind", "n")
    )
    members = dict(
        Membership.objects.filter(team__unit__government_id=government_id, team__is_active=True)
        .values("team__unit__kind")
        .annotate(n=Count("user", distinct=True))
        .values_list("team__unit__kind", "n")
    )
    rows = []
    for kind, label in Unit.Kind.choices:
        n_units = units.get(kind, 0)
        rows.append(
            KindRow(
                kind=kind,
                label=str(label),
                units=n_units,
                units_without_team=n_units - with_team.get(kind, 0),
                teams=teams.get(kind, 0),
                members=members.get(kind, 0),
            )
        )
    return rows


def my_memberships(user: User) -> list[Membership]:
    return list(
        Membership.objects.filter(user=user, team__is_active=True)
        .select_related("team", "team__unit")
        .annotate(member_count=Count("team__memberships"))
        .order_by("team__name")
    )


def users_for_member_picker(government_id: int) -> QuerySet[User]:
    return (
        User.objects.filter(government_id=government_id, is_active=True)
        .exclude(nip=None)
        .select_related("unit")
        .only("nip", "full_name", "unit__name")
        .order_by("full_name")
    )
