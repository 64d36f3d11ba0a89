"""Reads of indicators, verdicts, the city ledger and the public showcase.

Verdicts are computed here, never stored: the measurements are the truth and the statistics are
cheap. Only final risalah with a valid verdict — a test was run and the indicator changed
significantly in the better direction — count in the ledger.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import json
import time
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from scipy import stats as sps

from tulta import charts, stats
from tulta.core.formatting import angka, persen, satuan
from tulta.organizations.models import Unit
from tulta.risalah.models import Risalah

from .measurements import parse_side
from .models import Benefit, FollowUp, Indicator
from .text import WORD as _WORDS
from .text import stem, stems

HOURS_PER_UNIT = {"menit": 1 / 60, "jam": 1.0, "hari": 24.0}
MIN_PER_SIDE = 2
NORMALITY_MIN = 8
# A page draws the control chart point by point up to this many measurements (both sides
# together); beyond it the page shows a summary of each side and links to the full data (a
# 10,000-a-side chart alone weighed 1.6 MB). The statistics always use every value.
CHART_MAX_POINTS = 1000
FIRST_VALUES = 10  # the first values of each side shown in the summary


@dataclass(frozen=True)
class SideSummary:
    """One side's data at a glance: how many, centre, range, the first few (as typed)."""

    label: str
    n: int
    mean: float | None
    median: float | None
    minimum: float | None
    maximum: float | None
    first: tuple[str, ...]


@dataclass
class Verdict:
    indicator: Indicator
    errors: list[str] = field(default_factory=list)
    reason: str = ""  # why no test was run
    comparison: stats.Comparison | None = None
    method: str = ""  # which test, and why
    improved: bool = False
    target_reached: bool | None = None
    chart_svg: str = ""
    chart_alt: str = ""
    chart_reading: str = ""
    summaries: tuple[SideSummary, ...] = ()
    large: bool = False  # too many measurements to draw on a page: the summary instead

    def summary_text(self, value: float | None) -> str:
        return "—" if value is None else self._text(value)

    @property
    def valid(self) -> bool:
        return self.comparison is not None

    def _text(self, value: float) -> str:
        if self.indicator.data_form == Indicator.DataForm.COUNTS:
            return persen(value * 100, 1)
        return satuan(value, self.indicator.unit, 1)

    @property
    def before_text(self) -> str:
        return self._text(self.comparison.before) if self.comparison else ""

    @property
    def after_text(self) -> str:
        return self._text(self.comparison.after) if self.comparison else ""

    @property
    def change_text(self) -> str:
        return self._text(self.comparison.change) if self.comparison else ""

    @property
    def p_text(self) -> str:
        if self.comparison is None:
            return ""
        p = self.comparison.p_value
        return "< 0,001" if p < 0.001 else angka(p, 3)

    @property
    def counts(self) -> bool:
        """Whether this verdict is an improvement the ledger adds up."""
        return self.comparison is not None and self.comparison.significant and self.improved


def _choose_kind(indicator: Indicator, before: list[float], after: list[float]) -> tuple[str, str]:
    if indicator.statistic == Indicator.Statistic.MEAN:
        return "mean", _("rata-rata dibandingkan dengan uji Welch (pilihan kelompok).")
    if indicator.statistic == Indicator.Statistic.MEDIAN:
        return "median", _("median dibandingkan dengan uji Mann–Whitney (pilihan kelompok).")
    if min(len(before), len(after)) < NORMALITY_MIN:
        return "median", _(
            "median dibandingkan dengan uji Mann–Whitney, karena datanya kurang dari %(n)d "
            "per sisi untuk menilai kenormalan."
        ) % {"n": NORMALITY_MIN}
    normal = all(sps.shapiro(x).pvalue >= 0.05 for x in (before, after))
    if normal:
        return "mean", _("rata-rata dibandingkan dengan uji Welch, karena data mendekati normal.")
    return "median", _(
        "median dibandingkan dengan uji Mann–Whitney, karena data tidak berdistribusi normal."
    )


