"""Who may see and do what with programmes and risalah. One function per question, one
fetch-and-check helper per object: 404 for outsiders, 403 for insiders without the right.

- Team members write their team's risalah (and the programme admin may too).
- The unit head (of the team's unit or a parent unit) and the assigned mentor comment and review;
  the programme admin does everything within the government.
- Leadership reads everything in the government. Nobody else sees a risalah.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404

from tulta.accounts.models import Role, User
from tulta.core import sql
from tulta.organizations.models import Membership, Team
from tulta.organizations.permissions import (
    has_role,
    headed_unit_ids,
    in_government,
    is_programme_admin,
)

from .models import Programme, Risalah, RisalahStep

STARTER_ROLES = (Membership.Role.KETUA, Membership.Role.SEKRETARIS, Membership.Role.FASILITATOR)


def member_role(user: User, team_id: int) -> str | None:
    """The user's role in the team (a ``Membership.Role`` value), or None for a non-member.
    One query per user and request, cached on the user object; other apps ask this too."""
    cache = getattr(user, "_tulta_team_roles", None)
    if cache is None:
        cache = dict(sql.fetch(_memberships_sql(connection.vendor), [user.pk]))
        setattr(user, "_tulta_team_roles", cache)  # noqa: B010 - an ad-hoc cache attribute User does not declare
    return cache.get(team_id)


@functools.cache
def _memberships_sql(vendor: str) -> str:
    """The teams a user belongs to, with the role in each (see ``tulta.core.sql``)."""
    return (
        f"SELECT {sql.column(Membership, 'team')}, {sql.column(Membership, 'role')} "  # noqa: S608
        f"FROM {sql.table(Membership)} WHERE {sql.column(Membership, 'user')} = %s"
    )


def is_team_member(user: User, team: Team) -> bool:
    return member_role(user, team.pk) is not None


def _gov(risalah: Risalah) -> int:
    return risalah.team.unit.government_id


def can_view_programmes(user: User, government_id: int) -> bool:
    return in_government(user, government_id)


def can_manage_programmes(user: User) -> bool:
    return is_programme_admin(user)


def can_start_risalah(user: User, team: Team) -> bool:
    if not in_government(user, team.unit.government_id) or not team.is_active:
        return False
    return is_programme_admin(user) or member_role(user, team.pk) in STARTER_ROLES


def is_reviewer(user: User, risalah: Risalah) -> bool:
    if not in_government(user, _gov(risalah)):
        return False
    return (
        is_programme_admin(user)
        or (risalah.mentor_id is not None and risalah.mentor_id == user.pk)
        or risalah.team.unit_id in headed_unit_ids(user)
    )


def can_review_step(user: User, risalah: Risalah) -> bool:
    """Whether ``user`` may approve or return a step of ``risalah``: a reviewer (admin, assigned
    mentor, unit head) who is not a member of the team. Whoever belongs to the team never
    reviews its steps, whatever other role they hold; those steps go to another reviewer."""
    return is_reviewer(user, risalah) and not is_team_member(user, risalah.team)


def can_view_risalah(user: User, risalah: Risalah) -> bool:
    if not in_government(user, _gov(risalah)):
        return False
    return (
        has_role(user, Role.LEADERSHIP)
        or is_team_member(user, risalah.team)
        or is_reviewer(user, risalah)
    )


def can_write_risalah(user: User, risalah: Risalah) -> bool:
    if not in_government(user, _gov(risalah)):
        return False
    return is_programme_admin(user) or is_team_member(user, risalah.team)


def can_comment(user: User, risalah: Risalah) -> bool:
    return can_write_risalah(user, risalah) or is_reviewer(user, risalah)


def can_assign_mentor(user: User, risalah: Risalah) -> bool:
    return in_government(user, _gov(risalah)) and is_programme_admin(user)


def get_programme_for_user(user: User, pk: int, *, write: bool = False) -> Programme:
    programme = Programme.objects.select_related("method", "government").filter(pk=pk).first()
    if programme is None or not can_view_programmes(user, programme.government_id):
        raise Http404
    if write and not can_manage_programmes(user):
        raise PermissionDenied
    return programme


# What every risalah page shows or checks, fetched with the risalah in one query.
RISALAH_RELATED = (
    "team",
    "team__unit",
    "team__unit__government",
    "programme",
    "programme__method",
    "mentor",
)


def get_risalah_for_user(user: User, pk: int, *, write: bool = False) -> Risalah:
    try:
        risalah = Risalah.objects.select_related(*RISALAH_RELATED).get(pk=pk)
    except Risalah.DoesNotExist:
        raise Http404 from None
    if not can_view_risalah(user, risalah):
        raise Http404
    if write and not can_write_risalah(user, risalah):
        raise PermissionDenied
    return risalah


# A step page shows all of these; saving a step needs only what the permission questions and
# the step services read (the autosave, the busiest request, fetches no more than that).
STEP_PAGE_RELATED = (
    "method_step",
    "updated_by",
    "reviewed_by",
    "risalah",
    *(f"risalah__{name}" for name in RISALAH_RELATED),
)
STEP_SAVE_RELATED = ("method_step", "risalah__team__unit", "risalah__programme")


def get_step_for_user(
    user: User,
    risalah_pk: int,
    number: int,
    *,
    check: Callable[[Any, Risalah], bool] | None = None,
    related: Sequence[str] = STEP_PAGE_RELATED,
) -> RisalahStep:
    """The step, with its risalah, for a user who may see that risalah (else 404, also when the
    risalah has no such step); with ``check`` (e.g. ``can_write_risalah``, ``can_review_step``) a
    user who fails it gets 403. One query (steps are the most requested objects), fetching the
    ``related`` objects with it; anything else is loaded when used."""
    try:
        # get(), not first(): no ORDER BY to compile for a row that is unique anyway.
        step = RisalahStep.objects.select_related(*related).get(
            risalah_id=risalah_pk, number=number
        )
    except RisalahStep.DoesNotExist:
        raise Http404 from None
    if not can_view_risalah(user, step.risalah):
        raise Http404
    if check is not None and not check(user, step.risalah):
        raise PermissionDenied
    return step
