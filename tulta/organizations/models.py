"""The organisation model: Government (pemda) → Unit (OPD, kecamatan, kelurahan, UPT) → Team
(KBK) → Membership. One deployment hosts several governments; everything below a government is
reached through it, so scoping a query by government keeps tenants apart.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from tulta.core.dates import validate_past_date, validate_year_to_now

MIN_TEAM_MEMBERS = 3
MAX_TEAM_MEMBERS = 10


class Government(models.Model):
    class Kind(models.TextChoices):
        KOTA = "kota", _("Kota")
        KABUPATEN = "kabupaten", _("Kabupaten")

    name = models.CharField(_("nama"), max_length=150, help_text=_("Contoh: Sukamaju"))
    kind = models.CharField(_("jenis"), max_length=16, choices=Kind.choices)
    province = models.CharField(_("provinsi"), max_length=100)
    slug = models.SlugField(_("kode singkat"), unique=True)
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    letterhead = models.TextField(
        _("kop surat"),
        blank=True,
        help_text=_("Satu baris per baris kop, misalnya nama pemda, sekretariat daerah, alamat."),
    )

    class TimeZone(models.TextChoices):
        WIB = "Asia/Jakarta", _("WIB (UTC+7): Sumatra, Jawa, Kalimantan Barat dan Tengah")
        WITA = "Asia/Makassar", _("WITA (UTC+8): Bali, Nusa Tenggara, Kalimantan, Sulawesi")
        WIT = "Asia/Jayapura", _("WIT (UTC+9): Maluku, Papua")

    time_zone = models.CharField(
        _("zona waktu"),
        max_length=32,
        choices=TimeZone.choices,
        default=TimeZone.WIB,
        help_text=_("Jam di halaman, pengingat dan dokumen pemda ini."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pemerintah daerah")
        verbose_name_plural = _("pemerintah daerah")
        ordering = ["province", "name"]

    def __str__(self) -> str:
        return self.official_name

    @property
    def official_name(self) -> str:
        prefix = "Pemerintah Kota" if self.kind == self.Kind.KOTA else "Pemerintah Kabupaten"
        return f"{prefix} {self.name}"

    @property
    def letterhead_lines(self) -> list[str]:
        return [line.strip() for line in self.letterhead.splitlines() if line.strip()]


class Unit(models.Model):
    class Kind(models.TextChoices):
        OPD = "opd", _("OPD")
        KECAMATAN = "kecamatan", _("Kecamatan")
        KELURAHAN = "kelurahan", _("Kelurahan/desa")
        UPT = "upt", _("UPT (puskesmas, RSUD, dll.)")

    government = models.ForeignKey(
        Government, on_delete=models.CASCADE, related_name="units", verbose_name=_("pemda")
    )
    name = models.CharField(_("nama unit"), max_length=200)
    kind = models.CharField(_("jenis unit"), max_length=16, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("unit induk"),
    )
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="headed_units",
        verbose_name=_("kepala unit"),
    )
    head_title = models.CharField(
        _("jabatan kepala unit"),
        max_length=200,
        blank=True,
        help_text=_(
            "Sebutan jabatan kepala unit pada lembar pengesahan, misalnya Lurah Cijerah, Camat "
            "Sukamaju Utara, Kepala Dinas Kesehatan, Direktur RSUD. Kosongkan untuk memakai "
            "sebutan baku menurut jenis dan nama unit."
        ),
    )
    address = models.CharField(
        _("alamat unit"),
        max_length=300,
        blank=True,
        help_text=_("Alamat dan telepon pada kop surat unit, misalnya Jl. Merdeka No. 5."),
    )
    letterhead = models.TextField(
        _("kop surat unit"),
        blank=True,
        help_text=_(
            "Satu baris per baris kop. Kosongkan untuk memakai kop baku: nama pemda, nama unit "
            "dan alamat unit."
        ),
    )
    logo = models.ImageField(
        _("logo unit"),
        upload_to="logos/unit/",
        blank=True,
        help_text=_("Kosongkan untuk memakai logo pemda."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("unit")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["government", "name"], name="unit_name_unique_in_government"
            ),
        ]
        indexes = [models.Index(fields=["government", "kind"])]

    def __str__(self) -> str:
        return self.name

    @property
    def head_title_display(self) -> str:
        """The head's title as signed: the unit's own, else :func:`default_head_title`."""
        return self.head_title.strip() or default_head_title(self.kind, self.name)

    @property
    def letterhead_lines(self) -> list[str]:
        """The unit's kop: its own lines, else the pemda's name, the unit's name and address."""
        own = [line.strip() for line in self.letterhead.splitlines() if line.strip()]
        if own:
            return own
        government = self.government
        first = government.letterhead_lines[:1] or [government.official_name.upper()]
        lines = [*first, self.name.upper()]
        if self.address.strip():
            lines.append(self.address.strip())
        return lines

    def clean(self) -> None:
        if self.parent is not None:
            if self.parent_id == self.pk:
                raise ValidationError({"parent": _("Unit tidak boleh menjadi induk dirinya.")})
            if self.parent.government_id != self.government_id:
                raise ValidationError({"parent": _("Unit induk harus dari pemda yang sama.")})
            ancestor: Unit | None = self.parent
            while ancestor is not None:
                if ancestor.pk == self.pk:
                    raise ValidationError(
                        {"parent": _("Unit induk ini membuat hubungan melingkar.")}
                    )
                ancestor = ancestor.parent