# Verdicts recently computed in this process, keyed by everything they are computed from (the
# data, the choices, the chart title, the language of their texts): the showcase and the ledger
# show the same verdicts again and again, and a test plus a chart costs about 13 ms. Nothing is
# stored; a change to any input is a new key.
_MEMO: OrderedDict[tuple[Any, ...], Verdict] = OrderedDict()
MEMO_SIZE = 512


def _memo_key(indicator: Indicator, draw: bool) -> tuple[Any, ...]:
    return (
        get_language(),
        draw,
        indicator.name,
        indicator.data_form,
        indicator.unit,
        indicator.direction,
        indicator.statistic,
        indicator.target,
        json.dumps(indicator.baseline),
        json.dumps(indicator.after),
    )


def verdict_for(indicator: Indicator, *, draw: bool = True) -> Verdict:
    """The before/after verdict of one indicator, with the reason when no test could be run.
    ``draw=False`` skips the control chart (most of the cost) for pages that show no chart."""
    key = _memo_key(indicator, draw)
    known = _MEMO.get(key)
    if known is None:
        known = _compute_verdict(indicator, draw=draw)
        _MEMO[key] = known
        if len(_MEMO) > MEMO_SIZE:
            _MEMO.popitem(last=False)
    else:
        _MEMO.move_to_end(key)
    return replace(known, indicator=indicator, errors=list(known.errors))


def _compute_verdict(indicator: Indicator, *, draw: bool) -> Verdict:
    result = Verdict(indicator=indicator)
    form, unit = indicator.data_form, indicator.unit
    before = parse_side(indicator.baseline, side="baseline", data_form=form, unit=unit)
    after = parse_side(indicator.after, side="after", data_form=form, unit=unit)
    result.errors = before.errors + after.errors
    if result.errors:
        result.reason = _("Uji belum dijalankan: perbaiki dulu data yang salah.")
        return result
    counts = form == Indicator.DataForm.COUNTS
    n_before = len(before.pairs if counts else before.values)
    n_after = len(after.pairs if counts else after.values)
    result.summaries = (
        _summary(_("Sebelum"), indicator.baseline, before.values, before.pairs, counts),
        _summary(_("Sesudah"), indicator.after, after.values, after.pairs, counts),
    )
    result.large = n_before + n_after > CHART_MAX_POINTS
    if n_before < (1 if counts else MIN_PER_SIDE) or n_after < (1 if counts else MIN_PER_SIDE):
        result.reason = _(
            "Uji belum dijalankan: data sebelum ada %(b)d dan data sesudah ada %(a)d; "
            "diperlukan minimal %(m)d pengukuran di tiap sisi."
        ) % {"b": n_before, "a": n_after, "m": 1 if counts else MIN_PER_SIDE}
        return result
    try:
        if counts:
            e1, t1 = (sum(p[i] for p in before.pairs) for i in (0, 1))
            e2, t2 = (sum(p[i] for p in after.pairs) for i in (0, 1))
            comparison = stats.compare((e1, t1), (e2, t2), kind="proportion")
            result.method = _("proporsi dibandingkan dengan uji %(t)s.") % {
                "t": _("Fisher") if comparison.test == "fisher" else _("z dua proporsi")
            }
        else:
            kind, result.method = _choose_kind(indicator, before.values, after.values)
            comparison = stats.compare(before.values, after.values, kind=kind, unit=unit)
    except stats.StatsInputError as exc:
        result.reason = _("Uji tidak dapat dijalankan: %(why)s") % {"why": exc.message}
        return result
    result.comparison = comparison
    lower = indicator.direction == Indicator.Direction.LOWER
    result.improved = comparison.change < 0 if lower else comparison.change > 0
    if indicator.target is not None:
        value = comparison.after * 100 if counts else comparison.after
        result.target_reached = value <= indicator.target if lower else value >= indicator.target
    if draw and result.large:
        result.chart_reading = _(
            "Peta kendali tidak digambar di halaman: %(n)s pengukuran terlalu banyak untuk "
            "ditampilkan satu per satu (batasnya %(max)s). Ringkasan di atas; data lengkap "
            "dapat diunduh."
        ) % {"n": angka(n_before + n_after), "max": angka(CHART_MAX_POINTS)}
    elif draw:
        _draw(result, before.values, after.values, before.pairs, after.pairs)
    return result


