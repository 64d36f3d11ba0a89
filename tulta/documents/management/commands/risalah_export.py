"""``manage.py risalah_export <id> --format pdf|docx --output FILE``: write a risalah document.

For admins and scripts: no permission check (whoever runs manage.py can read the database).
A final risalah is written exactly as frozen at submission; a draft is rendered now and marked
DRAFT. Prints the file name and its SHA-256.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tulta.documents.export import current_file
from tulta.documents.models import DocumentFormat
from tulta.documents.selectors import frozen_documents
from tulta.risalah.models import Risalah


class Command(BaseCommand):
    help = "Tulis risalah sebagai PDF atau Word (DOCX)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("risalah_id", type=int)
        parser.add_argument("--format", choices=DocumentFormat.values, default="pdf")
        parser.add_argument(
            "--output", "-o", help="berkas tujuan (bawaan: nama yang mudah dibaca di folder ini)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        risalah = (
            Risalah.objects.select_related("team", "programme")
            .filter(pk=options["risalah_id"])
            .first()
        )
        if risalah is None:
            raise CommandError(f"Risalah {options['risalah_id']} tidak ada.")
        fmt = options["format"]
        document = current_file(risalah, fmt, frozen_documents(risalah).get(fmt))
        target = Path(options["output"] or document.filename)
        try:
            target.write_bytes(document.data)
        except OSError as exc:
            raise CommandError(f"Tidak dapat menulis {target}: {exc}") from exc
        state = (
            "final (dibekukan)" if document.frozen else ("final" if risalah.is_final else "DRAF")
        )
        self.stdout.write(f"{target}  {len(document.data)} bita  {state}")
        self.stdout.write(f"SHA-256 {document.sha256}")
