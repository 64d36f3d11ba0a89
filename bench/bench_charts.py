"""Benchmark of tulta.charts: SVG render time per tool against a same-run matplotlib floor.

Run from the project root::

    .venv/bin/python bench/bench_charts.py [--smoke]

For every tool it prints the median wall time of drawing the sample chart of
``tulta/testing/chart_samples.py`` to SVG (input checks, layout, reading and SVG included), the
median time of a *floor* -- an empty matplotlib Figure saved to SVG, the least any matplotlib
renderer pays -- their ratio, and the target of the issue (< 100 ms per tool). Two stress cases
follow: a control chart of 2,000 points (target < 300 ms) and a fishbone of 200 causes
(target < 200 ms; it is the slowest layout). The PNG at 300 dpi (for Word) is timed for
information. The script always exits 0: it reports, it does not gate. With ``--smoke``
every case is drawn once (the stress cases at a tenth of their size) and no target is judged:
it only shows that the benchmark still runs.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from matplotlib.figure import Figure

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tulta import charts
from tulta.stats import control_chart
from tulta.testing.chart_samples import SAMPLES

REPEATS = 9


def median_ms(func: Callable[[], Any], repeats: int, warm_up: bool = True) -> float:
    if warm_up:
        func()  # warm up (imports, font caches)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000.0


def empty_svg() -> str:
    buffer = io.StringIO()
    Figure(figsize=(6.5, 4)).savefig(buffer, format="svg")
    return buffer.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--smoke", action="store_true", help="every case drawn once, small, no targets judged"
    )
    args = parser.parse_args()
    scale = 10 if args.smoke else 1
    repeats, png_repeats = (1, 1) if args.smoke else (REPEATS, 3)
    floor = median_ms(empty_svg, repeats, warm_up=not args.smoke)
    rng = np.random.default_rng(20240601)
    points = 2000 // scale
    big_chart = control_chart(rng.normal(45.0, 5.0, points), "individuals")
    big_causes = {
        c: [
            f"Penyebab nomor {i} pada kategori {c}"
            for i in range((34 if c != "Manusia" else 30) // scale)
        ]
        for c in charts.DEFAULT_CATEGORIES
    }
    causes = sum(len(v) for v in big_causes.values())
    cases: list[tuple[str, Callable[[], Any], float | None]] = [
        (name, make, 100.0) for name, make in SAMPLES.items()
    ]
    cases += [
        (f"control chart, {points:,} points", lambda: charts.control_chart(big_chart), 300.0),
        (
            f"fishbone, {causes} causes",
            lambda: charts.fishbone("Waktu tunggu lama", big_causes),
            200.0,
        ),
    ]
    if args.smoke:
        print("SMOKE: every case drawn once, stress cases at a tenth; targets not judged")
    print(f"floor: empty matplotlib Figure saved to SVG, median {floor:.1f} ms ({repeats} runs)\n")
    header = f"{'case':32} {'SVG ms':>8} {'x floor':>8} {'target':>8}  result"
    header += f"   {'PNG 300 dpi ms':>14}"
    print(header)
    print("-" * len(header))
    failed = 0
    # A smoke run draws one PNG only (0.3 s each here; the same code for every tool).
    png_cases = 1 if args.smoke else len(cases)
    for index, (name, make, target) in enumerate(cases):
        svg = median_ms(make, repeats, warm_up=not args.smoke)
        png = (
            median_ms(make().png, png_repeats, warm_up=not args.smoke)
            if index < png_cases
            else None
        )
        if target is None or args.smoke:
            verdict = "-"
        else:
            verdict = "PASS" if svg < target else "FAIL"
        failed += verdict == "FAIL"
        target_text = "-" if target is None else f"< {target:.0f}"
        row = f"{name:32} {svg:8.1f} {svg / floor:8.1f} {target_text:>8}  {verdict:6}"
        print(f"{row}   {'-':>14}" if png is None else f"{row}   {png:14.1f}")
    if args.smoke:
        print("\nsmoke run: targets not judged.")
    else:
        print(f"\n{len(cases) - failed - 1} of {len(cases) - 1} targets met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
