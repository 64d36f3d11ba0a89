"""Structured logs: every line carries the request id, the user id and the government id of the
request it was written in (``-`` outside a request, e.g. in ``db_worker`` or a command).

The three values live in context variables, set by ``RequestIdMiddleware`` (the id, first of
all middleware) and ``LogContextMiddleware`` (the user, once it is known), so any logger
anywhere — Django's, a library's, ours — gets them without being passed a request. The filter
copies them onto each record; ``JsonFormatter`` writes one JSON object per line, the format
log collectors (Loki, Elasticsearch, CloudWatch) read without parsing rules.

Imported by ``LOGGING`` while Django starts: no model or settings import here.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import logging
import re
import uuid
from typing import Any

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
user_id_var: contextvars.ContextVar[int | None] = contextvars.ContextVar("user_id", default=None)
government_id_var: contextvars.ContextVar[int | None] = contextvars.ContextVar(
    "government_id", default=None
)

# An id passed on by the load balancer (X-Request-ID) is kept when it looks like one: 8 to 128
# characters that cannot break a log line or a header. Anything else gets a fresh id.
VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{7,127}")


def request_id_from(header: str | None) -> str:
    """The id of a request: the load balancer's when valid, else a new random one."""
    if header and VALID_REQUEST_ID.fullmatch(header):
        return header
    return uuid.uuid4().hex


class RequestContextFilter(logging.Filter):
    """Puts ``request_id``, ``user_id`` and ``government_id`` on every record it sees."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        record.user_id = user_id_var.get()
        record.government_id = government_id_var.get()
        return True


# Attributes every LogRecord has; whatever else a caller passed in ``extra=`` is written too.
_STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}
_CONTEXT = {"request_id", "user_id", "government_id"}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, the request
    context, the ``extra=`` fields, and the traceback when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", request_id_var.get()),
            "user_id": getattr(record, "user_id", user_id_var.get()),
            "government_id": getattr(record, "government_id", government_id_var.get()),
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD and key not in _CONTEXT and not key.startswith("_"):
                entry[key] = value if isinstance(value, str | int | float | bool) else str(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False)
