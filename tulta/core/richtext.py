"""Safe rich text: what teams write in a risalah step. Headings, paragraphs, lists, bold and
italic, tables and links survive; anything that could run script does not."""

from __future__ import annotations

import re

import nh3

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "strong", "b", "em", "i", "u", "s",
    "blockquote", "table", "thead", "tbody", "tr", "th", "td", "a", "sub", "sup",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}
_TAG = re.compile(r"<[^>]+>")


def clean_html(html: str) -> str:
    """Sanitise user HTML (allow-list; links get rel=noopener noreferrer nofollow)."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    ).strip()


def plain_text(html: str) -> str:
    """The visible words of sanitised HTML, for checks and search."""
    text = _TAG.sub(" ", html or "")
    text = text.replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<")
    return " ".join(text.replace("&gt;", ">").split())


def is_blank(html: str) -> bool:
    return plain_text(html) == ""
