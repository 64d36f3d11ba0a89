"""Who may see and change what, in one place.

Every question is one function; every object has one fetch-and-check helper that HTML views,
exports and (later) the API all use. Outsiders — anyone of another government, or with no
government — get 404 (the object does not exist for them); insiders who may see but not change
get 403.

Roles (see ``tulta.accounts.models.Role``): granted ones come from ``RoleGrant``; ``unit_head``
follows from heading a unit; ``team_member`` from belonging to an active team.
"""

from __future__ import annotations

import functools

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404

from tulta.accounts.models import Role, RoleGrant, User
from tulta.core import sql

from .models import Membership, Team, Unit

_ROLES_CACHE = "_tulta_roles"
_HEADED_CACHE = "_tulta_headed_unit_ids"


def user_roles(user: User) -> frozenset[str]:
    """The roles ``user`` holds now, granted and derived; cached on the user object."""
    if not getattr(user, "is_authenticated", False) or user.government_id is None:
        return frozenset()
    cached = getattr(user, _ROLES_CACHE, None)
    if cached is not None:
        return cached
    rows = sql.fetch(_roles_sql(connection.vendor), [user.pk, user.pk, user.pk])
    result = frozenset(role for (role,) in rows)
    setattr(user, _ROLES_CACHE, result)
    return result


@functools.cache
def _roles_sql(vendor: str) -> str:
    """One statement for all of a user's roles: the granted ones, then unit head and team member
    when they hold (see ``tulta.core.sql``)."""
    col = sql.column
    # The two role names are constants; the user's id is the only value, and it is a parameter.
    return (
        f"SELECT {col(RoleGrant, 'role')} FROM {sql.table(RoleGrant)} "  # noqa: S608
        f"WHERE {col(RoleGrant, 'user')} = %s "
        f"UNION ALL SELECT '{Role.UNIT_HEAD.value}' WHERE EXISTS "
        f"(SELECT 1 FROM {sql.table(Unit)} WHERE {col(Unit, 'head')} = %s) "
        f"UNION ALL SELECT '{Role.TEAM_MEMBER.value}' WHERE EXISTS "
        f"(SELECT 1 FROM {sql.table(Membership)} INNER JOIN {sql.table(Team)} "
        f"ON {col(Team, 'id')} = {col(Membership, 'team')} "
        f"WHERE {col(Membership, 'user')} = %s AND {col(Team, 'is_active')})"
    )


def forget_cached_roles(user: User) -> None:
    for name in (_ROLES_CACHE, _HEADED_CACHE):
        if hasattr(user, name):
            delattr(user, name)


def has_role(user: User, role: str) -> bool:
    return role in user_roles(user)


def is_programme_admin(user: User) -> bool:
    return has_role(user, Role.PROGRAMME_ADMIN)


def in_government(user: User, government_id: int | None) -> bool:
    """True when ``user`` is an active member of the government ``government_id``."""
    return (
        getattr(user, "is_authenticated", False)
        and user.government_id is not None
        and user.government_id == government_id
    )


def headed_unit_ids(user: User) -> frozenset[int]:
    """The units ``user`` heads, with all their sub-units (e.g. kelurahan under a kecamatan)."""
    cached = getattr(user, _HEADED_CACHE, None)
    if cached is not None:
        return cached
    result: set[int] = set()
    if getattr(user, "is_authenticated", False) and user.government_id is not None:
        frontier = set(user.headed_units.values_list("pk", flat=True))
        while frontier:
            result |= frontier
            frontier = (
                set(Unit.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
                - result
            )
    frozen = frozenset(result)
    setattr(user, _HEADED_CACHE, frozen)
    return frozen


# --- questions -------------------------------------------------------------------------------


def can_view_unit(user: User, unit: Unit) -> bool:
    return in_government(user, unit.government_id)


def can_manage_units(user: User) -> bool:
    return is_programme_admin(user)


def can_view_team(user: User, team: Team) -> bool:
    return in_government(user, team.unit.government_id)


def can_create_team_in(user: User, unit: Unit) -> bool:
    if not in_government(user, unit.government_id):
        return False
    return is_programme_admin(user) or unit.pk in headed_unit_ids(user)


def can_create_any_team(user: User) -> bool:
    return is_programme_admin(user) or bool(headed_unit_ids(user))


def can_edit_team(user: User, team: Team) -> bool:
    if not in_government(user, team.unit.government_id):
        return False
    if is_programme_admin(user) or team.unit_id in headed_unit_ids(user):
        return True
    return Membership.objects.filter(
        team=team,
        user=user,
        role__in=[Membership.Role.KETUA, Membership.Role.FASILITATOR],
    ).exists()


def can_delete_team(user: User, team: Team) -> bool:
    if not in_government(user, team.unit.government_id):
        return False
    return is_programme_admin(user) or team.unit_id in headed_unit_ids(user)


def can_manage_users(user: User) -> bool:
    return is_programme_admin(user)


def can_import(user: User) -> bool:
    return is_programme_admin(user)


def can_view_history(user: User, government_id: int | None) -> bool:
    return in_government(user, government_id) and is_programme_admin(user)


# --- fetch and check --------------------------------------------------------------------------


def get_unit_for_user(user: User, pk: int, *, write: bool = False) -> Unit:
    unit = Unit.objects.select_related("parent", "head", "government").filter(pk=pk).first()
    if unit is None or not can_view_unit(user, unit):
        raise Http404
    if write and not can_manage_units(user):
        raise PermissionDenied
    return unit


def get_team_for_user(user: User, pk: int, *, write: bool = False) -> Team:
    team = Team.objects.select_related("unit", "unit__government").filter(pk=pk).first()
    if team is None or not can_view_team(user, team):
        raise Http404
    if write and not can_edit_team(user, team):
        raise PermissionDenied
    return team


def get_managed_user(user: User, pk: int) -> User:
    """A user of the admin's own government, for user management."""
    target = User.objects.filter(pk=pk).first()
    if target is None or not in_government(user, target.government_id):
        raise Http404
    if not can_manage_users(user):
        raise PermissionDenied
    return target
