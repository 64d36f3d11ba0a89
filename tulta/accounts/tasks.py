"""Background tasks of the accounts app (Django's tasks API; ``manage.py db_worker`` runs them in
production)."""

from __future__ import annotations

from django_tasks import task

from . import services


@task()
def send_invitation(user_id: int, invited_at: str, base_url: str = "") -> bool:
    """Email the invitation queued at ``invited_at``; False when it was no longer needed."""
    return services.user_invitation_deliver(
        user_id=user_id, invited_at=invited_at, base_url=base_url
    )
