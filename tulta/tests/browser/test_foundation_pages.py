from __future__ import annotations

import io

import openpyxl
from playwright.sync_api import Page, expect

from tulta.factories import UserFactory
from tulta.organizations.models import Team, Unit
from tulta.testing.world import PASSWORD

from .conftest import assert_accessible, screenshot, sign_in


def test_sign_in_with_nip_and_see_my_team(page: Page, world):
    page.goto("/")
    assert "/masuk/" in page.url
    assert_accessible(page)
    screenshot(page, "masuk")
    sign_in(page, world.chair.nip, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Selamat datang")
    expect(page.get_by_role("link", name="KBK Cepat")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "beranda-ketua")


def test_wrong_password_shows_the_message_and_keeps_the_identifier(page: Page, world):
    sign_in(page, world.chair.email, "salah-sekali")
    expect(page.get_by_role("alert")).to_contain_text("Email/NIP atau kata sandi salah")
    expect(page.get_by_label("Email atau NIP")).to_have_value(world.chair.email)


def test_admin_creates_a_team_with_members(page: Page, world):
    people = [UserFactory(government=world.government, full_name=f"Calon {i}") for i in range(4)]
    sign_in(page, world.admin.email, PASSWORD)
    page.get_by_role("link", name="Kelompok", exact=True).click()
    page.get_by_role("link", name="Bentuk kelompok").click()
    page.get_by_label("Unit").select_option(label="Dinas Kesehatan")
    page.get_by_label("Nama kelompok").fill("KBK Sehat Selalu")
    page.get_by_label("Nomor SK").fill("800/77/Dinkes/2026")
    page.get_by_label("Tanggal SK").fill("2026-02-02")
    for index, (person, role) in enumerate(
        zip(people[:3], ["Ketua", "Sekretaris", "Anggota"], strict=True), start=1
    ):
        page.get_by_label(f"NIP anggota baris {index}", exact=True).fill(person.nip)
        page.get_by_label(f"Peran baris {index}", exact=True).select_option(label=role)
    # More members than the empty rows offered: add a row with the button.
    rows_before = page.locator("[data-formset-body=anggota] tr").count()
    page.get_by_role("button", name="Tambah baris anggota").click()
    new_row = rows_before + 1
    page.get_by_label(f"NIP anggota baris {new_row}", exact=True).fill(people[3].nip)
    assert_accessible(page)
    screenshot(page, "kelompok-baru")
    page.get_by_role("button", name="Simpan kelompok").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("KBK Sehat Selalu")
    for person in people:
        expect(page.get_by_role("cell", name=person.full_name)).to_be_visible()
    team = Team.objects.get(name="KBK Sehat Selalu")
    assert team.memberships.count() == 4
    assert team.unit == Unit.objects.get(name="Dinas Kesehatan")
    assert_accessible(page)
    screenshot(page, "kelompok-detail")


def test_team_form_with_an_unknown_nip_keeps_everything_typed(page: Page, world):
    person = UserFactory(government=world.government)
    sign_in(page, world.admin.email, PASSWORD)
    page.goto("/kelompok/baru/")
    page.get_by_label("Unit").select_option(label="Dinas Kesehatan")
    page.get_by_label("Nama kelompok").fill("KBK Salah Ketik")
    page.get_by_label("NIP anggota baris 1", exact=True).fill(person.nip)
    page.get_by_label("Peran baris 1", exact=True).select_option(label="Ketua")
    page.get_by_label("NIP anggota baris 2", exact=True).fill("198503152010011999")
    page.get_by_role("button", name="Simpan kelompok").click()
    expect(page.get_by_text("NIP 198503152010011999 tidak terdaftar")).to_be_visible()
    expect(page.get_by_label("Nama kelompok")).to_have_value("KBK Salah Ketik")
    expect(page.get_by_label("NIP anggota baris 1", exact=True)).to_have_value(person.nip)
    assert not Team.objects.filter(name="KBK Salah Ketik").exists()
    assert_accessible(page)


def _xlsx(rows: list[list[str]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_import_with_a_bad_row_reports_it_and_saves_nothing(page: Page, world):
    sign_in(page, world.admin.email, PASSWORD)
    page.get_by_role("link", name="Impor").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Impor data")
    assert_accessible(page)
    page.get_by_label("Jenis data").select_option("unit")
    content = _xlsx([["nama", "jenis"], ["Dinas Baru", "opd"], ["Dinas Keliru", "kementerian"]])
    page.get_by_label("Berkas (XLSX atau CSV, maks. 5 MB)").set_input_files(
        files=[
            {
                "name": "unit.xlsx",
                "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "buffer": content,
            }
        ]
    )
    page.get_by_role("button", name="Periksa dan impor").click()
    expect(page.get_by_role("alert")).to_contain_text("Tidak ada data yang disimpan")
    row = page.locator("[data-import-errors] tbody tr")
    expect(row).to_have_count(1)
    expect(row.first).to_contain_text("3")
    expect(row.first).to_contain_text("jenis")
    expect(row.first).to_contain_text("kementerian")
    assert not Unit.objects.filter(name="Dinas Baru").exists()
    assert_accessible(page)
    screenshot(page, "impor-gagal")


def test_pages_fit_a_phone_screen(phone: Page, world):
    sign_in(phone, world.admin.email, PASSWORD)
    phone.goto(f"/kelompok/{world.team.pk}/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("KBK Cepat")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"page is {width}px wide on a 390px phone"
    assert_accessible(phone)
    screenshot(phone, "kelompok-ponsel")
