from __future__ import annotations

from collections.abc import Iterable

from django import template

from tulta.risalah.tools import tool_label

register = template.Library()


@register.filter(name="tool_labels")
def tool_labels(codes: Iterable[str]) -> str:
    """["check_sheet", "pareto"] -> "Lembar periksa, Diagram Pareto"."""
    return ", ".join(tool_label(code) for code in codes or [])
