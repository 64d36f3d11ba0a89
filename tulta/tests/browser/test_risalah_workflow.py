from __future__ import annotations

import datetime as dt

from playwright.sync_api import Browser, Page, expect

from tulta.risalah import services
from tulta.risalah.method_templates import ensure_template_methods
from tulta.risalah.models import Method, Risalah, RisalahStep
from tulta.testing.world import PASSWORD

from .conftest import assert_accessible, screenshot, sign_in, step_editor


def _programme(world):
    ensure_template_methods()
    return services.programme_create(
        actor=world.admin,
        government=world.government,
        name="Program Budaya Kerja 2026",
        year=2026,
        method=Method.objects.get(code="tulta", government=None),
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2026, 12, 31),
    )


def _write_step_one(page: Page, suffix: str = "") -> None:
    labels = {
        "Daftar masalah hasil curah pendapat": "Antrean KTP-el panjang; berkas sering kurang",
        "Penilaian USG dan masalah terpilih": "Antrean KTP-el: U5 S4 G4 = 13",
        "Data pendukung (lembar periksa, Pareto)": "Lembar periksa 2 minggu: 312 keluhan",
        "Tema terpilih dan alasannya": "Waktu tunggu KTP-el" + suffix,
    }
    for label, text in labels.items():
        editor = step_editor(page, label)
        editor.click()
        editor.press("Control+a")
        editor.type(text)


def test_chair_writes_step_one_mentor_returns_then_approves(browser: Browser, live_server, world):
    programme = _programme(world)
    chair = browser.new_context(base_url=live_server.url, viewport={"width": 1366, "height": 768})
    page = chair.new_page()
    page.set_default_timeout(8_000)
    sign_in(page, world.chair.email, PASSWORD)
    page.get_by_role("link", name="Mulai risalah").click()
    page.get_by_label("Program").select_option(str(programme.pk))
    page.get_by_label("Tema").fill("Waktu tunggu KTP-el terlalu lama")
    page.get_by_label("Judul").fill("Menurunkan waktu tunggu KTP-el dari 45 menjadi 15 menit")
    page.get_by_role("button", name="Mulai").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Langkah 1: Menentukan tema")
    _write_step_one(page)
    expect(page.locator("[data-save-status]")).to_contain_text("Tersimpan otomatis")
    assert_accessible(page)
    screenshot(page, "langkah-1-menulis")
    page.get_by_role("button", name="Simpan dan ajukan untuk ditinjau").click()
    expect(page.get_by_text("Langkah 1 diajukan untuk ditinjau pendamping.")).to_be_visible()
    risalah = Risalah.objects.get(team=world.team)

    mentor = browser.new_context(base_url=live_server.url, viewport={"width": 1366, "height": 768})
    mpage = mentor.new_page()
    mpage.set_default_timeout(8_000)
    sign_in(mpage, world.admin.email, PASSWORD)  # the admin assigns the mentor first
    mpage.goto(f"/risalah/{risalah.pk}/")
    mpage.get_by_label("Tugaskan pendamping").select_option(label=world.mentor.full_name)
    mpage.get_by_role("button", name="Simpan pendamping").click()
    mpage.context.clear_cookies()
    sign_in(mpage, world.mentor.email, PASSWORD)
    mpage.get_by_role("link", name="langkah 1").first.click()
    mpage.get_by_label("Komentar untuk kelompok").fill(
        "Tambahkan data lembar periksa bulan Januari."
    )
    assert_accessible(mpage)
    screenshot(mpage, "langkah-1-tinjau")
    mpage.get_by_role("button", name="Kembalikan untuk diperbaiki").click()
    expect(mpage.get_by_text("Langkah 1 dikembalikan ke kelompok.")).to_be_visible()

    page.goto("/")
    expect(page.get_by_text("Langkah 1 dikembalikan pendamping.")).to_be_visible()
    page.get_by_role("link", name="Perbaiki sekarang").click()
    expect(page.get_by_text("Tambahkan data lembar periksa bulan Januari.")).to_be_visible()
    _write_step_one(page, suffix=" (data Januari ditambahkan)")
    page.get_by_role("button", name="Simpan dan ajukan untuk ditinjau").click()
    expect(page.get_by_text("Langkah 1 diajukan")).to_be_visible()

    mpage.goto(f"/risalah/{risalah.pk}/langkah/1/")
    # What changed since the return, word by word, above the review form (#21 point 9).
    expect(mpage.locator("#perubahan")).to_contain_text("Perubahan sejak dikembalikan oleh")
    expect(mpage.locator('[data-diff="tema"] ins')).to_have_text("(data Januari ditambahkan)")
    expect(mpage.locator('[data-diff="masalah"]')).to_have_count(0)  # rewritten the same
    assert_accessible(mpage)
    screenshot(mpage, "langkah-1-perubahan-sejak-dikembalikan")
    mpage.set_viewport_size({"width": 390, "height": 844})
    assert mpage.evaluate("document.documentElement.scrollWidth") <= 390
    mpage.set_viewport_size({"width": 1366, "height": 768})
    mpage.get_by_role("button", name="Setujui").click()
    expect(mpage.get_by_text("Langkah 1 disetujui.")).to_be_visible()

    page.goto(f"/risalah/{risalah.pk}/")
    row2 = page.locator("tr[data-step='2']")
    expect(row2).not_to_contain_text("belum terbuka")
    page.get_by_role("link", name="2. Memahami situasi dan menetapkan sasaran").click()
    expect(step_editor(page, "Kondisi saat ini berdasarkan data")).to_be_editable()
    assert RisalahStep.objects.get(risalah=risalah, number=1).state == "approved"
    screenshot(page, "risalah-detail")
    chair.close()
    mentor.close()
