"""User administration by the programme admin: list, create, edit, reset a password, invite
people who have never signed in (an emailed link or a printed list of one-time codes).

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
from django.db.models import F, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tulta.accounts import services
from tulta.accounts.invitations import CODE_DAYS, INVITATION_DAYS, site_url
from tulta.accounts.models import InvitationChannel, InvitationState, Role, User
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
    invitation = request.GET.get("undangan", "")
    if invitation in INVITATION_FILTERS:
        users = users.filter(INVITATION_FILTERS[invitation])
    page = Paginator(users, 50).get_page(request.GET.get("halaman"))
    not_invited = User.objects.filter(
        INVITATION_FILTERS[InvitationState.NOT_INVITED], government_id=request.user.government_id
    ).count()
    return render(
        request,
        "organizations/user_list.html",
        {
            "page": page,
            "query": query,
            "role": role,
            "roles": Role.choices,
            "invitation": invitation,
            "invitation_states": InvitationState.choices,
            "not_invited": not_invited,
            "invitation_days": INVITATION_DAYS,
            "code_days": CODE_DAYS,
        },
    )


# The users page's filter on the way to a first sign-in, as ``User.invitation_state`` reads it.
INVITATION_FILTERS = {
    InvitationState.SIGNED_IN.value: Q(last_login__isnull=False),
    InvitationState.NOT_INVITED.value: Q(last_login=None, invited_at=None),
    InvitationState.CODE_PRINTED.value: Q(
        last_login=None, invited_at__isnull=False, invitation_channel=InvitationChannel.CODE
    ),
    InvitationState.SENT.value: Q(
        last_login=None,
        invitation_channel=InvitationChannel.EMAIL,
        invitation_sent_at__gte=F("invited_at"),
    ),
    InvitationState.QUEUED.value: Q(
        last_login=None, invited_at__isnull=False, invitation_channel=InvitationChannel.EMAIL
    )
    & (Q(invitation_sent_at=None) | Q(invitation_sent_at__lt=F("invited_at"))),
}


def _back(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Back to the users page the admin came from (its filters kept), else the plain list."""
    target = request.POST.get("kembali", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("organizations:user_list")


@login_required
@require_POST
def user_invite(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Invite one person (again) by email: "Undang" / "Undang ulang" on the users page."""
    target = permissions.get_managed_user(request.user, pk)
    try:
        services.user_invite(
            actor=request.user, users=[target], base_url=request.build_absolute_uri("/")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Undangan untuk %(name)s dikirim ke %(email)s (berlaku %(days)s hari).")
            % {"name": target.full_name, "email": target.email, "days": INVITATION_DAYS},
        )
    return _back(request)


@login_required
@require_POST
def user_invite_many(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Invite the chosen people, or everyone not yet invited: by email (``cara=email``) or as a
    printable list of one-time sign-in codes (``cara=kode``), shown this once."""
    _require_user_admin(request)
    government_id = request.user.government_id
    assert government_id is not None  # admins always belong to a government
    colleagues = User.objects.filter(government_id=government_id)
    if request.POST.get("sasaran") == "belum_diundang":
        chosen = colleagues.filter(INVITATION_FILTERS[InvitationState.NOT_INVITED])
    else:
        ids = [int(v) for v in request.POST.getlist("pengguna") if v.isdigit()]
        chosen = colleagues.filter(pk__in=ids)
    people = list(chosen.select_related("unit").order_by("unit__name", "full_name"))
    if not people:
        messages.error(request, _("Pilih dulu pengguna yang akan diundang."))
        return _back(request)
    try:
        if request.POST.get("cara") == "kode":
            issued = services.user_issue_sign_in_codes(actor=request.user, users=people)
        else:
            invited = services.user_invite(
                actor=request.user, users=people, base_url=request.build_absolute_uri("/")
            )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _back(request)
    if request.POST.get("cara") != "kode":
        messages.success(
            request,
            _("%(n)s undangan masuk antrean pengiriman email (berlaku %(days)s hari).")
            % {"n": len(invited), "days": INVITATION_DAYS},
        )
        return _back(request)
    response = render(
        request,
        "organizations/user_codes.html",
        {
            "issued": issued,
            "code_url": site_url(request.build_absolute_uri("/"))
            + reverse("accounts:code_sign_in"),
            "expires": issued[0][2],
            "code_days": CODE_DAYS,
        },
    )
    response["Cache-Control"] = "no-store"  # the codes are shown this once
    return response


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
