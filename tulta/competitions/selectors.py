"""Reads of competitions, scoped to the viewing user."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, Q, QuerySet

from tulta.accounts.models import Role, User

from . import rules
from .models import Assignment, Award, Competition, Criterion, Entry, Round, RoundEntry, Score
from .results import CriterionSpec, RoundResult, ScoreRow, compute


def competitions_visible_to(user: User) -> QuerySet[Competition]:
    if user.government_id is None:  # outside every government: nothing to see
        return Competition.objects.none()
    return Competition.objects.filter(programme__government_id=user.government_id).select_related(
        "programme"
    )


def _judge_assignments(user: User) -> QuerySet[Assignment]:
    if user.government_id is None:  # outside every government: nothing to see
        return Assignment.objects.none()
    return (
        Assignment.objects.filter(judge=user)
        .filter(round__competition__programme__government_id=user.government_id)
        .select_related(
            "round",
            "round__competition",
            "round__rubric",
            "entry",
            "entry__team",
            "entry__team__unit",
        )
        .order_by("round__competition__name", "round__number", "entry__team__name")
    )


def assignments_for_judge(user: User) -> list[Assignment]:
    """The judge's open work: assignments without a conflict of interest
    (``rules.conflict_reason``), in running order."""
    return [row.assignment for row in judge_worklist(user) if not row.conflict]


@dataclass
class WorkRow:
    """One assignment on the judge's list: ``conflict`` says why it may not be scored ("" when
    it may); ``filled`` of ``criteria`` criteria are scored."""

    assignment: Assignment
    conflict: str
    filled: int
    criteria: int

    @property
    def complete(self) -> bool:
        return self.filled >= self.criteria


def judge_worklist(user: User) -> list[WorkRow]:
    """Every assignment of the judge with its conflict (if any) and its progress. Four queries,
    whatever the number of assignments."""
    assignments = list(_judge_assignments(user))
    team_ids = rules.member_team_ids(user)
    filled = {
        (r["round_id"], r["entry_id"]): r["n"]
        for r in Score.objects.filter(judge=user, round__in={a.round_id for a in assignments})
        .values("round_id", "entry_id")
        .annotate(n=Count("id"))
        .order_by()
    }
    sizes = dict(
        Criterion.objects.filter(rubric__in={a.round.rubric_id for a in assignments})
        .values("rubric_id")
        .annotate(n=Count("id"))
        .values_list("rubric_id", "n")
    )
    return [
        WorkRow(
            a,
            rules.conflict_reason(user, a.entry, a, team_ids=team_ids),
            filled.get((a.round_id, a.entry_id), 0),
            sizes.get(a.round.rubric_id, 0),
        )
        for a in assignments
    ]


def judges_of(government_id: int) -> QuerySet[User]:
    """The active users holding the judge role in the government."""
    return User.objects.filter(
        government_id=government_id, is_active=True, role_grants__role=Role.JUDGE
    ).order_by("full_name", "pk")


@dataclass
class GridCell:
    """One judge × entry cell: ``assignment`` is None when the judge is not assigned;
    ``own_unit`` when the judge may never be; ``work`` counts their scores (and comment)."""

    judge: User
    assignment: Assignment | None
    own_unit: bool
    work: int

    @property
    def removable(self) -> bool:
        return self.assignment is not None and not self.assignment.has_conflict and not self.work


@dataclass
class GridRow:
    entry: Entry
    cells: list[GridCell]


@dataclass
class AssignmentGrid:
    judges: list[User]
    rows: list[GridRow]


def assignment_grid(rnd: Round) -> AssignmentGrid:
    """The round's judge × entry grid for the organiser: every judge of the government (and
    anyone still assigned who no longer is), every entry of the round. Four queries, whatever
    the size of the round."""
    assignments = list(rnd.assignments.select_related("judge"))
    by_cell = {(a.judge_id, a.entry_id): a for a in assignments}
    judges = {j.pk: j for j in judges_of(rnd.competition.programme.government_id)}
    for a in assignments:
        judges.setdefault(a.judge_id, a.judge)
    ordered = sorted(judges.values(), key=lambda j: (j.full_name, j.pk))
    work = {
        (r["judge_id"], r["entry_id"]): r["n"]
        for r in Score.objects.filter(round=rnd)
        .values("judge_id", "entry_id")
        .annotate(n=Count("id"))
        .order_by()
    }
    rows = []
    for re in rnd.round_entries.select_related("entry__team__unit").order_by("entry__team__name"):
        cells = []
        for judge in ordered:
            cell = by_cell.get((judge.pk, re.entry_id))
            n = work.get((judge.pk, re.entry_id), 0) + int(bool(cell and cell.comment))
            own = judge.unit_id is not None and judge.unit_id == re.entry.team.unit_id
            cells.append(GridCell(judge, cell, own, n))
        rows.append(GridRow(re.entry, cells))
    return AssignmentGrid(ordered, rows)


def criterion_specs(rnd: Round) -> list[CriterionSpec]:
    return [
        CriterionSpec(c.code, float(c.weight), float(c.min_score), float(c.max_score))
        for c in rnd.rubric.criteria.all()
    ]


def counted_cards(rnd: Round) -> dict[int, set[int]]:
    """Entry → the judges whose cards count for it: assignments of the round's entries that are
    not excluded or conflicted, and those the organiser decided to count anyway."""
    in_round = set(rnd.round_entries.values_list("entry_id", flat=True))
    counted: dict[int, set[int]] = {e: set() for e in in_round}
    for a in rnd.assignments.filter(entry_id__in=in_round):
        if a.counts:
            counted[a.entry_id].add(a.judge_id)
    return counted


def round_result(rnd: Round) -> RoundResult:
    """Totals, normalisation, harshness, outliers and ranking of the round (see results.py).
    Only the scores of judges whose cards count (``counted_cards``) are used; an entry whose
    counted cards are not all complete has no total and is listed as incomplete."""
    expected = counted_cards(rnd)
    rows = [
        ScoreRow(j, e, code, float(v))
        for j, e, code, v in Score.objects.filter(round=rnd).values_list(
            "judge_id", "entry_id", "criterion__code", "value"
        )
        if j in expected.get(e, ())
    ]
    c = rnd.competition
    return compute(
        criterion_specs(rnd),
        rows,
        decides_by=c.decides_by,
        tie_breaks=c.tie_breaks,
        expected=expected,
    )


@dataclass
class Gap:
    """A counted judge's card for an entry with criteria not scored."""

    assignment: Assignment
    missing: list[Criterion]


