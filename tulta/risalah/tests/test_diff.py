"""The mentor's word-level diff of a step's section (#21 point 9)."""

from __future__ import annotations

import pytest

from tulta.risalah.diff import NEWLINE, word_diff, words


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("", []),
        ("<p>Antrean KTP-el panjang</p>", ["Antrean", "KTP-el", "panjang"]),
        ("<p>satu</p><p>dua</p>", ["satu", NEWLINE, "dua"]),
        ("<ul><li>a</li><li>b</li></ul>", ["a", NEWLINE, "b"]),
        ("<p>a&nbsp;&amp;&nbsp;b</p>", ["a", "&", "b"]),
        ("<table><tr><td>U5</td><td>S4</td></tr></table>", ["U5", "S4"]),
        ("<p>baris<br>baru</p><p></p>", ["baris", NEWLINE, "baru"]),
    ],
)
def test_words_are_the_visible_words_with_block_breaks(html, expected):
    assert words(html) == expected


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("<p>sama saja</p>", "<p>sama saja</p>", "sama saja"),
        (
            "<p>waktu tunggu 45 menit</p>",
            "<p>waktu tunggu 15 menit</p>",
            'waktu tunggu <del class="diff-del">45</del> <ins class="diff-ins">15</ins> menit',
        ),
        ("<p>a b</p>", "<p>a b c</p>", 'a b <ins class="diff-ins">c</ins>'),
        ("<p>a b c</p>", "<p>a c</p>", 'a <del class="diff-del">b</del> c'),
        ("", "<p>baru</p>", '<ins class="diff-ins">baru</ins>'),
        ("<p>satu</p>", "<p>satu</p><p>dua</p>", 'satu <ins class="diff-ins"><br>dua</ins>'),
    ],
)
def test_word_diff_marks_removed_and_added_words(old, new, expected):
    assert word_diff(old, new) == expected


def test_word_diff_escapes_what_was_written():
    result = word_diff("<p>a</p>", "<p>a &lt;script&gt;alert(1)&lt;/script&gt;</p>")
    assert "<script>" not in result
    assert '<ins class="diff-ins">&lt;script&gt;alert(1)&lt;/script&gt;</ins>' in result
    assert "style=" not in result
