"""Emailing notifications: each person's unread notices that were never emailed, one digest
each, claimed (:class:`~tulta.monitoring.models.EmailedNotification`) in the same transaction as
the sending, so an email that fails is retried and one that went out is never repeated. Used by
the hourly job and by the task that emails an admin's reminder at once."""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from collections import defaultdict
from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from tulta.accounts.models import User
from tulta.core.models import Notification

from .models import EmailedNotification

logger = logging.getLogger(__name__)


def _absolute(url: str, base_url: str) -> str:
    if url.startswith("/") and base_url:
        return base_url.rstrip("/") + url
    return url


def _send_digest(recipient: User, items: Sequence[Notification], base_url: str) -> None:
    context = {
        "recipient": recipient,
        "items": [{"message": n.message, "url": _absolute(n.url, base_url)} for n in items],
        "count": len(items),
        "home": _absolute("/", base_url) if base_url else "",
    }
    subject = render_to_string("monitoring/email/digest_subject.txt", context).strip()
    body = render_to_string("monitoring/email/digest.txt", context)
    EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient.email],
    ).send(fail_silently=False)


def notifications_email(
    *,
    now: dt.datetime | None = None,
    window_days: int = 7,
    base_url: str = "",
    notification_ids: Sequence[int] | None = None,
) -> tuple[int, int, int]:
    """Email each person their unread notifications of the last ``window_days`` that were never
    emailed (only ``notification_ids`` when given), one digest each. Returns (emails sent,
    notifications emailed, failures)."""
    now = now or timezone.now()
    pending = (
        Notification.objects.filter(
            read_at=None,
            emailed__isnull=True,
            created_at__gte=now - dt.timedelta(days=window_days),
            recipient__is_active=True,
        )
        .exclude(recipient__email="")
        .select_related("recipient")
        .order_by("recipient_id", "created_at", "id")
    )
    if notification_ids is not None:
        pending = pending.filter(pk__in=list(notification_ids))
    by_recipient: dict[int, list[Notification]] = defaultdict(list)
    for item in pending:
        by_recipient[item.recipient_id].append(item)
    emails = notices = failures = 0
    for items in by_recipient.values():
        try:
            with transaction.atomic():
                # Claim first: a concurrent run that claimed any of these fails here and skips.
                EmailedNotification.objects.bulk_create(
                    [EmailedNotification(notification=n) for n in items]
                )
                _send_digest(items[0].recipient, items, base_url)
        except IntegrityError:
            continue
        except (smtplib.SMTPException, OSError):
            logger.exception("reminder email to user %s failed", items[0].recipient_id)
            failures += 1
            continue
        emails += 1
        notices += len(items)
    return emails, notices, failures
