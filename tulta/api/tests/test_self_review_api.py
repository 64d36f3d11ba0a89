"""The API's approve and return refuse a reviewer who belongs to the team (issue #22.1)."""

from __future__ import annotations

import pytest

from tulta.factories import MembershipFactory
from tulta.organizations.models import Membership
from tulta.risalah import services
from tulta.risalah.models import RisalahStep
from tulta.testing.risalah import fill

pytestmark = pytest.mark.django_db
V1 = "/api/v1"


def _submitted(risalah, actor):
    step = fill(risalah.steps.get(number=1), actor=actor)
    return services.step_submit(actor=actor, step=step)


@pytest.mark.parametrize("action", ["approve", "return"])
@pytest.mark.parametrize(
    ("persona", "role"),
    [("mentor", Membership.Role.ANGGOTA), ("unit_head", Membership.Role.FASILITATOR)],
)
def test_a_reviewer_who_belongs_to_the_team_gets_403(
    api_for, world, risalah, persona, role, action
):
    user = getattr(world, persona)
    MembershipFactory(team=world.team, user=user, role=role)
    step = _submitted(risalah, user)
    response = api_for(user).post(
        f"{V1}/risalah/{risalah.pk}/steps/1/{action}/", {"comment": "Sudah"}, format="json"
    )
    assert response.status_code == 403
    step.refresh_from_db()
    assert step.state == RisalahStep.State.SUBMITTED


def test_a_reviewer_outside_the_team_still_approves(api_for, world, risalah):
    MembershipFactory(team=world.team, user=world.mentor, role=Membership.Role.ANGGOTA)
    _submitted(risalah, world.chair)
    response = api_for(world.unit_head).post(
        f"{V1}/risalah/{risalah.pk}/steps/1/approve/", {}, format="json"
    )
    assert response.status_code == 200 and response.json()["state"] == "approved"
