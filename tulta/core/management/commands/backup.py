"""``manage.py backup --output FILE``: the whole database and the uploaded files in one ZIP.

For admins and scripts: whoever runs manage.py can read the database anyway. The file holds every
table (password hashes and sessions included), so keep it as safely as the database itself.
See :mod:`tulta.core.backup` for what is inside; ``manage.py restore FILE`` loads it back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.template.defaultfilters import filesizeformat

from tulta.core.backup import BackupError, write_backup


class Command(BaseCommand):
    help = "Cadangkan seluruh basis data TULTA dan berkas unggahan (MEDIA_ROOT) ke satu berkas ZIP."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output", "-o", required=True, help="berkas cadangan yang ditulis (mis. tulta.zip)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        target = Path(options["output"])
        if target.is_dir():
            raise CommandError(f"{target} adalah folder; sebutkan nama berkas, mis. tulta.zip.")
        try:
            summary = write_backup(target)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"{target}  {filesizeformat(target.stat().st_size)}: {summary.rows} baris dari "
            f"{len(summary.tables)} tabel, {summary.media_files} berkas media "
            f"({filesizeformat(summary.media_bytes)})."
        )
