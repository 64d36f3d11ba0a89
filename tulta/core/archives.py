"""One check for every uploaded ZIP-based file (XLSX, DOCX) before anything parses it.

An XLSX or DOCX is a ZIP archive. A crafted one of a few hundred kilobytes can hold hundreds of
megabytes of zeros ("zip bomb") or tens of thousands of members, and holds a worker for as long
as a parser decompresses it. :func:`check_archive` reads only the archive's central directory
(``zipfile.ZipFile.infolist``: names and declared sizes, nothing is decompressed) and refuses
the file at once when the members together are larger than ``MAX_UNCOMPRESSED_BYTES`` or more
than ``MAX_ENTRIES``. Python's zipfile never inflates a member past its declared size, so the
declared total bounds what a later parser (openpyxl, python-docx) can be made to read.
"""

from __future__ import annotations

import io
import zipfile

from django.utils.translation import gettext as _

from .formatting import angka

# A real workbook of the 2 MB TULTA accepts for a grid, or a 10 MB attachment, unpacks to a few
# tens of megabytes at most; the limits leave room for that and nothing near a bomb.
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_ENTRIES = 2000


class ArchiveError(ValueError):
    """The archive is refused; ``message`` says why, in Indonesian."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def check_archive(
    data: bytes,
    name: str = "",
    *,
    max_bytes: int = MAX_UNCOMPRESSED_BYTES,
    max_entries: int = MAX_ENTRIES,
) -> None:
    """Raise :class:`ArchiveError` when ``data`` is not a readable ZIP archive, has more than
    ``max_entries`` members, or its members unpack to more than ``max_bytes`` in all. Reads only
    the central directory; cheap for any size. ``name`` is the file's name for the message."""
    label = name or _("berkas")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
        raise ArchiveError(
            _("Berkas %(name)s rusak: arsip XLSX/DOCX-nya tidak dapat dibaca.") % {"name": label}
        ) from exc
    if len(members) > max_entries:
        raise ArchiveError(
            _(
                "Berkas %(name)s ditolak: berisi %(count)s bagian, batasnya %(max)s. "
                "Simpan ulang berkas dari Excel atau Word lalu unggah lagi."
            )
            % {"name": label, "count": angka(len(members)), "max": angka(max_entries)}
        )
    total = sum(member.file_size for member in members)
    if total > max_bytes:
        raise ArchiveError(
            _(
                "Berkas %(name)s ditolak: isinya %(size)s MB setelah dibuka, batasnya %(max)s MB. "
                "Berkas seperti ini bukan tabel atau dokumen biasa."
            )
            % {
                "name": label,
                "size": angka(total / 1024 / 1024),
                "max": angka(max_bytes / 1024 / 1024),
            }
        )
