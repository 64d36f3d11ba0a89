"""Public results: a landing page of announced results linked from the showcase, and a
"hasil belum diumumkan" page (200) instead of a 404 before they are announced; the organiser's
ZIP of certificates from the competition page."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.urls import reverse

from tulta.competitions import certificates
from tulta.competitions.models import Award, Competition, Round

pytestmark = pytest.mark.django_db


def _award(comp, kind=Award.Kind.JUARA_1, rank=1, entry=0) -> Award:
    return Award.objects.create(
        competition=comp["competition"],
        entry=comp["entries"][entry],
        kind=kind,
        rank=rank,
        awarded_on=dt.date(2026, 11, 30),
    )


def test_before_the_announcement_the_results_page_says_so_and_when(world, comp, client_for):
    _award(comp)
    url = reverse("competitions:public_results", args=[comp["competition"].pk])
    page = client_for(None).get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Hasil belum diumumkan" in text
    assert "setelah semua babak selesai dinilai dan ditutup" in text
    assert "Penilaian risalah: sedang berlangsung" in text
    assert "KBK Cepat" not in text  # no winner leaks before the announcement


def test_once_every_round_is_closed_the_pending_page_says_the_results_are_being_checked(
    world, comp, client_for
):
    Round.objects.filter(pk=comp["round"].pk).update(state=Round.State.CLOSED)
    page = client_for(None).get(
        reverse("competitions:public_results", args=[comp["competition"].pk])
    )
    assert "Semua babak sudah ditutup" in page.content.decode()
    assert "Penilaian risalah: selesai dinilai" in page.content.decode()


def test_an_unknown_competition_is_still_not_found(client_for):
    assert client_for(None).get("/lomba/999999/hasil/").status_code == 404


def test_the_landing_page_lists_announced_results_only_and_the_showcase_links_to_it(
    world, comp, client_for
):
    _award(comp)
    _award(comp, Award.Kind.JUARA_2, 2, entry=1)
    Competition.objects.filter(pk=comp["competition"].pk).update(results_public=True)
    Competition.objects.create(  # results not announced: not listed
        programme=comp["competition"].programme, name="Lomba Kreatif", category="kreatif"
    )
    anonymous = client_for(None)
    page = anonymous.get(reverse("competitions:results_index"))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Lomba KBK 2026" in text and "Lomba Kreatif" not in text
    assert text.index("Juara I<") < text.index("Juara II<")
    assert "KBK Cepat" in text and "KBK Sehat" in text
    assert reverse("competitions:public_results", args=[comp["competition"].pk]) in text
    showcase = anonymous.get(reverse("impact:showcase")).content.decode()
    assert reverse("competitions:results_index") in showcase


def test_the_landing_page_reads_in_two_queries_whatever_the_number_of_competitions(
    world, comp, client_for, django_assert_max_num_queries
):
    from tulta.competitions import selectors

    _award(comp)
    Competition.objects.filter(pk=comp["competition"].pk).update(results_public=True)
    with django_assert_max_num_queries(2):
        rows = [
            (c.name, [a.entry.team.unit.name for a in c.awards.all()])
            for c in selectors.announced_competitions()
        ]
    assert rows == [("Lomba KBK 2026", ["Dinas Kependudukan"])]


def test_the_organiser_downloads_every_certificate_from_the_competition_page(
    world, comp, client_for
):
    first = _award(comp)
    second = _award(comp, Award.Kind.JUARA_2, 2, entry=1)
    admin = client_for(world.admin)
    detail = admin.get(reverse("competitions:detail", args=[comp["competition"].pk]))
    zip_url = reverse("competitions:certificates_zip", args=[comp["competition"].pk])
    assert zip_url in detail.content.decode()
    response = admin.get(zip_url)
    assert response["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert sorted(names) == sorted(certificates.certificate_filename(a) for a in (first, second))
    assert zip_url not in client_for(world.chair).get(detail.wsgi_request.path).content.decode()


def test_without_awards_the_zip_link_explains_instead_of_an_empty_file(world, comp, client_for):
    response = client_for(world.admin).get(
        reverse("competitions:certificates_zip", args=[comp["competition"].pk]), follow=True
    )
    assert "Belum ada penghargaan, jadi belum ada piagam." in response.content.decode()
