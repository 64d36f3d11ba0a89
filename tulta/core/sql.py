"""Hand-written SQL for the few statements nearly every request runs (a user's roles and team
memberships, the sequential-step check). For such one-line look-ups the ORM spends more time
compiling the query than the database spends answering it; written once here, PostgreSQL
prepares them per connection. Table and column names come from the models; values are always
parameters."""

from __future__ import annotations

from typing import Any

from django.db import connection


def table(model: Any) -> str:
    return str(connection.ops.quote_name(model._meta.db_table))


def column(model: Any, field: str) -> str:
    """``"table"."column"`` of a model field (``"user"`` gives the ``user_id`` column)."""
    return f"{table(model)}.{connection.ops.quote_name(model._meta.get_field(field).column)}"


def fetch(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())
