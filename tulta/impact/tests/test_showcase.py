"""The public showcase: publication rules, Indonesian search over word forms, filters, and
that unpublished work never appears."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from tulta.core import audit
from tulta.impact import selectors, services
from tulta.impact.models import Publication
from tulta.organizations.models import Unit

from .conftest import add_indicator, finalize, start, team_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(world, programme):
    admin = world.admin

    def publish(team, tema, judul, *, kind="cepat"):
        r = start(admin, team, programme, tema=tema, judul=judul)
        add_indicator(
            admin, r, name=tema, kind=kind, baseline=["40", "45", "50"], after=["14", "15", "16"]
        )
        finalize(r)
        services.risalah_publish(actor=admin, risalah=r, summary="")
        return r

    found = {
        "antre": publish(
            team_in(world.unit, "KBK Loket"),
            "Antre panjang di loket KTP-el",
            "Memangkas waktu antre KTP-el dari 45 menjadi 15 menit",
        ),
        "layanan": publish(
            team_in(world.sub_unit, "KBK Izin"),
            "Layanan izin usaha lambat",
            "Menurunkan lama terbit izin usaha dari 14 menjadi 5 hari",
        ),
        "cepat": publish(
            team_in(world.other_unit, "KBK Resep"),
            "Resep racikan kurang cepat",
            "Resep racikan siap dalam 60 menit",
        ),
        "akta": publish(
            team_in(world.other_unit, "KBK Akta"),
            "Kesalahan cetak akta kelahiran",
            "Menurunkan kesalahan cetak akta dari 8% menjadi 1%",
            kind="tepat",
        ),
    }
    # Final but never published, and a draft: both mention the searched words.
    hidden = start(
        admin,
        team_in(world.unit, "KBK Sembunyi"),
        programme,
        tema="Antre layanan cepat di puskesmas",
    )
    finalize(hidden)
    start(admin, team_in(world.unit, "KBK Draf"), programme, tema="Antrean pelayanan dipercepat")
    return found


def _found(query, **filters):
    return {r.tema for r in selectors.showcase(query=query, **filters)}


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("antrean", "antre"),
        ("antre", "antre"),
        ("pelayanan", "layanan"),
        ("layanan izin", "layanan"),
        ("perizinan", "layanan"),
        ("mempercepat", "cepat"),
        ("percepatan", "cepat"),
        ("kesalahan", "akta"),
    ],
)
def test_search_finds_word_forms_of_the_same_root(corpus, query, key):
    assert _found(query) == {corpus[key].tema}


def test_search_without_a_match_finds_nothing(corpus):
    assert _found("sampah") == set()


def test_unpublished_and_draft_work_never_appear(corpus, client_for, world):
    everything = _found("")
    assert everything == {r.tema for r in corpus.values()}
    for query in ("antrean", "pelayanan", "mempercepat", "puskesmas"):
        assert not any("puskesmas" in t or "Antrean" in t for t in _found(query))
    html = client_for(None).get("/karya/?q=puskesmas").content.decode()
    assert "KBK Sembunyi" not in html and "0 karya" in html


def test_filters_by_unit_kind_indicator_kind_and_year(corpus):
    assert _found("", unit_kind=Unit.Kind.KELURAHAN) == {corpus["layanan"].tema}
    assert _found("", indicator_kind="tepat") == {corpus["akta"].tema}
    assert _found("", year=2026) == {r.tema for r in corpus.values()}
    assert _found("", year=2025) == set()


def test_anonymous_visitor_searches_and_opens_a_published_page(corpus, client_for):
    client = client_for(None)
    listing = client.get("/karya/", {"q": "antrean"}).content.decode()
    assert corpus["antre"].tema in listing and corpus["cepat"].tema not in listing
    page = client.get(f"/karya/{corpus['antre'].pk}/").content.decode()
    assert "turun dari 45,0 menjadi 15,0 menit" in page
    assert "<svg" in page and "Masuk untuk meniru karya ini" in page


def test_only_final_risalah_can_be_published(world, risalah):
    with pytest.raises(ValidationError, match="Hanya risalah final"):
        services.risalah_publish(actor=world.admin, risalah=risalah)
    assert not Publication.objects.exists()


def test_publishing_and_withdrawing_are_audited(world, risalah, client_for):
    finalize(risalah)
    client = client_for(world.admin)
    client.post(f"/risalah/{risalah.pk}/terbitkan/", {"summary": "Antrean dipangkas."})
    publication = Publication.objects.get(risalah=risalah)
    assert publication.published_by == world.admin
    assert client_for(None).get(f"/karya/{risalah.pk}/").status_code == 200
    client = client_for(world.admin)
    client.post(f"/risalah/{risalah.pk}/tarik/")
    assert not Publication.objects.exists()
    assert client_for(None).get(f"/karya/{risalah.pk}/").status_code == 404
    verbs = [e.verb for e in audit.history_for(publication)]
    assert verbs == ["risalah_unpublished", "risalah_published"]
