from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from .backends import find_user_by_identifier
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


class SignInCodeForm(forms.Form):
    """A printed one-time code and the first password the person chooses with it."""

    identifier = forms.CharField(
        label=_("Email atau NIP"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    code = forms.CharField(
        label=_("Kode masuk"),
        max_length=32,
        help_text=_("Seperti tertulis di kertas dari Bagian Organisasi, misalnya abcd-efgh-jkmn."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )
    new_password1 = forms.CharField(
        label=_("Kata sandi baru"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    new_password2 = forms.CharField(
        label=_("Ulangi kata sandi baru"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, second = data.get("new_password1"), data.get("new_password2")
        if first and second and first != second:
            self.add_error("new_password2", _("Kedua kata sandi tidak sama."))
        elif first:
            user = find_user_by_identifier(data.get("identifier", ""))
            try:
                password_validation.validate_password(first, user)
            except forms.ValidationError as exc:
                self.add_error("new_password1", exc)
        return data


class InvitationPasswordForm(SetPasswordForm):
    """The first password, chosen through an invitation link; worded as the code page is."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("Kata sandi baru")
        self.fields["new_password2"].label = _("Ulangi kata sandi baru")
