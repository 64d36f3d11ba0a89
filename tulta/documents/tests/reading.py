"""Reopening rendered documents the way a reader's software does."""

from __future__ import annotations

import io
import re
from typing import Any

import docx
from pypdf import PdfReader


def pdf_pages(data: bytes) -> list[str]:
    """The text of every page, whitespace collapsed."""
    reader = PdfReader(io.BytesIO(data))
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


def pdf_text(data: bytes) -> str:
    return " ".join(pdf_pages(data))


def docx_text(data: bytes) -> str:
    """Every paragraph of the body, its tables (nested too), headers and footers."""
    document = docx.Document(io.BytesIO(data))
    parts: list[str] = []

    def cells(tables: Any) -> None:
        for table in tables:
            for row in table.rows:
                for cell in row.cells:
                    parts.extend(p.text for p in cell.paragraphs)
                    cells(cell.tables)

    parts.extend(p.text for p in document.paragraphs)
    cells(document.tables)
    for section in document.sections:
        parts.extend(p.text for p in section.header.paragraphs)
        cells(section.header.tables)
        parts.extend(p.text for p in section.footer.paragraphs)
    return " ".join(" ".join(parts).split())


def squash(text: str) -> str:
    """Text without any whitespace, for phrases a PDF may break across lines."""
    return re.sub(r"\s+", "", text)


def painted_images(page: Any) -> list[str]:
    """The names of the pictures a PDF page paints (``/name Do`` in its content). WeasyPrint
    shares one resource dictionary between pages, so being listed there says nothing."""
    xobjects = page["/Resources"].get("/XObject", {})
    content = page.get_contents().get_data().decode("latin-1")
    return [
        name
        for name, x in xobjects.items()
        if x.get_object().get("/Subtype") == "/Image" and f"{name} Do" in content
    ]
