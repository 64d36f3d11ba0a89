"""Every page fits a phone (390 px), a tablet (1024 px) and a desktop (1366 px) without sideways
scrolling.

The demo city (``seed_demo``: long unit names, many groups, a competition, published works) is
walked as each persona: from the home page every in-site link is followed, breadth first, one
page per URL pattern, and each page is measured at 390×844, 1024×768 and 1366×800. A page passes
when ``document.documentElement.scrollWidth`` is not wider than the window: wide data tables
scroll inside their own ``.table-wrap``, never the page itself.
"""

from __future__ import annotations

import io
from collections import deque
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve, reverse
from playwright.sync_api import Browser, Page, expect

from tulta.competitions.models import Competition
from tulta.demo.organizations import DEMO_PASSWORD

from .conftest import assert_accessible, screenshot, sign_in

PERSONAS = {
    "admin": "admin@demo.tulta.id",
    "unit_head": "kepala@demo.tulta.id",
    "chair": "ketua@demo.tulta.id",
    "member": "anggota@demo.tulta.id",
    "mentor": "pendamping@demo.tulta.id",
    "judge": "juri@demo.tulta.id",
    "leader": "pimpinan@demo.tulta.id",
}
# Files, not pages; and pages that change state or leave the session when merely opened.
SKIPPED_SUFFIXES = (".pdf", ".xlsx", ".docx", ".csv", ".png", ".zip", ".svg", ".json")
SKIPPED_NAMES = {"accounts:logout", "set_language", "core:jsi18n"}
MAX_PAGES = 80
WIDTHS = (390, 1024, 1366)
HEIGHTS = {390: 844, 1024: 768, 1366: 800}
# Pages the walk must reach (the ones found too wide by use), kept as pictures to look at.
MUST_VISIT = {
    "admin": {
        "monitoring:dashboard",
        "monitoring:teams",
        "competitions:schedule",
        "organizations:team_create",
        "competitions:results_index",
    },
    "unit_head": {"organizations:unit_detail"},
    "chair": {"risalah:detail", "risalah:step"},
    "member": {"risalah:step"},
    "mentor": {"mentoring:mine", "mentoring:session_create", "risalah:step"},
    "judge": {"competitions:judge_list", "competitions:judge_entry"},
    "leader": {"monitoring:dashboard"},
}


@pytest.fixture
def demo_city(transactional_db):
    call_command("seed_demo", stdout=io.StringIO())


def _pattern(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    name = match.view_name
    if name in SKIPPED_NAMES or path.startswith(("/api/", "/django-admin/", "/static/")):
        return None
    return name


def _page_width(page: Page) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


def _widest(page: Page, limit: int) -> list[str]:
    """The elements whose right edge passes the window: what to fix when a page is too wide."""
    return page.evaluate(
        """(limit) => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > limit + 1
                      && !(e.parentElement && e.parentElement.closest('.table-wrap')))
            .slice(0, 6)
            .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')
                      + ' → ' + Math.round(e.getBoundingClientRect().right))""",
        limit,
    )


def _head_overlaps_subtitle(page: Page) -> bool:
    """A page head's last line (a badge or buttons wrapped under the title on a phone) and the
    subtitle under it overlap (#21: a step's state badge sat on its subtitle)."""
    return page.evaluate(
        """() => {
            const sub = document.querySelector('.page-head + .subtitle');
            if (!sub) return false;
            const head = sub.previousElementSibling.getBoundingClientRect();
            return sub.getBoundingClientRect().top < head.bottom - 0.5;
        }"""
    )


def _walk(page: Page, persona: str) -> tuple[set[str], list[str]]:
    seen_patterns: set[str] = set()
    queue: deque[str] = deque(["/"])
    visited: set[str] = set()
    too_wide: list[str] = []
    while queue and len(visited) < MAX_PAGES:
        path = queue.popleft()
        name = _pattern(path)
        if name is None or name in seen_patterns:
            continue
        seen_patterns.add(name)
        page.set_viewport_size({"width": WIDTHS[0], "height": 844})
        response = page.goto(path)
        page.wait_for_load_state("load")
        if response is None or response.status != 200 or urlsplit(page.url).path != path:
            continue
        visited.add(name)
        if name in MUST_VISIT[persona]:
            screenshot(page, f"telepon-{persona}-{name.replace(':', '-')}")
        for width in WIDTHS:
            page.set_viewport_size(
                {"width": width, "height": {390: 844, 1024: 768}.get(width, 800)}
            )
            measured = _page_width(page)
            if measured > width:
                too_wide.append(f"{persona} {path} @{width}: {measured} px {_widest(page, width)}")
                screenshot(page, f"lebar-{persona}-{name.replace(':', '-')}-{width}")
            if _head_overlaps_subtitle(page):
                too_wide.append(f"{persona} {path} @{width}: the subtitle overlaps the page head")
        for href in page.eval_on_selector_all(
            "a[href^='/']", "els => els.map(e => e.getAttribute('href'))"
        ):
            target = urlsplit(href).path
            if not target.endswith(SKIPPED_SUFFIXES):
                queue.append(target)
    return visited, too_wide


def test_every_page_fits_a_phone_and_a_small_laptop_as_every_persona(
    browser: Browser, live_server, demo_city
):
    # One test for all personas: the demo city (with its frozen documents) is seeded once.
    too_wide: list[str] = []
    for persona, email in PERSONAS.items():
        context = browser.new_context(
            base_url=live_server.url,
            viewport={"width": 390, "height": 844},
            is_mobile=True,
            has_touch=True,
            locale="id-ID",
        )
        page = context.new_page()
        page.set_default_timeout(10_000)
        try:
            sign_in(page, email, DEMO_PASSWORD)
            visited, wide = _walk(page, persona)
        finally:
            context.close()
        assert MUST_VISIT[persona] <= visited, (persona, sorted(visited))
        too_wide += wide
    assert too_wide == [], "\n".join(too_wide)


def test_anyone_finds_the_announced_results_from_the_showcase_on_a_phone(phone: Page, world, comp):
    pending = reverse("competitions:public_results", args=[comp["competition"].pk])
    phone.goto(pending)
    phone.wait_for_load_state("load")
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Hasil belum diumumkan")
    assert _page_width(phone) <= 390
    assert_accessible(phone)
    Competition.objects.filter(pk=comp["competition"].pk).update(results_public=True)
    phone.goto("/karya/")
    phone.get_by_role("link", name="Hasil lomba budaya kerja yang sudah diumumkan").click()
    phone.wait_for_load_state("load")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Hasil lomba budaya kerja")
    phone.get_by_role("link", name="Lomba KBK 2026").click()
    phone.wait_for_load_state("load")
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Hasil: Lomba KBK 2026")
    assert _page_width(phone) <= 390
    assert_accessible(phone)
    screenshot(phone, "telepon-hasil-lomba")
