"""A user's roles come in one statement, and they are the roles the models say."""

from __future__ import annotations

import pytest

from tulta.accounts.models import Role, RoleGrant, User
from tulta.organizations import permissions
from tulta.organizations.models import Membership, Team, Unit
from tulta.testing.world import PERSONAS

pytestmark = pytest.mark.django_db


def _roles_from_the_models(user: User) -> frozenset[str]:
    """The definition, spelt out with the ORM."""
    roles = set(RoleGrant.objects.filter(user=user).values_list("role", flat=True))
    if Unit.objects.filter(head=user).exists():
        roles.add(Role.UNIT_HEAD.value)
    if Membership.objects.filter(user=user, team__is_active=True).exists():
        roles.add(Role.TEAM_MEMBER.value)
    return frozenset(roles)


def _fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "anonymous"])
def test_every_persona_gets_the_roles_the_models_say(world, persona):
    user = world.persona(persona)
    assert permissions.user_roles(_fresh(user)) == _roles_from_the_models(user)


def test_roles_take_one_query_and_are_remembered(world, django_assert_num_queries):
    user = _fresh(world.chair)
    with django_assert_num_queries(1):
        roles = permissions.user_roles(user)
        assert permissions.user_roles(user) is roles
    assert Role.TEAM_MEMBER in roles
    assert Role.PROGRAMME_ADMIN not in roles


def test_every_granted_role_and_both_derived_ones_come_along(world):
    for role in (Role.PROGRAMME_ADMIN, Role.MENTOR, Role.JUDGE, Role.LEADERSHIP):
        RoleGrant.objects.create(user=world.unit_head, role=role)
    Membership.objects.create(team=world.team, user=world.unit_head, role=Membership.Role.ANGGOTA)
    assert permissions.user_roles(_fresh(world.unit_head)) == {
        Role.PROGRAMME_ADMIN,
        Role.UNIT_HEAD,
        Role.MENTOR,
        Role.JUDGE,
        Role.LEADERSHIP,
        Role.TEAM_MEMBER,
    }


def test_a_member_only_of_inactive_teams_is_no_team_member(world):
    Team.objects.filter(pk=world.team.pk).update(is_active=False)
    assert Role.TEAM_MEMBER not in permissions.user_roles(_fresh(world.chair))


def test_heading_two_units_or_sitting_in_two_teams_counts_once(world):
    world.other_unit.head = world.unit_head
    world.other_unit.save()
    roles = permissions.user_roles(_fresh(world.unit_head))
    assert roles == {Role.UNIT_HEAD}


def test_a_role_granted_during_the_request_is_seen_after_forgetting(world):
    user = _fresh(world.outsider)
    assert permissions.user_roles(user) == frozenset()
    RoleGrant.objects.create(user=world.outsider, role=Role.MENTOR)
    permissions.forget_cached_roles(user)
    assert permissions.user_roles(user) == {Role.MENTOR}


def test_a_user_without_a_government_has_no_roles(world, django_assert_num_queries):
    operator = User.objects.create_user(email="op@example.id", password="x" * 12)
    with django_assert_num_queries(0):
        assert permissions.user_roles(operator) == frozenset()
