"""What the documents app keeps: the files frozen when a risalah becomes final, and programme
books built in the background.

A frozen document is written once, at final submission, and never changed: judges read exactly
the bytes that were submitted, and its SHA-256 proves it. A programme book is a request to merge
every final risalah of a programme into one PDF; a task worker fills in its progress and file.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word (DOCX)"


CONTENT_TYPES = {
    DocumentFormat.PDF: "application/pdf",
    DocumentFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


class FrozenDocument(models.Model):
    """One format of a final risalah, as submitted. Written only by
    :func:`tulta.documents.services.freeze_risalah_documents`."""

    risalah = models.ForeignKey(
        "risalah.Risalah", on_delete=models.CASCADE, related_name="frozen_documents"
    )
    format = models.CharField(_("format"), max_length=8, choices=DocumentFormat.choices)
    file = models.FileField(upload_to="risalah-final/%Y/")
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("dokumen risalah final")
        verbose_name_plural = _("dokumen risalah final")
        ordering = ["risalah", "-format"]  # PDF first, then Word
        constraints = [
            models.UniqueConstraint(
                fields=["risalah", "format"], name="one_frozen_document_per_format"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.risalah} ({self.format})"

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[DocumentFormat(self.format)]


class ProgrammeBook(models.Model):
    """All final risalah of a programme in one PDF, built by a background task."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("menunggu giliran")
        RUNNING = "running", _("sedang disusun")
        DONE = "done", _("selesai")
        FAILED = "failed", _("gagal")

    programme = models.ForeignKey(
        "risalah.Programme", on_delete=models.CASCADE, related_name="books"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, help_text="0–100")
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="buku-program/%Y/", blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("buku program")
        verbose_name_plural = _("buku program")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="book_progress_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        """Still queued or running: the page keeps polling."""
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)
