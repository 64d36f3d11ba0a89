"""Mentoring (pendampingan): which mentor helps which team in a programme, and the sessions they
hold with the team, with attendance and the actions agreed.

A team has at most one active mentor per programme. ``Risalah.mentor`` (who reviews the team's
steps) follows the active assignment; see ``services.mentor_assign``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MentorAssignment(models.Model):
    programme = models.ForeignKey(
        "risalah.Programme", on_delete=models.CASCADE, related_name="mentor_assignments"
    )
    team = models.ForeignKey(
        "organizations.Team", on_delete=models.CASCADE, related_name="mentor_assignments"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="mentor_assignments",
        verbose_name=_("pendamping"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    assigned_at = models.DateTimeField(_("ditugaskan"), auto_now_add=True)
    active = models.BooleanField(_("aktif"), default=True)
    ended_at = models.DateTimeField(_("berakhir"), null=True, blank=True)

    class Meta:
        verbose_name = _("penugasan pendamping")
        verbose_name_plural = _("penugasan pendamping")
        ordering = ["-assigned_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "team"],
                condition=models.Q(active=True),
                name="one_active_mentor_per_team_and_programme",
            ),
        ]
        indexes = [models.Index(fields=["mentor", "active"])]

    def __str__(self) -> str:
        return f"{self.mentor} → {self.team}"


class MentoringSession(models.Model):
    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("tatap muka")
        ONLINE = "online", _("daring")

    class FollowUp(models.TextChoices):
        OPEN = "open", _("belum ditindaklanjuti")
        IN_PROGRESS = "in_progress", _("sedang ditindaklanjuti")
        DONE = "done", _("selesai")

    programme = models.ForeignKey(
        "risalah.Programme", on_delete=models.CASCADE, related_name="mentoring_sessions"
    )
    team = models.ForeignKey(
        "organizations.Team", on_delete=models.CASCADE, related_name="mentoring_sessions"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="mentoring_sessions",
        verbose_name=_("pendamping"),
    )
    held_on = models.DateField(_("tanggal"))
    mode = models.CharField(_("cara"), max_length=12, choices=Mode.choices, default=Mode.IN_PERSON)
    place = models.CharField(
        _("tempat atau tautan"),
        max_length=300,
        blank=True,
        help_text=_("Ruang rapat untuk tatap muka; aplikasi atau tautan untuk daring."),
    )
    topic = models.CharField(_("topik"), max_length=300)
    notes = models.TextField(_("catatan"), blank=True)
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("hadir")
    )
    follow_up = models.CharField(
        _("tindak lanjut"), max_length=12, choices=FollowUp.choices, default=FollowUp.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("sesi pendampingan")
        verbose_name_plural = _("sesi pendampingan")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["programme", "team"])]

    def __str__(self) -> str:
        return f"{self.team} {self.held_on}: {self.topic}"


class AgreedAction(models.Model):
    """An action agreed in a session: what, who, by when, and whether it is done."""

    session = models.ForeignKey(MentoringSession, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("tindakan"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("penanggung jawab"),
    )
    due_on = models.DateField(_("batas waktu"))
    done = models.BooleanField(_("selesai"), default=False)

    class Meta:
        verbose_name = _("tindakan yang disepakati")
        verbose_name_plural = _("tindakan yang disepakati")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.description
