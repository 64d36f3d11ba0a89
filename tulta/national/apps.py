from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NationalConfig(AppConfig):
    name = "tulta.national"
    label = "national"
    verbose_name = _("Rekap nasional")
