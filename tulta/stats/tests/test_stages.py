"""Staged control limits (each stage its own centre line and limits, as qcc/Minitab "stages")
and the process-change finder that proposes where the limits should split."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from tulta.stats import StatsInputError, control_chart, find_process_changes, staged_control_chart

RNG = np.random.default_rng(20261204)
LEVEL_1 = RNG.normal(45.0, 2.0, 14)
LEVEL_2 = RNG.normal(15.0, 1.5, 16)
SHIFTED = np.concatenate([LEVEL_1, LEVEL_2])


def _same(staged: np.ndarray, alone: np.ndarray) -> None:
    np.testing.assert_allclose(staged, alone, rtol=1e-12, atol=0)


CASES = [
    ("individuals", SHIFTED.tolist(), None),
    ("xbar", RNG.normal(10, 1, (30, 4)).tolist(), None),
    ("R", RNG.normal(10, 1, (30, 4)).tolist(), None),
    ("S", RNG.normal(10, 1, (30, 5)).tolist(), None),
    ("p", RNG.integers(0, 12, 30).tolist(), RNG.integers(40, 60, 30).tolist()),
    ("np", RNG.integers(1, 12, 30).tolist(), [50] * 30),
    ("c", RNG.integers(1, 15, 30).tolist(), None),
    ("u", RNG.integers(1, 15, 30).tolist(), RNG.integers(5, 9, 30).tolist()),
]


@pytest.mark.parametrize(("kind", "data", "sizes"), CASES, ids=[c[0] for c in CASES])
def test_every_stage_has_the_limits_of_a_chart_computed_on_that_stage_alone(
    kind: str, data: list, sizes: list | None
) -> None:
    starts = (0, 10, 21)
    staged = staged_control_chart(data, kind, starts=starts, sizes=sizes, rules=("we1", "we4"))
    assert staged.stage_starts == starts
    assert staged.n_points == 30 and staged.new_statistics.size == 0
    bounds = [*starts, 30]
    for i, (lo, hi) in enumerate(itertools.pairwise(bounds)):
        alone = control_chart(
            data[lo:hi], kind, sizes=None if sizes is None else sizes[lo:hi], rules=("we1", "we4")
        )
        _same(staged.statistics[lo:hi], alone.statistics)
        _same(staged.center[lo:hi], alone.center)
        _same(staged.lcl[lo:hi], alone.lcl)
        _same(staged.ucl[lo:hi], alone.ucl)
        _same(staged.std_dev[lo:hi], alone.std_dev)
        assert staged.rule_flags[lo:hi].tolist() == alone.rule_flags.tolist()
        assert [
            j - lo for j in staged.beyond_limits if lo <= j < hi
        ] == alone.beyond_limits.tolist()
        assert staged.stage_bounds[i] == (lo, hi)


def test_runs_do_not_cross_a_stage_boundary() -> None:
    # 6 high points ending stage 1 and 6 high points opening stage 2: 12 on one side of the
    # whole chart's centre, but never 8 within one stage.
    stage1 = [10, 11, 9, 10, 11, 9, 12, 12, 12, 12, 12, 12]
    stage2 = [12, 12, 12, 12, 12, 12, 9, 10, 11, 9, 10, 11, 9]
    staged = staged_control_chart(stage1 + stage2, "individuals", starts=(0, 12))
    assert staged.violating_runs.size == 0


def test_the_last_stage_is_the_current_process_for_capability() -> None:
    staged = staged_control_chart(SHIFTED.tolist(), "individuals", starts=(0, 14))
    np.testing.assert_allclose(staged.observations, LEVEL_2)
    assert staged.to_dict()["stage_starts"] == [0, 14]


def test_a_plain_chart_has_one_stage() -> None:
    chart = control_chart(SHIFTED.tolist(), "individuals")
    assert chart.stage_starts == (0,)
    assert chart.stage_bounds == ((0, 30),)


@pytest.mark.parametrize(
    ("starts", "message"),
    [
        ((0, 0, 5), "berurutan"),
        ((0, 29), "Tahap 2 (titik 30–30)"),
        ((0, 31), "di luar data"),
        ((3, 10), "mulai dari titik 1"),
        ((), "sedikitnya satu"),
    ],
)
def test_bad_stages_say_which_stage_and_why(starts: tuple[int, ...], message: str) -> None:
    with pytest.raises(StatsInputError) as caught:
        staged_control_chart(SHIFTED.tolist(), "individuals", starts=starts)
    assert message in caught.value.message


def test_known_values_do_not_apply_to_stages() -> None:
    with pytest.raises(StatsInputError, match="center"):
        staged_control_chart(SHIFTED.tolist(), "individuals", starts=(0, 14), center=3.0)


def test_the_finder_proposes_the_sustained_shift() -> None:
    changes = find_process_changes(SHIFTED.tolist(), "individuals")
    assert [c.index for c in changes] == [14]
    change = changes[0]
    assert change.direction == "turun"
    assert change.run >= 8
    assert "titik ke-15" in change.message and "di bawah garis tengah" in change.message
    assert "turun" in change.message


def test_the_finder_uses_point_labels_when_given() -> None:
    labels = [f"Minggu {i + 1}" for i in range(30)]
    (change,) = find_process_changes(SHIFTED.tolist(), "individuals", labels=labels)
    assert "(Minggu 15)" in change.message


def test_the_finder_finds_two_shifts_and_none_in_a_stable_process() -> None:
    three = np.concatenate([LEVEL_1, LEVEL_2, RNG.normal(30.0, 1.5, 15)])
    assert [c.index for c in find_process_changes(three.tolist(), "individuals")] == [14, 30]
    stable = np.tile([10.0, 11.0, 9.5, 10.5, 9.0, 11.5], 6)  # never 8 on one side
    assert find_process_changes(stable.tolist(), "individuals") == ()


def test_the_finder_works_on_attribute_charts() -> None:
    defects = [9, 11, 10, 12, 8, 10, 11, 9, 10, 12, 3, 2, 4, 3, 2, 3, 4, 2, 3, 2]
    (change,) = find_process_changes(defects, "p", sizes=[100] * 20)
    assert change.index == 10 and change.direction == "turun"


def test_the_finder_wants_enough_points_on_each_side() -> None:
    # A shift two points before the end is not a sustained one.
    values = [10, 11, 9, 10, 11, 9, 10, 11, 9, 10, 20, 21]
    assert find_process_changes(values, "individuals") == ()
