"""Sending in-app notifications. Called from services inside their transaction."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils import timezone

from .models import Notification

if TYPE_CHECKING:  # core sits below accounts: the user model is named in type hints only
    from tulta.accounts.models import User


def notify(
    recipients: Iterable[User | None],
    *,
    actor: User | None,
    message: str,
    url: str = "",
    key: str | None = None,
) -> int:
    """Notify each distinct recipient except the actor; with ``key``, at most once per user.
    Returns how many notifications were created."""
    seen: set[int] = set()
    rows = []
    for user in recipients:
        if user is None or user.pk in seen or (actor is not None and user.pk == actor.pk):
            continue
        seen.add(user.pk)
        if key and Notification.objects.filter(recipient=user, key=key).exists():
            continue
        rows.append(
            Notification(
                recipient=user,
                actor=actor if getattr(actor, "pk", None) else None,
                message=message[:500],
                url=url,
                key=key,
            )
        )
    Notification.objects.bulk_create(rows)
    return len(rows)


def unread_for(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user, read_at=None)


def mark_read(user: User, ids: Iterable[int] | None = None) -> int:
    rows = unread_for(user)
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    return rows.update(read_at=timezone.now())
