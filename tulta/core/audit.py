"""Recording audit events. Services call :func:`record` inside their transaction, so an event
exists exactly when its change was committed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditEvent

Snapshot = dict[str, Any]


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


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for every field whose value changed."""
    keys = list(dict.fromkeys([*before.keys(), *after.keys()]))
    return {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}


def record(
    *,
    actor: Any,
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
