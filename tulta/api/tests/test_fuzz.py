"""Schemathesis generates requests from the OpenAPI schema — valid ones and broken ones — and
sends them to the app as the programme admin and as a team chair: none may end in a server
error."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error

from tulta.factories import MembershipFactory, TeamFactory
from tulta.organizations.models import Membership
from tulta.risalah import services


@pytest.fixture
def api_schema(db):
    """The app called in-process, like Django's test client: without closing the database
    connection at the end of each request, which would end the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.fixture
def world(own_world):
    """Schemathesis asks for its fixtures inside the running test, too late to join the
    module's shared transaction: a world of the test's own."""
    return own_world


@pytest.fixture
def tokens(world, programme, comp):
    """Real objects to hit (a risalah in progress, a competition with final entries) and tokens
    to hit them."""
    team = TeamFactory(unit=world.unit, name="KBK Kedua")
    MembershipFactory(team=team, user=world.chair, role=Membership.Role.KETUA)
    services.risalah_start(
        actor=world.chair, team=team, programme=programme, tema="Antrean", judul="Turun"
    )
    return {
        name: Token.objects.get_or_create(user=getattr(world, name))[0].key
        for name in ("admin", "chair")
    }


def _call(case, token):
    case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=[not_a_server_error])


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_request_of_the_admin_ends_in_a_server_error(case, tokens):
    _call(case, tokens["admin"])


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_request_of_a_team_chair_ends_in_a_server_error(case, tokens):
    _call(case, tokens["chair"])
