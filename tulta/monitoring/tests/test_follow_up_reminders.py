"""The reminders job reminds a team to measure its improvement again: once when the re-measure
comes close, once when it has passed, and not at all once it is recorded."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tulta.core.models import Notification
from tulta.impact import services as impact_services
from tulta.impact.selectors import add_months
from tulta.monitoring.services import reminders_send
from tulta.risalah import services as risalah_services
from tulta.risalah.models import Risalah, RisalahStep

pytestmark = pytest.mark.django_db


@pytest.fixture
def improved(world, programme):
    risalah = risalah_services.risalah_start(
        actor=world.admin, team=world.team, programme=programme, tema="KTP-el", judul="KTP-el"
    )
    indicator = impact_services.indicator_save(
        actor=world.chair,
        risalah=risalah,
        name="waktu tunggu",
        kind="cepat",
        unit="menit",
        direction="lower",
        data_form="values",
        statistic="mean",
        annual_volume=1000,
        target=None,
        baseline=["40", "45", "50", "44", "46"],
        after=["14", "15", "16", "15", "15"],
    )
    RisalahStep.objects.filter(risalah=risalah).update(state=RisalahStep.State.APPROVED)
    final_at = timezone.now() - dt.timedelta(days=180)
    Risalah.objects.filter(pk=risalah.pk).update(state=Risalah.State.FINAL, finalized_at=final_at)
    indicator.refresh_from_db()
    return indicator


def _follow_up_notices(world):
    return list(
        Notification.objects.filter(key__startswith="followup:").values_list("recipient_id", "key")
    )


def test_soon_then_passed_then_nothing_once_recorded(world, improved):
    due = add_months(timezone.localdate(improved.risalah.finalized_at), 6)
    reminders_send(today=due - dt.timedelta(days=2), email=False)
    soon = _follow_up_notices(world)
    members = {world.chair.pk, world.member.pk}
    assert {r for r, _k in soon} >= members
    assert all(k.endswith(":6:soon") for _r, k in soon)
    reminders_send(today=due - dt.timedelta(days=1), email=False)
    assert len(_follow_up_notices(world)) == len(soon)  # once per kind
    reminders_send(today=due + dt.timedelta(days=1), email=False)
    assert any(k.endswith(":6:passed") for _r, k in _follow_up_notices(world))
    count = len(_follow_up_notices(world))
    impact_services.follow_up_record(
        actor=world.chair,
        indicator=improved,
        months=6,
        values=["15", "14", "16", "15", "14"],
        unit="menit",
    )
    Notification.objects.filter(key__startswith="followup:").delete()
    reminders_send(today=due + dt.timedelta(days=2), email=False)
    assert _follow_up_notices(world) == [] and count > 0
