"""PDF text layer → line spans, rebuilt from pdfium's per-character boxes.

pdfium's own line strings (``get_text_bounded`` over its text rectangles) insert a space wherever two glyphs
are not touching, so letters placed one by one or spread with character spacing (``Tc``) come out as
"I N V O I C E", and a text rectangle can run across a wide gap ("Example GmbH      RECHNUNG"). Here words and
lines are built from the characters themselves:

1. **Glyphs** (``read_glyphs``): each character with its font-wide ("loose") box, which spans the advance width
   and ascent..descent, and its ink box; mapped to page pixels at the render DPI (top-left origin, the page's
   ``/Rotate`` and crop box applied, exactly as pdfium renders it) and into its reading frame (``u`` along the
   text, ``v`` across it), so rotated text is read along its own direction. Glyphs pdfium generates itself
   (spaces, line breaks), zero-size glyphs and control characters are dropped; ligatures are expanded
   ("ﬁ" → "fi"); a space the PDF really draws is kept as a word break.
2. **Runs**: glyphs that follow each other in the content stream along one line. Dot leaders
   ("Total ........ 12.00") end a run and are dropped.
3. **Lines**: runs of one direction that overlap vertically by half a glyph height and do not overlap
   horizontally (fake-bold duplicates, drawn twice at nearly the same place, are dropped).
4. **Words and spans** (``build_spans``): along a line, a gap is a word break when it is an explicit space or
   wider than the local letter spacing (the lower median of the six nearest gaps) by 0.13 glyph heights, so
   letter-spaced, tightly tracked and kerned text all come out as normal words. A gap wider than the local
   spacing by 0.7 glyph heights (0.45 between two numbers) and than 1.6 of the line's own spaces (columns, a
   title beside a name), or a word break where the glyph height changes by half, starts a new span.

Every threshold is relative to the glyph height (the loose box: 1.15–1.45 × the font size, by font), so the
result does not depend on the DPI. Bump ``TEXT_LAYER_VERSION`` whenever the output changes: the OCR disk cache
keys on it.
"""

from __future__ import annotations

import ctypes
import math
import unicodedata
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from lib.ocr_document import BBox, Span

__all__ = ["TEXT_LAYER_VERSION", "Glyph", "read_glyphs", "build_spans", "page_spans"]

TEXT_LAYER_VERSION = 2  # 1 = pdfium's text rectangles (until 2026-12); 2 = words rebuilt from character boxes

WORD_GAP = 0.13  # a word break: gap beyond the local letter spacing, in glyph heights (a space is 0.2–0.3)
SPAN_GAP = 0.7  # a new span: gap beyond the local letter spacing, in glyph heights (~ two to three spaces)
NUMBER_SPAN_GAP = 0.45  # the same between two numbers placed apart without a space (columns of amounts)
SPAN_HEIGHT_RATIO = 1.5  # a new span at a word break where the glyph height changes by this factor
SPACES_PER_SPAN_GAP = 1.6  # and wider than this many of the line's own word spaces ...
MAX_SPAN_GAP = 2.0  # ... unless wider than this (in glyph heights beyond the letter spacing)
LINE_OVERLAP = 0.5  # runs share a line when they overlap by this share of the smaller height
MIN_SPACING = -0.05  # the tightest letter spacing (tracking) we assume, in glyph heights
MIN_LEADER = 4  # this many dots/underscores in a row are a leader, not text
LETTER_WINDOW = 6  # gaps around a gap that estimate the local letter spacing

