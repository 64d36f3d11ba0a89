"""What the monitoring app stores itself: which in-app notifications have gone out by email,
and what each person was reminded of (by the hourly job or by an admin), which is also the
reminder log.

The notifications (and their idempotency keys) live in ``tulta.core``; an
``EmailedNotification`` means the notification was emailed, so no notification is emailed twice.
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
    reminder never comes twice, however the group's risalah changes in between.

    An admin's reminder from the dashboard (``services.reminder_send``) records the deadline
    items it listed the same way (so the hourly job does not repeat them) plus one row for the
    send itself, ``manual:team<t>:programme<p>:<stamp>`` (or ``…:whatsapp`` for the chair on the
    WhatsApp list). ``sent_by`` is empty for the hourly job; ``notification`` is the notice the
    item went out in (its email, if any, is its ``EmailedNotification``)."""

    class Channel(models.TextChoices):
        IN_APP = "in_app", _("aplikasi dan email")
        WHATSAPP = "whatsapp", _("daftar WhatsApp")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(max_length=200)
    sent_at = models.DateTimeField(_("diingatkan pada"), auto_now_add=True)
    programme = models.ForeignKey(
        "risalah.Programme", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    team = models.ForeignKey(
        "organizations.Team", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    channel = models.CharField(
        _("saluran"), max_length=20, choices=Channel.choices, default=Channel.IN_APP
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dikirim oleh"),
    )
    notification = models.ForeignKey(
        "core.Notification", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("pengingat terkirim")
        verbose_name_plural = _("pengingat terkirim")
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="reminder_once_per_person"),
        ]
        indexes = [
            models.Index(fields=["programme", "team", "sent_at"], name="reminder_team_sent"),
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id}: {self.key}"
