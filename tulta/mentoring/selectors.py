"""Reads for mentoring: who mentors a team, a mentor's teams and worklist, a team's history.

Imports nothing from ``tulta.risalah.services`` so that ``risalah_start`` may call
:func:`mentor_for` without an import cycle.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from tulta.accounts.models import Role, User
from tulta.organizations.models import Membership, Team
from tulta.risalah.models import Programme, Risalah, RisalahStep, StepComment

from .models import AgreedAction, MentorAssignment, MentoringSession


def active_assignment(team: Team, programme: Programme) -> MentorAssignment | None:
    return (
        MentorAssignment.objects.filter(team=team, programme=programme, active=True)
        .select_related("mentor")
        .first()
    )


def mentor_for(team: Team, programme: Programme) -> User | None:
    """The team's active mentor in ``programme``, for ``risalah_start`` to copy onto the new
    risalah (``Risalah.mentor`` then follows the assignment)."""
    assignment = active_assignment(team, programme)
    return assignment.mentor if assignment else None


def mentors_of_government(government_id: int) -> QuerySet[User]:
    """Active users of the government who hold the mentor role."""
    return (
        User.objects.filter(
            government_id=government_id, is_active=True, role_grants__role=Role.MENTOR
        )
        .distinct()
        .order_by("full_name")
    )


def participating_teams(programme: Programme) -> QuerySet[Team]:
    teams = Team.objects.filter(
        unit__government_id=programme.government_id, is_active=True
    ).select_related("unit")
    unit_ids = list(programme.units.values_list("pk", flat=True))
    if unit_ids:
        teams = teams.filter(unit_id__in=unit_ids)
    return teams.order_by("unit__name", "name")


def is_assigned_mentor(user: User, team: Team, programme: Programme) -> bool:
    """Whether ``user`` mentors ``team`` in ``programme``: an active assignment, or the mentor
    set on the team's risalah."""
    if not getattr(user, "is_authenticated", False):
        return False
    return (
        MentorAssignment.objects.filter(
            team=team, programme=programme, mentor=user, active=True
        ).exists()
        or Risalah.objects.filter(team=team, programme=programme, mentor=user).exists()
    )


# --- the mentor's own page ----------------------------------------------------------------


@dataclass
class MentoredTeam:
    programme: Programme
    team: Team
    risalah: Risalah | None
    current: RisalahStep | None
    waiting: list[RisalahStep]
    returned: list[RisalahStep]
    next_deadline: tuple[int, dt.date] | None
    days_late: int
    last_session: MentoringSession | None


@dataclass
class MentorPage:
    teams: list[MentoredTeam] = field(default_factory=list)
    waiting: list[RisalahStep] = field(default_factory=list)
    open_actions: list[AgreedAction] = field(default_factory=list)


