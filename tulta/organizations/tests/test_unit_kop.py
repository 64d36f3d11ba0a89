"""Each unit signs with its head's real title and prints its own letterhead (kop) and logo."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tulta.core.models import AuditEvent
from tulta.organizations import services
from tulta.organizations.models import Unit, default_head_title

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("kind", "name", "title"),
    [
        ("kelurahan", "Kelurahan Cijerah", "Lurah Cijerah"),
        ("kelurahan", "Cijerah", "Lurah Cijerah"),
        ("kecamatan", "Kecamatan Sukamaju Utara", "Camat Sukamaju Utara"),
        ("kecamatan", "Sukamaju Utara", "Camat Sukamaju Utara"),
        ("opd", "Sekretariat Daerah", "Sekretaris Daerah"),
        ("opd", "Sekretariat DPRD", "Sekretaris DPRD"),
        ("opd", "Dinas Kesehatan", "Kepala Dinas Kesehatan"),
        ("opd", "Badan Pendapatan Daerah", "Kepala Badan Pendapatan Daerah"),
        ("opd", "RSUD Kota Sukamaju", "Direktur RSUD Kota Sukamaju"),
        ("upt", "Rumah Sakit Umum Daerah Bendan", "Direktur Rumah Sakit Umum Daerah Bendan"),
        ("opd", "Inspektorat Daerah", "Inspektur Daerah"),
        ("upt", "Puskesmas Cijerah", "Kepala Puskesmas Cijerah"),
    ],
)
def test_each_kind_of_unit_has_its_heads_usual_title(kind, name, title):
    assert default_head_title(kind, name) == title


def test_a_units_own_head_title_wins_over_the_default(world):
    unit = world.unit
    assert unit.head_title_display == "Kepala Dinas Kependudukan"
    unit.head_title = "Kepala Dinas Kependudukan dan Pencatatan Sipil"
    assert unit.head_title_display == "Kepala Dinas Kependudukan dan Pencatatan Sipil"


def test_a_units_kop_defaults_to_the_pemdas_first_line_its_name_and_address(world):
    government = world.government
    government.letterhead = "PEMERINTAH KOTA UJI\nSEKRETARIAT DAERAH\nJl. Balai Kota 1"
    government.save()
    unit = Unit.objects.get(pk=world.unit.pk)
    assert unit.letterhead_lines == ["PEMERINTAH KOTA UJI", "DINAS KEPENDUDUKAN"]
    unit.address = "Jl. Kenanga No. 5, Uji · Telp. (022) 765432"
    assert unit.letterhead_lines == [
        "PEMERINTAH KOTA UJI",
        "DINAS KEPENDUDUKAN",
        "Jl. Kenanga No. 5, Uji · Telp. (022) 765432",
    ]
    unit.letterhead = "PEMERINTAH KOTA UJI\nDINAS KEPENDUDUKAN DAN PENCATATAN SIPIL\n\n"
    assert unit.letterhead_lines == [
        "PEMERINTAH KOTA UJI",
        "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL",
    ]


def _png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (30, 30), (10, 120, 40)).save(buffer, "PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


def test_the_admin_sets_title_kop_and_logo_on_the_unit_page_and_it_is_audited(world, client_for):
    unit = world.unit
    response = client_for(world.admin).post(
        reverse("organizations:unit_edit", args=[unit.pk]),
        {
            "name": unit.name,
            "kind": unit.kind,
            "head": world.unit_head.pk,
            "head_title": "Kepala Dinas Kependudukan dan Pencatatan Sipil",
            "address": "Jl. Kenanga No. 5",
            "letterhead": "",
            "logo": _png(),
        },
    )
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.head_title == "Kepala Dinas Kependudukan dan Pencatatan Sipil"
    assert unit.address == "Jl. Kenanga No. 5"
    assert unit.logo.name.startswith("logos/unit/")
    with unit.logo.open("rb") as handle:
        assert handle.read(4) == b"\x89PNG"
    event = AuditEvent.objects.filter(action="update", object_id=str(unit.pk)).latest("id")
    assert event.changes["head_title"] == ["", "Kepala Dinas Kependudukan dan Pencatatan Sipil"]
    assert "logo" in event.changes
    page = client_for(world.admin).get(reverse("organizations:unit_detail", args=[unit.pk]))
    assert "Kepala Dinas Kependudukan dan Pencatatan Sipil" in page.content.decode()


def test_saving_the_unit_without_a_new_file_keeps_its_logo(world):
    unit = services.unit_update(actor=world.admin, unit=world.unit, logo=_png())
    stored = unit.logo.name
    unit = services.unit_update(actor=world.admin, unit=unit, address="Jl. Baru", logo=None)
    assert unit.logo.name == stored
    unit = services.unit_update(actor=world.admin, unit=unit, logo=False)
    assert not unit.logo


def test_a_logo_that_is_not_an_image_is_refused_and_nothing_changes(world):
    bad = SimpleUploadedFile("logo.png", b"not an image", content_type="image/png")
    with pytest.raises(Exception, match="Logo harus gambar"):
        services.unit_update(actor=world.admin, unit=world.unit, address="Jl. X", logo=bad)
    world.unit.refresh_from_db()
    assert world.unit.address == ""
