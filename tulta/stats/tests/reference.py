"""Loading the qcc reference outputs (tests/reference/qcc, copied from the shared reference).

qcc indices are 1-based; the helpers here convert them to the 0-based indices of tulta.stats.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

REFERENCE_DIR = Path(__file__).parent / "reference" / "qcc"

QCC_TYPES = {
    "xbar": "xbar",
    "R": "R",
    "S": "S",
    "xbar.one": "individuals",
    "p": "p",
    "np": "np",
    "c": "c",
    "u": "u",
}


@cache
def load(name: str) -> dict[str, Any]:
    """One reference JSON file by name (without the .json)."""
    with (REFERENCE_DIR / f"{name}.json").open(encoding="utf-8") as fh:
        return json.load(fh)  # type: ignore[no-any-return]


def case_names() -> list[str]:
    """The case files present (``case_*.json``), sorted."""
    return sorted(p.stem for p in REFERENCE_DIR.glob("case_*.json"))


def charts() -> list[tuple[str, dict[str, Any]]]:
    """Every (case id, chart) pair of every case file."""
    out = []
    for name in case_names():
        for chart in load(name)["charts"]:
            out.append((f"{name.removeprefix('case_')}:{chart['chart_id']}", chart))
    return out


def capabilities() -> list[tuple[str, dict[str, Any]]]:
    """Every (case id, capability analysis) pair."""
    out = []
    for name in case_names():
        for cap in load(name).get("capability", []):
            out.append((f"{name.removeprefix('case_')}:{cap['capability_id']}", cap))
    return out


def matrix(rows: Any) -> Any:
    """qcc's JSON matrix (null = missing) as a float array with NaN; vectors unchanged."""
    return np.array([[np.nan if v is None else v for v in row] for row in rows], dtype=float)


def chart_kwargs(kind: str, inputs: dict[str, Any], qcc_args: dict[str, Any]) -> dict[str, Any]:
    """Translate a qcc() call (data kind, inputs, further arguments) into control_chart kwargs."""
    kwargs: dict[str, Any] = {"chart": QCC_TYPES[kind]}
    data = inputs["data"]
    kwargs["data"] = matrix(data) if inputs["data_kind"] == "matrix" else np.array(data, float)
    if inputs.get("sizes") is not None:
        sizes = inputs["sizes"]
        kwargs["sizes"] = sizes[0] if len(sizes) == 1 else sizes
    if inputs.get("newdata") is not None:
        nd = inputs["newdata"]
        kwargs["newdata"] = (
            matrix(nd) if inputs["newdata_kind"] == "matrix" else np.array(nd, float)
        )
    if inputs.get("newsizes") is not None:
        ns = inputs["newsizes"]
        kwargs["newsizes"] = ns[0] if len(ns) == 1 else ns
    for key, value in qcc_args.items():
        if key == "std.dev":
            if isinstance(value, str):
                kwargs["sigma_method"] = value.lower()
            else:
                kwargs["std_dev"] = value
        elif key == "nsigmas":
            kwargs["nsigmas"] = value
        elif key == "confidence.level":
            kwargs["confidence_level"] = value
        elif key == "rules":
            kwargs["rules"] = tuple(f"we{r}" for r in value)
        elif key in ("center", "limits"):
            kwargs[key] = value
        else:  # pragma: no cover - a new argument in the reference must be mapped here
            raise KeyError(key)
    return kwargs


def zero_based(indices: list[int]) -> list[int]:
    """qcc's 1-based indices as sorted 0-based ones."""
    return sorted(i - 1 for i in indices)
