"""``{% impact_panel risalah %}``: the indicators, verdicts and publication state of a risalah,
for its detail page."""

from __future__ import annotations

from typing import Any

from django import template

from tulta.risalah.models import Risalah
from tulta.risalah.permissions import can_write_risalah

from .. import permissions, selectors
from ..models import Publication, Replication

register = template.Library()


@register.inclusion_tag("impact/_risalah_panel.html", takes_context=True)
def impact_panel(context: dict[str, Any], risalah: Risalah) -> dict[str, Any]:
    user = context["request"].user
    return {
        "risalah": risalah,
        "rows": [
            {"v": v, "lasting": selectors.lasting_status(v.indicator) if v.counts else None}
            for v in selectors.verdicts_for(risalah)
        ],
        "can_edit": permissions.can_edit_indicators(user, risalah),
        "can_write": can_write_risalah(user, risalah),
        "replication_statuses": Replication.Status.choices,
        "can_publish": permissions.can_publish(user, risalah) and risalah.is_final,
        "publication": Publication.objects.filter(risalah=risalah).first(),
        "replication": selectors.replication_of(risalah),
        "csrf_token": context.get("csrf_token"),
    }


@register.filter
def summary_value(verdict: selectors.Verdict, value: float | None) -> str:
    """``{{ v|summary_value:side.mean }}``: a summary figure in the indicator's unit."""
    return verdict.summary_text(value)
