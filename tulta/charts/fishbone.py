"""Fishbone (diagram sebab-akibat / tulang ikan): the effect at the head, one bone per category.

Bones alternate above and below the spine; causes hang on their bone as underlined texts (the
underline meets the bone), sub-causes in smaller type below their cause. Every text is wrapped
to a measured width, so nothing overlaps: the canvas grows with the causes up to 10 x 9.5
inches, then the font shrinks to a floor of 6 points, and only then do the last causes of the
fullest bones give way to "… dan N lainnya" (the alt text and reading still count them all).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tulta.charts.base import GREY, INK, PAD, PALE, WHITE, WIDTH, Canvas, ChartInputError
from tulta.charts.format import join, quoted
from tulta.charts.output import Chart, make_chart
from tulta.charts.text import fit, line_height, text_height, text_width, wrap
from tulta.charts.validate import text

__all__ = ["DEFAULT_CATEGORIES", "fishbone"]

#: The usual bones (6M adapted to services).
DEFAULT_CATEGORIES = ("Manusia", "Metode", "Mesin/Sarana", "Material", "Lingkungan", "Pengukuran")
MAX_W = 720.0
MAX_H = 684.0
SIZES = (8.0, 7.5, 7.0, 6.5, 6.0)
HEAD_W = 112.0
GAP = 3.0


@dataclass(frozen=True)
class _Cause:
    text: str
    subs: tuple[str, ...]


@dataclass(frozen=True)
class _Bone:
    name: str
    causes: tuple[_Cause, ...]


@dataclass
class _Block:
    lines: list[str]
    subs: list[list[str]]
    top: float  # height of the cause text (above its underline)
    height: float


def _parse(effect: object, causes: object) -> tuple[str, list[_Bone]]:
    head = text(effect, where="akibat (kepala ikan)")
    if causes is None:
        causes = {}
    if isinstance(causes, Mapping):
        pairs = list(causes.items())
    elif isinstance(causes, Sequence) and not isinstance(causes, str | bytes):
        pairs = list(causes)
    else:
        raise ChartInputError(
            "invalid_input", "Penyebab harus berupa pasangan kategori dan daftar penyebab."
        )
    if not pairs:
        return head, [_Bone(name, ()) for name in DEFAULT_CATEGORIES]
    bones = []
    for i, pair in enumerate(pairs):
        if not isinstance(pair, Sequence) or isinstance(pair, str | bytes) or len(pair) != 2:
            raise ChartInputError("invalid_input", f"Kategori ke-{i + 1} tidak valid.", index=i)
        name = text(pair[0], where=f"nama kategori ke-{i + 1}", index=i)
        raw = pair[1] or ()
        if isinstance(raw, str | bytes) or not isinstance(raw, Sequence):
            raise ChartInputError(
                "invalid_input", f"Penyebab pada {quoted(name)} harus berupa daftar.", index=i
            )
        items = []
        for j, c in enumerate(raw):
            where = f"penyebab ke-{j + 1} pada {quoted(name)}"
            if isinstance(c, Mapping):
                subs = c.get("sub") or c.get("subs") or ()
                if isinstance(subs, str | bytes) or not isinstance(subs, Sequence):
                    raise ChartInputError(
                        "invalid_input", f"Sub-penyebab {where} harus berupa daftar.", index=i
                    )
                items.append(
                    _Cause(
                        text(c.get("text"), where=where, index=i),
                        tuple(text(s, where=f"sub-penyebab {where}", index=i) for s in subs),
                    )
                )
            else:
                items.append(_Cause(text(c, where=where, index=i), ()))
        bones.append(_Bone(name, tuple(items)))
    return head, bones


def _blocks(bone: _Bone, size: float, width: float, gap: float) -> list[_Block]:
    """One block per cause of ``bone`` (its wrapped text and sub-causes)."""
    lh, sub_size = line_height(size), size * 0.92
    out = []
    for cause in bone.causes:
        lines = fit(cause.text, width, size, max_lines=4)[0]
        subs = [fit("– " + s, width - 8, sub_size, max_lines=3)[0] for s in cause.subs]
        top = len(lines) * lh
        below = sum(len(s) for s in subs) * line_height(sub_size)
        out.append(_Block(lines, subs, top, top + below + gap))
    return out


def _more(hidden: int, size: float, gap: float) -> _Block:
    lh = line_height(size)
    return _Block([f"… dan {hidden} lainnya"], [], lh, lh + gap)


@dataclass
class _Plan:
    size: float
    text_w: float
    gap: float
    blocks: list[list[_Block]]
    labels: list[list[str]]
    up: float  # height above the spine
    down: float
    slope: float
    width: float
    height: float
    head: list[str]


class _Planner:
    """Plans for one input at several sizes; blocks are wrapped once per size and width."""

    def __init__(self, effect: str, bones: list[_Bone], title_h: float) -> None:
        self.effect, self.bones, self.title_h = effect, bones, title_h
        self.n_cols = math.ceil(len(bones) / 2)
        self._cache: dict[tuple[float, float, float], list[list[_Block]]] = {}

    def fixed_width(self, text_w: float, slope_h: float) -> float:
        col = text_w + 16
        return (self.n_cols - 1) * col + slope_h + text_w + 30 + HEAD_W + 2 * PAD + 14

    def widest_text(self, slope_h: float) -> float:
        """The text width that makes the diagram exactly MAX_W wide."""
        rest = (self.n_cols - 1) * 16 + slope_h + 30 + HEAD_W + 2 * PAD + 14
        return (MAX_W - rest) / self.n_cols

    def too_tall(self, size: float, gap: float) -> bool:
        """True when even one line per cause would be taller than MAX_H (skips wrapping)."""
        lines = [len(b.causes) * (line_height(size) + gap) + size * 3 for b in self.bones]
        up = max(lines[0::2], default=0.0)
        down = max(lines[1::2], default=0.0)
        return self.title_h + up + down > MAX_H

    def plan(self, size: float, text_w: float, gap: float, keep: list[int] | None = None) -> _Plan:
        key = (size, round(text_w, 3), gap)
        if key not in self._cache:
            self._cache[key] = [_blocks(b, size, text_w, gap) for b in self.bones]
        blocks = self._cache[key]
        if keep is not None:
            blocks = [
                bl[:k] + ([_more(len(bl) - k, size, gap)] if k < len(bl) else [])
                for bl, k in zip(blocks, keep, strict=True)
            ]
        col = text_w + 16
        labels = [wrap(b.name, col - 10, size + 1, bold=True) for b in self.bones]
        label_h = [text_height(len(lb), size + 1) + 6 for lb in labels]
        need = [
            label_h[i] + 8 + sum(b.height for b in blocks[i]) + 10 for i in range(len(self.bones))
        ]
        up = max([need[i] for i in range(0, len(need), 2)] + [40.0])
        down = max([need[i] for i in range(1, len(need), 2)] + [40.0])
        head = wrap(self.effect, HEAD_W - 12, size + 1.5, bold=True)
        head_h = text_height(len(head), size + 1.5) + 14
        up, down = max(up, head_h / 2 + 6), max(down, head_h / 2 + 6)
        slope = min(0.35, 70.0 / max(up, down))
        width = self.fixed_width(text_w, slope * max(up, down))
        height = self.title_h + up + down + PAD + 6
        return _Plan(size, text_w, gap, blocks, labels, up, down, slope, width, height, head)


def _choose(planner: _Planner) -> tuple[_Plan, list[int] | None]:
    """The largest font that fits; then wider text; then tighter gaps; then fewer causes."""
    for size in SIZES:
        if planner.too_tall(size, GAP + 2):
            continue
        natural = planner.plan(size, size * 12.5, GAP + 2)
        if natural.width <= MAX_W and natural.height <= MAX_H:
            return natural, None
    size = SIZES[-1]
    wide = max(size * 12.5, planner.widest_text(70.0))
    if not planner.too_tall(size, GAP + 2):
        roomy = planner.plan(size, wide, GAP + 2)
        if roomy.height <= MAX_H:
            return roomy, None
    plan = planner.plan(size, wide, 2.0)
    if plan.height <= MAX_H:
        return plan, None
    counts = [len(bl) for bl in plan.blocks]
    keep = list(counts)
    fits = planner.plan(size, wide, 2.0, keep)
    while fits.height > MAX_H and any(keep):
        # drop a cause from the bone whose column is tallest (its half sets the height)
        heights = [sum(b.height for b in bl) for bl in fits.blocks]
        i = max(range(len(keep)), key=lambda j: (heights[j], -j))
        keep[i] -= 1
        fits = planner.plan(size, wide, 2.0, keep)
    return fits, keep


def fishbone(
    effect: str,
    causes: Mapping[str, Sequence[str | Mapping[str, object]]]
    | Sequence[tuple[str, Sequence[object]]]
    | None = None,
    *,
    title: str | None = None,
) -> Chart:
    """Draw a fishbone diagram.

    Args:
        effect: the problem at the head ("Waktu tunggu KTP lebih dari 60 menit").
        causes: ``{category: [cause, ...]}`` (or a sequence of such pairs), in drawing order;
            a cause is a text or ``{"text": ..., "sub": [sub-cause, ...]}``; a category with an
            empty list is drawn as an empty bone. Empty or None: the six default categories
            (:data:`DEFAULT_CATEGORIES`), all empty, as a blank template.

    Raises:
        ChartInputError: an empty effect, category name, cause or sub-cause; a malformed input.
    """
    head, bones = _parse(effect, causes)
    title = title or "Diagram sebab-akibat (tulang ikan)"
    title_h = 10 - Canvas(WIDTH, 10).title(title, width=MAX_W)
    final, keep = _choose(_Planner(head, bones, title_h))
    width = max(WIDTH, min(final.width, MAX_W))
    total = sum(len(b.causes) for b in bones)
    subs = sum(len(c.subs) for b in bones for c in b.causes)
    shown = total if keep is None else sum(keep)

    def build() -> Canvas:
        c = Canvas(width, final.height)
        c.title(title, width=width)
        _draw(c, final, bones, width)
        return c

    counts = [len(b.causes) for b in bones]
    if total:
        most = max(counts)
        tied = [quoted(b.name) for b, n in zip(bones, counts, strict=True) if n == most]
        if len(tied) == len(bones) > 1:
            # No category is the largest when all are equal (#21: six bones of one cause each
            # were read as "terbanyak pada Manusia").
            where = f"{_count_word(len(bones))} kategori sama besar (masing-masing {most} penyebab)"
        elif len(tied) > 1:
            where = f"terbanyak pada {join(tied)} (masing-masing {most} penyebab)"
        else:
            where = f"terbanyak pada {tied[0]} ({most} penyebab)"
        reading = (
            f"Ada {total} penyebab"
            + (f" dan {subs} sub-penyebab" if subs else "")
            + f" untuk {quoted(head)} dalam {len(bones)} kategori; {where}."
        )
        empty = [quoted(b.name) for b in bones if not b.causes]
        if empty:
            reading += f" Kategori {join(empty)} belum berisi penyebab."
        if shown < total:
            reading += (
                f" {total - shown} penyebab tidak tampil di gambar karena tempatnya terbatas."
            )
        reading += " Pilih penyebab dominan lalu buktikan dengan data."
    else:
        reading = f"Diagram tulang ikan untuk {quoted(head)} belum berisi penyebab."
    alt = f"{title}. Akibat: {head}. " + " ".join(
        f"{b.name}: "
        + (
            "; ".join(c.text + (f" ({', '.join(c.subs)})" if c.subs else "") for c in b.causes)
            or "belum ada"
        )
        + "."
        for b in bones
    )
    return make_chart("fishbone", title=title, reading=reading, alt=alt, builder=build)


_COUNT_WORDS = (
    "nol",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
)


def _count_word(n: int) -> str:
    """A small count in words, as a sentence says it ("enam kategori"); digits from ten."""
    return _COUNT_WORDS[n] if 0 <= n < len(_COUNT_WORDS) else str(n)


def _draw(c: Canvas, p: _Plan, bones: list[_Bone], width: float) -> None:
    size, sub_size = p.size, p.size * 0.92
    sub_lh = line_height(sub_size)
    spine_y = PAD + p.down
    col = p.text_w + 16
    n_cols = math.ceil(len(bones) / 2)
    x_head = width - PAD - HEAD_W
    spine_end = x_head - 6
    xb = [spine_end - 24 - (n_cols - 1 - j) * col for j in range(n_cols)]
    spine_start = xb[0] - p.slope * max(p.up, p.down) - p.text_w - 10
    c.line([spine_start, spine_end - 8], [spine_y, spine_y], color=INK, lw=2.2, zorder=2)
    c.polygon(
        [(spine_end, spine_y), (spine_end - 12, spine_y + 6), (spine_end - 12, spine_y - 6)],
        fill=INK,
        edge=INK,
        lw=0.5,
    )
    head_h = text_height(len(p.head), size + 1.5) + 14
    c.rounded(x_head, spine_y - head_h / 2, HEAD_W, head_h, radius=6, fill=PALE, edge=INK, lw=1.4)
    c.text(
        x_head + HEAD_W / 2,
        spine_y,
        "\n".join(p.head),
        size=size + 1.5,
        bold=True,
        ha="center",
        va="center_baseline",
        role="effect",
    )
    for i in range(len(bones)):
        sign = 1 if i % 2 == 0 else -1
        reach = p.up if sign > 0 else p.down
        base = xb[i // 2]
        label = p.labels[i]
        label_h = text_height(len(label), size + 1) + 6
        end_y = spine_y + sign * (reach - label_h - 4)
        end_x = base - p.slope * abs(end_y - spine_y)
        c.line([base, end_x], [spine_y, end_y], color=INK, lw=1.3, zorder=2)
        lw = max(text_width(s, size + 1, bold=True) for s in label) + 10
        ly = end_y + 2 if sign > 0 else end_y - 2 - label_h
        c.rect(end_x - lw / 2, ly, lw, label_h, fill=WHITE, edge=INK, lw=1.0, zorder=3)
        c.text(
            end_x,
            ly + label_h / 2,
            "\n".join(label),
            size=size + 1,
            bold=True,
            ha="center",
            va="center_baseline",
            role="category",
        )

        def bone_x(y: float, base: float = base) -> float:
            return base - p.slope * abs(y - spine_y)

        # blocks from the label toward the spine
        cursor = end_y - 6 if sign > 0 else end_y + 6
        for block in p.blocks[i]:
            top = cursor if sign > 0 else cursor + block.height
            line_y = top - block.top
            far = (
                line_y + block.top if sign > 0 else line_y
            )  # the text's end farthest from the spine
            right = bone_x(far) - 3
            more = block.lines[0].startswith("…") and not block.subs
            c.text(
                right,
                line_y + 1.5,
                "\n".join(block.lines),
                size=size,
                ha="right",
                va="bottom",
                color=GREY if more else INK,
                role="more" if more else "cause",
            )
            if not more:
                tw = max(text_width(s, size) for s in block.lines)
                c.line([right - tw, bone_x(line_y)], [line_y, line_y], color=INK, lw=0.6, zorder=2)
            y = line_y - 1.5
            for sub in block.subs:
                bottom = y - len(sub) * sub_lh
                c.text(
                    bone_x(y if sign > 0 else bottom) - 10,
                    y,
                    "\n".join(sub),
                    size=sub_size,
                    ha="right",
                    va="top",
                    color=GREY,
                    role="subcause",
                )
                y = bottom
            cursor = cursor - block.height if sign > 0 else cursor + block.height
