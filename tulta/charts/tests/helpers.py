"""Helpers for the chart tests: parse SVG, read PNG, find overlapping texts."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from itertools import combinations

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Text
from matplotlib.transforms import Bbox
from PIL import Image

from tulta.charts import Chart

SVG = "{http://www.w3.org/2000/svg}"


def svg_root(chart: Chart) -> ET.Element:
    """The parsed SVG (fails the test if it is not well-formed XML)."""
    return ET.fromstring(chart.svg)


def svg_texts(chart: Chart) -> list[str]:
    """Every text node of the SVG, in order (text stays text: svg.fonttype = "none")."""
    root = svg_root(chart)
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def svg_has(chart: Chart, needle: str) -> bool:
    """True when ``needle`` occurs in one text element of the SVG."""
    return any(needle in t for t in svg_texts(chart))


def png_image(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def text_boxes(chart: Chart, roles: tuple[str, ...] | None = None) -> list[tuple[str, Bbox]]:
    """(text, bounding box in pixels) of every non-empty text drawn, optionally only ``roles``."""
    canvas = chart.canvas()
    renderer = FigureCanvasAgg(canvas.figure).get_renderer()
    if roles is None:
        texts = [t for t in canvas.figure.texts if isinstance(t, Text)]
    else:
        texts = [t for role in roles for t in canvas.texts(role)]
    return [(t.get_text(), t.get_window_extent(renderer)) for t in texts if t.get_text().strip()]


def overlaps(
    chart: Chart, roles: tuple[str, ...] | None = None, tolerance: float = 0.5
) -> list[str]:
    """Pairs of texts whose boxes overlap by more than ``tolerance`` pixels, as messages."""
    boxes = text_boxes(chart, roles)
    out = []
    for (a, ba), (b, bb) in combinations(boxes, 2):
        w = min(ba.x1, bb.x1) - max(ba.x0, bb.x0)
        h = min(ba.y1, bb.y1) - max(ba.y0, bb.y0)
        if w > tolerance and h > tolerance:
            out.append(f"{a!r} overlaps {b!r}")
    return out


def outside(chart: Chart) -> list[str]:
    """Texts that stick out of the image."""
    canvas = chart.canvas()
    width, height = canvas.width, canvas.height  # points == pixels at dpi 72
    return [
        text
        for text, box in text_boxes(chart)
        if box.x0 < -0.5 or box.y0 < -0.5 or box.x1 > width + 0.5 or box.y1 > height + 0.5
    ]
