from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_pages_are_in_indonesian_by_default(client):
    text = client.get(reverse("accounts:login")).content.decode()
    assert 'lang="id"' in text
    assert "Masuk ke TULTA" in text


def test_english_is_available_through_the_language_switch(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/masuk/"})
    text = client.get(reverse("accounts:login")).content.decode()
    assert 'lang="en"' in text
    assert "Sign in to TULTA" in text
    assert "Masuk ke TULTA" not in text


def test_english_form_errors_are_translated(world, client_for):
    client = client_for(world.admin)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    text = client.post(reverse("organizations:team_create"), {}).content.decode()
    assert "This field is required." in text


def test_an_english_browser_still_gets_indonesian_until_the_user_switches(client):
    text = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content
    assert "Masuk ke TULTA" in text.decode()
