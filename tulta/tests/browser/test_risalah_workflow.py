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


def test_two_editors_on_one_step_see_a_conflict_not_a_silent_overwrite(
    browser: Browser, live_server, world
):
    programme = _programme(world)
    risalah = services.risalah_start(
        actor=world.chair, team=world.team, programme=programme, tema="Antrean", judul="Turun"
    )
    pages = []
    for user in (world.chair, world.member):
        context = browser.new_context(base_url=live_server.url)
        page = context.new_page()
        page.set_default_timeout(8_000)
        sign_in(page, user.email, PASSWORD)
        page.goto(f"/risalah/{risalah.pk}/langkah/1/")
        pages.append(page)
    first, second = pages
    editor = step_editor(first, "Daftar masalah hasil curah pendapat")
    editor.click()
    editor.type("Versi ketua: antrean panjang")
    expect(first.locator("[data-save-status]")).to_contain_text("Tersimpan otomatis")

    editor2 = step_editor(second, "Daftar masalah hasil curah pendapat")
    editor2.click()
    editor2.type("Versi anggota: berkas kurang")
    conflict = second.locator("[data-conflict]")
    expect(conflict).to_be_visible()
    expect(conflict).to_contain_text("Ketua Kelompok menyimpan langkah ini")
    expect(second.locator("[data-conflict-mine]")).to_contain_text("Versi anggota: berkas kurang")
    expect(second.locator("[data-conflict-theirs]")).to_contain_text("Versi ketua: antrean panjang")
    assert_accessible(second)
    screenshot(second, "konflik-dua-penyunting")
    step = RisalahStep.objects.get(risalah=risalah, number=1)
    assert "Versi ketua" in step.sections["masalah"]

    second.get_by_role("button", name="Timpa dengan versi saya").click()
    expect(second.locator("[data-save-status]")).to_contain_text("Tersimpan otomatis")
    step.refresh_from_db()
    assert "Versi anggota" in step.sections["masalah"]
    assert step.versions.count() == 2
    for page in pages:
        page.context.close()
