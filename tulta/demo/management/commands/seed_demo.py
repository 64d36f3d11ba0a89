from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tulta.demo.competitions import seed_demo_competition
from tulta.demo.organizations import DEMO_PASSWORD, seed_demo
from tulta.demo.risalah import seed_demo_programme
from tulta.organizations.models import Team


class Command(BaseCommand):
    help = "Create the demo city (Kota Sukamaju) with units, teams, members and demo logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset", action="store_true", help="Delete the demo city first and create it anew."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        government, logins, created = seed_demo(reset=options["reset"])
        programme = seed_demo_programme(government)
        seed_demo_competition(government, programme)
        units = government.units.count()
        teams = Team.objects.filter(unit__government=government).count()
        verb = "dibuat" if created else "sudah ada (tidak diubah; --reset untuk membuat ulang)"
        self.stdout.write(
            f"Data demo {government.official_name} {verb}: {units} unit, {teams} kelompok, "
            f"{programme.risalah_set.count()} risalah dalam {programme.name}."
        )
        self.stdout.write("")
        self.stdout.write(f"Login demo (kata sandi untuk semua: {DEMO_PASSWORD}):")
        width = max(len(login.role) for login in logins)
        for login in logins:
            note = f"  ({login.note})" if login.note else ""
            self.stdout.write(f"  {login.role.ljust(width)}  {login.email}{note}")
