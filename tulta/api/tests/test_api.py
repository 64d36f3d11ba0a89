"""The API over real HTTP requests: scoping per government, writes through the services, and bad
input answered with a 4xx that says what is wrong, never a 500, with nothing changed."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache

from tulta.competitions.models import Score
from tulta.core.models import AuditEvent
from tulta.factories import UserFactory
from tulta.impact.models import Indicator
from tulta.organizations.models import Team, Unit
from tulta.risalah.models import Risalah, RisalahStep
from tulta.testing.world import PASSWORD

pytestmark = pytest.mark.django_db

V1 = "/api/v1"


def _member_rows(world):
    return [
        {"user": world.chair.pk, "role": "ketua"},
        {"user": world.member.pk, "role": "anggota"},
    ]


# --- tokens ----------------------------------------------------------------------------------


def test_token_by_email_and_by_nip_then_use_it(world, client):
    world.chair.set_password(PASSWORD)
    world.chair.nip = "198503122010011002"
    world.chair.save()
    for username in (world.chair.email, "19850312 201001 1 002"):
        response = client.post(
            f"{V1}/auth/token/",
            {"username": username, "password": PASSWORD},
            content_type="application/json",
        )
        assert response.status_code == 200, response.content
    token = response.json()["token"]
    me = client.get(f"{V1}/teams/", HTTP_AUTHORIZATION=f"Token {token}")
    assert me.status_code == 200
    assert [t["name"] for t in me.json()["results"]] == ["KBK Cepat"]


def test_wrong_password_is_refused_and_five_lock_the_identifier(world, client, settings):
    cache.clear()
    world.chair.set_password(PASSWORD)
    world.chair.save()
    body = {"username": world.chair.email, "password": "salah"}
    first = client.post(f"{V1}/auth/token/", body, content_type="application/json")
    assert first.status_code == 400
    assert first.json() == {"non_field_errors": ["Email/NIP atau kata sandi salah."]}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        last = client.post(f"{V1}/auth/token/", body, content_type="application/json")
    assert last.status_code == 429
    good = {"username": world.chair.email, "password": PASSWORD}
    assert (
        client.post(f"{V1}/auth/token/", good, content_type="application/json").status_code == 429
    )


def test_token_requests_are_throttled_per_address(client, settings):
    codes = [
        client.post(
            f"{V1}/auth/token/",
            {"username": f"siapa{i}@contoh.id", "password": "x"},  # not one identifier: not axes
            content_type="application/json",
        ).status_code
        for i in range(21)
    ]
    assert codes[:20] == [400] * 20
    assert codes[20] == 429


def test_anonymous_and_bad_tokens_get_401(api_for, world):
    assert api_for(None).get(f"{V1}/units/").status_code == 401
    client = api_for(None)
    client.credentials(HTTP_AUTHORIZATION="Token bukan-token")
    assert client.get(f"{V1}/units/").status_code == 401


# --- reads: scoped, paginated, filtered ------------------------------------------------------


def test_lists_are_scoped_to_the_users_government(api_for, world):
    mine = api_for(world.admin).get(f"{V1}/units/").json()
    theirs = api_for(world.other_admin).get(f"{V1}/units/").json()
    assert {u["name"] for u in mine["results"]} == {
        "Dinas Kependudukan",
        "Kecamatan Utara",
        "Kelurahan Sukamulya",
        "Dinas Kesehatan",
    }
    assert {u["name"] for u in theirs["results"]} == {"Dinas Lain"}
    governments = api_for(world.admin).get(f"{V1}/governments/").json()["results"]
    assert [g["slug"] for g in governments] == ["kota-uji"]


def test_another_governments_object_is_404(api_for, world):
    client = api_for(world.other_admin)
    assert client.get(f"{V1}/units/{world.unit.pk}/").status_code == 404
    assert client.get(f"{V1}/teams/{world.team.pk}/").status_code == 404
    response = client.patch(f"{V1}/teams/{world.team.pk}/", {"name": "Dibajak"}, format="json")
    assert response.status_code == 404
    assert Team.objects.get(pk=world.team.pk).name == "KBK Cepat"


def test_pagination_and_filters(api_for, world):
    for i in range(5):
        Unit.objects.create(government=world.government, name=f"Kelurahan {i}", kind="kelurahan")
    client = api_for(world.admin)
    page = client.get(f"{V1}/units/", {"kind": "kelurahan", "page_size": 2}).json()
    assert page["count"] == 6
    assert len(page["results"]) == 2 and page["next"]
    assert client.get(f"{V1}/units/", {"q": "sukamulya"}).json()["count"] == 1
    bad = client.get(f"{V1}/units/", {"kind": "provinsi"})
    assert bad.status_code == 400
    assert "kind" in bad.json()


# --- writes through the services -------------------------------------------------------------


def test_admin_creates_a_team_with_members_and_it_is_audited(api_for, world):
    response = api_for(world.admin).post(
        f"{V1}/teams/",
        {"unit": world.other_unit.pk, "name": "KBK Sehat", "members": _member_rows(world)},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert {(m["user"], m["role"]) for m in body["members"]} == {
        (world.chair.pk, "ketua"),
        (world.member.pk, "anggota"),
    }
    assert body["warnings"]  # two members: fewer than the usual 3–10
    team = Team.objects.get(name="KBK Sehat")
    assert AuditEvent.objects.filter(object_id=str(team.pk), action="create").exists()


def test_team_without_a_ketua_is_refused_in_indonesian_and_nothing_is_saved(api_for, world):
    response = api_for(world.admin).post(
        f"{V1}/teams/",
        {
            "unit": world.other_unit.pk,
            "name": "KBK Tanpa Ketua",
            "members": [{"user": world.member.pk, "role": "anggota"}],
        },
        format="json",
    )
    assert response.status_code == 400
    assert "ketua" in json.dumps(response.json(), ensure_ascii=False)
    assert not Team.objects.filter(name="KBK Tanpa Ketua").exists()


def test_a_member_may_not_create_teams_and_gets_403(api_for, world):
    response = api_for(world.member).post(
        f"{V1}/teams/",
        {"unit": world.unit.pk, "name": "KBK Liar", "members": _member_rows(world)},
        format="json",
    )
    assert response.status_code == 403
    assert not Team.objects.filter(name="KBK Liar").exists()


def test_another_governments_ids_in_a_body_do_not_exist(api_for, world):
    stranger = UserFactory(government=world.other_government)
    response = api_for(world.admin).post(
        f"{V1}/teams/",
        {
            "unit": world.other_team.unit_id,
            "name": "KBK Campur",
            "members": [{"user": stranger.pk, "role": "ketua"}],
        },
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert "unit" in body and "members" in body
    assert not Team.objects.filter(name="KBK Campur").exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"name": "X", "kind": "opd", "warna": "merah"}, "warna"),
        ({"name": "X", "kind": "bukan-jenis"}, "kind"),
        ({"name": ["X"], "kind": "opd"}, "name"),
        ({"name": "X", "kind": "opd", "parent": "satu"}, "parent"),
        ({"name": "X" * 500, "kind": "opd"}, "name"),
    ],
)
def test_wrong_types_and_unknown_fields_name_the_field(api_for, world, payload, field):
    before = Unit.objects.count()
    response = api_for(world.admin).post(f"{V1}/units/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert Unit.objects.count() == before


def test_malformed_json_and_huge_payloads_are_4xx(api_for, world, settings):
    client = api_for(world.admin)
    broken = client.post(f"{V1}/units/", '{"name": "X", ', content_type="application/json")
    assert broken.status_code == 400
    assert "detail" in broken.json()
    not_json = client.post(f"{V1}/units/", "name=X", content_type="text/plain")
    assert not_json.status_code == 415
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    huge = client.post(
        f"{V1}/units/", json.dumps({"name": "X" * 5000}), content_type="application/json"
    )
    assert huge.status_code == 413
    assert huge.json() == {"detail": "Isi permintaan terlalu besar."}
    list_body = client.post(f"{V1}/units/", "[1, 2]", content_type="application/json")
    assert list_body.status_code == 400


# --- risalah, steps, review -----------------------------------------------------------------


def test_chair_starts_a_risalah_and_saves_submits_a_step_mentor_approves(api_for, world, programme):
    chair = api_for(world.chair)
    started = chair.post(
        f"{V1}/risalah/",
        {
            "team": world.team.pk,
            "programme": programme.pk,
            "tema": "Antrean KTP-el",
            "judul": "Menurunkan waktu tunggu dari 45 menjadi 15 menit",
        },
        format="json",
    )
    assert started.status_code == 201, started.json()
    pk = started.json()["id"]
    assert [s["number"] for s in started.json()["steps"]] == list(range(1, 8))
    made = Risalah.objects.get(pk=pk)
    made.mentor = world.mentor
    made.save()

    step = chair.get(f"{V1}/risalah/{pk}/steps/1/").json()
    codes = [
        r["code"] for r in RisalahStep.objects.get(risalah=made, number=1).method_step.requirements
    ]
    sections = {code: f"<p>Isi {code}</p><script>alert(1)</script>" for code in codes}
    saved = chair.patch(
        f"{V1}/risalah/{pk}/steps/1/",
        {"sections": sections, "base_version": step["version"]},
        format="json",
    )
    assert saved.status_code == 200, saved.json()
    assert saved.json()["version"] == step["version"] + 1
    assert "<script>" not in json.dumps(saved.json()["sections"])

    stale = chair.patch(
        f"{V1}/risalah/{pk}/steps/1/",
        {"sections": {codes[0]: "<p>lama</p>"}, "base_version": step["version"]},
        format="json",
    )
    assert stale.status_code == 409
    assert stale.json()["version"] == step["version"] + 1
    assert "Ketua Kelompok" in stale.json()["detail"]

    assert chair.post(f"{V1}/risalah/{pk}/steps/1/submit/").json()["state"] == "submitted"
    assert chair.post(f"{V1}/risalah/{pk}/steps/1/approve/").status_code == 403
    approved = api_for(world.mentor).post(
        f"{V1}/risalah/{pk}/steps/1/approve/", {"comment": "Bagus"}, format="json"
    )
    assert approved.status_code == 200 and approved.json()["state"] == "approved"
    assert api_for(world.other_admin).get(f"{V1}/risalah/{pk}/steps/1/").status_code == 404


def test_saving_a_step_that_is_not_open_is_a_400_with_the_reason(api_for, world, risalah):
    response = api_for(world.chair).patch(
        f"{V1}/risalah/{risalah.pk}/steps/2/",
        {"sections": {"catatan": "y"}, "base_version": 0},
        format="json",
    )
    assert response.status_code == 400
    assert "belum terbuka" in response.json()["non_field_errors"][0]


def test_a_member_of_another_team_cannot_start_a_risalah_for_this_team(api_for, world, programme):
    response = api_for(world.outsider).post(
        f"{V1}/risalah/",
        {"team": world.team.pk, "programme": programme.pk, "tema": "T", "judul": "J"},
        format="json",
    )
    assert response.status_code == 403
    assert not Risalah.objects.exists()


def test_risalah_list_follows_the_page_rules(api_for, world, risalah):
    assert api_for(world.member).get(f"{V1}/risalah/").json()["count"] == 1
    assert api_for(world.outsider).get(f"{V1}/risalah/").json()["count"] == 0
    assert api_for(world.other_admin).get(f"{V1}/risalah/").json()["count"] == 0
    assert api_for(world.outsider).get(f"{V1}/risalah/{risalah.pk}/").status_code == 404
    patched = api_for(world.leader).patch(
        f"{V1}/risalah/{risalah.pk}/", {"tema": "Diubah"}, format="json"
    )
    assert patched.status_code == 403
    ok = api_for(world.chair).patch(f"{V1}/risalah/{risalah.pk}/", {"tema": "Baru"}, format="json")
    assert ok.status_code == 200 and ok.json()["tema"] == "Baru"


def test_indicator_with_raw_data_gets_its_verdict(api_for, world, risalah):
    response = api_for(world.chair).post(
        f"{V1}/risalah/{risalah.pk}/indicators/",
        {
            "name": "Waktu tunggu KTP-el",
            "kind": "cepat",
            "unit": "menit",
            "direction": "lower",
            "annual_volume": 12000,
            "target": "16",
            "baseline": ["45", "50", "42", "48", "47", "44", "49", "46"],
            "after": ["15", "14", "17", "16", "13", "15", "18", "14"],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    verdict = response.json()["verdict"]
    assert verdict["valid"] and verdict["significant"] and verdict["improved"]
    assert verdict["before"] == pytest.approx(46.375)
    assert verdict["after"] == pytest.approx(15.25)
    assert verdict["target_reached"] is True
    assert Indicator.objects.get().baseline[0] == "45"
    listed = api_for(world.leader).get(f"{V1}/risalah/{risalah.pk}/indicators/").json()
    assert listed["results"][0]["verdict"]["valid"]
    denied = api_for(world.leader).post(
        f"{V1}/risalah/{risalah.pk}/indicators/",
        {"name": "X", "kind": "cepat", "unit": "menit", "direction": "lower", "baseline": []},
        format="json",
    )
    assert denied.status_code == 403


# --- competitions and scores ----------------------------------------------------------------


def test_judge_scores_through_the_api_and_sees_only_their_own(api_for, world, comp):
    rnd, entries = comp["round"], comp["entries"]
    criterion = rnd.rubric.criteria.order_by("position").first()
    judge = api_for(world.judge)
    target = next(e for e in entries if e.team.unit_id != world.judge.unit_id)
    saved = judge.post(
        f"{V1}/scores/",
        {"round": rnd.pk, "entry": target.pk, "criterion": criterion.pk, "value": "4"},
        format="json",
    )
    assert saved.status_code == 201, saved.json()
    again = judge.post(
        f"{V1}/scores/",
        {"round": rnd.pk, "entry": target.pk, "criterion": criterion.pk, "value": "5"},
        format="json",
    )
    assert again.status_code == 201
    assert Score.objects.get(judge=world.judge).value == 5
    out_of_range = judge.post(
        f"{V1}/scores/",
        {"round": rnd.pk, "entry": target.pk, "criterion": criterion.pk, "value": "999"},
        format="json",
    )
    assert out_of_range.status_code == 400
    assert "harus antara" in out_of_range.json()["non_field_errors"][0]
    assert Score.objects.get(judge=world.judge).value == 5

    judge2 = api_for(comp["judge2"])
    judge2.post(
        f"{V1}/scores/",
        {"round": rnd.pk, "entry": target.pk, "criterion": criterion.pk, "value": "3"},
        format="json",
    )
    assert [s["value"] for s in judge.get(f"{V1}/scores/").json()["results"]] == ["5.00"]
    assert api_for(world.admin).get(f"{V1}/scores/").json()["count"] == 2
    assert api_for(world.other_admin).get(f"{V1}/scores/").json()["count"] == 0


def test_a_non_judge_cannot_score(api_for, world, comp):
    """Refused before the body is validated: a 403, which reveals no rule of the input."""
    rnd, entry = comp["round"], comp["entries"][1]
    criterion = rnd.rubric.criteria.first()
    response = api_for(world.chair).post(
        f"{V1}/scores/",
        {"round": rnd.pk, "entry": entry.pk, "criterion": criterion.pk, "value": "4"},
        format="json",
    )
    assert response.status_code == 403
    assert not Score.objects.exists()


def test_a_judge_not_assigned_to_the_round_cannot_score(api_for, world, comp):
    from tulta.accounts.models import Role
    from tulta.factories import UserFactory

    rnd, entry = comp["round"], comp["entries"][1]
    stranger = UserFactory(government=world.government, roles=[Role.JUDGE])
    response = api_for(stranger).post(
        f"{V1}/scores/",
        {
            "round": rnd.pk,
            "entry": entry.pk,
            "criterion": rnd.rubric.criteria.first().pk,
            "value": "4",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "tidak ditugaskan" in response.json()["non_field_errors"][0]
    assert not Score.objects.exists()


def test_competitions_and_entries_are_listed_for_the_government(api_for, world, comp):
    competition = comp["competition"]
    listed = api_for(world.member).get(f"{V1}/competitions/").json()
    assert [c["name"] for c in listed["results"]] == ["Lomba KBK 2026"]
    entries = api_for(world.member).get(f"{V1}/competitions/{competition.pk}/entries/").json()
    assert entries["count"] == 3
    assert (
        api_for(world.other_admin).get(f"{V1}/competitions/{competition.pk}/entries/").status_code
        == 404
    )


def test_a_judge_added_to_a_competing_team_through_the_api_cannot_score_it(api_for, world, comp):
    """Issue #15: a judge made a member of the team (teams API) scored its entry with 201."""
    rnd, entry = comp["round"], comp["entries"][1]
    members = [{"user": m.user_id, "role": m.role} for m in entry.team.memberships.all()] + [
        {"user": world.judge.pk, "role": "anggota"}
    ]
    if not any(m["role"] == "ketua" for m in members):
        members[0]["role"] = "ketua"
    changed = api_for(world.admin).patch(
        f"{V1}/teams/{entry.team_id}/", {"members": members}, format="json"
    )
    assert changed.status_code == 200, changed.json()
    criterion = rnd.rubric.criteria.first()
    response = api_for(world.judge).post(
        f"{V1}/scores/",
        {"round": rnd.pk, "entry": entry.pk, "criterion": criterion.pk, "value": "9"},
        format="json",
    )
    assert response.status_code == 400
    assert "anggota KBK Sehat" in response.json()["non_field_errors"][0]
    assert not Score.objects.exists()
