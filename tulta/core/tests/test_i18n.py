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


def test_every_page_loads_the_script_catalogue_before_its_scripts(client):
    text = client.get(reverse("accounts:login")).content.decode()
    catalogue = text.index(f'src="{reverse("core:jsi18n")}"')
    assert catalogue < text.index("htmx.min.js") < text.index("tulta/site.js")


def test_the_scripts_status_texts_are_english_after_switching(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/masuk/"})
    catalogue = client.get(reverse("core:jsi18n")).content.decode()
    for english in ("Saving\\u2026", "Not saved yet\\u2026", "Saving failed.", "Row %s, %s"):
        assert english in catalogue


def test_in_indonesian_the_scripts_keep_their_own_texts(client):
    catalogue = client.get(reverse("core:jsi18n")).content.decode()
    assert "Saving" not in catalogue
    assert "function gettext" in catalogue or "gettext = function" in catalogue


def test_every_status_text_of_the_scripts_goes_through_gettext():
    # A quoted Indonesian sentence passed to say(), mark() or textContent without gettext()
    # would stay Indonesian for an English user.
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    scripts = [*root.glob("static/tulta/*.js"), *root.glob("*/static/*/*.js")]
    assert scripts
    bare = re.compile(r'(?:say\(|mark\([^,]+,\s*|textContent\s*=\s*)"[A-Z]')
    offenders = [
        f"{path.name}:{n}"
        for path in scripts
        for n, line in enumerate(path.read_text().splitlines(), start=1)
        if bare.search(line)
    ]
    assert offenders == []
