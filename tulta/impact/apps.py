from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImpactConfig(AppConfig):
    name = "tulta.impact"
    label = "impact"
    verbose_name = _("Dampak dan karya")

    def ready(self) -> None:
        from . import signals

        signals.connect()
