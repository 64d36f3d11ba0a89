"""Three-way merge of a step's sections (its narrative fields), section by section.

Two tabs (or two people) edit one step; the second to save started from an older version. With
``base`` the sections that tab loaded, ``mine`` what it posts and ``theirs`` what is stored now:
a section changed by one side only takes that side's text; a section changed by both, to
different texts, is a conflict the writer chooses. Pure: no Django, no database.

A section missing from a mapping is empty (""), except that ``base=None`` means the loaded
version is unknown: then every section the two sides hold differently is a conflict.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class SectionMerge:
    """The outcome. ``merged`` holds every section: the agreed text, and for a conflict the
    stored one (``theirs``) until the writer chooses. ``from_theirs`` are the sections only the
    other side changed (the writer's page must show their text now), ``from_mine`` the sections
    only the writer changed, ``conflicts`` those both changed differently; each in the order of
    ``order`` (then the rest sorted)."""

    merged: dict[str, str]
    from_theirs: tuple[str, ...]
    from_mine: tuple[str, ...]
    conflicts: tuple[str, ...]

    @property
    def clean(self) -> bool:
        return not self.conflicts


def merge_sections(
    base: Mapping[str, str] | None,
    mine: Mapping[str, str],
    theirs: Mapping[str, str],
    *,
    order: tuple[str, ...] = (),
) -> SectionMerge:
    """Merge ``mine`` into ``theirs`` over their common ``base``, section by section."""
    codes = set(mine) | set(theirs) | set(base or {})
    ordered = [c for c in order if c in codes] + sorted(codes - set(order))
    merged: dict[str, str] = {}
    from_theirs: list[str] = []
    from_mine: list[str] = []
    conflicts: list[str] = []
    for code in ordered:
        m, t = mine.get(code, ""), theirs.get(code, "")
        if m == t:
            merged[code] = t
            continue
        if base is None:
            merged[code] = t
            conflicts.append(code)
            continue
        b = base.get(code, "")
        if m == b:  # only they changed it
            merged[code] = t
            from_theirs.append(code)
        elif t == b:  # only I changed it
            merged[code] = m
            from_mine.append(code)
        else:  # both, differently
            merged[code] = t
            conflicts.append(code)
    return SectionMerge(merged, tuple(from_theirs), tuple(from_mine), tuple(conflicts))
