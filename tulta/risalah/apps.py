from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RisalahConfig(AppConfig):
    name = "tulta.risalah"
    label = "risalah"
    verbose_name = _("Risalah")
