"""What the city replay had to scrape pages for, now through the API (issue 21, point 21): tool
data with the grid's checks, the final submission, rubric criteria, users, mentoring, and the
organiser's competition work. Every write goes through the pages' services; these tests check
the state written, the audit row, and that a refusal says why and changes nothing."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tulta.accounts.models import Role, User
from tulta.competitions import services as competition_services
from tulta.competitions.models import Assignment, Award, Competition, Round, Rubric
from tulta.core.models import AuditEvent
from tulta.documents.models import FrozenDocument
from tulta.factories import TeamFactory, UnitFactory, UserFactory
from tulta.mentoring.models import MentorAssignment, MentoringSession
from tulta.risalah import artefacts
from tulta.risalah import services as risalah_services
from tulta.risalah.models import Risalah, ToolArtefact
from tulta.testing.competitions import fill_gaps, final_risalah, score_card
from tulta.testing.samples import sample_team, tulta_programme, write_risalah

pytestmark = pytest.mark.django_db

V1 = "/api/v1"
NIP = "198503152010011001"


def _audits(obj, action=None):
    events = AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    )
    return events.filter(action=action) if action else events


@pytest.fixture
def started(world, programme):
    """The world's team's risalah, started by its chair."""
    return risalah_services.risalah_start(
        actor=world.chair, team=world.team, programme=programme, tema="Antrean", judul="Turun"
    )


def _pareto(world, risalah):
    step = risalah.steps.get(number=1)
    step.risalah = risalah
    return artefacts.artefact_create(actor=world.chair, step=step, tool="pareto")


# --- tools and their data --------------------------------------------------------------------


def test_the_tools_list_gives_each_grids_columns_and_options(world, api_for):
    response = api_for(world.chair).get(f"{V1}/tools/")
    assert response.status_code == 200
    pareto = next(t for t in response.json() if t["code"] == "pareto")
    assert pareto["label"] == "Diagram Pareto"
    assert [c["key"] for c in pareto["columns"]] == ["kategori", "jumlah", "periode"]
    jumlah = pareto["columns"][1]
    assert (jumlah["type"], jumlah["required"], jumlah["minimum"]) == ("number", True, 0)
    assert pareto["options"][0]["key"] == "other_below"
    assert pareto["min_rows"] == 2


def test_a_tool_is_added_with_its_data_and_audited(world, started, api_for):
    rows = [["Berkas kurang", "120", ""], ["Foto buram", "1.250", ""], ["Salah ketik", "7,5", ""]]
    response = api_for(world.chair).post(
        f"{V1}/risalah/{started.pk}/artefacts/",
        {"step": 1, "tool": "pareto", "title": "Pareto penolakan", "rows": rows},
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["step"], body["tool"], body["title"], body["errors"]) == (
        1,
        "pareto",
        "Pareto penolakan",
        [],
    )
    artefact = ToolArtefact.objects.get(pk=body["id"])
    assert artefact.rows == rows
    assert _audits(artefact, "create").count() == 1
    assert _audits(artefact, "update").count() == 1


def test_an_unknown_tool_is_refused_with_the_registrys_codes(world, started, api_for):
    response = api_for(world.chair).post(
        f"{V1}/risalah/{started.pk}/artefacts/", {"step": 1, "tool": "parreto"}, format="json"
    )
    assert response.status_code == 400
    message = response.json()["tool"][0]
    assert message.startswith("Alat “parreto” tidak dikenal; yang ada: ")
    assert "pareto" in message
    assert not ToolArtefact.objects.exists()


def test_a_bad_cell_is_named_by_row_and_column_and_nothing_is_saved(world, started, api_for):
    artefact = _pareto(world, started)
    response = api_for(world.chair).patch(
        f"{V1}/risalah/{started.pk}/artefacts/{artefact.pk}/",
        {
            "base_version": artefact.version,
            "rows": [["Berkas kurang", "120"], ["Foto buram", "banyak"], ["", "-3"]],
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["rows"] == {
        "2": {"jumlah": ["Baris 2, kolom “Jumlah”: “banyak” bukan angka"]},
        "3": {
            "kategori": ["Baris 3, kolom “Kategori”: wajib diisi"],
            "jumlah": ["Baris 3, kolom “Jumlah”: tidak boleh negatif (-3)"],
        },
    }
    fresh = ToolArtefact.objects.get(pk=artefact.pk)
    assert (fresh.rows, fresh.version) == (artefact.rows, artefact.version)


def test_a_row_wider_than_the_tool_and_an_unknown_option_are_refused(world, started, api_for):
    artefact = _pareto(world, started)
    response = api_for(world.chair).patch(
        f"{V1}/risalah/{started.pk}/artefacts/{artefact.pk}/",
        {
            "base_version": artefact.version,
            "rows": [["A", "1", "", "lebih"]],
            "options": {"warna": "merah", "other_below": "lima"},
        },
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["rows"] == [
        "Baris 1 berisi 4 sel; alat ini hanya 3 kolom: kategori, jumlah, periode."
    ]
    assert set(body["options"]) == {"warna", "other_below"}
    assert body["options"]["other_below"] == ["“lima” bukan angka."]


def test_a_grid_saved_over_a_newer_version_is_a_conflict_with_the_current_data(
    world, started, api_for
):
    artefact = _pareto(world, started)
    url = f"{V1}/risalah/{started.pk}/artefacts/{artefact.pk}/"
    first = api_for(world.member).patch(
        url,
        {"base_version": artefact.version, "rows": [["A", "3"], ["B", "1"]]},
        format="json",
    )
    assert first.status_code == 200, first.content
    assert first.json()["version"] == artefact.version + 1
    stale = api_for(world.chair).patch(
        url, {"base_version": artefact.version, "rows": [["C", "9"]]}, format="json"
    )
    assert stale.status_code == 409
    assert stale.json()["version"] == artefact.version + 1
    assert stale.json()["rows"] == [["A", "3", ""], ["B", "1", ""]]
    assert "Anggota Kelompok menyimpan alat ini lebih dulu" in stale.json()["detail"]


def test_a_tool_of_a_final_risalah_cannot_change(world, started, api_for):
    artefact = _pareto(world, started)
    Risalah.objects.filter(pk=started.pk).update(state=Risalah.State.FINAL)
    response = api_for(world.chair).patch(
        f"{V1}/risalah/{started.pk}/artefacts/{artefact.pk}/",
        {"base_version": artefact.version, "title": "Baru"},
        format="json",
    )
    assert response.status_code == 400
    assert ToolArtefact.objects.get(pk=artefact.pk).title == artefact.title


def test_a_tool_is_removed_by_the_team(world, started, api_for):
    artefact = _pareto(world, started)
    response = api_for(world.member).delete(f"{V1}/risalah/{started.pk}/artefacts/{artefact.pk}/")
    assert response.status_code == 204
    assert not ToolArtefact.objects.filter(pk=artefact.pk).exists()
    assert _audits(artefact, "delete").count() == 1


# --- the final submission --------------------------------------------------------------------


def test_a_risalah_with_every_step_approved_is_submitted_final_with_its_documents(api_for):
    cast = sample_team(UnitFactory().government, name="KBK Final")
    programme = tulta_programme(cast.government, cast.admin)
    risalah = write_risalah(cast, programme, final=False, artefact_steps={})
    response = api_for(cast.chair).post(f"{V1}/risalah/{risalah.pk}/final/")
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "final"
    assert response.json()["finalized_at"]
    assert set(FrozenDocument.objects.filter(risalah=risalah).values_list("format", flat=True)) == {
        "pdf",
        "docx",
    }
    again = api_for(cast.chair).post(f"{V1}/risalah/{risalah.pk}/final/")
    assert again.status_code == 400


def test_a_risalah_with_steps_not_approved_stays_a_draft_and_says_which(world, started, api_for):
    response = api_for(world.chair).post(f"{V1}/risalah/{started.pk}/final/")
    assert response.status_code == 400
    assert response.json()["non_field_errors"][0].startswith(
        "Belum semua langkah disetujui: langkah 1, 2"
    )
    assert Risalah.objects.get(pk=started.pk).state == Risalah.State.DRAFT
    assert not FrozenDocument.objects.filter(risalah=started).exists()


# --- rubrics ---------------------------------------------------------------------------------


def test_a_rubrics_criteria_come_with_their_ids_weights_and_ranges(world, api_for):
    template = Rubric.objects.get(government=None, code="risalah-100")
    response = api_for(world.judge).get(f"{V1}/rubrics/{template.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert body["is_template"] is True
    criteria = body["criteria"]
    assert [c["id"] for c in criteria] == list(
        template.criteria.order_by("position").values_list("pk", flat=True)
    )
    assert sum(c["weight"] for c in criteria) == 100
    first = template.criteria.order_by("position").first()
    assert (criteria[0]["min_score"], criteria[0]["max_score"]) == (
        first.min_score,
        first.max_score,
    )


def test_another_governments_rubric_is_not_listed(world, api_for):
    theirs = Rubric.objects.create(government=world.other_government, code="x", name="Milik Lain")
    ours = api_for(world.admin).get(f"{V1}/rubrics/?page_size=200").json()["results"]
    assert theirs.pk not in {r["id"] for r in ours}


# --- users -----------------------------------------------------------------------------------


def test_the_admin_creates_a_user_with_a_temporary_password(world, api_for):
    response = api_for(world.admin).post(
        f"{V1}/users/",
        {
            "full_name": "Siti Rahma, S.Kom.",
            "email": "Siti@Uji.go.id",
            "nip": "19850315 201001 1 001",
            "unit": world.unit.pk,
            "roles": ["mentor"],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    user = User.objects.get(pk=body["id"])
    assert (user.email, user.nip, user.government_id) == (
        "siti@uji.go.id",
        NIP,
        world.government.pk,
    )
    assert user.must_change_password and user.check_password(body["temporary_password"])
    assert (body["email"], body["nip"], body["roles"]) == ("siti@uji.go.id", NIP, ["mentor"])
    assert _audits(user, "create").get().actor_id == world.admin.pk


def test_a_user_the_model_refuses_is_a_400_and_nothing_is_created(world, api_for):
    before = User.objects.count()
    client = api_for(world.admin)
    taken = client.post(
        f"{V1}/users/", {"full_name": "Dua", "email": world.chair.email}, format="json"
    )
    assert taken.status_code == 400 and "email" in taken.json()
    bad_nip = client.post(
        f"{V1}/users/", {"full_name": "Tiga", "email": "t@uji.go.id", "nip": "1985"}, format="json"
    )
    assert bad_nip.status_code == 400
    assert bad_nip.json()["nip"] == ["NIP harus 18 digit; yang diisi 4 digit."]
    foreign_unit = client.post(
        f"{V1}/users/",
        {"full_name": "Empat", "email": "e@uji.go.id", "unit": world.other_team.unit_id},
        format="json",
    )
    assert foreign_unit.status_code == 400 and "unit" in foreign_unit.json()
    assert User.objects.count() == before


def test_email_and_nip_are_shown_to_the_admin_and_to_oneself_only(world, api_for):
    User.objects.filter(pk=world.member.pk).update(nip=NIP)
    User.objects.filter(pk=world.chair.pk).update(nip="198503122010011002")
    admin_view = api_for(world.admin).get(f"{V1}/users/{world.member.pk}/").json()
    assert (admin_view["email"], admin_view["nip"]) == (world.member.email, NIP)
    own = api_for(world.member).get(f"{V1}/users/{world.member.pk}/").json()
    assert (own["email"], own["nip"]) == (world.member.email, NIP)
    colleague = api_for(world.member).get(f"{V1}/users/{world.chair.pk}/").json()
    assert colleague["full_name"] == "Ketua Kelompok"
    assert "email" not in colleague and "nip" not in colleague
    listed = api_for(world.member).get(f"{V1}/users/").json()["results"]
    assert all("email" not in u for u in listed if u["id"] != world.member.pk)


def test_one_reads_ones_own_account_also_without_a_nip(world, api_for):
    User.objects.filter(pk=world.member.pk).update(nip=None)
    own = api_for(world.member).get(f"{V1}/users/{world.member.pk}/")
    assert own.status_code == 200
    assert (own.json()["email"], own.json()["nip"]) == (world.member.email, None)
    # Colleagues without a NIP are not in the member picker, so not in the list of others.
    User.objects.filter(pk=world.chair.pk).update(nip=None)
    assert api_for(world.member).get(f"{V1}/users/{world.chair.pk}/").status_code == 404
    assert api_for(world.admin).get(f"{V1}/users/{world.chair.pk}/").status_code == 200


# --- mentoring -------------------------------------------------------------------------------


def test_the_admin_assigns_a_mentor_and_the_risalah_follows(world, started, api_for):
    response = api_for(world.admin).post(
        f"{V1}/mentor-assignments/",
        {"programme": started.programme_id, "team": world.team.pk, "mentor": world.mentor.pk},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["mentor_name"] == "Pendamping"
    assert Risalah.objects.get(pk=started.pk).mentor_id == world.mentor.pk
    end = api_for(world.admin).post(f"{V1}/mentor-assignments/{response.json()['id']}/end/")
    assert end.status_code == 200 and end.json()["active"] is False
    assert Risalah.objects.get(pk=started.pk).mentor_id is None


def test_a_mentor_without_the_role_is_refused_with_the_reason(world, programme, api_for):
    response = api_for(world.admin).post(
        f"{V1}/mentor-assignments/",
        {"programme": programme.pk, "team": world.team.pk, "mentor": world.outsider.pk},
        format="json",
    )
    assert response.status_code == 400
    assert "belum berperan pendamping" in response.json()["non_field_errors"][0]
    assert not MentorAssignment.objects.exists()


def test_the_assigned_mentor_records_a_session_with_attendance_and_actions(
    world, programme, api_for
):
    MentorAssignment.objects.create(
        programme=programme, team=world.team, mentor=world.mentor, assigned_by=world.admin
    )
    client = api_for(world.mentor)
    response = client.post(
        f"{V1}/mentoring-sessions/",
        {
            "programme": programme.pk,
            "team": world.team.pk,
            "held_on": "2026-02-03",
            "mode": "in_person",
            "place": "Ruang rapat",
            "topic": "Pareto penolakan berkas",
            "attendees": [world.chair.pk, world.member.pk],
            "actions": [
                {
                    "description": "Lengkapi data Maret",
                    "owner": world.chair.pk,
                    "due_on": "2026-02-10",
                }
            ],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["mentor"] == world.mentor.pk
    assert sorted(body["attendees"]) == sorted([world.chair.pk, world.member.pk])
    assert [(a["description"], a["owner"]) for a in body["actions"]] == [
        ("Lengkapi data Maret", world.chair.pk)
    ]
    change = client.patch(
        f"{V1}/mentoring-sessions/{body['id']}/", {"topic": "Tulang ikan"}, format="json"
    )
    assert change.status_code == 200, change.content
    assert change.json()["topic"] == "Tulang ikan"
    assert change.json()["actions"][0]["id"] == body["actions"][0]["id"]  # kept, not recreated
    assert len(change.json()["attendees"]) == 2


def test_a_session_with_a_stranger_and_an_action_due_before_it_is_refused(
    world, programme, api_for
):
    response = api_for(world.admin).post(
        f"{V1}/mentoring-sessions/",
        {
            "programme": programme.pk,
            "team": world.team.pk,
            "held_on": "2026-02-03",
            "mode": "online",
            "topic": "Data",
            "attendees": [world.outsider.pk],
            "actions": [{"description": "X", "owner": world.chair.pk, "due_on": "2026-02-01"}],
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["non_field_errors"] == [
        "Bukan anggota kelompok: Pegawai Biasa.",
        "Tindakan 1: batas waktu sebelum tanggal pendampingan.",
    ]
    assert not MentoringSession.objects.exists()


# --- competitions ----------------------------------------------------------------------------


def test_the_organiser_creates_a_competition_and_opens_the_vote(world, programme, api_for):
    client = api_for(world.admin)
    response = client.post(
        f"{V1}/competitions/",
        {
            "programme": programme.pk,
            "name": "Lomba KBK OPD",
            "category": "prestasi",
            "eligible_unit_kinds": ["opd"],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    competition = Competition.objects.get(pk=response.json()["id"])
    assert competition.eligible_unit_kinds == ["opd"]
    bad_kind = client.post(
        f"{V1}/competitions/",
        {
            "programme": programme.pk,
            "name": "X",
            "category": "prestasi",
            "eligible_unit_kinds": ["desa"],
        },
        format="json",
    )
    assert bad_kind.status_code == 400
    assert "bukan jenis unit" in bad_kind.json()["eligible_unit_kinds"]["0"][0]
    change = client.patch(
        f"{V1}/competitions/{competition.pk}/", {"voting_open": True}, format="json"
    )
    assert change.status_code == 200 and change.json()["voting_open"] is True
    assert _audits(competition, "update").count() == 1


def test_a_round_takes_the_accepted_entries_and_judges_are_assigned_without_conflicts(
    world, programme, api_for
):
    competition = competition_services.competition_create(
        actor=world.admin, programme=programme, name="Lomba", category="prestasi"
    )
    mine = competition_services.entry_submit(
        actor=world.admin, competition=competition, risalah=final_risalah(world.team, programme)
    )
    other_team = TeamFactory(unit=world.other_unit, name="KBK Sehat")
    theirs = competition_services.entry_submit(
        actor=world.admin, competition=competition, risalah=final_risalah(other_team, programme)
    )
    client = api_for(world.admin)
    for entry in (mine, theirs):
        accepted = client.post(
            f"{V1}/competitions/{competition.pk}/entries/{entry.pk}/check/",
            {"accept": True},
            format="json",
        )
        assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    rubric = Rubric.objects.get(government=None, code="risalah-100")
    created = client.post(
        f"{V1}/rounds/",
        {"competition": competition.pk, "name": "Penilaian", "kind": "desk", "rubric": rubric.pk},
        format="json",
    )
    assert created.status_code == 201, created.content
    rnd = Round.objects.get(pk=created.json()["id"])
    assert set(rnd.round_entries.values_list("entry_id", flat=True)) == {mine.pk, theirs.pk}
    # A judge from the team's own unit: refused with the rule's reason, for that entry only.
    insider = UserFactory(government=world.government, unit=world.unit, roles=[Role.JUDGE])
    refused = client.post(
        f"{V1}/rounds/{rnd.pk}/assignments/",
        {"entry": mine.pk, "judge": insider.pk},
        format="json",
    )
    assert refused.status_code == 400
    assert "berasal dari unit yang sama dengan KBK Cepat" in refused.json()["non_field_errors"][0]
    allowed = client.post(
        f"{V1}/rounds/{rnd.pk}/assignments/",
        {"entry": theirs.pk, "judge": insider.pk},
        format="json",
    )
    assert allowed.status_code == 201, allowed.content
    assert allowed.json()["conflict"] == ""
    bulk = client.post(f"{V1}/rounds/{rnd.pk}/assign-judges/")
    assert bulk.status_code == 200
    assert bulk.json() == {
        "assigned": 2,
        "skipped": 1,
    }  # the judge persona to both; insider skipped
    listed = client.get(f"{V1}/rounds/{rnd.pk}/assignments/").json()["results"]
    assert {(a["team_name"], a["judge"]) for a in listed} == {
        ("KBK Sehat", insider.pk),
        ("KBK Cepat", world.judge.pk),
        ("KBK Sehat", world.judge.pk),
    }


def test_a_declared_conflict_shows_in_the_organisers_list(world, comp, api_for):
    assignment = Assignment.objects.get(
        round=comp["round"], entry=comp["entries"][1], judge=world.judge
    )
    competition_services.conflict_declare(
        actor=world.judge, assignment=assignment, reason="Saudara ketua kelompok"
    )
    listed = api_for(world.admin).get(f"{V1}/rounds/{comp['round'].pk}/assignments/").json()
    row = next(a for a in listed["results"] if a["id"] == assignment.pk)
    assert row["conflict"] == "Benturan kepentingan dinyatakan juri: Saudara ketua kelompok"
    assert row["counts"] is False


def test_a_judge_who_has_scored_is_not_removed(world, comp, api_for):
    rnd, entry = comp["round"], comp["entries"][1]
    score_card(world.judge, rnd, entry)
    assignment = Assignment.objects.get(round=rnd, entry=entry, judge=world.judge)
    response = api_for(world.admin).delete(f"{V1}/rounds/{rnd.pk}/assignments/{assignment.pk}/")
    assert response.status_code == 400
    assert "Keluarkan" in response.json()["non_field_errors"][0]
    assert Assignment.objects.filter(pk=assignment.pk).exists()
    excluded = api_for(world.admin).post(
        f"{V1}/rounds/{rnd.pk}/assignments/{assignment.pk}/exclude/",
        {"reason": "Juri sakit"},
        format="json",
    )
    assert excluded.status_code == 200, excluded.content
    assert excluded.json()["counts"] is False
    assert excluded.json()["conflict"] == "Dikeluarkan: Juri sakit"


def test_awards_are_decided_from_a_closed_round_and_shown_once_published(world, comp, api_for):
    rnd, competition = comp["round"], comp["competition"]
    url = f"{V1}/competitions/{competition.pk}/awards/"
    client = api_for(world.admin)
    too_early = client.post(url, {"round": rnd.pk}, format="json")
    assert too_early.status_code == 400
    assert too_early.json()["non_field_errors"] == [
        "Penghargaan ditetapkan dari babak yang sudah ditutup."
    ]
    # Different totals: a tie nobody can break would give both entries the same award.
    for entry, value in zip(comp["entries"], [9, 7, 5], strict=True):
        for judge in (world.judge, comp["judge2"]):
            for criterion in rnd.rubric.criteria.all():
                competition_services.score_save(
                    actor=judge, round=rnd, entry=entry, criterion=criterion, value=value
                )
    fill_gaps(rnd)
    closed = client.post(f"{V1}/rounds/{rnd.pk}/close/", {}, format="json")
    assert closed.status_code == 200 and closed.json()["state"] == "closed"
    decided = client.post(
        url,
        {"round": rnd.pk, "harapan": 0, "awarded_on": "2026-11-20", "signatory_name": "Wali Kota"},
        format="json",
    )
    assert decided.status_code == 201, decided.content
    kinds = [a["kind"] for a in decided.json()]
    assert kinds == ["juara_1", "juara_2", "juara_3"]
    assert Award.objects.filter(competition=competition).count() == 3
    assert api_for(world.chair).get(url).json() == []  # not published yet
    Competition.objects.filter(pk=competition.pk).update(results_public=True)
    assert len(api_for(world.chair).get(url).json()) == 3


def test_a_round_with_scores_missing_is_not_closed_and_says_what_is_missing(world, comp, api_for):
    response = api_for(world.admin).post(
        f"{V1}/rounds/{comp['round'].pk}/close/", {}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["non_field_errors"][0].startswith("Babak belum dapat ditutup")
    assert Round.objects.get(pk=comp["round"].pk).state == Round.State.OPEN


def test_a_gap_can_be_excluded_with_a_reason_when_closing(world, comp, api_for):
    rnd = comp["round"]
    fill_gaps(rnd)
    judge = UserFactory(government=world.government, full_name="Juri Telat", roles=[Role.JUDGE])
    late = competition_services.assignment_add(
        actor=world.admin, round=rnd, entry=comp["entries"][1], judge=judge
    )
    response = api_for(world.admin).post(
        f"{V1}/rounds/{rnd.pk}/close/",
        {"exclude": {str(late.pk): "Juri berhalangan"}},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert Assignment.objects.get(pk=late.pk).excluded_reason == "Juri berhalangan"
    keyed_wrong = api_for(world.admin).post(
        f"{V1}/rounds/{rnd.pk}/close/", {"exclude": {"abc": "x"}}, format="json"
    )
    assert keyed_wrong.status_code == 400


# --- lists read in a fixed number of queries -------------------------------------------------


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(captured)


def test_the_organisers_lists_do_not_grow_with_their_rows(world, comp, programme, api_for):
    client = api_for(world.admin)
    rnd = comp["round"]
    urls = [
        f"{V1}/rounds/{rnd.pk}/assignments/",
        f"{V1}/rubrics/",
        f"{V1}/users/",
        f"{V1}/mentor-assignments/",
        f"{V1}/mentoring-sessions/",
    ]

    def add(n):
        judge = UserFactory(government=world.government, roles=[Role.JUDGE], full_name=f"J{n}")
        competition_services.judges_assign(actor=world.admin, round=rnd, judges=[judge])
        rubric = Rubric.objects.create(government=world.government, code=f"r{n}", name=f"R{n}")
        rubric.criteria.create(code="a", name="A", weight=100)
        team = TeamFactory(unit=world.other_unit, name=f"KBK {n}")
        MentorAssignment.objects.create(
            programme=programme, team=team, mentor=world.mentor, assigned_by=world.admin
        )
        session = MentoringSession.objects.create(
            programme=programme,
            team=team,
            mentor=world.mentor,
            held_on=programme.starts_on,
            mode="online",
            topic="Data",
        )
        session.actions.create(description="Data", owner=world.mentor, due_on=programme.ends_on)
        session.attendees.add(world.chair)

    add(0)
    before = [_queries(client, url) for url in urls]
    for n in range(1, 4):
        add(n)
    after = [_queries(client, url) for url in urls]
    assert after == before, list(zip(urls, before, after, strict=True))