def _summary(
    label: str,
    raw: list[str],
    values: list[float],
    pairs: list[tuple[int, int]],
    counts: bool,
) -> SideSummary:
    """A side's summary; for error counts the values are each period's proportion."""
    data = [k / n for k, n in pairs if n] if counts else list(values)
    first = tuple(str(v) for v in raw[:FIRST_VALUES])
    if not data:
        return SideSummary(label, len(pairs if counts else values), None, None, None, None, first)
    ordered = sorted(data)
    middle = len(ordered) // 2
    median = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    return SideSummary(
        label=label,
        n=len(pairs if counts else values),
        mean=sum(data) / len(data),
        median=median,
        minimum=ordered[0],
        maximum=ordered[-1],
        first=first,
    )


def _draw(
    result: Verdict,
    before: list[float],
    after: list[float],
    before_pairs: list[tuple[int, int]],
    after_pairs: list[tuple[int, int]],
) -> None:
    indicator = result.indicator
    try:
        if indicator.data_form == Indicator.DataForm.COUNTS:
            chart = stats.control_chart(
                [p[0] for p in before_pairs],
                "p",
                sizes=[p[1] for p in before_pairs],
                newdata=[p[0] for p in after_pairs],
                newsizes=[p[1] for p in after_pairs],
            )
        else:
            chart = stats.control_chart(before, "individuals", newdata=after)
        drawn = charts.control_chart(
            chart,
            title=indicator.name,
            change_label=_("Perbaikan"),
            unit="" if indicator.data_form == Indicator.DataForm.COUNTS else indicator.unit,
        )
    except (stats.StatsInputError, charts.ChartInputError) as exc:
        result.chart_reading = _("Peta kendali tidak dapat digambar: %(why)s") % {
            "why": exc.message
        }
        return
    result.chart_svg, result.chart_alt, result.chart_reading = drawn.svg, drawn.alt, drawn.reading


def benefits_of(risalah: Risalah) -> dict[int, Benefit]:
    """The benefits claimed for a risalah's indicators, by indicator id (one query)."""
    return {
        b.indicator_id: b
        for b in Benefit.objects.filter(indicator__risalah=risalah).select_related(
            "claimed_by", "unit_verified_by", "finance_verified_by", "returned_by"
        )
    }


def indicators_of(risalah: Risalah) -> list[Indicator]:
    return list(Indicator.objects.filter(risalah=risalah))


def verdicts_for(risalah: Risalah) -> list[Verdict]:
    return [verdict_for(i) for i in indicators_of(risalah)]


# --- the city ledger --------------------------------------------------------------------------


@dataclass
class LedgerRow:
    """One year (and unit kind) of the ledger: *potential* -- every improvement the statistics
    prove -- and *realised* (``verified_*``) -- those whose benefit the unit head (and the
    finance verifier, where the programme names one) verified. Headlines quote realised."""

    year: int
    unit_kind: str
    unit_kind_label: str
    improvements: int = 0
    hours_saved: float = 0.0
    rupiah_saved: float = 0.0
    errors_avoided: float = 0.0
    error_points: list[float] = field(default_factory=list)
    verified_improvements: int = 0
    verified_hours: float = 0.0
    verified_rupiah: float = 0.0
    verified_errors: float = 0.0
    replicated_improvements: int = 0  # of the improvements, those replicating others' work
    replicated_hours: float = 0.0
    replicated_rupiah: float = 0.0

    @property
    def error_reduction_pp(self) -> float | None:
        """The mean reduction of error rates, in percentage points."""
        return sum(self.error_points) / len(self.error_points) if self.error_points else None


@dataclass
class Ledger:
    rows: list[LedgerRow]
    years: list[LedgerRow]  # totals per year (unit_kind "")

    @property
    def max_hours(self) -> float:
        return max((r.hours_saved for r in self.years), default=0.0)

    @property
    def max_rupiah(self) -> float:
        return max((r.rupiah_saved for r in self.years), default=0.0)


