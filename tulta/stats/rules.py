"""Western Electric and Nelson rules for Shewhart charts, vectorised.

Rule names (``rules=`` of :func:`tulta.stats.control_chart`)::

    we1      1 point beyond the control limits                         (= nelson1)
    we2      2 of 3 in a row beyond 2σ on the same side                (= nelson5)
    we3      4 of 5 in a row beyond 1σ on the same side                (= nelson6)
    we4      8 in a row on the same side of the center line
    nelson1  1 point beyond the control limits
    nelson2  9 in a row on the same side of the center line
    nelson3  6 in a row steadily increasing or decreasing
    nelson4  14 in a row alternating up and down
    nelson5  2 of 3 in a row beyond 2σ on the same side
    nelson6  4 of 5 in a row beyond 1σ on the same side
    nelson7  15 in a row within 1σ of the center line (either side)
    nelson8  8 in a row beyond 1σ, on both sides of the center line

Conventions (those of R's qcc, with one fix):

- "Beyond" a limit or a zone boundary is strict: a point exactly on it is not beyond.
- A point exactly on the center line is on neither side, so it breaks a same-side run.
  A zero difference breaks a trend (nelson3) and an alternation (nelson4).
- A rule flags the point that completes its pattern and every later point while the pattern
  goes on; for the "k of m" rules (we2, we3, nelson5, nelson6) the flagged point is the last of
  the window and must itself be beyond the zone.
- The σ zones are ``center ± j·(nsigmas/3)·se`` with each point's own center and standard
  error, so every point of a window is judged against its own zones. (qcc judges the earlier
  points of a window by the latest point's zones, which differs only when limits vary from point
  to point.)
- Runs are evaluated over phase I and phase II together.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from tulta.stats.errors import StatsInputError

__all__ = ["ALL_RULES", "DEFAULT_RULES", "RULE_DESCRIPTIONS", "evaluate_rules", "normalize_rules"]

#: The default rules: beyond the limits, and 8 in a row on one side of the center.
DEFAULT_RULES: tuple[str, ...] = ("we1", "we4")

#: Every rule, in the canonical (alphabetical) order used in ``violations``.
ALL_RULES: tuple[str, ...] = (
    "nelson1", "nelson2", "nelson3", "nelson4", "nelson5", "nelson6", "nelson7", "nelson8",
    "we1", "we2", "we3", "we4",
)  # fmt: skip

#: An Indonesian description of every rule, for legends and tooltips.
RULE_DESCRIPTIONS: dict[str, str] = {
    "we1": "1 titik di luar batas kendali",
    "we2": "2 dari 3 titik berturut-turut di luar 2σ pada sisi yang sama",
    "we3": "4 dari 5 titik berturut-turut di luar 1σ pada sisi yang sama",
    "we4": "8 titik berturut-turut pada satu sisi garis tengah",
    "nelson1": "1 titik di luar batas kendali",
    "nelson2": "9 titik berturut-turut pada satu sisi garis tengah",
    "nelson3": "6 titik berturut-turut terus naik atau terus turun",
    "nelson4": "14 titik berturut-turut naik-turun bergantian",
    "nelson5": "2 dari 3 titik berturut-turut di luar 2σ pada sisi yang sama",
    "nelson6": "4 dari 5 titik berturut-turut di luar 1σ pada sisi yang sama",
    "nelson7": "15 titik berturut-turut di dalam 1σ dari garis tengah",
    "nelson8": "8 titik berturut-turut di luar 1σ pada kedua sisi garis tengah",
}

#: Rules that flag a point for being beyond the control limits (``beyond_limits``).
LIMIT_RULES = frozenset({"we1", "nelson1"})


def normalize_rules(rules: Iterable[str] | str | None) -> tuple[str, ...]:
    """Validate rule names and return them de-duplicated in canonical order."""
    if rules is None:
        return ()
    if isinstance(rules, str):
        rules = (rules,)
    chosen = set()
    for rule in rules:
        name = str(rule).strip().lower()
        if name not in ALL_RULES:
            raise StatsInputError(
                "unknown_rule",
                f"Aturan {rule!r} tidak dikenal; pilih dari: {', '.join(ALL_RULES)}.",
                rule=rule,
            )
        chosen.add(name)
    return tuple(r for r in ALL_RULES if r in chosen)


def _window_all(mask: np.ndarray, length: int) -> np.ndarray:
    """out[i] = mask[i-length+1..i] all true (False for the first length-1 points).

    Doubling: windows of 2, 4, 8, ... are ANDs of shifted halves, so a run test costs
    O(log length) vectorised passes.
    """
    n = mask.size
    out = np.zeros(n, dtype=bool)
    if length > n:
        return out
    span = 1
    acc = mask  # acc[k] = all(mask[k .. k+span-1])
    while span * 2 <= length:
        acc = acc[span:] & acc[:-span]
        span *= 2
    if span < length:
        rest = length - span
        acc = acc[rest:] & acc[: acc.size - rest]
    out[length - 1 :] = acc
    return out


def _window_count(mask: np.ndarray, length: int) -> np.ndarray:
    """out[i] = number of true values in mask[i-length+1..i] (0 for the first length-1 points)."""
    n = mask.size
    out = np.zeros(n, dtype=np.int16)
    if length > n:
        return out
    m = mask.view(np.uint8) if mask.dtype == bool else mask.astype(np.uint8)
    acc = m[length - 1 :].astype(np.int16)
    for shift in range(1, length):
        acc += m[length - 1 - shift : n - shift]
    out[length - 1 :] = acc
    return out


def _k_of_m(beyond_up: np.ndarray, beyond_down: np.ndarray, k: int, m: int) -> np.ndarray:
    up = (_window_count(beyond_up, m) >= k) & beyond_up
    down = (_window_count(beyond_down, m) >= k) & beyond_down
    return up | down


Level = np.ndarray | np.float64


def evaluate_rules(
    statistics: np.ndarray,
    center: Level,
    lcl: Level,
    ucl: Level,
    se: Level,
    nsigmas: float,
    rules: tuple[str, ...],
) -> dict[str, np.ndarray]:
    """A boolean mask per rule: which points (phase I and II together) the rule flags.

    ``center``, ``lcl``, ``ucl`` and ``se`` (the standard error of each point's statistic) are
    arrays broadcastable to ``statistics``. ``rules`` must already be normalised.
    """
    x = statistics
    out: dict[str, np.ndarray] = {}
    cache: dict[str, np.ndarray] = {}

    def beyond_limits() -> np.ndarray:
        if "limits" not in cache:
            cache["limits"] = (x > ucl) | (x < lcl)
        return cache["limits"]

    def sides() -> tuple[np.ndarray, np.ndarray]:
        if "above" not in cache:
            cache["above"] = x > center
            cache["below"] = x < center
        return cache["above"], cache["below"]

    def zone(j: float) -> tuple[np.ndarray, np.ndarray]:
        """Points strictly beyond center ± j·(nsigmas/3)·se, each by its own center and se."""
        up, down = f"zone{j}up", f"zone{j}down"
        if up not in cache:
            width = (nsigmas * j / 3.0) * se
            cache[up] = x > center + width
            cache[down] = x < center - width
        return cache[up], cache[down]

    def same_side_run(length: int) -> np.ndarray:
        above, below = sides()
        return _window_all(above, length) | _window_all(below, length)

    def diffs() -> tuple[np.ndarray, np.ndarray]:
        if "rise" not in cache:
            d = np.diff(x)
            cache["rise"] = d > 0
            cache["fall"] = d < 0
        return cache["rise"], cache["fall"]

    for rule in rules:
        if rule in LIMIT_RULES:
            out[rule] = beyond_limits()
        elif rule == "we4":
            out[rule] = same_side_run(8)
        elif rule == "nelson2":
            out[rule] = same_side_run(9)
        elif rule in ("we2", "nelson5"):
            out[rule] = _k_of_m(*zone(2), k=2, m=3)
        elif rule in ("we3", "nelson6"):
            out[rule] = _k_of_m(*zone(1), k=4, m=5)
        elif rule == "nelson3":
            rise, fall = diffs()
            flags = np.zeros(x.size, dtype=bool)
            flags[1:] = _window_all(rise, 5) | _window_all(fall, 5)
            out[rule] = flags
        elif rule == "nelson4":
            rise, fall = diffs()
            flags = np.zeros(x.size, dtype=bool)
            if x.size >= 3:
                alternating = (rise[1:] & fall[:-1]) | (fall[1:] & rise[:-1])
                flags[2:] = _window_all(alternating, 12)
            out[rule] = flags
        elif rule == "nelson7":
            up, down = zone(1)
            out[rule] = _window_all(~(up | down), 15)
        elif rule == "nelson8":
            up, down = zone(1)
            outside = _window_all(up | down, 8)
            out[rule] = outside & (_window_count(up, 8) > 0) & (_window_count(down, 8) > 0)
        else:  # pragma: no cover - normalize_rules guards this
            raise AssertionError(rule)
    return out
