"""Every change to indicators, publications and replications goes through these services.

Each takes the acting user, validates the whole change first, runs in one transaction and
records an audit event. Permission is checked by the caller (``permissions.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tulta.accounts.models import User
from tulta.core import audit
from tulta.organizations.models import Membership, Team
from tulta.risalah import services as risalah_services
from tulta.risalah.attachments import check_upload
from tulta.risalah.models import Programme, Risalah, ToolArtefact

from .models import Benefit, FollowUp, Indicator, Publication, Replication
from .selectors import (
    assess_follow_up,
    benefit_of,
    follow_ups_for,
    search_text_of,
    stems_field,
    verdict_for,
)

INDICATOR_FIELDS = (
    "name", "kind", "unit", "direction", "data_form", "statistic", "annual_volume", "target",
    "baseline", "after", "is_primary",
)  # fmt: skip


def _gov(risalah: Risalah) -> int:
    return risalah.team.unit.government_id


@transaction.atomic
def indicator_save(
    *,
    actor: User,
    risalah: Risalah,
    indicator: Indicator | None = None,
    after_unit: str | None = None,
    baseline: Sequence[str] = (),
    after: Sequence[str] = (),
    **fields: Any,
) -> Indicator:
    """Create or update an indicator of a risalah that is not final.

    ``baseline``/``after`` are the raw entries, saved as typed even when some are wrong (the
    verdict lists them). Refused with ValidationError, writing nothing: a final risalah, after-data
    measured in another unit than the indicator's (``after_unit``), a negative yearly volume.
    The primary indicator (the first one, or one marked so) is mirrored onto the risalah.
    """
    if risalah.is_final:
        raise ValidationError(_("Risalah sudah final; indikatornya tidak dapat diubah lagi."))
    if not risalah.programme.is_open:
        raise ValidationError(_("Program sudah ditutup; risalah tidak dapat diubah."))
    unit = fields.get("unit", indicator.unit if indicator else "")
    if after_unit and after_unit != unit:
        raise ValidationError(
            _(
                "Data sesudah diukur dalam %(after)s, sedangkan data sebelum dalam %(unit)s. "
                "Sebelum dan sesudah harus memakai satuan yang sama; ubah dulu datanya ke "
                "%(unit)s."
            )
            % {"after": after_unit, "unit": unit}
        )
    volume = fields.get("annual_volume", 0)
    if volume is not None and volume < 0:
        raise ValidationError(_("Volume layanan per tahun tidak boleh negatif."))
    creating = indicator is None
    if indicator is None:
        indicator = Indicator(risalah=risalah)
        before: dict[str, Any] = {}
    else:
        before = audit.snapshot(indicator, INDICATOR_FIELDS)
    for name, value in fields.items():
        setattr(indicator, name, value)
    indicator.baseline = [str(v).strip() for v in baseline if str(v).strip()]
    indicator.after = [str(v).strip() for v in after if str(v).strip()]
    if creating and not Indicator.objects.filter(risalah=risalah, is_primary=True).exists():
        indicator.is_primary = True
    if indicator.is_primary:
        Indicator.objects.filter(risalah=risalah, is_primary=True).exclude(pk=indicator.pk).update(
            is_primary=False
        )
    indicator.updated_by = actor
    indicator.full_clean()
    indicator.save()
    audit.record(
        actor=actor,
        action="create" if creating else "update",
        obj=indicator,
        government_id=_gov(risalah),
        changes=audit.diff(before, audit.snapshot(indicator, INDICATOR_FIELDS)),
    )
    if indicator.is_primary:
        mirror = {
            "indicator_name": indicator.name,
            "indicator_unit": indicator.unit,
            "indicator_direction": indicator.direction,
        }
        if any(getattr(risalah, k) != v for k, v in mirror.items()):
            risalah_services.risalah_update(actor=actor, risalah=risalah, **mirror)
    return indicator


@transaction.atomic
def indicator_delete(*, actor: User, indicator: Indicator) -> None:
    if indicator.risalah.is_final:
        raise ValidationError(_("Risalah sudah final; indikatornya tidak dapat diubah lagi."))
    audit.record(
        actor=actor,
        action="delete",
        obj=indicator,
        government_id=_gov(indicator.risalah),
        changes=audit.deleted(indicator, INDICATOR_FIELDS),
    )
    indicator.delete()


@transaction.atomic
def risalah_publish(*, actor: User, risalah: Risalah, summary: str = "") -> Publication:
    """Put a final risalah in the public showcase (or update its summary)."""
    if not risalah.is_final:
        raise ValidationError(_("Hanya risalah final yang dapat diterbitkan di katalog karya."))
    text = search_text_of(risalah, summary.strip())
    publication, created = Publication.objects.update_or_create(
        risalah=risalah,
        defaults={
            "summary": summary.strip(),
            "search_text": text,
            "search_stems": stems_field(text),
        },
        create_defaults={
            "summary": summary.strip(),
            "search_text": text,
            "search_stems": stems_field(text),
            "published_by": actor,
            "published_at": timezone.now(),
        },
    )
    audit.record(
        actor=actor,
        action="create" if created else "update",
        obj=publication,
        government_id=_gov(risalah),
        verb="risalah_published",
        changes={"ringkasan": [None, publication.summary]},
    )
    return publication


@transaction.atomic
def risalah_unpublish(*, actor: User, risalah: Risalah) -> None:
    publication = Publication.objects.filter(risalah=risalah).first()
    if publication is None:
        return
    audit.record(
        actor=actor,
        action="delete",
        obj=publication,
        government_id=_gov(risalah),
        verb="risalah_unpublished",
        changes={"ringkasan": [publication.summary, None]},
    )
    publication.delete()


@transaction.atomic
def risalah_replicate(*, actor: User, source: Risalah, team: Team, programme: Programme) -> Risalah:
    """Start a risalah for ``team`` from a published one: its tema, judul, indicator definitions
    (without data) and its tools (title and options, no rows) in the steps of the same number.
    Narratives and data stay empty; the new risalah credits ``source``. The caller checks that
    the actor may start a risalah for ``team``; ``risalah_start`` guards programme and team."""
    if not Publication.objects.filter(risalah=source).exists():
        raise ValidationError(_("Hanya karya yang sudah terbit yang dapat ditiru."))
    risalah = risalah_services.risalah_start(
        actor=actor,
        team=team,
        programme=programme,
        tema=source.tema,
        judul=source.judul,
        indicator_name=source.indicator_name,
        indicator_unit=source.indicator_unit,
        indicator_direction=source.indicator_direction,
    )
    steps = {s.number: s for s in risalah.steps.all()}
    copies = []
    for artefact in ToolArtefact.objects.filter(step__risalah=source).select_related("step"):
        step = steps.get(artefact.step.number)
        if step is None:
            continue
        copies.append(
            ToolArtefact(
                step=step,
                tool=artefact.tool,
                title=artefact.title,
                options=artefact.options,
                rows=[],
                position=artefact.position,
                created_by=actor,
                updated_by=actor,
            )
        )
    ToolArtefact.objects.bulk_create(copies)
    Indicator.objects.bulk_create(
        Indicator(
            risalah=risalah,
            is_primary=i.is_primary,
            name=i.name,
            kind=i.kind,
            unit=i.unit,
            direction=i.direction,
            data_form=i.data_form,
            statistic=i.statistic,
            updated_by=actor,
        )
        for i in Indicator.objects.filter(risalah=source)
    )
    replication = Replication.objects.create(risalah=risalah, source=source, created_by=actor)
    audit.record(
        actor=actor,
        action="create",
        obj=replication,
        government_id=programme.government_id,
        verb="risalah_replicated",
        changes={
            "meniru": [None, f"{source.tema} ({source.team.name})"],
            "alat": [None, len(copies)],
        },
    )
    return risalah


# --- benefits ------------------------------------------------------------------------------


def _not_a_member(actor: User, benefit: Benefit) -> None:
    team = benefit.indicator.risalah.team
    if Membership.objects.filter(team=team, user=actor).exists():
        raise ValidationError(
            _("Anggota kelompok %(team)s tidak memverifikasi manfaat kelompoknya sendiri.")
            % {"team": team.name}
        )


def _document(upload: UploadedFile | None) -> tuple[str, ContentFile] | None:
    if upload is None:
        return None
    data = upload.read()
    check_upload(data, upload.name or "")
    return upload.name or "dokumen", ContentFile(data)


@transaction.atomic
def benefit_claim(
    *, actor: User, indicator: Indicator, payer: str = Benefit.Payer.WARGA, note: str = ""
) -> Benefit:
    """The team claims the yearly benefit of an improved indicator of a final risalah (the
    ledger's calculation, kept as claimed); claiming again after a return starts the checks
    over."""
    risalah = indicator.risalah
    if not risalah.is_final:
        raise ValidationError(_("Manfaat diajukan setelah risalah final."))
    figure = benefit_of(verdict_for(indicator))
    if figure is None:
        raise ValidationError(
            _(
                "Indikator “%(name)s” belum menunjukkan perbaikan yang nyata secara statistik "
                "dalam waktu, biaya atau kesalahan: belum ada manfaat untuk diajukan."
            )
            % {"name": indicator.name}
        )
    if payer not in Benefit.Payer.values:
        raise ValidationError(_("Pilih siapa yang berhemat: warga atau kantor."))
    current = Benefit.objects.select_for_update().filter(indicator=indicator).first()
    if current is not None and current.state in (
        Benefit.State.UNIT_VERIFIED,
        Benefit.State.VERIFIED,
    ):
        raise ValidationError(_("Manfaat ini sudah diverifikasi; tidak dapat diajukan ulang."))
    benefit = current or Benefit(indicator=indicator)
    before = benefit.get_state_display() if current else None
    benefit.state = Benefit.State.CLAIMED
    benefit.payer = payer
    benefit.measure, benefit.amount, benefit.calculation = (
        figure.measure,
        figure.amount,
        figure.calculation,
    )
    benefit.claim_note = note.strip()[:2000]
    benefit.claimed_by, benefit.claimed_at = actor, timezone.now()
    benefit.unit_verified_by = benefit.finance_verified_by = benefit.returned_by = None
    benefit.unit_verified_at = benefit.finance_verified_at = benefit.returned_at = None
    benefit.save()
    audit.record(
        actor=actor,
        action="update" if current else "create",
        verb="benefit_claimed",
        obj=benefit,
        government_id=_gov(risalah),
        changes={
            "status": [before, benefit.get_state_display()],
            "perhitungan": [None, figure.calculation],
        },
    )
    return benefit


@transaction.atomic
def benefit_verify(
    *,
    actor: User,
    benefit: Benefit,
    note: str = "",
    document: UploadedFile | None = None,
) -> Benefit:
    """The next check of a claimed benefit: the unit head's (then it is verified, or waits for
    the finance verifier when the programme names one), or the finance verifier's."""
    benefit = (
        Benefit.objects.select_for_update()
        .select_related("indicator__risalah__team__unit", "indicator__risalah__programme")
        .get(pk=benefit.pk)
    )
    _not_a_member(actor, benefit)
    programme = benefit.indicator.risalah.programme
    stored = _document(document)
    before = benefit.get_state_display()
    now = timezone.now()
    if benefit.state == Benefit.State.CLAIMED:
        benefit.unit_verified_by, benefit.unit_verified_at = actor, now
        benefit.unit_note = note.strip()[:2000]
        if stored:
            benefit.unit_document.save(stored[0], stored[1], save=False)
        needs_finance = programme.finance_verifiers.exists()
        benefit.state = Benefit.State.UNIT_VERIFIED if needs_finance else Benefit.State.VERIFIED
    elif benefit.state == Benefit.State.UNIT_VERIFIED:
        benefit.finance_verified_by, benefit.finance_verified_at = actor, now
        benefit.finance_note = note.strip()[:2000]
        if stored:
            benefit.finance_document.save(stored[0], stored[1], save=False)
        benefit.state = Benefit.State.VERIFIED
    else:
        raise ValidationError(
            _("Manfaat ini berstatus “%(state)s”; tidak ada yang perlu diverifikasi.")
            % {"state": benefit.get_state_display()}
        )
    benefit.save()
    audit.record(
        actor=actor,
        action="update",
        verb="benefit_verified",
        obj=benefit,
        government_id=_gov(benefit.indicator.risalah),
        changes={"status": [before, benefit.get_state_display()]},
    )
    return benefit


