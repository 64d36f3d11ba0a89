from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tulta.accounts.types import AuthenticatedHttpRequest
from tulta.core.middleware import SESSION_TIME_ZONE
from tulta.organizations.models import Government

from . import imports, permissions, selectors, services
from .forms import GovernmentForm, TeamForm, UnitForm, member_formset
from .models import Team, Unit


def _government_id(request: AuthenticatedHttpRequest) -> int:
    government_id = getattr(request.user, "government_id", None)
    if government_id is None:
        raise Http404
    return government_id


# --- units --------------------------------------------------------------------------------


@login_required
def unit_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _government_id(request)
    kind = request.GET.get("jenis", "")
    if kind not in Unit.Kind.values:
        kind = ""
    query = request.GET.get("q", "").strip()
    units = selectors.units_visible_to(request.user, kind=kind, query=query)
    page = Paginator(units, 60).get_page(request.GET.get("halaman"))
    return render(
        request,
        "organizations/unit_list.html",
        {
            "page": page,
            "kind": kind,
            "query": query,
            "kinds": Unit.Kind.choices,
            "can_manage": permissions.can_manage_units(request.user),
        },
    )


@login_required
def unit_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    unit = permissions.get_unit_for_user(request.user, pk)
    teams = selectors.teams_visible_to(request.user, unit_id=unit.pk, active=None)
    children = unit.children.order_by("name")
    return render(
        request,
        "organizations/unit_detail.html",
        {
            "unit": unit,
            "teams": teams,
            "children": children,
            "can_manage": permissions.can_manage_units(request.user),
            "can_create_team": permissions.can_create_team_in(request.user, unit),
            "can_view_history": permissions.can_view_history(request.user, unit.government_id),
        },
    )


