"""Sending in-app notifications. Called from services inside their transaction."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils import timezone

from .models import Notification

if TYPE_CHECKING:  # core sits below accounts: the user model is named in type hints only
    from tulta.accounts.models import User


@dataclass(frozen=True)
class Notice:
    """One notice for one person, for :func:`notify_each`."""

    recipient: User | None
    message: str
    url: str = ""
    key: str | None = None


def notify_each(notices: Iterable[Notice], *, actor: User | None) -> int:
    """Create every notice in one ``INSERT`` (two queries when some carry a ``key``: the keys
    already sent are read first), whatever the number of recipients. A notice to nobody, to the
    actor, or repeating one already in ``notices`` is dropped; one whose ``(recipient, key)``
    exists is not created again. Returns how many were created.

    The insert also skips rows that collide on ``(recipient, key)`` (a concurrent run that got
    there first), so the database never holds a keyed notice twice; the count returned is then
    at most one too high for that run."""
    actor_pk = getattr(actor, "pk", None)
    wanted: list[tuple[User, Notice]] = []
    seen: set[tuple[int, str | None, str]] = set()
    for notice in notices:
        user = notice.recipient
        if user is None or user.pk == actor_pk:
            continue
        # A keyed notice is once per person; a keyless one once per person and message.
        identity = (user.pk, notice.key, "" if notice.key else notice.message)
        if identity in seen:
            continue
        seen.add(identity)
        wanted.append((user, notice))
    keys = {n.key for _user, n in wanted if n.key}
    sent: set[tuple[int, str | None]] = set()
    if keys:
        sent = set(
            Notification.objects.filter(
                key__in=keys, recipient_id__in={user.pk for user, n in wanted if n.key}
            ).values_list("recipient_id", "key")
        )
    rows = [
        Notification(
            recipient=user,
            actor=actor if actor_pk else None,
            message=n.message[:500],
            url=n.url,
            key=n.key or None,
        )
        for user, n in wanted
        if (user.pk, n.key) not in sent
    ]
    Notification.objects.bulk_create(rows, ignore_conflicts=bool(keys))
    return len(rows)


def notify(
    recipients: Iterable[User | None],
    *,
    actor: User | None,
    message: str,
    url: str = "",
    key: str | None = None,
) -> int:
    """Notify each distinct recipient except the actor; with ``key``, at most once per user.
    One ``INSERT`` for all of them (and one read of the keys already sent). Returns how many
    notifications were created."""
    return notify_each(
        (Notice(recipient=user, message=message, url=url, key=key) for user in recipients),
        actor=actor,
    )


def unread_for(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user, read_at=None)


def mark_read(user: User, ids: Iterable[int] | None = None) -> int:
    rows = unread_for(user)
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    return rows.update(read_at=timezone.now())
