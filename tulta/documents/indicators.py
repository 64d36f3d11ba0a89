"""Where the risalah document finds its indicators' figures: the impact ledger's own.

A risalah's results chapter must print, for each service indicator, exactly what the impact
ledger says of it (before, after, change, target, the test and the verdict). Those figures are
computed by the impact app, which stands on the same floor as documents, so documents does not
import it. Instead an app above both (``tulta.monitoring``, in ``MonitoringConfig.ready``)
registers a source here that turns the impact verdicts into :class:`IndicatorFigures`, plain
texts already formatted for Indonesian readers. With no source registered (impact not
installed) the document says that no indicator was measured.

Like :mod:`tulta.risalah.mentors`: one function, registered once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from tulta.risalah.models import Risalah


@dataclass(frozen=True)
class IndicatorFigures:
    """One indicator as the ledger reports it. Empty ``before``/``after`` mean no test could be
    run (``reason`` says why)."""

    name: str
    kind: str  # "Cepat (waktu)"
    unit: str  # "menit"
    direction: str  # "makin kecil makin baik"
    primary: bool
    before: str  # "45,0 menit"
    after: str
    change: str  # "−30,0 menit (−66,7%)"
    target: str  # "15,0 menit", or "" when the group set none
    n: str  # "12 / 12"
    p_value: str  # "< 0,001"
    method: str  # which statistic and test, and why
    verdict: str  # "waktu tunggu KTP-el turun secara bermakna …"
    improved: bool  # a significant change in the better direction: the ledger counts it
    target_reached: bool | None
    reason: str = ""  # why there is no test

    @property
    def tested(self) -> bool:
        return bool(self.before and self.after)

    @property
    def target_text(self) -> str:
        if self.target_reached is True:
            return _("sasaran tercapai")
        if self.target_reached is False:
            return _("sasaran belum tercapai")
        return ""


IndicatorSource = Callable[["Risalah"], Sequence[IndicatorFigures]]

_registered: list[IndicatorSource] = []


def register_indicator_source(source: IndicatorSource) -> None:
    """Name the function that gives a risalah's indicators as the ledger reports them, primary
    first. Called once, by the app that wires impact to documents; a second call replaces it."""
    _registered[:] = [source]


def indicator_figures(risalah: Risalah) -> tuple[IndicatorFigures, ...]:
    """The risalah's indicators, primary first; empty when none or nobody registered."""
    return tuple(_registered[0](risalah)) if _registered else ()
