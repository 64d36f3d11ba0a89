from __future__ import annotations

import logging

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "tulta.documents"
    label = "documents"
    verbose_name = _("Dokumen")

    def ready(self) -> None:
        # WeasyPrint logs every rendering step at INFO ("Step 2 - Fetching and parsing CSS");
        # keep that out of the server log unless the deployment asks for it in LOGGING.
        progress = logging.getLogger("weasyprint.progress")
        if progress.level == logging.NOTSET:
            progress.setLevel(logging.WARNING)
