from __future__ import annotations

import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tulta.testing.competitions import ensure_templates


@pytest.fixture(autouse=True)
def _templates(db):
    """Seeded by data migrations, which a flushed (live-server) database no longer has."""
    ensure_templates()


@pytest.fixture(autouse=True)
def _fresh_throttles():
    """Request counts per address live in the cache; each test starts with none."""
    cache.clear()


@pytest.fixture
def api_for():
    """``api_for(user)``: an API client authenticated by the user's token (anonymous for None)."""

    def make(user):
        client = APIClient()
        if user is not None:
            token, _ = Token.objects.get_or_create(user=user)
            client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make
