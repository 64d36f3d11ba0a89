"""Schema post-processing.

Every operation documents each status it can answer with (:func:`document_errors`): a client —
and schemathesis's conformance checks — must find every answer in the contract.

The contract must not depend on the database it runs on.

Django derives integer bounds from the database (SQLite stores every integer in 64 bits,
PostgreSQL has 16-, 32- and 64-bit columns), and drf-spectacular copies them into the schema. Those
storage limits are not part of the contract — values beyond them are refused with a 400 either
way — so they are dropped, and the committed schema is the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

from typing import Any

from .errors import ERROR_SCHEMAS

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


def _ref(name: str, description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}},
    }


ERRORS = {
    "400": ("ValidationError", "Masukan ditolak (kolom, parameter atau JSON yang salah)"),
    "401": ("Error", "Tidak masuk: token tidak ada atau tidak sah"),
    "403": ("Error", "Pengguna ini tidak boleh melakukannya"),
    "404": ("Error", "Tidak ada, atau milik pemda lain"),
    "405": ("Error", "Metode ini tidak ada untuk alamat ini"),
    "406": ("Error", "Header Accept tidak dapat dipenuhi (hanya application/json)"),
    "409": ("Conflict", "Disimpan orang lain lebih dulu"),
    "409-artefact": ("ArtefactConflict", "Disimpan orang lain lebih dulu"),
    "413": ("Error", "Isi permintaan terlalu besar"),
    "415": ("Error", "Jenis isi bukan application/json"),
    "429": ("Error", "Terlalu banyak permintaan; coba lagi nanti"),
}
WRITES = {"post", "put", "patch", "delete"}


def _codes(path: str, method: str, operation: dict[str, Any]) -> list[str]:
    anonymous = {} in operation.get("security", [{}]) and len(operation.get("security", [])) == 1
    codes = ["400", "405", "406"]  # every request can carry a bad parameter, method or Accept
    if not anonymous:
        codes += ["401", "403"]
    if "{" in path or operation.get("parameters"):
        codes.append("404")  # an object not there; a page past the last
    if "requestBody" in operation or method in WRITES:
        codes += ["413", "415"]
    if anonymous:
        codes.append("429")  # the token endpoint is throttled per address and per account
    if method == "patch" and path.endswith("/steps/{number}/"):
        codes.append("409")
    if method == "patch" and path.endswith("/artefacts/{id}/"):
        codes.append("409-artefact")
    return codes


def document_errors(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Add the error answers each operation can give, with their bodies, to the schema."""
    result.setdefault("components", {}).setdefault("schemas", {}).update(ERROR_SCHEMAS)
    for path, item in result.get("paths", {}).items():
        for method, operation in item.items():
            responses = operation.setdefault("responses", {})
            for key in _codes(path, method, operation):
                name, description = ERRORS[key]
                code = key.split("-")[0]
                current = responses.get(code) or {}
                responses[code] = _ref(name, current.get("description") or description)
    return result
