from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from tulta.accounts.types import AuthenticatedHttpRequest
from tulta.impact.selectors import improvements_at_risk
from tulta.organizations.models import Unit
from tulta.risalah.models import Programme

from . import permissions, recap, reminder_log, selectors, whatsapp

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _scope_label(request: AuthenticatedHttpRequest) -> str:
    """Empty for the whole government; the led units' names for a unit head."""
    if permissions.dashboard_unit_ids(request.user) is None:
        return ""
    names = ", ".join(request.user.headed_units.order_by("name").values_list("name", flat=True))
    return _("Unit Anda: %(units)s (beserta sub-unitnya)") % {"units": names}


def _progress(request: AuthenticatedHttpRequest, programme: Programme) -> selectors.Progress:
    return selectors.programme_progress(
        programme, unit_ids=permissions.dashboard_unit_ids(request.user)
    )


def _filter_context(progress: selectors.Progress, filters: selectors.Filters) -> dict[str, Any]:
    return {
        "filters": filters,
        "kinds": Unit.Kind.choices,
        "state_choices": [
            (selectors.STATE_SLUGS[s], selectors.STATE_LABELS[s]) for s in selectors.STATES
        ],
        "step_choices": progress.steps,
        "current_state_slug": selectors.STATE_SLUGS.get(filters.state, ""),
    }


@login_required
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.user.government_id is None:
        raise Http404
    if not permissions.can_view_dashboard(request.user):
        raise PermissionDenied
    programmes = Programme.objects.filter(government_id=request.user.government_id).order_by(
        "-is_open", "-year", "name"
    )
    return render(request, "monitoring/index.html", {"programmes": programmes})


@login_required
def dashboard(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = permissions.get_programme_for_dashboard(request.user, pk)
    progress = _progress(request, programme)
    filters = selectors.Filters.from_query(request.GET, [n for n, _t in progress.steps])
    board = selectors.dashboard(progress, filters)
    can_assign = permissions.can_assign_mentors(request.user, programme)
    can_send = permissions.can_send_reminders(request.user, programme)
    remind_rows: list[dict[str, Any]] = []
    if can_send:
        lagging = [r for r in board.rows if r.is_lagging and r.state != selectors.FINAL]
        last = reminder_log.last_reminded(programme, [r.team_id for r in lagging])
        remind_rows = [{"row": r, "last": last.get(r.team_id)} for r in lagging]
    return render(
        request,
        "monitoring/dashboard.html",
        {
            "programme": programme,
            "programmes": Programme.objects.filter(government_id=programme.government_id)
            .order_by("-year", "name")
            .only("pk", "name"),
            "board": board,
            "states": selectors.STATES,
            "state_labels": selectors.STATE_LABELS,
            "state_slugs": selectors.STATE_SLUGS,
            "scope_label": _scope_label(request),
            "can_assign": can_assign,
            "can_send": can_send,
            "remind_rows": remind_rows,
            # Who may see the dashboard may see which improvements of the city may not last.
            "at_risk": improvements_at_risk(programme.government_id),
            "lagging_without_mentor": sum(
                1 for r in board.rows if r.is_lagging and r.mentor_id is None
            ),
            **_filter_context(progress, filters),
        },
    )


ORDERS = ("unit", "terlambat", "kelompok")


@login_required
def teams(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The teams behind a dashboard figure: the same filters, one row per team."""
    programme = permissions.get_programme_for_dashboard(request.user, pk)
    progress = _progress(request, programme)
    filters = selectors.Filters.from_query(request.GET, [n for n, _t in progress.steps])
    order = request.GET.get("urut", "unit")
    order = order if order in ORDERS else "unit"
    rows = selectors.sort_rows(selectors.filter_rows(progress.rows, filters), order)
    page = Paginator(rows, 50).get_page(request.GET.get("halaman"))
    sender = request.user.full_name
    last = reminder_log.last_reminded(programme, [row.team_id for row in page.object_list])
    items = [
        {
            "row": row,
            "step_title": progress.step_title(row.current_step),
            "whatsapp": whatsapp.reminder_link(row, progress, sender),
            "last_reminded": last.get(row.team_id),
        }
        for row in page.object_list
    ]
    unit_name = ""
    if filters.unit_id:
        unit_name = next((u.name for u in progress.units if u.pk == filters.unit_id), "")
    return render(
        request,
        "monitoring/teams.html",
        {
            "programme": programme,
            "progress": progress,
            "page": page,
            "items": items,
            "count": len(rows),
            "order": order,
            "unit_name": unit_name,
            "scope_label": _scope_label(request),
            "can_assign": permissions.can_assign_mentors(request.user, programme),
            "can_remind": permissions.can_remind_teams(request.user, programme),
            "can_send": permissions.can_send_reminders(request.user, programme),
            "state_labels": selectors.STATE_LABELS,
            **_filter_context(progress, filters),
        },
    )


@login_required
def units_without_team(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = permissions.get_programme_for_dashboard(request.user, pk)
    progress = _progress(request, programme)
    kind = request.GET.get("jenis", "")
    kind = kind if kind in Unit.Kind.values else ""
    return render(
        request,
        "monitoring/units_without_team.html",
        {
            "programme": programme,
            "units": selectors.units_without_team(progress, kind),
            "kind": kind,
            "kinds": Unit.Kind.choices,
            "kind_labels": dict(Unit.Kind.choices),
            "scope_label": _scope_label(request),
        },
    )


def _recap(request: AuthenticatedHttpRequest, pk: int) -> recap.Recap:
    programme = permissions.get_programme_for_dashboard(request.user, pk)
    return recap.recap_build(
        programme,
        unit_ids=permissions.dashboard_unit_ids(request.user),
        scope_label=_scope_label(request),
    )


@login_required
def recap_xlsx(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    data = _recap(request, pk)
    response = HttpResponse(recap.recap_xlsx(data), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{recap.recap_filename(data, "xlsx")}"'
    return response


@login_required
def recap_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    data = _recap(request, pk)
    response = HttpResponse(recap.recap_pdf(data), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{recap.recap_filename(data, "pdf")}"'
    return response
