from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToolsConfig(AppConfig):
    """The quality tools' pipeline (grid, compute, draw, render, import/export); no models."""

    name = "tulta.tools"
    label = "tools"
    verbose_name = _("Alat mutu")

    def ready(self) -> None:
        # Registers the house's tools in tulta.tools.registry.TOOLS.
        from . import catalogue  # noqa: F401