@dataclass(frozen=True)
class BenefitFigure:
    """A proven improvement's yearly benefit: what (``measure``: "jam", "Rp", "kesalahan"),
    how much, and the calculation in words; ``points`` is an error rate's fall in points."""

    measure: str
    amount: float
    calculation: str
    points: float | None = None


def benefit_of(verdict: Verdict) -> BenefitFigure | None:
    """The yearly benefit of a counted verdict, as the ledger adds it up: citizen hours (time
    change × volume), rupiah (cost change × volume) or errors avoided (error-rate change ×
    volume); None when the indicator measures none of those."""
    indicator, c = verdict.indicator, verdict.comparison
    if c is None or not verdict.counts:
        return None
    lower = indicator.direction == Indicator.Direction.LOWER
    gain = (c.before - c.after) if lower else (c.after - c.before)
    volume = indicator.annual_volume
    per_year = _("%(n)s layanan per tahun") % {"n": angka(volume, 0)}
    change = (
        f"({verdict.before_text} − {verdict.after_text})"
        if lower
        else f"({verdict.after_text} − {verdict.before_text})"
    )
    if indicator.kind == Indicator.Kind.CEPAT and indicator.unit in HOURS_PER_UNIT and lower:
        hours = gain * HOURS_PER_UNIT[indicator.unit] * volume
        text = _("%(change)s × %(volume)s = %(hours)s jam waktu warga per tahun") % {
            "change": change,
            "volume": per_year,
            "hours": angka(hours, 0),
        }
        return BenefitFigure("jam", hours, text)
    if indicator.kind == Indicator.Kind.MURAH and indicator.unit == Indicator.Unit.RUPIAH:
        if not lower:
            return None
        saved = gain * volume
        text = _("%(change)s × %(volume)s = %(rupiah)s per tahun") % {
            "change": change,
            "volume": per_year,
            "rupiah": satuan(saved, "Rp"),
        }
        return BenefitFigure("Rp", saved, text)
    if indicator.kind == Indicator.Kind.TEPAT:
        if indicator.data_form == Indicator.DataForm.COUNTS:
            points = gain * 100
        elif indicator.unit == Indicator.Unit.PERSEN:
            points = gain
        else:
            return None
        errors = points / 100 * volume
        text = _("%(change)s × %(volume)s = %(errors)s kesalahan dicegah per tahun") % {
            "change": change,
            "volume": per_year,
            "errors": angka(errors, 0),
        }
        return BenefitFigure("kesalahan", errors, text, points)
    return None


def _add_replicated(row: LedgerRow, total: LedgerRow, verdict: Verdict, *, first: bool) -> None:
    """The share of the savings that comes from replicating another team's published work."""
    figure = benefit_of(verdict)
    for r in (row, total):
        r.replicated_improvements += 1 if first else 0
        if figure is not None and figure.measure == "jam":
            r.replicated_hours += figure.amount
        elif figure is not None and figure.measure == "Rp":
            r.replicated_rupiah += figure.amount


def _add(row: LedgerRow, verdict: Verdict, *, verified: bool) -> None:
    figure = benefit_of(verdict)
    if figure is None:
        return
    if figure.measure == "jam":
        row.hours_saved += figure.amount
        row.verified_hours += figure.amount if verified else 0.0
    elif figure.measure == "Rp":
        row.rupiah_saved += figure.amount
        row.verified_rupiah += figure.amount if verified else 0.0
    else:
        assert figure.points is not None
        row.error_points.append(figure.points)
        row.errors_avoided += figure.amount
        row.verified_errors += figure.amount if verified else 0.0


# --- follow-up re-measures ----------------------------------------------------------------------

#: Days after a re-measure falls due before an improvement that was not measured again counts as
#: stopped (*berhenti*).
FOLLOW_UP_GRACE_DAYS = 60


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months, the last day of a shorter month if need be."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


@dataclass(frozen=True)
class Assessment:
    """A re-measure against the baseline and the original after-data, with the same test."""

    status: str
    versus_baseline: stats.Comparison
    versus_after: stats.Comparison
    sentence: str


