"""Flowchart (diagram alir) from process steps and decisions, laid out top to bottom.

Layout: each node's *layer* is its longest distance from a start along forward edges (edges
that close a loop are found by a depth-first walk and drawn as loops); each node's *column*
follows its parent's, so the main path runs straight down and branches step to the right.
Edges are orthogonal: to the next layer through the gap below the source; loops back up along
lanes at the right edge, longer jumps down along lanes at the left edge, one lane per edge so
lines never share a track. Start and end are rounded, steps rectangles, decisions diamonds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from tulta.charts.base import GREY, INK, PAD, PALE, WHITE, WIDTH, Canvas, ChartInputError
from tulta.charts.format import quoted
from tulta.charts.output import Chart, make_chart
from tulta.charts.text import text_height, text_width, wrap
from tulta.charts.validate import text

__all__ = ["NODE_KINDS", "flowchart"]

NODE_KINDS = ("start", "step", "decision", "end")
SIZE = 8.5
STEP_TEXT = 124.0
DECISION_TEXT = 92.0
ROW_GAP = 30.0
COL_GAP = 26.0
LANE = 12.0


@dataclass
class _Node:
    id: str
    text: str
    kind: str
    index: int
    lines: list[str] = field(default_factory=list)
    w: float = 0.0
    h: float = 0.0
    layer: int = 0
    col: int = 0
    x: float = 0.0  # centre
    y: float = 0.0  # centre


@dataclass(frozen=True)
class _Edge:
    source: str
    target: str
    label: str


def _parse(
    nodes: Sequence[Mapping[str, object]], edges: Sequence[Mapping[str, object]]
) -> tuple[dict[str, _Node], list[_Edge]]:
    if isinstance(nodes, str | bytes) or not isinstance(nodes, Sequence) or not nodes:
        raise ChartInputError("empty_data", "Diagram alir belum berisi langkah.")
    out: dict[str, _Node] = {}
    for i, raw in enumerate(nodes):
        if not isinstance(raw, Mapping):
            raise ChartInputError(
                "invalid_input", f"Langkah ke-{i + 1} diagram alir tidak valid.", index=i
            )
        ident = text(raw.get("id"), where=f"id langkah ke-{i + 1}", index=i)
        if ident in out:
            raise ChartInputError(
                "duplicate_id", f"Id langkah {quoted(ident)} dipakai lebih dari sekali.", index=i
            )
        kind = str(raw.get("kind", "step")).strip().lower()
        if kind not in NODE_KINDS:
            raise ChartInputError(
                "invalid_kind",
                f"Jenis langkah {quoted(kind)} tidak dikenal; pilih start, step, decision "
                "atau end.",
                index=i,
            )
        out[ident] = _Node(
            ident, text(raw.get("text"), where=f"teks langkah {quoted(ident)}", index=i), kind, i
        )
    parsed = []
    for i, raw in enumerate(edges or ()):
        if not isinstance(raw, Mapping):
            raise ChartInputError(
                "invalid_input", f"Panah ke-{i + 1} diagram alir tidak valid.", index=i
            )
        a, b = str(raw.get("from", "")).strip(), str(raw.get("to", "")).strip()
        for end in (a, b):
            if end not in out:
                raise ChartInputError(
                    "unknown_node",
                    f"Panah ke-{i + 1} menunjuk langkah {quoted(end)} yang tidak ada.",
                    index=i,
                )
        label = raw.get("label")
        parsed.append(_Edge(a, b, "" if label is None else str(label).strip()))
    return out, parsed


def _size(node: _Node) -> None:
    if node.kind == "decision":
        node.lines = wrap(node.text, DECISION_TEXT, SIZE)
        tw = max(text_width(s, SIZE) for s in node.lines)
        th = text_height(len(node.lines), SIZE)
        node.w = max(tw, 40.0) * 1.9 + 8
        node.h = th * 2.1 + 8
    else:
        node.lines = wrap(node.text, STEP_TEXT, SIZE)
        tw = max(text_width(s, SIZE) for s in node.lines)
        node.w = max(tw + 18, 70.0 if node.kind != "step" else 90.0)
        node.h = text_height(len(node.lines), SIZE) + 12


def _layout(nodes: dict[str, _Node], edges: list[_Edge]) -> tuple[set[int], int]:
    """Layers and columns; returns the indices of loop (back) edges and the column count."""
    out_edges: dict[str, list[int]] = {k: [] for k in nodes}
    for i, e in enumerate(edges):
        out_edges[e.source].append(i)
    order = sorted(nodes.values(), key=lambda n: (n.kind != "start", n.index))
    back: set[int] = set()
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    post: list[str] = []
    for root in order:
        if root.id in state:
            continue
        stack = [(root.id, iter(out_edges[root.id]))]
        state[root.id] = 1
        while stack:
            current, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                state[current] = 2
                post.append(current)
                stack.pop()
                continue
            target = edges[nxt].target
            if state.get(target) == 1:
                back.add(nxt)
            elif target not in state:
                state[target] = 1
                stack.append((target, iter(out_edges[target])))
    for ident in reversed(post):  # topological order of the forward edges
        for i in out_edges[ident]:
            if i not in back:
                t = nodes[edges[i].target]
                t.layer = max(t.layer, nodes[ident].layer + 1)
    taken: set[tuple[int, int]] = set()
    placed: set[str] = set()
    for ident in reversed(post):
        node = nodes[ident]
        if ident not in placed:
            col = 0
            while (node.layer, col) in taken:
                col += 1
            node.col = col
            taken.add((node.layer, col))
            placed.add(ident)
        for i in out_edges[ident]:
            t = nodes[edges[i].target]
            if i in back or t.id in placed:
                continue
            col = node.col
            while (t.layer, col) in taken:
                col += 1
            t.col = col
            taken.add((t.layer, col))
            placed.add(t.id)
    return back, 1 + max(n.col for n in nodes.values())


def flowchart(
    nodes: Sequence[Mapping[str, object]],
    edges: Sequence[Mapping[str, object]],
    *,
    title: str | None = None,
) -> Chart:
    """Draw a flowchart.

    Args:
        nodes: ``{"id", "text", "kind"}`` with kind "start", "step" (default), "decision" or
            "end".
        edges: ``{"from": id, "to": id, "label": optional text}`` ("Ya", "Tidak").

    Raises:
        ChartInputError: no nodes, a duplicate or empty id, an empty text, an unknown kind, an
            edge to an unknown id.
    """
    parsed, links = _parse(nodes, edges)
    for node in parsed.values():
        _size(node)
    back, n_cols = _layout(parsed, links)
    title = title or "Diagram alir"
    n_layers = 1 + max(n.layer for n in parsed.values())
    col_w = max(n.w for n in parsed.values())
    layer_h = [
        max((n.h for n in parsed.values() if n.layer == k), default=0.0) for k in range(n_layers)
    ]
    jumps = [
        i
        for i, e in enumerate(links)
        if i not in back and parsed[e.target].layer > parsed[e.source].layer + 1
    ]
    left_lanes = len(jumps) * LANE + (LANE if jumps else 0)
    right_lanes = len(back) * LANE + (LANE if back else 0)
    body_w = n_cols * col_w + (n_cols - 1) * COL_GAP
    width = max(WIDTH, body_w + left_lanes + right_lanes + 2 * PAD)
    offset = PAD + left_lanes + (width - 2 * PAD - left_lanes - right_lanes - body_w) / 2

    def build() -> Canvas:
        probe = Canvas(width, 10)
        above = 10 - probe.title(title, width=width)
        c = Canvas(width, above + sum(layer_h) + ROW_GAP * (n_layers - 1) + PAD + 8)
        top = c.title(title, width=width) - 4
        ys, y = [], top
        for h in layer_h:
            ys.append(y - h / 2)
            y -= h + ROW_GAP
        for n in parsed.values():
            n.x = offset + n.col * (col_w + COL_GAP) + col_w / 2
            n.y = ys[n.layer]
            _draw_node(c, n)
        body_left = offset
        body_right = offset + body_w
        used_bottom: dict[str, int] = {}
        rightmost = {
            k: max(n.col for n in parsed.values() if n.layer == k) for k in range(n_layers)
        }
        # shorter loops take the inner lanes, so loops nest instead of crossing
        loops = sorted(
            back, key=lambda i: (parsed[links[i].source].layer - parsed[links[i].target].layer, i)
        )
        for i, e in enumerate(links):
            a, b = parsed[e.source], parsed[e.target]
            if i in back:
                lane = body_right + LANE * (1 + loops.index(i))
                pts = [(a.x + a.w / 2, a.y), (lane, a.y)]
                if b.col == rightmost[b.layer]:
                    pts += [(lane, b.y), (b.x + b.w / 2, b.y)]
                else:  # enter from above, through the gap, so no node in b's layer is crossed
                    entry_x = b.x + min(b.w / 4, 24.0)
                    gap_y = b.y + b.h / 2 + ROW_GAP * 0.3
                    pts += [(lane, gap_y), (entry_x, gap_y), (entry_x, b.y + _top_at(b, entry_x))]
                label_at = (a.x + a.w / 2 + 3, a.y + 3, "left", "bottom")
            elif i in jumps:
                lane = body_left - LANE * (1 + jumps.index(i))
                pts = [(a.x - a.w / 2, a.y), (lane, a.y), (lane, b.y), (b.x - b.w / 2, b.y)]
                label_at = (a.x - a.w / 2 - 3, a.y + 3, "right", "bottom")
            elif not used_bottom.get(a.id):
                mid = a.y - layer_h[a.layer] / 2 - ROW_GAP / 2
                start = (a.x, a.y - a.h / 2)
                pts = (
                    [start, (b.x, b.y + b.h / 2)]
                    if abs(a.x - b.x) < 1
                    else [start, (a.x, mid), (b.x, mid), (b.x, b.y + b.h / 2)]
                )
                label_at = (a.x + 4, a.y - a.h / 2 - 3, "left", "top")
            else:
                side = 1 if b.x >= a.x else -1
                start = (a.x + side * a.w / 2, a.y)
                pts = [start, (b.x, a.y), (b.x, b.y + b.h / 2)]
                label_at = (start[0] + side * 3, a.y + 3, "left" if side > 0 else "right", "bottom")
            used_bottom[a.id] = used_bottom.get(a.id, 0) + (0 if i in back or i in jumps else 1)
            c.arrow(pts, color=INK, lw=0.9)
            if e.label:
                lx, ly, ha, va = label_at
                c.text(
                    lx,
                    ly,
                    e.label,
                    size=SIZE - 1,
                    ha=ha,
                    va=va,
                    color=GREY,
                    box=WHITE,
                    role="edge_label",
                )
        return c

    ordered = sorted(parsed.values(), key=lambda n: (n.layer, n.col))
    decisions = sum(1 for n in parsed.values() if n.kind == "decision")
    steps = sum(1 for n in parsed.values() if n.kind == "step")
    first, last = ordered[0], ordered[-1]
    reading = (
        f"Alur terdiri dari {steps} langkah dan {decisions} keputusan, dari "
        f"{quoted(first.text)} sampai {quoted(last.text)}."
    )
    if back:
        reading += (
            f" Ada {len(back)} putaran balik (pekerjaan diulang), tanda alur yang dapat dipangkas."
        )
    alt = f"{title}. " + " ".join(
        f"{n.text}"
        + "".join(
            f" → {e.label + ': ' if e.label else ''}{parsed[e.target].text}"
            for e in links
            if e.source == n.id
        )
        + "."
        for n in ordered
    )
    return make_chart("flowchart", title=title, reading=reading, alt=alt, builder=build)


def _top_at(n: _Node, x: float) -> float:
    """Height above the centre of the node's top edge at x (a diamond slopes)."""
    if n.kind == "decision":
        return max(n.h / 2 * (1 - abs(x - n.x) / (n.w / 2)), 0.0)
    return n.h / 2


def _draw_node(c: Canvas, n: _Node) -> None:
    if n.kind == "decision":
        c.polygon(
            [
                (n.x, n.y + n.h / 2),
                (n.x + n.w / 2, n.y),
                (n.x, n.y - n.h / 2),
                (n.x - n.w / 2, n.y),
            ],
            fill=PALE,
            edge=INK,
            lw=0.9,
        )
    elif n.kind in ("start", "end"):
        c.rounded(
            n.x - n.w / 2, n.y - n.h / 2, n.w, n.h, radius=n.h / 2, fill=PALE, edge=INK, lw=1.2
        )
    else:
        c.rounded(n.x - n.w / 2, n.y - n.h / 2, n.w, n.h, radius=2.0, fill=WHITE, edge=INK, lw=0.9)
    c.text(n.x, n.y, "\n".join(n.lines), size=SIZE, ha="center", va="center_baseline", role="node")
