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
