"""Writes every tool's PNG to var/screenshots/charts/<tool>.png for people to look at."""

from __future__ import annotations

from pathlib import Path

import pytest

from tulta.charts.tests.helpers import outside, overlaps, png_image
from tulta.testing.chart_samples import SAMPLES, STRESS

OUT = Path(__file__).resolve().parents[3] / "var" / "screenshots" / "charts"


ALL = {**SAMPLES, **STRESS}


@pytest.mark.parametrize("tool", sorted(ALL))
def test_screenshot_is_written(tool: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{tool}.png"
    path.write_bytes(ALL[tool]().png())
    assert png_image(path.read_bytes()).size[0] >= 1800


@pytest.mark.parametrize("case", sorted(STRESS))
def test_hard_cases_keep_texts_apart_and_inside(case: str) -> None:
    chart = STRESS[case]()
    assert overlaps(chart) == [] and outside(chart) == []
