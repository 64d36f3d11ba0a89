"""Who may do what in mentoring. One function per question, one fetch-and-check helper per
object: 404 for users of another government, 403 for insiders without the right.

- The programme admin assigns mentors and records sessions for any team of the government.
- A mentor has their own page, and records sessions for the teams they mentor.
- A team's mentoring page is open to the admin, leadership, the head of the team's unit (or a
  parent unit), the team's members and its mentor.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from tulta.accounts.models import Role, User
from tulta.organizations.models import Membership, Team
from tulta.organizations.permissions import (
    has_role,
    headed_unit_ids,
    in_government,
    is_programme_admin,
)
from tulta.risalah.models import Programme

from .models import MentoringSession
from .selectors import is_assigned_mentor


def can_view_mentor_page(user: User) -> bool:
    return (
        getattr(user, "is_authenticated", False)
        and user.government_id is not None
        and has_role(user, Role.MENTOR)
    )


def can_assign_mentors(user: User, programme: Programme) -> bool:
    return in_government(user, programme.government_id) and is_programme_admin(user)


def can_view_team_mentoring(user: User, team: Team, programme: Programme) -> bool:
    if not in_government(user, team.unit.government_id):
        return False
    return (
        is_programme_admin(user)
        or has_role(user, Role.LEADERSHIP)
        or team.unit_id in headed_unit_ids(user)
        or Membership.objects.filter(team=team, user=user).exists()
        or is_assigned_mentor(user, team, programme)
    )


def can_record_session(user: User, team: Team, programme: Programme) -> bool:
    if not in_government(user, team.unit.government_id):
        return False
    return is_programme_admin(user) or is_assigned_mentor(user, team, programme)


def get_programme_for_mentoring(user: User, pk: int) -> Programme:
    programme = Programme.objects.select_related("government", "method").filter(pk=pk).first()
    if programme is None or not in_government(user, programme.government_id):
        raise Http404
    return programme


def get_team_in_programme(
    user: User, programme_pk: int, team_pk: int, *, write: bool = False
) -> tuple[Programme, Team]:
    """The programme and one of its government's teams: 404 outside the government, 403 for
    insiders who may not see (or, with ``write``, record sessions for) the team."""
    programme = get_programme_for_mentoring(user, programme_pk)
    team = (
        Team.objects.select_related("unit", "unit__government")
        .filter(pk=team_pk, unit__government_id=programme.government_id)
        .first()
    )
    if team is None:
        raise Http404
    if not can_view_team_mentoring(user, team, programme):
        raise PermissionDenied
    if write and not can_record_session(user, team, programme):
        raise PermissionDenied
    return programme, team


def get_session_for_user(user: User, pk: int, *, write: bool = False) -> MentoringSession:
    session = (
        MentoringSession.objects.select_related(
            "programme", "programme__government", "team", "team__unit", "mentor"
        )
        .filter(pk=pk)
        .first()
    )
    if session is None or not in_government(user, session.programme.government_id):
        raise Http404
    if not can_view_team_mentoring(user, session.team, session.programme):
        raise PermissionDenied
    if write and not can_record_session(user, session.team, session.programme):
        raise PermissionDenied
    return session
