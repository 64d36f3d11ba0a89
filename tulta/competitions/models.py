"""Competitions (lomba) within a programme: rubrics as data, entries made from final risalah,
rounds with their judges and per-criterion scores, favorit votes, awards and certificates.

A rubric's criteria each have a weight and a score range; a judge's weighted total for an entry
is ``sum(weight * (score - min) / (max - min))``, so the rubric's range is ``0 .. sum(weights)``
(100 for the risalah rubric). See ``results.py`` for totals, normalisation and ranking.
"""

from __future__ import annotations

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_code() -> str:
    """A short unguessable key for a certificate's public check URL."""
    return secrets.token_urlsafe(12)


class Category(models.TextChoices):
    PRESTASI = "prestasi", _("KBK prestasi")
    KREATIF = "kreatif", _("KBK kreatif")
    FAVORIT = "favorit", _("Favorit")


class Rubric(models.Model):
    """A scoring scheme. Rubrics without a government are seeded templates to copy."""

    government = models.ForeignKey(
        "organizations.Government",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="rubrics",
    )
    code = models.SlugField(_("kode"), max_length=40)
    name = models.CharField(_("nama rubrik"), max_length=150)
    description = models.TextField(_("keterangan"), blank=True)

    class Meta:
        verbose_name = _("rubrik")
        verbose_name_plural = _("rubrik")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["government", "code"], name="rubric_code_unique_in_government"
            ),
            models.UniqueConstraint(
                fields=["code"],
                condition=models.Q(government=None),
                name="template_rubric_code_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def total_weight(self) -> Decimal:
        return sum((c.weight for c in self.criteria.all()), Decimal(0))


class Criterion(models.Model):
    """One criterion of a rubric. ``levels`` describes score bands:
    ``[{"min": 0, "max": 3, "text": "Tidak ada data"}, ...]``."""

    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="criteria")
    code = models.SlugField(_("kode"), max_length=40)
    name = models.CharField(_("kriteria"), max_length=200)
    weight = models.DecimalField(_("bobot"), max_digits=6, decimal_places=2)
    min_score = models.PositiveSmallIntegerField(_("nilai terendah"), default=0)
    max_score = models.PositiveSmallIntegerField(_("nilai tertinggi"), default=10)
    levels = models.JSONField(_("deskripsi tingkat"), default=list, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("kriteria")
        verbose_name_plural = _("kriteria")
        ordering = ["rubric", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["rubric", "code"], name="criterion_code_unique"),
            models.CheckConstraint(
                condition=models.Q(max_score__gt=models.F("min_score")),
                name="criterion_range_not_empty",
            ),
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="criterion_weight_pos"),
        ]

    def __str__(self) -> str:
        return self.name


