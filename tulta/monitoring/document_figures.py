"""The impact ledger's figures handed to the risalah document.

Documents and impact stand on the same floor, so neither imports the other; monitoring stands
above both and wires them (``MonitoringConfig.ready`` registers :func:`figures_of` with
:mod:`tulta.documents.indicators`). The texts are the impact app's own (``Verdict.before_text``,
``p_text``, ``method``, ``comparison.verdict``), so the document and the ledger cannot disagree.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from tulta.core.formatting import persen, satuan
from tulta.documents.indicators import IndicatorFigures
from tulta.impact.models import Indicator
from tulta.impact.selectors import Verdict, verdict_for
from tulta.risalah.models import Risalah


def figures_of(risalah: Risalah) -> list[IndicatorFigures]:
    """Every indicator of ``risalah``, primary first, as the ledger reports it. One query, plus
    the verdicts (memoised by the impact app)."""
    indicators = Indicator.objects.filter(risalah=risalah).order_by("-is_primary", "id")
    return [figures_from(verdict_for(indicator, draw=False)) for indicator in indicators]


def figures_from(verdict: Verdict) -> IndicatorFigures:
    indicator, comparison = verdict.indicator, verdict.comparison
    counts = indicator.data_form == Indicator.DataForm.COUNTS
    target = ""
    if indicator.target is not None:
        target = satuan(indicator.target, "%" if counts else indicator.unit)
    change = ""
    if comparison is not None:
        change = verdict.change_text
        if comparison.percent_change is not None:
            change += f" ({persen(comparison.percent_change, 1)})"
    return IndicatorFigures(
        name=indicator.name,
        kind=indicator.get_kind_display(),
        unit=indicator.get_unit_display(),
        direction=indicator.get_direction_display(),
        primary=indicator.is_primary,
        before=verdict.before_text,
        after=verdict.after_text,
        change=change,
        target=target,
        n=f"{comparison.n_before} / {comparison.n_after}" if comparison is not None else "",
        p_value=verdict.p_text,
        method=verdict.method,
        verdict=(
            _capitalised(f"{indicator.name} {comparison.verdict}.")
            if comparison is not None
            else _("Belum ada uji statistik.")
        ),
        improved=verdict.counts,
        target_reached=verdict.target_reached,
        reason=verdict.reason,
    )


def _capitalised(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]
