"""Background tasks of the monitoring app (Django's tasks API; ``manage.py db_worker`` runs
them in production)."""

from __future__ import annotations

from django.conf import settings
from django_tasks import task

from .emails import notifications_email


@task()
def reminder_emails_send(notification_ids: list[int]) -> int:
    """Email the notices of an admin's reminder now, through the same digest and claim as the
    hourly job (a notice is emailed once, whoever sends it first). Returns the emails sent."""
    emails, _notices, _failures = notifications_email(
        notification_ids=notification_ids, base_url=getattr(settings, "SITE_URL", "")
    )
    return emails
