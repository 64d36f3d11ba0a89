"""Priority scoring matrices: USG, CARL and MEER.

Each item (a problem, a cause, a solution) gets a score per criterion, on a scale (default
1..5); the scores are combined by sum or product and the items are ranked from the highest
total down. Ties share a rank (competition ranking: 1, 2, 2, 4) and keep their input order.

======  =========================================================  ===============
method  criteria (keys)                                            default combine
======  =========================================================  ===============
usg     urgency, seriousness, growth                               sum
carl    capability, accessibility, readiness, leverage             product
meer    mudah, efektif, efisien, rasional                          sum
======  =========================================================  ===============
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tulta.stats._validate import fmt, is_number
from tulta.stats.errors import StatsInputError

__all__ = ["METHODS", "ScoredItem", "Scoring", "ScoringMethod", "score"]


@dataclass(frozen=True)
class ScoringMethod:
    """A scoring matrix: its name, criterion keys, Indonesian labels and default combination."""

    name: str
    criteria: tuple[str, ...]
    labels: tuple[str, ...]
    aggregate: str


#: The available methods by name.
METHODS: dict[str, ScoringMethod] = {
    "usg": ScoringMethod(
        "usg",
        ("urgency", "seriousness", "growth"),
        ("Urgency (kemendesakan)", "Seriousness (keseriusan)", "Growth (perkembangan)"),
        "sum",
    ),
    "carl": ScoringMethod(
        "carl",
        ("capability", "accessibility", "readiness", "leverage"),
        (
            "Capability (kemampuan)",
            "Accessibility (kemudahan)",
            "Readiness (kesiapan)",
            "Leverage (daya ungkit)",
        ),
        "product",
    ),
    "meer": ScoringMethod(
        "meer",
        ("mudah", "efektif", "efisien", "rasional"),
        ("Mudah", "Efektif", "Efisien", "Rasional"),
        "sum",
    ),
}


@dataclass(frozen=True)
class ScoredItem:
    """One scored item: its label, its score per criterion, the combined total and its rank."""

    label: str
    scores: tuple[float, ...]
    total: float
    rank: int

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-serialisable form."""
        return {
            "label": self.label,
            "scores": [_plain(s) for s in self.scores],
            "total": _plain(self.total),
            "rank": self.rank,
        }


@dataclass(frozen=True)
class Scoring:
    """The result of :func:`score`: items from rank 1 down (ties in input order)."""

    method: str
    criteria: tuple[str, ...]
    aggregate: str
    items: tuple[ScoredItem, ...]

    @property
    def top(self) -> tuple[ScoredItem, ...]:
        """The item(s) ranked first."""
        return tuple(item for item in self.items if item.rank == 1)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-serialisable form."""
        return {
            "method": self.method,
            "criteria": list(self.criteria),
            "aggregate": self.aggregate,
            "items": [i.to_dict() for i in self.items],
        }


def _plain(value: float) -> float | int:
    return int(value) if float(value).is_integer() else float(value)


def _scores_of(
    label: str, raw: Any, method: ScoringMethod, low: float, high: float
) -> tuple[float, ...]:
    if isinstance(raw, Mapping):
        unknown = [k for k in raw if k not in method.criteria]
        if unknown:
            raise StatsInputError(
                "unknown_criterion",
                f"Kriteria {unknown[0]!r} pada {label!r} tidak dikenal untuk metode "
                f"{method.name.upper()} ({', '.join(method.criteria)}).",
                item=label,
                criterion=unknown[0],
            )
        missing = [c for c in method.criteria if c not in raw]
        if missing:
            raise StatsInputError(
                "missing_score",
                f"Skor {missing[0]!r} untuk {label!r} belum diisi.",
                item=label,
                criterion=missing[0],
            )
        values = [raw[c] for c in method.criteria]
    elif isinstance(raw, Sequence) and not isinstance(raw, str | bytes):
        values = list(raw)
        if len(values) != len(method.criteria):
            raise StatsInputError(
                "size_mismatch",
                f"{label!r} memerlukan {len(method.criteria)} skor "
                f"({', '.join(method.criteria)}), diberikan {len(values)}.",
                item=label,
            )
    else:
        raise StatsInputError(
            "invalid_option",
            f"Skor untuk {label!r} harus berupa daftar atau pasangan kriteria-skor.",
            item=label,
        )
    out = []
    for j, value in enumerate(values):
        name = method.labels[j]
        if not is_number(value) or not math.isfinite(float(value)):
            raise StatsInputError(
                "not_a_number",
                f"Skor {name} untuk {label!r} bukan angka.",
                item=label,
                criterion=method.criteria[j],
            )
        number = float(value)
        if not low <= number <= high:
            raise StatsInputError(
                "score_out_of_range",
                f"Skor {name} untuk {label!r} harus antara {fmt(low)} dan {fmt(high)} "
                f"(diberikan: {fmt(number)}).",
                item=label,
                criterion=method.criteria[j],
            )
        out.append(number)
    return tuple(out)


def score(
    items: Mapping[str, Any] | Sequence[tuple[str, Any]],
    method: str,
    *,
    aggregate: str | None = None,
    scale: tuple[float, float] = (1, 5),
) -> Scoring:
    """Score and rank items with the USG, CARL or MEER matrix.

    Args:
        items: ``{label: scores}`` or a sequence of ``(label, scores)``; scores are a sequence
            in the method's criterion order or a mapping ``{criterion: score}``.
        method: "usg", "carl" or "meer".
        aggregate: "sum" or "product"; default the method's own (see the module docstring).
        scale: the allowed (lowest, highest) score, inclusive.

    Raises:
        StatsInputError: unknown method or aggregate, no items, a duplicate label, a missing,
            extra or non-numeric score, a score outside the scale.
    """
    spec = METHODS.get(str(method).strip().lower())
    if spec is None:
        raise StatsInputError(
            "unknown_method",
            f"Metode {method!r} tidak dikenal; pilih dari: {', '.join(METHODS)}.",
            method=method,
        )
    how = spec.aggregate if aggregate is None else str(aggregate).strip().lower()
    if how not in ("sum", "product"):
        raise StatsInputError(
            "invalid_option",
            "Pilihan aggregate harus 'sum' atau 'product'.",
            option="aggregate",
        )
    low, high = (float(v) for v in scale)
    if not low < high:
        raise StatsInputError(
            "invalid_option", "Skala skor harus (terendah, tertinggi).", option="scale"
        )
    pairs = list(items.items()) if isinstance(items, Mapping) else list(items)
    if not pairs:
        raise StatsInputError("empty_data", "Belum ada butir yang dinilai.")
    seen: set[str] = set()
    scored: list[tuple[str, tuple[float, ...], float]] = []
    for label_raw, raw in pairs:
        label = str(label_raw)
        if label in seen:
            raise StatsInputError(
                "duplicate_item", f"Butir {label!r} muncul lebih dari sekali.", item=label
            )
        seen.add(label)
        values = _scores_of(label, raw, spec, low, high)
        total = math.fsum(values) if how == "sum" else math.prod(values)
        scored.append((label, values, total))
    order = sorted(range(len(scored)), key=lambda i: -scored[i][2])
    ranked: list[ScoredItem] = []
    for position, i in enumerate(order):
        label, values, total = scored[i]
        if ranked and ranked[-1].total == total:
            rank = ranked[-1].rank
        else:
            rank = position + 1
        ranked.append(ScoredItem(label=label, scores=values, total=total, rank=rank))
    return Scoring(method=spec.name, criteria=spec.criteria, aggregate=how, items=tuple(ranked))
