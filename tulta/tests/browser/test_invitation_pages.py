"""An imported person's first sign-in, in Chromium: the admin prints a one-time code from the
users page, the person signs in with it on a phone and chooses a password."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tulta.accounts import services
from tulta.accounts.models import InvitationState, User
from tulta.testing.world import PASSWORD

from .conftest import assert_accessible, screenshot, sign_in

NEW_PASSWORD = "Budaya-Kerja-2026!"


def _no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], width


def test_admin_prints_a_code_and_the_person_signs_in_with_it_on_a_phone(page: Page, world):
    person, _temp = services.user_create(
        actor=world.admin,
        government_id=world.government.pk,
        invite=True,
        email="dewi@contoh.go.id",
        full_name="Dewi Lestari",
        unit=world.unit,
    )
    sign_in(page, world.admin.email, PASSWORD)
    page.goto("/pengguna/?undangan=not_invited")
    expect(page.get_by_role("link", name="Dewi Lestari")).to_be_visible()
    page.get_by_label("Pilih Dewi Lestari untuk diundang").check()
    assert_accessible(page)
    screenshot(page, "pengguna-undangan")
    page.get_by_role("button", name="Cetak kode masuk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kode masuk sekali pakai")
    code = page.locator("[data-sign-in-codes] tr", has_text="Dewi Lestari").locator("code")
    text = code.inner_text()
    assert_accessible(page)
    screenshot(page, "kode-masuk")

    # The person, on a phone of their own (no admin session).
    phone = page
    phone.context.clear_cookies()
    phone.set_viewport_size({"width": 390, "height": 844})
    phone.goto("/masuk/")
    phone.get_by_role("link", name="Punya kode masuk dari Bagian Organisasi?").click()
    _no_sideways_scroll(phone)
    assert_accessible(phone)
    phone.get_by_label("Email atau NIP").fill("dewi@contoh.go.id")
    phone.get_by_label("Kode masuk").fill(text.upper())
    phone.get_by_label(re.compile(r"^Kata sandi baru")).fill(NEW_PASSWORD)
    phone.get_by_label("Ulangi kata sandi baru").fill(NEW_PASSWORD)
    phone.get_by_role("button", name="Simpan kata sandi dan masuk").click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Selamat datang")
    screenshot(phone, "masuk-dengan-kode-ponsel")
    person = User.objects.get(pk=person.pk)
    assert person.invitation_state == InvitationState.SIGNED_IN

    phone.context.clear_cookies()
    phone.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, world.admin.email, PASSWORD)
    page.goto("/pengguna/?undangan=signed_in")
    expect(page.get_by_role("row", name="Dewi Lestari")).to_contain_text("sudah masuk")


def test_a_used_invitation_link_says_so_on_a_phone(phone: Page, world):
    person, _temp = services.user_create(
        actor=world.admin,
        government_id=world.government.pk,
        invite=True,
        email="eko@contoh.go.id",
        full_name="Eko Saputra",
    )
    services.user_invite(actor=world.admin, users=[person])
    from tulta.accounts.invitations import invitation_path

    path = invitation_path(User.objects.get(pk=person.pk))
    phone.goto(path)
    phone.get_by_label(re.compile(r"^Kata sandi baru")).fill(NEW_PASSWORD)
    phone.get_by_label("Ulangi kata sandi baru").fill(NEW_PASSWORD)
    phone.get_by_role("button", name="Simpan kata sandi dan masuk").click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Selamat datang")
    phone.context.clear_cookies()
    phone.goto(path)
    expect(phone.get_by_role("alert")).to_contain_text("Tautan undangan ini sudah dipakai")
    _no_sideways_scroll(phone)
    assert_accessible(phone)