_LEADERS = frozenset(".·…_‥")
_NUMBER_CHARS = frozenset("0123456789.,'%+-−()")
_NUMBER_START = frozenset("0123456789+-−(")
_LIGATURES = {0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl", 0xFB05: "st", 0xFB06: "st"}
# characters read otherwise: ligatures expanded, pdfium's end-of-line hyphen mark (0x02 / U+FFFE) and the soft
# hyphen as "-"
_SPECIAL = {chr(k): v for k, v in _LIGATURES.items()} | {"\x02": "-", "\ufffe": "-", "\u00ad": "-"}
_SKEW_TOLERANCE_DEG = 8.0  # text within this of a multiple of 90° reads along that axis


@dataclass(slots=True)
class Glyph:
    """One drawn character (or an explicit space) on the displayed page.

    ``u1..u2`` runs along the reading direction and ``v1..v2`` across it (downwards), both in page pixels; for
    upright text they are simply x and y. ``box`` is the ink box in page pixels (top-left origin) that span
    boxes are made of. ``direction`` is the reading direction in degrees, clockwise on the displayed page.
    """

    text: str
    u1: float
    v1: float
    u2: float
    v2: float
    h: float  # v2 - v1
    box: BBox
    direction: int = 0
    space: bool = False


@dataclass(slots=True)
class _Run:
    glyphs: list[Glyph]
    direction: int
    u1: float = 0.0
    u2: float = 0.0
    v1: float = 0.0
    v2: float = 0.0

    def __post_init__(self) -> None:
        ink = [g for g in self.glyphs if not g.space]
        self.u1, self.u2 = min(g.u1 for g in ink), max(g.u2 for g in ink)
        self.v1, self.v2 = min(g.v1 for g in ink), max(g.v2 for g in ink)

    @property
    def h(self) -> float:
        return self.v2 - self.v1

    @property
    def text(self) -> str:
        return "".join(g.text for g in self.glyphs if not g.space)


@dataclass(slots=True)
class _Line:
    direction: int
    v1: float
    v2: float
    runs: list[_Run] = field(default_factory=list)

    @property
    def h(self) -> float:
        return self.v2 - self.v1


# ------------------------------------------------------------------------------------------------ reading


def _page_transform(page: pdfium.PdfPage, scale: float) -> tuple[float, float, float, float, float, float, int]:
    """PDF user space → displayed page pixels: ``X = a·x + b·y + c``, ``Y = d·x + e·y + f``; also the rotation.

    The page's crop box (``get_bbox``) is what is rendered and ``/Rotate`` turns it clockwise; checked against
    ``FPDF_PageToDevice`` for all four rotations.
    """
    left, bottom, right, top = page.get_bbox()
    rotation = page.get_rotation() % 360
    s = scale
    if rotation == 90:
        return 0.0, s, -bottom * s, s, 0.0, -left * s, 90
    if rotation == 180:
        return -s, 0.0, right * s, 0.0, s, -bottom * s, 180
    if rotation == 270:
        return 0.0, -s, top * s, -s, 0.0, right * s, 270
    return s, 0.0, -left * s, 0.0, -s, top * s, 0


def _frame(box: BBox, direction: int, font_px: float) -> tuple[float, float, float, float]:
    """A page-pixel box → (u1, v1, u2, v2) in the reading frame of text running ``direction`` degrees clockwise."""
    x1, y1, x2, y2 = box
    if direction == 0:
        return x1, y1, x2, y2
    if direction == 90:  # reads downwards
        return y1, -x2, y2, -x1
    if direction == 180:  # upside down
        return -x2, -y2, -x1, -y1
    if direction == 270:  # reads upwards
        return -y2, x1, -y1, x2
    # skewed text: the loose box is the bounding box of a rotated glyph box of height ~font_px; recover its
    # width along the text from the bounding box and centre it on the box centre
    theta = math.radians(direction)
    c, s = abs(math.cos(theta)), abs(math.sin(theta))
    w_box, h_box = x2 - x1, y2 - y1
    width = (w_box - font_px * s) / c if c >= s else (h_box - font_px * c) / s
    width = max(0.0, width)
    cx, cy = (x1 + x2) / 2, (y1 + y2) / 2
    cu = cx * math.cos(theta) + cy * math.sin(theta)
    cv = -cx * math.sin(theta) + cy * math.cos(theta)
    return cu - width / 2, cv - font_px / 2, cu + width / 2, cv + font_px / 2


def _direction(angle_rad: float, rotation: int) -> int:
    """pdfium's character angle (radians, clockwise) plus the page rotation → 0/90/180/270, or 5° steps if skewed."""
    if angle_rad < 0:  # pdfium's error value
        return rotation
    deg = (math.degrees(angle_rad) + rotation) % 360
    nearest = round(deg / 90) * 90
    if abs(deg - nearest) <= _SKEW_TOLERANCE_DEG:
        return int(nearest) % 360
    return int(round(deg / 5) * 5) % 360


def _char_text(ch: str) -> str | None:
    """The text of one pdfium character, "" for an explicit space, None to drop it."""
    if ch in _SPECIAL:
        return _SPECIAL[ch]
    if ch.isspace():
        return ""
    if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn"):  # controls, format marks, surrogates, unassigned
        return None
    return ch


def read_glyphs(textpage: pdfium.PdfTextPage, page: pdfium.PdfPage, *, scale: float,
                text: str | None = None) -> list[Glyph]:
    """Every drawn character of a page as a ``Glyph`` in content-stream order, boxes in pixels at ``scale``.

    ``text`` is the page's ``get_text_range()`` if the caller has it: it holds one character per pdfium
    character index, which saves a call per character (checked by length; otherwise each one is asked for).
    """
    raw = textpage.raw
    n = textpage.count_chars()
    if text is None:
        text = textpage.get_text_range()
    if len(text) != n:  # characters outside UCS-2 or other index shifts: ask pdfium one by one
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, i)) for i in range(n))
    a, b, c, d, e, f, rotation = _page_transform(page, scale)
    upright = rotation == 0
    get_loose = pdfium_c.FPDFText_GetLooseCharBox
    get_box = pdfium_c.FPDFText_GetCharBox
    get_angle = pdfium_c.FPDFText_GetCharAngle
    rect = pdfium_c.FS_RECTF()
    left, right, bottom, top = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    width_pt, height_pt = page.get_size()
    width_px, height_px = width_pt * scale, height_pt * scale
    glyphs: list[Glyph] = []
    append = glyphs.append
    prev_bottom = prev_top = prev_left = math.nan
    for i, ch in enumerate(text):
        if "!" <= ch <= "~":  # printable ASCII: the common case
            char = ch
        else:
            char = _char_text(ch)
            if char is None:
                continue
        if not get_loose(raw, i, rect):
            continue
        lx1, ly1, lx2, ly2 = rect.left, rect.bottom, rect.right, rect.top
        if ly2 <= ly1:  # no height: generated by pdfium (spaces, line breaks) or a zero-size glyph
            continue
        if not char and pdfium_c.FPDFText_IsGenerated(raw, i) == 1:
            continue
        # page pixels; an axis-aligned box stays one under the quarter-turn page transform
        if upright:
            px1, py1, px2, py2 = a * lx1 + c, e * ly2 + f, a * lx2 + c, e * ly1 + f
        else:
            px1, py1 = a * lx1 + b * ly1 + c, d * lx1 + e * ly1 + f
            px2, py2 = a * lx2 + b * ly2 + c, d * lx2 + e * ly2 + f
            if px1 > px2:
                px1, px2 = px2, px1
            if py1 > py2:
                py1, py2 = py2, py1
        if px2 < 0 or py2 < 0 or px1 > width_px or py1 > height_px:  # outside the crop box: not rendered
            continue
        ink = loose = (px1, py1, px2, py2)
        if char and get_box(raw, i, left, right, bottom, top):
            tx1, ty1, tx2, ty2 = left.value, bottom.value, right.value, top.value
            if tx2 > tx1 and ty2 > ty1:
                if upright:
                    ink = (a * tx1 + c, e * ty2 + f, a * tx2 + c, e * ty1 + f)
                else:
                    qx1, qy1 = a * tx1 + b * ty1 + c, d * tx1 + e * ty1 + f
                    qx2, qy2 = a * tx2 + b * ty2 + c, d * tx2 + e * ty2 + f
                    ink = (min(qx1, qx2), min(qy1, qy2), max(qx1, qx2), max(qy1, qy2))
        # upright text goes on along the same font box height: skip asking pdfium for the angle then
        if upright and ly1 == prev_bottom and ly2 == prev_top and lx1 >= prev_left:
            angle = 0.0
        else:
            angle = get_angle(raw, i)
        if angle == 0.0 and upright:
            prev_bottom, prev_top, prev_left = ly1, ly2, lx1
            append(Glyph(char or " ", px1, py1, px2, py2, py2 - py1, ink, 0, not char))
            continue
        prev_bottom = prev_top = prev_left = math.nan
        direction = _direction(angle, rotation)
        font_px = pdfium_c.FPDFText_GetFontSize(raw, i) * scale * 1.15 if direction % 90 else 0.0
        u1, v1, u2, v2 = _frame(loose, direction, font_px)
        append(Glyph(char or " ", u1, v1, u2, v2, v2 - v1, ink, direction, not char))
    return glyphs


