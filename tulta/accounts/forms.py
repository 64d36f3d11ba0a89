from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from .models import User


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


class InvitePasswordResetForm(PasswordResetForm):
    """Django's reset form, but also for accounts that were imported without a password: the
    reset link is how those people set their first password."""

    def get_users(self, email: str) -> Any:
        return User.objects.filter(email__iexact=email.strip(), is_active=True)
