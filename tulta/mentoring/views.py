from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tulta.accounts.models import User
from tulta.accounts.types import AuthenticatedHttpRequest
from tulta.organizations.models import Membership, Team
from tulta.risalah import permissions as risalah_permissions
from tulta.risalah import services as risalah_services
from tulta.risalah.forms import MentorForm
from tulta.risalah.models import Programme

from . import permissions, selectors, services
from .forms import SessionForm, action_formset, action_specs
from .models import MentorAssignment, MentoringSession


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


@login_required
def mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The mentor's own page: their teams and what waits for them."""
    if request.user.government_id is None:
        raise Http404
    if not permissions.can_view_mentor_page(request.user):
        raise PermissionDenied
    return render(request, "mentoring/mine.html", {"page": selectors.mentor_page(request.user)})


def _team_url(programme: Programme, team: Team) -> str:
    return reverse("monitoring:mentor_team", args=[programme.pk, team.pk])


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


@login_required
@require_POST
def risalah_mentor(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The mentor picker on the risalah page: assigns the team's mentor for the programme
    (which keeps ``Risalah.mentor`` in step), or ends the assignment when none is chosen."""
    risalah = risalah_permissions.get_risalah_for_user(request.user, pk)
    if not risalah_permissions.can_assign_mentor(request.user, risalah):
        raise PermissionDenied
    form = MentorForm(request.POST, government_id=risalah.programme.government_id)
    if form.is_valid():
        mentor = form.cleaned_data["mentor"]
        try:
            if mentor is not None:
                services.mentor_assign(
                    actor=request.user,
                    programme=risalah.programme,
                    team=risalah.team,
                    mentor=mentor,
                )
            else:
                current = selectors.active_assignment(risalah.team, risalah.programme)
                if current is not None:
                    services.mentor_unassign(actor=request.user, assignment=current)
                risalah_services.risalah_assign_mentor(
                    actor=request.user, risalah=risalah, mentor=None
                )
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, _("Pendamping disimpan."))
    else:
        messages.error(request, _("Pilih pendamping dari daftar."))
    return redirect("risalah:detail", pk=risalah.pk)
