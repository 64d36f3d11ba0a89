"""The risalah as a Word document (DOCX), with python-docx.

Offices edit and print the Word version, so it uses Word's own structure: Heading 1/2/3 styles,
a real table-of-contents field (Word and LibreOffice fill in the page numbers; until then the
field shows the chapter titles), PAGE/NUMPAGES fields in the footer, table header rows marked to
repeat on every page, the charts as 300-dpi PNG pictures and the tabular tools (USG, CARL, MEER,
5W1H, check sheet, Gantt) as editable Word tables, each with its caption below in Word's Caption
style (a list-of-figures field collects them), the photos of the lampiran. A4, DejaVu Sans,
"DRAF" in the header until the risalah is final. The sanitised HTML of each section is converted
with a small ``html.parser`` converter (paragraphs, headings, lists, bold/italic, tables).
"""

from __future__ import annotations

import io
import re
import struct
from collections.abc import Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor
from PIL import Image

from .builder import RisalahDocument, Section, Table, ToolFigure

FONT = "DejaVu Sans"
BLUE = RGBColor(0x1F, 0x4E, 0x79)
RED = RGBColor(0xB0, 0x00, 0x20)
GREY = RGBColor(0x55, 0x55, 0x55)
HEADER_FILL = "DDE7F0"
TEXT_WIDTH_CM = 16.0  # A4 (21 cm) less the 2.5 cm and 2.0 cm margins, rounded down
MAX_PICTURE_HEIGHT_CM = 20.0
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: Any) -> str:
    """``text`` without the control characters XML (and so Word) cannot hold."""
    return _NOT_XML.sub("", str(text))


# --- low-level helpers ------------------------------------------------------------------------


def _set_font(element: Any, name: str = FONT) -> None:
    """Set every script's font on a style or run, dropping theme fonts that would win."""
    rpr = element._element.get_or_add_rPr() if hasattr(element, "_element") else element
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _field(paragraph: Any, instruction: str, placeholder: str = "1") -> None:
    """Append a complex field (PAGE, NUMPAGES, ...) showing ``placeholder`` until updated."""
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None)):
        run = paragraph.add_run()
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {text} "
            run._r.append(instr)
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
    paragraph.add_run(placeholder)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(end)


def _fld_char(paragraph: Any, kind: str) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    if kind == "begin":
        char.set(qn("w:dirty"), "true")  # ask Word to refresh the cached entries
    paragraph.add_run()._r.append(char)


def _instr(paragraph: Any, text: str) -> None:
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = text
    paragraph.add_run()._r.append(instr)


def _shade(cell: Any, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    tcpr.append(shading)


def _repeat_header(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)


def _cant_split(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))


def _png_size(data: bytes) -> tuple[int, int] | None:
    if data[:8] != b"\x89PNG\r\n\x1a\n" or len(data) < 24:
        return None
    width, height = struct.unpack(">II", data[16:24])
    return (width, height) if width and height else None


