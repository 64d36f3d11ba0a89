"""The per-section three-way merge of a step (issue 21 point 8): a table of cases."""

from __future__ import annotations

import pytest

from tulta.risalah.merge import merge_sections

B = {"masalah": "<p>A</p>", "usg": "<p>U</p>", "tema": "<p>T</p>"}

CASES = [
    # (name, base, mine, theirs, merged, from_theirs, from_mine, conflicts)
    ("nobody changed anything", B, B, B, B, (), (), ()),
    (
        "only mine changed a section",
        B,
        {**B, "masalah": "<p>A mine</p>"},
        B,
        {**B, "masalah": "<p>A mine</p>"},
        (),
        ("masalah",),
        (),
    ),
    (
        "only theirs changed a section",
        B,
        B,
        {**B, "usg": "<p>U theirs</p>"},
        {**B, "usg": "<p>U theirs</p>"},
        ("usg",),
        (),
        (),
    ),
    (
        "each changed a different section",
        B,
        {**B, "masalah": "<p>A mine</p>"},
        {**B, "usg": "<p>U theirs</p>"},
        {**B, "masalah": "<p>A mine</p>", "usg": "<p>U theirs</p>"},
        ("usg",),
        ("masalah",),
        (),
    ),
    (
        "both changed one section to the same text",
        B,
        {**B, "tema": "<p>T2</p>"},
        {**B, "tema": "<p>T2</p>"},
        {**B, "tema": "<p>T2</p>"},
        (),
        (),
        (),
    ),
    (
        "both changed one section differently: the stored text waits for a choice",
        B,
        {**B, "tema": "<p>T mine</p>"},
        {**B, "tema": "<p>T theirs</p>"},
        B | {"tema": "<p>T theirs</p>"},
        (),
        (),
        ("tema",),
    ),
    (
        "a conflict beside a section from each side",
        B,
        {**B, "masalah": "<p>A mine</p>", "tema": "<p>T mine</p>"},
        {**B, "usg": "<p>U theirs</p>", "tema": "<p>T theirs</p>"},
        {"masalah": "<p>A mine</p>", "usg": "<p>U theirs</p>", "tema": "<p>T theirs</p>"},
        ("usg",),
        ("masalah",),
        ("tema",),
    ),
    (
        "theirs emptied a section I did not touch",
        B,
        B,
        {**B, "usg": ""},
        {**B, "usg": ""},
        ("usg",),
        (),
        (),
    ),
    (
        "I emptied a section they did not touch",
        B,
        {**B, "usg": ""},
        B,
        {**B, "usg": ""},
        (),
        ("usg",),
        (),
    ),
    (
        "I emptied a section they changed: a conflict, nothing lost",
        B,
        {**B, "usg": ""},
        {**B, "usg": "<p>U theirs</p>"},
        {**B, "usg": "<p>U theirs</p>"},
        (),
        (),
        ("usg",),
    ),
    (
        "a section new on both sides from an empty base",
        {},
        {"masalah": "<p>mine</p>"},
        {"usg": "<p>theirs</p>"},
        {"masalah": "<p>mine</p>", "usg": "<p>theirs</p>"},
        ("usg",),
        ("masalah",),
        (),
    ),
    (
        "both filled the same empty section",
        {},
        {"masalah": "<p>mine</p>"},
        {"masalah": "<p>theirs</p>"},
        {"masalah": "<p>theirs</p>"},
        (),
        (),
        ("masalah",),
    ),
    (
        "an unknown base: every difference is a conflict",
        None,
        {**B, "masalah": "<p>A mine</p>"},
        {**B, "usg": "<p>U theirs</p>"},
        {**B, "usg": "<p>U theirs</p>"},
        (),
        (),
        ("masalah", "usg"),
    ),
]


@pytest.mark.parametrize(
    ("base", "mine", "theirs", "merged", "from_theirs", "from_mine", "conflicts"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_merge_sections(base, mine, theirs, merged, from_theirs, from_mine, conflicts):
    result = merge_sections(base, mine, theirs, order=("masalah", "usg", "tema"))
    assert result.merged == merged
    assert result.from_theirs == from_theirs
    assert result.from_mine == from_mine
    assert result.conflicts == conflicts
    assert result.clean is (not conflicts)


def test_sections_are_reported_in_the_steps_order_then_by_code():
    base = {"a": "", "z": "", "m": ""}
    theirs = {"a": "1", "z": "1", "m": "1", "catatan": "1"}
    result = merge_sections(base, base, theirs, order=("z", "m"))
    assert result.from_theirs == ("z", "m", "a", "catatan")
