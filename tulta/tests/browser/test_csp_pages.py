"""The main pages under the real Content-Security-Policy, in Chromium: the browser reports no
violation (no inline style or script was refused, charts included) and no console error."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tulta.competitions import services as competition_services
from tulta.competitions.models import Round, Rubric
from tulta.competitions.rubric_templates import ensure_template_rubrics
from tulta.impact import services as impact
from tulta.risalah import artefacts, services
from tulta.risalah.method_templates import ensure_template_methods
from tulta.risalah.models import Method, Risalah, RisalahStep
from tulta.testing.world import PASSWORD

from .conftest import screenshot, sign_in

LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(
    e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " at " +
    e.sourceFile + ":" + e.lineNumber + " " + (e.sample || ""));
});
"""


class Watcher:
    """Collects CSP violations and console errors per page visited."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.problems: list[str] = []
        page.add_init_script(LISTEN)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"{page.url}: {error}"))

    def _console(self, message) -> None:
        # TULTA has no favicon; the browser's own request for one is not the page's error.
        if message.location.get("url", "").endswith("/favicon.ico"):
            return
        if message.type == "error":
            self.problems.append(f"{self.page.url}: console: {message.text}")

    def collect(self) -> None:
        self.page.wait_for_timeout(150)  # violation events are queued as tasks
        for violation in self.page.evaluate("window.__cspViolations || []"):
            self.problems.append(f"{self.page.url}: {violation}")

    def visit(self, url: str) -> None:
        response = self.page.goto(url)
        assert response is not None and response.ok, f"{url}: {response and response.status}"
        policy = response.headers.get("content-security-policy", "")
        assert "'self'" in policy and "unsafe-inline" not in policy, url
        self.page.wait_for_load_state("load")
        self.collect()


def _pareto(actor, step) -> None:
    chart = artefacts.artefact_create(actor=actor, step=step, tool="pareto", title="Keluhan")
    artefacts.artefact_save(
        actor=actor,
        artefact=chart,
        rows=[["Antrean", "180"], ["Berkas kurang", "90"], ["Sistem", "42"]],
        options={},
        title="Pareto keluhan KTP-el",
        base_version=chart.version,
    )


def _step_one(actor, risalah: Risalah) -> RisalahStep:
    step = risalah.steps.get(number=1)
    step.risalah = risalah
    services.step_save(
        actor=actor,
        step=step,
        sections={
            r["code"]: "<p>Antrean KTP-el: <strong>312 keluhan</strong> dalam dua minggu.</p>"
            for r in step.method_step.requirements
        },
        base_version=step.version,
    )
    return risalah.steps.get(number=1)


@pytest.fixture
def pages_world(world) -> Iterator[dict]:
    """Last year's programme with a final, published risalah (indicator, chart, competition with
    a round and a judge), and this year's with a draft risalah whose step 1 has a chart."""
    ensure_template_methods()
    ensure_template_rubrics()
    today = timezone.localdate()
    method = Method.objects.get(code="tulta", government=None)
    last = services.programme_create(
        actor=world.admin,
        government=world.government,
        name="Program Budaya Kerja Lalu",
        year=today.year - 1,
        method=method,
        starts_on=today - dt.timedelta(days=300),
        ends_on=today + dt.timedelta(days=30),
    )
    final = services.risalah_start(
        actor=world.chair,
        team=world.team,
        programme=last,
        tema="Antre panjang di loket KTP-el",
        judul="Memangkas waktu antre KTP-el dari 45 menjadi 15 menit",
    )
    _pareto(world.chair, _step_one(world.chair, final))
    indicator = impact.indicator_save(
        actor=world.chair,
        risalah=final,
        name="waktu antre KTP-el",
        kind="cepat",
        unit="menit",
        direction="lower",
        annual_volume=12_000,
        target=15,
        baseline=["40", "45", "50", "44", "46", "47", "43", "45"],
        after=["14", "15", "16", "15", "15", "13", "17", "15"],
    )
    RisalahStep.objects.filter(risalah=final).update(state=RisalahStep.State.APPROVED)
    Risalah.objects.filter(pk=final.pk).update(state=Risalah.State.FINAL)
    final.refresh_from_db()
    publication = impact.risalah_publish(actor=world.admin, risalah=final, summary="Loket dibagi.")
    # Verified, so the ledger's headline bars (which count only verified value) are drawn.
    indicator.risalah = final
    benefit = impact.benefit_claim(actor=world.chair, indicator=indicator)
    impact.benefit_verify(actor=world.unit_head, benefit=benefit)
    competition = competition_services.competition_create(
        actor=world.admin, programme=last, name="Lomba KBK", category="prestasi"
    )
    entry = competition_services.entry_submit(
        actor=world.admin, competition=competition, risalah=final
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

    current = services.programme_create(
        actor=world.admin,
        government=world.government,
        name="Program Budaya Kerja",
        year=today.year,
        method=method,
        starts_on=today - dt.timedelta(days=30),
        ends_on=today + dt.timedelta(days=300),
    )
    draft = services.risalah_start(
        actor=world.chair,
        team=world.team,
        programme=current,
        tema="Berkas akta kelahiran sering kurang",
        judul="Menurunkan berkas yang dikembalikan dari 30% menjadi 5%",
    )
    _pareto(world.chair, _step_one(world.chair, draft))
    yield {
        "programme": current,
        "draft": draft,
        "artefact": draft.steps.get(number=1).artefacts.get(),
        "final": final,
        "publication": publication,
        "competition": competition,
        "round": rnd,
        "entry": entry,
    }


def _common_pages(w: dict, world) -> list[str]:
    draft = w["draft"]
    return [
        "/",
        "/unit/",
        f"/kelompok/{world.team.pk}/",
        f"/risalah/{draft.pk}/",
        f"/risalah/{draft.pk}/langkah/1/",
        f"/risalah/{draft.pk}/langkah/1/alat/{w['artefact'].pk}/",
        f"/risalah/{w['final'].pk}/indikator/",
        "/karya/",
        f"/karya/{w['final'].pk}/",
        f"/lomba/{w['competition'].pk}/",
    ]


def test_admin_pages_raise_no_csp_violation_or_console_error(page: Page, world, pages_world):
    w = pages_world
    watcher = Watcher(page)
    sign_in(page, world.admin.email, PASSWORD)
    watcher.collect()
    for url in [
        *_common_pages(w, world),
        f"/pemantauan/program/{w['programme'].pk}/",
        f"/pemantauan/program/{w['final'].programme_id}/",
        f"/lomba/babak/{w['round'].pk}/hasil/",
        "/pemda/",
        "/dampak/",
    ]:
        watcher.visit(url)
    expect(page.locator("svg.bar").first).to_be_visible()  # the ledger's bars are drawn
    assert page.locator("svg.bar").first.bounding_box()["width"] > 100
    assert watcher.problems == [], "\n".join(watcher.problems)
    # Last: Playwright's screenshot hides the caret with a <style> of its own, which the policy
    # refuses (and the browser reports).
    screenshot(page, "csp-ledger")


def test_chair_pages_raise_no_csp_violation_or_console_error(page: Page, world, pages_world):
    w = pages_world
    watcher = Watcher(page)
    sign_in(page, world.chair.email, PASSWORD)
    watcher.collect()
    for url in _common_pages(w, world):
        watcher.visit(url)

    # The step editor runs and saves; the tool page redraws its chart through htmx.
    draft = w["draft"]
    watcher.visit(f"/risalah/{draft.pk}/langkah/1/")
    page.locator("#step-form[data-editor-ready]").wait_for(state="attached")
    editor = page.locator("[data-editor-for]").first
    editor.click()
    page.keyboard.type(" Ditambah.")
    expect(page.locator("[data-save-status]")).to_contain_text("Tersimpan", timeout=10_000)
    watcher.collect()
    watcher.visit(f"/risalah/{draft.pk}/langkah/1/alat/{w['artefact'].pk}/")
    cell = page.get_by_label("Baris 3, Jumlah")
    cell.fill("60")
    cell.press("Tab")
    expect(page.locator("#hasil-alat")).to_contain_text("Antrean")
    page.wait_for_load_state("networkidle")
    expect(page.locator("#hasil-alat figure.chart svg")).to_be_visible()
    # The chart keeps its colours: fills are presentation attributes, not refused styles.
    fill = page.locator("#hasil-alat figure.chart svg path[fill='#56b4e9']").first
    expect(fill).to_be_attached()
    watcher.collect()
    assert watcher.problems == [], "\n".join(watcher.problems)
    screenshot(page, "csp-alat")  # last, see above


def test_judge_pages_raise_no_csp_violation_or_console_error(page: Page, world, pages_world):
    w = pages_world
    watcher = Watcher(page)
    sign_in(page, world.judge.email, PASSWORD)
    watcher.collect()
    watcher.visit("/penilaian/")
    watcher.visit(f"/lomba/babak/{w['round'].pk}/peserta/{w['entry'].pk}/")
    expect(page.locator(".chart-svg svg").first).to_be_visible()
    assert watcher.problems == [], "\n".join(watcher.problems)
