from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tulta.demo.national import seed_national
from tulta.demo.organizations import DEMO_PASSWORD


class Command(BaseCommand):
    help = (
        "Create a national-scale dataset (default 550 governments, 35,000 teams and risalah) "
        "for load tests and the national roll-up. Skips when it exists already."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--governments", type=int, default=550, help="number of pemda")
        parser.add_argument("--teams", type=int, default=35000, help="number of teams (KBK)")
        parser.add_argument("--seed", type=int, default=2026, help="random seed (reproducible)")

    def handle(self, *args: Any, **options: Any) -> None:
        governments, teams = options["governments"], options["teams"]
        if governments < 1 or teams < governments:
            self.stderr.write("Butuh minimal 1 pemda dan minimal 1 kelompok per pemda.")
            raise SystemExit(2)
        started = time.perf_counter()
        self.stdout.write(f"Membuat data nasional: {governments} pemda, {teams} kelompok …")
        result = seed_national(
            governments=governments,
            teams=teams,
            seed=options["seed"],
            progress=lambda line: self.stdout.write(line),
        )
        if not result.created:
            self.stdout.write(
                "Data nasional sudah ada; tidak diubah (hapus pemda berawalan 'nas-' untuk "
                "membuat ulang, atau pakai basis data baru)."
            )
        else:
            self.stdout.write(
                f"Selesai dalam {time.perf_counter() - started:.0f} detik: "
                f"{result.governments} pemda, {result.units} unit, {result.teams} kelompok, "
                f"{result.users} pengguna, {result.risalah} risalah ({result.steps} langkah), "
                f"{result.published} karya terbit."
            )
        self.stdout.write("")
        self.stdout.write(f"Login contoh (kata sandi untuk semua: {DEMO_PASSWORD}):")
        width = max(len(role) for role, _email in result.logins)
        for role, email in result.logins:
            self.stdout.write(f"  {role.ljust(width)}  {email}")
