from __future__ import annotations

import pytest
from django.urls import reverse

from tulta.core.models import AuditEvent
from tulta.factories import UserFactory
from tulta.organizations.models import Team

pytestmark = pytest.mark.django_db


def _post_data(unit, rows, name="KBK Sigap"):
    data = {
        "unit": unit.pk,
        "name": name,
        "decree_number": "800/1/2026",
        "decree_date": "2026-01-10",
        "formed_on": "2026-01-12",
        "is_active": "on",
        "anggota-TOTAL_FORMS": str(len(rows)),
        "anggota-INITIAL_FORMS": "0",
        "anggota-MIN_NUM_FORMS": "1",
        "anggota-MAX_NUM_FORMS": "40",
    }
    for i, (nip, role) in enumerate(rows):
        data[f"anggota-{i}-nip"] = nip
        data[f"anggota-{i}-role"] = role
    return data


def test_admin_creates_a_team_with_members(world, client_for):
    people = [UserFactory(government=world.government) for _ in range(3)]
    rows = [
        (people[0].nip, "ketua"),
        (people[1].nip, "anggota"),
        (people[2].nip, "anggota"),
        ("", "anggota"),
    ]
    response = client_for(world.admin).post(
        reverse("organizations:team_create"), _post_data(world.unit, rows)
    )
    team = Team.objects.get(name="KBK Sigap")
    assert response.status_code == 302
    assert response.url == reverse("organizations:team_detail", args=[team.pk])
    assert team.memberships.count() == 3


def test_unknown_nip_is_marked_on_its_row_and_the_form_keeps_what_was_typed(world, client_for):
    people = [UserFactory(government=world.government) for _ in range(2)]
    rows = [(people[0].nip, "ketua"), ("198503152010011999", "anggota"), (people[1].nip, "anggota")]
    response = client_for(world.admin).post(
        reverse("organizations:team_create"), _post_data(world.unit, rows, name="KBK Ketik")
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "NIP 198503152010011999 tidak terdaftar" in text
    assert 'value="KBK Ketik"' in text
    assert f'value="{people[1].nip}"' in text
    assert not Team.objects.filter(name="KBK Ketik").exists()


def test_malformed_nip_names_the_wrong_part(world, client_for):
    person = UserFactory(government=world.government)
    rows = [(person.nip, "ketua"), ("198513152010011001", "anggota")]
    response = client_for(world.admin).post(
        reverse("organizations:team_create"), _post_data(world.unit, rows)
    )
    assert "bukan tanggal lahir yang sah" in response.content.decode()


def test_team_without_ketua_gets_a_clear_message(world, client_for):
    people = [UserFactory(government=world.government) for _ in range(3)]
    rows = [(p.nip, "anggota") for p in people]
    response = client_for(world.admin).post(
        reverse("organizations:team_create"), _post_data(world.unit, rows)
    )
    assert response.status_code == 200
    assert "belum ada anggota berperan Ketua" in response.content.decode()
    assert not Team.objects.filter(name="KBK Sigap").exists()


def test_duplicate_member_row_says_which_row_has_it_first(world, client_for):
    person = UserFactory(government=world.government)
    other = UserFactory(government=world.government)
    rows = [(other.nip, "ketua"), (person.nip, "anggota"), (person.nip, "sekretaris")]
    response = client_for(world.admin).post(
        reverse("organizations:team_create"), _post_data(world.unit, rows)
    )
    assert f"{person.full_name} sudah tercantum di baris 2" in response.content.decode()


def test_unit_head_cannot_create_a_team_in_a_unit_they_do_not_head(world, client_for):
    person = UserFactory(government=world.government)
    response = client_for(world.unit_head).post(
        reverse("organizations:team_create"),
        _post_data(world.other_unit, [(person.nip, "ketua")]),
    )
    assert response.status_code == 200
    assert not Team.objects.filter(name="KBK Sigap").exists()


def test_chair_edits_their_team_and_sees_the_size_warning(world, client_for):
    rows = [(world.chair.nip, "ketua"), (world.member.nip, "anggota")]
    data = _post_data(world.unit, rows, name="KBK Cepat")
    response = client_for(world.chair).post(
        reverse("organizations:team_edit", args=[world.team.pk]), data, follow=True
    )
    assert response.status_code == 200
    assert "lazimnya 3–10 orang" in response.content.decode()
    assert world.team.memberships.count() == 2
    assert AuditEvent.objects.filter(object_id=str(world.team.pk), actor=world.chair).exists()


def test_history_page_shows_who_changed_what(world, client_for):
    rows = [(world.chair.nip, "ketua"), (world.member.nip, "anggota")]
    client_for(world.chair).post(
        reverse("organizations:team_edit", args=[world.team.pk]),
        _post_data(world.unit, rows, name="KBK Cepat Sekali"),
    )
    text = (
        client_for(world.admin)
        .get(reverse("home:history", args=["kelompok", world.team.pk]))
        .content.decode()
    )
    assert "Ketua Kelompok" in text
    assert "KBK Cepat Sekali" in text


def test_admin_sets_logo_and_letterhead_and_the_logo_is_stripped_of_metadata(world, client_for):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    image = Image.new("RGB", (300, 200), "navy")
    exif = Image.Exif()
    exif[0x010F] = "KameraDinas"
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    client = client_for(world.admin)
    response = client.post(
        reverse("organizations:government"),
        {
            "letterhead": "PEMERINTAH KOTA UJI\nSEKRETARIAT DAERAH",
            "logo": SimpleUploadedFile("logo.jpg", buffer.getvalue(), "image/jpeg"),
            "time_zone": "Asia/Jakarta",
        },
    )
    assert response.status_code == 302
    world.government.refresh_from_db()
    assert world.government.letterhead_lines == ["PEMERINTAH KOTA UJI", "SEKRETARIAT DAERAH"]
    logo = b"".join(client.get(reverse("organizations:government_logo")).streaming_content)
    assert logo.startswith(b"\x89PNG") and b"KameraDinas" not in logo
    assert (
        client_for(world.other_admin).get(reverse("organizations:government_logo")).status_code
        == 404
    )


def test_a_logo_that_is_not_an_image_is_refused(world, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_for(world.admin).post(
        reverse("organizations:government"),
        {"letterhead": "", "logo": SimpleUploadedFile("logo.png", b"not an image", "image/png")},
    )
    assert response.status_code == 200
    world.government.refresh_from_db()
    assert not world.government.logo
