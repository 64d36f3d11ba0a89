"""Many offices have slow connections: a step page with its charts stays light."""

from __future__ import annotations

import gzip
import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from tulta.risalah import artefacts
from tulta.tools.tests.test_catalogue import SAMPLES

pytestmark = pytest.mark.django_db
BUDGET = 150 * 1024


def test_a_step_page_with_three_charts_transfers_under_150_kb(world, risalah, client_for):
    step = risalah.steps.get(number=1)
    step.risalah = risalah
    for code in ("pareto", "fishbone", "control_chart"):
        artefact = artefacts.artefact_create(actor=world.chair, step=step, tool=code)
        artefact.step = step
        artefacts.artefact_save(
            actor=world.chair,
            artefact=artefact,
            rows=SAMPLES[code],
            options={},
            title=code,
            base_version=artefact.version,
        )
    response = client_for(world.chair).get(
        reverse("risalah:step", args=[risalah.pk, 1]), HTTP_ACCEPT_ENCODING="gzip"
    )
    assert response["Content-Encoding"] == "gzip"
    html = gzip.decompress(response.content).decode()
    assert html.count("<svg") >= 3
    total = len(response.content)
    for path in re.findall(r'(?:src|href)="/static/([^"]+)"', html):
        with open(finders.find(path), "rb") as static_file:  # whitenoise serves these gzipped
            total += len(gzip.compress(static_file.read()))
    print(f"step page with three charts: {total / 1024:.0f} KB transferred")
    assert total < BUDGET, f"{total / 1024:.0f} KB"
