"""What the monitoring app stores itself: which in-app notifications have gone out by email.

The notifications (and their idempotency keys) live in ``tulta.core``; a row here means the
notification was emailed, so ``send_reminders`` never emails the same notification twice.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailedNotification(models.Model):
    notification = models.OneToOneField(
        "core.Notification",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="emailed",
    )
    emailed_at = models.DateTimeField(_("dikirim lewat email"), auto_now_add=True)

    class Meta:
        verbose_name = _("pemberitahuan terkirim lewat email")
        verbose_name_plural = _("pemberitahuan terkirim lewat email")

    def __str__(self) -> str:
        return f"{self.notification_id} @ {self.emailed_at:%Y-%m-%d %H:%M}"


class SentReminder(models.Model):
    """One thing a person was reminded of, by what it is about: ``deadline:team<t>:programme<p>:
    step<n>:<due>:<soon|passed>``, whatever the group's state (started or not). A run gathers
    what is new for each person into one digest notice and records each item here, so the same
    reminder never comes twice, however the group's risalah changes in between."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(max_length=200)
    sent_at = models.DateTimeField(_("diingatkan pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("pengingat terkirim")
        verbose_name_plural = _("pengingat terkirim")
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="reminder_once_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id}: {self.key}"
