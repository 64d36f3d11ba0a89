"""Brainstorming list (curah pendapat): the ideas numbered, grouped by optional category.

Groups keep the order in which their first idea came; ideas are numbered 1..N through all
groups. Long lists flow into two columns (a group may continue in the next column under its
heading repeated with "(lanjutan)").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from tulta.charts.base import BASE_SIZE, GREY, INK, LIGHT, PAD, WIDTH, Canvas, ChartInputError
from tulta.charts.format import join, quoted
from tulta.charts.output import Chart, make_chart
from tulta.charts.text import line_height, text_height, wrap
from tulta.charts.validate import text

__all__ = ["brainstorm"]

GAP = 16.0
NUMBER_W = 22.0


def _ideas(ideas: Sequence[object]) -> list[tuple[str, str | None, str | None]]:
    if isinstance(ideas, str | bytes) or not isinstance(ideas, Sequence) or not ideas:
        raise ChartInputError("empty_data", "Daftar curah pendapat masih kosong.")
    out = []
    for i, idea in enumerate(ideas):
        if isinstance(idea, Mapping):
            body = text(idea.get("text"), where=f"gagasan ke-{i + 1}", index=i)
            cat = idea.get("category")
            who = idea.get("author")
            out.append(
                (
                    body,
                    str(cat).strip() or None if cat is not None else None,
                    str(who).strip() or None if who is not None else None,
                )
            )
        else:
            out.append((text(idea, where=f"gagasan ke-{i + 1}", index=i), None, None))
    return out


def brainstorm(
    ideas: Sequence[str | Mapping[str, object]],
    *,
    title: str | None = None,
    topic: str | None = None,
) -> Chart:
    """Draw a numbered list of ideas, grouped by category when ideas have one.

    Args:
        ideas: texts, or mappings ``{"text", "category" (optional), "author" (optional)}``;
            ideas without a category go into "Lain-lain" when others have one.
        topic: the question brainstormed ("Mengapa antrean panjang?"), shown under the title.

    Raises:
        ChartInputError: no ideas, or an idea with an empty text.
    """
    parsed = _ideas(ideas)
    grouped = any(cat for _, cat, _ in parsed)
    collected: dict[str, list[str]] = {}
    for body, cat, who in parsed:
        key = (cat or "Lain-lain") if grouped else ""
        collected.setdefault(key, []).append(body + (f" ({who})" if who else ""))
    # numbered in the order shown: 1..N down the groups
    groups: dict[str, list[tuple[int, str]]] = {}
    number = 0
    for key, bodies in collected.items():
        groups[key] = []
        for body in bodies:
            number += 1
            groups[key].append((number, body))
    title = title or "Curah pendapat"
    two = len(parsed) > 8
    col_w = (WIDTH - 2 * PAD - (GAP if two else 0)) / (2 if two else 1)
    size = BASE_SIZE
    blocks: list[tuple[str, str, float]] = []  # (kind, text, height): "head" or "item"
    for key, items in groups.items():
        if key:
            blocks.append(("head", f"{key} ({len(items)})", line_height(size) + 8))
        for number, body in items:
            lines = wrap(body, col_w - NUMBER_W, size)
            blocks.append(
                ("item", f"{number}.\t" + "\n".join(lines), text_height(len(lines), size) + 3)
            )
    total = sum(h for _, _, h in blocks)
    target = total / 2 if two else total
    columns: list[list[tuple[str, str, float]]] = [[]]
    used = 0.0
    for kind, body, h in blocks:
        # move to the second column at the middle, but never leave a heading at a column end
        if two and len(columns) == 1 and used + h / 2 > target and columns[0]:
            if columns[0][-1][0] == "head":
                moved = columns[0].pop()
                columns.append([moved])
            else:
                columns.append([])
                last_head = next((b for b in reversed(columns[0]) if b[0] == "head"), None)
                if kind == "item" and last_head is not None:
                    columns[1].append(("head", last_head[1] + " (lanjutan)", last_head[2]))
        columns[-1].append((kind, body, h))
        used += h
    height_cols = [sum(h for _, _, h in col) for col in columns]
    sub = wrap(topic, WIDTH - 2 * PAD, BASE_SIZE) if topic else []

    def build() -> Canvas:
        probe = Canvas(WIDTH, 10)
        above = 10 - probe.title(title) + (text_height(len(sub), BASE_SIZE) + 6 if sub else 0)
        c = Canvas(WIDTH, above + max(height_cols) + PAD + 4)
        top = c.title(title)
        if sub:
            c.text(PAD, top, "\n".join(sub), size=BASE_SIZE, va="top", color=GREY, role="subtitle")
            top -= text_height(len(sub), BASE_SIZE) + 6
        for k, col in enumerate(columns):
            x = PAD + k * (col_w + GAP)
            y = top
            for kind, body, h in col:
                if kind == "head":
                    c.text(x, y - 3, body, size=size, bold=True, va="top", role="group")
                    c.line([x, x + col_w], [y - h + 3, y - h + 3], color=LIGHT, lw=0.8)
                else:
                    number, lines = body.split("\t", 1)
                    c.text(
                        x + NUMBER_W - 4,
                        y,
                        number,
                        size=size,
                        ha="right",
                        va="top",
                        color=INK,
                        role="number",
                    )
                    c.text(x + NUMBER_W, y, lines, size=size, va="top", role="idea")
                y -= h
        return c

    counts = {k: len(v) for k, v in groups.items()}
    reading = f"Terkumpul {len(parsed)} gagasan"
    if grouped:
        biggest = max(counts, key=lambda k: counts[k])
        reading += (
            f" dalam {len(groups)} kelompok ({join([quoted(k) for k in groups])}); terbanyak "
            f"{quoted(biggest)} dengan {counts[biggest]} gagasan."
        )
    else:
        reading += "."
    alt = f"{title}. " + " ".join(
        (f"{key}: " if key else "") + " ".join(f"{n}. {body}." for n, body in items)
        for key, items in groups.items()
    )
    return make_chart("brainstorm", title=title, reading=reading, alt=alt, builder=build)
