from __future__ import annotations

import datetime as dt

from django.utils import timezone
from playwright.sync_api import Page, expect

from tulta.impact import services as impact
from tulta.risalah import services
from tulta.risalah.method_templates import ensure_template_methods
from tulta.risalah.models import Method, Risalah, RisalahStep
from tulta.testing.world import PASSWORD

from .conftest import assert_accessible, screenshot, sign_in


def _final_risalah(world) -> Risalah:
    ensure_template_methods()
    today = timezone.localdate()
    programme = services.programme_create(
        actor=world.admin,
        government=world.government,
        name="Program Budaya Kerja",
        year=today.year,
        method=Method.objects.get(code="tulta", government=None),
        starts_on=today - dt.timedelta(days=90),
        ends_on=today + dt.timedelta(days=200),
    )
    risalah = services.risalah_start(
        actor=world.chair,
        team=world.team,
        programme=programme,
        tema="Antre panjang di loket KTP-el",
        judul="Memangkas waktu antre KTP-el dari 45 menjadi 15 menit",
    )
    impact.indicator_save(
        actor=world.chair,
        risalah=risalah,
        name="waktu antre KTP-el",
        kind="cepat",
        unit="menit",
        direction="lower",
        annual_volume=12_000,
        target=15,
        baseline=["40", "45", "50", "44", "46", "47", "43", "45"],
        after=["14", "15", "16", "15", "15", "13", "17", "15"],
    )
    RisalahStep.objects.filter(risalah=risalah).update(state=RisalahStep.State.APPROVED)
    Risalah.objects.filter(pk=risalah.pk).update(state=Risalah.State.FINAL)
    return risalah


def test_admin_publishes_and_a_visitor_finds_it_by_another_word_form(page: Page, world):
    risalah = _final_risalah(world)
    sign_in(page, world.admin.email, PASSWORD)
    page.goto(f"/risalah/{risalah.pk}/indikator/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Indikator layanan")
    page.get_by_label("Ringkasan untuk katalog").fill("Loket dibagi dua dan nomor antre daring.")
    page.get_by_role("button", name="Terbitkan di katalog karya").click()
    expect(page.get_by_text("Risalah diterbitkan di katalog karya.")).to_be_visible()
    assert_accessible(page)

    page.context.clear_cookies()
    page.goto("/karya/")
    page.get_by_label("Kata kunci").fill("antrean")
    page.get_by_role("button", name="Cari", exact=True).click()
    expect(page.get_by_role("status").first).to_contain_text("1 karya")
    expect(page.get_by_label("Kata kunci")).to_have_value("antrean")
    screenshot(page, "impact-showcase-list")
    page.get_by_role("link", name="Antre panjang di loket KTP-el").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Antre panjang di loket KTP-el")
    expect(page.get_by_text("turun dari 45,0 menjadi 15,0 menit").first).to_be_visible()
    expect(page.get_by_text("sasaran tercapai")).to_be_visible()
    assert page.locator("figure.chart svg").count() == 1
    assert_accessible(page)
    screenshot(page, "impact-showcase-detail")


def test_admin_reads_the_city_ledger_with_bars_and_table(page: Page, world):
    _final_risalah(world)
    sign_in(page, world.admin.email, PASSWORD)
    page.goto("/dampak/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Buku dampak perbaikan layanan")
    table = page.get_by_role("region", name="Buku dampak per tahun dan jenis unit")
    expect(table).to_contain_text("6.000,0")  # 30 minutes × 12.000 services = 6.000 hours
    assert_accessible(page)
    screenshot(page, "impact-ledger")


def test_team_enters_measurements_and_sees_bad_values_by_line(page: Page, world):
    risalah = _final_risalah(world)
    Risalah.objects.filter(pk=risalah.pk).update(state=Risalah.State.DRAFT)
    sign_in(page, world.chair.email, PASSWORD)
    page.goto(f"/risalah/{risalah.pk}/indikator/baru/")
    page.get_by_label("Nama indikator").fill("biaya fotokopi")
    page.get_by_label("Jenis").select_option("murah")
    page.locator("#id_unit").select_option("Rp")
    page.get_by_label("Satuan data sesudah").select_option("Rp")
    page.get_by_label("Volume layanan per tahun").fill("1000")
    page.get_by_label("Data sebelum perbaikan").fill("5.000\n5.500\nlima ribu")
    page.get_by_label("Data sesudah perbaikan").fill("0\n0")
    assert_accessible(page)
    page.get_by_role("button", name="Simpan indikator").click()
    expect(page.get_by_text("Data sebelum, baris 3 (“lima ribu”): bukan angka.")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "impact-indicators")
