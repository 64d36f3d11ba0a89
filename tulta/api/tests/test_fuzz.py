"""Schemathesis generates requests from the OpenAPI schema — valid ones and broken ones — and
sends them to the app as the programme admin and as a team chair. Its conformance checks hold
the app to the schema: no server error, every status and content type documented, every body
as the schema says, and broken input refused.

Positive-data acceptance is left out for writes: a request valid by the schema's types can still
be refused by a rule the schema cannot state (a team needs a ketua, a judge scores only entries
assigned to them, a step is saved with the version it started from, ids must exist and belong to
the government), and those refusals are right. Reads must accept every valid request.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
)

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


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]
WRITES = {"POST", "PUT", "PATCH", "DELETE"}


def _call(case, token):
    checks = CHECKS if case.method.upper() in WRITES else [*CHECKS, positive_data_acceptance]
    case.call_and_validate(
        # identity: the GZip middleware would otherwise compress the answers under the checks
        headers={"Authorization": f"Token {token}", "Accept-Encoding": "identity"},
        checks=checks,
    )


# Schemathesis's coverage phase runs as Hypothesis's explicit examples: over 2,000 requests an
# identity, a few minutes on a shared machine. Generated examples only keep the module < 60 s.
FUZZ = settings(
    max_examples=8,
    deadline=None,
    phases=[Phase.generate],
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


@schema.parametrize()
@FUZZ
def test_the_admins_requests_conform_to_the_schema(case, tokens):
    _call(case, tokens["admin"])


@schema.parametrize()
@FUZZ
def test_a_team_chairs_requests_conform_to_the_schema(case, tokens):
    _call(case, tokens["chair"])
