"""Who may download risalah documents and programme books.

Risalah documents follow the risalah: whoever may see a risalah may download its PDF and Word
files (``tulta.risalah.permissions.get_risalah_for_user``; 404 for everyone else). Programme books
are for the programme admin and the government's leadership; other users of the government get
403, users of another government 404. Only the programme admin starts building a book.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from tulta.accounts.models import Role, User
from tulta.organizations.permissions import has_role, in_government, is_programme_admin
from tulta.risalah.models import Programme
from tulta.risalah.permissions import get_programme_for_user


def can_view_books(user: User, programme: Programme) -> bool:
    return in_government(user, programme.government_id) and (
        is_programme_admin(user) or has_role(user, Role.LEADERSHIP)
    )


def can_build_books(user: User, programme: Programme) -> bool:
    return in_government(user, programme.government_id) and is_programme_admin(user)


def get_programme_for_books(user: User, pk: int, *, build: bool = False) -> Programme:
    """The programme whose books ``user`` may see (and, with ``build``, start): 404 outside the
    government, 403 inside it without the role."""
    programme = get_programme_for_user(user, pk)
    if not can_view_books(user, programme):
        raise PermissionDenied
    if build and not can_build_books(user, programme):
        raise PermissionDenied
    return programme
