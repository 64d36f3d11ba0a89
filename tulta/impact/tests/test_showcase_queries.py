"""The showcase list stays cheap as the catalogue grows: one query for all the verdicts it
shows, and no chart drawn for a list that shows none."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tulta.impact import selectors, services

from .conftest import add_indicator, finalize, start, team_in

pytestmark = pytest.mark.django_db


def _publish(world, programme, n: int, start_at: int = 0) -> None:
    for i in range(start_at, start_at + n):
        r = start(world.admin, team_in(world.unit, f"KBK Terbit {i}"), programme, tema=f"Tema {i}")
        add_indicator(world.admin, r, name="waktu", baseline=["40", "45", "50"], after=["15", "16"])
        finalize(r)
        services.risalah_publish(actor=world.admin, risalah=r, summary="")


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("impact:showcase")).status_code == 200
    return len(ctx.captured_queries)


def test_showcase_list_queries_do_not_grow_with_published_work(world, programme, client):
    _publish(world, programme, 2)
    few = _queries(client)
    _publish(world, programme, 6, start_at=2)
    assert _queries(client) == few


def test_list_verdicts_are_the_primary_indicators_without_charts(world, programme):
    _publish(world, programme, 2)
    results = list(selectors.showcase())
    verdicts = selectors.primary_verdicts(results)
    assert set(verdicts) == {r.pk for r in results}
    for verdict in verdicts.values():
        assert verdict.valid and verdict.improved
        assert verdict.chart_svg == ""


def test_a_changed_measurement_gives_a_new_verdict(world, programme):
    _publish(world, programme, 1)
    indicator = selectors.Indicator.objects.get()
    first = selectors.verdict_for(indicator)
    assert selectors.verdict_for(indicator).comparison == first.comparison
    indicator.after = ["44", "46", "45"]
    indicator.save()
    changed = selectors.verdict_for(indicator)
    assert changed.comparison.after != first.comparison.after
    assert not changed.counts
