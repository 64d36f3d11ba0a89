"""Who may see the national roll-up: platform operators (``is_superuser``) only.

Everyone else who is signed in gets 404 — the page does not exist for them, as with any object
of another government; anonymous visitors are sent to sign in (``login_required``).
"""

from __future__ import annotations

from django.http import Http404

from tulta.accounts.models import User


def can_view_national(user: User) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_superuser)


def require_national(user: User) -> None:
    """Raise 404 unless ``user`` is a platform operator."""
    if not can_view_national(user):
        raise Http404
