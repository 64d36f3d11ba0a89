"""Service indicators of a risalah (before/after measurements), the publication of finished
work in the public showcase, and the credit a replicated risalah gives its source.

Measurements are kept as the raw text the team typed or pasted, one entry per measurement (or
per period, "kejadian/jumlah", for error rates), so nothing is lost while the data is still
wrong; :mod:`tulta.impact.measurements` parses them and reports every bad entry by position.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Indicator(models.Model):
    class Kind(models.TextChoices):
        CEPAT = "cepat", _("Cepat (waktu)")
        TEPAT = "tepat", _("Tepat (ketepatan/kesalahan)")
        MURAH = "murah", _("Murah (biaya)")
        LAINNYA = "lainnya", _("Lainnya")

    class Unit(models.TextChoices):
        MENIT = "menit", _("menit")
        JAM = "jam", _("jam")
        HARI = "hari", _("hari")
        PERSEN = "%", _("persen (%)")
        RUPIAH = "Rp", _("rupiah (Rp)")
        KALI = "kali", _("kali/jumlah")

    class Direction(models.TextChoices):
        LOWER = "lower", _("makin kecil makin baik")
        HIGHER = "higher", _("makin besar makin baik")

    class DataForm(models.TextChoices):
        VALUES = "values", _("nilai tiap pengukuran")
        COUNTS = "counts", _("jumlah kejadian/jumlah layanan per periode")

    class Statistic(models.TextChoices):
        AUTO = "auto", _("otomatis (sesuai sebaran data)")
        MEAN = "mean", _("rata-rata (uji Welch)")
        MEDIAN = "median", _("median (uji Mann–Whitney)")

    risalah = models.ForeignKey(
        "risalah.Risalah", on_delete=models.CASCADE, related_name="impact_indicators"
    )
    is_primary = models.BooleanField(_("indikator utama"), default=False)
    name = models.CharField(_("nama indikator"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=8, choices=Kind.choices)
    unit = models.CharField(_("satuan"), max_length=8, choices=Unit.choices)
    direction = models.CharField(
        _("arah perbaikan"), max_length=8, choices=Direction.choices, default=Direction.LOWER
    )
    data_form = models.CharField(
        _("bentuk data"), max_length=8, choices=DataForm.choices, default=DataForm.VALUES
    )
    statistic = models.CharField(
        _("ukuran pembanding"), max_length=8, choices=Statistic.choices, default=Statistic.AUTO
    )
    annual_volume = models.PositiveIntegerField(
        _("volume layanan per tahun"),
        default=0,
        help_text=_("Berapa kali layanan ini diberikan dalam setahun."),
    )
    target = models.FloatField(_("sasaran"), null=True, blank=True)
    baseline = models.JSONField(_("data sebelum"), default=list, blank=True)
    after = models.JSONField(_("data sesudah"), default=list, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("indikator layanan")
        verbose_name_plural = _("indikator layanan")
        ordering = ["risalah", "-is_primary", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["risalah"],
                condition=models.Q(is_primary=True),
                name="one_primary_indicator_per_risalah",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Publication(models.Model):
    """A final risalah the programme admin has put in the public showcase. ``search_text`` is
    the text searched (tema, judul, indicator, team, unit, summary); ``search_stems`` is the
    same text reduced to Indonesian word stems, for databases without full-text search."""

    risalah = models.OneToOneField(
        "risalah.Risalah", on_delete=models.CASCADE, related_name="publication"
    )
    summary = models.TextField(_("ringkasan"), blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    published_at = models.DateTimeField()
    search_text = models.TextField(blank=True)
    search_stems = models.TextField(blank=True)

    class Meta:
        verbose_name = _("karya terbit")
        verbose_name_plural = _("karya terbit")
        ordering = ["-published_at"]
        # The showcase lists the newest hundred: read from this index, not by sorting them all.
        indexes = [models.Index(fields=["-published_at"], name="publication_newest_first")]

    def __str__(self) -> str:
        return str(self.risalah)


class Replication(models.Model):
    """A risalah started from a published one's structure and tools ("Meniru karya …"): a
    record of the replication with its status, kept by the replicating team, its evidence, and
    the credit it gives the original team. Its own indicators and verdict are the replicating
    risalah's."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("direncanakan")
        IN_PROGRESS = "in_progress", _("sedang berjalan")
        REPLICATED = "replicated", _("berhasil ditiru")
        STOPPED = "stopped", _("dihentikan")

    risalah = models.OneToOneField(
        "risalah.Risalah", on_delete=models.CASCADE, related_name="replication"
    )
    source = models.ForeignKey(
        "risalah.Risalah", on_delete=models.PROTECT, related_name="replications"
    )
    status = models.CharField(
        _("status peniruan"), max_length=12, choices=Status.choices, default=Status.IN_PROGRESS
    )
    note = models.TextField(_("catatan peniruan"), blank=True)
    evidence = models.FileField(_("bukti peniruan"), upload_to="peniruan/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("peniruan karya")
        verbose_name_plural = _("peniruan karya")

    def __str__(self) -> str:
        return f"{self.risalah} ← {self.source}"


class Benefit(models.Model):
    """The yearly benefit a final risalah's improved indicator claims, and who checked it.

    The team claims it (the calculation is the ledger's, shown and kept as claimed); the head
    of the team's unit verifies it, then -- when the programme names finance verifiers (BPKAD)
    -- one of them; either may send it back with a reason, and the team claims again. Only a
    verified benefit counts in the ledger's headline ("realised"); every improvement the
    statistics prove counts as potential.
    """

    class State(models.TextChoices):
        CLAIMED = "claimed", _("diajukan kelompok")
        UNIT_VERIFIED = "unit", _("diverifikasi kepala unit")
        VERIFIED = "verified", _("terverifikasi")
        RETURNED = "returned", _("dikembalikan")

    class Payer(models.TextChoices):
        WARGA = "warga", _("warga")
        KANTOR = "kantor", _("kantor")

    indicator = models.OneToOneField(Indicator, on_delete=models.CASCADE, related_name="benefit")
    state = models.CharField(_("status"), max_length=10, choices=State.choices)
    payer = models.CharField(
        _("yang berhemat"), max_length=8, choices=Payer.choices, default=Payer.WARGA
    )
    measure = models.CharField(_("ukuran"), max_length=12)  # "jam", "Rp", "kesalahan"
    amount = models.FloatField(_("manfaat per tahun"))
    calculation = models.TextField(_("perhitungan"))
    claim_note = models.TextField(_("catatan kelompok"), blank=True)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    claimed_at = models.DateTimeField()
    unit_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    unit_verified_at = models.DateTimeField(null=True, blank=True)
    unit_note = models.TextField(_("catatan kepala unit"), blank=True)
    unit_document = models.FileField(_("dokumen kepala unit"), upload_to="manfaat/", blank=True)
    finance_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    finance_verified_at = models.DateTimeField(null=True, blank=True)
    finance_note = models.TextField(_("catatan verifikator keuangan"), blank=True)
    finance_document = models.FileField(
        _("dokumen verifikator keuangan"), upload_to="manfaat/", blank=True
    )
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    returned_at = models.DateTimeField(null=True, blank=True)
    return_reason = models.TextField(_("alasan dikembalikan"), blank=True)

    class Meta:
        verbose_name = _("manfaat")
        verbose_name_plural = _("manfaat")

    def __str__(self) -> str:
        return f"{self.indicator}: {self.calculation}"

    @property
    def verified(self) -> bool:
        return self.state == self.State.VERIFIED


class FollowUp(models.Model):
    """An improved indicator measured again, months after the risalah went final, with the same
    kind of raw data as its baseline; :func:`tulta.impact.selectors.follow_up_status` tests it
    against the baseline with the original verdict's test."""

    class Status(models.TextChoices):
        BERLANJUT = "berlanjut", _("berlanjut")
        BERKEMBANG = "berkembang", _("berkembang")
        MENURUN = "menurun", _("menurun")
        BERHENTI = "berhenti", _("berhenti")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="follow_ups")
    months = models.PositiveSmallIntegerField(_("bulan setelah final"))
    values = models.JSONField(_("data pengukuran ulang"), default=list)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("pengukuran ulang")
        verbose_name_plural = _("pengukuran ulang")
        ordering = ["indicator", "months"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "months"], name="one_follow_up_per_interval"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.months} bulan"
