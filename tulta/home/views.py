"""The top floor: home pages, notifications and the audit history of units, teams and users.

These pages gather what every app below offers (organisations, risalah, the audit log), so
they live above all of them; no app imports ``tulta.home``.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from tulta.accounts.models import Role, User
from tulta.accounts.types import AuthenticatedHttpRequest
from tulta.core.audit import history_for
from tulta.core.models import AuditEvent
from tulta.core.notifications import mark_read, unread_for
from tulta.monitoring.overview import city_overview
from tulta.organizations import permissions, selectors
from tulta.organizations.models import Membership, Team, Unit
from tulta.risalah import selectors as risalah_selectors

HISTORY_MODELS: dict[str, type[Unit] | type[Team] | type[User]] = {
    "unit": Unit,
    "kelompok": Team,
    "pengguna": User,
}


@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    roles = permissions.user_roles(user)
    context: dict[str, object] = {
        "roles": roles,
        "roles_display": [str(Role(r).label) for r in sorted(roles)],
        "today": timezone.localdate(),
    }
    if user.government_id is None:
        return render(request, "home/home_platform.html", context)
    memberships = selectors.my_memberships(user)
    context["roles_display"] = _roles_display(roles, memberships)
    context["memberships"] = [
        {"membership": m, "attention": selectors.team_attention(m.team, m.member_count)}  # type: ignore[attr-defined]
        for m in memberships
    ]
    leads = Role.LEADERSHIP in roles
    if leads:
        # Leadership's home is the city's progress, not its structure (#21 point 3).
        context["city"] = city_overview(user.government_id)
    if roles & {Role.PROGRAMME_ADMIN, Role.MENTOR, Role.JUDGE} or (
        leads and context["city"] is None
    ):
        summary = selectors.government_summary(user.government_id)
        context["summary"] = summary
        context["summary_total"] = {
            "units": sum(r.units for r in summary),
            "units_without_team": sum(r.units_without_team for r in summary),
            "teams": sum(r.teams for r in summary),
            "members": sum(r.members for r in summary),
        }
    if roles & {Role.PROGRAMME_ADMIN, Role.MENTOR}:
        needing = selectors.teams_needing_attention(user.government_id)
        context["attention_teams"] = [
            {"team": t, "notes": selectors.team_attention(t, t.member_count)}  # type: ignore[attr-defined]
            for t in needing[:20]
        ]
        context["attention_total"] = needing.count()
    if Role.PROGRAMME_ADMIN in roles:
        context["recent_events"] = AuditEvent.objects.filter(
            government_id=user.government_id
        ).select_related("actor", "content_type")[:10]
    context["work"] = risalah_selectors.work_for_member(user)
    context["reviews"] = risalah_selectors.reviews_waiting_for(user)[:20]
    context["notifications"] = unread_for(user).select_related("actor")[:5]
    headed = permissions.headed_unit_ids(user)
    if headed:
        context["headed_teams"] = selectors.teams_visible_to(user).filter(unit_id__in=headed)
        context["headed_units"] = Unit.objects.filter(pk__in=headed).order_by("name")
    return render(request, "home/home.html", context)


def _roles_display(roles: frozenset[str], memberships: list[Membership]) -> list[str]:
    """The header's roles; a team member is named by their role in their teams ("Ketua KBK"),
    as the team's card names it, not by the generic "Anggota KBK"."""
    labels: list[str] = []
    for role in sorted(roles):
        if role == Role.TEAM_MEMBER:
            team_roles = dict.fromkeys(m.get_role_display() for m in memberships)
            if team_roles:
                labels.extend(_("%(role)s KBK") % {"role": r} for r in team_roles)
                continue
        labels.append(str(Role(role).label))
    return labels


@login_required
def history(request: AuthenticatedHttpRequest, model: str, pk: int) -> HttpResponse:
    """The audit trail of one unit, team or user, for the programme admin of its government."""
    model_class = HISTORY_MODELS.get(model)
    if model_class is None:
        raise Http404
    obj = model_class.objects.filter(pk=pk).first()
    if obj is None:
        raise Http404
    government_id = obj.unit.government_id if isinstance(obj, Team) else obj.government_id
    if not permissions.can_view_history(request.user, government_id):
        raise Http404
    return render(
        request,
        "home/history.html",
        {"object": obj, "events": history_for(obj)},
    )


@login_required
def notifications(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The user's own notifications; opening the page marks them read."""
    items = list(request.user.notifications.select_related("actor")[:100])
    response = render(request, "home/notifications.html", {"items": items})
    mark_read(request.user)
    return response
