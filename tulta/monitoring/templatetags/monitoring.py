"""``{% drill filters jenis="opd" status="final" %}``: the drill-down query string of a figure,
keeping the page's current filters and overriding the given ones (an empty value drops one)."""

from __future__ import annotations

from typing import Any

from django import template

from tulta.monitoring.selectors import Filters

register = template.Library()


@register.simple_tag
def drill(filters: Filters, **override: Any) -> str:
    return filters.query(**{k: (v if v != "" else None) for k, v in override.items()})
