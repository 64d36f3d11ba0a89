from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tulta.competitions.tests.conftest import _templates, comp  # noqa: F401
from tulta.risalah.tests.conftest import programme, tulta_method  # noqa: F401


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
