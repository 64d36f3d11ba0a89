"""Freezing the final documents: what judges read is exactly what was submitted."""

from __future__ import annotations

import hashlib

import pytest
from django.core.exceptions import ValidationError

from tulta.core.models import AuditEvent
from tulta.documents import services
from tulta.documents.models import FrozenDocument
from tulta.documents.services import freeze_risalah_documents
from tulta.risalah import services as risalah_services
from tulta.risalah.models import Risalah
from tulta.testing import samples

from .reading import docx_text, pdf_text

pytestmark = pytest.mark.django_db


def test_freezing_keeps_a_pdf_and_a_docx_with_their_checksums(full_risalah, world):
    frozen = freeze_risalah_documents(risalah=full_risalah, actor=world.chair)
    assert set(frozen) == {"pdf", "docx"}
    for document in frozen.values():
        data = document.file.read()
        assert document.sha256 == hashlib.sha256(data).hexdigest()
        assert document.size == len(data)
        assert document.file.name.startswith("risalah-final/")
    assert "KBK Cepat" in pdf_text(frozen["pdf"].file.open("rb").read())
    assert "KBK Cepat" in docx_text(frozen["docx"].file.open("rb").read())


def test_frozen_documents_are_final_not_draft(full_risalah):
    frozen = freeze_risalah_documents(risalah=full_risalah)
    assert "DRAF" not in pdf_text(frozen["pdf"].file.open("rb").read())


def test_freezing_again_changes_nothing(full_risalah):
    first = freeze_risalah_documents(risalah=full_risalah)
    step = full_risalah.steps.get(number=1)
    step.content = {"sections": {"tema": "<p>diubah diam-diam</p>"}}
    step.save()
    second = freeze_risalah_documents(risalah=full_risalah)
    assert {f: d.sha256 for f, d in first.items()} == {f: d.sha256 for f, d in second.items()}
    assert FrozenDocument.objects.count() == 2


def test_a_draft_risalah_cannot_be_frozen(draft_risalah):
    with pytest.raises(ValidationError):
        freeze_risalah_documents(risalah=draft_risalah)
    assert not FrozenDocument.objects.exists()


def test_freezing_records_one_audit_event_per_file(full_risalah, world):
    freeze_risalah_documents(risalah=full_risalah, actor=world.chair)
    events = AuditEvent.objects.filter(verb="document_frozen")
    assert sorted(e.changes["format"][1] for e in events) == ["docx", "pdf"]
    assert {e.actor_id for e in events} == {world.chair.pk}


def test_submitting_final_freezes_both_documents(full_risalah):
    assert full_risalah.is_final
    assert set(full_risalah.frozen_documents.values_list("format", flat=True)) == {"pdf", "docx"}


def _approve_every_step(cast, programme):
    risalah = samples.write_risalah(cast, programme, final=False)
    return Risalah.objects.get(pk=risalah.pk)


def test_finalizing_alone_renders_and_freezes_nothing(cast, programme, world):
    risalah = _approve_every_step(cast, programme)
    risalah_services.risalah_finalize(actor=world.chair, risalah=risalah)
    risalah.refresh_from_db()
    assert risalah.is_final
    assert not FrozenDocument.objects.exists()


def test_a_failed_render_leaves_the_risalah_a_draft(cast, programme, world, monkeypatch):
    risalah = _approve_every_step(cast, programme)

    def broken(*args, **kwargs):
        raise RuntimeError("renderer down")

    monkeypatch.setattr(services, "render_document", broken)
    with pytest.raises(RuntimeError):
        services.risalah_submit_final(actor=world.chair, risalah=risalah)
    risalah.refresh_from_db()
    assert not risalah.is_final
    assert not FrozenDocument.objects.exists()
    assert not AuditEvent.objects.filter(verb="risalah_final").exists()
