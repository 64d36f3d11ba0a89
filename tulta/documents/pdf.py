"""The risalah and the programme book as PDF, with WeasyPrint.

The HTML templates (``templates/documents/``) carry the print layout: A4, the letterhead and
logo on the cover, page numbers, a table of contents with page numbers (``target-counter``),
table headers repeated on every page, long words wrapped, and a DRAFT watermark until the
risalah is final. Charts are inline SVG, so they stay vectors (and their text searchable).

Rendering never fetches anything: the only resources allowed are ``data:`` URIs (the logo, the
photos of the lampiran). The pages of PDF attachments are laid onto reserved pages afterwards,
with pypdf (see :func:`render_risalah_pdf`).
"""

from __future__ import annotations

import bisect
import functools
import io
import logging
import re
import shutil
import subprocess
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject
from weasyprint import HTML, URLFetcher

from tulta.core.formatting import tanggal

from .builder import Letterhead, RisalahDocument

logger = logging.getLogger(__name__)
REPLACEMENT = "\ufffd"
_BEYOND_LATIN1 = re.compile(r"[^\x00-\xff]")


@functools.cache
def _font_coverage() -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    """The code points some installed font can draw, as sorted merged ranges (starts, ends),
    from fontconfig (the same fonts WeasyPrint falls back on). None when unknown."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        output = subprocess.run(  # noqa: S603  (fixed arguments, no shell)
            [fc_list, "--format=%{charset}\n"], capture_output=True, text=True, timeout=30
        ).stdout
    except (OSError, subprocess.SubprocessError):
        logger.warning("fc-list failed; characters without a font are left as they are")
        return None
    ranges = []
    for token in output.split():
        first, _sep, last = token.partition("-")
        try:
            ranges.append((int(first, 16), int(last or first, 16)))
        except ValueError:
            continue
    merged: list[list[int]] = []
    for low, high in sorted(ranges):
        if merged and low <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], high)
        else:
            merged.append([low, high])
    if not merged:
        return None
    return tuple(r[0] for r in merged), tuple(r[1] for r in merged)


def _drawable(char: str) -> bool:
    coverage = _font_coverage()
    if coverage is None:
        return True
    starts, ends = coverage
    code = ord(char)
    index = bisect.bisect_right(starts, code) - 1
    return index >= 0 and code <= ends[index]


def printable(html: str) -> str:
    """``html`` with every character that no installed font can draw replaced by U+FFFD.

    A glyph missing from every font would print as an empty box and makes WeasyPrint encode
    the whole font differently, which some PDF readers then fail to extract text from; the
    replacement mark prints, reads and searches the same everywhere. Word keeps the original
    characters (the reader's computer may have the font).
    """
    return _BEYOND_LATIN1.sub(lambda m: m.group(0) if _drawable(m.group(0)) else REPLACEMENT, html)


def _fetcher() -> URLFetcher:
    # Sanitised narratives may contain links; nothing in a document is ever fetched from the
    # network or the file system, only inline data (the logo).
    return URLFetcher(allowed_protocols={"data"}, fail_on_errors=False)


# Parsed images (the charts' SVG, the logo) by URI, kept between renders: a risalah downloaded
# again, or rendered into a book, does not parse its charts again. One cache per thread, emptied
# between renders once it grows, never during one (WeasyPrint looks entries up while it draws).
_images = threading.local()
IMAGE_CACHE_ENTRIES = 256


def _image_cache() -> dict[str, Any]:
    cache: dict[str, Any] | None = getattr(_images, "cache", None)
    if cache is None or len(cache) > IMAGE_CACHE_ENTRIES:
        cache = _images.cache = {}
    return cache


def html_to_pdf(html: str) -> bytes:
    """Render a complete HTML document (print CSS inside) to PDF bytes."""
    document = HTML(string=printable(html), url_fetcher=_fetcher())
    data: bytes = document.write_pdf(cache=_image_cache())
    return data


CSS_PX_TO_PT = 0.75
MM_TO_PT = 72 / 25.4
# The box a PDF attachment's page is laid into: the page's text area below the lampiran's
# heading (print.css: margins 24/20/22/25 mm, ``.attachment-box`` 235 mm high).
BOX_LEFT_MM, BOX_WIDTH_MM, BOX_HEIGHT_MM = 25, 165, 235


def render_risalah_pdf(doc: RisalahDocument) -> bytes:
    """The risalah as a PDF. Pure: reads only ``doc``.

    The pages of PDF attachments are printed in the lampiran: the HTML leaves one page with an
    empty, anchored box per attached page (so page numbers and the table of contents count
    them), and each attached page is then laid into its box, scaled to fit, as vectors.
    """
    html = render_to_string("documents/risalah_pdf.html", {"doc": doc})
    rendered = HTML(string=printable(html), url_fetcher=_fetcher()).render(cache=_image_cache())
    data: bytes = rendered.write_pdf()
    wanted = {
        anchor: (attachment, k)
        for attachment in doc.attachments
        for k, anchor in attachment.page_anchors
    }
    if not wanted:
        return data
    places = []
    for index, page in enumerate(rendered.pages):
        for anchor, position in page.anchors.items():  # (left, top, right, bottom) in px
            if anchor in wanted:
                places.append((index, position[1] * CSS_PX_TO_PT, *wanted[anchor]))
    return _lay_attachment_pages(data, places)


def _lay_attachment_pages(data: bytes, places: Sequence[tuple[int, float, Any, int]]) -> bytes:
    """Lay page ``k`` of each attachment's PDF into the box at ``top`` (points from the top)
    of document page ``index``. An attached page that cannot be drawn leaves its box empty."""
    writer = PdfWriter(clone_from=io.BytesIO(data))
    readers: dict[int, PdfReader] = {}
    for index, top, attachment, k in places:
        reader = readers.get(attachment.number)
        if reader is None:
            reader = readers[attachment.number] = PdfReader(io.BytesIO(attachment.pdf))
        try:
            source = reader.pages[k - 1]
            target = writer.pages[index]
            width, height = float(source.mediabox.width), float(source.mediabox.height)
            box_w, box_h = BOX_WIDTH_MM * MM_TO_PT, BOX_HEIGHT_MM * MM_TO_PT
            scale = min(box_w / width, box_h / height)
            page_height = float(target.mediabox.height)
            x = BOX_LEFT_MM * MM_TO_PT + (box_w - width * scale) / 2
            y = page_height - top - height * scale  # PDF's origin is the bottom left
            transform = (
                Transformation()
                .translate(-float(source.mediabox.left), -float(source.mediabox.bottom))
                .scale(scale)
                .translate(x, y)
            )
            target.merge_transformed_page(source, transform)
        except Exception:  # a damaged attached page must not stop the document; logged
            logger.exception("Page %d of attachment %d cannot be laid", k, attachment.number)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


# --- programme book --------------------------------------------------------------------------


@dataclass(frozen=True)
class BookEntry:
    """One final risalah in the book: its PDF and what the table of contents says about it."""

    team: str
    unit: str
    tema: str
    pdf: bytes


@dataclass(frozen=True)
class BookFront:
    letterhead: Letterhead
    programme: str
    year: str
    generated_at: Any


def _front_pdf(front: BookFront, entries: Sequence[BookEntry], starts: Sequence[int]) -> bytes:
    rows = [
        {"number": i, "entry": e, "page": page}
        for i, (e, page) in enumerate(zip(entries, starts, strict=True), start=1)
    ]
    html = render_to_string(
        "documents/book_front.html",
        {"front": front, "rows": rows, "generated": tanggal(front.generated_at)},
    )
    return html_to_pdf(html)


def _page_count(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


class _Stamper:
    """Writes the book's page number into the top-right margin of a merged page.

    A few bytes per page: one shared Helvetica font object (a standard PDF font, never
    embedded) and a small content stream appended after the page's own, which is wrapped in
    q/Q so its graphics state cannot shift the number.
    """

    SIZE = 7.5

    def __init__(self, writer: PdfWriter, label: str) -> None:
        self.writer = writer
        self.label = label
        font = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
                NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
            }
        )
        self.font = writer._add_object(font)
        self.save = writer._add_object(self._stream(b"q\n"))
        self.restore = writer._add_object(self._stream(b"\nQ\n"))

    @staticmethod
    def _stream(data: bytes) -> DecodedStreamObject:
        stream = DecodedStreamObject()
        stream.set_data(data)
        return stream

    def stamp(self, page: PageObject, number: int) -> None:
        text = f"{self.label} {number}"
        width = float(page.mediabox.width)
        height = float(page.mediabox.height)
        text_width = 0.52 * self.SIZE * len(text)  # Helvetica, near enough to right-align
        x, y = width - 34 - text_width, height - 26
        box = f"{x - 3:.1f} {y - 2.5:.1f} {text_width + 6:.1f} {self.SIZE + 4:.1f}"
        content = (
            f"q 1 1 1 rg 0.6 G 0.5 w {box} re B "
            f"BT /TultaBook {self.SIZE} Tf 0.2 g 1 0 0 1 {x:.1f} {y:.1f} Tm ({text}) Tj ET Q\n"
        ).encode("latin-1")
        resources = page.setdefault(NameObject("/Resources"), DictionaryObject()).get_object()
        fonts = resources.setdefault(NameObject("/Font"), DictionaryObject()).get_object()
        fonts[NameObject("/TultaBook")] = self.font
        existing = page.get("/Contents")
        parts = ArrayObject([self.save])
        if existing is not None:
            existing = existing.get_object()
            if isinstance(existing, ArrayObject):
                parts.extend(existing)
            else:
                parts.append(page.raw_get("/Contents"))
        parts.append(self.restore)
        parts.append(self.writer._add_object(self._stream(content)))
        page[NameObject("/Contents")] = parts


def render_book_pdf(front: BookFront, entries: Sequence[BookEntry]) -> bytes:
    """Merge the cover, a table of contents and every entry's PDF into one book.

    The table of contents gives each risalah's first page in the book; every page after the
    front matter also carries the book's own page number in its top margin (each risalah keeps
    its own "Halaman x dari y" at the bottom, exactly as submitted). PDF bookmarks point at every
    risalah.
    """
    readers = [PdfReader(io.BytesIO(e.pdf)) for e in entries]  # parsed once, used twice
    counts = [len(r.pages) for r in readers]
    front_pages = 2
    for _attempt in range(3):  # the front's length depends on the numbers it prints
        starts, page = [], front_pages + 1
        for count in counts:
            starts.append(page)
            page += count
        front_pdf = _front_pdf(front, entries, starts)
        if _page_count(front_pdf) == front_pages:
            break
        front_pages = _page_count(front_pdf)

    writer = PdfWriter()
    writer.append(io.BytesIO(front_pdf), import_outline=False)
    stamper = _Stamper(writer, _("Hlm. buku"))
    for entry, reader in zip(entries, readers, strict=True):
        first_index = len(writer.pages)
        for source_page in reader.pages:
            added = writer.add_page(source_page)
            stamper.stamp(added, len(writer.pages))
        writer.add_outline_item(title=f"{entry.team} — {entry.tema}"[:120], page_number=first_index)
    writer.add_metadata(
        {
            "/Title": f"{_('Buku Risalah')} {front.programme}",
            "/Author": front.letterhead.official_name,
            "/Creator": "TULTA",
        }
    )
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
