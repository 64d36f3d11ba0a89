"""What ``/readyz`` checks: can this node serve a request right now?

Each check returns a :class:`Check` (ok or not, and a short reason a person can act on); the
view puts them in one JSON body and answers 503 when any failed. Reasons name the kind of error,
never a host, a password or a traceback (the endpoint is open to the load balancer); the full
error goes to the log.

Liveness (``/healthz``) checks none of this: it only says the process answers, so a supervisor
restarts a node that hangs but not one whose database is away (a restart would not help).
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Count, Min, Q
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Check:
    ok: bool
    detail: str = "ok"
    skipped: bool = False


SKIPPED = Check(ok=True, detail="tidak dipakai", skipped=True)


def _failed(name: str, exc: BaseException) -> Check:
    logger.error("readiness check %s failed", name, exc_info=exc)
    return Check(ok=False, detail=type(exc).__name__)


def check_database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return _failed("database", exc)
    return Check(ok=True)


def check_cache() -> Check:
    """The shared cache (Redis), when ``REDIS_URL`` is set: a key written and read back."""
    if not getattr(settings, "REDIS_URL", ""):
        return SKIPPED
    cache = caches["default"]
    key = f"readyz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "ok", 10)
        found = cache.get(key)
        cache.delete(key)
    except Exception as exc:  # any client error means the cache is not usable
        return _failed("cache", exc)
    if found != "ok":
        return Check(ok=False, detail="nilai yang ditulis tidak terbaca kembali")
    return Check(ok=True)


def check_storage() -> Check:
    """The file storage takes a small file, gives it back and deletes it."""
    name = f"readyz/{uuid.uuid4().hex}.txt"
    try:
        saved = default_storage.save(name, ContentFile(b"ok"))
        with default_storage.open(saved) as handle:
            content = handle.read()
        default_storage.delete(saved)
    except Exception as exc:  # OSError locally, the client's errors for S3
        return _failed("storage", exc)
    if content != b"ok":
        return Check(ok=False, detail="berkas yang ditulis tidak terbaca kembali")
    return Check(ok=True)


def check_migrations() -> Check:
    """Every migration this code ships is applied to the database."""
    try:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as exc:
        return _failed("migrations", exc)
    if plan:
        names = [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]
        shown = ", ".join(names[:5]) + (f" (+{len(names) - 5})" if len(names) > 5 else "")
        return Check(ok=False, detail=f"{len(names)} migrasi belum diterapkan: {shown}")
    return Check(ok=True)


@dataclass(frozen=True)
class QueueState:
    depth: int
    oldest_age: float | None  # seconds the oldest ready task has waited; None when none waits


def uses_database_queue() -> bool:
    backend = str(settings.TASKS.get("default", {}).get("BACKEND", ""))
    return backend.startswith("django_tasks_db")


def task_queue_state(now: dt.datetime | None = None) -> QueueState:
    """How many tasks wait in the database queue, and for how long the oldest has. One query.

    A task waits from when it was enqueued, or from its ``run_after`` when it was delayed."""
    now = now or timezone.now()
    never = get_date_max()
    row = DBTaskResult.objects.filter(status=TaskResultStatus.READY).aggregate(
        depth=Count("id", filter=Q(run_after=never) | Q(run_after__lte=now)),
        enqueued=Min("enqueued_at", filter=Q(run_after=never)),
        delayed=Min("run_after", filter=Q(run_after__lte=now)),
    )
    since = [when for when in (row["enqueued"], row["delayed"]) if when is not None]
    oldest = (now - min(since)).total_seconds() if since else None
    return QueueState(depth=row["depth"] or 0, oldest_age=oldest)


def check_task_queue() -> Check:
    """The oldest task waiting in the queue is younger than ``READYZ_TASK_MAX_AGE`` seconds: a
    worker is running and keeping up. Skipped with another tasks backend, or a limit of 0."""
    limit = int(getattr(settings, "READYZ_TASK_MAX_AGE", 0))
    if limit <= 0 or not uses_database_queue():
        return SKIPPED
    try:
        state = task_queue_state()
    except DatabaseError as exc:
        return _failed("tasks", exc)
    if state.oldest_age is not None and state.oldest_age > limit:
        return Check(
            ok=False,
            detail=(
                f"tugas tertua menunggu {int(state.oldest_age)} detik (batas {limit}); "
                f"{state.depth} tugas antre"
            ),
        )
    return Check(ok=True, detail=f"{state.depth} tugas antre")


CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "storage": check_storage,
    "migrations": check_migrations,
    "tasks": check_task_queue,
}


def readiness() -> dict[str, Check]:
    """Run every check; the ones after a failed database check still run and say their own."""
    return {name: check() for name, check in CHECKS.items()}
