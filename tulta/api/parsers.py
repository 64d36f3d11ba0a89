"""JSON bodies, refused cheaply when they nest too deep.

``json.loads`` recurses once per level: a body of 2,000 ``[`` (a few kilobytes, sent even
without a token to the token endpoint) ends in a RecursionError, a 500. Before parsing, a scan of
the raw bytes counts the nesting outside strings; a body deeper than ``MAX_DEPTH`` is a 400. No
request of this API nests more than four levels.
"""

from __future__ import annotations

import json
import re
from typing import Any

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser
from rest_framework.utils.json import strict_constant

MAX_DEPTH = 32
STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
BRACKET = re.compile(rb"[\[\]{}]")
OPENERS = frozenset(b"[{")


def too_deep(raw: bytes, limit: int = MAX_DEPTH) -> bool:
    """Whether arrays and objects in ``raw`` nest deeper than ``limit``, strings skipped.
    Linear; the bracket loop runs only when there are more openers than ``limit``."""
    if raw.count(b"[") + raw.count(b"{") <= limit:
        return False
    depth = 0
    for match in BRACKET.finditer(STRING.sub(b'""', raw)):
        if match.group()[0] in OPENERS:
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


class DepthLimitedJSONParser(JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        raw = stream.read() if stream is not None else b""
        if too_deep(raw):
            raise ParseError(
                _("JSON bersarang terlalu dalam (lebih dari %(max)d tingkat).") % {"max": MAX_DEPTH}
            )
        encoding = (parser_context or {}).get("encoding") or "utf-8"
        try:
            text = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            raise ParseError(
                _("Isi permintaan bukan teks %(encoding)s.") % {"encoding": encoding}
            ) from None
        try:
            return json.loads(text, parse_constant=strict_constant if self.strict else None)
        except json.JSONDecodeError as exc:
            raise ParseError(
                _("JSON tidak sah di baris %(line)d, kolom %(column)d.")
                % {"line": exc.lineno, "column": exc.colno}
            ) from None
        except ValueError:  # NaN or Infinity, which JSON does not have
            raise ParseError(_("JSON tidak sah: NaN dan Infinity bukan angka JSON.")) from None
