"""Two tabs of one user, and two users, on one step (#21 point 8): sections changed on one side
only merge by themselves and the tab is told which; a section changed on both is chosen side by
side, nothing typed lost."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from tulta.risalah import services
from tulta.risalah.models import RisalahStep
from tulta.testing.risalah import programme_2026, template_method
from tulta.testing.world import PASSWORD

from .conftest import assert_accessible, screenshot, sign_in, step_editor

MASALAH = "Daftar masalah hasil curah pendapat"
USG = "Penilaian USG dan masalah terpilih"
TEMA = "Tema terpilih dan alasannya"


def _risalah(world):
    programme = programme_2026(world, template_method())
    return services.risalah_start(
        actor=world.chair, team=world.team, programme=programme, tema="Antrean", judul="T"
    )


def _open(page: Page, risalah) -> None:
    page.set_default_timeout(8_000)
    page.goto(f"/risalah/{risalah.pk}/langkah/1/")
    page.locator("#step-form[data-editor-ready]").wait_for(state="attached")


def _type(page: Page, label: str, text: str) -> None:
    editor = step_editor(page, label)
    editor.click()
    editor.press("Control+a")
    editor.type(text)


def _stored(risalah) -> dict[str, str]:
    return RisalahStep.objects.get(risalah=risalah, number=1).sections


def test_two_tabs_of_one_user_merge_sections_and_are_told_which(
    browser: Browser, live_server, world
):
    risalah = _risalah(world)
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1366, "height": 768})
    first = context.new_page()
    sign_in(first, world.chair.email, PASSWORD)
    _open(first, risalah)
    second = context.new_page()
    _open(second, risalah)

    _type(first, MASALAH, "Tab satu: antrean panjang")
    expect(first.locator("[data-save-status]")).to_contain_text("Tersimpan otomatis")
    _type(second, TEMA, "Tab dua: waktu tunggu KTP-el")
    info = second.locator("[data-merge-info]")
    expect(info).to_be_visible()
    expect(info).to_contain_text("Anda (di tab lain) menyimpan langkah ini pada ")
    expect(info).to_contain_text(" pukul ")
    expect(info).to_contain_text(f"Diambil dari versi itu: {MASALAH}.")
    expect(second.locator("[data-save-status]")).to_contain_text("Tersimpan otomatis")
    # The other tab's section now shows in this one; no conflict was raised.
    expect(step_editor(second, MASALAH)).to_have_text("Tab satu: antrean panjang")
    expect(second.locator("[data-conflict]")).to_be_hidden()
    stored = _stored(risalah)
    assert "Tab satu: antrean panjang" in stored["masalah"]
    assert "Tab dua: waktu tunggu KTP-el" in stored["tema"]
    assert_accessible(second)
    screenshot(second, "gabung-dua-tab")

    # The second tab goes on from the merged version: its next save is a plain one.
    _type(second, USG, "U5 S4 G4")
    expect(second.locator("[data-save-status]")).to_contain_text("Tersimpan otomatis")
    assert "U5 S4 G4" in _stored(risalah)["usg"]
    assert "Tab satu" in _stored(risalah)["masalah"]
    context.close()


def test_two_users_choose_side_by_side_only_the_section_both_changed(
    browser: Browser, live_server, world
):
    risalah = _risalah(world)
    chair = browser.new_context(base_url=live_server.url, viewport={"width": 1366, "height": 768})
    member = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
    )
    first, second = chair.new_page(), member.new_page()
    sign_in(first, world.chair.email, PASSWORD)
    sign_in(second, world.member.email, PASSWORD)
    _open(first, risalah)
    _open(second, risalah)

    _type(first, MASALAH, "Versi ketua: antrean panjang")
    _type(first, USG, "Versi ketua: U5 S4 G4")
    expect(first.locator("[data-save-status]")).to_contain_text("Tersimpan otomatis")

    _type(second, MASALAH, "Versi anggota: berkas kurang")
    _type(second, TEMA, "Tema anggota")
    conflict = second.locator("[data-conflict]")
    expect(conflict).to_be_visible()
    expect(conflict).to_contain_text("Ketua Kelompok menyimpan langkah ini pada ")
    expect(conflict).to_contain_text(f"Diubah di kedua tempat: {MASALAH}.")
    expect(conflict).to_contain_text(f"Diambil dari versi itu: {USG}.")
    items = conflict.locator("[data-conflict-item]")
    expect(items).to_have_count(1)  # only the section both changed
    item = conflict.locator('[data-conflict-item="masalah"]')
    expect(item.locator("[data-conflict-mine]")).to_contain_text("Versi anggota: berkas kurang")
    expect(item.locator("[data-conflict-theirs]")).to_contain_text("Versi ketua: antrean panjang")
    # The member's own section is already saved; the chair's other section came in.
    stored = _stored(risalah)
    assert "Tema anggota" in stored["tema"]
    assert "Versi ketua" in stored["masalah"]
    expect(step_editor(second, USG)).to_have_text("Versi ketua: U5 S4 G4")
    assert second.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(second)
    screenshot(second, "konflik-pilih-bagian-390")

    item.get_by_role("button", name="Pakai versi saya").click()
    expect(conflict).to_be_hidden()
    expect(second.locator("[data-save-status]")).to_contain_text("Tersimpan otomatis")
    stored = _stored(risalah)
    assert "Versi anggota: berkas kurang" in stored["masalah"]
    assert "Versi ketua: U5 S4 G4" in stored["usg"]
    assert "Tema anggota" in stored["tema"]

    # Now the chair's tab is the stale one; both change the theme: keep both and edit.
    _type(first, TEMA, "Tema ketua")
    conflict1 = first.locator("[data-conflict]")
    expect(conflict1).to_be_visible()
    expect(conflict1).to_contain_text("Anggota Kelompok menyimpan langkah ini pada ")
    conflict1.get_by_role("button", name="Sunting gabungan keduanya").click()
    expect(conflict1).to_be_hidden()
    editor = step_editor(first, TEMA)
    expect(editor).to_contain_text("Tema ketua")
    expect(editor).to_contain_text("Tema anggota")
    expect(first.locator("[data-save-status]")).to_contain_text("Tersimpan otomatis")
    stored = _stored(risalah)
    assert "Tema ketua" in stored["tema"] and "Tema anggota" in stored["tema"]
    assert "Versi anggota: berkas kurang" in stored["masalah"]
    chair.close()
    member.close()


def test_choosing_the_stored_version_takes_it_into_the_editor(browser: Browser, live_server, world):
    risalah = _risalah(world)
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1024, "height": 768})
    first = context.new_page()
    sign_in(first, world.chair.email, PASSWORD)
    _open(first, risalah)
    second = context.new_page()
    _open(second, risalah)
    _type(first, MASALAH, "Yang pertama")
    expect(first.locator("[data-save-status]")).to_contain_text("Tersimpan otomatis")
    _type(second, MASALAH, "Yang kedua")
    conflict = second.locator("[data-conflict]")
    expect(conflict).to_contain_text("Anda (di tab lain) menyimpan langkah ini pada ")
    conflict.get_by_role("button", name="Pakai versi tersimpan").click()
    expect(conflict).to_be_hidden()
    expect(step_editor(second, MASALAH)).to_have_text("Yang pertama")
    _type(second, USG, "lanjut")
    expect(second.locator("[data-save-status]")).to_contain_text("Tersimpan otomatis")
    stored = _stored(risalah)
    assert "Yang pertama" in stored["masalah"] and "lanjut" in stored["usg"]
    context.close()


def test_a_conflict_met_by_the_save_button_offers_the_same_choices(
    browser: Browser, live_server, world
):
    risalah = _risalah(world)
    chair = browser.new_context(base_url=live_server.url)
    member = browser.new_context(base_url=live_server.url)
    first, second = chair.new_page(), member.new_page()
    sign_in(first, world.chair.email, PASSWORD)
    sign_in(second, world.member.email, PASSWORD)
    _open(first, risalah)
    _open(second, risalah)
    _type(first, MASALAH, "Versi ketua")
    expect(first.locator("[data-save-status]")).to_contain_text("Tersimpan otomatis")

    _type(second, MASALAH, "Versi anggota")
    with second.expect_response(
        lambda r: r.request.method == "POST" and "autosave" not in r.url
    ) as posted:
        second.get_by_role("button", name="Simpan", exact=True).click()  # before autosave runs
    assert posted.value.status == 409  # the page the server drew, not the autosave's answer
    conflict = second.locator("[data-conflict]")
    expect(conflict).to_be_visible()
    expect(conflict).to_contain_text("Ketua Kelompok menyimpan langkah ini pada ")
    expect(conflict.locator("[data-conflict-nojs]")).to_be_hidden()
    expect(step_editor(second, MASALAH)).to_have_text("Versi anggota")  # kept in its field
    conflict.get_by_role("button", name="Pakai versi saya").click()
    expect(conflict).to_be_hidden()
    expect(second.locator("[data-save-status]")).to_contain_text("Tersimpan otomatis")
    assert "Versi anggota" in _stored(risalah)["masalah"]
    chair.close()
    member.close()