@transaction.atomic
def benefit_return(*, actor: User, benefit: Benefit, reason: str) -> Benefit:
    """A verifier sends a claim back to the team, saying why."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Tulis alasan mengembalikan manfaat ini kepada kelompok."))
    benefit = (
        Benefit.objects.select_for_update()
        .select_related("indicator__risalah__team__unit")
        .get(pk=benefit.pk)
    )
    _not_a_member(actor, benefit)
    if benefit.state not in (Benefit.State.CLAIMED, Benefit.State.UNIT_VERIFIED):
        raise ValidationError(
            _("Manfaat ini berstatus “%(state)s”; tidak dapat dikembalikan.")
            % {"state": benefit.get_state_display()}
        )
    before = benefit.get_state_display()
    benefit.state = Benefit.State.RETURNED
    benefit.returned_by, benefit.returned_at = actor, timezone.now()
    benefit.return_reason = reason[:2000]
    benefit.save()
    audit.record(
        actor=actor,
        action="update",
        verb="benefit_returned",
        obj=benefit,
        government_id=_gov(benefit.indicator.risalah),
        changes={"status": [before, benefit.get_state_display()], "alasan": [None, reason]},
    )
    return benefit


# --- follow-up re-measures -------------------------------------------------------------------


@transaction.atomic
def follow_up_record(
    *, actor: User, indicator: Indicator, months: int, values: Sequence[str], unit: str
) -> FollowUp:
    """Record a re-measure of an improved indicator of a final risalah, ``months`` after final
    (one of the programme's intervals), with the same kind of raw data as the baseline; it is
    tested against the baseline with the original test and given its status. Recording the
    same interval again replaces it."""
    risalah = indicator.risalah
    if not risalah.is_final:
        raise ValidationError(_("Pengukuran ulang dicatat setelah risalah final."))
    if unit != indicator.unit:
        raise ValidationError(
            _(
                "Satuan pengukuran ulang (%(given)s) berbeda dengan data awal (%(unit)s): ukur "
                "dengan satuan yang sama agar dapat dibandingkan."
            )
            % {"given": unit or "—", "unit": indicator.get_unit_display()}
        )
    intervals = {due.months for due in follow_ups_for(indicator)}
    if months not in intervals:
        raise ValidationError(
            _("Program ini tidak meminta pengukuran ulang %(m)d bulan setelah final.")
            % {"m": months}
        )
    verdict = verdict_for(indicator)
    if not verdict.counts:
        raise ValidationError(
            _(
                "Indikator “%(name)s” tidak menunjukkan perbaikan yang nyata: tidak ada yang "
                "diukur ulang."
            )
            % {"name": indicator.name}
        )
    entries = [str(v).strip() for v in values if str(v).strip()]
    assessment = assess_follow_up(verdict, entries)
    record, created = FollowUp.objects.update_or_create(
        indicator=indicator,
        months=months,
        defaults={
            "values": entries,
            "status": assessment.status,
            "recorded_by": actor,
            "recorded_at": timezone.now(),
        },
    )
    audit.record(
        actor=actor,
        action="create" if created else "update",
        verb="follow_up_recorded",
        obj=record,
        government_id=_gov(risalah),
        changes={"bulan": [None, months], "status": [None, record.get_status_display()]},
    )
    return record


# --- replication records ---------------------------------------------------------------------


@transaction.atomic
def replication_update(
    *,
    actor: User,
    replication: Replication,
    status: str,
    note: str = "",
    evidence: UploadedFile | None = None,
) -> Replication:
    """The replicating team records how its replication goes. *Berhasil ditiru* needs the
    replicating risalah final with its own proven improvement (its own before/after data and
    verdict); the evidence file is checked by content."""
    current = (
        Replication.objects.select_for_update().select_related("risalah").get(pk=replication.pk)
    )
    if status not in Replication.Status.values:
        raise ValidationError(_("Status peniruan tidak dikenal."))
    risalah = current.risalah
    if status == Replication.Status.REPLICATED:
        proven = any(verdict_for(i, draw=False).counts for i in risalah.impact_indicators.all())
        if not risalah.is_final or not proven:
            raise ValidationError(
                _(
                    "“Berhasil ditiru” dicatat setelah risalah peniruan final dan indikatornya "
                    "sendiri menunjukkan perbaikan yang nyata dengan data sebelum dan sesudah."
                )
            )
    stored = _document(evidence)
    before = current.get_status_display()
    current.status = status
    current.note = note.strip()[:2000]
    if stored:
        current.evidence.save(stored[0], stored[1], save=False)
    current.updated_by, current.updated_at = actor, timezone.now()
    current.save()
    audit.record(
        actor=actor,
        action="update",
        verb="replication_updated",
        obj=current,
        government_id=_gov(risalah),
        changes={"status": [before, current.get_status_display()]},
    )
    return current
