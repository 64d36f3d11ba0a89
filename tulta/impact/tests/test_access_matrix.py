"""Role × action matrix for the impact app, over real HTTP requests. Every named URL of the app
must appear here; the public showcase answers anonymous visitors."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver, reverse

from tulta.impact import services
from tulta.risalah import services as risalah_services
from tulta.testing.risalah import programme_2026, team_risalah, template_method
from tulta.testing.samples import png_bytes
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
    # Last year's final risalah of the team, with two proven improvements: one benefit claimed
    # (waiting for the unit head), one verified with a document.
    last_year = risalah_services.programme_create(
        actor=world.admin,
        government=world.government,
        name="Program 2025",
        year=2025,
        method=programme.method,
        starts_on=dt.date(2025, 1, 1),
        ends_on=dt.date(2025, 12, 31),
    )
    final = start(world.admin, world.team, last_year, tema="Final 2025")
    measured = {"baseline": ["40", "45", "50", "44"], "after": ["14", "15", "16", "15"]}
    claimed = add_indicator(world.chair, final, volume=1000, **measured)
    proven = add_indicator(world.chair, final, name="waktu proses", volume=500, **measured)
    finalize(final)
    for ind in (claimed, proven):
        ind.refresh_from_db()
    services.benefit_claim(actor=world.chair, indicator=claimed)
    verified = services.benefit_claim(actor=world.chair, indicator=proven)
    services.benefit_verify(
        actor=world.unit_head,
        benefit=verified,
        document=SimpleUploadedFile("bukti.png", png_bytes()),
    )
    return {
        "risalah": risalah,
        "indicator": indicator,
        "published": published,
        "final": final,
        "claimed": claimed,
        "benefit": claimed.benefit,
        "verified": verified,
    }


def R(o):
    return {"pk": o["risalah"].pk}


def IND(o):
    return {"pk": o["risalah"].pk, "indicator_pk": o["indicator"].pk}


def PUB(o):
    return {"pk": o["published"].pk}


def CLAIM(o):
    return {"pk": o["final"].pk, "indicator_pk": o["claimed"].pk}


def BEN(o):
    return {"pk": o["benefit"].pk}


# Only the head of the team's unit (not a member) verifies or returns the claimed benefit.
UNIT_HEAD_ONLY = (NOT_FOUND, REDIRECT) + (NOT_FOUND,) * 7 + (REDIRECT,)
SIGNED_IN = (OK,) * 9 + (REDIRECT,)
NO_REPLICATION = (NOT_FOUND, FORBIDDEN, NOT_FOUND, NOT_FOUND, FORBIDDEN, NOT_FOUND, FORBIDDEN)
NO_REPLICATION += (NOT_FOUND, NOT_FOUND, REDIRECT)
# Last year's risalah has no mentor: this year's mentor does not see it.
LAST_YEAR_VIEWERS = (OK, OK, OK, OK, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND, REDIRECT)
LAST_YEAR_WRITERS = (REDIRECT, FORBIDDEN, REDIRECT, REDIRECT, NOT_FOUND, NOT_FOUND, FORBIDDEN)
LAST_YEAR_WRITERS += (NOT_FOUND, NOT_FOUND, REDIRECT)


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
    # The world's own risalah is no replication: writers reach the view and find none.
    "impact:replication_update": ("post", R, NO_REPLICATION),
    "impact:benefit_claim": ("post", CLAIM, LAST_YEAR_WRITERS),
    "impact:follow_up_record": ("post", lambda o: {**CLAIM(o), "months": 6}, LAST_YEAR_WRITERS),
    "impact:benefit_verify": ("post", BEN, UNIT_HEAD_ONLY),
    "impact:benefit_return": ("post", BEN, UNIT_HEAD_ONLY),
    "impact:benefit_queue": ("get", lambda o: {}, SIGNED_IN),
    "impact:benefit_document": (
        "get",
        lambda o: {"pk": o["verified"].pk, "which": "unit"},
        LAST_YEAR_VIEWERS,
    ),
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
