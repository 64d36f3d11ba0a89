"""What the monitoring app stores itself: which in-app notifications have gone out by email.

The notifications (and their idempotency keys) live in ``tulta.core``; a row here means the
notification was emailed, so ``send_reminders`` never emails the same notification twice.
"""

from __future__ import annotations

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
