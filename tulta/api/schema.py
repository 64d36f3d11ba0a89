"""Schema post-processing: the API contract must not depend on the database it runs on.

Django derives integer bounds from the database (SQLite stores every integer in 64 bits,
PostgreSQL has 16-, 32- and 64-bit columns), and drf-spectacular copies them into the schema. Those
storage limits are not part of the contract — values beyond them are refused with a 400 either
way — so they are dropped, and the committed schema is the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

from typing import Any

STORAGE_MAXIMA = {2**63 - 1, 2**31 - 1, 2**15 - 1}
STORAGE_MINIMA = {-(2**63), -(2**31), -(2**15)}


def _strip(node: Any) -> None:
    if isinstance(node, dict):
        if node.get("type") == "integer":
            if node.get("maximum") in STORAGE_MAXIMA:
                del node["maximum"]
            if node.get("minimum") in STORAGE_MINIMA:
                del node["minimum"]
            if node.get("format") == "int64":
                del node["format"]
        for value in node.values():
            _strip(value)
    elif isinstance(node, list):
        for value in node:
            _strip(value)


def drop_storage_bounds(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    _strip(result)
    return result
