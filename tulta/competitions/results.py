"""Totals, normalisation, judge harshness, outliers and ranking of a round. Pure Python on plain
data (no Django), so every number can be checked by hand.

Definitions (all over the scores of one round):

- A judge's weighted total for an entry: ``T = sum_c w_c * (x_c - min_c) / (max_c - min_c)``;
  it lies in ``0 .. sum(w)``.
- Raw total of an entry: the mean of its judges' ``T``.
- Normalised score (z-score per judge, rescaled to the rubric's range):
  ``z = (T - mean_j) / sd_j`` over the judge's own scored entries; the rescaled value is
  ``mean_all + z * sd_all``, where ``mean_all``/``sd_all`` are over every ``T`` in the round.
  ``sd`` is the population standard deviation; a judge with ``sd_j = 0`` (one entry or all equal)
  gets ``z = 0``. The result is clipped to ``0 .. sum(w)``. The entry's normalised total is the
  mean of its judges' rescaled values.
- Harshness of a judge: ``mean_j - mean_all`` (negative: harsher than the panel).
- An outlier is a ``T`` farther than ``OUTLIER_FRACTION`` of the rubric's range from the median
  of all judges' totals for the same entry (only when at least three judges scored it): with
  50, 50, 90 on a 100-point rubric the 90 is flagged (40 > 20 points). Not "> 2 SD from the
  entry's mean": with n judges no total can lie more than (n - 1) / sqrt(n) sample SD, or
  sqrt(n - 1) population SD, from their mean (1,79 and 2 for five), so that rule never fires on
  a panel of five; nor Tukey's 1.5 IQR, whose
  quartiles are unstable with three to five values. The median resists the outlier itself.
- Complete entries only: a judge's card for an entry is complete when every criterion is
  scored; an entry has a total (and a rank) only when the cards of every judge who counts for it
  are complete. Other entries are listed in ``RoundResult.incomplete`` ("belum lengkap") with
  what each card misses, and no card of theirs enters any mean, deviation or rank.
- Spread of an entry: the highest minus the lowest of its judges' totals, and their population
  standard deviation (shown in the rapat juri).
- Deciding score: the raw or normalised total (as the competition says), unless the panel
  recorded an adjusted score in the rapat juri (``adjusted``): then that one decides.
- Ranking: by the deciding score, then by each tie-break criterion's mean raw score, higher
  first; entries equal on all keys share a rank (1, 1, 3), never decided by list order.
- Predicate bands: absolute, per competition (``[{"name": "Emas", "min": 85}, ...]``); an
  entry takes the highest band whose minimum its deciding score reaches.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

OUTLIER_FRACTION = 0.2  # of the rubric's range: 20 points on a 100-point rubric


@dataclass(frozen=True)
class CriterionSpec:
    code: str
    weight: float
    min_score: float
    max_score: float


@dataclass(frozen=True)
class ScoreRow:
    judge: int
    entry: int
    criterion: str
    value: float


@dataclass
class EntryResult:
    entry: int
    raw: float
    normalised: float
    criteria: dict[str, float]  # mean raw score per criterion
    judge_totals: dict[int, float]
    rank: int = 0
    outliers: list[int] = field(default_factory=list)  # judges whose total is an outlier
    adjusted: float | None = None  # the panel's adjusted score, when recorded
    computed: float = 0.0  # raw or normalised, as the competition decides
    deciding: float = 0.0  # the score that ranks: adjusted, else computed

    @property
    def spread(self) -> float:
        """Highest minus lowest judge's total."""
        values = list(self.judge_totals.values())
        return max(values) - min(values) if values else 0.0

    @property
    def sd(self) -> float:
        """Population standard deviation of the judges' totals."""
        return _sd(list(self.judge_totals.values()))


@dataclass
class JudgeStat:
    judge: int
    mean: float
    sd: float
    harshness: float
    count: int


@dataclass
class IncompleteEntry:
    """An entry without a total: ``missing`` maps each judge whose card is not complete to the
    codes of the criteria they have not scored; ``filled`` to how many they have."""

    entry: int
    missing: dict[int, list[str]]
    filled: dict[int, int]


@dataclass
class RoundResult:
    entries: list[EntryResult]
    judges: list[JudgeStat]
    mean_all: float
    sd_all: float
    max_total: float
    incomplete: list[IncompleteEntry] = field(default_factory=list)


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _sd(values: list[float]) -> float:
    if len(values) < 2:
        return 0.0
    m = _mean(values)
    return math.sqrt(sum((v - m) ** 2 for v in values) / len(values))


def weighted_total(criteria: list[CriterionSpec], scores: dict[str, float]) -> float:
    """A judge's weighted total for one complete card (every criterion scored)."""
    missing = [c.code for c in criteria if c.code not in scores]
    if missing:
        raise ValueError(f"card incomplete: {missing}")
    total = 0.0
    for c in criteria:
        total += c.weight * (scores[c.code] - c.min_score) / (c.max_score - c.min_score)
    return total


