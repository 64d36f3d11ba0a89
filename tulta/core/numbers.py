"""Reading numbers as Indonesian offices type them ("7,5", "1.250", "1.250.000,5"), the English
form accepted too. One parser for the tool grids, the spreadsheets, the measurements and every
numeric form field (:mod:`tulta.core.fields`). Pure Python; no Django import."""

from __future__ import annotations

import math
import re

_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


def parse_number(raw: str) -> float:
    """Parse a number as Indonesian offices write it, accepting the English form too.

    "29,6" -> 29.6; "1.250" -> 1250; "1.250.000,5" -> 1250000.5; "1,250.5" -> 1250.5;
    "12.5" -> 12.5; "−3" (true minus) -> -3; "45%" -> 45. Raises ValueError otherwise.
    """
    text = raw.strip().replace("\u2212", "-").replace(" ", "").replace("\u00a0", "")
    text = text.removesuffix("%").removeprefix("Rp").removeprefix("rp")
    if not text:
        raise ValueError(raw)
    if "," in text and "." in text:
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    elif "," in text:
        text = text.replace(",", ".") if text.count(",") == 1 else text.replace(",", "")
    elif _THOUSANDS.match(text):
        text = text.replace(".", "")
    value = float(text)
    if math.isnan(value) or math.isinf(value):
        raise ValueError(raw)
    return value
