"""Playwright driving Debian's Chromium against pytest-django's live server.

Playwright's own browser download does not work on these machines; ``TULTA_CHROMIUM`` (default
/usr/bin/chromium) names the browser, and ``bin/test`` installs it when missing. A missing
browser fails the tests loudly: a browser test that does not run does not exist.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import Browser, Locator, Page, sync_playwright

from tulta.factories import MembershipFactory, TeamFactory
from tulta.organizations.models import Membership
from tulta.risalah import services
from tulta.risalah.method_templates import ensure_template_methods
from tulta.risalah.models import Method, RisalahStep

# Playwright's sync API runs an event loop in the test thread; the test's own ORM calls are
# still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
SCREENSHOTS = Path(__file__).resolve().parents[3] / "var" / "screenshots"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def world(own_world, transactional_db):
    """The live server sees committed data only: a world of the test's own."""
    return own_world


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = os.environ.get("TULTA_CHROMIUM", "/usr/bin/chromium")
    if not Path(executable).exists():
        pytest.fail(f"Chromium not found at {executable}; run bin/test, which installs it.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, live_server) -> Iterator[Page]:
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1366, "height": 768}, locale="id-ID"
    )
    page = context.new_page()
    page.set_default_timeout(5_000)
    yield page
    context.close()


@pytest.fixture
def phone(browser: Browser, live_server) -> Iterator[Page]:
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        locale="id-ID",
    )
    page = context.new_page()
    page.set_default_timeout(5_000)
    yield page
    context.close()


_axe = Axe()


def assert_accessible(page: Page) -> None:
    """axe-core on the current page: no serious or critical violation."""
    results = _axe.run(page)
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v.get("impact") in {"serious", "critical"}
    ]
    assert bad == [], "\n".join(bad)


def screenshot(page: Page, name: str) -> None:
    """Keep a picture of the page for people to look at (var/screenshots)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def sign_in(page: Page, identifier: str, password: str) -> None:
    page.goto("/masuk/")
    page.get_by_label("Email atau NIP").fill(identifier)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state()


def step_editor(page: Page, label: str) -> Locator:
    """The rich-text editor of one section, once step-editor.js has put it over its textarea.

    Before the deferred script runs the same accessible name belongs to the plain textarea, which
    the script then hides; waiting for the form's ready mark avoids clicking the hidden one.
    """
    page.locator("#step-form[data-editor-ready]").wait_for(state="attached")
    return page.locator("[data-editor-for]").and_(page.get_by_role("textbox", name=label))


def programme_with_lagging_teams(world, kelurahan_team: str = "KBK Kelurahan Ramah"):
    """A running programme whose deadlines have passed: the world's team late on step 2 (step 1
    approved, step 2 returned), and two teams that have not started -- one in a kelurahan
    (named ``kelurahan_team``), one elsewhere -- whose chairs have phone numbers (as typed,
    with dashes). Returns the programme and the world team's risalah."""
    ensure_template_methods()
    today = timezone.localdate()
    programme = services.programme_create(
        actor=world.admin,
        government=world.government,
        name="Program Budaya Kerja 2026",
        year=today.year,
        method=Method.objects.get(code="tulta", government=None),
        starts_on=today - dt.timedelta(days=90),
        ends_on=today + dt.timedelta(days=200),
        deadlines={
            1: today - dt.timedelta(days=40),
            2: today - dt.timedelta(days=10),
            3: today + dt.timedelta(days=2),
            4: today + dt.timedelta(days=30),
        },
    )
    risalah = services.risalah_start(
        actor=world.chair,
        team=world.team,
        programme=programme,
        tema="Waktu tunggu KTP-el terlalu lama",
        judul="Menurunkan waktu tunggu KTP-el dari 45 menjadi 15 menit",
    )
    RisalahStep.objects.filter(risalah=risalah, number=1).update(
        state="approved", reviewed_at=timezone.now() - dt.timedelta(days=20)
    )
    RisalahStep.objects.filter(risalah=risalah, number=2).update(state="returned")
    for unit, name in ((world.sub_unit, kelurahan_team), (world.other_unit, "KBK Sehat")):
        team = TeamFactory(unit=unit, name=name)
        chair = MembershipFactory(team=team, role=Membership.Role.KETUA).user
        chair.phone = "0812-3456-7890"
        chair.save()
    return programme, risalah
