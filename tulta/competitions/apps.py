from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetitionsConfig(AppConfig):
    name = "tulta.competitions"
    label = "competitions"
    verbose_name = _("Lomba")
