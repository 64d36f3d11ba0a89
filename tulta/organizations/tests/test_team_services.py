from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tulta.core.models import AuditEvent
from tulta.factories import UserFactory
from tulta.organizations import services
from tulta.organizations.models import Membership, Team
from tulta.organizations.services import MemberSpec

pytestmark = pytest.mark.django_db


def _people(world, n):
    return [UserFactory(government=world.government) for _ in range(n)]


def test_team_create_saves_team_members_and_an_audit_event(world):
    a, b, c = _people(world, 3)
    result = services.team_create(
        actor=world.admin,
        unit=world.unit,
        name="KBK Tepat",
        members=[MemberSpec(a, "ketua"), MemberSpec(b, "sekretaris"), MemberSpec(c, "anggota")],
    )
    assert result.warnings == []
    assert set(result.team.members.all()) == {a, b, c}
    event = AuditEvent.objects.get(object_id=str(result.team.pk), action="create")
    assert event.actor == world.admin
    assert event.government_id == world.government.pk
    assert event.changes["name"] == [None, "KBK Tepat"]
    assert len(event.changes["anggota"][1]) == 3


def test_team_without_ketua_is_refused_and_nothing_is_saved(world):
    a, b = _people(world, 2)
    with pytest.raises(ValidationError, match="tepat satu ketua"):
        services.team_create(
            actor=world.admin,
            unit=world.unit,
            name="KBK Tanpa Ketua",
            members=[MemberSpec(a, "anggota"), MemberSpec(b, "anggota")],
        )
    assert not Team.objects.filter(name="KBK Tanpa Ketua").exists()
    assert not AuditEvent.objects.filter(object_repr="KBK Tanpa Ketua").exists()


def test_two_ketua_are_refused(world):
    a, b = _people(world, 2)
    with pytest.raises(ValidationError, match="hanya boleh memiliki satu ketua"):
        services.team_create(
            actor=world.admin,
            unit=world.unit,
            name="KBK Dua Ketua",
            members=[MemberSpec(a, "ketua"), MemberSpec(b, "ketua")],
        )


def test_duplicate_member_is_refused(world):
    (a,) = _people(world, 1)
    with pytest.raises(ValidationError, match="lebih dari sekali"):
        services.team_create(
            actor=world.admin,
            unit=world.unit,
            name="KBK Dobel",
            members=[MemberSpec(a, "ketua"), MemberSpec(a, "anggota")],
        )


def test_member_of_another_government_is_refused(world):
    outsider = UserFactory(government=world.other_government)
    (a,) = _people(world, 1)
    with pytest.raises(ValidationError, match="bukan pegawai pemda ini"):
        services.team_create(
            actor=world.admin,
            unit=world.unit,
            name="KBK Campur",
            members=[MemberSpec(a, "ketua"), MemberSpec(outsider, "anggota")],
        )


def test_a_team_outside_three_to_ten_members_is_saved_with_a_warning(world):
    (a,) = _people(world, 1)
    result = services.team_create(
        actor=world.admin, unit=world.unit, name="KBK Sendiri", members=[MemberSpec(a, "ketua")]
    )
    assert result.team.pk
    assert "lazimnya 3–10 orang" in result.warnings[0]


def test_database_refuses_a_second_ketua_even_past_the_service(world):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            team=world.team, user=UserFactory(government=world.government), role="ketua"
        )


def test_team_update_swaps_the_ketua_and_records_old_and_new_members(world):
    team = world.team
    new_members = [
        MemberSpec(world.member, "ketua"),
        MemberSpec(world.chair, "anggota"),
    ]
    services.team_update(actor=world.unit_head, team=team, members=new_members, name="KBK Baru")
    roles = dict(team.memberships.values_list("user_id", "role"))
    assert roles == {world.member.pk: "ketua", world.chair.pk: "anggota"}
    event = AuditEvent.objects.filter(object_id=str(team.pk), action="update").get()
    assert event.actor == world.unit_head
    assert event.changes["name"] == ["KBK Cepat", "KBK Baru"]
    old, new = event.changes["anggota"]
    assert "Ketua Kelompok (Ketua)" in old
    assert "Anggota Kelompok (Ketua)" in new


def test_team_update_with_a_bad_member_list_changes_nothing(world):
    team = world.team
    with pytest.raises(ValidationError):
        services.team_update(
            actor=world.admin,
            team=team,
            members=[MemberSpec(world.member, "anggota")],
            name="Tidak Tersimpan",
        )
    team.refresh_from_db()
    assert team.name == "KBK Cepat"
    assert team.memberships.count() == 3


def test_team_cannot_move_to_a_unit_of_another_government(world):
    other_unit = world.other_team.unit
    with pytest.raises(ValidationError):
        services.team_update(actor=world.admin, team=world.team, unit=other_unit)


def test_unit_update_records_old_and_new_values(world):
    services.unit_update(actor=world.admin, unit=world.unit, name="Disdukcapil")
    event = AuditEvent.objects.get(object_id=str(world.unit.pk), action="update")
    assert event.changes == {"name": ["Dinas Kependudukan", "Disdukcapil"]}


def test_unit_cannot_be_its_own_ancestor(world):
    kecamatan = world.sub_unit.parent
    with pytest.raises(ValidationError, match="melingkar"):
        services.unit_update(actor=world.admin, unit=kecamatan, parent=world.sub_unit)


def test_team_delete_keeps_what_it_was_in_the_audit_log(world):
    pk = world.team.pk
    services.team_delete(actor=world.admin, team=world.team)
    assert not Team.objects.filter(pk=pk).exists()
    event = AuditEvent.objects.get(object_id=str(pk), action="delete")
    assert event.changes["name"] == ["KBK Cepat", None]
    assert len(event.changes["anggota"][0]) == 3


def test_unit_with_teams_cannot_be_deleted(world):
    with pytest.raises(ValidationError, match="masih memiliki kelompok"):
        services.unit_delete(actor=world.admin, unit=world.unit)
    assert not AuditEvent.objects.filter(action="delete").exists()


def test_empty_unit_is_deleted_and_audited(world):
    pk = world.other_unit.pk
    services.unit_delete(actor=world.admin, unit=world.other_unit)
    assert AuditEvent.objects.filter(object_id=str(pk), action="delete").exists()


def test_a_team_with_a_risalah_cannot_be_deleted_and_the_page_says_why(world, client_for):
    from tulta.risalah.method_templates import ensure_template_methods
    from tulta.risalah.models import Method, Programme, Risalah

    ensure_template_methods()
    programme = Programme.objects.create(
        government=world.government,
        name="Program 2026",
        year=2026,
        method=Method.objects.get(government=None, code="tulta"),
        starts_on="2026-01-01",
        ends_on="2026-12-31",
    )
    Risalah.objects.create(team=world.team, programme=programme, tema="T", judul="J")
    with pytest.raises(ValidationError, match="nonaktifkan"):
        services.team_delete(actor=world.admin, team=world.team)
    response = client_for(world.admin).post(
        reverse("organizations:team_delete", args=[world.team.pk]), follow=True
    )
    assert "sudah memiliki risalah" in response.content.decode()
    assert Team.objects.filter(pk=world.team.pk).exists()
