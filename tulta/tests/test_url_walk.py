"""Every URL pattern of the project has an access decision that is tested as every persona.

The decisions live in the access matrices of each app (``tulta/*/tests/test_access_matrix.py``),
which request each URL as every persona and assert 200, 302, 401, 403 or 404. This test walks
the whole URL configuration — named and unnamed patterns, every namespace — and fails for a
pattern that no matrix covers, so a new page or endpoint cannot ship without a decision.
Django's own admin is decided as a whole (staff only) and walked here.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tulta.testing.world import PERSONAS

MATRIX_MODULES = [
    f"tulta.{app}.tests.test_access_matrix"
    for app in (
        "organizations",
        "risalah",
        "documents",
        "monitoring",
        "impact",
        "competitions",
        "national",
        "api",
    )
]


# Patterns decided here rather than in an app's matrix: name → expected status per persona.
LOCAL = {
    "set_language": ("post", (302,) * len(PERSONAS)),
    "admin:index": ("get", (302,) * len(PERSONAS)),  # nobody in the personas is staff
    "admin:organizations_team_changelist": ("get", (302,) * len(PERSONAS)),
}


def _patterns(
    resolver: URLResolver, namespace: str = "", prefix: str = ""
) -> Iterator[tuple[str, str]]:
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _patterns(pattern, inner, route)
        elif isinstance(pattern, URLPattern):
            yield (f"{namespace}{pattern.name}" if pattern.name else "", route)


def _decided() -> set[str]:
    names = set(LOCAL)
    for module in MATRIX_MODULES:
        names |= set(importlib.import_module(module).MATRIX)
    return names


def test_every_url_pattern_of_the_project_has_a_tested_access_decision():
    decided = _decided()
    missing = sorted(
        f"{name or '(tanpa nama)'} → /{route}"
        for name, route in _patterns(get_resolver())
        if not route.startswith("django-admin/") and name not in decided
    )
    assert missing == [], "URL tanpa keputusan akses:\n" + "\n".join(missing)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(LOCAL))
@pytest.mark.parametrize("persona_index", range(len(PERSONAS)), ids=PERSONAS)
def test_local_decisions(world, client_for, name, persona_index):
    method, expected = LOCAL[name]
    client = client_for(world.persona(PERSONAS[persona_index]))
    response = getattr(client, method)(reverse(name))
    assert response.status_code == expected[persona_index], (name, PERSONAS[persona_index])


@pytest.mark.django_db
def test_the_django_admin_opens_for_staff_only(world, client_for):
    world.admin.is_staff = world.admin.is_superuser = True
    world.admin.save()
    assert client_for(world.admin).get(reverse("admin:index")).status_code == 200
    assert (
        client_for(world.chair)
        .get(reverse("admin:index"))["Location"]
        .startswith(reverse("admin:login"))
    )
