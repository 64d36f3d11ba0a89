"""Attachments (lampiran): SK, photos, minutes, SOP.

Only PDF, JPEG, PNG, DOCX and XLSX are accepted, recognised by their content, never by their
name. Images are decoded and re-encoded, which drops EXIF (GPS position, camera serials) and any
bytes hidden after the picture. Files live under MEDIA_ROOT, outside the web root, and are served
only through a view that checks the risalah's permissions.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from tulta.accounts.models import User
from tulta.core import audit
from tulta.core.archives import ArchiveError, check_archive

from .models import Attachment, Risalah, RisalahStep

MAX_BYTES = 10 * 1024 * 1024
MAX_IMAGE_SIDE = 3000


@dataclass(frozen=True)
class FileKind:
    extension: str
    content_type: str


PDF = FileKind("pdf", "application/pdf")
JPEG = FileKind("jpg", "image/jpeg")
PNG = FileKind("png", "image/png")
DOCX = FileKind("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
XLSX = FileKind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def sniff(data: bytes) -> FileKind | None:
    """The file's real type from its bytes, or None when it is not one TULTA accepts."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        if "[Content_Types].xml" in names:
            if "word/document.xml" in names:
                return DOCX
            if "xl/workbook.xml" in names:
                return XLSX
    return None


def _reencode(data: bytes, kind: FileKind) -> bytes:
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            image = image.convert("RGB") if kind is JPEG else image.copy()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("Gambar rusak atau tidak dapat dibaca.")) from exc
    image.thumbnail((MAX_IMAGE_SIDE, MAX_IMAGE_SIDE))
    out = io.BytesIO()
    if kind is JPEG:
        image.save(out, "JPEG", quality=85, optimize=True)
    else:
        image.save(out, "PNG", optimize=True)
    return out.getvalue()


def check_upload(data: bytes, name: str) -> FileKind:
    """Validate an upload; raise ValidationError saying why it is refused."""
    if len(data) == 0:
        raise ValidationError(_("Berkas %(name)s kosong.") % {"name": name})
    if len(data) > MAX_BYTES:
        raise ValidationError(
            _("Berkas %(name)s berukuran %(size).1f MB; batasnya 10 MB.")
            % {"name": name, "size": len(data) / 1024 / 1024}
        )
    if data.startswith(b"PK\x03\x04"):
        # Checked before sniff opens it and long before anyone parses it (zip bombs).
        try:
            check_archive(data, name)
        except ArchiveError as exc:
            raise ValidationError(exc.message) from exc
    kind = sniff(data)
    if kind is None:
        raise ValidationError(
            _(
                "Berkas %(name)s bukan PDF, JPEG, PNG, DOCX atau XLSX (isi berkas diperiksa, "
                "bukan namanya)."
            )
            % {"name": name}
        )
    return kind


@transaction.atomic
def attachment_add(
    *,
    actor: User,
    risalah: Risalah,
    data: bytes,
    name: str,
    kind: str,
    title: str,
    step: RisalahStep | None = None,
) -> Attachment:
    if risalah.is_final:
        raise ValidationError(_("Risalah sudah final; lampiran tidak dapat ditambah."))
    file_kind = check_upload(data, name)
    if file_kind in (JPEG, PNG):
        data = _reencode(data, file_kind)
    digest = hashlib.sha256(data).hexdigest()
    stem = (title or name).strip()[:60] or "lampiran"
    attachment = Attachment(
        risalah=risalah,
        step=step,
        kind=kind,
        title=title.strip() or name,
        original_name=name[:255],
        content_type=file_kind.content_type,
        size=len(data),
        sha256=digest,
        uploaded_by=actor,
    )
    attachment.full_clean(exclude=["file"])
    attachment.file.save(f"{digest[:16]}.{file_kind.extension}", ContentFile(data), save=False)
    attachment.save()
    audit.record(
        actor=actor,
        action="create",
        obj=attachment,
        government_id=risalah.programme.government_id,
        changes={"title": [None, attachment.title], "kind": [None, kind], "name": [None, stem]},
    )
    return attachment


@transaction.atomic
def attachment_delete(*, actor: User, attachment: Attachment) -> None:
    if attachment.risalah.is_final:
        raise ValidationError(_("Risalah sudah final; lampiran tidak dapat dihapus."))
    audit.record(
        actor=actor,
        action="delete",
        obj=attachment,
        government_id=attachment.risalah.programme.government_id,
        changes={"title": [attachment.title, None]},
    )
    stored = attachment.file.name
    storage: Any = attachment.file.storage
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(stored))
