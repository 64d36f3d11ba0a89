"""Hostile ZIP-based files for the upload tests: a zip bomb and a file of too many members,
shaped like an XLSX or a DOCX so that a sniffer takes them for one."""

from __future__ import annotations

import io
import zipfile

from tulta.core.archives import MAX_ENTRIES, MAX_UNCOMPRESSED_BYTES

MEMBERS = {
    "xlsx": ("[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"),
    "docx": ("[Content_Types].xml", "word/document.xml", "word/styles.xml"),
}


def zip_bomb(kind: str = "xlsx", *, unpacked: int = MAX_UNCOMPRESSED_BYTES + 1024 * 1024) -> bytes:
    """A small archive (about a thousandth of ``unpacked``) whose last member is ``unpacked``
    bytes of zeros; written in chunks so the test never holds the unpacked data."""
    buffer = io.BytesIO()
    *small, huge = MEMBERS[kind]
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in small:
            archive.writestr(name, "<x/>")
        chunk = b"\0" * (1024 * 1024)
        with archive.open(huge, "w", force_zip64=True) as member:
            for _ in range(unpacked // len(chunk)):
                member.write(chunk)
    return buffer.getvalue()


def many_members(kind: str = "xlsx", *, count: int = MAX_ENTRIES + 1) -> bytes:
    """A tiny archive with ``count`` members (the real ones of ``kind`` among them)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in MEMBERS[kind]:
            archive.writestr(name, "<x/>")
        for number in range(count - len(MEMBERS[kind])):
            archive.writestr(f"xl/media/image{number}.bin", b"")
    return buffer.getvalue()
