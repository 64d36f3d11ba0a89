"""``manage.py restore FILE [--replace]``: load a backup written by ``manage.py backup``.

The database must be migrated to exactly the backup's migrations. Without ``--replace`` it must
hold no data yet (a freshly migrated database); with ``--replace`` every TULTA table is emptied
first. All of it runs in one transaction: a failure leaves the database as it was.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tulta.core.backup import BackupError, open_backup, restore_backup


class Command(BaseCommand):
    help = "Pulihkan basis data TULTA dan berkas unggahan dari berkas cadangan (manage.py backup)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="berkas cadangan (ZIP) dari manage.py backup")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="kosongkan dulu semua tabel TULTA bila basis data sudah berisi data",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            backup = open_backup(path)
            try:
                restore_backup(backup, replace=options["replace"])
            finally:
                backup.archive.close()
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        manifest = backup.manifest
        rows = sum(backup.tables.values())
        self.stdout.write(
            f"Dipulihkan dari {path} (TULTA {manifest.get('tulta_version')}, dibuat "
            f"{manifest.get('created_at')}): {rows} baris dari {len(backup.tables)} tabel, "
            f"{len(backup.media)} berkas media."
        )
