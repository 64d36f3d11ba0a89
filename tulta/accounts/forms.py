from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from tulta.organizations.models import Unit

from .models import GRANTABLE_ROLES, User
from .nip import normalize_nip


class SignInForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Email atau NIP"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Kata sandi"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _(
            "Email/NIP atau kata sandi salah. Periksa kembali; huruf besar dan kecil pada kata "
            "sandi dibedakan."
        ),
        "inactive": _("Akun ini dinonaktifkan. Hubungi Bagian Organisasi."),
    }


class UserForm(forms.ModelForm):
    """Create or edit a user of the admin's own government."""

    roles = forms.MultipleChoiceField(
        label=_("Peran"),
        required=False,
        choices=[(r.value, r.label) for r in GRANTABLE_ROLES],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kepala unit dan anggota KBK mengikuti data unit dan kelompok."),
    )

    nip = forms.CharField(
        label=_("NIP"),
        max_length=30,
        required=False,
        help_text=_("18 digit, boleh dengan spasi: 19850315 201001 1 001"),
    )

    class Meta:
        model = User
        fields = ["full_name", "email", "nip", "position", "phone", "unit", "is_active"]

    def __init__(self, *args: Any, government_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.government_id = government_id
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ModelChoiceField)
        unit_field.queryset = Unit.objects.filter(government_id=government_id)
        if self.instance.pk:
            self.initial["roles"] = list(self.instance.role_grants.values_list("role", flat=True))

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean_nip(self) -> str | None:
        value = normalize_nip(self.cleaned_data.get("nip") or "")
        return value or None


class InvitePasswordResetForm(PasswordResetForm):
    """Django's reset form, but also for accounts that were imported without a password: the
    reset link is how those people set their first password."""

    def get_users(self, email: str) -> Any:
        return User.objects.filter(email__iexact=email.strip(), is_active=True)
