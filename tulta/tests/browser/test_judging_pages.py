"""A judge scores an entry on a tablet-sized screen; the scores survive a reload."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import Browser, expect

from tulta.competitions import services as competition_services
from tulta.competitions.models import Round, Rubric, Score
from tulta.competitions.rubric_templates import ensure_template_rubrics
from tulta.risalah import artefacts, services
from tulta.risalah.method_templates import ensure_template_methods
from tulta.risalah.models import Method, Risalah
from tulta.testing.world import PASSWORD

from .conftest import assert_accessible, screenshot, sign_in


@pytest.fixture
def tablet(browser: Browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 820, "height": 1180},
        has_touch=True,
        locale="id-ID",
    )
    page = context.new_page()
    page.set_default_timeout(5_000)
    yield page
    context.close()


def _entry_for_judging(world):
    ensure_template_methods()
    ensure_template_rubrics()
    programme = services.programme_create(
        actor=world.admin,
        government=world.government,
        name="Program Budaya Kerja 2026",
        year=2026,
        method=Method.objects.get(code="tulta", government=None),
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2026, 12, 31),
    )
    risalah = services.risalah_start(
        actor=world.chair,
        team=world.team,
        programme=programme,
        tema="Waktu tunggu KTP-el terlalu lama",
        judul="Menurunkan waktu tunggu KTP-el dari 45 menjadi 15 menit pada Juni 2026",
    )
    step = risalah.steps.get(number=1)
    step.risalah = risalah
    services.step_save(
        actor=world.chair,
        step=step,
        sections={
            r["code"]: "<p>Antrean KTP-el: 312 keluhan dalam dua minggu.</p>"
            for r in step.method_step.requirements
        },
        base_version=step.version,
    )
    chart = artefacts.artefact_create(actor=world.chair, step=step, tool="pareto", title="Keluhan")
    artefacts.artefact_save(
        actor=world.chair,
        artefact=chart,
        rows=[["Antrean", "180"], ["Berkas kurang", "90"], ["Sistem", "42"]],
        options={},
        title="Pareto keluhan KTP-el",
        base_version=chart.version,
    )
    Risalah.objects.filter(pk=risalah.pk).update(state=Risalah.State.FINAL)
    competition = competition_services.competition_create(
        actor=world.admin, programme=programme, name="Lomba KBK 2026", category="prestasi"
    )
    entry = competition_services.entry_submit(
        actor=world.admin, competition=competition, risalah=Risalah.objects.get(pk=risalah.pk)
    )
    competition_services.entry_check(actor=world.admin, entry=entry, accept=True)
    rnd = competition_services.round_create(
        actor=world.admin,
        competition=competition,
        name="Penilaian risalah",
        kind=Round.Kind.DESK,
        rubric=Rubric.objects.get(government=None, code="risalah-100"),
    )
    competition_services.judges_assign(actor=world.admin, round=rnd, judges=[world.judge])
    return rnd, entry


def test_judge_scores_an_entry_on_a_tablet_and_the_scores_survive_a_reload(world, tablet):
    _entry_for_judging(world)
    page = tablet
    sign_in(page, world.judge.email, PASSWORD)
    page.goto("/penilaian/")
    page.get_by_role("link", name="KBK Cepat").click()
    expect(page.get_by_role("heading", name="KBK Cepat", level=1)).to_be_visible()
    expect(page.get_by_text("312 keluhan").first).to_be_visible()
    expect(page.locator(".chart-svg svg")).to_be_visible()

    for label, value in [("Analisis penyebab", "8"), ("Hasil dan manfaat", "7,5")]:
        field = page.get_by_label(label, exact=False)
        field.press_sequentially(value)  # typed as a judge types it: "7,5" (#21)
        field.press("Tab")
    expect(page.locator(".score-ok", has_text="7,50")).to_be_visible()
    expect(page.locator(".score-ok", has_text="8,00")).to_be_visible()

    bad = page.get_by_label("Presentasi", exact=False)
    bad.fill("12")
    bad.press("Tab")
    expect(page.get_by_role("alert")).to_contain_text("antara 0 dan 10")

    page.reload()
    expect(page.get_by_label("Analisis penyebab", exact=False)).to_have_value("8")
    expect(page.get_by_label("Hasil dan manfaat", exact=False)).to_have_value("7,5")
    values = dict(Score.objects.filter(judge=world.judge).values_list("criterion__code", "value"))
    assert values == {"analisis-penyebab": 8, "hasil": 7.5}
    assert_accessible(page)
    screenshot(page, "judging-tablet")


def test_a_score_entered_offline_is_sent_when_the_connection_returns(world, tablet):
    _entry_for_judging(world)
    page = tablet
    sign_in(page, world.judge.email, PASSWORD)
    page.goto("/penilaian/")
    page.get_by_role("link", name="KBK Cepat").click()
    # judging.js and htmx are deferred scripts: let them attach before the network goes away.
    page.wait_for_load_state("load")
    page.wait_for_function("window.htmx !== undefined")
    page.context.set_offline(True)
    field = page.get_by_label("Pendahuluan", exact=False)
    field.fill("6")
    field.press("Tab")
    expect(page.locator(".score-pending", has_text="Belum tersimpan")).to_be_visible()
    assert not Score.objects.exists()
    page.context.set_offline(False)
    expect(page.locator(".score-ok", has_text="6,00")).to_be_visible()
    assert Score.objects.get(judge=world.judge).value == 6


def test_organiser_pages_are_accessible(world, page):
    rnd, _entry = _entry_for_judging(world)
    competition_services.running_order_draw(actor=world.admin, round=rnd, seed="gelar26")
    competition_services.stage_start(actor=world.admin, round=rnd)
    sign_in(page, world.admin.email, PASSWORD)
    for name, url in [
        ("competition", f"/lomba/{rnd.competition_id}/"),
        ("round-results", f"/lomba/babak/{rnd.pk}/hasil/"),
        ("schedule", f"/lomba/babak/{rnd.pk}/jadwal/"),
        ("stage", f"/lomba/babak/{rnd.pk}/panggung/"),
    ]:
        page.goto(url)
        assert_accessible(page)
        screenshot(page, f"competition-{name}")
    expect(page.locator("[data-clock]")).to_have_text(re.compile(r"0[45]:\d\d"))


def test_organiser_takes_a_judge_off_an_entry_and_back_on_in_the_grid(world, page):
    rnd, _entry = _entry_for_judging(world)
    sign_in(page, world.admin.email, PASSWORD)
    page.goto(f"/lomba/babak/{rnd.pk}/hasil/")
    grid = page.get_by_role("region", name="Penugasan juri per peserta")
    grid.get_by_role("button", name="Hapus Juri — KBK Cepat").click()
    expect(page.get_by_text("Juri tidak lagi menilai KBK Cepat.")).to_be_visible()
    grid.get_by_role("button", name="Tambah Juri — KBK Cepat").click()
    expect(page.get_by_text("Juri ditugaskan menilai KBK Cepat.")).to_be_visible()
    assert rnd.assignments.filter(judge=world.judge).count() == 1
    assert_accessible(page)
    screenshot(page, "competition-assignment-grid")


def test_a_judge_whose_unit_changes_after_assignment_cannot_score_and_the_organiser_sees_why(
    world, page
):
    rnd, entry = _entry_for_judging(world)
    criterion = rnd.rubric.criteria.get(code="hasil")
    competition_services.score_save(
        actor=world.judge, round=rnd, entry=entry, criterion=criterion, value=9
    )
    world.judge.unit = world.unit  # KBK Cepat's unit, set after the assignment
    world.judge.save()

    sign_in(page, world.judge.email, PASSWORD)
    page.goto("/penilaian/")
    row = page.locator("li", has_text="KBK Cepat")
    expect(row).to_contain_text("benturan kepentingan")
    expect(row).to_contain_text("unit yang sama dengan KBK Cepat")
    expect(row.get_by_role("link", name="KBK Cepat")).to_have_count(0)
    assert_accessible(page)
    response = page.goto(f"/lomba/babak/{rnd.pk}/peserta/{entry.pk}/")
    assert response is not None and response.status == 404

    page.context.clear_cookies()
    sign_in(page, world.admin.email, PASSWORD)
    page.goto(f"/lomba/babak/{rnd.pk}/hasil/")
    grid = page.get_by_role("region", name="Penugasan juri per peserta")
    expect(grid).to_contain_text("tidak menilai")
    expect(grid).to_contain_text("unit yang sama dengan KBK Cepat")
    flagged = page.locator(".conflicted-list")
    expect(flagged).to_contain_text("Juri → KBK Cepat: 1 nilai")
    assert_accessible(page)
    screenshot(page, "competition-conflicted-judge")
    assert Score.objects.get(judge=world.judge).value == 9


def test_closing_a_round_with_gaps_lists_them_and_needs_a_choice_and_a_confirmation(world, page):
    rnd, entry = _entry_for_judging(world)
    criterion = rnd.rubric.criteria.get(code="hasil")
    competition_services.score_save(
        actor=world.judge, round=rnd, entry=entry, criterion=criterion, value=7
    )
    sign_in(page, world.admin.email, PASSWORD)
    page.goto(f"/lomba/babak/{rnd.pk}/hasil/")
    page.get_by_role("link", name="Tutup babak dan kunci nilai…").click()
    gaps = page.get_by_role("region", name="Nilai yang belum diisi")
    expect(gaps).to_contain_text("KBK Cepat")
    expect(gaps).to_contain_text("Pendahuluan")
    expect(gaps).not_to_contain_text("Hasil dan manfaat")
    assert_accessible(page)
    screenshot(page, "competition-round-close")

    page.get_by_label("Saya mengerti").check()
    page.get_by_role("button", name="Tutup babak dan kunci nilai").click()  # gap left on "wait"
    expect(page.locator("li.error", has_text="Babak belum dapat ditutup")).to_be_visible()
    rnd.refresh_from_db()
    assert rnd.state == Round.State.OPEN

    page.get_by_label("Keluarkan juri dari peserta ini").check()
    page.get_by_label("Alasan").fill("Juri berhalangan hadir")
    page.get_by_label("Saya mengerti").check()
    page.get_by_role("button", name="Tutup babak dan kunci nilai").click()
    expect(page.get_by_text("Babak ditutup; nilai terkunci.")).to_be_visible()
    rnd.refresh_from_db()
    assert rnd.state == Round.State.CLOSED
    assert rnd.assignments.get(judge=world.judge).excluded_reason == "Juri berhalangan hadir"
