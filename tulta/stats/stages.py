"""Staged control limits and the process-change finder.

A process that was changed on purpose (the improvement took effect) is a new process: its
points are judged against limits computed from its own data, not from the old ones. Minitab
calls these *stages*, qicharts2 *parts*: :func:`staged_control_chart` computes each stage as a
chart on that stage alone (the same estimator, rules and options) and puts them side by side in
one :class:`~tulta.stats.ControlChart` whose ``stage_starts`` say where each stage begins. Run
rules never count across a stage boundary.

Where to split is the group's decision. :func:`find_process_changes` only proposes: it looks for
a *sustained shift* -- a run of ``run`` or more points in a row on one side of the centre line
(the we4 rule), starting after at least ``min_stage`` points of the current stage -- and says
so in plain Indonesian; after each proposed split it looks again in what follows, with the new
stage's own centre line.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from tulta.stats.control import ControlChart, control_chart
from tulta.stats.errors import StatsInputError
from tulta.stats.rules import DEFAULT_RULES

__all__ = ["ProcessChange", "find_process_changes", "staged_control_chart"]


def _rows(data: Any) -> list[Any]:
    """The points (values, counts or subgroup rows) as a list that slices by point."""
    if isinstance(data, np.ndarray):
        return list(data)
    if isinstance(data, (str, bytes)) or not isinstance(data, Sequence):
        raise StatsInputError("invalid_input", "Data peta kendali harus berupa daftar nilai.")
    return list(data)


def _slice(values: Any, lo: int, hi: int) -> Any:
    """``values[lo:hi]`` for per-point sizes; a scalar size (or None) applies to every point."""
    if values is None or np.ndim(values) == 0:
        return values
    return list(values)[lo:hi]


def _frozen(arr: np.ndarray) -> np.ndarray:
    arr = np.ascontiguousarray(arr)
    arr.setflags(write=False)
    return arr


def staged_control_chart(
    data: Any,
    chart: str = "individuals",
    *,
    starts: Sequence[int],
    sizes: Any = None,
    nsigmas: float | None = None,
    confidence_level: float | None = None,
    sigma_method: str | None = None,
    rules: tuple[str, ...] | list[str] | str | None = DEFAULT_RULES,
    exact: bool = False,
    center: float | None = None,
    std_dev: float | None = None,
    limits: tuple[float, float] | None = None,
) -> ControlChart:
    """A control chart in stages, each with the centre line and limits of a chart computed on
    that stage alone (:func:`tulta.stats.control_chart` with the same options).

    Args:
        data, chart, sizes: as for :func:`control_chart` (phase I only; sizes per point or one
            for all).
        starts: the 0-based first point of each stage, ascending, beginning with 0.
        center, std_dev, limits: not allowed -- a stage's limits come from its own data.

    Returns:
        A :class:`ControlChart` with every point in ``statistics`` (no phase II),
        ``stage_starts`` = ``starts``, per-point centre, sigma and limits of its stage, and the
        rule flags of each stage; ``observations`` are the last stage's.

    Raises:
        StatsInputError: bad stages (not ascending, not from the first point, beyond the data),
            a known value given, or any error of a stage's own chart, prefixed with the stage
            and its points ("Tahap 2 (titik 13–14): ...").
    """
    for name, value in (("center", center), ("std_dev", std_dev), ("limits", limits)):
        if value is not None:
            raise StatsInputError(
                "invalid_option",
                f"Pilihan {name} tidak berlaku untuk peta bertahap: garis tengah dan batas "
                "setiap tahap dihitung dari data tahap itu sendiri.",
                option=name,
            )
    points = _rows(data)
    n = len(points)
    bounds = _stage_bounds(starts, n)
    parts: list[ControlChart] = []
    for number, (lo, hi) in enumerate(bounds, start=1):
        try:
            parts.append(
                control_chart(
                    points[lo:hi],
                    chart,
                    sizes=_slice(sizes, lo, hi),
                    nsigmas=nsigmas,
                    confidence_level=confidence_level,
                    sigma_method=sigma_method,
                    rules=rules,
                    exact=exact,
                )
            )
        except StatsInputError as error:
            raise StatsInputError(
                error.code,
                f"Tahap {number} (titik {lo + 1}–{hi}): {error.message}",
                stage=number - 1,
                **error.where,
            ) from error
    offsets = [lo for lo, _hi in bounds]

    def joined(name: str) -> np.ndarray:
        return _frozen(np.concatenate([getattr(p, name) for p in parts]))

    def indices(name: str) -> np.ndarray:
        found = [getattr(p, name) + lo for p, lo in zip(parts, offsets, strict=True)]
        return _frozen(np.concatenate(found).astype(np.intp))

    last = parts[-1]
    return replace(
        last,
        statistics=joined("statistics"),
        sizes=joined("sizes"),
        center=joined("center"),
        std_dev=joined("std_dev"),
        lcl=joined("lcl"),
        ucl=joined("ucl"),
        rule_flags=joined("rule_flags"),
        beyond_limits=indices("beyond_limits"),
        violating_runs=indices("violating_runs"),
        stage_starts=tuple(offsets),
    )


def _stage_bounds(starts: Sequence[int], n: int) -> list[tuple[int, int]]:
    try:
        firsts = [int(s) for s in starts]
    except (TypeError, ValueError) as error:
        raise StatsInputError(
            "invalid_option", "Awal tahap harus berupa nomor titik.", option="starts"
        ) from error
    if not firsts:
        raise StatsInputError(
            "invalid_option", "Peta bertahap memerlukan sedikitnya satu tahap.", option="starts"
        )
    if firsts[0] != 0:
        raise StatsInputError(
            "invalid_option", "Tahap pertama harus mulai dari titik 1.", option="starts"
        )
    if any(b <= a for a, b in itertools.pairwise(firsts)):
        raise StatsInputError(
            "invalid_option",
            "Awal tahap harus berurutan naik, tanpa nomor titik yang sama.",
            option="starts",
        )
    if firsts[-1] >= n:
        raise StatsInputError(
            "invalid_option",
            f"Tahap mulai titik ke-{firsts[-1] + 1} berada di luar data ({n} titik).",
            option="starts",
        )
    return list(zip(firsts, [*firsts[1:], n], strict=True))


@dataclass(frozen=True)
class ProcessChange:
    """A proposed stage boundary: the process seems to change from point ``index`` (0-based).

    Attributes:
        index: the first point of the proposed new stage.
        direction: "naik" (the run is above the centre line) or "turun" (below).
        run: how many points in a row lie on that side from ``index``.
        message: the proposal in plain Indonesian, numbering points from 1.
    """

    index: int
    direction: str
    run: int
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "direction": self.direction,
            "run": self.run,
            "message": self.message,
        }


def _first_sustained_run(side: np.ndarray, run: int, earliest: int) -> tuple[int, int] | None:
    """(start, length) of the first run of ``run`` or more equal non-zero sides starting at
    ``earliest`` or later; a run already going on at ``earliest`` does not count."""
    edges = np.flatnonzero(np.diff(side)) + 1
    starts = np.concatenate([[0], edges])
    ends = np.concatenate([edges, [side.size]])
    for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
        if start >= earliest and side[start] != 0 and end - start >= run:
            return start, end - start
    return None


def find_process_changes(
    data: Any,
    chart: str = "individuals",
    *,
    sizes: Any = None,
    labels: Sequence[object] | None = None,
    run: int = 8,
    min_stage: int = 5,
    max_changes: int = 5,
) -> tuple[ProcessChange, ...]:
    """Propose where a chart's limits should split: each sustained shift of the process.

    From the first point, compute the chart of what remains (its own centre line) and look for
    the first run of ``run`` or more points in a row on one side of it that starts after at
    least ``min_stage`` points; propose a new stage there and look again from it. A run that
    begins with the stage itself is the stage's own level, not a change.

    Args:
        data, chart, sizes: as for :func:`control_chart`.
        labels: one label per point ("Minggu 13"), quoted in the messages.
        run: the run length that counts as a sustained shift (8, the we4 rule).
        min_stage: the fewest points a stage keeps before a change is proposed.
        max_changes: stop after this many proposals.

    Returns:
        The proposals in point order (empty when the process shows no sustained shift).
    """
    points = _rows(data)
    n = len(points)
    if labels is not None and len(labels) != n:
        raise StatsInputError(
            "invalid_option",
            f"Label titik harus {n} buah, satu untuk setiap titik; ada {len(labels)}.",
            option="labels",
        )
    run, min_stage = max(2, int(run)), max(2, int(min_stage))
    found: list[ProcessChange] = []
    first = 0
    while len(found) < max_changes and n - first >= min_stage + run:
        segment = control_chart(points[first:], chart, sizes=_slice(sizes, first, n), rules=())
        side = np.sign(segment.statistics - segment.center).astype(np.int8)
        hit = _first_sustained_run(side, run, min_stage)
        if hit is None:
            break
        start, length = hit
        index = first + start
        direction = "naik" if side[start] > 0 else "turun"
        found.append(
            ProcessChange(
                index=index,
                direction=direction,
                run=length,
                message=_proposal(index, direction, length, labels),
            )
        )
        first = index
    return tuple(found)


def _proposal(index: int, direction: str, length: int, labels: Sequence[object] | None) -> str:
    where = f"titik ke-{index + 1}" + (f" ({labels[index]})" if labels is not None else "")
    side = "di atas" if direction == "naik" else "di bawah"
    return (
        f"Mulai {where}, {length} titik berturut-turut {side} garis tengah: proses tampaknya "
        f"{direction} di sini. Bila memang ada perubahan (misalnya perbaikan mulai berlaku), "
        f"hitung batas kendali baru mulai {where}."
    )
