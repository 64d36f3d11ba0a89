"""Certificates: emblem, border, number, members, the signer's letterhead, the verification URL
on one line, one page; and the organiser's ZIP of every certificate of a competition."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from tulta.competitions import certificates
from tulta.competitions.models import Award
from tulta.factories import MembershipFactory, UserFactory
from tulta.organizations.models import Membership

pytestmark = pytest.mark.django_db

CHECK_URL = "https://tulta.kota-uji.go.id/piagam/cek/Zq8m3XkP1vR7tY2wB9nC4dF6gH0jL5s/"


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 140), (11, 79, 138)).save(buffer, format="PNG")
    return buffer.getvalue()


def _award(comp, **fields) -> Award:
    defaults = {
        "competition": comp["competition"],
        "entry": comp["entries"][0],
        "kind": Award.Kind.JUARA_1,
        "rank": 1,
        "awarded_on": dt.date(2026, 11, 30),
    }
    return Award.objects.create(**(defaults | fields))


def _text(pdf: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return reader, reader.pages[0].extract_text()


def test_certificate_has_emblem_number_members_and_the_url_on_one_line(world, comp):
    world.government.logo.save("lambang.png", ContentFile(_png()))
    award = _award(comp, signatory_name="Kepala Dinas", signatory_title="Kepala Dinas")
    reader, text = _text(certificates.certificate_pdf(award, CHECK_URL))
    assert len(reader.pages) == 1
    assert len(reader.pages[0].images) == 1  # the emblem (the QR code is drawn as vectors)
    number = f"2026/{comp['competition'].pk}/{award.pk}"
    assert certificates.certificate_number(award) == number
    assert f"Nomor: {number}" in text
    for person in ("Ketua Kelompok", "Anggota Kelompok"):
        assert person in text
    assert "Ketua Kelompok (Ketua)" in text and "Anggota Kelompok (Sekretaris)" in text
    assert any(CHECK_URL in line for line in text.splitlines()), text
    assert "Uji, 30 November 2026" in text


def test_a_unit_head_signs_under_the_government_and_the_unit(world, comp):
    world.government.letterhead = "PEMERINTAH KOTA UJI\nSEKRETARIAT DAERAH\nJl. Merdeka 1"
    world.government.save()
    award = _award(comp, signatory_name=world.unit_head.full_name, signatory_title="Kepala Dinas")
    assert certificates.signer_letterhead(award) == ["PEMERINTAH KOTA UJI", "DINAS KEPENDUDUKAN"]
    _, text = _text(certificates.certificate_pdf(award, CHECK_URL))
    assert "DINAS KEPENDUDUKAN" in text and "SEKRETARIAT DAERAH" not in text


def test_a_regional_head_signs_under_the_office_of_the_head(world, comp):
    award = _award(comp, signatory_name="Dr. H. Arif", signatory_title="Wali Kota Uji")
    assert certificates.signer_letterhead(award) == ["WALI KOTA UJI"]


def test_another_signer_uses_the_government_letterhead(world, comp):
    world.government.letterhead = "PEMERINTAH KOTA UJI\nSEKRETARIAT DAERAH"
    world.government.save()
    award = _award(comp, signatory_name="Panitia Gelar", signatory_title="Ketua Panitia")
    assert certificates.signer_letterhead(award) == ["PEMERINTAH KOTA UJI", "SEKRETARIAT DAERAH"]
    bare = _award(comp, kind=Award.Kind.JUARA_2, rank=2, entry=comp["entries"][1])
    world.government.letterhead = ""
    world.government.save()
    bare.refresh_from_db()
    assert certificates.signer_letterhead(bare) == ["PEMERINTAH KOTA UJI"]


def test_a_group_of_ten_still_fits_one_page(world, comp):
    team = comp["entries"][0].team
    for i in range(7):
        MembershipFactory(
            team=team,
            user=UserFactory(government=world.government, full_name=f"Pegawai Nomor {i}"),
            role=Membership.Role.ANGGOTA,
        )
    award = _award(comp, signatory_name="Drs. Sekretaris Daerah", signatory_title="Sekda")
    reader, text = _text(certificates.certificate_pdf(award, CHECK_URL))
    assert len(reader.pages) == 1
    assert "Pegawai Nomor 6" in text and "Drs. Sekretaris Daerah" in text


def test_the_zip_holds_every_certificate_by_its_number(world, comp):
    first = _award(comp)
    second = _award(comp, kind=Award.Kind.JUARA_2, rank=2, entry=comp["entries"][1])
    data = certificates.certificates_zip([first, second], lambda a: f"https://x.test/{a.code}/")
    archive = zipfile.ZipFile(io.BytesIO(data))
    c = comp["competition"].pk
    assert sorted(archive.namelist()) == [
        f"piagam-2026-{c}-{first.pk}-juara_1.pdf",
        f"piagam-2026-{c}-{second.pk}-juara_2.pdf",
    ]
    _, text = _text(archive.read(f"piagam-2026-{c}-{second.pk}-juara_2.pdf"))
    assert "KBK Sehat" in text and "Juara II" in text


def test_the_check_page_shows_the_certificate_number(world, comp, client_for):
    award = _award(comp)
    page = client_for(None).get(reverse("competitions:certificate_check", args=[award.code]))
    assert page.status_code == 200
    assert certificates.certificate_number(award) in page.text and "Nomor piagam" in page.text
