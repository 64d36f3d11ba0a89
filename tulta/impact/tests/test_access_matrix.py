"""Role × action matrix for the impact app, over real HTTP requests. Every named URL of the app
must appear here; the public showcase answers anonymous visitors."""

from __future__ import annotations

import pytest
from django.urls import get_resolver, reverse

from tulta.impact import services
from tulta.testing.risalah import programme_2026, team_risalah, template_method
from tulta.testing.shared import from_shared
from tulta.testing.urls import named_urls
from tulta.testing.world import PERSONAS, build_world

from .conftest import add_indicator, finalize, start, team_in

pytestmark = pytest.mark.django_db

OK, REDIRECT, FORBIDDEN, NOT_FOUND = 200, 302, 403, 404
# persona order: admin unit_head chair member mentor judge leader outsider other_admin anonymous
VIEWERS = (OK, OK, OK, OK, OK, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND, REDIRECT)
PUBLIC = (OK,) * 10


def writers(ok: int) -> tuple[int, ...]:
    return (ok, FORBIDDEN, ok, ok, FORBIDDEN, NOT_FOUND, FORBIDDEN, NOT_FOUND, NOT_FOUND, REDIRECT)


ADMIN_OF_THIS = (REDIRECT,) + (FORBIDDEN,) * 7 + (NOT_FOUND, REDIRECT)
LEDGER = (OK,) + (FORBIDDEN,) * 5 + (OK, FORBIDDEN, OK, REDIRECT)
# The admins may start a risalah for a team; the chair and the secretary (member) too; others
# have no team to start for.
REPLICATORS = (REDIRECT, FORBIDDEN, REDIRECT, REDIRECT) + (FORBIDDEN,) * 4 + (REDIRECT, REDIRECT)


@pytest.fixture(scope="module")
def shared_data(shared_db):
    """The world, its team's risalah with an indicator and another team's published risalah,
    written once."""

    def build():
        world = build_world()
        programme = programme_2026(world, template_method())
        risalah = team_risalah(world, programme)
        return {
            "world": world,
            "risalah": risalah,
            "objects": make_objects(world, risalah, programme),
        }

    return shared_db.build(build)


risalah = from_shared("risalah")
objects = from_shared("objects")


def make_objects(world, risalah, programme):
    indicator = add_indicator(world.chair, risalah, baseline=["40", "45"], after=["14", "15"])
    published = start(world.admin, team_in(world.other_unit, "KBK Terbit"), programme, tema="T")
    finalize(published)
    services.risalah_publish(actor=world.admin, risalah=published)
    return {"risalah": risalah, "indicator": indicator, "published": published}


def R(o):
    return {"pk": o["risalah"].pk}


def IND(o):
    return {"pk": o["risalah"].pk, "indicator_pk": o["indicator"].pk}


def PUB(o):
    return {"pk": o["published"].pk}


MATRIX = {
    "impact:indicators": ("get", R, VIEWERS),
    "impact:indicator_create": ("get", R, writers(OK)),
    "impact:indicator_edit": ("get", IND, writers(OK)),
    "impact:indicator_data": ("get", IND, VIEWERS),
    "impact:indicator_delete": ("post", IND, writers(REDIRECT)),
    "impact:publish": ("post", PUB, ADMIN_OF_THIS),
    "impact:unpublish": ("post", PUB, ADMIN_OF_THIS),
    "impact:ledger": ("get", lambda o: {}, LEDGER),
    "impact:ledger_xlsx": ("get", lambda o: {}, LEDGER),
    "impact:showcase": ("get", lambda o: {}, PUBLIC),
    "impact:showcase_detail": ("get", PUB, PUBLIC),
    "impact:replicate": ("post", PUB, REPLICATORS),
}


def test_every_impact_url_has_an_access_entry():
    ours = {n for n in named_urls(get_resolver()) if n.startswith("impact:")}
    assert ours == set(MATRIX)


@pytest.mark.parametrize("name", sorted(MATRIX))
@pytest.mark.parametrize("persona_index", range(len(PERSONAS)), ids=PERSONAS)
def test_access(world, objects, client_for, name, persona_index):
    method, kwargs, expected = MATRIX[name]
    client = client_for(world.persona(PERSONAS[persona_index]))
    response = getattr(client, method)(reverse(name, kwargs=kwargs(objects)), {})
    assert response.status_code == expected[persona_index], (name, PERSONAS[persona_index])


def test_unpublished_work_is_not_found_for_anyone(world, risalah, client_for):
    finalize(risalah)
    for persona in PERSONAS:
        client = client_for(world.persona(persona))
        url = reverse("impact:showcase_detail", kwargs={"pk": risalah.pk})
        assert client.get(url).status_code == NOT_FOUND, persona