def assess_follow_up(verdict: Verdict, raw: Sequence[str]) -> Assessment:
    """Test a re-measure (``raw`` entries as typed) of a counted verdict's indicator: against the
    baseline, and against the data after the improvement, with the original verdict's test.

    *berkembang*: still better than the baseline and better than right after the improvement;
    *berlanjut*: still better than the baseline, not worse than after; *menurun*: still better
    than the baseline but worse than right after (partly lost); *berhenti*: no longer better
    than the baseline. Raises ValidationError for bad entries or too few of them (saying how
    many are needed)."""
    indicator, original = verdict.indicator, verdict.comparison
    assert original is not None
    form, unit = indicator.data_form, indicator.unit
    counts = form == Indicator.DataForm.COUNTS
    parsed = parse_side(list(raw), side="follow_up", data_form=form, unit=unit)
    if parsed.errors:
        raise ValidationError(parsed.errors[:20])
    have = len(parsed.pairs if counts else parsed.values)
    needed = 1 if counts else max(MIN_PER_SIDE, min(original.n_after, 5))
    if have < needed:
        raise ValidationError(
            _(
                "Pengukuran ulang baru %(have)d %(what)s; diperlukan minimal %(need)d, seperti "
                "data sesudah perbaikan, agar dapat diuji."
            )
            % {"have": have, "need": needed, "what": _("periode") if counts else _("nilai")}
        )
    before = parse_side(indicator.baseline, side="baseline", data_form=form, unit=unit)
    after = parse_side(indicator.after, side="after", data_form=form, unit=unit)
    try:
        if counts:

            def total(pairs: list[tuple[int, int]]) -> tuple[int, int]:
                return sum(p[0] for p in pairs), sum(p[1] for p in pairs)

            now = total(parsed.pairs)
            base = stats.compare(total(before.pairs), now, kind="proportion")
            later = stats.compare(total(after.pairs), now, kind="proportion")
        else:
            kind = original.kind
            base = stats.compare(before.values, parsed.values, kind=kind, unit=unit)
            later = stats.compare(after.values, parsed.values, kind=kind, unit=unit)
    except stats.StatsInputError as exc:
        raise ValidationError(exc.message) from exc
    lower = indicator.direction == Indicator.Direction.LOWER

    def better(c: stats.Comparison) -> bool:
        return c.significant and (c.change < 0 if lower else c.change > 0)

    def worse(c: stats.Comparison) -> bool:
        return c.significant and (c.change > 0 if lower else c.change < 0)

    if not better(base):
        status = FollowUp.Status.BERHENTI
    elif better(later):
        status = FollowUp.Status.BERKEMBANG
    elif worse(later):
        status = FollowUp.Status.MENURUN
    else:
        status = FollowUp.Status.BERLANJUT
    sentence = _(
        "Dibanding data sebelum perbaikan: %(base)s. Dibanding data sesudah perbaikan: %(later)s."
    ) % {"base": base.verdict, "later": later.verdict}
    return Assessment(status, base, later, sentence)


@dataclass(frozen=True)
class FollowUpDue:
    """One re-measure of an indicator: when it falls due, and what it found if recorded."""

    months: int
    due_on: dt.date
    record: FollowUp | None

    @property
    def status(self) -> str | None:
        return self.record.status if self.record is not None else None


def follow_ups_for(
    indicator: Indicator, records: Iterable[FollowUp] | None = None
) -> list[FollowUpDue]:
    """The programme's re-measures of a final risalah's indicator (none before final)."""
    risalah = indicator.risalah
    if risalah.finalized_at is None:
        return []
    final_on = timezone.localdate(risalah.finalized_at)
    found = {f.months: f for f in (records if records is not None else indicator.follow_ups.all())}
    months = sorted({int(m) for m in (risalah.programme.follow_up_months or []) if int(m) > 0})
    return [FollowUpDue(m, add_months(final_on, m), found.get(m)) for m in months]


