"""Read-only rules of judging, shared by services, permissions, selectors and views.

``conflict_reason`` is THE conflict-of-interest rule: assigning a judge, saving a score (pages
and API), listing or showing an entry to a judge and re-checking open assignments after a
judge's unit or a team's members changed all ask it, so the rule cannot differ between them.
"""

from __future__ import annotations

from collections.abc import Collection

from django.utils.translation import gettext as _

from tulta.accounts.models import User
from tulta.organizations.models import Membership

from .models import Assignment, Entry


def member_team_ids(judge: User) -> set[int]:
    """The teams the judge is a member of (any role): one query, to pass to
    ``conflict_reason`` when checking many entries."""
    return set(Membership.objects.filter(user_id=judge.pk).values_list("team_id", flat=True))


def conflict_reason(
    judge: User,
    entry: Entry,
    assignment: Assignment | None = None,
    *,
    team_ids: Collection[int] | None = None,
) -> str:
    """Why ``judge`` may not score ``entry`` ("" when they may): a conflict the judge declared or
    an exclusion recorded on ``assignment``, the judge's own unit is the team's unit, or the
    judge is a member of the competing team (any role, fasilitator included). ``team_ids``:
    the judge's teams, from ``member_team_ids``, to save a query per entry."""
    if assignment is not None and assignment.has_conflict:
        if assignment.conflict_declared_at is not None:
            return _("Benturan kepentingan dinyatakan juri: %(reason)s") % {
                "reason": assignment.conflict_reason
            }
        return _("Dikeluarkan: %(reason)s") % {"reason": assignment.excluded_reason}
    return live_conflict(judge, entry, team_ids=team_ids)


def live_conflict(judge: User, entry: Entry, *, team_ids: Collection[int] | None = None) -> str:
    """The part of the rule that follows from who the judge is now (unit and memberships),
    whatever was recorded on an assignment."""
    team = entry.team
    if judge.unit_id is not None and team.unit_id == judge.unit_id:
        return _("Juri berasal dari unit yang sama dengan %(team)s (%(unit)s).") % {
            "team": team.name,
            "unit": team.unit,
        }
    ids = member_team_ids(judge) if team_ids is None else team_ids
    if team.pk in ids:
        return _("Juri adalah anggota %(team)s.") % {"team": team.name}
    return ""
