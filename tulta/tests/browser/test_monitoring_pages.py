from __future__ import annotations

import datetime as dt

from django.utils import timezone
from playwright.sync_api import Page, expect

from tulta.mentoring import services as mentoring
from tulta.testing.world import PASSWORD

from .conftest import assert_accessible, programme_with_lagging_teams, screenshot, sign_in


def test_admin_filters_the_dashboard_and_drills_down_to_a_risalah(page: Page, world):
    programme, risalah = programme_with_lagging_teams(world)
    sign_in(page, world.admin.email, PASSWORD)
    page.goto(f"/pemantauan/program/{programme.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Pemantauan Program")
    expect(page.get_by_role("region", name="Status risalah per jenis unit")).to_contain_text(
        "Kelurahan"
    )
    assert_accessible(page)
    screenshot(page, "dashboard")

    page.get_by_label("Jenis unit", exact=True).select_option("opd")
    page.get_by_role("button", name="Saring").click()
    expect(page).to_have_url(f"/pemantauan/program/{programme.pk}/?jenis=opd&status=&langkah=")
    page.get_by_role("link", name="dikembalikan untuk diperbaiki").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kelompok dalam")
    expect(page.get_by_role("link", name="KBK Cepat", exact=True)).to_be_visible()
    expect(page.get_by_text("KBK Sehat")).to_have_count(0)
    expect(page.get_by_role("button", name="Ingatkan lewat WhatsApp")).to_be_disabled()
    assert_accessible(page)
    screenshot(page, "dashboard-kelompok")

    page.get_by_role("link", name="Buka risalah KBK Cepat").click()
    expect(page).to_have_url(f"/risalah/{risalah.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Waktu tunggu KTP-el")


def test_mentor_records_a_session_and_sees_it_on_the_team_page(page: Page, world):
    programme, _risalah = programme_with_lagging_teams(world)
    mentoring.mentor_assign(
        actor=world.admin, programme=programme, team=world.team, mentor=world.mentor
    )
    sign_in(page, world.mentor.email, PASSWORD)
    page.goto("/pendampingan/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Pendampingan saya")
    assert_accessible(page)
    page.get_by_role("link", name="Catat sesi KBK Cepat").click()
    page.get_by_label("Tanggal").fill(timezone.localdate().isoformat())
    page.get_by_label("daring").check()
    page.get_by_label("Topik").fill("Verifikasi penyebab dominan")
    page.get_by_label("Ketua Kelompok").check()
    page.get_by_label("Tindakan baris 1").fill("Kumpulkan data keluhan Januari")
    page.get_by_label("Penanggung jawab baris 1").select_option(label="Ketua Kelompok")
    page.get_by_label("Batas waktu baris 1").fill(
        (timezone.localdate() + dt.timedelta(days=7)).isoformat()
    )
    assert_accessible(page)
    page.get_by_role("button", name="Simpan sesi").click()
    expect(page.get_by_text("Sesi pendampingan disimpan.")).to_be_visible()
    expect(page.get_by_role("heading", name="Verifikasi penyebab dominan")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "pendampingan-kelompok")
