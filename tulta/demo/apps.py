from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo and national seeding (``seed_demo``, ``seed_national``): it writes through every
    app's services, so it stands on the top floor and nothing imports it."""

    name = "tulta.demo"
    verbose_name = _("Data demo")
