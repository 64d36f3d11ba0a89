"""Who may see and do what in competitions. One function per question, one fetch-and-check
helper per object: 404 for outsiders (other government, or a judge's entry not assigned to
them), 403 for insiders without the right.

- The programme admin runs competitions: entries check, rounds, judges, draw, results, awards.
- A judge sees and scores only the entries assigned to them without a conflict of interest
  (``rules.conflict_reason``: own unit, member of the team, declared, or excluded).
- The organiser closes a round once every gap is decided and reopens it until the results are
  published (``can_reopen_round``).
- Team members enter their team's final risalah and see their own scores and the judges'
  feedback once a round closes; so does the entered risalah's mentor.
- The rapat juri: the organiser, and the round's chair once the round is closed, see every
  judge's totals and record adjusted scores; the chair (or the organiser) locks the round.
- Every employee of the government sees the competition, the schedule and votes for favorit.
- Anyone sees published results and checks a certificate.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from tulta.accounts.models import Role, User
from tulta.organizations.permissions import has_role, in_government, is_programme_admin
from tulta.risalah.permissions import STARTER_ROLES, member_role

from . import rules
from .models import Assignment, Competition, Entry, Round


def can_view_competition(user: User, competition: Competition) -> bool:
    return in_government(user, competition.programme.government_id)


def can_manage_competition(user: User, competition: Competition) -> bool:
    return can_view_competition(user, competition) and is_programme_admin(user)


def can_enter(user: User, competition: Competition, team_id: int) -> bool:
    if not can_view_competition(user, competition):
        return False
    return is_programme_admin(user) or member_role(user, team_id) in STARTER_ROLES


def is_judge(user: User) -> bool:
    return has_role(user, Role.JUDGE)


def can_score(user: User, assignment: Assignment) -> bool:
    """The assigned judge, in the government, without a conflict of interest
    (``rules.conflict_reason``: declared, excluded, own unit or member of the team)."""
    return (
        assignment.judge_id == getattr(user, "pk", None)
        and in_government(user, assignment.round.competition.programme.government_id)
        and not rules.conflict_reason(user, assignment.entry, assignment)
    )


def can_reopen_round(user: User, rnd: Round) -> bool:
    """The organiser reopens a closed round until the competition's results are published."""
    return (
        can_manage_competition(user, rnd.competition)
        and rnd.is_closed
        and not rnd.competition.results_public
    )


def can_see_team_scores(user: User, entry: Entry) -> bool:
    """Team members, the mentor of the entered risalah (for next year's pendampingan) and the
    admin see the entry's scores and feedback, from closed rounds only (the views read
    ``selectors.released_feedback``)."""
    if not can_view_competition(user, entry.competition):
        return False
    if is_programme_admin(user) or member_role(user, entry.team_id) is not None:
        return True
    return user.pk is not None and entry.risalah.mentor_id == user.pk


def can_hold_rapat(user: User, rnd: Round) -> bool:
    """The rapat juri page and its writes (adjusted scores): the organiser, and the round's
    chair once the round is closed (before that a judge sees only their own scores)."""
    if not can_view_competition(user, rnd.competition):
        return False
    if can_manage_competition(user, rnd.competition):
        return True
    return rnd.chair_id is not None and rnd.chair_id == user.pk and rnd.is_closed


def can_vote(user: User, competition: Competition) -> bool:
    return can_view_competition(user, competition) and competition.voting_open


def get_competition_for_user(user: User, pk: int, *, manage: bool = False) -> Competition:
    competition = (
        Competition.objects.select_related("programme", "programme__government")
        .filter(pk=pk)
        .first()
    )
    if competition is None or not can_view_competition(user, competition):
        raise Http404
    if manage and not can_manage_competition(user, competition):
        raise PermissionDenied
    return competition


def get_round_for_user(user: User, pk: int, *, manage: bool = False) -> Round:
    rnd = (
        Round.objects.select_related(
            "competition", "competition__programme", "competition__programme__government", "rubric"
        )
        .filter(pk=pk)
        .first()
    )
    if rnd is None or not can_view_competition(user, rnd.competition):
        raise Http404
    if manage and not can_manage_competition(user, rnd.competition):
        raise PermissionDenied
    return rnd


def get_round_for_rapat(user: User, pk: int) -> Round:
    """The round for its rapat juri: 404 outside the government, 403 for anyone but the
    organiser and (once closed) the chair."""
    rnd = get_round_for_user(user, pk)
    if not can_hold_rapat(user, rnd):
        raise PermissionDenied
    return rnd


def get_assignment_for_judge(user: User, round_pk: int, entry_pk: int) -> Assignment:
    """The judge's own assignment; anyone else (or a conflicted assignment) gets 404."""
    assignment = (
        Assignment.objects.select_related(
            "round",
            "round__rubric",
            "round__competition",
            "round__competition__programme",
            "entry",
            "entry__team",
            "entry__team__unit",
            "entry__risalah",
            "entry__risalah__programme",
        )
        .filter(round_id=round_pk, entry_id=entry_pk, judge_id=getattr(user, "pk", None))
        .first()
    )
    if assignment is None or not can_score(user, assignment):
        raise Http404
    return assignment


def get_entry_for_user(user: User, pk: int) -> Entry:
    entry = (
        Entry.objects.select_related("competition", "competition__programme", "team", "risalah")
        .filter(pk=pk)
        .first()
    )
    if entry is None or not can_view_competition(user, entry.competition):
        raise Http404
    if not can_see_team_scores(user, entry):
        raise PermissionDenied
    return entry
