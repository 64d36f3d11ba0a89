from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "tulta.monitoring"
    label = "monitoring"
    verbose_name = _("Pemantauan program")

    def ready(self) -> None:
        # The risalah document prints the impact ledger's figures; documents and impact stand
        # on one floor, so this app above both wires them (see tulta.documents.indicators).
        from tulta.documents.indicators import register_indicator_source

        from .document_figures import figures_of

        register_indicator_source(figures_of)
