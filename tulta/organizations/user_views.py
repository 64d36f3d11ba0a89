"""User administration by the programme admin: list, create, edit, reset a password.

Users belong to accounts, but who may manage whom is an organisation question (the admin of the
same government; see ``permissions.can_manage_users``), so these pages stand here, above
accounts, and accounts imports nothing of organizations.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tulta.accounts import services
from tulta.accounts.models import Role, User
from tulta.accounts.types import AuthenticatedHttpRequest

from . import permissions
from .forms import UserForm


def _require_user_admin(request: AuthenticatedHttpRequest) -> None:
    if not permissions.can_manage_users(request.user):
        raise PermissionDenied


@login_required
def user_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_user_admin(request)
    assert request.user.government_id is not None  # admins always belong to a government
    users = (
        User.objects.filter(government_id=request.user.government_id)
        .select_related("unit")
        .prefetch_related("role_grants")
        .order_by("full_name")
    )
    query = request.GET.get("q", "").strip()
    if query:
        users = users.filter(
            Q(full_name__icontains=query)
            | Q(email__icontains=query)
            | Q(nip__icontains=query)
            | Q(unit__name__icontains=query)
        )
    role = request.GET.get("peran", "")
    if role in {r.value for r in Role}:
        users = users.filter(role_grants__role=role)
    page = Paginator(users, 50).get_page(request.GET.get("halaman"))
    return render(
        request,
        "organizations/user_list.html",
        {"page": page, "query": query, "role": role, "roles": Role.choices},
    )


@login_required
def user_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_user_admin(request)
    government_id = request.user.government_id
    assert government_id is not None
    form = UserForm(request.POST or None, government_id=government_id)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        roles = data.pop("roles")
        try:
            user, temp = services.user_create(
                actor=request.user, government_id=government_id, roles=roles, **data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _(
                    "Akun %(name)s dibuat. Kata sandi sementara: %(password)s — sampaikan "
                    "kepada yang bersangkutan; ia wajib menggantinya saat pertama masuk."
                )
                % {"name": user.full_name, "password": temp},
            )
            return redirect("organizations:user_list")
    return render(request, "organizations/user_form.html", {"form": form, "target": None})


@login_required
def user_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    target = permissions.get_managed_user(request.user, pk)
    assert target.government_id is not None  # get_managed_user only returns colleagues
    form = UserForm(request.POST or None, instance=target, government_id=target.government_id)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        roles = data.pop("roles")
        # The form has already written the values onto the instance; reload to diff properly.
        fresh = User.objects.get(pk=target.pk)
        try:
            services.user_update(actor=request.user, user=fresh, roles=roles, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Data %(name)s disimpan.") % {"name": fresh.full_name})
            return redirect("organizations:user_list")
    return render(request, "organizations/user_form.html", {"form": form, "target": target})


@login_required
@require_POST
def user_reset_password(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    target = permissions.get_managed_user(request.user, pk)
    temp = services.user_reset_password(actor=request.user, user=target)
    if target.pk == request.user.pk:
        update_session_auth_hash(request, target)
    messages.success(
        request,
        _("Kata sandi sementara baru untuk %(name)s: %(password)s")
        % {"name": target.full_name, "password": temp},
    )
    return redirect("organizations:user_edit", pk=target.pk)
