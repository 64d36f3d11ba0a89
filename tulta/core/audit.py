"""Recording audit events. Services call :func:`record` inside their transaction, so an event
exists exactly when its change was committed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import AuditEvent

if TYPE_CHECKING:  # core sits below accounts: the user model is named in type hints only
    from tulta.accounts.models import User

Snapshot = dict[str, Any]

# How the finer verbs read on timelines and history pages.
VERB_LABELS = {
    "step_submitted": _("mengajukan langkah untuk ditinjau"),
    "step_returned": _("mengembalikan langkah untuk diperbaiki"),
    "step_approved": _("menyetujui langkah"),
    "step_restored": _("memulihkan versi lama langkah"),
    "step_merged": _("menggabungkan suntingan langkah dari dua tempat"),
    "reminders_sent": _("mengirim pengingat ke kelompok"),
    "benefit_claimed": _("mengajukan manfaat perbaikan"),
    "benefit_verified": _("memverifikasi manfaat perbaikan"),
    "benefit_returned": _("mengembalikan manfaat perbaikan"),
    "follow_up_recorded": _("mencatat pengukuran ulang"),
    "replication_updated": _("mencatat status peniruan"),
    "risalah_final": _("mengajukan risalah final"),
    "mentor_assigned": _("menugaskan pendamping"),
    "method_copied": _("menyalin metode"),
    "password_changed": _("mengganti kata sandi"),
    "password_reset_by_admin": _("membuat kata sandi sementara"),
    "invited": _("membuat akun (undangan)"),
    "invitation_email": _("mengirim undangan masuk lewat email"),
    "invitation_code": _("mencetak kode masuk"),
    "invitation_sent": _("undangan masuk terkirim"),
    "invitation_accepted": _("masuk pertama kali dan membuat kata sandi"),
    "import": _("mengimpor"),
}


def describe(event: AuditEvent) -> str:
    """A readable phrase for an event: its verb's label, or the action's name."""
    if event.verb in VERB_LABELS:
        return str(VERB_LABELS[event.verb])
    if event.verb.startswith("import_"):
        return str(VERB_LABELS["import"])
    return str(event.get_action_display())


def _plain(value: Any) -> Any:
    """A JSON-safe, human-readable form of a field value."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or None
    return value


def snapshot(instance: models.Model, fields: Iterable[str]) -> Snapshot:
    """The current values of ``fields`` on ``instance``, ready to compare or store."""
    return {name: _plain(getattr(instance, name)) for name in fields}


def created(instance: models.Model, fields: Iterable[str]) -> dict[str, list[Any]]:
    """``{field: [None, value]}`` for a new object."""
    return {k: [None, v] for k, v in snapshot(instance, fields).items()}


def deleted(instance: models.Model, fields: Iterable[str]) -> dict[str, list[Any]]:
    """``{field: [value, None]}`` for an object about to be deleted."""
    return {k: [v, None] for k, v in snapshot(instance, fields).items()}


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for every field whose value changed."""
    keys = list(dict.fromkeys([*before.keys(), *after.keys()]))
    return {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}


def record(
    *,
    actor: User | None,
    action: str,
    obj: models.Model,
    changes: Mapping[str, Any] | None = None,
    government_id: int | None = None,
    verb: str = "",
) -> AuditEvent:
    """Write one audit event for ``obj``. ``changes`` is ``{field: [old, new]}``."""
    actor_id = getattr(actor, "pk", None)
    return AuditEvent.objects.create(
        government_id=government_id,
        actor_id=actor_id,
        action=action,
        verb=verb,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:250],
        changes=dict(changes or {}),
    )


def history_for(obj: models.Model) -> models.QuerySet[AuditEvent]:
    """Every event recorded for ``obj``, newest first, with the actor loaded."""
    return AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
    ).select_related("actor")
