"""``{% load mentoring %}{% mentoring_summary team %}``: a team's mentoring at a glance (mentor,
sessions, the latest one) with a link to its full history, for the team's own page. Shown only
to people who may see the team's mentoring page."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Count, Max

from tulta.organizations.models import Team
from tulta.risalah.models import Programme

from ..models import MentorAssignment, MentoringSession
from ..permissions import can_view_team_mentoring

register = template.Library()


@register.inclusion_tag("mentoring/_team_summary.html", takes_context=True)
def mentoring_summary(context: dict[str, Any], team: Team) -> dict[str, Any]:
    user = context["request"].user
    programmes = Programme.objects.filter(
        government_id=team.unit.government_id, is_open=True
    ).order_by("-year", "name")
    mentors = {
        a.programme_id: a.mentor
        for a in MentorAssignment.objects.filter(team=team, active=True).select_related("mentor")
    }
    sessions = {
        row["programme_id"]: row
        for row in MentoringSession.objects.filter(team=team)
        .values("programme_id")
        .annotate(n=Count("id"), last=Max("held_on"))
    }
    items = [
        {"programme": p, "mentor": mentors.get(p.pk), "sessions": sessions.get(p.pk)}
        for p in programmes
        if can_view_team_mentoring(user, team, p)
    ]
    return {"team": team, "items": items}
