"""Benchmark of tulta.stats control charts against a same-run numpy floor.

Run from the project root::

    .venv/bin/python bench/bench_stats.py [--smoke]

For each case it prints the median wall time of several runs of ``control_chart``, the median
time of a *floor* -- one numpy pass over the same data that any implementation must make at
least (the subgroup means for xbar and R, the moving ranges for individuals, the proportions
for p) -- their ratio, and the targets of issue #3. Peak memory is measured with tracemalloc at
two input sizes; linear memory means the peak doubles when the input doubles. The script
always exits 0: it reports, it does not gate. R's qcc needs 2.5 s for the xbar chart, 7.6 s for
the individuals chart and cannot compute the R chart at this size (for comparison only). With
``--smoke`` it runs every case once on a hundredth of the data and judges no target (it only
shows that the benchmark still runs).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tulta.stats import control_chart

REPEATS = 7


def median_time(func: Callable[[], Any], repeats: int) -> float:
    func()  # warm up (imports, caches)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_bytes(func: Callable[[], Any]) -> int:
    tracemalloc.start()
    tracemalloc.reset_peak()
    try:
        func()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def verdict(ok: bool, smoke: bool) -> str:
    return "-" if smoke else ("PASS" if ok else "FAIL")


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--smoke", action="store_true", help="tiny data, one run each, no targets judged"
    )
    args = parser.parse_args()
    scale = 100 if args.smoke else 1
    repeats = 1 if args.smoke else REPEATS
    rng = np.random.default_rng(20240601)
    groups = rng.normal(74.0, 0.01, size=(200_000 // scale, 5))
    individuals = rng.normal(34.0, 0.5, size=1_000_000 // scale)
    sizes = rng.integers(50, 150, size=200_000 // scale).astype(float)
    defectives = rng.binomial(sizes.astype(int), 0.08).astype(float)

    cases: list[tuple[str, Callable[[], Any], Callable[[], Any], str, float | None, float]] = [
        (
            f"xbar {len(groups):,} x 5",
            lambda: control_chart(groups, "xbar"),
            lambda: groups.mean(axis=1),
            "data.mean(axis=1)",
            4.0,
            0.1,
        ),
        (
            f"R {len(groups):,} x 5",
            lambda: control_chart(groups, "R"),
            lambda: groups.mean(axis=1),
            "data.mean(axis=1)",
            4.0,
            0.1,
        ),
        (
            f"individuals {len(individuals):,}",
            lambda: control_chart(individuals, "individuals"),
            lambda: np.abs(np.diff(individuals)),
            "abs(diff(x))",
            10.0,
            0.1,
        ),
        (
            f"p {len(sizes):,} groups",
            lambda: control_chart(defectives, "p", sizes=sizes),
            lambda: defectives / sizes,
            "d / n",
            None,
            0.05,
        ),
    ]

    header = (
        f"{'case':<24}{'median':>10}{'floor':>10}{'ratio':>8}   {'target':<22}{'result':<7}floor = "
    )
    print(
        f"tulta.stats benchmark (median of {repeats} runs; numpy {np.__version__})"
        + (f"; SMOKE: 1/{scale} of the data, targets not judged" if args.smoke else "")
    )
    print(header)
    print("-" * len(header) + "-" * 18)
    results = []
    for name, run, floor_run, floor_name, max_ratio, max_seconds in cases:
        t = median_time(run, repeats)
        f = median_time(floor_run, repeats)
        ratio = t / f
        ok = t < max_seconds and (max_ratio is None or ratio <= max_ratio)
        target = (f"<= {max_ratio:g}x floor, " if max_ratio else "") + f"< {max_seconds:g} s"
        results.append(ok)
        print(
            f"{name:<24}{t * 1e3:>8.1f}ms{f * 1e3:>8.2f}ms{ratio:>7.1f}x   {target:<22}"
            f"{verdict(ok, args.smoke):<7}{floor_name}"
        )

    info = median_time(lambda: control_chart(individuals, "individuals").violations, 1)
    info_name = f"(info) individuals {len(individuals):,}"
    print(
        f"{info_name:<24}{info * 1e3:>8.1f}ms   incl. building the per-point "
        "`violations` tuple (lazy, built on first access)"
    )

    print()
    print("peak memory (tracemalloc) at two input sizes; linear means ratio ~2.0 (target <= 2.2)")
    memory_cases: list[tuple[str, Callable[[int], Callable[[], Any]], int]] = [
        (
            "xbar n x 5",
            lambda n: lambda: control_chart(groups[:n], "xbar"),
            100_000 // scale,
        ),
        (
            "individuals n",
            lambda n: lambda: control_chart(individuals[:n], "individuals"),
            500_000 // scale,
        ),
    ]
    for name, make, n in memory_cases:
        small = peak_bytes(make(n))
        large = peak_bytes(make(2 * n))
        ratio = large / small
        ok = ratio <= 2.2
        results.append(ok)
        print(
            f"{name:<24}n={n:>9,}: {small / 2**20:7.1f} MiB   n={2 * n:>9,}: "
            f"{large / 2**20:7.1f} MiB   ratio {ratio:4.2f}   {verdict(ok, args.smoke)}"
        )

    passed = sum(results)
    print()
    if args.smoke:
        print("SUMMARY: smoke run, targets not judged")
        return 0
    print(
        f"SUMMARY: {passed}/{len(results)} targets met"
        + ("" if passed == len(results) else " -- see FAIL rows above")
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
