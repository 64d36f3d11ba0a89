"""Role × action matrix for document downloads and programme books, over real HTTP requests.

Every named URL of the documents app must appear here. Persona order as everywhere:
admin unit_head chair member mentor judge leader outsider other_admin anonymous.
"""

from __future__ import annotations

import pytest
from django.urls import get_resolver, reverse

from tulta.documents.models import ProgrammeBook
from tulta.testing.risalah import programme_2026, team_risalah, template_method
from tulta.testing.shared import from_shared
from tulta.testing.urls import named_urls
from tulta.testing.world import PERSONAS, build_world

pytestmark = pytest.mark.django_db

OK, REDIRECT, FORBIDDEN, NOT_FOUND = 200, 302, 403, 404
# Whoever may see the risalah downloads it; everyone else gets 404.
VIEWERS = (OK, OK, OK, OK, OK, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND, REDIRECT)
# Programme admin and leadership of the government; other users 403; other government 404.
BOOK_READERS = (OK,) + (FORBIDDEN,) * 5 + (OK, FORBIDDEN, NOT_FOUND, REDIRECT)
BOOK_BUILDERS = (REDIRECT,) + (FORBIDDEN,) * 7 + (NOT_FOUND, REDIRECT)
# Submitting final: those who write the risalah (admin, chair, member); its government's other
# viewers 403; who may not see it 404. (The risalah's steps are not approved: the submission is
# refused with a message, after the access check.)
WRITERS = (REDIRECT, FORBIDDEN, REDIRECT, REDIRECT, FORBIDDEN, NOT_FOUND, FORBIDDEN, NOT_FOUND,
           NOT_FOUND, REDIRECT)  # fmt: skip


@pytest.fixture(scope="module")
def shared_data(shared_db):
    """The world, its team's risalah and a finished programme book, written once."""

    def build():
        world = build_world()
        risalah = team_risalah(world, programme_2026(world, template_method()))
        return {"world": world, "objects": make_objects(world, risalah)}

    return shared_db.build(build)


objects = from_shared("objects")


def make_objects(world, risalah):
    from django.core.files.base import ContentFile

    book = ProgrammeBook(programme=risalah.programme, status="done", progress=100)
    book.file.save("buku.pdf", ContentFile(b"%PDF-1.4 buku"), save=False)
    book.save()
    return {"risalah": risalah, "programme": risalah.programme, "book": book}


def BOOK(o):
    return {"pk": o["programme"].pk, "book_pk": o["book"].pk}


MATRIX = {
    "documents:risalah_final": ("post", lambda o: {"pk": o["risalah"].pk}, WRITERS),
    "documents:risalah_file": ("get", lambda o: {"pk": o["risalah"].pk, "fmt": "pdf"}, VIEWERS),
    "documents:book": ("get", lambda o: {"pk": o["programme"].pk}, BOOK_READERS),
    "documents:book_create": ("post", lambda o: {"pk": o["programme"].pk}, BOOK_BUILDERS),
    "documents:book_status": ("get", BOOK, BOOK_READERS),
    "documents:book_download": ("get", BOOK, BOOK_READERS),
}


def test_every_documents_url_has_an_access_entry():
    ours = {n for n in named_urls(get_resolver()) if n.startswith("documents:")}
    assert ours and ours - set(MATRIX) == set()


@pytest.mark.parametrize("name", sorted(MATRIX))
@pytest.mark.parametrize("persona_index", range(len(PERSONAS)), ids=PERSONAS)
def test_access(world, objects, client_for, name, persona_index):
    # (A book requested here is only queued: the test's transaction never commits.)
    method, kwargs, expected = MATRIX[name]
    client = client_for(world.persona(PERSONAS[persona_index]))
    response = getattr(client, method)(reverse(name, kwargs=kwargs(objects)))
    assert response.status_code == expected[persona_index], (name, PERSONAS[persona_index])