def round_gaps(rnd: Round) -> list[Gap]:
    """Every counted card of the round with its unscored criteria (entries × judges ×
    criteria), by team then judge. Four queries."""
    criteria = list(rnd.rubric.criteria.all())
    scored: dict[tuple[int, int], set[int]] = {}
    for j, e, c in Score.objects.filter(round=rnd).values_list(
        "judge_id", "entry_id", "criterion_id"
    ):
        scored.setdefault((j, e), set()).add(c)
    in_round = set(rnd.round_entries.values_list("entry_id", flat=True))
    gaps = []
    for a in (
        rnd.assignments.filter(entry_id__in=in_round)
        .select_related("judge", "entry__team")
        .order_by("entry__team__name", "judge__full_name", "pk")
    ):
        if not a.counts:
            continue
        done = scored.get((a.judge_id, a.entry_id), set())
        missing = [c for c in criteria if c.pk not in done]
        if missing:
            gaps.append(Gap(a, missing))
    return gaps


def conflicted_scores(rnd: Round) -> list[tuple[Assignment, int]]:
    """Assignments of the round that are excluded or conflicted but hold scores, with how many:
    flagged to the organiser, who may decide to count them."""
    n = {
        (r["judge_id"], r["entry_id"]): r["n"]
        for r in Score.objects.filter(round=rnd)
        .values("judge_id", "entry_id")
        .annotate(n=Count("id"))
        .order_by()
    }
    return [
        (a, n[(a.judge_id, a.entry_id)])
        for a in rnd.assignments.filter(
            Q(conflict_declared_at__isnull=False) | Q(excluded_at__isnull=False)
        )
        .select_related("judge", "entry__team")
        .order_by("entry__team__name", "judge__full_name")
        if (a.judge_id, a.entry_id) in n
    ]


