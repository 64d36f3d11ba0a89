from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    name = "tulta.mentoring"
    label = "mentoring"
    verbose_name = _("Pendampingan")

    def ready(self) -> None:
        # A risalah started after its team got a mentor takes that mentor (risalah asks through
        # tulta.risalah.mentors, since it does not import the app that builds on it).
        from tulta.risalah.mentors import register_mentor_lookup

        from .selectors import mentor_for

        register_mentor_lookup(mentor_for)
