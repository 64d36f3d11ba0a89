"""The name a downloaded file gets: one rule for every download (attachments, risalah
documents, programme books)."""

from __future__ import annotations

import re

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')


def download_filename(stem: str, extension: str, *, max_length: int = 100) -> str:
    """``stem.extension``, readable and safe on every desktop: characters Windows refuses become
    spaces, the stem is shortened to ``max_length``, and an extension the stem already ends with
    (a title typed as "polyglot.pdf") is not written twice. An empty stem becomes "berkas"."""
    ext = extension.lstrip(".").lower()
    text = " ".join(_UNSAFE.sub(" ", stem).split())
    suffix = f".{ext}"
    while ext and text.lower().endswith(suffix):
        text = text[: -len(suffix)].rstrip()
    text = text[:max_length].rstrip(" .-") or "berkas"
    return f"{text}.{ext}" if ext else text
