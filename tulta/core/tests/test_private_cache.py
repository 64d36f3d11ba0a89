"""Whatever a signed-in user or an API token is sent is not kept by shared caches or the browser
(issue #15 point 13); anonymous public pages keep their caching."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token

from tulta.risalah import artefacts

pytestmark = pytest.mark.django_db

PRIVATE = "private, no-store"


def test_a_signed_in_page_is_private_and_not_stored(client_for, world):
    response = client_for(world.chair).get(reverse("home:home"))
    assert response.status_code == 200
    assert response["Cache-Control"] == PRIVATE


def test_an_api_response_to_a_token_is_private_and_not_stored(client, world):
    token, _created = Token.objects.get_or_create(user=world.admin)
    response = client.get("/api/v1/units/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200
    assert response["Cache-Control"] == PRIVATE


def test_a_download_of_a_signed_in_user_is_private_and_not_stored(client_for, world, risalah):
    step = risalah.steps.get(number=1)
    step.risalah = risalah
    artefact = artefacts.artefact_create(actor=world.chair, step=step, tool="pareto")
    url = reverse("risalah:artefact_export", args=[risalah.pk, 1, artefact.pk])
    response = client_for(world.member).get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Cache-Control"] == PRIVATE


def test_anonymous_public_pages_keep_their_caching(client_for, world):
    showcase = client_for(None).get(reverse("impact:showcase"))
    assert showcase.status_code == 200
    assert "no-store" not in showcase.get("Cache-Control", "")
    response = client_for(None).get(reverse("core:jsi18n"))
    assert "no-store" not in response.get("Cache-Control", "")
    assert "max-age=86400" in response["Cache-Control"]
    signed_in = client_for(world.chair).get(reverse("core:jsi18n"))
    assert "no-store" not in signed_in["Cache-Control"]  # the catalogue holds no one's data
