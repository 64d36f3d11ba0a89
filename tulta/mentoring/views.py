from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tulta.accounts.models import User
from tulta.accounts.types import AuthenticatedHttpRequest
from tulta.monitoring import permissions as monitoring_permissions
from tulta.monitoring import selectors as monitoring_selectors
from tulta.monitoring import whatsapp
from tulta.organizations.models import Membership, Team
from tulta.risalah.models import Programme

from . import permissions, selectors, services
from .forms import AssignForm, BulkAssignForm, SessionForm, action_formset, action_specs
from .models import MentorAssignment, MentoringSession


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _next_url(request: AuthenticatedHttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@login_required
def mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The mentor's own page: their teams and what waits for them."""
    if request.user.government_id is None:
        raise Http404
    if not permissions.can_view_mentor_page(request.user):
        raise PermissionDenied
    return render(request, "mentoring/mine.html", {"page": selectors.mentor_page(request.user)})


def _assign_page(
    request: AuthenticatedHttpRequest,
    programme: Programme,
    form: AssignForm,
    bulk_form: BulkAssignForm,
    status: int = 200,
) -> HttpResponse:
    lagging = [
        r
        for r in monitoring_selectors.programme_progress(programme).rows
        if r.is_lagging and r.mentor_id is None
    ]
    return render(
        request,
        "mentoring/assign.html",
        {
            "programme": programme,
            "form": form,
            "bulk_form": bulk_form,
            "lagging": lagging,
            "next": _next_url(request, ""),
        },
        status=status,
    )


@login_required
def assign(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Assign a mentor to one team (the form) — the bulk form posts to ``assign_lagging``."""
    programme = permissions.get_programme_for_mentoring(request.user, pk)
    if not permissions.can_assign_mentors(request.user, programme):
        raise PermissionDenied
    mentors = selectors.mentors_of_government(programme.government_id)
    initial: dict[str, Any] = {}
    if request.GET.get("kelompok", "").isdigit():
        initial["team"] = int(request.GET["kelompok"])
    form = AssignForm(
        request.POST or None,
        teams=selectors.participating_teams(programme),
        mentors=mentors,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        team, mentor = form.cleaned_data["team"], form.cleaned_data["mentor"]
        try:
            services.mentor_assign(
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
            return redirect(_next_url(request, _team_url(programme, team)))
    return _assign_page(request, programme, form, BulkAssignForm(mentors=mentors))


def _team_url(programme: Programme, team: Team) -> str:
    return reverse("mentoring:team", args=[programme.pk, team.pk])


@login_required
@require_POST
def assign_lagging(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Share every lagging team without a mentor out over the chosen mentors."""
    programme = permissions.get_programme_for_mentoring(request.user, pk)
    if not permissions.can_assign_mentors(request.user, programme):
        raise PermissionDenied
    mentors = selectors.mentors_of_government(programme.government_id)
    form = BulkAssignForm(request.POST, mentors=mentors)
    if form.is_valid():
        try:
            done = services.mentor_assign_lagging(
                actor=request.user, programme=programme, mentors=list(form.cleaned_data["mentors"])
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
            return redirect(_next_url(request, _dashboard_url(programme)))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(_next_url(request, _assign_url(programme)))


def _dashboard_url(programme: Programme) -> str:
    return reverse("monitoring:dashboard", args=[programme.pk])


def _assign_url(programme: Programme) -> str:
    return reverse("mentoring:assign", args=[programme.pk])


@login_required
@require_POST
def unassign(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assignment = (
        MentorAssignment.objects.select_related("programme", "team", "mentor").filter(pk=pk).first()
    )
    if assignment is None or assignment.programme.government_id != request.user.government_id:
        raise Http404
    if not permissions.can_assign_mentors(request.user, assignment.programme):
        raise PermissionDenied
    try:
        services.mentor_unassign(actor=request.user, assignment=assignment)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(
            request,
            _("%(name)s tidak lagi mendampingi %(team)s.")
            % {"name": assignment.mentor.full_name, "team": assignment.team.name},
        )
    return redirect(_team_url(assignment.programme, assignment.team))


@login_required
def team(request: AuthenticatedHttpRequest, pk: int, team_pk: int) -> HttpResponse:
    """A team's mentoring in a programme: its mentor, sessions, and progress since each."""
    programme, team = permissions.get_team_in_programme(request.user, pk, team_pk)
    progress = monitoring_selectors.programme_progress(programme, unit_ids=[team.unit_id])
    row = next((r for r in progress.rows if r.team_id == team.pk), None)
    link = whatsapp.reminder_link(row, progress, request.user.full_name) if row else None
    can_assign = permissions.can_assign_mentors(request.user, programme)
    return render(
        request,
        "mentoring/team.html",
        {
            "programme": programme,
            "team": team,
            "row": row,
            "progress": progress,
            "history": selectors.team_history(team, programme),
            "whatsapp": link,
            "can_record": permissions.can_record_session(request.user, team, programme),
            "can_assign": can_assign,
            "can_remind": monitoring_permissions.can_remind_teams(request.user, programme)
            or permissions.can_record_session(request.user, team, programme),
        },
    )


def _owners(team: Team, mentor: User) -> Any:
    return User.objects.filter(
        Q(pk__in=Membership.objects.filter(team=team).values("user_id")) | Q(pk=mentor.pk)
    ).order_by("full_name")


def _session_form(
    request: AuthenticatedHttpRequest,
    programme: Programme,
    team: Team,
    session: MentoringSession | None,
) -> HttpResponse:
    mentor = session.mentor if session else (selectors.mentor_for(team, programme) or request.user)
    people = selectors.team_people(team)
    form = SessionForm(request.POST or None, instance=session, people=people)
    initial = (
        [
            {
                "pk": a.pk,
                "description": a.description,
                "owner": a.owner_id,
                "due_on": a.due_on,
                "done": a.done,
            }
            for a in session.actions.all()
        ]
        if session
        else []
    )
    formset = action_formset(request.POST or None, owners=_owners(team, mentor), initial=initial)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = dict(form.cleaned_data)
        attendees = data.pop("attendees")
        try:
            services.session_save(
                actor=request.user,
                programme=programme,
                team=team,
                session=MentoringSession.objects.get(pk=session.pk) if session else None,
                attendees=attendees,
                actions=action_specs(formset),
                **data,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Sesi pendampingan disimpan."))
            return redirect(_team_url(programme, team) + "#riwayat")
    return render(
        request,
        "mentoring/session_form.html",
        {
            "programme": programme,
            "team": team,
            "session": session,
            "form": form,
            "formset": formset,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def session_create(request: AuthenticatedHttpRequest, pk: int, team_pk: int) -> HttpResponse:
    programme, team = permissions.get_team_in_programme(request.user, pk, team_pk, write=True)
    return _session_form(request, programme, team, None)


@login_required
def session_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    session = permissions.get_session_for_user(request.user, pk, write=True)
    return _session_form(request, session.programme, session.team, session)
