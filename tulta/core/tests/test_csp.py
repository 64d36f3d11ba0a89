"""Content-Security-Policy: every page carries one without 'unsafe-inline' or 'unsafe-eval', and
no template served as a page holds an inline style, an inline script or an event-handler
attribute (the browser would refuse them under that policy)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tulta.risalah import services
from tulta.risalah.method_templates import ensure_template_methods
from tulta.risalah.models import Method

TEMPLATES = Path(settings.BASE_DIR) / "tulta" / "templates"
#: Rendered only to PDF by WeasyPrint (never sent to a browser), where inline CSS is harmless:
#: documents/pdf.py renders risalah_pdf and book_front, monitoring/recap.py recap_pdf,
#: competitions/certificates.py the certificate.
PDF_ONLY = {
    "documents/risalah_pdf.html",
    "documents/book_front.html",
    "monitoring/recap_pdf.html",
    "competitions/certificate.html",
}
_COMMENT = re.compile(r"\{#.*?#\}|\{% comment %\}.*?\{% endcomment %\}", re.S)
_FORBIDDEN = [
    (re.compile(r"""\sstyle\s*=\s*["']""", re.I), "inline style attribute"),
    (re.compile(r"<style\b", re.I), "inline <style> element"),
    (re.compile(r"<script\b(?![^>]*\bsrc\s*=)[^>]*>", re.I), "inline <script> without src"),
    (re.compile(r"""\son[a-z]+\s*=\s*["'{]""", re.I), "event-handler attribute"),
    (re.compile(r"""(?:href|src|action)\s*=\s*["']\s*javascript:""", re.I), "javascript: URL"),
]


def _served_templates() -> list[Path]:
    return sorted(
        p for p in TEMPLATES.rglob("*.html") if p.relative_to(TEMPLATES).as_posix() not in PDF_ONLY
    )


def _offences(path: Path) -> list[str]:
    # Comments are blanked (newlines kept) so line numbers stay true.
    text = _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), path.read_text())
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        for pattern, what in _FORBIDDEN:
            if pattern.search(line):
                name = path.relative_to(TEMPLATES).as_posix()
                found.append(f"{name}:{number}: {what}: {line.strip()[:120]}")
    return found


def test_pdf_only_templates_are_rendered_only_to_pdf():
    """The exemption holds only while nothing renders these templates as a page."""
    code = "\n".join(
        p.read_text()
        for p in (Path(settings.BASE_DIR) / "tulta").rglob("*.py")
        if "tests" not in p.parts
    )
    for name in PDF_ONLY:
        assert name in code, name
        for line in code.splitlines():
            if name in line:
                assert "render(request" not in line and "TemplateResponse" not in line, line


def test_no_served_template_has_inline_style_script_or_event_handler():
    templates = _served_templates()
    assert len(templates) > 50
    offences = [o for path in templates for o in _offences(path)]
    assert offences == [], "\n".join(offences)


def test_the_scan_finds_each_kind_of_inline_code(tmp_path, monkeypatch):
    monkeypatch.setattr(f"{__name__}.TEMPLATES", tmp_path)
    page = tmp_path / "page.html"
    page.write_text(
        '{# style="ok in a comment" #}\n<p style="color:red">x</p>\n<script>alert(1)</script>\n'
        '<script src="/static/a.js"></script>\n<button onclick="go()">x</button>\n'
    )
    assert [o.split(":")[1] for o in _offences(page)] == ["2", "3", "5"]


def _policy(response) -> str:
    policy = response.headers.get("Content-Security-Policy", "")
    assert policy, f"no Content-Security-Policy on {response.request['PATH_INFO']}"
    return policy


def _assert_strict(policy: str) -> None:
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if " " in d.strip())
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"


@pytest.fixture
def draft(world):
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
    risalah = services.risalah_start(
        actor=world.chair, team=world.team, programme=programme, tema="Antrean", judul="Turun"
    )
    return programme, risalah


def test_every_kind_of_page_carries_a_strict_policy(client, client_for, world, draft):
    programme, risalah = draft
    anonymous_pages = ["/masuk/", "/karya/"]
    for url in anonymous_pages:
        response = client.get(url)
        assert response.status_code == 200, url
        _assert_strict(_policy(response))
    pages = [
        "/",
        f"/risalah/{risalah.pk}/",
        f"/risalah/{risalah.pk}/langkah/1/",
        f"/pemantauan/program/{programme.pk}/",
        "/karya/",
        "/dampak/",
        "/tidak-ada-halaman-ini/",
    ]
    signed_in = client_for(world.admin)
    for url in pages:
        response = signed_in.get(url)
        assert response.status_code in (200, 404), url
        assert response["Content-Type"].startswith("text/html")
        _assert_strict(_policy(response))


def test_a_view_with_its_own_stricter_policy_keeps_it(client_for, world, draft):
    from django.core.files.base import ContentFile

    from tulta.risalah.models import Attachment

    _programme, risalah = draft
    attachment = Attachment(
        risalah=risalah,
        kind=Attachment.Kind.PHOTO,
        title="Foto",
        original_name="foto.png",
        content_type="image/png",
        size=3,
        sha256="0" * 64,
        uploaded_by=world.chair,
    )
    attachment.file.save("foto.png", ContentFile(b"png"), save=True)
    response = client_for(world.chair).get(f"/risalah/{risalah.pk}/lampiran/{attachment.pk}/")
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "default-src 'none'; img-src 'self'; sandbox"


def test_the_csrf_failure_page_is_ours_and_has_no_inline_style(db):
    """Django's own CSRF page carries an inline <style>; TULTA's replaces it (403_csrf.html)."""
    response = Client(enforce_csrf_checks=True).post("/masuk/", {"username": "x"})
    assert response.status_code == 403
    _assert_strict(_policy(response))
    text = response.content.decode()
    assert "Formulir tidak dapat dikirim" in text
    assert "<style" not in text and 'style="' not in text