def lasting_status(
    indicator: Indicator, records: Iterable[FollowUp] | None = None, *, today: dt.date | None = None
) -> str | None:
    """Whether a final risalah's improvement lasts: the latest re-measure's status; *berhenti*
    when a re-measure is more than :data:`FOLLOW_UP_GRACE_DAYS` overdue; None when none is due
    yet (or the one due is still within its grace)."""
    today = today or timezone.localdate()
    latest: str | None = None
    for due in follow_ups_for(indicator, records):
        if due.record is not None:
            latest = due.record.status
        elif today > due.due_on + dt.timedelta(days=FOLLOW_UP_GRACE_DAYS):
            return FollowUp.Status.BERHENTI
    return latest


def follow_ups_due(
    today: dt.date, days_before: int = 3, *, government_id: int | None = None
) -> list[tuple[Indicator, FollowUpDue]]:
    """The re-measures to remind of: not recorded, of an improvement that counts, falling due
    within ``days_before`` days or passed but still within their grace. Two queries and the
    verdicts (without charts) of the final risalah in the window."""
    window = dt.timedelta(days=31 * 24 + FOLLOW_UP_GRACE_DAYS)
    indicators = (
        Indicator.objects.filter(
            risalah__state=Risalah.State.FINAL,
            risalah__finalized_at__gte=timezone.now() - window,
        )
        .select_related("risalah__programme", "risalah__team")
        .prefetch_related("follow_ups")
        .order_by("risalah_id", "id")
    )
    if government_id is not None:
        indicators = indicators.filter(risalah__team__unit__government_id=government_id)
    found = []
    for indicator in indicators:
        waiting = [
            due
            for due in follow_ups_for(indicator, list(indicator.follow_ups.all()))
            if due.record is None
            and due.due_on - dt.timedelta(days=days_before)
            <= today
            <= due.due_on + dt.timedelta(days=FOLLOW_UP_GRACE_DAYS)
        ]
        if waiting and verdict_for(indicator, draw=False).counts:
            found += [(indicator, due) for due in waiting]
    return found


@dataclass(frozen=True)
class AtRisk:
    """An improvement that may not last: partly lost or stopped at its re-measure, or a
    re-measure that has fallen due and is not recorded."""

    indicator: Indicator
    status: str  # "menurun", "berhenti" or "terlambat"
    due: FollowUpDue | None


def improvements_at_risk(government_id: int, *, today: dt.date | None = None) -> list[AtRisk]:
    """The government's improvements at risk (see :class:`AtRisk`), the worst first."""
    today = today or timezone.localdate()
    window = dt.timedelta(days=31 * 24 + FOLLOW_UP_GRACE_DAYS)
    indicators = (
        Indicator.objects.filter(
            risalah__state=Risalah.State.FINAL,
            risalah__team__unit__government_id=government_id,
            risalah__finalized_at__gte=timezone.now() - window,
        )
        .select_related("risalah__programme", "risalah__team__unit")
        .prefetch_related("follow_ups")
        .order_by("risalah_id", "id")
    )
    found = []
    for indicator in indicators:
        records = list(indicator.follow_ups.all())
        dues = follow_ups_for(indicator, records)
        late = next((d for d in dues if d.record is None and today > d.due_on), None)
        status = lasting_status(indicator, records, today=today)
        if status not in (FollowUp.Status.MENURUN, FollowUp.Status.BERHENTI) and late is None:
            continue
        if not verdict_for(indicator, draw=False).counts:
            continue
        found.append(
            AtRisk(indicator, status if status in ("menurun", "berhenti") else "terlambat", late)
        )
    order = {"berhenti": 0, "menurun": 1, "terlambat": 2}
    return sorted(found, key=lambda r: order[r.status])


