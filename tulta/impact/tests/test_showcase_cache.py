"""The public showcase is rendered once per search and served from the cache until something
it shows changes: a publication, a risalah, an indicator, a team or unit name."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tulta.impact import selectors, services

from .conftest import add_indicator, finalize, start, team_in

pytestmark = pytest.mark.django_db


def _published(world, programme, tema: str, team_name: str):
    risalah = start(world.admin, team_in(world.unit, team_name), programme, tema=tema)
    add_indicator(world.admin, risalah, name="waktu", baseline=["40", "45", "50"], after=["15"])
    finalize(risalah)
    services.risalah_publish(actor=world.admin, risalah=risalah, summary="")
    return risalah


def _get(client, **query):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("impact:showcase"), query)
    assert response.status_code == 200
    return response.content.decode(), len(ctx.captured_queries)


def _cards(page: str) -> str:
    return page[page.index('<ul class="showcase">') : page.index("</ul>", page.index("showcase"))]


def test_the_second_visit_is_served_from_the_cache(world, programme, client):
    _published(world, programme, "Antre KTP-el", "KBK Loket")
    first, first_queries = _get(client)
    again, again_queries = _get(client)
    assert _cards(again) == _cards(first)
    assert '<li class="card"' in again  # the cached cards are HTML, not escaped text
    assert "Antre KTP-el" in again
    assert again_queries < first_queries
    assert again_queries == 0


def test_a_new_publication_shows_at_once_and_an_unpublished_one_goes(world, programme, client):
    first = _published(world, programme, "Antre KTP-el", "KBK Loket")
    _get(client)
    second = _published(world, programme, "Izin usaha lambat", "KBK Izin")
    page, _ = _get(client)
    assert "Izin usaha lambat" in page and "Antre KTP-el" in page
    services.risalah_unpublish(actor=world.admin, risalah=first)
    page, _ = _get(client)
    assert "Antre KTP-el" not in page
    assert "Izin usaha lambat" in page
    assert second.pk


def test_a_renamed_team_or_unit_shows_its_new_name(world, programme, client):
    risalah = _published(world, programme, "Antre KTP-el", "KBK Loket")
    _get(client)
    team = risalah.team
    team.name = "KBK Loket Cepat"
    team.save()
    world.unit.name = "Dinas Dukcapil"
    world.unit.save()
    page, _ = _get(client)
    assert "KBK Loket Cepat" in page
    assert "Dinas Dukcapil" in page


def test_each_search_has_its_own_cards(world, programme, client):
    _published(world, programme, "Antre KTP-el", "KBK Loket")
    _published(world, programme, "Izin usaha lambat", "KBK Izin")
    everything, _ = _get(client)
    antre, _ = _get(client, q="antre")
    izin, _ = _get(client, q="izin")
    assert "Antre KTP-el" in everything and "Izin usaha lambat" in everything
    assert "Antre KTP-el" in antre and "Izin usaha lambat" not in antre
    assert "Izin usaha lambat" in izin and "Antre KTP-el" not in izin
    nothing, _ = _get(client, q="zzzz")
    assert "Tidak ada karya yang cocok" in nothing
    assert 'value="zzzz"' in nothing  # the form keeps what was typed


def test_each_language_has_its_own_cards(world, programme, client):
    _get(client, q="zzzz")
    client.cookies["django_language"] = "en"
    page, _ = _get(client, q="zzzz")
    assert "Tidak ada karya yang cocok" not in page


def test_an_evicted_counter_starts_a_generation_never_used_before():
    first = selectors.showcase_generation()
    selectors.showcase_changed()
    assert selectors.showcase_generation() == first + 1
    cache.delete("impact:showcase:generation")
    selectors.showcase_changed()  # nothing to bump: no error
    assert selectors.showcase_generation() not in (first, first + 1)
