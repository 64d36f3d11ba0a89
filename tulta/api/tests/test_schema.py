"""The OpenAPI schema is part of the contract: a change to it must be deliberate.

When the API changes on purpose, regenerate the committed copy with
``python manage.py spectacular --validate --fail-on-warn --lang id --file tulta/api/openapi.yaml``
and commit it with the change.
"""

from __future__ import annotations

import difflib
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

COMMITTED = Path(__file__).resolve().parent.parent / "openapi.yaml"


def test_generated_schema_is_valid_and_equals_the_committed_one(tmp_path):
    generated = tmp_path / "openapi.yaml"
    call_command(
        "spectacular",
        "--validate",
        "--fail-on-warn",
        "--lang",
        "id",
        "--file",
        str(generated),
        stderr=StringIO(),
    )
    new, old = generated.read_text(), COMMITTED.read_text()
    diff = "".join(
        difflib.unified_diff(
            old.splitlines(True), new.splitlines(True), "openapi.yaml (tersimpan)", "baru"
        )
    )
    assert new == old, f"Skema API berubah; lihat docstring modul ini.\n{diff[:5000]}"


@pytest.mark.django_db
def test_schema_and_docs_are_served(client):
    schema = client.get("/api/schema/?format=json")
    assert schema.status_code == 200
    assert schema.json()["info"]["title"] == "TULTA API"
    assert "/api/v1/risalah/{risalah_pk}/steps/{number}/submit/" in schema.json()["paths"]
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "swagger-ui-bundle.js" in html and "<style>" not in html
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200 and "SwaggerUIBundle" in script.content.decode()


def test_every_operation_documents_its_error_answers_with_their_bodies():
    import yaml

    schema = yaml.safe_load(COMMITTED.read_text())
    assert {"Error", "ValidationError", "Conflict"} <= set(schema["components"]["schemas"])
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            codes = set(operation["responses"])
            assert {"400", "405"} <= codes, (method, path)
            if operation["security"] == [{}]:
                assert "429" in codes, (method, path)
            else:
                assert {"401", "403"} <= codes, (method, path)
            if "{" in path:
                assert "404" in codes, (method, path)
            if method in ("post", "patch", "put"):
                assert {"413", "415"} <= codes, (method, path)
            for code in codes - {"200", "201", "204"}:
                assert (
                    "$ref" in operation["responses"][code]["content"]["application/json"]["schema"]
                ), (method, path, code)