@dataclass
class PublicRow:
    rank: int
    team: str
    unit: str
    score: float


@dataclass
class PublicRanking:
    round: Round
    rows: list[PublicRow]


def public_rankings(competition: Competition) -> list[PublicRanking]:
    """The ranking of every closed round, for the public results page: rank, team, unit and the
    deciding score (raw or normalised, as the competition says); no judge and no single score.
    A fixed number of queries per closed round, whatever the number of entries."""
    rounds = list(competition.rounds.filter(state=Round.State.CLOSED).order_by("number"))
    if not rounds:
        return []
    names = {
        pk: (team, unit)
        for pk, team, unit in Entry.objects.filter(competition=competition).values_list(
            "pk", "team__name", "team__unit__name"
        )
    }
    normalised = competition.decides_by == Competition.Decides.NORMALISED
    rankings = []
    for rnd in rounds:
        rnd.competition = competition
        result = round_result(rnd)
        rows = [
            PublicRow(
                r.rank,
                *names.get(r.entry, ("", "")),
                r.normalised if normalised else r.raw,
            )
            for r in sorted(result.entries, key=lambda r: r.rank)
        ]
        rankings.append(PublicRanking(rnd, rows))
    return rankings


@dataclass
class Slot:
    position: int
    round_entry: RoundEntry
    starts_at: dt.datetime | None


def running_order(rnd: Round) -> list[Slot]:
    """The drawn order with each slot's start time (from the round's start, if set)."""
    rows = list(
        rnd.round_entries.exclude(position=None)
        .select_related("entry__team__unit", "entry__risalah")
        .order_by("position")
    )
    start = rnd.starts_at or rnd.stage_started_at
    slot = dt.timedelta(minutes=rnd.slot_minutes)
    return [
        Slot(r.position or 0, r, start + i * slot if start else None) for i, r in enumerate(rows)
    ]


@dataclass
class StageNow:
    slot: Slot | None
    segment: str
    seconds_left: int
    next_slot: Slot | None
    finished: bool

    @property
    def clock(self) -> str:
        return f"{self.seconds_left // 60:02d}:{self.seconds_left % 60:02d}"


def stage_now(rnd: Round, now: dt.datetime) -> StageNow:
    """Which team is on stage, which segment (yel-yel, presentasi, tanya jawab) and how long is
    left, from the moment the stage clock was started."""
    slots = running_order(rnd)
    if rnd.stage_started_at is None or not slots:
        return StageNow(None, "", 0, slots[0] if slots else None, False)
    elapsed = int((now - rnd.stage_started_at).total_seconds())
    slot_seconds = rnd.slot_minutes * 60
    index = max(elapsed, 0) // slot_seconds
    if index >= len(slots):
        return StageNow(None, "", 0, None, True)
    within = max(elapsed, 0) - index * slot_seconds
    segments = [
        ("yel", rnd.yel_minutes * 60),
        ("presentation", rnd.presentation_minutes * 60),
        ("questions", rnd.questions_minutes * 60),
    ]
    for name, length in segments:
        if within < length:
            nxt = slots[index + 1] if index + 1 < len(slots) else None
            return StageNow(slots[index], name, length - within, nxt, False)
        within -= length
    return StageNow(None, "", 0, None, True)  # pragma: no cover - segments cover the slot


def announced_competitions() -> QuerySet[Competition]:
    """Every competition whose results are announced, for the public landing page: newest
    programme year first, with the government and the awards (in rank order, with group and
    unit) prefetched. Two queries whatever the number of competitions."""
    awards = Award.objects.select_related("entry__team__unit").order_by(
        F("rank").asc(nulls_last=True), "kind"
    )
    return (
        Competition.objects.filter(results_public=True)
        .select_related("programme__government")
        .prefetch_related(Prefetch("awards", queryset=awards))
        .order_by("-programme__year", "programme__government__name", "name", "pk")
    )
