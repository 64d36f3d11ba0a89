from __future__ import annotations

import datetime as dt

from playwright.sync_api import Page, expect

from tulta.risalah import services
from tulta.risalah.method_templates import ensure_template_methods
from tulta.risalah.models import Method, ToolArtefact
from tulta.testing.world import PASSWORD

from .conftest import assert_accessible, screenshot, sign_in

EXCEL_BLOCK = (
    "Berkas tidak lengkap\t120\r\nAntrean panjang\t60\r\nSistem lambat\t20\r\n"
    "Petugas kurang\t12\r\n"
)


PASTE = """([selector, text]) => {
    const input = document.querySelector(selector);
    const data = new DataTransfer();
    data.setData('text/plain', text);
    input.dispatchEvent(new ClipboardEvent(
        'paste', {clipboardData: data, bubbles: true, cancelable: true}));
}"""


def paste(page: Page, selector: str, text: str) -> None:
    """A real clipboard paste event on ``selector``, as Excel puts tab-separated text there."""
    page.evaluate(PASTE, [selector, text])


def _risalah(world):
    ensure_template_methods()
    programme = services.programme_create(
        actor=world.admin,
        government=world.government,
        name="Program 2026",
        year=2026,
        method=Method.objects.get(code="tulta", government=None),
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2026, 12, 31),
    )
    return services.risalah_start(
        actor=world.chair, team=world.team, programme=programme, tema="Keluhan", judul="Turun"
    )


def test_pasting_a_table_from_excel_draws_the_pareto_chart(page: Page, world):
    risalah = _risalah(world)
    sign_in(page, world.chair.email, PASSWORD)
    page.goto(f"/risalah/{risalah.pk}/langkah/1/")
    page.get_by_label("Tambah alat").select_option(label="Diagram Pareto")
    page.get_by_label("Judul (boleh kosong)").fill("Keluhan warga Maret")
    page.get_by_role("button", name="Tambah", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Keluhan warga Maret")
    first_cell = page.get_by_label("Baris 1, Kategori")
    first_cell.click()
    first_cell.fill("")
    # A real clipboard paste event, as Excel puts tab-separated text on the clipboard.
    paste(page, 'input[name="c-0-0"]', EXCEL_BLOCK)
    expect(page.get_by_label("Baris 4, Jumlah")).to_have_value("12")
    chart = page.locator("#hasil-alat figure.chart svg")
    expect(chart).to_be_visible()
    expect(page.locator("#hasil-alat")).to_contain_text("Berkas tidak lengkap")
    expect(page.locator("#hasil-alat .reading")).to_contain_text("%")
    artefact = ToolArtefact.objects.get(title="Keluhan warga Maret")
    assert artefact.rows[3][:2] == ["Petugas kurang", "12"]
    assert_accessible(page)
    screenshot(page, "alat-pareto")

    # A wrong cell is marked where it is, the chart says why, and the typed text stays.
    bad = page.get_by_label("Baris 2, Jumlah")
    bad.fill("enam puluh")
    bad.press("Tab")
    expect(page.locator("#hasil-alat")).to_contain_text("Baris 2, kolom “Jumlah”")
    expect(bad).to_have_attribute("aria-invalid", "true")
    expect(bad).to_have_value("enam puluh")
    screenshot(page, "alat-pareto-salah")


def test_pasting_five_thousand_rows_saves_them_all(page: Page, world):
    risalah = _risalah(world)
    sign_in(page, world.chair.email, PASSWORD)
    page.goto(f"/risalah/{risalah.pk}/langkah/1/")
    page.get_by_label("Tambah alat").select_option(label="Histogram")
    page.get_by_label("Judul (boleh kosong)").fill("Waktu tunggu")
    page.get_by_role("button", name="Tambah", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Waktu tunggu")
    block = "".join(f"{10 + i % 50}\r\n" for i in range(5000))
    # grid.js and htmx are deferred scripts: the paste handler must be attached before pasting.
    page.wait_for_load_state("load")
    page.wait_for_function("window.htmx !== undefined")
    paste(page, 'input[name="c-0-0"]', block)
    # Drawing 5,000 rows and saving them takes a while on a busy CI machine: wait, do not time.
    expect(page.locator("#hasil-alat figure.chart svg")).to_be_visible(timeout=60_000)
    last = page.locator('input[name="c-4999-0"]')
    expect(last).to_have_attribute("aria-label", "Baris 5000, Nilai", timeout=60_000)
    expect(last).to_have_value(str(10 + 4999 % 50), timeout=60_000)
    artefact = ToolArtefact.objects.get(title="Waktu tunggu")
    assert len(artefact.rows) == 5000

    # Beyond the maximum: the message on the page, the pasted rows still in the grid.
    paste(page, 'input[name="c-4999-0"]', "1\r\n2\r\n3\r\n")
    expect(page.locator("#hasil-alat [role=alert]")).to_contain_text(
        "Terlalu banyak baris: 5.002 baris dikirim, maksimal 5.000", timeout=60_000
    )
    expect(page.locator('input[name="c-5001-0"]')).to_have_value("3", timeout=60_000)
    artefact.refresh_from_db()
    assert len(artefact.rows) == 5000