def mentor_page(user: User, *, today: dt.date | None = None) -> MentorPage:
    """The teams ``user`` mentors in open programmes of their government, with what waits for
    them: steps to review, actions still open, and how far each team has come. A fixed number
    of queries, whatever the number of teams."""
    today = today or timezone.localdate()
    pairs: dict[tuple[int, int], None] = {}
    for team_id, programme_id in MentorAssignment.objects.filter(
        mentor=user, active=True, programme__is_open=True
    ).values_list("team_id", "programme_id"):
        pairs[(programme_id, team_id)] = None
    for team_id, programme_id in Risalah.objects.filter(
        mentor=user, programme__is_open=True
    ).values_list("team_id", "programme_id"):
        pairs[(programme_id, team_id)] = None
    if not pairs:
        return MentorPage(
            open_actions=list(
                AgreedAction.objects.filter(session__mentor=user, done=False)
                .select_related("session", "session__team", "owner")
                .order_by("due_on")
            )
        )
    team_ids = {t for _, t in pairs}
    programme_ids = {p for p, _ in pairs}
    teams = {t.pk: t for t in Team.objects.filter(pk__in=team_ids).select_related("unit")}
    programmes = {
        p.pk: p
        for p in Programme.objects.filter(pk__in=programme_ids).prefetch_related("deadlines")
    }
    risalah = {
        (r.programme_id, r.team_id): r
        for r in Risalah.objects.filter(
            programme_id__in=programme_ids, team_id__in=team_ids
        ).prefetch_related(
            Prefetch(
                "steps",
                # A step returned before comes back with what changed (on its review page).
                queryset=RisalahStep.objects.select_related("method_step")
                .annotate(
                    was_returned=Exists(
                        StepComment.objects.filter(step=OuterRef("pk"), kind="return")
                    )
                )
                .order_by("number"),
            )
        )
    }
    sessions: dict[tuple[int, int], MentoringSession] = {}
    for session in MentoringSession.objects.filter(
        programme_id__in=programme_ids, team_id__in=team_ids
    ).order_by("held_on", "id"):
        sessions[(session.programme_id, session.team_id)] = session  # the last one wins
    page = MentorPage()
    for programme_id, team_id in pairs:
        programme = programmes[programme_id]
        item = risalah.get((programme_id, team_id))
        if item is not None:
            item.team = teams[team_id]
        steps = list(item.steps.all()) if item else []
        for s in steps:
            s.risalah = item  # type: ignore[assignment]
        approved = {s.number for s in steps if s.state == RisalahStep.State.APPROVED}
        deadlines = sorted((d.step_number, d.due_on) for d in programme.deadlines.all())
        if item is not None and item.is_final:
            late_days = 0
            upcoming = None
        else:
            late_days = max(
                ((today - due).days for n, due in deadlines if due < today and n not in approved),
                default=0,
            )
            upcoming = next(
                ((n, due) for n, due in deadlines if due >= today and n not in approved), None
            )
        waiting = [s for s in steps if s.state == RisalahStep.State.SUBMITTED]
        page.teams.append(
            MentoredTeam(
                programme=programme,
                team=teams[team_id],
                risalah=item,
                current=next((s for s in steps if s.state != RisalahStep.State.APPROVED), None),
                waiting=waiting,
                returned=[s for s in steps if s.state == RisalahStep.State.RETURNED],
                next_deadline=upcoming,
                days_late=late_days,
                last_session=sessions.get((programme_id, team_id)),
            )
        )
        if item is not None and not item.is_final:
            page.waiting.extend(waiting)
    page.teams.sort(key=lambda t: (-t.days_late, t.team.unit.name, t.team.name))
    page.waiting.sort(key=lambda s: s.submitted_at or timezone.now())
    page.open_actions = list(
        AgreedAction.objects.filter(done=False)
        .filter(Q(session__mentor=user) | Q(session__team_id__in=team_ids))
        .select_related("session", "session__team", "owner")
        .order_by("due_on", "id")
    )
    return page


# --- a team's mentoring history -----------------------------------------------------------


@dataclass
class SessionEntry:
    session: MentoringSession
    approved_since: list[int]
    started_since: bool


@dataclass
class TeamHistory:
    assignment: MentorAssignment | None
    past_assignments: list[MentorAssignment]
    risalah: Risalah | None
    steps: list[RisalahStep]
    sessions: list[SessionEntry]


def team_history(team: Team, programme: Programme) -> TeamHistory:
    """The team's mentors and sessions in ``programme``, newest first, each session with the
    steps approved on or after its date: the team's progress since."""
    assignments = list(
        MentorAssignment.objects.filter(team=team, programme=programme)
        .select_related("mentor", "assigned_by")
        .order_by("-assigned_at", "-id")
    )
    risalah = Risalah.objects.filter(team=team, programme=programme).first()
    steps = list(risalah.steps.select_related("method_step").order_by("number")) if risalah else []
    approved_on = {
        s.number: timezone.localdate(s.reviewed_at)
        for s in steps
        if s.state == RisalahStep.State.APPROVED and s.reviewed_at
    }
    sessions = (
        MentoringSession.objects.filter(team=team, programme=programme)
        .select_related("mentor")
        .prefetch_related(
            "attendees",
            Prefetch("actions", queryset=AgreedAction.objects.select_related("owner")),
        )
        .order_by("-held_on", "-id")
    )
    entries = [
        SessionEntry(
            session=s,
            approved_since=sorted(n for n, day in approved_on.items() if day >= s.held_on),
            started_since=risalah is not None
            and timezone.localdate(risalah.created_at) >= s.held_on,
        )
        for s in sessions
    ]
    return TeamHistory(
        assignment=next((a for a in assignments if a.active), None),
        past_assignments=[a for a in assignments if not a.active],
        risalah=risalah,
        steps=steps,
        sessions=entries,
    )


def team_people(team: Team) -> QuerySet[User]:
    """The team's members, for attendance and action owners."""
    return User.objects.filter(
        pk__in=Membership.objects.filter(team=team).values("user_id")
    ).order_by("full_name")