def compute(
    criteria: list[CriterionSpec],
    scores: list[ScoreRow],
    *,
    decides_by: str = "raw",
    tie_breaks: list[str] | None = None,
    expected: Mapping[int, Collection[int]] | None = None,
    adjusted: Mapping[int, float] | None = None,
) -> RoundResult:
    """``expected`` maps an entry to the judges whose cards count for it (by default: the
    judges who scored it); an entry missing any criterion of any of them is incomplete.
    ``adjusted`` maps an entry to the panel's adjusted score, which then decides."""
    by_pair: dict[tuple[int, int], dict[str, float]] = defaultdict(dict)
    for s in scores:
        by_pair[(s.judge, s.entry)][s.criterion] = s.value
    judges_of: dict[int, set[int]] = defaultdict(set)
    for judge, entry in by_pair:
        judges_of[entry].add(judge)
    if expected is not None:
        for entry, js in expected.items():
            judges_of[entry] = set(js)
    codes = [c.code for c in criteria]
    incomplete: list[IncompleteEntry] = []
    for entry, js in sorted(judges_of.items()):
        missing = {
            j: [code for code in codes if code not in by_pair.get((j, entry), {})] for j in js
        }
        missing = {j: m for j, m in missing.items() if m}
        if missing or not js:
            filled = {j: len(by_pair.get((j, entry), {})) for j in sorted(js)}
            incomplete.append(IncompleteEntry(entry, dict(sorted(missing.items())), filled))
    left_out = {i.entry for i in incomplete}
    totals = {
        (judge, entry): weighted_total(criteria, by_pair[(judge, entry)])
        for entry, js in judges_of.items()
        if entry not in left_out
        for judge in js
    }
    max_total = sum(c.weight for c in criteria)

    all_t = list(totals.values())
    mean_all, sd_all = _mean(all_t), _sd(all_t)
    judge_vals: dict[int, list[float]] = defaultdict(list)
    for (judge, _entry), t in totals.items():
        judge_vals[judge].append(t)
    judges = [
        JudgeStat(
            judge=j,
            mean=_mean(v),
            sd=_sd(v),
            harshness=_mean(v) - mean_all,
            count=len(v),
        )
        for j, v in sorted(judge_vals.items())
    ]
    stat = {j.judge: j for j in judges}

    def rescaled(judge: int, t: float) -> float:
        js = stat[judge]
        z = (t - js.mean) / js.sd if js.sd > 0 else 0.0
        return min(max(mean_all + z * sd_all, 0.0), max_total)

    entry_judges: dict[int, dict[int, float]] = defaultdict(dict)
    for (judge, entry), t in totals.items():
        entry_judges[entry][judge] = t
    results = []
    for entry, jt in entry_judges.items():
        per_criterion = {
            c.code: _mean(
                [by_pair[(j, entry)][c.code] for j in jt if c.code in by_pair[(j, entry)]]
            )
            for c in criteria
        }
        outliers = []
        if len(jt) >= 3:
            middle = statistics.median(jt.values())
            outliers = [j for j, t in jt.items() if abs(t - middle) > OUTLIER_FRACTION * max_total]
        results.append(
            EntryResult(
                entry=entry,
                raw=_mean(list(jt.values())),
                normalised=_mean([rescaled(j, t) for j, t in jt.items()]),
                criteria=per_criterion,
                judge_totals=dict(jt),
                outliers=sorted(outliers),
            )
        )
    for r in results:
        r.computed = r.normalised if decides_by == "normalised" else r.raw
        r.adjusted = (adjusted or {}).get(r.entry)
        r.deciding = r.computed if r.adjusted is None else r.adjusted
    rank(results, decides_by=decides_by, tie_breaks=tie_breaks or [])
    return RoundResult(results, judges, mean_all, sd_all, max_total, incomplete)


def _key(r: EntryResult, decides_by: str, tie_breaks: list[str]) -> tuple[float, ...]:
    main = r.deciding
    # Rounded so that float noise never breaks (or makes) a tie.
    return tuple(round(v, 6) for v in [main, *(r.criteria.get(c, 0.0) for c in tie_breaks)])


def rank(results: list[EntryResult], *, decides_by: str, tie_breaks: list[str]) -> None:
    """Sort ``results`` best first and set ``rank``; equal keys share a rank (1, 2, 2, 4)."""
    results.sort(key=lambda r: (_key(r, decides_by, tie_breaks), -r.entry), reverse=True)
    previous = None
    for i, r in enumerate(results, start=1):
        key = _key(r, decides_by, tie_breaks)
        r.rank = results[i - 2].rank if previous == key else i
        previous = key


def band_for(score: float, bands: list[dict[str, object]]) -> str:
    """The highest band whose ``min`` the score reaches ("" when none): bands are absolute, so
    every entry that reaches the standard gets it, whatever its rank."""
    best = ""
    best_min = -math.inf
    for b in bands:
        low = float(str(b["min"]))
        if round(score, 6) >= low and low > best_min:
            best, best_min = str(b["name"]), low
    return best
