"""Nobody approves or returns a step of a team they belong to, whatever other role brought them
to the review (issue #22.1): a mentor added to the team, a unit head who is its fasilitator."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tulta.core.models import Notification
from tulta.factories import MembershipFactory
from tulta.organizations.models import Membership
from tulta.risalah import permissions, selectors, services
from tulta.risalah.models import RisalahStep
from tulta.testing.risalah import fill

pytestmark = pytest.mark.django_db
S = RisalahStep.State


def _submitted(risalah, actor):
    step = risalah.steps.get(number=1)
    step = fill(step, actor=actor)
    return services.step_submit(actor=actor, step=step)


def _join(team, user, role=Membership.Role.ANGGOTA):
    MembershipFactory(team=team, user=user, role=role)


@pytest.mark.parametrize("decision", ["approve", "return"])
def test_a_mentor_added_to_the_team_cannot_review_its_step_on_the_page(
    world, risalah, client_for, decision
):
    _join(world.team, world.mentor)
    client = client_for(world.mentor)
    step = _submitted(risalah, world.mentor)
    page = client.get(reverse("risalah:step", args=[risalah.pk, 1]))
    assert page.status_code == 200
    assert 'name="decision"' not in page.content.decode()
    response = client.post(
        reverse("risalah:step_review", args=[risalah.pk, 1]),
        {"decision": decision, "comment": "Sudah baik"},
    )
    assert response.status_code == 403
    step.refresh_from_db()
    assert step.state == S.SUBMITTED


@pytest.mark.parametrize("decision", ["approve", "return"])
def test_a_unit_head_who_is_the_fasilitator_cannot_review_the_step_on_the_page(
    world, risalah, client_for, decision
):
    _join(world.team, world.unit_head, Membership.Role.FASILITATOR)
    step = _submitted(risalah, world.unit_head)
    response = client_for(world.unit_head).post(
        reverse("risalah:step_review", args=[risalah.pk, 1]),
        {"decision": decision, "comment": "Sudah baik"},
    )
    assert response.status_code == 403
    step.refresh_from_db()
    assert step.state == S.SUBMITTED


def test_a_reviewer_outside_the_team_still_reviews_on_the_page(world, risalah, client_for):
    _join(world.team, world.mentor)
    _submitted(risalah, world.chair)
    response = client_for(world.unit_head).post(
        reverse("risalah:step_review", args=[risalah.pk, 1]), {"decision": "approve"}
    )
    assert response.status_code == 302
    assert risalah.steps.get(number=1).state == S.APPROVED


@pytest.mark.parametrize("service", [services.step_approve, services.step_return])
def test_the_services_refuse_a_member_of_the_team_as_reviewer(world, risalah, service):
    _join(world.team, world.unit_head, Membership.Role.FASILITATOR)
    step = _submitted(risalah, world.chair)
    with pytest.raises(PermissionDenied, match="anggota kelompok KBK Cepat"):
        service(actor=world.unit_head, step=step, comment="Perbaiki data")
    step.refresh_from_db()
    assert step.state == S.SUBMITTED and step.reviewed_by is None


def test_can_review_step_says_no_to_members_whatever_their_other_role(world, risalah):
    assert permissions.can_review_step(world.mentor, risalah)
    assert permissions.can_review_step(world.unit_head, risalah)
    assert not permissions.can_review_step(world.chair, risalah)
    _join(world.team, world.mentor)
    _join(world.team, world.unit_head, Membership.Role.FASILITATOR)
    # Fresh copies: role look-ups are cached on the user object for one request.
    mentor = type(world.mentor).objects.get(pk=world.mentor.pk)
    head = type(world.unit_head).objects.get(pk=world.unit_head.pk)
    assert permissions.is_reviewer(mentor, risalah)  # still sees the risalah as a reviewer
    assert not permissions.can_review_step(mentor, risalah)
    assert not permissions.can_review_step(head, risalah)


def test_adding_a_reviewer_to_the_team_takes_its_steps_off_their_queue(world, risalah):
    step = _submitted(risalah, world.chair)
    assert list(selectors.reviews_waiting_for(world.mentor)) == [step]
    assert list(selectors.reviews_waiting_for(world.unit_head)) == [step]
    _join(world.team, world.mentor)
    assert list(selectors.reviews_waiting_for(world.mentor)) == []
    assert list(selectors.reviews_waiting_for(world.unit_head)) == [step]


def test_the_admin_sees_a_step_whose_reviewers_all_belong_to_the_team_as_needing_another(
    world, risalah, client_for
):
    step = _submitted(risalah, world.chair)
    assert not selectors.reviews_waiting_for(world.admin).get().needs_other_reviewer
    _join(world.team, world.mentor)
    assert not selectors.reviews_waiting_for(world.admin).get().needs_other_reviewer
    _join(world.team, world.unit_head, Membership.Role.FASILITATOR)
    queued = selectors.reviews_waiting_for(world.admin).get()
    assert queued == step and queued.needs_other_reviewer
    home = client_for(world.admin).get(reverse("home:home")).content.decode()
    assert "perlu peninjau lain" in home
    assert (
        "perlu peninjau lain"
        not in client_for(world.chair).get(reverse("home:home")).content.decode()
    )


def test_a_submitted_step_is_announced_to_reviewers_outside_the_team_only(world, risalah):
    _join(world.team, world.mentor)
    _join(world.team, world.unit_head, Membership.Role.FASILITATOR)
    _submitted(risalah, world.chair)
    told = set(
        Notification.objects.filter(message__contains="mengajukan langkah 1").values_list(
            "recipient_id", flat=True
        )
    )
    assert told == {world.admin.pk}