class Competition(models.Model):
    class Decides(models.TextChoices):
        RAW = "raw", _("nilai mentah")
        NORMALISED = "normalised", _("nilai ternormalisasi")

    programme = models.ForeignKey(
        "risalah.Programme", on_delete=models.PROTECT, related_name="competitions"
    )
    name = models.CharField(_("nama lomba"), max_length=200)
    category = models.CharField(_("kategori"), max_length=16, choices=Category.choices)
    eligible_unit_kinds = models.JSONField(
        _("jenis unit yang boleh ikut"),
        default=list,
        blank=True,
        help_text=_("Kosong berarti semua jenis unit."),
    )
    decides_by = models.CharField(
        _("penentu peringkat"), max_length=12, choices=Decides.choices, default=Decides.RAW
    )
    tie_breaks = models.JSONField(
        _("urutan penentu nilai sama"),
        default=list,
        blank=True,
        help_text=_("Kode kriteria; bawaan: analisis penyebab, lalu hasil."),
    )
    bands = models.JSONField(
        _("predikat"),
        default=list,
        blank=True,
        help_text=_("Predikat menurut nilai penentu, mis. Emas ≥ 85, Perak ≥ 75, Perunggu ≥ 65."),
    )
    voting_open = models.BooleanField(_("pemungutan suara favorit dibuka"), default=False)
    results_public = models.BooleanField(_("hasil diumumkan"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lomba")
        verbose_name_plural = _("lomba")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "name"], name="competition_name_unique_in_programme"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def government_id(self) -> int:
        return self.programme.government_id


DEFAULT_TIE_BREAKS = ["analisis-penyebab", "hasil"]


class Entry(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("menunggu pemeriksaan")
        ACCEPTED = "accepted", _("diterima")
        REJECTED = "rejected", _("ditolak")

    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="entries")
    risalah = models.ForeignKey("risalah.Risalah", on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey("organizations.Team", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SUBMITTED)
    rejection_reason = models.TextField(_("alasan penolakan"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("peserta")
        verbose_name_plural = _("peserta")
        ordering = ["team__name"]
        constraints = [
            models.UniqueConstraint(fields=["competition", "risalah"], name="entry_once"),
        ]

    def __str__(self) -> str:
        return self.team.name


class Round(models.Model):
    class Kind(models.TextChoices):
        DESK = "desk", _("penilaian risalah")
        PRESENTATION = "presentation", _("presentasi Gelar")
        FINAL = "final", _("final")

    class State(models.TextChoices):
        OPEN = "open", _("penilaian dibuka")
        CLOSED = "closed", _("ditutup")

    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="rounds")
    name = models.CharField(_("nama babak"), max_length=150)
    kind = models.CharField(_("jenis babak"), max_length=16, choices=Kind.choices)
    number = models.PositiveSmallIntegerField(_("urutan"), default=1)
    rubric = models.ForeignKey(Rubric, on_delete=models.PROTECT, related_name="rounds")
    state = models.CharField(max_length=8, choices=State.choices, default=State.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    # The Gelar: slot segments in minutes, the recorded draw seed, when the stage started.
    yel_minutes = models.PositiveSmallIntegerField(_("yel-yel (menit)"), default=5)
    presentation_minutes = models.PositiveSmallIntegerField(_("presentasi (menit)"), default=10)
    questions_minutes = models.PositiveSmallIntegerField(_("tanya jawab (menit)"), default=5)
    draw_seed = models.CharField(_("benih undian"), max_length=32, blank=True)
    stage_started_at = models.DateTimeField(null=True, blank=True)
    starts_at = models.DateTimeField(_("mulai"), null=True, blank=True)
    # The rapat juri: its chair (a judge of the round) locks the round once the panel agreed.
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ketua juri"),
    )
    locked_at = models.DateTimeField(null=True, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("babak")
        verbose_name_plural = _("babak")
        ordering = ["competition", "number"]
        constraints = [
            models.UniqueConstraint(fields=["competition", "number"], name="round_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.competition} — {self.name}"

    @property
    def is_closed(self) -> bool:
        return self.state == self.State.CLOSED

    @property
    def is_locked(self) -> bool:
        """Locked by the chair after the rapat juri: nothing of the round changes any more."""
        return self.locked_at is not None

    @property
    def slot_minutes(self) -> int:
        return self.yel_minutes + self.presentation_minutes + self.questions_minutes


class RoundEntry(models.Model):
    """An entry taking part in a round; ``position`` is its place in the drawn running order."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="round_entries")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="round_entries")
    position = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["round", "position", "entry_id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "entry"], name="entry_once_per_round"),
        ]

    def __str__(self) -> str:
        return f"{self.round}: {self.entry}"


class Assignment(models.Model):
    """A judge assigned to score an entry in a round, with their comment for the team."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="assignments")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="assignments")
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="judge_assignments"
    )
    conflict_reason = models.TextField(_("alasan benturan kepentingan"), blank=True)
    conflict_declared_at = models.DateTimeField(null=True, blank=True)
    # Excluded by the organiser, by a re-check of the conflict rule (the judge's unit or the
    # team's members changed) or when the round closed with a gap: the judge no longer scores
    # the entry and their scores do not count, unless the organiser decided to count them.
    excluded_at = models.DateTimeField(null=True, blank=True)
    excluded_reason = models.TextField(_("alasan dikeluarkan"), blank=True)
    counted_anyway_at = models.DateTimeField(null=True, blank=True)
    counted_anyway_reason = models.TextField(_("alasan nilai tetap dihitung"), blank=True)
    comment = models.TextField(_("catatan juri"), blank=True)

    class Meta:
        ordering = ["round", "entry__team__name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "entry", "judge"], name="assignment_once"),
        ]

    def __str__(self) -> str:
        return f"{self.judge} → {self.entry}"

    @property
    def has_conflict(self) -> bool:
        """Declared by the judge or excluded: the judge no longer scores the entry."""
        return self.conflict_declared_at is not None or self.excluded_at is not None

    @property
    def stop_reason(self) -> str:
        """Why the judge no longer scores the entry ("" while they do)."""
        if self.conflict_declared_at is not None:
            return self.conflict_reason
        return self.excluded_reason if self.excluded_at is not None else ""

    @property
    def counts(self) -> bool:
        """Whether the judge's scores for the entry count in the round's totals."""
        return not self.has_conflict or self.counted_anyway_at is not None


class Score(models.Model):
    """One judge's score for one criterion of one entry in one round: one row each, so saves of
    different criteria (two judges, or one judge in two tabs) never overwrite each other."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="scores")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="scores")
    judge = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    value = models.DecimalField(max_digits=6, decimal_places=2)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["round", "entry", "judge", "criterion__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "entry", "judge", "criterion"], name="score_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"

    def clean(self) -> None:
        c = self.criterion
        if not (c.min_score <= self.value <= c.max_score):
            raise ValidationError({"value": _("Nilai di luar rentang.")})


class Vote(models.Model):
    """A favorit vote: one per signed-in employee of the government per competition."""

    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="votes")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["competition", "voter"], name="one_vote_per_voter"),
        ]

    def __str__(self) -> str:
        return f"{self.voter} → {self.entry}"


class Award(models.Model):
    class Kind(models.TextChoices):
        JUARA_1 = "juara_1", _("Juara I")
        JUARA_2 = "juara_2", _("Juara II")
        JUARA_3 = "juara_3", _("Juara III")
        HARAPAN = "harapan", _("Juara Harapan")
        FAVORIT = "favorit", _("Favorit")
        # Special awards: chosen by the panel, or computed where the data allow.
        BEST_PRESENTATION = "best_presentation", _("Penyaji Terbaik")
        BEST_FACILITATOR = "best_facilitator", _("Fasilitator Terbaik")
        MOST_IMPROVED = "most_improved", _("Unit Paling Meningkat")
        FIRST_RISALAH = "first_risalah", _("Risalah Pertama Selesai")

    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="awards")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="awards")
    kind = models.CharField(_("penghargaan"), max_length=20, choices=Kind.choices)
    rank = models.PositiveSmallIntegerField(null=True, blank=True)
    # Certificate (piagam) fields; ``code`` is the public check URL's key.
    code = models.CharField(max_length=32, unique=True, default=new_code)
    awarded_on = models.DateField(_("tanggal"))
    signatory_name = models.CharField(_("penanda tangan"), max_length=150, blank=True)
    signatory_title = models.CharField(_("jabatan penanda tangan"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("penghargaan")
        verbose_name_plural = _("penghargaan")
        ordering = ["competition", "rank", "kind"]
        # An unbreakable tie gives every tied entry the same award, so a kind may repeat; an
        # entry holds each kind once.
        constraints = [
            models.UniqueConstraint(
                fields=["competition", "kind", "entry"], name="award_kind_once_per_entry"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.entry}"


class ScoreAdjustment(models.Model):
    """The panel's adjusted deciding score for an entry in a round, agreed in the rapat juri.
    The judges' scores are kept as they were; the adjustment replaces the deciding total (raw
    or normalised) in the ranking and is shown beside it. One per entry and round."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="adjustments")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="adjustments")
    score = models.DecimalField(_("nilai penyesuaian"), max_digits=6, decimal_places=2)
    original = models.DecimalField(_("nilai semula"), max_digits=6, decimal_places=2)
    reason = models.TextField(_("alasan"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("penyesuaian nilai")
        verbose_name_plural = _("penyesuaian nilai")
        constraints = [
            models.UniqueConstraint(fields=["round", "entry"], name="adjustment_once"),
        ]

    def __str__(self) -> str:
        return f"{self.entry}: {self.original} → {self.score}"


class JudgeDone(models.Model):
    """A judge pressed "selesai" for a round: every entry assigned to them is scored."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="judges_done")
    judge = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    done_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "judge"], name="judge_done_once"),
        ]

    def __str__(self) -> str:
        return f"{self.judge} ✓ {self.round}"


class Feedback(models.Model):
    """A judge's SOFI feedback to a group: strengths and opportunities for improvement, for one
    criterion or (``criterion`` empty) for the round as a whole. Released to the team and its
    mentor when the round closes, never before."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="feedback")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="feedback")
    judge = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    strengths = models.TextField(_("kekuatan"), blank=True)
    improvements = models.TextField(_("peluang perbaikan"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("umpan balik")
        verbose_name_plural = _("umpan balik")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "entry", "judge", "criterion"],
                name="feedback_once_per_criterion",
            ),
            models.UniqueConstraint(
                fields=["round", "entry", "judge"],
                condition=models.Q(criterion=None),
                name="feedback_once_per_round",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.judge} → {self.entry}"
