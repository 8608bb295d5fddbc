"""How many terminal cells text takes, counted as rich counts them, without importing rich.

The text views lay out their columns here (`duetext`), and the lean start
(`visitlog/__main__.py`) prints the morning list without loading rich at
all, so these counts must be rich's own, to the cell: a Chinese character or
a wide emoji takes two cells, a combining mark or a control character none,
a zero-width joiner hides the character after it, and U+FE0F (emoji
presentation) widens the character before it when that one has a wide emoji
form. The widths come from `celltable.py`, written from rich's table by
`tools/make_celltable.py`; `tests/test_cells.py` compares every code point
and a few thousand mixed strings with the installed rich.

`cut_line` crops a line of segments to a width the way rich's console does
when it prints a line that is too long, so a view can crop its own lines and
rich then finds nothing left to crop.
"""
from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

from .celltable import NARROW_TO_WIDE, WIDTHS

_STARTS = tuple(first for first, _, _ in WIDTHS)
_LAST = WIDTHS[-1][1]
_ZWJ = "\u200d"                  # zero-width joiner: hides the character after it
_VS16 = "\ufe0f"                 # emoji presentation: widens the character before it (NARROW_TO_WIDE)

# Characters measured as one cell each without a look-up (and cropped by slicing), as rich does: printable
# ASCII, Latin-1 and Latin extended up to U+02FF (not the soft hyphen), Greek and Cyrillic letters, box
# drawing and geometric shapes, Braille.
_ONE_CELL = frozenset(chr(c) for first, last in ((0x20, 0x7E), (0xA0, 0xAC), (0xAE, 0x2FF), (0x370, 0x482),
                                                  (0x2500, 0x25FC), (0x2800, 0x28FF))
                      for c in range(first, last + 1))
_all_one_cell = _ONE_CELL.issuperset

# What rich's Text removes from any text it is given: bell, backspace, vertical tab, form feed, carriage return.
_STRIPPED = dict.fromkeys((7, 8, 11, 12, 13))


def strip_control_codes(text: str) -> str:
    """`text` without the control codes rich's Text drops (so what is measured is what is printed)."""
    return text if text.isprintable() else text.translate(_STRIPPED)


@lru_cache(maxsize=8192)
def char_width(ch: str) -> int:
    """Cells of one code point: 0, 1 or 2."""
    code = ord(ch)
    if 0 < code < 32 or 0x7F <= code < 0xA0:
        return 0
    if code > _LAST:
        return 1
    at = bisect_right(_STARTS, code) - 1
    if at >= 0 and code <= WIDTHS[at][1]:
        return WIDTHS[at][2]
    return 1


def cell_len(text: str) -> int:
    """Cells `text` takes on a terminal."""
    if text.isascii() and text.isprintable():
        return len(text)
    return _remembered_len(text) if len(text) < 512 else _measure(text)


@lru_cache(maxsize=4096)
def _remembered_len(text: str) -> int:
    return _measure(text)


def _measure(text: str) -> int:
    if _all_one_cell(text):
        return len(text)
    if _ZWJ not in text and _VS16 not in text:
        return sum(map(char_width, text))
    total = 0
    last = None                  # the last character that took cells, until a U+FE0F consumes it
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == _ZWJ:
            i += 1               # the joined character is part of the emoji before: not counted
        elif ch == _VS16:
            if last:
                total += last in NARROW_TO_WIDE
                last = None
        else:
            width = char_width(ch)
            if width:
                last = ch
                total += width
        i += 1
    return total


def graphemes(text: str) -> tuple[list[tuple[int, int, int]], int]:
    """(start, end, cells) of each displayed character of `text` (zero-width marks joined to the one before,
    an emoji sequence joined by U+200D as one), and the cells of the whole."""
    spans: list[tuple[int, int, int]] = []
    total = 0
    last = None
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == _ZWJ or ch == _VS16:
            if not spans:
                spans.append((i, i + 1, 0))
                i += 1
                continue
            start, _, cells = spans[-1]
            if ch == _ZWJ:
                i += 2 if i < n - 1 else 1
            else:
                i += 1
                if last and last in NARROW_TO_WIDE:
                    last = None
                    cells += 1
                    total += 1
            spans[-1] = (start, i, cells)
            continue
        width = char_width(ch)
        if width:
            last = ch
            spans.append((i, i + 1, width))
            total += width
        elif spans:
            start, _, cells = spans[-1]
            spans[-1] = (start, i + 1, cells)
        else:
            spans.append((i, i + 1, 0))
        i += 1
    return spans, total


def _cut(text: str, cells: int) -> str:
    """The first `cells` cells of `text`; a wide character cut in half becomes a space."""
    if cells <= 0:
        return ""
    spans, total = graphemes(text)
    at = int(cells / total * len(spans))     # a first guess, then step to the exact place
    used = sum(c for _, _, c in spans[:at])
    while True:
        if used == cells:
            return text if at >= len(spans) else text[:spans[at][0]]
        if used < cells:
            start, _, size = spans[at]
            if used + size > cells:
                return text[:start] + " "
            at += 1
            used += size
        else:
            start, _, size = spans[at - 1]
            if used - size < cells:
                return text[:start] + " "
            at -= 1
            used -= size


def set_cell_size(text: str, total: int) -> str:
    """`text` cropped, or padded with spaces, to exactly `total` cells."""
    if _all_one_cell(text):
        size = len(text)
        return text + " " * (total - size) if size < total else text[:total]
    if total <= 0:
        return ""
    size = cell_len(text)
    if size == total:
        return text
    if size < total:
        return text + " " * (total - size)
    return _cut(text, total)


def cut_line(segments: list[str], width: int) -> list[str]:
    """A printed line (its segments: the runs of one style) cut to `width` cells as rich's console cuts a line
    that is too long: the segments that fit whole, the next one cropped, the rest dropped."""
    if sum(map(cell_len, segments)) <= width:
        return segments
    out: list[str] = []
    used = 0
    for segment in segments:
        size = cell_len(segment)
        if used + size < width:
            out.append(segment)
            used += size
        else:
            out.append(set_cell_size(segment, width - used))
            break
    return out
