"""Input the API does not understand is refused, never dropped or coerced; errors are JSON in
Bahasa Indonesia (English on request); a refusal comes before validation; another government's
ids answer exactly like missing ones; bodies that nest too deep are refused before parsing."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from rest_framework.test import APIClient

from tulta.accounts.models import Role
from tulta.competitions import services as competition_services
from tulta.competitions.models import Score
from tulta.factories import UserFactory
from tulta.organizations.models import Unit
from tulta.risalah import services as risalah_services
from tulta.risalah.models import Risalah

pytestmark = pytest.mark.django_db

V1 = "/api/v1"


def _open_step(risalah):
    return risalah.steps.order_by("number").first()


# --- 15.9: unknown, read-only and wrongly typed input ----------------------------------------


def test_unknown_section_code_in_a_step_patch_is_refused_and_nothing_is_saved(
    api_for, world, risalah
):
    step = _open_step(risalah)
    code = step.method_step.requirements[0]["code"]
    response = api_for(world.chair).patch(
        f"{V1}/risalah/{risalah.pk}/steps/{step.number}/",
        {"sections": {code: "<p>ada</p>", "tema_salah_ketik": "<p>hilang</p>"}, "base_version": 0},
        format="json",
    )
    assert response.status_code == 400, response.content
    assert list(response.json()["sections"]) == ["tema_salah_ketik"]
    assert code in response.json()["sections"]["tema_salah_ketik"][0]
    step.refresh_from_db()
    assert step.version == 0 and code not in step.sections


def test_an_integer_tema_is_refused_not_turned_into_text(api_for, world, risalah):
    response = api_for(world.chair).patch(f"{V1}/risalah/{risalah.pk}/", {"tema": 5}, format="json")
    assert response.status_code == 400
    assert response.json() == {"tema": ["Harus berupa teks."]}
    assert Risalah.objects.get(pk=risalah.pk).tema == risalah.tema


def test_a_read_only_judge_in_a_score_post_is_refused(api_for, world, comp):
    rnd, entries = comp["round"], comp["entries"]
    target = next(e for e in entries if e.team.unit_id != world.judge.unit_id)
    response = api_for(world.judge).post(
        f"{V1}/scores/",
        {
            "round": rnd.pk,
            "entry": target.pk,
            "criterion": rnd.rubric.criteria.first().pk,
            "value": "4",
            "judge": comp["judge2"].pk,
        },
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["judge"]
    assert not Score.objects.exists()


# --- 15.10: Indonesian, JSON, permission first ---------------------------------------------


def test_drf_messages_are_in_indonesian_and_in_english_on_request(api_for, world):
    client = api_for(world.admin)
    body = {"name": "X", "kind": "opd", "parent": "satu"}
    indonesian = client.post(f"{V1}/units/", body, format="json").json()
    english = client.post(f"{V1}/units/", body, format="json", HTTP_ACCEPT_LANGUAGE="en").json()
    assert indonesian["parent"] == ["Jenis salah. Harus berupa id (angka), bukan str."]
    assert english["parent"] == ["Incorrect type. Expected pk value, received str."]


@pytest.mark.parametrize(
    ("query", "indonesian"),
    [
        ("page=abc", "Harus bilangan bulat dari 1 sampai 1000000000."),
        ("page_size=0", "Harus bilangan bulat dari 1 sampai 200."),
        ("page_size=201", "Harus bilangan bulat dari 1 sampai 200."),
    ],
)
def test_an_invalid_page_or_page_size_is_a_400_not_the_default(api_for, world, query, indonesian):
    response = api_for(world.admin).get(f"{V1}/units/?{query}")
    assert response.status_code == 400
    assert list(response.json().values()) == [[indonesian]]


def test_a_page_past_the_last_is_a_404_in_indonesian(api_for, world):
    response = api_for(world.admin).get(f"{V1}/units/?page=99")
    assert response.status_code == 404
    assert response.json()["detail"].startswith("Halaman 99 tidak ada")


@pytest.mark.parametrize(
    "path",
    [f"{V1}/teams/99999999999999999999/", f"{V1}/tidak-ada/", "/api/v2/", "/api/"],
)
def test_paths_under_api_that_do_not_exist_are_a_json_404(api_for, world, path):
    response = api_for(world.admin).get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Alamat ini tidak ada di API."}
    english = api_for(world.admin).get(path, HTTP_ACCEPT_LANGUAGE="en")
    assert english.json() == {"detail": "There is no such address in the API."}


def test_a_page_that_does_not_exist_outside_the_api_stays_html(client):
    response = client.get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_a_wrong_method_is_a_json_405_in_indonesian(api_for, world):
    response = api_for(world.admin).delete(f"{V1}/scores/")
    assert response.status_code == 405
    assert response.json() == {"detail": 'Metode "DELETE" tidak diizinkan.'}


@pytest.mark.parametrize(
    ("persona", "path"),
    [
        ("leader", "/units/"),
        ("leader", "/teams/"),
        ("leader", "/risalah/"),
        ("leader", "/scores/"),
        ("member", "/units/"),
    ],
)
def test_a_write_the_user_may_not_make_is_refused_before_validation(api_for, world, persona, path):
    response = api_for(world.persona(persona)).post(f"{V1}{path}", {"salah": 1}, format="json")
    assert response.status_code == 403
    assert response.json() == {"detail": "Anda tidak memiliki izin untuk melakukan tindakan ini."}


# --- 15.11: a foreign id reads exactly like a missing one -------------------------------------

MISSING = 987_654_321


@pytest.fixture
def other_side(world, tulta_method):
    """The other government's judge and competition: the writers who send the world's ids."""
    programme = risalah_services.programme_create(
        actor=world.other_admin,
        government=world.other_government,
        name="Program Lain",
        year=2026,
        method=tulta_method,
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2026, 12, 31),
        deadlines={},
    )
    competition = competition_services.competition_create(
        actor=world.other_admin, programme=programme, name="Lomba Lain", category="prestasi"
    )
    judge = UserFactory(government=world.other_government, roles=[Role.JUDGE])
    return {"judge": judge, "competition": competition}


def _bodies(world, comp, other_side):
    rnd = comp["round"]
    entry = comp["entries"][0]
    criterion = rnd.rubric.criteria.first()
    score = {"round": rnd.pk, "entry": entry.pk, "criterion": criterion.pk, "value": "4"}
    unit = {"name": "Unit Baru", "kind": "opd"}
    team = {
        "unit": world.unit.pk,
        "name": "KBK Baru",
        "members": [{"user": world.chair.pk, "role": "ketua"}],
    }
    risalah_body = {
        "team": world.team.pk,
        "programme": comp["competition"].programme_id,
        "tema": "T",
        "judul": "J",
    }
    return [
        # (path, body, the field, how to put an id into the body)
        ("judge", f"{V1}/scores/", score, "round"),
        ("judge", f"{V1}/scores/", score, "entry"),
        ("judge", f"{V1}/scores/", score, "criterion"),
        ("admin", f"{V1}/units/", {**unit, "parent": world.unit.pk}, "parent"),
        ("admin", f"{V1}/units/", {**unit, "head": world.chair.pk}, "head"),
        ("admin", f"{V1}/teams/", team, "unit"),
        ("admin", f"{V1}/teams/", team, "members.user"),
        ("admin", f"{V1}/risalah/", risalah_body, "team"),
        ("admin", f"{V1}/risalah/", risalah_body, "programme"),
        (
            "admin",
            f"{V1}/competitions/{other_side['competition'].pk}/entries/",
            {"risalah": comp["entries"][0].risalah_id},
            "risalah",
        ),
    ]


def _with(body, field, value):
    body = json.loads(json.dumps(body))
    if field == "members.user":
        body["members"][0]["user"] = value
    else:
        body[field] = value
    return body


def test_every_writable_foreign_key_answers_a_foreign_id_like_a_missing_one(
    api_for, world, comp, other_side
):
    """The world's government holds the objects; its ids are foreign to the other government's
    admin and judge, who write with them: every answer must equal the one for an id that exists
    nowhere, apart from the id itself."""
    writers = {"admin": api_for(world.other_admin), "judge": api_for(other_side["judge"])}
    for who, path, body, field in _bodies(world, comp, other_side):
        client = writers[who]
        foreign_id = body["members"][0]["user"] if field == "members.user" else body[field]
        foreign = client.post(path, _with(body, field, foreign_id), format="json")
        missing = client.post(path, _with(body, field, MISSING), format="json")
        missing_text = missing.content.decode().replace(str(MISSING), str(foreign_id))
        assert (foreign.status_code, foreign.content.decode()) == (
            missing.status_code,
            missing_text,
        ), (
            path,
            field,
            foreign.json(),
            missing.json(),
        )
        assert foreign.status_code == 400, (path, field, foreign.json())


# --- 22.2: deep JSON -----------------------------------------------------------------------


def _deep(levels):
    return "[" * levels + "]" * levels


def test_json_nested_2000_levels_is_a_400_also_anonymously_on_the_token_endpoint(api_for, world):
    anonymous = APIClient().post(f"{V1}/auth/token/", _deep(2000), content_type="application/json")
    assert anonymous.status_code == 400
    assert anonymous.json() == {"detail": "JSON bersarang terlalu dalam (lebih dari 32 tingkat)."}
    signed_in = api_for(world.admin).post(
        f"{V1}/units/", '{"name": ' + _deep(2000) + "}", content_type="application/json"
    )
    assert signed_in.status_code == 400
    assert not Unit.objects.filter(name="").exists()


def test_brackets_inside_strings_do_not_count_as_nesting(api_for, world):
    name = "[" * 100 + "{" * 100
    response = api_for(world.admin).post(
        f"{V1}/units/",
        json.dumps({"name": name[:200], "kind": "opd"}),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert Unit.objects.filter(name=name[:200]).exists()


def test_broken_json_names_line_and_column_in_indonesian(api_for, world):
    response = api_for(world.admin).post(
        f"{V1}/units/", '{"name": "X", ', content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "JSON tidak sah di baris 1, kolom 15."}


# --- 22.7: strict filters ------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "teams/?is_active=ya",
        "teams/?is_active=null",
        "programmes/?is_open=1",
        "programmes/?year=1999",
    ],
)
def test_a_filter_value_the_filter_does_not_know_is_a_400(api_for, world, query):
    response = api_for(world.admin).get(f"{V1}/{query}")
    assert response.status_code == 400
    assert list(response.json()) == [query.split("?")[1].split("=")[0]]


def test_boolean_filters_take_true_and_false(api_for, world):
    client = api_for(world.admin)
    active = client.get(f"{V1}/teams/?is_active=true").json()["count"]
    inactive = client.get(f"{V1}/teams/?is_active=false").json()["count"]
    assert active >= 1 and active + inactive == client.get(f"{V1}/teams/").json()["count"]


def test_a_server_error_under_the_api_is_json_and_stays_a_page_elsewhere(rf):
    from django.conf import settings as django_settings
    from django.urls import get_resolver

    handler = get_resolver(django_settings.ROOT_URLCONF).resolve_error_handler(500)
    api = handler(rf.get(f"{V1}/units/", HTTP_ACCEPT_LANGUAGE="en"))
    assert api.status_code == 500 and api["Content-Type"] == "application/json"
    assert json.loads(api.content) == {
        "detail": "Something went wrong on the server; the error has been logged."
    }
    page = handler(rf.get("/kelompok/"))
    assert page.status_code == 500 and page["Content-Type"].startswith("text/html")
