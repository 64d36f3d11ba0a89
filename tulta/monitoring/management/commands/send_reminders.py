"""Send the due reminders and email pending notifications. Safe to run from cron every hour:
no reminder is created twice and no notification is emailed twice.

    python manage.py send_reminders [--days-before 3] [--review-after-days 2] [--no-email]
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from tulta.monitoring.services import reminders_send


class Command(BaseCommand):
    help = (
        "Buat pengingat batas waktu langkah, langkah yang menunggu tinjauan dan tindak lanjut "
        "pendampingan, lalu kirim email pemberitahuan yang belum terkirim. Aman dijalankan "
        "tiap jam dari cron."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days-before",
            type=int,
            default=3,
            help="ingatkan batas waktu sekian hari sebelumnya (bawaan 3)",
        )
        parser.add_argument(
            "--review-after-days",
            type=int,
            default=2,
            help="ingatkan peninjau bila langkah menunggu sekian hari (bawaan 2)",
        )
        parser.add_argument(
            "--no-email", action="store_true", help="hanya pemberitahuan di aplikasi"
        )
        parser.add_argument(
            "--base-url",
            default="",
            help="alamat TULTA untuk tautan di email, mis. https://tulta.kotaanda.go.id "
            "(bawaan: setelan SITE_URL)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["days_before"] < 0 or options["review_after_days"] < 0:
            self.stderr.write("--days-before dan --review-after-days tidak boleh negatif.")
            raise SystemExit(2)
        report = reminders_send(
            days_before=options["days_before"],
            review_after_days=options["review_after_days"],
            email=not options["no_email"],
            base_url=options["base_url"] or getattr(settings, "SITE_URL", ""),
        )
        self.stdout.write(
            f"pengingat batas waktu: {report.deadline_notices}, "
            f"menunggu tinjauan: {report.review_notices}, "
            f"tindak lanjut: {report.action_notices}, "
            f"email: {report.emails} ({report.emailed_notifications} pemberitahuan), "
            f"gagal: {report.email_failures}"
        )
