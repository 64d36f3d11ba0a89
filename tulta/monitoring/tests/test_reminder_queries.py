"""send_reminders over many teams: its queries do not grow with the number of teams, steps
waiting for review or people to remind (one insert of notices per kind and programme)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tulta.core.models import Notification
from tulta.factories import UnitFactory, UserFactory
from tulta.mentoring import services as mentoring
from tulta.monitoring.services import reminders_send
from tulta.risalah.models import RisalahStep
from tulta.testing.monitoring import set_steps, start, team_in

pytestmark = pytest.mark.django_db

# The whole run for one programme: progress (nine), members, mentors, reminders already sent,
# notices, records; steps waiting, their teams' members, programme admins, keys sent, notices;
# actions; the savepoints of its transactions. Independent of the number of teams.
MAX_QUERIES = 30


def add_teams(world, programme, count: int, *, start_at: int) -> None:
    """``count`` teams, alternately in a unit with a head and in one without (their reviewer is
    then the programme admin); every one late on step 2, which waits for review, and every
    second one with a mentor."""
    headless = UnitFactory(government=world.government, name=f"Kelurahan {start_at}")
    for index in range(start_at, start_at + count):
        unit = world.unit if index % 2 else headless
        team = team_in(unit, f"KBK Beban {index}")
        risalah = start(team, programme)
        set_steps(risalah, approved=1, then=RisalahStep.State.SUBMITTED)
        if index % 2 == 0:
            mentor = UserFactory(government=world.government, roles=["mentor"])
            mentoring.mentor_assign(
                actor=world.admin, programme=programme, team=team, mentor=mentor
            )


def run_and_count() -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        report = reminders_send(email=False)
    return len(queries), report


def test_a_reminder_run_does_not_grow_with_the_number_of_teams(
    world, programme, django_assert_max_num_queries
):
    add_teams(world, programme, 3, start_at=0)
    few, few_report = run_and_count()
    assert few_report.deadline_notices > 0 and few_report.review_notices > 0

    add_teams(world, programme, 15, start_at=100)
    with django_assert_max_num_queries(MAX_QUERIES):
        report = reminders_send(email=False)
    assert report.deadline_notices >= 15 * 2  # two members of each new team at least
    assert report.review_notices >= 15
    many, _ = run_and_count()  # nothing new: every reminder was sent
    assert many <= few


def test_the_bounded_run_reminds_the_same_people_as_before(world, programme):
    add_teams(world, programme, 4, start_at=0)
    reminders_send(email=False)
    for risalah_step in RisalahStep.objects.filter(state=RisalahStep.State.SUBMITTED):
        team = risalah_step.risalah.team
        members = set(team.memberships.values_list("user_id", flat=True))
        expected = {risalah_step.risalah.mentor_id, team.unit.head_id} - {None} - members or {
            world.admin.pk
        }
        reminded = set(
            Notification.objects.filter(key__startswith=f"review:{risalah_step.pk}:").values_list(
                "recipient_id", flat=True
            )
        )
        assert reminded == expected, team.name
        for member in members:
            assert Notification.objects.filter(
                recipient_id=member, message__contains=team.name
            ).exists()


def test_metrics_count_the_reminders_a_run_sent(world, programme, client, settings):
    settings.METRICS_TOKEN = "metrics-token-uji-0123456789"

    def sent(kind: str) -> float:
        response = client.get(
            reverse("core:metrics"), HTTP_AUTHORIZATION=f"Bearer {settings.METRICS_TOKEN}"
        )
        prefix = f'tulta_reminders_sent_total{{kind="{kind}"}} '
        for line in response.content.decode().splitlines():
            if line.startswith(prefix):
                return float(line.removeprefix(prefix))
        return 0.0

    before = {kind: sent(kind) for kind in ("deadline", "review")}
    add_teams(world, programme, 2, start_at=0)
    report = reminders_send(email=False)
    assert report.deadline_notices > 0 and report.review_notices > 0
    assert sent("deadline") == before["deadline"] + report.deadline_notices
    assert sent("review") == before["review"] + report.review_notices