def ledger_for(government_id: int, *, year: int | None = None) -> Ledger:
    """Improvements of final risalah of one government, per programme year and unit kind.

    An improvement that did not last (*berhenti* at a re-measure, or a re-measure long overdue)
    no longer counts; one partly lost (*menurun*) counts with what is left of it.

    Each risalah counts once (as an improvement when at least one of its indicators has a
    significant change in the better direction); every such indicator adds its yearly savings
    (:func:`benefit_of`): citizen hours, rupiah and errors avoided -- as potential, and as
    realised (``verified_*``) when its benefit is verified.
    """
    indicators = (
        Indicator.objects.filter(
            risalah__state=Risalah.State.FINAL,
            risalah__team__unit__government_id=government_id,
        )
        .select_related("risalah__programme", "risalah__team__unit", "benefit")
        .prefetch_related("follow_ups")
    )
    if year is not None:
        indicators = indicators.filter(risalah__programme__year=year)
    labels = dict(Unit.Kind.choices)
    rows: dict[tuple[int, str], LedgerRow] = {}
    totals: dict[int, LedgerRow] = {}
    counted: dict[tuple[int, str], set[int]] = defaultdict(set)
    realised: dict[tuple[int, str], set[int]] = defaultdict(set)
    replicated: dict[tuple[int, str], set[int]] = defaultdict(set)
    for indicator in indicators.order_by("risalah_id", "id"):
        verdict = verdict_for(indicator)
        if not verdict.counts:
            continue
        records = list(indicator.follow_ups.all())
        lasting = lasting_status(indicator, records)
        if lasting == FollowUp.Status.BERHENTI:
            continue  # the improvement did not last: it no longer counts
        if lasting == FollowUp.Status.MENURUN:
            # Partly lost: what is left of it, the latest re-measure against the baseline.
            latest = max((r for r in records), key=lambda r: r.months)
            with contextlib.suppress(ValidationError):
                verdict = replace(
                    verdict, comparison=assess_follow_up(verdict, latest.values).versus_baseline
                )
        risalah = indicator.risalah
        y, kind = risalah.programme.year, risalah.team.unit.kind
        row = rows.setdefault((y, kind), LedgerRow(y, kind, str(labels.get(kind, kind))))
        total = totals.setdefault(y, LedgerRow(y, "", _("Semua unit")))
        if risalah.pk not in counted[(y, kind)]:
            counted[(y, kind)].add(risalah.pk)
            row.improvements += 1
            total.improvements += 1
        benefit = getattr(indicator, "benefit", None)
        verified = benefit is not None and benefit.verified
        if verified and risalah.pk not in realised[(y, kind)]:
            realised[(y, kind)].add(risalah.pk)
            row.verified_improvements += 1
            total.verified_improvements += 1
        _add(row, verdict, verified=verified)
        _add(total, verdict, verified=verified)
        if getattr(risalah, "replication", None) is not None:
            _add_replicated(row, total, verdict, first=risalah.pk not in replicated[(y, kind)])
            replicated[(y, kind)].add(risalah.pk)
    return Ledger(
        rows=[rows[k] for k in sorted(rows, key=lambda k: (-k[0], k[1]))],
        years=[totals[y] for y in sorted(totals, reverse=True)],
    )


# --- the public showcase ----------------------------------------------------------------------


def search_text_of(risalah: Risalah, summary: str) -> str:
    names = [i.name for i in Indicator.objects.filter(risalah=risalah)]
    parts = [
        risalah.tema,
        risalah.judul,
        risalah.indicator_name,
        *names,
        risalah.team.name,
        risalah.team.unit.name,
        summary,
    ]
    return " ".join(p for p in parts if p)


def published() -> QuerySet[Risalah]:
    return Risalah.objects.filter(
        publication__isnull=False, state=Risalah.State.FINAL
    ).select_related("team", "team__unit", "team__unit__government", "programme", "publication")


def _search(qs: QuerySet[Risalah], query: str) -> QuerySet[Risalah]:
    words = stems(query)
    if not words:
        return qs
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        # PostgreSQL's Indonesian stemmer, with our stem of each word as an alternative: it
        # keeps "per-" ("mempercepat" -> "percepat"), ours reaches the root ("cepat").
        search: Any = None
        for raw in _WORDS.findall(query.lower()):
            word = SearchQuery(raw, config="indonesian") | SearchQuery(
                stem(raw), config="indonesian"
            )
            search = word if search is None else search & word
        vector = SearchVector("publication__search_text", config="indonesian")
        return (
            qs.annotate(document=vector, rank=SearchRank(vector, search))
            .filter(document=search)
            .order_by("-rank", "-publication__published_at")
        )
    # Every query word's stem must appear as a word of the stored stems.
    condition = Q()
    for root in words:
        condition &= Q(publication__search_stems__contains=f" {root} ")
    return qs.filter(condition)


