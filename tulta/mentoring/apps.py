from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    name = "tulta.mentoring"
    label = "mentoring"
    verbose_name = _("Pendampingan")
