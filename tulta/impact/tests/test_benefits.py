"""Verified benefits: the team claims, the unit head (and the finance verifier, where the
programme names one) verifies or returns, and the ledger counts only verified value in its
headline."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tulta.core.models import AuditEvent
from tulta.factories import UserFactory
from tulta.impact import selectors, services
from tulta.impact.models import Benefit
from tulta.testing.samples import png_bytes

from .conftest import add_indicator, finalize, start

pytestmark = pytest.mark.django_db


@pytest.fixture
def final(world, programme):
    risalah = start(world.admin, world.team, programme, tema="Waktu tunggu KTP-el")
    # 45 -> 15 minutes for 12.000 services: 30/60 h × 12.000 = 6.000 citizen hours a year.
    indicator = add_indicator(
        world.chair,
        risalah,
        baseline=["40", "45", "50", "44", "46"],
        after=["14", "15", "16", "15", "15"],
        volume=12_000,
    )
    finalize(risalah)
    indicator.refresh_from_db()
    return indicator


def test_the_claim_keeps_the_ledgers_calculation(world, final):
    benefit = services.benefit_claim(actor=world.chair, indicator=final, note="Volume dari SIAK")
    assert benefit.state == Benefit.State.CLAIMED
    assert benefit.measure == "jam" and round(benefit.amount) == 6000
    assert benefit.calculation == (
        "(45,0 menit − 15,0 menit) × 12.000 layanan per tahun = 6.000 jam waktu warga per tahun"
    )
    assert AuditEvent.objects.filter(verb="benefit_claimed").count() == 1


def test_verified_by_the_unit_head_the_ledger_counts_it_as_realised(world, final):
    ledger = selectors.ledger_for(world.government.pk)
    (year,) = ledger.years
    assert round(year.hours_saved) == 6000 and year.verified_hours == 0  # potential only
    benefit = services.benefit_claim(actor=world.chair, indicator=final)
    services.benefit_verify(actor=world.unit_head, benefit=benefit, note="Sesuai data SIAK")
    benefit.refresh_from_db()
    assert benefit.state == Benefit.State.VERIFIED and benefit.unit_verified_by == world.unit_head
    (year,) = selectors.ledger_for(world.government.pk).years
    assert round(year.verified_hours) == 6000 and year.verified_improvements == 1


def test_with_a_finance_verifier_the_unit_heads_check_is_not_enough(world, final):
    bpkad = UserFactory(government=world.government, full_name="Verifikator BPKAD")
    final.risalah.programme.finance_verifiers.add(bpkad)
    benefit = services.benefit_claim(actor=world.chair, indicator=final)
    services.benefit_verify(actor=world.unit_head, benefit=benefit)
    benefit.refresh_from_db()
    assert benefit.state == Benefit.State.UNIT_VERIFIED
    assert selectors.ledger_for(world.government.pk).years[0].verified_hours == 0
    document = SimpleUploadedFile("sp2d.png", png_bytes(), content_type="image/png")
    services.benefit_verify(actor=bpkad, benefit=benefit, note="Cek SP2D", document=document)
    benefit.refresh_from_db()
    assert benefit.state == Benefit.State.VERIFIED
    assert benefit.finance_verified_by == bpkad and benefit.finance_document
    assert round(selectors.ledger_for(world.government.pk).years[0].verified_hours) == 6000


def test_a_verifier_who_is_a_member_of_the_team_is_refused(world, final):
    benefit = services.benefit_claim(actor=world.chair, indicator=final)
    with pytest.raises(ValidationError, match="tidak memverifikasi manfaat kelompoknya sendiri"):
        services.benefit_verify(actor=world.member, benefit=benefit)
    benefit.refresh_from_db()
    assert benefit.state == Benefit.State.CLAIMED


def test_returned_with_a_reason_and_claimed_again(world, final):
    benefit = services.benefit_claim(actor=world.chair, indicator=final)
    with pytest.raises(ValidationError, match="Tulis alasan"):
        services.benefit_return(actor=world.unit_head, benefit=benefit, reason="  ")
    services.benefit_return(
        actor=world.unit_head, benefit=benefit, reason="Volume layanan 12.000 belum ada buktinya"
    )
    benefit.refresh_from_db()
    assert benefit.state == Benefit.State.RETURNED
    assert benefit.return_reason.startswith("Volume layanan")
    again = services.benefit_claim(actor=world.chair, indicator=final, note="Lampiran SIAK")
    assert again.pk == benefit.pk and again.state == Benefit.State.CLAIMED


def test_a_bad_document_is_refused_and_nothing_is_half_saved(world, final):
    benefit = services.benefit_claim(actor=world.chair, indicator=final)
    fake = SimpleUploadedFile("bukti.pdf", b"bukan pdf sama sekali", content_type="application/pdf")
    with pytest.raises(ValidationError, match="bukan PDF, JPEG, PNG"):
        services.benefit_verify(actor=world.unit_head, benefit=benefit, document=fake)
    benefit.refresh_from_db()
    assert benefit.state == Benefit.State.CLAIMED and benefit.unit_verified_at is None


def test_no_claim_without_a_proven_improvement_or_before_final(world, programme):
    risalah = start(world.admin, world.team, programme, tema="Belum terbukti")
    flat = add_indicator(
        world.chair, risalah, baseline=["40", "45", "50"], after=["41", "46", "49"], volume=100
    )
    with pytest.raises(ValidationError, match="setelah risalah final"):
        services.benefit_claim(actor=world.chair, indicator=flat)
    finalize(risalah)
    flat.refresh_from_db()
    with pytest.raises(ValidationError, match="belum menunjukkan perbaikan yang nyata"):
        services.benefit_claim(actor=world.chair, indicator=flat)


def test_the_pages_walk_claim_verify_and_the_ledger(world, final, client_for):
    risalah = final.risalah
    client = client_for(world.chair)
    page = reverse("impact:indicators", args=[risalah.pk])
    assert "Ajukan manfaat" in client.get(page).content.decode()
    client.post(reverse("impact:benefit_claim", args=[risalah.pk, final.pk]), {"note": "SIAK"})
    benefit = Benefit.objects.get(indicator=final)
    head = client_for(world.unit_head)
    queue = head.get(reverse("impact:benefit_queue")).content.decode()
    assert "6.000 jam waktu warga per tahun" in queue
    head.post(
        reverse("impact:benefit_verify", args=[benefit.pk]),
        {"note": "cocok", "next": "queue", "document": SimpleUploadedFile("b.png", png_bytes())},
    )
    benefit.refresh_from_db()
    assert benefit.verified
    text = client_for(world.chair).get(page).content.decode()
    assert "terverifikasi" in text and "Ajukan manfaat" not in text
    document = client_for(world.chair).get(
        reverse("impact:benefit_document", args=[benefit.pk, "unit"])
    )
    assert document.status_code == 200 and document.content == png_bytes()
    ledger = client_for(world.admin).get(reverse("impact:ledger")).content.decode()
    assert "6.000 jam" in ledger and "(potensi 6.000)" in ledger
