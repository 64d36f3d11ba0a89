"""The Gelar on the judge's tablet (1024 × 768): the list in the drawn running order with the
group on stage, the weighted total updating as the judge types "7,5", the next group one tap
away, feedback written beside the scores."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, expect

from tulta.competitions import selectors, services
from tulta.competitions.models import Feedback, Score
from tulta.testing.competitions import competition_world
from tulta.testing.risalah import programme_2026, template_method
from tulta.testing.world import PASSWORD

from .conftest import assert_accessible, screenshot, sign_in


@pytest.fixture
def tablet(browser: Browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 1024, "height": 768},
        has_touch=True,
        locale="id-ID",
    )
    page = context.new_page()
    page.set_default_timeout(20_000)  # a shared 2-core machine under load
    yield page
    context.close()


def test_judge_follows_the_gelar_on_a_tablet_and_scores_with_a_decimal_comma(world, tablet):
    comp = competition_world(world, programme_2026(world, template_method()))
    rnd = comp["round"]
    services.running_order_draw(actor=world.admin, round=rnd, seed="gelar26")
    services.stage_start(actor=world.admin, round=rnd, at=timezone.now() - dt.timedelta(minutes=6))
    order = [s.round_entry.entry for s in selectors.running_order(rnd)]
    first, second = order[0], order[1]

    page = tablet
    sign_in(page, world.judge.email, PASSWORD)
    page.goto("/penilaian/")
    on_stage = page.locator("li.on-stage")
    expect(on_stage).to_contain_text(first.team.name)
    expect(on_stage).to_contain_text("sedang tampil")
    expect(page.locator("li.up-next")).to_contain_text(second.team.name)
    expect(page.locator("[data-stage-now]").first).to_contain_text(f"1. {first.team.name}")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page)
    screenshot(page, "gelar-judge-list-tablet")

    on_stage.get_by_role("link", name=first.team.name).click()
    expect(page.get_by_role("heading", name=first.team.name, level=1)).to_be_visible()
    page.wait_for_load_state("load")
    total = page.locator("output[data-total]")
    expect(total).to_have_text("0,00")
    cause = page.get_by_label("Analisis penyebab", exact=False)
    cause.press_sequentially("7,5")
    expect(total).to_have_text("18,75")  # 25 × 7,5 / 10, before the save answers
    cause.press("Tab")
    expect(page.locator(".score-ok", has_text="7,50")).to_be_visible()
    results = page.get_by_label("Hasil dan manfaat", exact=False)
    results.fill("8")
    results.press("Tab")
    expect(total).to_have_text("34,75")  # + 20 × 8 / 10
    expect(page.locator(".score-ok", has_text="8,00")).to_be_visible()

    page.get_by_label("Kekuatan secara keseluruhan").fill("Data sebelum dan sesudah jelas")
    page.get_by_role("button", name="Simpan umpan balik").click()
    expect(page.get_by_text("Umpan balik disimpan.")).to_be_visible()
    assert Feedback.objects.get(judge=world.judge, entry=first).strengths == (
        "Data sebelum dan sesudah jelas"
    )
    assert_accessible(page)
    screenshot(page, "gelar-judging-tablet")

    page.locator("[data-next]").click()
    expect(page.get_by_role("heading", name=second.team.name, level=1)).to_be_visible()
    values = dict(
        Score.objects.filter(judge=world.judge, entry=first).values_list("criterion__code", "value")
    )
    assert values == {"analisis-penyebab": 7.5, "hasil": 8}


def test_the_panel_adjusts_a_score_and_the_chair_locks_the_round(world, browser, live_server):
    from tulta.accounts.models import Role
    from tulta.factories import UserFactory
    from tulta.testing.competitions import score_card

    comp = competition_world(world, programme_2026(world, template_method()))
    rnd, entries = comp["round"], comp["entries"]
    judge3 = UserFactory(government=world.government, full_name="Juri Tiga", roles=[Role.JUDGE])
    services.judges_assign(actor=world.admin, round=rnd, judges=[judge3])
    for judge, value in [(world.judge, 5), (comp["judge2"], 5), (judge3, 9)]:
        for e in entries:
            score_card(judge, rnd, e, value)
    services.round_close(actor=world.admin, round=rnd)
    services.round_chair_set(actor=world.admin, round=rnd, chair=world.judge)

    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1024, "height": 768}, locale="id-ID"
    )
    page = context.new_page()
    page.set_default_timeout(20_000)  # a shared 2-core machine under load
    sign_in(page, world.judge.email, PASSWORD)
    page.goto(f"/lomba/babak/{rnd.pk}/rapat/")
    expect(page.locator("[data-outlier]")).to_have_count(3)  # Juri Tiga on every entry
    page.get_by_label("Kelompok").select_option(label=entries[1].team.name)
    page.get_by_label("Nilai penyesuaian").fill("66,5")
    page.get_by_label("Alasan").fill("Panel sepakat: nilai Juri Tiga terlalu tinggi")
    page.get_by_role("button", name="Catat penyesuaian").click()
    expect(page.get_by_text(f"Nilai {entries[1].team.name} disesuaikan.")).to_be_visible()
    expect(page.locator("[data-adjusted]")).to_have_text("66,50")
    assert_accessible(page)
    screenshot(page, "gelar-rapat-juri")
    page.get_by_label("Panel sudah sepakat").check()
    page.get_by_role("button", name="Kunci babak").click()
    expect(page.locator("[data-locked]")).to_be_visible()
    expect(page.get_by_role("button", name="Catat penyesuaian")).to_have_count(0)
    rnd.refresh_from_db()
    assert rnd.is_locked and rnd.locked_by == world.judge
    context.close()
