"""Word-level differences between two versions of a step's section, for the mentor who returned
the step (#21 point 9). The sections are sanitised HTML; the diff is of their visible words,
paragraph breaks kept, every word escaped, and marked only with ``<del class="diff-del">`` and
``<ins class="diff-ins">`` (the colours are in the static CSS; no inline style)."""

from __future__ import annotations

import difflib
import html
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

NEWLINE = "\n"
_BREAK = re.compile(r"<br\s*/?>|</(?:p|h2|h3|h4|li|tr|blockquote|table|ul|ol)\s*>", re.I)
_CELL = re.compile(r"</t[dh]\s*>", re.I)
_TAG = re.compile(r"<[^>]+>")
_TOKEN = re.compile(r"\n|[^\s]+")


def words(section_html: str) -> list[str]:
    """The visible words of ``section_html`` in order, a NEWLINE token between blocks."""
    text = _BREAK.sub("\n", section_html or "")
    text = _CELL.sub(" ", text)
    text = html.unescape(_TAG.sub("", text)).replace("\xa0", " ")
    tokens: list[str] = []
    for token in _TOKEN.findall(text):
        if token == NEWLINE and (not tokens or tokens[-1] == NEWLINE):
            continue
        tokens.append(token)
    while tokens and tokens[-1] == NEWLINE:
        tokens.pop()
    return tokens


def _render(tokens: list[str]) -> str:
    out: list[str] = []
    for token in tokens:
        if token == NEWLINE:
            out.append("<br>")
        else:
            if out and out[-1] != "<br>":
                out.append(" ")
            out.append(str(escape(token)))
    return "".join(out)


def word_diff(old_html: str, new_html: str) -> SafeString:
    """The new text with the words removed since ``old_html`` in ``<del>`` and those added in
    ``<ins>``. Safe to put in a page: every word is escaped here."""
    old, new = words(old_html), words(new_html)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    parts: list[str] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(_render(new[j1:j2]))
            continue
        if op in ("delete", "replace"):
            parts.append(f'<del class="diff-del">{_render(old[i1:i2])}</del>')
        if op in ("insert", "replace"):
            parts.append(f'<ins class="diff-ins">{_render(new[j1:j2])}</ins>')
    return mark_safe(" ".join(p for p in parts if p))  # noqa: S308 - every word escaped in _render