# The head's title by the first words of a unit's name (checked in order; the longest first),
# as a pemda writes it on an approval page.
_HEAD_TITLES: tuple[tuple[str, str], ...] = (
    ("sekretariat daerah", "Sekretaris Daerah"),
    ("sekretariat dprd", "Sekretaris DPRD"),
    ("rumah sakit umum daerah", "Direktur Rumah Sakit Umum Daerah"),
    ("rsud", "Direktur RSUD"),
    ("inspektorat", "Inspektur"),
    ("kelurahan", "Lurah"),
    ("kecamatan", "Camat"),
    ("desa", "Kepala Desa"),
)


def default_head_title(kind: str, name: str) -> str:
    """The usual title of the head of a unit of ``kind`` named ``name``: "Lurah Cijerah" for
    "Kelurahan Cijerah", "Camat Sukamaju Utara", "Sekretaris Daerah", "Direktur RSUD Kota
    Sukamaju", "Inspektur Daerah", "Kepala Dinas Kesehatan"; a kelurahan or kecamatan named
    without its prefix still gets "Lurah …" / "Camat …"."""
    name = " ".join(name.split())
    lowered = name.lower()
    for prefix, title in _HEAD_TITLES:
        if lowered == prefix or lowered.startswith(prefix + " "):
            rest = name[len(prefix) :].strip()
            return f"{title} {rest}".strip()
    if kind == Unit.Kind.KELURAHAN:
        return f"Lurah {name}"
    if kind == Unit.Kind.KECAMATAN:
        return f"Camat {name}"
    return f"Kepala {name}"


class Team(models.Model):
    """A work-culture group (KBK) of one unit, formed by a decree (SK)."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="teams", verbose_name=_("unit")
    )
    name = models.CharField(_("nama kelompok"), max_length=150)
    decree_number = models.CharField(_("nomor SK"), max_length=100, blank=True)
    decree_date = models.DateField(
        _("tanggal SK"), null=True, blank=True, validators=[validate_past_date]
    )
    formed_on = models.DateField(
        _("tanggal dibentuk"), null=True, blank=True, validators=[validate_year_to_now]
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    members: models.ManyToManyField[Any, Any] = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="teams"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kelompok budaya kerja")
        verbose_name_plural = _("kelompok budaya kerja")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="team_name_unique_in_unit"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def government_id(self) -> int:
        return self.unit.government_id


class Membership(models.Model):
    class Role(models.TextChoices):
        FASILITATOR = "fasilitator", _("Fasilitator")
        KETUA = "ketua", _("Ketua")
        SEKRETARIS = "sekretaris", _("Sekretaris")
        ANGGOTA = "anggota", _("Anggota")

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("pegawai"),
    )
    role = models.CharField(_("peran"), max_length=16, choices=Role.choices)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("keanggotaan")
        verbose_name_plural = _("keanggotaan")
        constraints = [
            models.UniqueConstraint(fields=["team", "user"], name="member_once_per_team"),
            models.UniqueConstraint(
                fields=["team"],
                condition=models.Q(role="ketua"),
                name="one_ketua_per_team",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"
