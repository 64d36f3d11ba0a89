"""The admin reminds the lagging groups from the dashboard on a phone (390 px): ticks
"Pilih semua", sends, copies the WhatsApp list, reads the log — no page scrolls sideways. And
leadership's home, the city at a glance, on a phone and a desktop."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tulta.core.models import Notification
from tulta.monitoring.models import SentReminder
from tulta.testing.world import PASSWORD

from .conftest import assert_accessible, programme_with_lagging_teams, screenshot, sign_in


def assert_no_sideways_scroll(page: Page) -> None:
    """Against the device's width: a phone widens its layout viewport (window.innerWidth) to
    fit what overflows, so that would hide the overflow."""
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size["width"] if page.viewport_size else 0
    assert width <= viewport, f"{page.url}: {width}px wide in a {viewport}px viewport"


def test_admin_reminds_the_lagging_groups_from_the_dashboard_on_a_phone(phone: Page, world):
    programme, _risalah = programme_with_lagging_teams(
        world, "KBK Kelurahan Sukamulya Ramah Melayani Warga"
    )
    # A cold live server on a shared two-core machine takes ~8 s for its first page.
    phone.set_default_timeout(15_000)
    sign_in(phone, world.admin.email, PASSWORD)
    phone.goto(f"/pemantauan/program/{programme.pk}/")
    section = phone.get_by_role("region", name="Kirim pengingat")
    expect(section).to_contain_text("3 kelompok tertinggal")
    expect(section).to_contain_text("belum pernah diingatkan")
    assert_no_sideways_scroll(phone)

    section.get_by_label("Pilih semua").check()
    for box in section.locator("[data-remind-team]").all():
        expect(box).to_be_checked()
    section.get_by_label("KBK Sehat").uncheck()
    expect(section.get_by_label("Pilih semua")).not_to_be_checked()
    section.get_by_label("Catatan untuk anggota (boleh kosong)").fill("Rapat evaluasi Jumat.")
    assert_accessible(phone)
    screenshot(phone, "pengingat-dasbor-390")
    section.get_by_role("button", name="Kirim pengingat").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Daftar WhatsApp")
    expect(phone.get_by_role("status").first).to_contain_text("Pengingat terkirim ke")
    listing = phone.get_by_label("Seluruh daftar untuk disalin")
    expect(listing).to_contain_text("+6281234567890")
    expect(listing).to_contain_text("KBK Kelurahan Sukamulya Ramah Melayani Warga")
    phone.context.grant_permissions(["clipboard-read", "clipboard-write"])
    phone.get_by_role("button", name="Salin seluruh daftar").click()
    expect(phone.locator("#daftar-wa-status")).to_have_text("Tersalin.")
    assert "+6281234567890" in phone.evaluate("navigator.clipboard.readText()")
    expect(phone.get_by_text("KBK Sehat")).to_have_count(0)
    assert_no_sideways_scroll(phone)
    assert_accessible(phone)
    screenshot(phone, "pengingat-whatsapp-390")

    notice = Notification.objects.get(recipient=world.member)
    assert notice.message.startswith("Pengingat dari Admin Program: Rapat evaluasi Jumat.")
    assert not Notification.objects.filter(recipient__memberships__team__name="KBK Sehat")

    phone.get_by_role("link", name="Log pengingat").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Log pengingat")
    expect(phone.get_by_role("region", name="Log pengingat")).to_contain_text("Anggota Kelompok")
    assert_no_sideways_scroll(phone)
    assert SentReminder.objects.filter(sent_by=world.admin).exists()

    phone.goto(f"/pemantauan/program/{programme.pk}/")
    expect(phone.get_by_role("region", name="Kirim pengingat")).to_contain_text(
        "terakhir diingatkan"
    )


@pytest.mark.parametrize("device", ["phone", "page"])
def test_the_leader_sees_the_city_at_a_glance(request, world, device):
    browser_page: Page = request.getfixturevalue(device)
    # A cold live server on a shared two-core machine takes ~8 s for its first page.
    browser_page.set_default_timeout(15_000)
    programme_with_lagging_teams(world, "KBK Kelurahan Sukamulya Ramah Melayani Warga")
    sign_in(browser_page, world.leader.email, PASSWORD)
    city = browser_page.get_by_role("region", name="Gambaran kota: Program Budaya Kerja 2026")
    expect(city).to_contain_text("kelompok dengan risalah final (0 dari 3)")
    expect(city).to_contain_text("OPD terdepan")
    expect(browser_page.get_by_role("heading", name="Kelompok saya")).to_have_count(0)
    assert_no_sideways_scroll(browser_page)
    assert_accessible(browser_page)
    screenshot(browser_page, f"beranda-pimpinan-{device}")
