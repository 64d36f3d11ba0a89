"""The demo city's final risalah are final like real ones: frozen documents and audit rows."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from tulta.core.models import AuditEvent
from tulta.documents.models import FrozenDocument
from tulta.risalah.models import Risalah

pytestmark = pytest.mark.django_db


def test_the_demo_finalises_its_risalah_through_the_service_that_freezes_documents():
    call_command("seed_demo", stdout=io.StringIO())
    finals = list(Risalah.objects.filter(state=Risalah.State.FINAL))
    assert len(finals) >= 2
    for risalah in finals:
        frozen = FrozenDocument.objects.filter(risalah=risalah)
        assert sorted(frozen.values_list("format", flat=True)) == ["docx", "pdf"]
        assert all(d.size > 1000 and len(d.sha256) == 64 for d in frozen)
        pdf = frozen.get(format="pdf")
        with pdf.file.open("rb") as handle:
            assert handle.read(5) == b"%PDF-"
        assert AuditEvent.objects.filter(verb="risalah_final", object_id=str(risalah.pk)).exists()
        assert risalah.finalized_at is not None