def _image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG or JPEG (a photo may be portrait: it must fit the page)."""
    size = _png_size(data)
    if size is not None:
        return size
    try:
        with Image.open(io.BytesIO(data)) as image:
            return image.size
    except (OSError, Image.DecompressionBombError):
        return None


# --- tables -------------------------------------------------------------------------------


def add_table(
    container: Any,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    widths: Sequence[float] | None = None,
    header_column: bool = False,
) -> Any:
    """A bordered table whose first row (``headers``; none when empty) repeats on every page.
    ``widths`` are fractions of the text width. ``header_column`` shades the first column."""
    columns = len(headers) if headers else max((len(r) for r in rows), default=1)
    table = container.add_table(rows=0, cols=columns)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    fractions = list(widths) if widths else [1 / columns] * columns
    width_cm = [TEXT_WIDTH_CM * f for f in fractions]
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), width_cm, strict=False):
        col.set(qn("w:w"), str(int(Cm(width).twips)))

    def fill(values: Sequence[str], *, bold: bool) -> Any:
        row = table.add_row()
        _cant_split(row)
        for index, cell in enumerate(row.cells):
            cell.width = Cm(width_cm[index])
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_before = Pt(1.5)
            paragraph.paragraph_format.space_after = Pt(1.5)
            value = values[index] if index < len(values) else ""
            run = paragraph.add_run(xml_safe(value))
            run.font.size = Pt(8.5)
            run.bold = bold or (header_column and index == 0)
            if bold:
                _shade(cell, HEADER_FILL)
            elif header_column and index == 0:
                _shade(cell, "F1F5F9")
        return row

    if headers:
        _repeat_header(fill(headers, bold=True))
    for values in rows:
        fill(values, bold=False)
    return table


# --- sanitised HTML to Word ------------------------------------------------------------------

BLOCKS = {"p", "h2", "h3", "h4", "li", "blockquote"}
INLINE = {"strong": "bold", "b": "bold", "em": "italic", "i": "italic", "u": "underline",
          "s": "strike", "sub": "subscript", "sup": "superscript", "a": "link"}  # fmt: skip


@dataclass
class _Cell:
    text: list[str] = field(default_factory=list)
    header: bool = False
    colspan: int = 1


@dataclass
class _PendingTable:
    rows: list[list[_Cell]] = field(default_factory=list)


class HtmlToDocx(HTMLParser):
    """Write sanitised HTML (see ``tulta.core.richtext``) into a python-docx container.

    Headings become Heading 3/4 (below the chapter's Heading 1 and the section's Heading 2),
    lists become bulleted or numbered paragraphs (nested lists indent further), tables become
    Word tables with their first row repeated. Anything else keeps only its text.
    """

    def __init__(self, container: Any) -> None:
        super().__init__(convert_charrefs=True)
        self.container = container
        self.paragraph: Any = None
        self.formats: list[str] = []
        self.lists: list[list[Any]] = []  # [kind, counter]
        self.table: _PendingTable | None = None
        self.table_depth = 0
        self.cell: _Cell | None = None

    # paragraphs
    def _new_paragraph(self, tag: str) -> Any:
        if tag in ("h2", "h3", "h4"):
            paragraph = self.container.add_paragraph(
                style="Heading 3" if tag == "h2" else "Heading 4"
            )
        elif tag == "li" and self.lists:
            kind, _count = self.lists[-1]
            depth = len(self.lists)
            self.lists[-1][1] += 1
            if kind == "ul":
                style = "List Bullet" if depth == 1 else "List Bullet 2"
                paragraph = self.container.add_paragraph(style=style)
            else:
                paragraph = self.container.add_paragraph()
                paragraph.paragraph_format.left_indent = Cm(0.75 * depth)
                paragraph.paragraph_format.first_line_indent = Cm(-0.6)
                paragraph.add_run(f"{self.lists[-1][1]}.\u00a0")
        elif tag == "blockquote":
            paragraph = self.container.add_paragraph()
            paragraph.paragraph_format.left_indent = Cm(1)
            self.formats.append("italic")
        else:
            paragraph = self.container.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(4)
        self.paragraph = paragraph
        return paragraph

    def _close_paragraph(self) -> None:
        self.paragraph = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.table_depth += 1
            if self.table_depth == 1:
                self._close_paragraph()
                self.table = _PendingTable()
            return
        if self.table is not None:
            if tag == "tr" and self.table_depth == 1:
                self.table.rows.append([])
            elif tag in ("td", "th") and self.table_depth == 1:
                if not self.table.rows:
                    self.table.rows.append([])
                span = dict(attrs).get("colspan") or "1"
                self.cell = _Cell(
                    header=tag == "th", colspan=max(1, min(int(span) if span.isdigit() else 1, 20))
                )
                self.table.rows[-1].append(self.cell)
            elif tag in ("br", "p", "li") and self.cell is not None and self.cell.text:
                self.cell.text.append("\n")
            return
        if tag in ("ul", "ol"):
            self._close_paragraph()
            self.lists.append([tag, 0])
        elif tag in BLOCKS:
            self._new_paragraph(tag)
        elif tag == "br":
            if self.paragraph is not None:
                self.paragraph.add_run().add_break()
        elif tag in INLINE:
            self.formats.append(INLINE[tag])

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.table_depth -= 1
            if self.table_depth == 0 and self.table is not None:
                self._write_table(self.table)
                self.table = None
                self.cell = None
            return
        if self.table is not None:
            if tag in ("td", "th"):
                self.cell = None
            return
        if tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            self._close_paragraph()
        elif tag in BLOCKS:
            if tag == "blockquote" and "italic" in self.formats:
                self.formats.remove("italic")
            self._close_paragraph()
        elif tag in INLINE and INLINE[tag] in self.formats:
            # remove the innermost matching format
            index = len(self.formats) - 1 - self.formats[::-1].index(INLINE[tag])
            del self.formats[index]

    def handle_data(self, data: str) -> None:
        text = re.sub(r"\s+", " ", data)
        if self.table is not None:
            if self.cell is not None:
                self.cell.text.append(text)
            return
        if not text.strip() and self.paragraph is None:
            return
        if self.paragraph is None:
            self._new_paragraph("p")
            text = text.lstrip()
        run = self.paragraph.add_run(xml_safe(text))
        formats = set(self.formats)
        run.bold = "bold" in formats or None
        run.italic = "italic" in formats or None
        run.underline = ("underline" in formats or "link" in formats) or None
        run.font.strike = "strike" in formats or None
        run.font.subscript = "subscript" in formats or None
        run.font.superscript = "superscript" in formats or None
        if "link" in formats:
            run.font.color.rgb = BLUE

    def _write_table(self, pending: _PendingTable) -> None:
        rows = [r for r in pending.rows if r]
        if not rows:
            return
        width = max(sum(c.colspan for c in row) for row in rows)
        width = max(1, min(width, 20))
        table = self.container.add_table(rows=0, cols=width)
        table.style = "Table Grid"
        table.autofit = True
        for index, cells in enumerate(rows):
            row = table.add_row()
            _cant_split(row)
            column = 0
            for cell_data in cells:
                if column >= width:
                    break
                cell = row.cells[column]
                span = min(cell_data.colspan, width - column)
                if span > 1:
                    cell = cell.merge(row.cells[column + span - 1])
                paragraph = cell.paragraphs[0]
                paragraph.paragraph_format.space_before = Pt(1.5)
                paragraph.paragraph_format.space_after = Pt(1.5)
                text = "".join(cell_data.text).strip()
                for n, line in enumerate(text.split("\n")):
                    if n:
                        paragraph.add_run().add_break()
                    run = paragraph.add_run(xml_safe(line.strip()))
                    run.font.size = Pt(8.5)
                    run.bold = cell_data.header or None
                if cell_data.header:
                    _shade(cell, HEADER_FILL)
                column += span
            if index == 0 and all(c.header for c in cells):
                _repeat_header(row)
        spacer = self.container.add_paragraph()
        spacer.paragraph_format.space_after = Pt(2)

    def close(self) -> None:
        super().close()
        if self.table is not None:  # unclosed table: write what we have
            self._write_table(self.table)
            self.table = None


def add_html(container: Any, html: str) -> None:
    """Append sanitised ``html`` to ``container`` (a Document or a table cell)."""
    parser = HtmlToDocx(container)
    parser.feed(html or "")
    parser.close()


# --- the document ------------------------------------------------------------------------------


def _setup(document: Any, doc: RisalahDocument) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(25), Mm(20)
    section.top_margin, section.bottom_margin = Mm(22), Mm(20)
    section.header_distance = section.footer_distance = Mm(10)
    section.different_first_page_header_footer = True

    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if rpr is not None:
            _set_font(rpr)
            # The text's language for Word's spelling and hyphenation: Indonesian, not en-US.
            lang = rpr.find(qn("w:lang"))
            if lang is None:
                lang = OxmlElement("w:lang")
                rpr.append(lang)
            lang.set(qn("w:val"), "id-ID")
            lang.set(qn("w:eastAsia"), "id-ID")
            lang.set(qn("w:bidi"), "ar-SA")
    normal = styles["Normal"]
    _set_font(normal)
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(4)
    for name, size in (("Title", 20), ("Heading 1", 15), ("Heading 2", 11.5),
                       ("Heading 3", 10.5), ("Heading 4", 10), ("List Bullet", 10),
                       ("List Bullet 2", 10)):  # fmt: skip
        style = styles[name]
        _set_font(style)
        style.font.size = Pt(size)
        if name.startswith("Heading") or name == "Title":
            style.font.color.rgb = BLUE
    styles["Heading 1"].paragraph_format.page_break_before = True
    styles["Heading 1"].paragraph_format.space_after = Pt(8)

    props = document.core_properties
    props.title = xml_safe(doc.title)[:250]
    props.author = xml_safe(doc.cover.team)[:250]
    props.subject = xml_safe(doc.cover.judul)[:250]
    props.language = "id-ID"
    props.keywords = "risalah, TULTA, budaya kerja"
    props.comments = "DRAF" if doc.draft else _("Final")

    # Ask Word to refresh fields (the table of contents) when the file is opened.
    # Word checks the order of settings.xml, so it goes right before <w:compat>.
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    compat = settings.find(qn("w:compat"))
    if compat is not None:
        compat.addprevious(update)
    else:
        settings.append(update)
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:val"), "id-ID")

    # Header: the group on the left, DRAF on the right, in a borderless two-cell table (tab
    # stops depend on the Header style, which differs between Word and LibreOffice).
    header = section.header
    header.paragraphs[0].paragraph_format.space_after = Pt(0)
    band = header.add_table(rows=1, cols=2, width=Cm(TEXT_WIDTH_CM))
    band.autofit = False
    left_cell, right_cell = band.rows[0].cells
    left_cell.width, right_cell.width = Cm(TEXT_WIDTH_CM * 0.7), Cm(TEXT_WIDTH_CM * 0.3)
    left = left_cell.paragraphs[0].add_run(xml_safe(f"{doc.cover.team} · {doc.cover.unit}"))
    left.font.size, left.font.color.rgb = Pt(7.5), GREY
    if doc.draft:
        right = right_cell.paragraphs[0]
        right.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        mark = right.add_run(f"DRAF — {_('belum final')}")
        mark.bold, mark.font.size, mark.font.color.rgb = True, Pt(9), RED
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for part in (_("Halaman") + " ", ("PAGE",), " " + _("dari") + " ", ("NUMPAGES",)):
        if isinstance(part, tuple):
            _field(footer, part[0])
        else:
            footer.add_run(part)
    for run in footer.runs:
        run.font.size = Pt(8)


def _cover(document: Any, doc: RisalahDocument) -> None:
    letterhead = doc.letterhead
    if letterhead.logo and letterhead.logo_type in ("image/png", "image/jpeg", "image/gif"):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        try:
            paragraph.add_run().add_picture(io.BytesIO(letterhead.logo), height=Cm(2.6))
        except Exception:  # an unreadable logo image must not stop the document
            paragraph.add_run(letterhead.official_name)
    for index, line in enumerate(letterhead.lines):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(xml_safe(line))
        run.bold = index == 0
        run.font.size = Pt(13 if index == 0 else 10)
    rule = document.add_paragraph()
    rule.paragraph_format.space_after = Pt(36)
    ppr = rule._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "thinThickSmallGap"), ("w:sz", "18"), ("w:space", "1"),
                       ("w:color", "000000")):  # fmt: skip
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)

    def centred(text: str, size: float, *, bold: bool = False, italic: bool = False,
                color: RGBColor | None = None, after: float = 6) -> None:  # fmt: skip
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(after)
        run = paragraph.add_run(xml_safe(text))
        run.bold, run.italic, run.font.size = bold, italic, Pt(size)
        if color is not None:
            run.font.color.rgb = color

    centred(doc.cover.title.upper(), 12, after=18)
    centred(doc.cover.tema, 20, bold=True, color=BLUE, after=12)
    centred(doc.cover.judul, 12, italic=True, after=30)
    table = add_table(
        document,
        [],
        [
            (_("Kelompok"), doc.cover.team),
            (_("Unit kerja"), doc.cover.unit),
            (_("Program"), doc.cover.programme),
            (_("Tahun"), doc.cover.year),
        ],
        widths=(0.3, 0.7),
        header_column=True,
    )
    for row in table.rows:
        for run in (r for c in row.cells for p in c.paragraphs for r in p.runs):
            run.font.size = Pt(10.5)
    document.add_paragraph().paragraph_format.space_after = Pt(30)
    centred(doc.cover.state, 11, bold=True, color=RED if doc.draft else None)
    centred(
        _("Disusun oleh TULTA dari isi langkah kelompok, %(when)s.") % {"when": doc.generated_text},
        8.5,
        color=GREY,
    )


def _headings(doc: RisalahDocument) -> list[str]:
    return [
        _("Lembar Pengesahan"),
        _("Kata Pengantar"),
        _("Daftar Gambar"),
        _("Identitas Kelompok"),
        _("Rencana dan Realisasi Kegiatan"),
        *(ch.heading for ch in doc.chapters),
        _("Hasil, Standar Baru dan Tema Berikutnya"),
        _("Daftar Lampiran"),
    ]


def _toc(document: Any, doc: RisalahDocument) -> None:
    """A TOC field whose cached result is the list of chapter titles: readable before Word or
    LibreOffice update it (then the page numbers appear), and replaced, not duplicated, after."""
    title = document.add_paragraph(_("Daftar Isi"), style="Title")
    title.paragraph_format.page_break_before = True
    note = document.add_paragraph()
    hint = note.add_run(
        _(
            "Nomor halaman daftar isi diperbarui otomatis saat dibuka; bila belum, klik kanan "
            "daftar isi lalu pilih Perbarui Bidang (Update Field)."
        )
    )
    hint.italic, hint.font.size, hint.font.color.rgb = True, Pt(8), GREY
    headings = _headings(doc)
    for index, heading in enumerate(headings):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(3)
        if index == 0:
            _fld_char(paragraph, "begin")
            _instr(paragraph, ' TOC \\o "1-2" \\h \\z \\u ')
            _fld_char(paragraph, "separate")
        paragraph.add_run(xml_safe(heading))
        if index == len(headings) - 1:
            _fld_char(paragraph, "end")


def _section(document: Any, section: Section, style: str = "Heading 2") -> None:
    document.add_paragraph(xml_safe(section.label), style=style)
    if section.empty:
        _empty(document, _("Bagian ini belum diisi."))
    else:
        add_html(document, section.html)


def _empty(document: Any, text: str) -> None:
    run = document.add_paragraph().add_run(text)
    run.italic, run.font.color.rgb = True, GREY


def _caption_text(figure: ToolFigure) -> str:
    """ "Gambar 1.3 — Pareto keluhan (Diagram Pareto)"; a tool shown as a Word table is a
    "Tabel" with the same number, so the PDF and the Word file number alike."""
    kind = _("Tabel %(n)s") if figure.word_table is not None else _("Gambar %(n)s")
    return f"{kind % {'n': figure.number}} — {figure.title} ({figure.tool_label})"


def _caption(document: Any, figure: ToolFigure) -> None:
    """The caption below the figure, in Word's own Caption style (Word's list of figures and
    cross-references find it)."""
    caption = document.add_paragraph(xml_safe(_caption_text(figure)), style="Caption")
    caption.paragraph_format.space_after = Pt(8)


def _figure(document: Any, chapter: int, number: int, figure: ToolFigure) -> None:
    if figure.word_table is not None:
        _tool_table(document, figure)
    else:
        _picture(document, figure)
    _caption(document, figure)
    if figure.reading:
        reading = document.add_paragraph()
        reading.paragraph_format.left_indent = Cm(0.5)
        text = reading.add_run(xml_safe(figure.reading))
        text.font.size = Pt(8.5)


def _tool_table(document: Any, figure: ToolFigure) -> None:
    """The tool's data as an editable Word table; the Gantt's marked weeks are shaded (plan
    blue, realisation green) as on the chart."""
    table = figure.word_table
    assert table is not None
    gantt = figure.tool == "gantt" and len(table.headers) > 3
    widths = None
    if gantt:
        weeks = len(table.headers) - 2
        widths = [0.24, 0.1, *([0.66 / weeks] * weeks)]
    word = add_table(document, table.headers, table.rows, widths=widths)
    word.rows[0].cells[0].paragraphs[0].paragraph_format.keep_with_next = True
    if gantt:
        for run in (r for row in word.rows for c in row.cells[2:] for p in c.paragraphs
                    for r in p.runs):  # fmt: skip
            run.font.size = Pt(7)  # two-digit week numbers fit their narrow columns
        for row, values in zip(word.rows[1:], table.rows, strict=True):
            fill = "9DC3E6" if values[1] == _("Rencana") else "A9D18E"
            for cell, value in zip(row.cells[2:], values[2:], strict=True):
                if value:
                    _shade(cell, fill)


def _picture(document: Any, figure: ToolFigure) -> None:
    png = figure.png() if figure.svg else None
    if png:
        size = _png_size(png)
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_with_next = True  # with its caption below
        width = Cm(TEXT_WIDTH_CM)
        if size and size[1] / size[0] * TEXT_WIDTH_CM > MAX_PICTURE_HEIGHT_CM:
            paragraph.add_run().add_picture(io.BytesIO(png), height=Cm(MAX_PICTURE_HEIGHT_CM))
        else:
            paragraph.add_run().add_picture(io.BytesIO(png), width=width)
    else:
        message = figure.message or _("Grafik belum tersedia.")
        box = document.add_paragraph()
        box.paragraph_format.left_indent = Cm(0.5)
        note = box.add_run(xml_safe(message))
        note.italic, note.font.size = True, Pt(9)
    if figure.table is not None:
        _data_table(document, figure.table)


def _data_table(document: Any, table: Table) -> None:
    add_table(document, table.headers, [[c or "—" for c in row] for row in table.rows])


def render_risalah_docx(doc: RisalahDocument) -> bytes:
    """The risalah as DOCX bytes. Pure: reads only ``doc`` (and draws the charts' PNGs)."""
    document = Document()
    _setup(document, doc)
    _cover(document, doc)
    _approval(document, doc)
    _foreword(document, doc)
    _toc(document, doc)
    _figure_list(document, doc)

    document.add_paragraph(_("Identitas Kelompok"), style="Heading 1")
    add_table(document, [], [(f.label, f.value) for f in doc.identity], widths=(0.3, 0.7),
              header_column=True)  # fmt: skip
    document.add_paragraph(_("Anggota"), style="Heading 2")
    if doc.members:
        add_table(
            document,
            [_("No."), _("Nama"), "NIP", _("Peran"), _("Unit")],
            [(str(m.number), m.name, m.nip, m.role, m.unit) for m in doc.members],
            widths=(0.07, 0.31, 0.26, 0.14, 0.22),
        )
    else:
        _empty(document, _("Belum ada anggota."))
    document.add_paragraph(_("Rapat kelompok"), style="Heading 2")
    document.add_paragraph(xml_safe(doc.meetings.summary))
    if doc.meetings.rows:
        add_table(
            document,
            [_("Tanggal"), _("Menit"), _("Tempat"), _("Agenda"), _("Hadir")],
            [(m.date, m.minutes, m.place, m.agenda, m.attendance) for m in doc.meetings.rows],
            widths=(0.24, 0.1, 0.2, 0.32, 0.14),
        )

    schedule = doc.schedule
    document.add_paragraph(_("Rencana dan Realisasi Kegiatan"), style="Heading 1")
    add_table(
        document,
        [_("Langkah / kegiatan"), schedule.planned_label, schedule.actual_label, _("Keterangan")],
        [(r.label, r.planned, r.actual, r.status) for r in schedule.rows],
        widths=(0.4, 0.2, 0.2, 0.2),
    )
    _note(document, schedule.note)

    for chapter in doc.chapters:
        heading = document.add_paragraph(xml_safe(chapter.heading), style="Heading 1")
        state = heading.add_run(f" ({chapter.state})")
        state.font.size, state.font.color.rgb = Pt(9), GREY
        if chapter.empty:
            _empty(document, _("Langkah ini belum diisi kelompok."))
        for part in chapter.sections:
            _section(document, part)
        for number, figure in enumerate(chapter.figures, start=1):
            _figure(document, chapter.number, number, figure)

    results = doc.results
    document.add_paragraph(_("Hasil, Standar Baru dan Tema Berikutnya"), style="Heading 1")
    document.add_paragraph(_("Indikator sebelum dan sesudah"), style="Heading 2")
    _indicators(document, doc)
    if results.sections:
        document.add_paragraph(_("Uraian kelompok"), style="Heading 2")
    for part in results.sections:
        _section(document, part, style="Heading 3")
    for label, closing, missing in (
        (_("Standar baru"), results.standard, _("Standar baru belum ditetapkan.")),
        (_("Tema berikutnya"), results.next_theme, _("Tema berikutnya belum ditentukan.")),
    ):
        document.add_paragraph(label, style="Heading 2")
        if closing is None or closing.empty:
            _empty(document, missing)
        else:
            add_html(document, closing.html)

    document.add_paragraph(_("Daftar Lampiran"), style="Heading 1")
    if doc.attachments:
        add_table(
            document,
            [_("No."), _("Judul"), _("Jenis"), _("Berkas"), _("Ukuran"), _("Diunggah")],
            [(str(a.number), a.title, a.kind, a.name, a.size, a.date) for a in doc.attachments],
            widths=(0.06, 0.3, 0.16, 0.19, 0.1, 0.19),
        )
    else:
        _empty(document, _("Belum ada lampiran."))
    _attachments(document, doc)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _signature(cell: Any, signatory: Any, *, centred: bool = False) -> None:
    paragraphs = []
    if signatory.lead:
        paragraphs.append(cell.paragraphs[0])
        paragraphs[-1].add_run(xml_safe(signatory.lead))
        title = cell.add_paragraph()
    else:
        title = cell.paragraphs[0]
    title.add_run(xml_safe(signatory.title)).bold = True
    title.paragraph_format.space_after = Pt(60)  # room to sign
    name = cell.add_paragraph()
    name.add_run(xml_safe(signatory.name or "……………………………………")).underline = True
    name.paragraph_format.space_after = Pt(0)
    nip = cell.add_paragraph(xml_safe(f"NIP {signatory.nip or '……………………………………'}"))
    nip.paragraph_format.space_after = Pt(24)
    if centred:
        for paragraph in [*paragraphs, title, name, nip]:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _approval(document: Any, doc: RisalahDocument) -> None:
    """The approval page: the proposers two by two, then the unit head who knows and
    approves, centred; no borders."""
    approval = doc.approval
    document.add_paragraph(_("Lembar Pengesahan"), style="Heading 1")
    document.add_paragraph(xml_safe(approval.intro))
    place = document.add_paragraph(xml_safe(approval.place_date))
    place.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    place.paragraph_format.space_before = Pt(18)
    place.paragraph_format.space_after = Pt(12)
    rows = approval.rows
    table = document.add_table(rows=len(rows), cols=2)
    table.autofit = False
    for row, pair in zip(table.rows, rows, strict=True):
        for cell, signatory in zip(row.cells, pair, strict=False):
            cell.width = Cm(TEXT_WIDTH_CM / 2)
            _signature(cell, signatory)
    head = document.add_table(rows=1, cols=1)
    head.alignment = WD_TABLE_ALIGNMENT.CENTER
    _signature(head.rows[0].cells[0], approval.head, centred=True)


def _foreword(document: Any, doc: RisalahDocument) -> None:
    foreword = doc.foreword
    document.add_paragraph(_("Kata Pengantar"), style="Heading 1")
    for text in foreword.paragraphs:
        paragraph = document.add_paragraph(xml_safe(text))
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = Cm(1)
        paragraph.paragraph_format.space_after = Pt(6)
    for index, text in enumerate(
        (foreword.place_date, foreword.signer_title, foreword.signer or "……………………………………")
    ):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.left_indent = Cm(TEXT_WIDTH_CM / 2)
        paragraph.paragraph_format.space_before = Pt(18 if index == 0 else 0)
        paragraph.paragraph_format.space_after = Pt(54 if index == 1 else 0)
        run = paragraph.add_run(xml_safe(text))
        run.bold = index == 1
        run.underline = index == 2


def _figure_list(document: Any, doc: RisalahDocument) -> None:
    """The daftar gambar: a Word list-of-figures field over the Caption paragraphs, whose
    cached result is the captions themselves (page numbers appear when Word updates it)."""
    document.add_paragraph(_("Daftar Gambar"), style="Heading 1")
    captions = [_caption_text(f) for f in doc.figures]
    if not captions:
        _empty(document, _("Belum ada gambar."))
        return
    for index, text in enumerate(captions):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(2)
        if index == 0:
            _fld_char(paragraph, "begin")
            _instr(paragraph, ' TOC \\h \\z \\t "Caption,1" ')
            _fld_char(paragraph, "separate")
        paragraph.add_run(xml_safe(text))
        if index == len(captions) - 1:
            _fld_char(paragraph, "end")


def _indicators(document: Any, doc: RisalahDocument) -> None:
    """Each indicator as the impact ledger reports it; without any, the before/after read from
    the evaluation charts, said to be untested."""
    results = doc.results
    if not results.indicators:
        indicator = results.indicator
        _note(
            document,
            _(
                "Kelompok belum mencatat indikator layanan dengan data pengukuran sebelum dan "
                "sesudah, sehingga belum ada uji statistik. Angka berikut dibaca dari grafik "
                "langkah evaluasi."
            ),
        )
        add_table(
            document,
            [_("Indikator"), _("Satuan"), _("Arah perbaikan"), _("Sebelum"), _("Sesudah"),
             _("Perubahan")],
            [(indicator.name, indicator.unit, indicator.direction, indicator.before,
              indicator.after, indicator.change)],
            widths=(0.3, 0.12, 0.22, 0.12, 0.12, 0.12),
        )  # fmt: skip
        _note(document, indicator.source)
        return
    rows = []
    for ind in results.indicators:
        if ind.tested:
            verdict = _("membaik nyata") if ind.improved else _("belum terbukti membaik")
            if ind.target_text:
                verdict += f"; {ind.target_text}"
        else:
            verdict = _("belum diuji")
        name = ind.name + (f" ({_('utama')})" if ind.primary else "")
        rows.append(
            (
                name,
                ind.before or "—",
                ind.after or "—",
                ind.change or "—",
                ind.target or "—",
                f"{ind.n}; p {ind.p_value}" if ind.tested else "—",
                verdict,
            )
        )
    add_table(
        document,
        [_("Indikator"), _("Sebelum"), _("Sesudah"), _("Perubahan"), _("Sasaran"),
         _("n / p"), _("Kesimpulan")],
        rows,
        widths=(0.21, 0.12, 0.12, 0.15, 0.11, 0.11, 0.18),
    )  # fmt: skip
    for ind in results.indicators:
        paragraph = document.add_paragraph()
        if ind.tested:
            text = ind.verdict
            if ind.target_text:
                text += " " + _("Sasaran %(target)s: %(t)s.") % {
                    "target": ind.target,
                    "t": ind.target_text,
                }
            paragraph.add_run(xml_safe(text))
            method = paragraph.add_run(xml_safe(" " + _("Metode:") + " " + ind.method))
            method.font.size, method.font.color.rgb = Pt(8), GREY
        else:
            paragraph.add_run(xml_safe(ind.name + ". ")).bold = True
            paragraph.add_run(xml_safe(ind.reason))
    _note(
        document,
        _(
            "Angka dan kesimpulan ini dihitung dari data pengukuran indikator yang sama dengan "
            "buku dampak (ledger) pemda."
        ),
    )


def _attachments(document: Any, doc: RisalahDocument) -> None:
    """The lampiran's pictures and Word texts; a PDF attachment is named (its pages are in
    the PDF version of the risalah)."""
    for attachment in doc.attachments:
        heading = document.add_paragraph(style="Heading 2")
        heading.paragraph_format.page_break_before = True
        heading.add_run(
            xml_safe(
                _("Lampiran %(n)d. %(title)s (%(kind)s)")
                % {"n": attachment.number, "title": attachment.title, "kind": attachment.kind}
            )
        )
        if attachment.image:
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            size = _image_size(attachment.image)
            try:
                if size and size[1] / size[0] * TEXT_WIDTH_CM > MAX_PICTURE_HEIGHT_CM:
                    paragraph.add_run().add_picture(
                        io.BytesIO(attachment.image), height=Cm(MAX_PICTURE_HEIGHT_CM)
                    )
                else:
                    paragraph.add_run().add_picture(
                        io.BytesIO(attachment.image), width=Cm(TEXT_WIDTH_CM)
                    )
            except Exception:  # an image Word cannot take must not stop the document
                _empty(document, attachment.name)
        elif attachment.text:
            for text in attachment.text:
                document.add_paragraph(xml_safe(text))
        elif attachment.pdf_pages:
            _empty(
                document,
                _("Berkas PDF %(name)s, %(n)d halaman: halamannya tercetak pada versi PDF.")
                % {"name": attachment.name, "n": attachment.pdf_pages},
            )
        else:
            _empty(document, f"{attachment.note} ({attachment.name})")


def _note(document: Any, text: str) -> None:
    if text:
        run = document.add_paragraph().add_run(xml_safe(text))
        run.font.size, run.font.color.rgb = Pt(8), GREY