# ------------------------------------------------------------------------------------------------ layout


def _runs(glyphs: list[Glyph]) -> list[_Run]:
    """Split the glyph stream into runs along one line, going forwards; drop dot leaders (they end a run)."""
    runs: list[_Run] = []
    current: list[Glyph] = []
    last: Glyph | None = None

    def close() -> None:
        for part in _without_leaders(current):
            if any(not g.space for g in part):
                runs.append(_Run(part, part[0].direction))

    for g in glyphs:
        same_line = False
        if last is not None and g.direction == last.direction:
            overlap = (last.v2 if last.v2 < g.v2 else g.v2) - (last.v1 if last.v1 > g.v1 else g.v1)
            small = last.h if last.h < g.h else g.h
            big = last.h + g.h - small
            same_line = overlap > 0 and overlap >= LINE_OVERLAP * small and g.u1 >= last.u1 - 0.2 * big
        if g.space:
            if same_line:
                current.append(g)
            continue
        if not same_line:
            close()
            current = []
        current.append(g)
        last = g
    close()
    return runs


def _without_leaders(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Cut a run at every stretch of ``MIN_LEADER`` or more leader dots, dropping the dots."""
    if sum(1 for g in glyphs if g.text in _LEADERS) < MIN_LEADER:
        return [glyphs]
    parts: list[list[Glyph]] = [[]]
    i = 0
    while i < len(glyphs):
        j = i
        while j < len(glyphs) and glyphs[j].text in _LEADERS:
            j += 1
        if j - i >= MIN_LEADER:
            parts.append([])
            i = j
            continue
        parts[-1].extend(glyphs[i:max(j, i + 1)])
        i = max(j, i + 1)
    return [p for p in parts if p]


def _collides(a: _Run, b: _Run) -> bool:
    tolerance = 0.25 * min(a.h, b.h)
    return a.u1 < b.u2 - tolerance and b.u1 < a.u2 - tolerance


def _is_duplicate(a: _Run, b: _Run) -> bool:
    """Fake bold / shadow: the same text drawn again at (almost) the same place."""
    near = 0.3 * max(a.h, b.h)
    return abs(a.u1 - b.u1) <= near and abs(a.v1 - b.v1) <= near and a.text == b.text


def _lines(runs: list[_Run]) -> list[_Line]:
    """Group runs into lines: same direction, overlapping vertically, not overlapping horizontally."""
    runs = sorted(runs, key=lambda r: (r.direction, (r.v1 + r.v2) / 2, r.u1))
    lines: list[_Line] = []
    active: list[_Line] = []
    direction = None
    max_h = max((r.h for r in runs), default=0.0)
    for run in runs:
        if run.direction != direction:
            direction, active = run.direction, []
        centre = (run.v1 + run.v2) / 2
        active = [ln for ln in active if ln.v2 >= centre - max_h]
        best: _Line | None = None
        best_ratio = LINE_OVERLAP
        duplicate = False
        for line in active:
            overlap = min(line.v2, run.v2) - max(line.v1, run.v1)
            if overlap <= 0:
                continue
            ratio = overlap / max(min(line.h, run.h), 1e-6)
            if ratio < LINE_OVERLAP:
                continue
            clash = [other for other in line.runs if _collides(run, other)]
            if clash:
                if any(_is_duplicate(run, other) for other in clash):
                    duplicate = True
                    break
                continue
            if ratio > best_ratio or best is None:
                best, best_ratio = line, ratio
        if duplicate:
            continue
        if best is None:
            best = _Line(direction=run.direction, v1=run.v1, v2=run.v2)
            lines.append(best)
            active.append(best)
        best.runs.append(run)
        best.v1, best.v2 = min(best.v1, run.v1), max(best.v2, run.v2)
    return lines


def _line_spans(line: _Line) -> list[Span]:
    """One line's glyphs, left to right along the text, cut into words and spans."""
    ordered = sorted((g for run in sorted(line.runs, key=lambda r: r.u1) for g in run.glyphs), key=lambda g: g.u1)
    ink = [g for g in ordered if not g.space]
    if not ink:
        return []
    heights = sorted(g.h for g in ink)
    typical = heights[len(heights) // 2]
    # a glyph whose font box is much lower than its neighbours' (some fonts give dashes a 1-pt box) takes the
    # line's typical height for the gap thresholds
    hs = [g.h if g.h >= 0.6 * typical else typical for g in ink]

    n = len(ink)
    gaps = [0.0] * n
    spaced = [False] * n
    refs = [0.0] * n
    pos = 0  # index in ``ordered`` of the previous ink glyph
    for i in range(1, n):
        prev, cur = ink[i - 1], ink[i]
        gaps[i] = cur.u1 - prev.u2
        refs[i] = hs[i - 1] if hs[i - 1] < hs[i] else hs[i]
        # an explicit space between them (sorted by position)
        k = pos + 1
        while ordered[k] is not cur:
            if ordered[k].space:
                spaced[i] = True
            k += 1
        pos = k

    # the line's own word spacing (the lower median of its gaps at explicit spaces): justified text (``Tw``) and
    # letter-spaced text (``Tc`` applies to the space as well) have wide spaces that are not column gaps
    at_spaces = sorted(gaps[i] for i in range(1, n) if spaced[i])
    space_gap = SPACES_PER_SPAN_GAP * at_spaces[(len(at_spaces) - 1) // 2] if at_spaces else 0.0

    spans: list[Span] = []
    words: list[list[Glyph]] = [[ink[0]]]
    word_h = [hs[0]]
    for i in range(1, n):
        gap, ref = gaps[i], refs[i]
        word_break = spaced[i]
        base = 0.0
        if gap >= (WORD_GAP + MIN_SPACING) * ref:  # below that no letter spacing makes it a break
            base = _letter_spacing(gaps, spaced, refs, i)
            base = min(max(base, MIN_SPACING * ref), SPAN_GAP * ref)
            word_break = word_break or gap > base + WORD_GAP * ref
        if not word_break:
            words[-1].append(ink[i])
            if hs[i] > word_h[-1]:
                word_h[-1] = hs[i]
            continue
        wide = min(space_gap, base + MAX_SPAN_GAP * ref)  # wider than the line's spaces (up to a point)
        new_span = gap > max(base + SPAN_GAP * ref, wide)
        if not new_span and not spaced[i] and gap > base + NUMBER_SPAN_GAP * ref:  # amounts in two columns
            new_span = ink[i].text in _NUMBER_START and all(g.text in _NUMBER_CHARS for g in words[-1])
        if not new_span:  # a title beside a name in another size
            following = _word_height(ink, i, hs)
            new_span = max(word_h[-1], following) >= SPAN_HEIGHT_RATIO * min(word_h[-1], following)
        if new_span:
            spans.append(_span(words))
            words = []
            word_h = []
        words.append([ink[i]])
        word_h.append(hs[i])
    spans.append(_span(words))
    return spans


def _letter_spacing(gaps: list[float], spaced: list[bool], refs: list[float], i: int) -> float:
    """The local letter spacing around gap ``i``: the lower median of the nearest gaps on both sides.

    Gaps at explicit spaces and column gaps are left out; in a line of words most of the rest are inside words,
    so the lower median is the spacing within a word: 0 for normal text, the ``Tc`` of letter-spaced text,
    negative for tight tracking; kerning pairs and the odd word gap do not move it.
    """
    window: list[float] = []
    n = len(gaps)
    for step in range(1, n):
        for j in (i - step, i + step):
            if 1 <= j < n and not spaced[j] and gaps[j] < SPAN_GAP * refs[j]:
                window.append(gaps[j])
        if len(window) >= LETTER_WINDOW or (i - step < 1 and i + step >= n):
            break
    if not window:
        return 0.0
    window.sort()
    return window[(len(window) - 1) // 2]


def _word_height(ink: list[Glyph], start: int, hs: list[float]) -> float:
    """Height of the word starting at ``start`` (its glyphs up to the next gap of a space or more)."""
    h = hs[start]
    for j in range(start + 1, len(ink)):
        if ink[j].u1 - ink[j - 1].u2 > WORD_GAP * min(hs[j - 1], hs[j]):
            break
        h = max(h, hs[j])
    return h


def _span(words: list[list[Glyph]]) -> Span:
    text = " ".join("".join(g.text for g in word) for word in words)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    x1, y1, x2, y2 = words[0][0].box
    for word in words:
        for g in word:
            b = g.box
            x1, y1 = (b[0] if b[0] < x1 else x1), (b[1] if b[1] < y1 else y1)
            x2, y2 = (b[2] if b[2] > x2 else x2), (b[3] if b[3] > y2 else y2)
    return Span(bbox=(x1, y1, x2, y2), text=text, score=1.0)


def build_spans(glyphs: list[Glyph]) -> list[Span]:
    """Glyphs in content-stream order → line spans in reading order (top to bottom, then along the line).

    Upright lines come first, then lines of other directions (rotated margins, stamps), each in their own
    reading order.
    """
    lines = _lines(_runs(glyphs))
    lines.sort(key=lambda ln: (ln.direction != 0, ln.direction, (ln.v1 + ln.v2) / 2))
    return [span for line in lines for span in _line_spans(line)]


def page_spans(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, *, scale: float,
               text: str | None = None) -> list[Span]:
    """A page's text layer as line spans in pixels at ``scale`` (= DPI / 72); ``text`` as for ``read_glyphs``."""
    return build_spans(read_glyphs(textpage, page, scale=scale, text=text))
