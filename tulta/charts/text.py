"""Text measurement and wrapping in the chart font (DejaVu Sans), in points.

Widths come from the font's own advance widths (cached per character), so labels can be
wrapped and boxes sized *before* anything is drawn: the layout of every chart is computed, not
guessed, and no label can run over another. Kerning is ignored (it narrows DejaVu Sans text by
well under 1%); :data:`SAFETY` covers it.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import Any, cast

from matplotlib.font_manager import FontProperties, findfont, get_font
from matplotlib.ft2font import Kerning, LoadFlags

__all__ = [
    "FAMILY",
    "LINE_SPACING",
    "fit",
    "line_height",
    "svg_text_extent",
    "text_height",
    "text_width",
    "wrap",
]

#: The one font family of every chart (bundled with matplotlib, installed with DejaVu fonts).
FAMILY = "DejaVu Sans"
#: Line spacing of multi-line text (matplotlib's ``linespacing``).
LINE_SPACING = 1.2
#: Measured widths are multiplied by this before comparing with the room available.
SAFETY = 1.03
ELLIPSIS = "…"

_ADVANCE: dict[bool, dict[str, float]] = {False: {}, True: {}}
_LOCK = threading.Lock()


@lru_cache(maxsize=2)
def _font_path(bold: bool) -> str:
    return str(findfont(FontProperties(family=FAMILY, weight="bold" if bold else "normal")))


def _learn(chars: set[str], bold: bool) -> None:
    """Measure the advance widths (in ems) of characters not seen before."""
    table = _ADVANCE[bold]
    with _LOCK:
        font = get_font(_font_path(bold))
        font.set_size(100, 72)  # 100 pixels per em
        for char in chars:
            glyph = font.load_char(ord(char), flags=LoadFlags.NO_HINTING)
            table[char] = glyph.linearHoriAdvance / 65536 / 100


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Width in points of ``text`` (its widest line) at ``size`` points."""
    table = _ADVANCE[bold]
    if not table.keys() >= set(text):
        _learn(set(text) - table.keys() - {"\n"}, bold)
    if "\n" not in text:
        return sum(map(table.__getitem__, text)) * size * SAFETY
    widest = max(sum(map(table.__getitem__, line)) for line in text.split("\n"))
    return widest * size * SAFETY


#: Per font file: each character's (advance, glyph index, lowest and highest ink) in ems, and
#: the kerning of glyph pairs in ems, for :func:`svg_text_extent`.
_GLYPHS: dict[str, dict[str, tuple[float, int, float, float]]] = {}
_KERNING: dict[str, dict[tuple[int, int], float]] = {}
#: Letter pairs the font may join into one glyph (a ligature): measured by matplotlib itself.
_LIGATURES = ("ff", "fi", "fl")
_EM = 1000.0


def svg_text_extent(text: str, font_path: str, size: float) -> tuple[float, float, float] | None:
    """Width, height and descent in points of one line of ``text``, as matplotlib measures it
    before placing text in an SVG (``TextToPath.get_text_width_height_descent``), or None
    when only matplotlib can tell (a character missing from the font, a possible ligature).

    matplotlib 3.11 shapes the whole string with FreeType and HarfBuzz on every call (about
    1.5 ms for a 40-letter label, a third of a fishbone's drawing time); this adds cached
    glyph advances and kerning pairs (within 0.01 pt of it: the width is the advance with
    kerning, the height and descent those of the inked glyphs).
    """
    if any(pair in text for pair in _LIGATURES):
        return None
    glyphs = _GLYPHS.setdefault(font_path, {})
    if not glyphs.keys() >= set(text):
        with _LOCK:
            font = get_font(font_path)
            font.set_size(_EM, 72)
            for char in set(text) - glyphs.keys():
                index = int(font.get_char_index(ord(char)))
                if index == 0:  # not in this font: matplotlib falls back to another
                    glyphs[char] = (0.0, 0, 0.0, 0.0)
                    continue
                glyph = font.load_char(ord(char), flags=LoadFlags.NO_HINTING)
                _x0, ink_low, _x1, ink_high = glyph.bbox
                glyphs[char] = (
                    glyph.linearHoriAdvance / 65536 / _EM,
                    index,
                    ink_low / 64 / _EM,
                    ink_high / 64 / _EM,
                )
    if not text:
        return 0.0, 0.0, 0.0
    if any(glyphs[char][1] == 0 for char in text):
        return None
    kerning = _KERNING.setdefault(font_path, {})
    width, low, high = 0.0, 0.0, 0.0
    previous = -1
    for char in text:
        advance, index, bottom, top = glyphs[char]
        if previous >= 0:
            pair = (previous, index)
            kern: float | None = kerning.get(pair)
            if kern is None:
                with _LOCK:
                    font = get_font(font_path)
                    font.set_size(_EM, 72)
                    left, right = cast(Any, pair)  # glyph indices (a NewType of int in the stubs)
                    kern = kerning[pair] = (
                        font.get_kerning(left, right, Kerning.UNFITTED) / 64 / _EM
                    )
            width += kern
        width += advance
        low, high = min(low, bottom), max(high, top)
        previous = index
    return width * size, (high - low) * size, -low * size


def line_height(size: float) -> float:
    """Distance in points between the baselines of two lines at ``size`` points."""
    return size * LINE_SPACING


def text_height(lines: int, size: float) -> float:
    """Height in points of a block of ``lines`` lines (from the top of the first line to the
    bottom of the last, descenders included)."""
    return size * (1.0 + LINE_SPACING * max(lines - 1, 0)) + size * 0.25 if lines else 0.0


def _split_word(word: str, width: float, size: float, bold: bool) -> list[str]:
    """Break a word wider than ``width`` into pieces that fit."""
    pieces: list[str] = []
    current = ""
    for ch in word:
        if current and text_width(current + ch, size, bold=bold) > width:
            pieces.append(current)
            current = ch
        else:
            current += ch
    if current:
        pieces.append(current)
    return pieces


def wrap(text: str, width: float, size: float, *, bold: bool = False) -> list[str]:
    """Greedy word wrap of ``text`` into lines no wider than ``width`` points.

    Explicit newlines are kept; a word wider than a line is broken between characters (the
    only case where a line is not at a space). Returns at least one (possibly empty) line.
    """
    lines: list[str] = []
    for paragraph in str(text).split("\n"):
        words = paragraph.split()
        if not words:
            lines.append("")
            continue
        current = ""
        for word in words:
            candidate = f"{current} {word}" if current else word
            if text_width(candidate, size, bold=bold) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            if text_width(word, size, bold=bold) <= width:
                current = word
            else:
                *full, current = _split_word(word, width, size, bold)
                lines.extend(full)
        lines.append(current)
    return lines


def fit(
    text: str, width: float, size: float, *, max_lines: int, bold: bool = False
) -> tuple[list[str], bool]:
    """Wrap ``text`` into at most ``max_lines`` lines; cut the last with "…" if it overflows.

    Returns ``(lines, complete)`` where ``complete`` is False when text was cut.
    """
    lines = wrap(text, width, size, bold=bold)
    if len(lines) <= max_lines:
        return lines, True
    kept = lines[:max_lines]
    last = kept[-1]
    while last and text_width(last + ELLIPSIS, size, bold=bold) > width:
        last = last[:-1].rstrip()
    kept[-1] = last + ELLIPSIS
    return kept, False


def breaks_words(text: str, width: float, size: float, *, bold: bool = False) -> bool:
    """True when some word of ``text`` is wider than ``width`` (wrapping would split it)."""
    return any(text_width(w, size, bold=bold) > width for w in str(text).split())
