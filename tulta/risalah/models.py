"""Programmes, methods (step lists as data), risalah and their steps, versions, comments,
meetings and attachments.

A method is a list of steps. Seeded methods (TULTA, 7 steps; DELTA, 8 steps) belong to no
government and serve as templates; an admin copies one into their government to adjust it. A
programme (one per government per period) uses one method; a team's risalah in that programme
has one ``RisalahStep`` per method step.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Method(models.Model):
    government = models.ForeignKey(
        "organizations.Government",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="methods",
        help_text=_("Kosong untuk metode bawaan yang dapat disalin semua pemda."),
    )
    code = models.SlugField(_("kode"), max_length=40)
    name = models.CharField(_("nama metode"), max_length=150)
    description = models.TextField(_("keterangan"), blank=True)
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("metode")
        verbose_name_plural = _("metode")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["government", "code"], name="method_code_unique_in_government"
            ),
            models.UniqueConstraint(
                fields=["code"],
                condition=models.Q(government=None),
                name="template_method_code_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class MethodStep(models.Model):
    """One step of a method. ``requirements`` lists the sections the step must contain before
    it can be submitted: ``[{"code": "tema", "label": "Tema terpilih", "help": "..."}]``;
    ``suggested_tools`` lists tool codes (``"pareto"``, ``"fishbone"``, ...)."""

    method = models.ForeignKey(Method, on_delete=models.CASCADE, related_name="steps")
    number = models.PositiveSmallIntegerField(_("nomor langkah"))
    title = models.CharField(_("judul langkah"), max_length=200)
    guidance = models.TextField(_("panduan"), blank=True)
    requirements = models.JSONField(_("isi wajib"), default=list, blank=True)
    suggested_tools = models.JSONField(_("alat yang disarankan"), default=list, blank=True)

    class Meta:
        verbose_name = _("langkah metode")
        verbose_name_plural = _("langkah metode")
        ordering = ["method", "number"]
        constraints = [
            models.UniqueConstraint(fields=["method", "number"], name="step_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


def default_follow_up_months() -> list[int]:
    """Six and twelve months after final: the improvement is measured again twice."""
    return [6, 12]


class Programme(models.Model):
    government = models.ForeignKey(
        "organizations.Government", on_delete=models.CASCADE, related_name="programmes"
    )
    name = models.CharField(_("nama program"), max_length=200)
    year = models.PositiveSmallIntegerField(_("tahun"))
    method = models.ForeignKey(
        Method, on_delete=models.PROTECT, related_name="programmes", verbose_name=_("metode")
    )
    starts_on = models.DateField(_("tanggal mulai"))
    ends_on = models.DateField(_("tanggal selesai"))
    is_open = models.BooleanField(
        _("terbuka"), default=True, help_text=_("Kelompok hanya dapat menulis selama terbuka.")
    )
    sequential = models.BooleanField(
        _("langkah berurutan"),
        default=True,
        help_text=_("Langkah berikutnya terbuka setelah langkah sebelumnya disetujui."),
    )
    units = models.ManyToManyField(
        "organizations.Unit",
        blank=True,
        related_name="programmes",
        verbose_name=_("unit peserta"),
        help_text=_("Unit yang wajib ikut. Kosong berarti semua unit."),
    )
    follow_up_months = models.JSONField(
        _("pengukuran ulang (bulan setelah final)"),
        default=default_follow_up_months,
        blank=True,
        help_text=_(
            "Kapan kelompok mengukur ulang indikator yang membaik, dalam bulan setelah risalah "
            "final; misalnya 6, 12."
        ),
    )
    finance_verifiers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="finance_programmes",
        verbose_name=_("verifikator keuangan (BPKAD)"),
        help_text=_(
            "Bila diisi, manfaat yang diajukan kelompok baru terverifikasi setelah kepala unit "
            "dan salah satu verifikator keuangan ini memeriksanya."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("program")
        ordering = ["-year", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["government", "name"], name="programme_name_unique_in_government"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="programme_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("Tanggal selesai harus sesudah tanggal mulai.")})
        if self.method_id and self.method.government_id not in (None, self.government_id):
            raise ValidationError({"method": _("Metode harus milik pemda ini atau bawaan.")})


class StepDeadline(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="deadlines")
    step_number = models.PositiveSmallIntegerField(_("langkah"))
    due_on = models.DateField(_("batas waktu"))

    class Meta:
        ordering = ["programme", "step_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "step_number"], name="one_deadline_per_step"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme} langkah {self.step_number}: {self.due_on}"


class Risalah(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("sedang disusun")
        FINAL = "final", _("final")

    class Direction(models.TextChoices):
        LOWER = "lower", _("makin kecil makin baik")
        HIGHER = "higher", _("makin besar makin baik")

    team = models.ForeignKey(
        "organizations.Team", on_delete=models.PROTECT, related_name="risalah_set"
    )
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="risalah_set")
    tema = models.CharField(_("tema"), max_length=300)
    judul = models.CharField(
        _("judul"),
        max_length=400,
        help_text=_(
            "Tulis sebagai sasaran terukur, misalnya: Menurunkan waktu tunggu pelayanan KTP "
            "dari 45 menjadi 15 menit pada Juni 2026."
        ),
    )
    indicator_name = models.CharField(
        _("indikator"), max_length=200, blank=True, help_text=_("Contoh: waktu tunggu KTP-el")
    )
    indicator_unit = models.CharField(
        _("satuan indikator"), max_length=40, blank=True, help_text=_("menit, hari, %, Rp, …")
    )
    indicator_direction = models.CharField(
        _("arah perbaikan"), max_length=8, choices=Direction.choices, default=Direction.LOWER
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentored_risalah",
        verbose_name=_("pendamping"),
    )
    state = models.CharField(max_length=8, choices=State.choices, default=State.DRAFT)
    finalized_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("risalah")
        verbose_name_plural = _("risalah")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "programme"], name="one_risalah_per_team_and_programme"
            ),
        ]

    def __str__(self) -> str:
        return self.tema

    @property
    def is_final(self) -> bool:
        return self.state == self.State.FINAL


class RisalahStep(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("draf")
        SUBMITTED = "submitted", _("diajukan")
        RETURNED = "returned", _("dikembalikan")
        APPROVED = "approved", _("disetujui")

    risalah = models.ForeignKey(Risalah, on_delete=models.CASCADE, related_name="steps")
    method_step = models.ForeignKey(MethodStep, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveSmallIntegerField()
    state = models.CharField(max_length=12, choices=State.choices, default=State.DRAFT)
    # {"sections": {code: sanitized html}}; see services.step_save.
    content = models.JSONField(default=dict, blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["risalah", "number"]
        constraints = [
            models.UniqueConstraint(fields=["risalah", "number"], name="risalah_step_unique"),
        ]

    def __str__(self) -> str:
        return f"Langkah {self.number}: {self.method_step.title}"

    @property
    def sections(self) -> dict[str, Any]:
        return dict(self.content.get("sections", {}))


class StepVersion(models.Model):
    """Every saved state of a step's content, with who and when; any can be restored."""

    step = models.ForeignKey(RisalahStep, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    content = models.JSONField(default=dict)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    saved_at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["step", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["step", "version"], name="step_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.step} v{self.version}"


class StepComment(models.Model):
    step = models.ForeignKey(RisalahStep, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("komentar"))
    kind = models.CharField(
        max_length=12,
        default="comment",
        help_text="comment, return or approve: a review decision carries its comment.",
    )
    # The step's version the decision was made on: what a returned step is compared with.
    step_version = models.PositiveIntegerField(null=True, blank=True)
    mentions = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.body[:60]


class Meeting(models.Model):
    risalah = models.ForeignKey(Risalah, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("tanggal"))
    duration_minutes = models.PositiveIntegerField(_("lama (menit)"))
    place = models.CharField(_("tempat"), max_length=200, blank=True)
    agenda = models.CharField(_("agenda"), max_length=300, blank=True)
    minutes = models.TextField(_("notulen"), blank=True)
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("hadir")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["held_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gt=0), name="meeting_has_duration"
            ),
        ]

    def __str__(self) -> str:
        return f"Rapat {self.held_on}"


class Attachment(models.Model):
    class Kind(models.TextChoices):
        SK = "sk", _("SK pembentukan")
        PHOTO = "photo", _("Foto kegiatan")
        MINUTES = "minutes", _("Notulen")
        SOP = "sop", _("SOP / standar baru")
        OTHER = "other", _("Lainnya")

    risalah = models.ForeignKey(Risalah, on_delete=models.CASCADE, related_name="attachments")
    step = models.ForeignKey(
        RisalahStep, on_delete=models.SET_NULL, null=True, blank=True, related_name="attachments"
    )
    kind = models.CharField(_("jenis lampiran"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("judul"), max_length=200)
    file = models.FileField(upload_to="lampiran/%Y/%m/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "uploaded_at"]

    def __str__(self) -> str:
        return self.title


class ToolArtefact(models.Model):
    """A tool (Pareto, fishbone, control chart, ...) inside a step, built from the team's own
    data. ``rows`` keeps every cell exactly as typed or pasted, so nothing is lost even while the
    data is still wrong; the chart is drawn only from a grid without errors."""

    step = models.ForeignKey(RisalahStep, on_delete=models.CASCADE, related_name="artefacts")
    tool = models.CharField(_("alat"), max_length=30)
    title = models.CharField(_("judul"), max_length=200)
    rows = models.JSONField(default=list, blank=True)
    options = models.JSONField(default=dict, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    version = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("alat")
        verbose_name_plural = _("alat")
        ordering = ["step", "position", "id"]

    def __str__(self) -> str:
        return self.title
