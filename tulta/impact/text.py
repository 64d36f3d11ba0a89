"""A light Indonesian stemmer for searching where PostgreSQL's ``indonesian`` text-search
configuration is not available (SQLite). It strips, in the order of the Snowball Indonesian
algorithm that PostgreSQL uses: particles (-lah, -kah, -tah, -pun), possessives (-ku, -mu, -nya),
the first-order prefixes (meng-, meny-, mem-, men-, me-, peng-, peny-, pem-, pen-, pe-, di-, ter-,
ke-), the second-order prefixes (ber-, be-, per-) and the suffixes (-kan, -an, -i), keeping at
least three letters. It is deliberately rough: it needs to map word forms of one root together
(pelayanan, layanan → layan; mempercepat, percepatan → cepat; antrean → antre), not to be
linguistically exact.
"""

from __future__ import annotations

import re

WORD = re.compile(r"[a-z0-9]+")
_PARTICLES = ("lah", "kah", "tah", "pun")
_POSSESSIVES = ("nya", "ku", "mu")
_FIRST = (
    ("meng", ""),
    ("meny", "s"),
    ("mem", "p"),
    ("men", ""),
    ("me", ""),
    ("peng", ""),
    ("peny", "s"),
    ("pem", "p"),
    ("pen", ""),
    ("di", ""),
    ("ter", ""),
    ("ke", ""),
)
_SECOND = ("per", "ber", "be", "pe")
_SUFFIXES = ("kan", "an", "i")
_MIN = 3
_VOWELS = set("aeiou")


def _syllables(word: str) -> int:
    return sum(1 for c in word if c in _VOWELS)


def stem(word: str) -> str:
    w = word.lower()
    if _syllables(w) <= 2 or len(w) <= 4:
        return w
    for p in _PARTICLES:
        if w.endswith(p) and _syllables(w[: -len(p)]) >= 2:
            w = w[: -len(p)]
            break
    for p in _POSSESSIVES:
        if w.endswith(p) and _syllables(w[: -len(p)]) >= 2:
            w = w[: -len(p)]
            break
    for prefix, replacement in _FIRST:
        rest = w[len(prefix) :]
        if w.startswith(prefix) and len(rest) >= _MIN and _syllables(rest) >= 1:
            # "mem"+vowel and "meny"+vowel hide a dropped first consonant (p, s).
            if replacement and rest[0] in _VOWELS:
                rest = replacement + rest
            elif replacement and prefix in ("mem", "pem") and rest[0] not in "bfpv":
                rest = "m" + rest if rest[0] in _VOWELS else rest
            w = rest
            break
    for prefix in _SECOND:
        rest = w[len(prefix) :]
        if w.startswith(prefix) and len(rest) >= _MIN and _syllables(rest) >= 2:
            w = rest
            break
    for suffix in _SUFFIXES:
        rest = w[: -len(suffix)]
        if w.endswith(suffix) and len(rest) >= _MIN and _syllables(rest) >= 2:
            w = rest
            break
    return w


def stems(text: str) -> list[str]:
    """The stems of the words of ``text``, in order, without repeats."""
    return list(dict.fromkeys(stem(w) for w in WORD.findall(text.lower())))
