"""Users of TULTA and the roles granted to them.

A user belongs to one government (pemda); platform operators have none. Some roles are granted
(programme admin, mentor, judge, leadership); two follow from the organisation model: a unit
head heads a unit, a team member belongs to an active team.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .nip import NipError, normalize_nip, parse_nip


class Role(models.TextChoices):
    PROGRAMME_ADMIN = "programme_admin", _("Admin program (Bagian Organisasi)")
    UNIT_HEAD = "unit_head", _("Kepala unit")
    TEAM_MEMBER = "team_member", _("Anggota KBK")
    MENTOR = "mentor", _("Pendamping")
    JUDGE = "judge", _("Juri")
    LEADERSHIP = "leadership", _("Pimpinan")


class InvitationChannel(models.TextChoices):
    EMAIL = "email", _("email")
    CODE = "code", _("kode masuk tercetak")


class InvitationState(models.TextChoices):
    NOT_INVITED = "not_invited", _("belum diundang")
    QUEUED = "queued", _("undangan dalam antrean")
    SENT = "sent", _("undangan terkirim")
    CODE_PRINTED = "code_printed", _("kode masuk dicetak")
    SIGNED_IN = "signed_in", _("sudah masuk")


GRANTABLE_ROLES = (Role.PROGRAMME_ADMIN, Role.MENTOR, Role.JUDGE, Role.LEADERSHIP)


def validate_nip(value: str) -> None:
    try:
        parse_nip(value)
    except NipError as exc:
        raise ValidationError(exc.message, code=f"nip_{exc.code}") from exc


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("email is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("email"), unique=True)
    nip = models.CharField(
        _("NIP"), max_length=18, unique=True, null=True, blank=True, validators=[validate_nip]
    )
    full_name = models.CharField(_("nama lengkap"), max_length=150)
    position = models.CharField(_("jabatan"), max_length=150, blank=True)
    phone = models.CharField(
        _("nomor HP/WhatsApp"), max_length=20, blank=True, help_text=_("Contoh: 081234567890")
    )
    government = models.ForeignKey(
        "organizations.Government",
        verbose_name=_("pemerintah daerah"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("unit kerja"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff",
    )
    must_change_password = models.BooleanField(_("wajib ganti kata sandi"), default=False)
    is_active = models.BooleanField(_("aktif"), default=True)
    is_staff = models.BooleanField(_("staf admin Django"), default=False)
    date_joined = models.DateTimeField(_("terdaftar"), default=timezone.now)
    # The latest invitation to sign in (an emailed link or a printed code). A new invitation
    # replaces the old one: the link's token is tied to ``invited_at``.
    invited_at = models.DateTimeField(_("diundang"), null=True, blank=True)
    invitation_channel = models.CharField(
        _("cara undangan"), max_length=8, choices=InvitationChannel.choices, blank=True
    )
    invitation_sent_at = models.DateTimeField(_("undangan terkirim"), null=True, blank=True)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.email.strip().lower()
        if self.nip:
            self.nip = normalize_nip(self.nip)
        else:
            self.nip = None

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        """The first name, skipping academic and religious titles: "Ir. Budi, M.T." -> "Budi"."""
        return first_name(self.full_name) or self.email

    @property
    def invitation_state(self) -> InvitationState:
        """Where the person is on the way to their first sign-in (the users page shows it)."""
        if self.last_login is not None:
            return InvitationState.SIGNED_IN
        if self.invited_at is None:
            return InvitationState.NOT_INVITED
        if self.invitation_channel == InvitationChannel.CODE:
            return InvitationState.CODE_PRINTED
        if self.invitation_sent_at is not None and self.invitation_sent_at >= self.invited_at:
            return InvitationState.SENT
        return InvitationState.QUEUED

    @property
    def nip_display(self) -> str:
        """The NIP grouped as printed on ID cards: 19850315 201001 1 001."""
        if not self.nip:
            return ""
        n = self.nip
        return f"{n[0:8]} {n[8:14]} {n[14]} {n[15:18]}"


# Titles written before a name (compared without the dots, case-insensitively).
_LEADING_TITLES = frozenset(
    t.replace(".", "").lower()
    for t in (
        "Ir.",
        "Dr.",
        "dr.",
        "Drs.",
        "Dra.",
        "drg.",
        "H.",
        "Hj.",
        "Prof.",
        "Hc.",
        "KH.",
        "Ust.",
        "Ustadz",
        "Ustadzah",
        "Ns.",
        "apt.",
        "Bpk.",
        "Ibu",
        "Bapak",
        "Sdr.",
        "Sdri.",
        "Tn.",
        "Ny.",
    )
)


def first_name(full_name: str) -> str:
    """The first word of a name that is not a title; trailing titles after a comma dropped."""
    name = (full_name or "").split(",")[0]
    words = name.split()
    for word in words:
        if word.replace(".", "").lower() not in _LEADING_TITLES:
            return word
    return words[-1] if words else ""


class RoleGrant(models.Model):
    """A role given to a user inside their government by the programme admin."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(_("peran"), max_length=32, choices=Role.choices)
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("peran pengguna")
        verbose_name_plural = _("peran pengguna")
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="unique_role_per_user"),
            models.CheckConstraint(
                condition=models.Q(role__in=[r.value for r in GRANTABLE_ROLES]),
                name="role_grant_is_grantable",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"


class SignInCode(models.Model):
    """A one-time sign-in code printed for a person who has no password yet. Only its hash is
    stored (Django's password hasher); the code itself is shown once, on the printed list."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="sign_in_codes")
    code_hash = models.CharField(max_length=128)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("kode masuk")
        verbose_name_plural = _("kode masuk")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user} — {self.created_at:%Y-%m-%d}"
