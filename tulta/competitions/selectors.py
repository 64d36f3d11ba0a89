"""Reads of competitions, scoped to the viewing user."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, Q, QuerySet

from tulta.accounts.models import Role, User

from . import rules
from .models import (
    Assignment,
    Award,
    Competition,
    Criterion,
    Entry,
    Feedback,
    JudgeDone,
    Round,
    RoundEntry,
    Score,
    ScoreAdjustment,
)
from .results import (
    OUTLIER_FRACTION,
    CriterionSpec,
    EntryResult,
    IncompleteEntry,
    RoundResult,
    ScoreRow,
    band_for,
    compute,
)


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
    it may); ``filled`` of ``criteria`` criteria are scored; ``total`` is the judge's weighted
    total so far (the criteria scored); ``position`` the entry's place in the drawn running
    order (None before the draw)."""

    assignment: Assignment
    conflict: str
    filled: int
    criteria: int
    total: float = 0.0
    position: int | None = None

    @property
    def complete(self) -> bool:
        return self.filled >= self.criteria


def judge_worklist(user: User) -> list[WorkRow]:
    """Every assignment of the judge with its conflict (if any), its progress and total so
    far, by competition, round and running order (then team). Five queries, whatever the
    number of assignments."""
    assignments = list(_judge_assignments(user))
    rounds = {a.round_id for a in assignments}
    team_ids = rules.member_team_ids(user)
    specs = {
        c.pk: c
        for c in Criterion.objects.filter(rubric__in={a.round.rubric_id for a in assignments})
    }
    sizes: dict[int, int] = defaultdict(int)
    for c in specs.values():
        sizes[c.rubric_id] += 1
    filled: dict[tuple[int, int], int] = defaultdict(int)
    totals: dict[tuple[int, int], float] = defaultdict(float)
    for round_id, entry_id, criterion_id, value in Score.objects.filter(
        judge=user, round__in=rounds
    ).values_list("round_id", "entry_id", "criterion_id", "value"):
        spec = specs.get(criterion_id)
        if spec is None:
            continue
        filled[(round_id, entry_id)] += 1
        totals[(round_id, entry_id)] += (
            float(spec.weight) * (float(value) - spec.min_score) / (spec.max_score - spec.min_score)
        )
    positions = {
        (r, e): p
        for r, e, p in RoundEntry.objects.filter(round__in=rounds).values_list(
            "round_id", "entry_id", "position"
        )
    }
    rows = [
        WorkRow(
            a,
            rules.conflict_reason(user, a.entry, a, team_ids=team_ids),
            filled[(a.round_id, a.entry_id)],
            sizes.get(a.round.rubric_id, 0),
            totals[(a.round_id, a.entry_id)],
            positions.get((a.round_id, a.entry_id)),
        )
        for a in assignments
    ]
    rows.sort(
        key=lambda r: (
            r.assignment.round.competition.name,
            r.assignment.round.number,
            r.position is None,
            r.position or 0,
            r.assignment.entry.team.name,
        )
    )
    return rows


@dataclass
class GelarRound:
    """One round on the judge's tablet: the rows in running order, the stage's group now and
    next (the same ``stage_now`` the stage timer shows), and whether the judge pressed
    "selesai"."""

    round: Round
    rows: list[WorkRow]
    stage: StageNow
    done: bool

    @property
    def all_scored(self) -> bool:
        return all(r.complete for r in self.rows if not r.conflict)

    def now_entry_id(self) -> int | None:
        return self.stage.slot.round_entry.entry_id if self.stage.slot else None

    def next_entry_id(self) -> int | None:
        return self.stage.next_slot.round_entry.entry_id if self.stage.next_slot else None


def judge_gelar(user: User, now: dt.datetime) -> list[GelarRound]:
    """The judge's list grouped by round, in the drawn running order, with the group on stage
    now and next. ``judge_worklist``'s five queries, one for "selesai", and one per round for
    its running order."""
    rows = judge_worklist(user)
    by_round: dict[int, list[WorkRow]] = {}
    rounds: dict[int, Round] = {}
    for r in rows:
        by_round.setdefault(r.assignment.round_id, []).append(r)
        rounds[r.assignment.round_id] = r.assignment.round
    done = set(
        JudgeDone.objects.filter(judge=user, round__in=list(rounds)).values_list(
            "round_id", flat=True
        )
    )
    return [
        GelarRound(rounds[pk], by_round[pk], stage_now(rounds[pk], now), pk in done)
        for pk in by_round
    ]


