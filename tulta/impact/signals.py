"""What the public showcase shows changed: start a new generation of its cached pages.

The showcase cards show the risalah (tema, judul, year), its team, unit and government, and the
verdict of its primary indicator; a publication decides whether it is shown at all.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from tulta.organizations.models import Government, Team, Unit
from tulta.risalah.models import Programme, Risalah

from . import selectors
from .models import Indicator, Publication

SHOWN_ON_THE_SHOWCASE = (Publication, Indicator, Risalah, Team, Unit, Government, Programme)


def _changed(sender: Any, **kwargs: Any) -> None:
    selectors.showcase_changed()


def connect() -> None:
    for model in SHOWN_ON_THE_SHOWCASE:
        for signal in (post_save, post_delete):
            signal.connect(_changed, sender=model, dispatch_uid=f"showcase-{model.__name__}")