def showcase(
    *,
    query: str = "",
    unit_kind: str = "",
    indicator_kind: str = "",
    year: int | None = None,
) -> QuerySet[Risalah]:
    """Published work only, searched and filtered; newest first (best match first on PG)."""
    qs = published().order_by("-publication__published_at")
    if unit_kind:
        qs = qs.filter(team__unit__kind=unit_kind)
    if indicator_kind:
        qs = qs.filter(impact_indicators__kind=indicator_kind).distinct()
    if year is not None:
        qs = qs.filter(programme__year=year)
    if query.strip():
        qs = _search(qs, query)
    return qs


SHOWCASE_CACHE_SECONDS = 300
_SHOWCASE_GENERATION = "impact:showcase:generation"


def showcase_generation() -> int:
    """A number that changes whenever what the public showcase shows may have changed (see
    ``tulta.impact.signals``); cached showcase pages are keyed by it, and expire anyway after
    ``SHOWCASE_CACHE_SECONDS`` (bulk loads send no signals)."""
    generation = cache.get(_SHOWCASE_GENERATION)
    if generation is None:
        # A fresh number, never one an evicted counter may have reached before.
        generation = time.time_ns()
        cache.add(_SHOWCASE_GENERATION, generation, None)
        generation = cache.get(_SHOWCASE_GENERATION, generation)
    return int(generation)


def showcase_changed() -> None:
    # When the counter is not there (evicted, or never read), the next read starts a new one.
    with contextlib.suppress(ValueError):
        cache.incr(_SHOWCASE_GENERATION)


def showcase_years() -> list[int]:
    years = published().order_by().values_list("programme__year", flat=True).distinct()
    return sorted(years, reverse=True)


def stems_field(text: str) -> str:
    """The stored stems: space-separated, with a space at each end for whole-word matching."""
    return " " + " ".join(stems(text)) + " "


def primary_verdicts(risalah: Iterable[Risalah]) -> dict[int, Verdict]:
    """The chart-less verdict of each risalah's primary (else first) indicator, keyed by risalah
    pk; one query for all of them (the showcase list shows up to a hundred)."""
    first: dict[int, Indicator] = {}
    for indicator in Indicator.objects.filter(risalah__in=[r.pk for r in risalah]).order_by(
        "risalah_id", "-is_primary", "id"
    ):
        first.setdefault(indicator.risalah_id, indicator)
    return {pk: verdict_for(indicator, draw=False) for pk, indicator in first.items()}


def primary_verdict(risalah: Risalah) -> Verdict | None:
    indicator = Indicator.objects.filter(risalah=risalah).order_by("-is_primary", "id").first()
    return verdict_for(indicator) if indicator is not None else None


@dataclass(frozen=True)
class ReplicationCredit:
    """A replication of a published work, as its original team's credit shows it."""

    replication: Any
    verdict: Verdict | None  # the replicating risalah's own primary verdict


def replications_of(source: Risalah) -> list[ReplicationCredit]:
    """Who replicated ``source`` (any government: the showcase is public), with their own
    primary verdict; two queries and the verdicts (without charts)."""
    found = list(
        source.replications.select_related(
            "risalah__team__unit__government", "risalah__programme"
        ).order_by("-created_at")
    )
    primaries = {
        i.risalah_id: i
        for i in Indicator.objects.filter(
            risalah_id__in=[r.risalah_id for r in found], is_primary=True
        )
    }
    credits = []
    for replication in found:
        indicator = primaries.get(replication.risalah_id)
        if indicator is not None:
            indicator.risalah = replication.risalah
        credits.append(
            ReplicationCredit(
                replication, verdict_for(indicator, draw=False) if indicator else None
            )
        )
    return credits


def replication_of(risalah: Risalah) -> Any:
    return getattr(risalah, "replication", None)
