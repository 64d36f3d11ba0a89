"""Mentoring seen from the programme's progress: the page that assigns mentors (lagging teams
listed), the bulk assignment of every lagging team, and a team's mentoring page with its
progress and WhatsApp reminder.

They read the programme's progress (this app's selectors) and write through the mentoring
services. Monitoring builds on mentoring (the dashboard shows each team's mentor, the reminders
job includes agreed mentoring actions), so these pages stand here and mentoring imports nothing
of monitoring. URLs keep their paths under ``pendampingan/``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tulta.accounts.types import AuthenticatedHttpRequest
from tulta.mentoring import permissions as mentoring_permissions
from tulta.mentoring import selectors as mentoring_selectors
from tulta.mentoring import services as mentoring_services
from tulta.mentoring.forms import AssignForm, BulkAssignForm
from tulta.organizations.models import Team
from tulta.risalah.models import Programme

from . import permissions, selectors, whatsapp


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _team_url(programme: Programme, team: Team) -> str:
    return reverse("monitoring:mentor_team", args=[programme.pk, team.pk])


def next_url(request: AuthenticatedHttpRequest, default: str) -> str:
    """The ``next`` of the request when it is a page of this site, else ``default``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _assign_page(
    request: AuthenticatedHttpRequest,
    programme: Programme,
    form: AssignForm,
    bulk_form: BulkAssignForm,
    status: int = 200,
) -> HttpResponse:
    lagging = selectors.lagging_rows(selectors.programme_progress(programme))
    return render(
        request,
        "mentoring/assign.html",
        {
            "programme": programme,
            "form": form,
            "bulk_form": bulk_form,
            "lagging": lagging,
            "next": next_url(request, ""),
        },
        status=status,
    )


@login_required
def mentor_assign(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Assign a mentor to one team (the form) — the bulk form posts to ``mentor_assign_lagging``."""
    programme = mentoring_permissions.get_programme_for_mentoring(request.user, pk)
    if not mentoring_permissions.can_assign_mentors(request.user, programme):
        raise PermissionDenied
    mentors = mentoring_selectors.mentors_of_government(programme.government_id)
    initial: dict[str, Any] = {}
    if request.GET.get("kelompok", "").isdigit():
        initial["team"] = int(request.GET["kelompok"])
    form = AssignForm(
        request.POST or None,
        teams=mentoring_selectors.participating_teams(programme),
        mentors=mentors,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        team, mentor = form.cleaned_data["team"], form.cleaned_data["mentor"]
        try:
            mentoring_services.mentor_assign(
                actor=request.user, programme=programme, team=team, mentor=mentor
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("%(name)s kini mendampingi %(team)s.")
                % {"name": mentor.full_name, "team": team.name},
            )
            return redirect(next_url(request, _team_url(programme, team)))
    return _assign_page(request, programme, form, BulkAssignForm(mentors=mentors))


@login_required
@require_POST
def mentor_assign_lagging(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Share every lagging team without a mentor out over the chosen mentors."""
    programme = mentoring_permissions.get_programme_for_mentoring(request.user, pk)
    if not mentoring_permissions.can_assign_mentors(request.user, programme):
        raise PermissionDenied
    mentors = mentoring_selectors.mentors_of_government(programme.government_id)
    form = BulkAssignForm(request.POST, mentors=mentors)
    if form.is_valid():
        try:
            done = mentoring_services.mentor_assign_lagging(
                actor=request.user,
                programme=programme,
                team_ids=selectors.lagging_team_ids(programme),
                mentors=list(form.cleaned_data["mentors"]),
            )
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
        else:
            if done:
                messages.success(
                    request,
                    _("%(n)d kelompok yang tertinggal kini memiliki pendamping.")
                    % {"n": len(done)},
                )
            else:
                messages.info(request, _("Semua kelompok yang tertinggal sudah didampingi."))
            return redirect(next_url(request, _dashboard_url(programme)))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(next_url(request, _assign_url(programme)))


def _dashboard_url(programme: Programme) -> str:
    return reverse("monitoring:dashboard", args=[programme.pk])


def _assign_url(programme: Programme) -> str:
    return reverse("monitoring:mentor_assign", args=[programme.pk])


@login_required
def mentor_team(request: AuthenticatedHttpRequest, pk: int, team_pk: int) -> HttpResponse:
    """A team's mentoring in a programme: its mentor, sessions, and progress since each."""
    programme, team = mentoring_permissions.get_team_in_programme(request.user, pk, team_pk)
    progress = selectors.programme_progress(programme, unit_ids=[team.unit_id])
    row = next((r for r in progress.rows if r.team_id == team.pk), None)
    link = whatsapp.reminder_link(row, progress, request.user.full_name) if row else None
    can_assign = mentoring_permissions.can_assign_mentors(request.user, programme)
    return render(
        request,
        "mentoring/team.html",
        {
            "programme": programme,
            "team": team,
            "row": row,
            "progress": progress,
            "history": mentoring_selectors.team_history(team, programme),
            "whatsapp": link,
            "can_record": mentoring_permissions.can_record_session(request.user, team, programme),
            "can_assign": can_assign,
            "can_remind": permissions.can_remind_teams(request.user, programme)
            or mentoring_permissions.can_record_session(request.user, team, programme),
        },
    )
