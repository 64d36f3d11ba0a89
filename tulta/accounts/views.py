from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import services
from .forms import InvitationPasswordForm, SignInCodeForm, SignInForm
from .invitations import INVITATION_DAYS, LinkState, invitation_tokens
from .models import User


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("home:home")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.user_password_changed(user=form.user)
        messages.success(self.request, _("Kata sandi berhasil diganti."))
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.user_password_changed(user=form.user)
        return response


LOGIN_BACKEND = "tulta.accounts.backends.EmailOrNipBackend"

LINK_MESSAGES = {
    LinkState.USED: gettext_lazy(
        "Tautan undangan ini sudah dipakai. Masuk dengan email atau NIP dan kata sandi Anda; "
        "bila lupa, pakai “Lupa kata sandi”."
    ),
    LinkState.EXPIRED: gettext_lazy(
        "Tautan undangan ini sudah kedaluwarsa (berlaku %(days)s hari). Minta Bagian "
        "Organisasi mengirim undangan ulang."
    ),
    LinkState.REPLACED: gettext_lazy(
        "Tautan ini sudah diganti dengan undangan yang lebih baru. Pakai tautan di email "
        "undangan terakhir, atau kode masuk yang dicetak untuk Anda."
    ),
    LinkState.UNKNOWN: gettext_lazy(
        "Tautan undangan ini tidak dikenal. Periksa apakah tautan tersalin utuh dari email."
    ),
}


def _user_from_uid(uidb64: str) -> User | None:
    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
    except (ValueError, TypeError, UnicodeDecodeError):
        return None
    return User.objects.filter(pk=pk).first()


def invitation_accept(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The emailed invitation link: set a first password and sign in (which spends the link)."""
    user = _user_from_uid(uidb64)
    state = invitation_tokens.link_state(user, token)
    if state is not LinkState.VALID or user is None:
        message = str(LINK_MESSAGES[state]) % {"days": INVITATION_DAYS}
        return render(request, "accounts/invitation_accept.html", {"problem": message})
    form = InvitationPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.user_accept_invitation(user=user, password=form.cleaned_data["new_password1"])
        login(request, user, backend=LOGIN_BACKEND)
        messages.success(request, _("Selamat datang di TULTA. Kata sandi Anda sudah disimpan."))
        return redirect("home:home")
    return render(request, "accounts/invitation_accept.html", {"form": form, "invited": user})


def code_sign_in(request: HttpRequest) -> HttpResponse:
    """Sign in the first time with a printed one-time code, choosing a password."""
    form = SignInCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.sign_in_code_redeem(
                identifier=form.cleaned_data["identifier"],
                code=form.cleaned_data["code"],
                password=form.cleaned_data["new_password1"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            login(request, user, backend=LOGIN_BACKEND)
            messages.success(request, _("Selamat datang di TULTA. Kata sandi Anda sudah disimpan."))
            return redirect("home:home")
    return render(request, "accounts/code_sign_in.html", {"form": form})