def _unit_form_view(request: AuthenticatedHttpRequest, unit: Unit | None) -> HttpResponse:
    government_id = _government_id(request)
    form = UnitForm(
        request.POST or None, request.FILES or None, instance=unit, government_id=government_id
    )
    if request.method == "POST" and form.is_valid():
        fields = ("name", "kind", "parent", "head", "head_title", "address", "letterhead")
        data = {k: form.cleaned_data[k] for k in fields}
        # The stored logo stays unless a new file is chosen or "clear" is ticked.
        logo = form.cleaned_data["logo"]
        data["logo"] = logo if logo is False or hasattr(logo, "read") else None
        try:
            if unit is None:
                government = Government.objects.get(pk=government_id)
                saved = services.unit_create(actor=request.user, government=government, **data)
            else:
                fresh = Unit.objects.get(pk=unit.pk)
                saved = services.unit_update(actor=request.user, unit=fresh, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Unit %(name)s disimpan.") % {"name": saved.name})
            return redirect("organizations:unit_detail", pk=saved.pk)
    return render(request, "organizations/unit_form.html", {"form": form, "unit": unit})


@login_required
def unit_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    _government_id(request)
    if not permissions.can_manage_units(request.user):
        raise PermissionDenied
    return _unit_form_view(request, None)


@login_required
def unit_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    unit = permissions.get_unit_for_user(request.user, pk, write=True)
    return _unit_form_view(request, unit)


# --- teams --------------------------------------------------------------------------------


@login_required
def team_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _government_id(request)
    kind = request.GET.get("jenis", "")
    if kind not in Unit.Kind.values:
        kind = ""
    query = request.GET.get("q", "").strip()
    status = request.GET.get("status", "aktif")
    active = {"aktif": True, "nonaktif": False}.get(status)
    teams = selectors.teams_visible_to(request.user, unit_kind=kind, query=query, active=active)
    page = Paginator(teams, 50).get_page(request.GET.get("halaman"))
    return render(
        request,
        "organizations/team_list.html",
        {
            "page": page,
            "kind": kind,
            "query": query,
            "status": status,
            "kinds": Unit.Kind.choices,
            "can_create": permissions.can_create_any_team(request.user),
        },
    )


@login_required
def team_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    team = permissions.get_team_for_user(request.user, pk)
    members = selectors.team_members(team)
    return render(
        request,
        "organizations/team_detail.html",
        {
            "team": team,
            "members": members,
            "attention": selectors.team_attention(team, len(members)),
            "can_edit": permissions.can_edit_team(request.user, team),
            "can_delete": permissions.can_delete_team(request.user, team),
            "can_view_history": permissions.can_view_history(request.user, team.unit.government_id),
        },
    )


def _team_units(request: AuthenticatedHttpRequest) -> QuerySet[Unit]:
    units = Unit.objects.filter(government_id=_government_id(request))
    if not permissions.is_programme_admin(request.user):
        units = units.filter(pk__in=permissions.headed_unit_ids(request.user))
    return units.order_by("name")


def _team_form_view(request: AuthenticatedHttpRequest, team: Team | None) -> HttpResponse:
    government_id = _government_id(request)
    units = _team_units(request)
    if team is not None and not permissions.is_programme_admin(request.user):
        # A chair may edit their team but not move it to a unit they do not head.
        units = Unit.objects.filter(pk=team.unit_id) | units
    initial_members = (
        [{"nip": m.user.nip or "", "role": m.role} for m in selectors.team_members(team)]
        if team
        else []
    )
    data = request.POST if request.method == "POST" else None
    initial = {}
    if team is None and request.GET.get("unit", "").isdigit():
        initial["unit"] = int(request.GET["unit"])
    form = TeamForm(data, instance=team, units=units, initial=initial)
    formset = member_formset(data, government_id=government_id, initial=initial_members)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        fields = {k: form.cleaned_data[k] for k in form.Meta.fields}
        try:
            if team is None:
                result = services.team_create(actor=request.user, members=formset.members, **fields)
            else:
                result = services.team_update(
                    actor=request.user,
                    team=Team.objects.get(pk=team.pk),
                    members=formset.members,
                    **fields,
                )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Kelompok %(name)s disimpan.") % {"name": result.team})
            for warning in result.warnings:
                messages.warning(request, warning)
            return redirect("organizations:team_detail", pk=result.team.pk)
    return render(
        request,
        "organizations/team_form.html",
        {
            "form": form,
            "formset": formset,
            "team": team,
            "people": selectors.users_for_member_picker(government_id),
        },
    )


@login_required
def team_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    _government_id(request)
    if not permissions.can_create_any_team(request.user):
        raise PermissionDenied
    return _team_form_view(request, None)


@login_required
def team_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    team = permissions.get_team_for_user(request.user, pk, write=True)
    return _team_form_view(request, team)


@login_required
def team_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    team = permissions.get_team_for_user(request.user, pk)
    if not permissions.can_delete_team(request.user, team):
        raise PermissionDenied
    if request.method == "POST":
        name, unit_pk = team.name, team.unit_id
        try:
            services.team_delete(actor=request.user, team=team)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("organizations:team_detail", pk=team.pk)
        messages.success(request, _("Kelompok %(name)s dihapus.") % {"name": name})
        return redirect("organizations:unit_detail", pk=unit_pk)
    return render(
        request,
        "organizations/confirm_delete.html",
        {
            "object": team,
            "cancel_url": reverse("organizations:team_detail", args=[team.pk]),
            "consequence": _(
                "Keanggotaan %(n)d orang ikut terhapus. Riwayat perubahan tetap tersimpan."
            )
            % {"n": team.memberships.count()},
        },
    )


@login_required
def unit_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    unit = permissions.get_unit_for_user(request.user, pk, write=True)
    error = None
    if request.method == "POST":
        try:
            services.unit_delete(actor=request.user, unit=unit)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Unit %(name)s dihapus.") % {"name": unit.name})
            return redirect("organizations:unit_list")
    return render(
        request,
        "organizations/confirm_delete.html",
        {
            "object": unit,
            "cancel_url": reverse("organizations:unit_detail", args=[unit.pk]),
            "consequence": _(
                "Unit hanya dapat dihapus bila tidak memiliki kelompok dan unit di bawahnya."
            ),
            "error": error,
        },
    )


# --- government ---------------------------------------------------------------------------


@login_required
def government_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Logo and letterhead of the admin's own government (used on documents and certificates)."""
    government = get_object_or_404(Government, pk=_government_id(request))
    if not permissions.can_manage_units(request.user):
        raise PermissionDenied
    form = GovernmentForm(request.POST or None, request.FILES or None, instance=government)
    if request.method == "POST" and form.is_valid():
        services.government_update(
            actor=request.user,
            government=Government.objects.get(pk=government.pk),
            logo=form.cleaned_data["logo"],
            letterhead=form.cleaned_data["letterhead"],
            time_zone=form.cleaned_data["time_zone"],
        )
        request.session[SESSION_TIME_ZONE] = form.cleaned_data["time_zone"]
        messages.success(request, _("Logo, kop surat dan zona waktu disimpan."))
        return redirect("organizations:government")
    return render(
        request, "organizations/government_form.html", {"form": form, "government": government}
    )


@login_required
def government_logo(request: AuthenticatedHttpRequest) -> FileResponse:
    government = get_object_or_404(Government, pk=_government_id(request))
    if not government.logo:
        raise Http404
    return FileResponse(government.logo.open("rb"), content_type="image/png")


# --- import -------------------------------------------------------------------------------


@login_required
def import_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    government_id = _government_id(request)
    if not permissions.can_import(request.user):
        raise PermissionDenied
    report = None
    kind_key = request.POST.get("jenis") or request.GET.get("jenis") or "unit"
    if kind_key not in imports.KINDS:
        kind_key = "unit"
    if request.method == "POST":
        upload = request.FILES.get("berkas")
        if upload is None:
            messages.error(request, _("Pilih berkas XLSX atau CSV untuk diimpor."))
        elif upload.size and upload.size > 5 * 1024 * 1024:
            messages.error(request, _("Berkas lebih dari 5 MB; bagi menjadi beberapa berkas."))
        else:
            report = imports.run_import(
                kind_key=kind_key,
                government=Government.objects.get(pk=government_id),
                actor=request.user,
                content=upload.read(),
                filename=upload.name or "",
            )
    links = []
    if report is not None and report.saved:
        # Where to see what was created: the list of each kind of thing in the summary.
        targets = {
            "unit": (_("Daftar unit"), "organizations:unit_list"),
            "pengguna": (_("Daftar pengguna"), "organizations:user_list"),
            "kelompok": (_("Daftar kelompok"), "organizations:team_list"),
        }
        links = [
            (label, reverse(name))
            for what, (label, name) in targets.items()
            if what in report.counts
        ]
    invite_url = ""
    if report is not None and report.saved and "pengguna" in report.counts:
        # Imported people have no password: the admin invites them from the users page.
        invite_url = reverse("organizations:user_list") + "?undangan=not_invited"
    return render(
        request,
        "organizations/import.html",
        {
            "kinds": imports.KINDS,
            "kind_key": kind_key,
            "report": report,
            "links": links,
            "invite_url": invite_url,
        },
    )


@login_required
@require_GET
def import_template(request: AuthenticatedHttpRequest, kind: str, fmt: str) -> HttpResponse:
    _government_id(request)
    if not permissions.can_import(request.user):
        raise PermissionDenied
    spec = imports.KINDS.get(kind)
    if spec is None or fmt not in {"xlsx", "csv"}:
        raise Http404
    if fmt == "xlsx":
        body = imports.template_xlsx(spec)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body = imports.template_csv(spec)
        content_type = "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="templat-{kind}.{fmt}"'
    return response
