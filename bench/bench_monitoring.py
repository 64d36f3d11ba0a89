"""Benchmark of the programme dashboard and the XLSX recap with 600 teams (issue #7).

Run from the project root::

    .venv/bin/python bench/bench_monitoring.py [--smoke]

It builds its own SQLite database in a temporary folder (settings
``monitoring_settings``), migrates it and creates one government with 150 units and
600 teams, 480 of them with a risalah in every state (draft, submitted, returned, approved,
final), deadlines partly passed, and mentors for some. Then it measures, through Django's test
client (the whole server-side request: middleware, session, queries, template), the median time
of the dashboard, its drill-down page and the recap downloads, next to a same-run baseline: the
``/healthz`` view, which does one query and no template (for the PDF recap: a one-page plain
HTML document through WeasyPrint, the least a PDF costs here). It prints the figures, the
targets and PASS/FAIL, and always exits 0: it reports, it does not gate. With ``--smoke`` it
builds 12 teams, measures every case once and judges no target: it only shows that the
benchmark still runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TEAMS = 600
SMOKE_TEAMS = 12
REPEATS = 15


def median_time(func: Callable[[], Any], repeats: int, warm_up: bool = True) -> float:
    if warm_up:
        func()  # warm up (imports, template loading, caches)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def one_page_pdf() -> bytes:
    """The least a PDF through WeasyPrint costs: one page of plain HTML (the PDF's floor)."""
    from weasyprint import HTML

    plain = "<html><body><h1>Rekap</h1><p>Satu halaman teks biasa.</p></body></html>"
    return HTML(string=plain, base_url="/").write_pdf()


def build_world(team_count: int) -> tuple[Any, Any]:
    """One government, 150 units, ``team_count`` teams with chairs and risalah in every
    state."""
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from tulta.accounts.models import Role, RoleGrant, User
    from tulta.mentoring.models import MentorAssignment
    from tulta.organizations.models import Government, Membership, Team, Unit
    from tulta.risalah import services
    from tulta.risalah.method_templates import ensure_template_methods
    from tulta.risalah.models import Method, Risalah, RisalahStep

    rng = random.Random(20260701)  # noqa: S311  (reproducible test data, not cryptography)
    ensure_template_methods()
    gov = Government.objects.create(
        name="Bench", kind=Government.Kind.KOTA, province="Jawa Barat", slug="kota-bench"
    )
    password = make_password("bench-password-123")
    admin = User.objects.create(
        email="admin@bench.go.id", full_name="Admin Bench", government=gov, password=password
    )
    RoleGrant.objects.create(user=admin, role=Role.PROGRAMME_ADMIN)
    mentors = User.objects.bulk_create(
        User(email=f"mentor{i}@bench.go.id", full_name=f"Pendamping {i}", government=gov)
        for i in range(10)
    )
    RoleGrant.objects.bulk_create(RoleGrant(user=m, role=Role.MENTOR) for m in mentors)

    kinds = [Unit.Kind.OPD] * 40 + [Unit.Kind.KECAMATAN] * 10 + [Unit.Kind.KELURAHAN] * 80
    kinds += [Unit.Kind.UPT] * 20
    units = Unit.objects.bulk_create(
        Unit(government=gov, name=f"{kind.label} {i:03d}", kind=kind)
        for i, kind in enumerate(kinds)
    )
    # 600 teams over 150 units; the last five units have none.
    team_units = [units[i % 145] for i in range(team_count)]
    teams = Team.objects.bulk_create(
        Team(unit=unit, name=f"KBK {i:03d}", decree_number=f"800/{i}/2026")
        for i, unit in enumerate(team_units)
    )
    chairs = User.objects.bulk_create(
        User(
            email=f"ketua{i}@bench.go.id",
            full_name=f"Ketua {i:03d}",
            government=gov,
            phone=f"0812{i:08d}" if i % 7 else "",
        )
        for i in range(team_count)
    )
    members = User.objects.bulk_create(
        User(email=f"anggota{i}@bench.go.id", full_name=f"Anggota {i:04d}", government=gov)
        for i in range(team_count * 2)
    )
    Membership.objects.bulk_create(
        [
            Membership(team=t, user=c, role=Membership.Role.KETUA)
            for t, c in zip(teams, chairs, strict=True)
        ]
        + [
            Membership(team=teams[i // 2], user=m, role=Membership.Role.ANGGOTA)
            for i, m in enumerate(members)
        ]
    )

    today = timezone.localdate()
    method = Method.objects.get(government=None, code="tulta")
    programme = services.programme_create(
        actor=admin,
        government=gov,
        name="Program Budaya Kerja Bench",
        year=today.year,
        method=method,
        starts_on=today - dt.timedelta(days=120),
        ends_on=today + dt.timedelta(days=200),
        deadlines={n: today + dt.timedelta(days=-90 + 25 * n) for n in range(1, 8)},
    )
    started = teams[: int(team_count * 0.8)]
    risalah = Risalah.objects.bulk_create(
        Risalah(
            team=t,
            programme=programme,
            tema=f"Tema {t.name}",
            judul=f"Menurunkan waktu tunggu {t.name}",
            created_by=admin,
            state=Risalah.State.FINAL if i % 10 == 0 else Risalah.State.DRAFT,
        )
        for i, t in enumerate(started)
    )
    method_steps = list(method.steps.order_by("number"))
    now = timezone.now()
    steps = []
    for item in risalah:
        approved = 7 if item.state == Risalah.State.FINAL else rng.randint(0, 6)
        after = rng.choice(["draft", "draft", "submitted", "returned"])
        for ms in method_steps:
            if ms.number <= approved:
                state, reviewed = "approved", now - dt.timedelta(days=rng.randint(1, 100))
            elif ms.number == approved + 1:
                state, reviewed = after, None
            else:
                state, reviewed = "draft", None
            steps.append(
                RisalahStep(
                    risalah=item,
                    method_step=ms,
                    number=ms.number,
                    state=state,
                    reviewed_at=reviewed,
                    submitted_at=now - dt.timedelta(days=3) if state == "submitted" else None,
                )
            )
    RisalahStep.objects.bulk_create(steps, batch_size=2000)
    MentorAssignment.objects.bulk_create(
        MentorAssignment(
            programme=programme, team=t, mentor=mentors[i % len(mentors)], assigned_by=admin
        )
        for i, t in enumerate(teams[::4])
    )
    return admin, programme


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--smoke", action="store_true", help="12 teams, one run each, no targets judged"
    )
    args = parser.parse_args()
    teams = SMOKE_TEAMS if args.smoke else TEAMS
    warm_up = not args.smoke

    def timed(func: Callable[[], Any], repeats: int) -> float:
        return median_time(func, 1 if args.smoke else repeats, warm_up)

    workdir = tempfile.mkdtemp(prefix="tulta-bench-")
    os.environ["TULTA_BENCH_DB"] = str(Path(workdir) / "bench.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "monitoring_settings"
    import django

    django.setup()
    import logging

    logging.getLogger("weasyprint").setLevel(logging.WARNING)  # its progress log is INFO
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from tulta.monitoring.recap import recap_build, recap_pdf, recap_xlsx

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    admin, programme = build_world(teams)
    setup = time.perf_counter() - started

    client = Client()
    client.force_login(admin, backend="tulta.accounts.backends.EmailOrNipBackend")
    dashboard_url = reverse("monitoring:dashboard", args=[programme.pk])
    teams_url = reverse("monitoring:teams", args=[programme.pk])
    xlsx_url = reverse("monitoring:recap_xlsx", args=[programme.pk])

    def get(url: str) -> Callable[[], Any]:
        def run() -> Any:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            return response

        return run

    with CaptureQueriesContext(connection) as ctx:
        get(dashboard_url)()
    queries = len(ctx.captured_queries)

    baseline = timed(get("/healthz"), REPEATS)
    board = timed(get(dashboard_url), REPEATS)
    drill = timed(get(teams_url + "?terlambat=ya&urut=terlambat"), REPEATS)
    xlsx_view = timed(get(xlsx_url), 5)
    xlsx_build = timed(lambda: recap_xlsx(recap_build(programme)), 5)
    pdf_build = timed(lambda: recap_pdf(recap_build(programme)), 5)
    pdf_floor = timed(one_page_pdf, 5)

    # Each row: name, seconds, the same-run floor it is compared with, target, met.
    rows: list[tuple[str, float, float, str, bool | None]] = [
        ("baseline /healthz", baseline, baseline, "(same-run floor)", None),
        (f"dashboard, {teams} teams", board, baseline, "< 150 ms", board < 0.150),
        ("drill-down page (50 rows)", drill, baseline, "(info)", None),
        (f"XLSX recap view, {teams}", xlsx_view, baseline, "< 3 s", xlsx_view < 3.0),
        ("XLSX recap build+write", xlsx_build, baseline, "< 3 s", xlsx_build < 3.0),
        ("baseline 1-page HTML -> PDF", pdf_floor, pdf_floor, "(WeasyPrint floor)", None),
        (f"PDF recap build+write, {teams}", pdf_build, pdf_floor, "< 2 s", pdf_build < 2.0),
    ]
    print(
        f"tulta.monitoring benchmark: {teams} teams, median of {REPEATS} runs "
        f"(XLSX and PDF: 5; x floor: against /healthz, the PDF against a 1-page PDF); "
        f"setup {setup:.1f} s; SQLite"
        if not args.smoke
        else f"tulta.monitoring benchmark, SMOKE: {teams} teams, one run each, setup "
        f"{setup:.1f} s; targets not judged"
    )
    header = f"{'case':<30}{'median':>11}{'x floor':>9}   {'target':<18}result"
    print(header)
    print("-" * (len(header) + 4))
    results = []
    for name, seconds, floor, target, ok in rows:
        ratio = seconds / floor
        verdict = "" if ok is None else "-" if args.smoke else ("PASS" if ok else "FAIL")
        if ok is not None:
            results.append(ok)
        print(f"{name:<30}{seconds * 1e3:>9.1f}ms{ratio:>8.1f}x   {target:<18}{verdict}")
    print(f"dashboard SQL queries: {queries} (does not grow with the number of teams)")
    print()
    if args.smoke:
        print("SUMMARY: smoke run, targets not judged")
    else:
        print(f"SUMMARY: {sum(results)}/{len(results)} targets met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