def next_in_order(user: User, slots: list[Slot], entry: Entry) -> Entry | None:
    """The judge's next entry to score after ``entry`` in the running order ``slots`` (the
    kelompok berikutnya): the first later slot the judge still scores (assigned, not
    conflicted nor excluded). One query."""
    ids = [s.round_entry.entry_id for s in slots]
    if entry.pk not in ids or not slots:
        return None
    mine = set(
        Assignment.objects.filter(
            round_id=slots[0].round_entry.round_id,
            judge_id=user.pk,
            conflict_declared_at=None,
            excluded_at=None,
        ).values_list("entry_id", flat=True)
    )
    for s in slots[ids.index(entry.pk) + 1 :]:
        if s.round_entry.entry_id in mine:
            return s.round_entry.entry
    return None


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
    """Totals, normalisation, harshness, outliers and ranking of the round (see results.py), with
    the panel's adjusted scores deciding where recorded. Five queries. Only the scores of
    judges whose cards count (``counted_cards``) are used; an entry whose
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
    adjusted = {
        e: float(v)
        for e, v in ScoreAdjustment.objects.filter(round=rnd).values_list("entry_id", "score")
    }
    return compute(
        criterion_specs(rnd),
        rows,
        decides_by=c.decides_by,
        tie_breaks=c.tie_breaks,
        expected=expected,
        adjusted=adjusted,
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
    rankings = []
    for rnd in rounds:
        rnd.competition = competition
        result = round_result(rnd)
        rows = [
            PublicRow(
                r.rank,
                *names.get(r.entry, ("", "")),
                r.deciding,
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


def stage_now(rnd: Round, now: dt.datetime, slots: list[Slot] | None = None) -> StageNow:
    """Which team is on stage, which segment (yel-yel, presentasi, tanya jawab) and how long is
    left, from the moment the stage clock was started. The stage timer and the judge's pages
    all ask this, so they show the same group. ``slots``: the round's ``running_order``, when
    the caller has it already."""
    slots = running_order(rnd) if slots is None else slots
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


# --- Rapat juri ----------------------------------------------------------------------------


@dataclass
class RapatJudge:
    """One judge's total for an entry in the rapat juri; ``outlier`` by ``results``' rule."""

    judge: User
    total: float | None
    outlier: bool


@dataclass
class RapatRow:
    entry: Entry
    result: EntryResult
    judges: list[RapatJudge]
    adjustment: ScoreAdjustment | None
    band: str


@dataclass
class RapatDone:
    judge: User
    done_at: dt.datetime | None


@dataclass
class Rapat:
    round: Round
    rows: list[RapatRow]
    incomplete: list[tuple[Entry, IncompleteEntry]]
    judges: list[User]
    done: list[RapatDone]
    max_total: float
    outlier_points: float


def rapat(rnd: Round) -> Rapat:
    """The rapat juri of a round: for each ranked entry the judges' totals with their spread,
    outliers flagged, raw and normalised totals side by side, any adjustment (with its reason)
    and the band of the deciding score; which judges pressed "selesai". Ten queries, whatever
    the number of entries and judges (``round_result``'s five, entries, judges, adjustments,
    done, and the competition's bands read from ``rnd.competition``)."""
    result = round_result(rnd)
    entries = {
        e.pk: e for e in Entry.objects.filter(round_entries__round=rnd).select_related("team__unit")
    }
    judge_ids = {a for a in rnd.assignments.values_list("judge_id", flat=True)}
    judges = sorted(User.objects.filter(pk__in=judge_ids), key=lambda u: (u.full_name, u.pk))
    adjustments = {
        a.entry_id: a
        for a in ScoreAdjustment.objects.filter(round=rnd).select_related("decided_by")
    }
    done = dict(JudgeDone.objects.filter(round=rnd).values_list("judge_id", "done_at"))
    bands = list(rnd.competition.bands or [])
    rows = []
    for r in result.entries:
        cells = [RapatJudge(j, r.judge_totals.get(j.pk), j.pk in r.outliers) for j in judges]
        rows.append(
            RapatRow(
                entries[r.entry], r, cells, adjustments.get(r.entry), band_for(r.deciding, bands)
            )
        )
    return Rapat(
        round=rnd,
        rows=rows,
        incomplete=[(entries[i.entry], i) for i in result.incomplete if i.entry in entries],
        judges=judges,
        done=[RapatDone(j, done.get(j.pk)) for j in judges],
        max_total=result.max_total,
        outlier_points=OUTLIER_FRACTION * result.max_total,
    )


# --- Feedback (SOFI) -----------------------------------------------------------------------


@dataclass
class FeedbackItem:
    """One criterion's (or the round's, ``criterion`` None) feedback from the judges."""

    criterion: Criterion | None
    strengths: list[str]
    improvements: list[str]


@dataclass
class RoundFeedback:
    round: Round
    items: list[FeedbackItem]


def released_feedback(entry: Entry) -> list[RoundFeedback]:
    """The feedback the entry's judges wrote, for closed rounds only (released at the close,
    never before), from judges whose cards count; per round, per criterion in the rubric's
    order, then the round as a whole. No judge's name: feedback teaches, it does not blame.
    Three queries."""
    rounds = list(
        entry.competition.rounds.filter(state=Round.State.CLOSED, round_entries__entry=entry)
        .select_related("rubric")
        .order_by("number")
    )
    counted = {
        (a.round_id, a.judge_id)
        for a in Assignment.objects.filter(entry=entry, round__in=rounds)
        if a.counts
    }
    rows = list(
        Feedback.objects.filter(entry=entry, round__in=rounds)
        .select_related("criterion")
        .order_by("criterion__position", "judge_id")
    )
    out = []
    for rnd in rounds:
        by_criterion: dict[int | None, FeedbackItem] = {}
        for f in rows:
            if f.round_id != rnd.pk or (rnd.pk, f.judge_id) not in counted:
                continue
            item = by_criterion.setdefault(f.criterion_id, FeedbackItem(f.criterion, [], []))
            if f.strengths:
                item.strengths.append(f.strengths)
            if f.improvements:
                item.improvements.append(f.improvements)
        items = [v for k, v in by_criterion.items() if k is not None]
        if None in by_criterion:
            items.append(by_criterion[None])
        out.append(RoundFeedback(rnd, items))
    return out


def judge_feedback(judge: User, rnd: Round, entry: Entry) -> dict[int | None, Feedback]:
    """The judge's own feedback for the entry, by criterion id (None: the round as a whole).
    A judge never sees another judge's feedback here."""
    return {f.criterion_id: f for f in Feedback.objects.filter(round=rnd, entry=entry, judge=judge)}


def special_award_suggestions(rnd: Round, result: RoundResult) -> dict[str, list[int]]:
    """Special awards that can be computed, for the panel to confirm: best presentation (the
    highest mean judges' score on a criterion coded ``presentasi`` in the round) and first
    risalah finished (the earliest ``finalized_at`` among the competition's accepted entries).
    Tied entries are all suggested. Best facilitator and most improved unit are the panel's
    choice. Two queries; ``result`` is the round's ``round_result``."""
    out: dict[str, list[int]] = {}
    if rnd.rubric.criteria.filter(code="presentasi").exists():
        means = {r.entry: round(r.criteria.get("presentasi", 0.0), 6) for r in result.entries}
        if means:
            top = max(means.values())
            out[Award.Kind.BEST_PRESENTATION] = sorted(e for e, v in means.items() if v == top)
    finished = [
        (pk, at)
        for pk, at in Entry.objects.filter(
            competition_id=rnd.competition_id,
            status=Entry.Status.ACCEPTED,
            risalah__finalized_at__isnull=False,
        ).values_list("pk", "risalah__finalized_at")
        if at is not None
    ]
    if finished:
        first = min(at for _pk, at in finished)
        out[Award.Kind.FIRST_RISALAH] = sorted(pk for pk, at in finished if at == first)
    return out


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
