"""Changes to user accounts: creation by an admin, roles, passwords. Each is audited."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from tulta.core import audit

from .models import GRANTABLE_ROLES, RoleGrant, User

USER_FIELDS = ("email", "nip", "full_name", "position", "phone", "unit", "is_active")

# Letters and digits that cannot be confused when read aloud or from paper (no 0/O, 1/l/I).
_TEMP_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def temporary_password() -> str:
    """A one-time password an admin hands over; the user must change it at first sign-in."""
    groups = ["".join(secrets.choice(_TEMP_ALPHABET) for _ in range(4)) for _ in range(3)]
    return "-".join(groups)


def _roles_snapshot(user: User) -> list[str]:
    return sorted(user.role_grants.values_list("role", flat=True))


def _set_roles(user: User, roles: Iterable[str]) -> None:
    wanted = {r for r in roles if r in {g.value for g in GRANTABLE_ROLES}}
    user.role_grants.exclude(role__in=wanted).delete()
    have = set(user.role_grants.values_list("role", flat=True))
    RoleGrant.objects.bulk_create(RoleGrant(user=user, role=r) for r in sorted(wanted - have))


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    government_id: int | None,
    roles: Iterable[str] = (),
    password: str | None = None,
    invite: bool = False,
    **fields: Any,
) -> tuple[User, str | None]:
    """Create a user in ``government_id``. Without ``password`` a temporary one is generated,
    returned once, and must be changed at first sign-in; with ``invite`` the account gets no
    usable password and the person sets one through "Lupa kata sandi" (bulk import).
    Raises ValidationError and writes nothing then."""
    temp = None
    user = User(government_id=government_id, **fields)
    if invite:
        user.set_unusable_password()
    elif password is None:
        temp = temporary_password()
        user.set_password(temp)
        user.must_change_password = True
    else:
        user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    _set_roles(user, roles)
    audit.record(
        actor=actor,
        action="create",
        obj=user,
        government_id=government_id,
        verb="invited" if invite else "",
        changes={
            **audit.created(user, USER_FIELDS),
            "peran": [None, _roles_snapshot(user)],
        },
    )
    return user, temp


@transaction.atomic
def user_update(
    *, actor: User, user: User, roles: Iterable[str] | None = None, **fields: Any
) -> User:
    """Change a user's profile and (when given) their granted roles."""
    before = audit.snapshot(user, USER_FIELDS)
    before_roles = _roles_snapshot(user)
    for name, value in fields.items():
        setattr(user, name, value)
    user.full_clean(exclude=["password"])
    user.save()
    if roles is not None:
        _set_roles(user, roles)
    changes = audit.diff(before, audit.snapshot(user, USER_FIELDS))
    after_roles = _roles_snapshot(user)
    if after_roles != before_roles:
        changes["peran"] = [before_roles, after_roles]
    if changes:
        audit.record(
            actor=actor,
            action="update",
            obj=user,
            government_id=user.government_id,
            changes=changes,
        )
    return user


@transaction.atomic
def user_reset_password(*, actor: User, user: User) -> str:
    """Give ``user`` a new temporary password (returned once) and force a change at sign-in."""
    temp = temporary_password()
    user.set_password(temp)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    audit.record(
        actor=actor,
        action="update",
        obj=user,
        government_id=user.government_id,
        verb="password_reset_by_admin",
        changes={"kata_sandi": ["(lama)", "(sementara baru)"]},
    )
    return temp


@transaction.atomic
def user_password_changed(*, user: User) -> None:
    """Record that the user chose their own password; lifts the forced change."""
    if user.must_change_password:
        user.must_change_password = False
        user.save(update_fields=["must_change_password"])
    audit.record(
        actor=user,
        action="update",
        obj=user,
        government_id=user.government_id,
        verb="password_changed",
        changes={"kata_sandi": ["(lama)", "(baru)"]},
    )
