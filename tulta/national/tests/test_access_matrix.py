"""Every page of the national roll-up, as every persona and the platform operator: only the
operator sees it; everyone else signed in gets 404, anonymous visitors are sent to sign in."""

from __future__ import annotations

import pytest
from django.urls import get_resolver, reverse

from tulta.testing.urls import named_urls
from tulta.testing.world import PERSONAS

pytestmark = pytest.mark.django_db

OK, REDIRECT, NOT_FOUND = 200, 302, 404
EVERYONE = [*PERSONAS, "superadmin"]
# persona order: admin unit_head chair member mentor judge leader outsider other_admin anonymous,
# then the super-admin
OPERATOR_ONLY = (NOT_FOUND,) * 9 + (REDIRECT, OK)

MATRIX = {
    "national:index": (lambda: {}, OPERATOR_ONLY),
    "national:province": (lambda: {"province": "Jawa Barat"}, OPERATOR_ONLY),
    "national:xlsx": (lambda: {}, OPERATOR_ONLY),
}


def test_every_national_url_has_an_access_entry():
    ours = {n for n in named_urls(get_resolver()) if n.split(":")[0] == "national"}
    assert ours, "the national URLs are not installed"
    assert ours ^ set(MATRIX) == set()


@pytest.mark.parametrize("name", sorted(MATRIX))
@pytest.mark.parametrize("persona_index", range(len(EVERYONE)), ids=EVERYONE)
def test_access(national, superadmin, client_for, name, persona_index):
    kwargs, expected = MATRIX[name]
    persona = EVERYONE[persona_index]
    user = superadmin if persona == "superadmin" else national.persona(persona)
    response = client_for(user).get(reverse(name, kwargs=kwargs()))
    assert response.status_code == expected[persona_index], (name, persona)


def test_unknown_province_is_404_for_the_operator(national, superadmin, client_for):
    url = reverse("national:province", kwargs={"province": "Atlantis"})
    assert client_for(superadmin).get(url).status_code == NOT_FOUND
