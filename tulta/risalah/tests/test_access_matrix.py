"""Role × action matrix for programmes, methods and risalah, over real HTTP requests.

The mentor persona is the risalah's assigned mentor; the unit head heads the team's unit.
Every named URL of the risalah app must appear here.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import get_resolver, reverse

from tulta.risalah import artefacts, attachments, services
from tulta.testing.risalah import programme_2026, team_risalah, template_method
from tulta.testing.shared import from_shared
from tulta.testing.urls import named_urls
from tulta.testing.world import PERSONAS, build_world

pytestmark = pytest.mark.django_db

OK, REDIRECT, FORBIDDEN, NOT_FOUND = 200, 302, 403, 404
# persona order: admin unit_head chair member mentor judge leader outsider other_admin anonymous
SIGNED_IN = (OK,) * 9 + (REDIRECT,)
VIEWERS = (OK, OK, OK, OK, OK, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND, REDIRECT)


def writers(ok: int) -> tuple[int, ...]:
    return (ok, FORBIDDEN, ok, ok, FORBIDDEN, NOT_FOUND, FORBIDDEN, NOT_FOUND, NOT_FOUND, REDIRECT)


def reviewers(ok: int) -> tuple[int, ...]:
    return (ok, ok, FORBIDDEN, FORBIDDEN, ok, NOT_FOUND, FORBIDDEN, NOT_FOUND, NOT_FOUND, REDIRECT)


COMMENTERS = (REDIRECT,) * 5 + (NOT_FOUND, FORBIDDEN, NOT_FOUND, NOT_FOUND, REDIRECT)
ADMIN_OWN_GOV = (OK,) + (FORBIDDEN,) * 7 + (OK, REDIRECT)
ADMIN_THIS_OBJECT = (OK,) + (FORBIDDEN,) * 7 + (NOT_FOUND, REDIRECT)


@pytest.fixture(scope="module")
def shared_data(shared_db):
    """The world, its team's risalah and the objects behind the URLs, written once for the
    module (each test's changes are rolled back)."""

    def build():
        world = build_world()
        method = template_method()
        risalah = team_risalah(world, programme_2026(world, method))
        return {"world": world, "risalah": risalah, "objects": make_objects(world, risalah, method)}

    return shared_db.build(build)


risalah = from_shared("risalah")
objects = from_shared("objects")


def make_objects(world, risalah, tulta_method):
    meeting = services.meeting_save(
        actor=world.chair, risalah=risalah, held_on=dt.date(2026, 2, 1), duration_minutes=60
    )
    attachment = attachments.attachment_add(
        actor=world.chair,
        risalah=risalah,
        data=b"%PDF-1.4 sk",
        name="sk.pdf",
        kind="sk",
        title="SK",
    )
    own_method = services.method_copy(
        actor=world.admin, method=tulta_method, government=world.government, name="Milik Uji"
    )
    step = risalah.steps.get(number=1)
    step.risalah = risalah
    artefact = artefacts.artefact_create(actor=world.chair, step=step, tool="pareto")
    return {
        "meeting": meeting,
        "attachment": attachment,
        "method": own_method,
        "artefact": artefact,
    }


def R(o):
    return {"pk": o["risalah"].pk}


def STEP(o):
    return {"pk": o["risalah"].pk, "number": 1}


def ART(o):
    return {**STEP(o), "artefact_pk": o["artefact"].pk}


MATRIX = {
    "risalah:list": ("get", lambda o: {}, SIGNED_IN),
    "risalah:start": (
        "get",
        lambda o: {},
        (OK, FORBIDDEN, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, REDIRECT),
    ),
    "risalah:detail": ("get", R, VIEWERS),
    "risalah:edit": ("get", R, writers(OK)),
    "risalah:step": ("get", STEP, VIEWERS),
    "risalah:step_autosave": ("post", STEP, writers(OK)),
    "risalah:step_submit": ("post", STEP, writers(REDIRECT)),
    "risalah:step_review": ("post", STEP, reviewers(REDIRECT)),
    "risalah:step_comment": ("post", STEP, COMMENTERS),
    "risalah:step_restore": ("post", lambda o: {**STEP(o), "version": 1}, writers(REDIRECT)),
    "risalah:artefact_create": ("post", STEP, writers(REDIRECT)),
    "risalah:tool_chooser": ("get", STEP, writers(OK)),
    "risalah:artefact": ("get", ART, VIEWERS),
    "risalah:artefact_import": ("post", ART, writers(REDIRECT)),
    "risalah:artefact_export": ("get", ART, VIEWERS),
    "risalah:artefact_delete": ("post", ART, writers(REDIRECT)),
    "risalah:meeting_create": ("get", R, writers(OK)),
    "risalah:meeting_edit": ("get", lambda o: {**R(o), "meeting_pk": o["meeting"].pk}, writers(OK)),
    "risalah:meeting_delete": (
        "post",
        lambda o: {**R(o), "meeting_pk": o["meeting"].pk},
        writers(REDIRECT),
    ),
    "risalah:attachment_upload": ("post", R, writers(REDIRECT)),
    "risalah:attachment_download": (
        "get",
        lambda o: {**R(o), "attachment_pk": o["attachment"].pk},
        VIEWERS,
    ),
    "risalah:attachment_delete": (
        "post",
        lambda o: {**R(o), "attachment_pk": o["attachment"].pk},
        writers(REDIRECT),
    ),
    "risalah:programme_list": ("get", lambda o: {}, SIGNED_IN),
    "risalah:programme_create": ("get", lambda o: {}, ADMIN_OWN_GOV),
    "risalah:programme_detail": (
        "get",
        lambda o: {"pk": o["risalah"].programme_id},
        (OK,) * 8 + (NOT_FOUND, REDIRECT),
    ),
    "risalah:programme_edit": (
        "get",
        lambda o: {"pk": o["risalah"].programme_id},
        ADMIN_THIS_OBJECT,
    ),
    "risalah:programme_deadlines": (
        "get",
        lambda o: {"pk": o["risalah"].programme_id},
        ADMIN_THIS_OBJECT,
    ),
    "risalah:method_list": ("get", lambda o: {}, SIGNED_IN),
    "risalah:method_detail": (
        "get",
        lambda o: {"pk": o["method"].pk},
        (OK,) * 8 + (NOT_FOUND, REDIRECT),
    ),
    "risalah:method_copy": (
        "post",
        lambda o: {"pk": o["method"].pk},
        (REDIRECT,) + (FORBIDDEN,) * 7 + (NOT_FOUND, REDIRECT),
    ),
    "risalah:method_step_edit": (
        "get",
        lambda o: {"pk": o["method"].pk, "number": 1},
        ADMIN_THIS_OBJECT,
    ),
}


def test_every_risalah_url_has_an_access_entry():
    ours = {n for n in named_urls(get_resolver()) if n.startswith("risalah:")}
    assert ours - set(MATRIX) == set()


@pytest.mark.parametrize("name", sorted(MATRIX))
@pytest.mark.parametrize("persona_index", range(len(PERSONAS)), ids=PERSONAS)
def test_access(world, risalah, objects, client_for, name, persona_index):
    method, kwargs, expected = MATRIX[name]
    client = client_for(world.persona(PERSONAS[persona_index]))
    url = reverse(name, kwargs=kwargs({**objects, "risalah": risalah}))
    data = {"version": "0"} if name.endswith("autosave") else {}
    response = getattr(client, method)(url, data)
    assert response.status_code == expected[persona_index], (name, PERSONAS[persona_index])
