"""Benchmark of the risalah documents (issue #6) against its targets and a same-run baseline.

Run from the project root::

    .venv/bin/python bench/bench_documents.py [--book-size 60] [--repeats 7] [--smoke]

It builds its own data in a throw-away SQLite database (``documents_settings``):
a government, a TULTA programme, and risalah written through the real services -- seven steps,
twelve charts (USG, check sheet, Pareto, stratification, histogram, Gantt, fishbone, scatter,
MEER, before/after Pareto, control chart, flowchart) and a 5W1H table each. It then prints the
median wall time of rendering one risalah to PDF and to DOCX (charts already drawn once, as on a
second download; the first, cold render is shown too), and of the programme book of 60 final
risalah, both from their frozen PDFs (what production does: the files are frozen at final
submission) and cold (every risalah rendered during the build). The baseline is WeasyPrint
rendering a one-page plain HTML document and python-docx saving a one-paragraph document, in the
same run on the same machine. The script always exits 0: it reports, it does not gate.

With ``--smoke`` the risalah has three charts and the 5W1H table, the book holds that one
risalah, every case runs once without a warm-up, and no target is judged: it only shows that
the benchmark still runs.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ["DJANGO_SETTINGS_MODULE"] = "documents_settings"

import django

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402

TARGETS = {"pdf": 2.0, "docx": 1.0, "book": 60.0}


def timed(func: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = func()
    return time.perf_counter() - start, result


def median_time(func: Callable[[], Any], repeats: int, warm_up: bool = True) -> float:
    if warm_up:
        func()  # warm up (imports, fonts, chart cache)
    return statistics.median(timed(func)[0] for _ in range(repeats))


def row(name: str, seconds: float, target: float | None, note: str = "", judge: bool = True) -> str:
    verdict = "" if target is None else ("PASS" if seconds < target else "FAIL")
    verdict = verdict if judge else "-"
    limit = "" if target is None else f"< {target:g} s"
    return f"{name:<52} {seconds:>9.3f} s  {limit:>8}  {verdict:<4}  {note}"


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--book-size", type=int, default=60)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument(
        "--smoke", action="store_true", help="a small risalah and book, once each, no targets"
    )
    args = parser.parse_args()
    book_size, repeats = (1, 1) if args.smoke else (args.book_size, args.repeats)
    warm_up, judge = not args.smoke, not args.smoke

    from docx import Document

    from tulta.documents import export
    from tulta.documents.models import FrozenDocument
    from tulta.documents.pdf import html_to_pdf
    from tulta.organizations.models import Government, Unit
    from tulta.testing import samples

    call_command("migrate", verbosity=0)

    plan = samples.ARTEFACTS
    if args.smoke:  # a chart of steps 5 and 6 each, the 5W1H table and the control chart
        plan = {5: samples.ARTEFACTS[5], 6: samples.ARTEFACTS[6]}
    chart_count = sum(1 for items in plan.values() for item in items if item[0] != "action_plan")
    contents = f"7 steps, {chart_count} charts"

    government = Government.objects.create(
        name="Bench", kind=Government.Kind.KOTA, province="Jawa Barat", slug="kota-bench"
    )
    units = [
        Unit.objects.create(government=government, name=f"Dinas Bench {i}", kind=Unit.Kind.OPD)
        for i in range(6)
    ]
    first = samples.sample_team(government, name="KBK Bench 0", unit=units[0])
    programme = samples.tulta_programme(government, first.admin)

    setup, risalah = timed(lambda: samples.write_risalah(first, programme, artefact_steps=plan))
    print(f"setup: one full risalah ({contents}) written through the services in {setup:.2f} s")

    cache.clear()
    cold_pdf, pdf_data = timed(lambda: export.render_document(risalah, "pdf"))
    cold_docx, docx_data = timed(lambda: export.render_document(risalah, "docx"))
    # A smoke run renders each format once: the warm render is the same code as the cold one.
    pdf, docx = cold_pdf, cold_docx
    if not args.smoke:
        pdf = median_time(lambda: export.render_document(risalah, "pdf"), repeats)
        docx = median_time(lambda: export.render_document(risalah, "docx"), repeats)

    plain = "<html><body><h1>Risalah</h1><p>Satu halaman teks biasa.</p></body></html>"
    base_pdf = median_time(lambda: html_to_pdf(plain), repeats, warm_up)

    def plain_docx() -> bytes:
        document = Document()
        document.add_paragraph("Satu paragraf teks biasa.")
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()

    base_docx = median_time(plain_docx, repeats, warm_up)

    start = time.perf_counter()
    for n in range(1, book_size):
        cast = samples.sample_team(government, name=f"KBK Bench {n}", unit=units[n % 6])
        samples.write_risalah(
            cast, programme, tema=f"Waktu tunggu layanan {n} terlalu lama", artefact_steps=plan
        )
    print(f"setup: {book_size - 1} more final risalah in {time.perf_counter() - start:.1f} s")

    # Frozen: risalah_finalize froze every risalah's PDF, as in production.
    assert FrozenDocument.objects.filter(format="pdf").count() == book_size
    book_frozen, data = timed(lambda: export.book_pdf(programme))
    # Cold: drop the frozen files, so that the book renders every risalah.
    FrozenDocument.objects.all().delete()
    book_cold, _ = timed(lambda: export.book_pdf(programme))

    from pypdf import PdfReader

    pages = len(PdfReader(io.BytesIO(data)).pages)
    print()
    if args.smoke:
        print("SMOKE: a small risalah and book, every case once; targets not judged")
    print(f"{'case':<52} {'median':>11}  {'target':>8}  {'':<4}  note")
    print(row("baseline: one-page plain HTML -> PDF", base_pdf, None, "WeasyPrint floor"))
    print(row("baseline: one-paragraph DOCX", base_docx, None, "python-docx floor"))
    pdf_note = f"{pdf / base_pdf:.0f}x baseline, {len(pdf_data) // 1024} KB; cold {cold_pdf:.2f} s"
    docx_note = (
        f"{docx / base_docx:.0f}x baseline, {len(docx_data) // 1024} KB; cold {cold_docx:.2f} s"
    )
    print(row(f"risalah -> PDF ({contents})", pdf, TARGETS["pdf"], pdf_note, judge))
    print(row(f"risalah -> DOCX ({contents}, 300 dpi)", docx, TARGETS["docx"], docx_note, judge))
    print(
        row(
            f"programme book, {book_size} risalah, frozen PDFs",
            book_frozen,
            TARGETS["book"],
            f"{pages} pages, {len(data) // 1024} KB, one run",
            judge,
        )
    )
    print(
        row(
            f"programme book, {book_size} risalah, rendered cold",
            book_cold,
            TARGETS["book"],
            "every risalah rendered during the build, one run",
            judge,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
