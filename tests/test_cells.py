"""render/cells.py counts cells exactly as the installed rich does (the lean start prints without rich).

If one of these fails after rich was upgraded: `.venv/bin/python tools/make_celltable.py`, and commit.
"""
from __future__ import annotations

import random

import pytest
from rich import cells as rich_cells
from rich.control import strip_control_codes as rich_strip
from rich.segment import Segment

from visitlog.render import cells

# every kind of character a notebook may hold: what the layout has to count right
ALPHABET = (
    [chr(c) for c in range(0x20, 0x7F)] * 3                      # ASCII, most of what there is
    + list("王建国刘芳李主任，。、；：？！（）《》「」【】…—￥％１２３ａｂｃ")       # CJK and full-width forms
    + list("가각힣ｱｲｳ")                                          # Hangul, half-width katakana
    + ["\u0301", "\u0308", "\u20dd", "\u0e31", "\u1160", "\u200b", "\u00ad"]   # combining, zero width, soft hyphen
    + [chr(c) for c in range(0, 0x20)] + ["\x7f", "\x85", "\x9b"]   # control characters
    + ["\u200d"] * 6 + ["\ufe0f"] * 6 + ["\ufe0e"]               # joiner, emoji and text presentation
    + list("📅✅⚠☎❤☺✔✘☐↑→⏸👨👩👧👦🏽🇨🇳🧑🏻‍⚕️🫨🩷🪿") + ["#", "*", "1"]      # emoji, keycap bases, flags, skin tones
    + list("éüçñßØłЖжΩπ") + ["\ud800", "\U000e0001", "\U0010ffff", "\U00031350"]   # Latin, Greek, odd ones
)


def _strings(n: int, seed: int, longest: int = 24) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, longest))) for _ in range(n)]


def test_the_table_is_the_installed_riches():
    from rich._unicode_data import load

    from visitlog.render import celltable

    table = load("latest")
    assert (celltable.UNICODE_VERSION, celltable.WIDTHS) == (table.unicode_version, tuple(sorted(table.widths)))
    assert celltable.NARROW_TO_WIDE == table.narrow_to_wide
    assert all(a[1] < b[0] for a, b in zip(celltable.WIDTHS, celltable.WIDTHS[1:]))      # sorted, disjoint


@pytest.mark.parametrize("first, last, step", [
    (0, 0x30000, 1),              # every code point of the planes text uses (BMP, SMP, the CJK extensions)
    (0x30000, 0x110000, 7),       # the rest, sampled
])
def test_every_code_point_takes_as_many_cells_as_in_rich(first, last, step):
    wrong = [hex(c) for c in range(first, last, step) if cells.cell_len(chr(c)) != rich_cells.cell_len(chr(c))]
    assert not wrong, wrong[:20]


def test_mixed_strings_measure_as_in_rich():
    for text in _strings(4000, 1):
        assert cells.cell_len(text) == rich_cells.cell_len(text), repr(text)
        assert cells.graphemes(text) == rich_cells.split_graphemes(text), repr(text)


def test_cropping_and_padding_as_in_rich():
    for n, text in enumerate(_strings(3000, 2)):
        for total in {-1, 0, 1, 2, 3, n % 30, rich_cells.cell_len(text), rich_cells.cell_len(text) - 1}:
            assert cells.set_cell_size(text, total) == rich_cells.set_cell_size(text, total), (text, total)


def test_control_codes_are_stripped_as_rich_strips_them():
    text = "".join(chr(c) for c in range(0, 0x100)) + "王\r\n\t"
    assert cells.strip_control_codes(text) == rich_strip(text)


def test_a_long_line_is_cut_as_rich_cuts_it():
    rng = random.Random(3)
    for _ in range(2000):
        segments = [s for s in _strings(rng.randint(1, 5), rng.random(), 12)]
        width = rng.randint(1, 40)
        line = [Segment(s) for s in segments]
        expected = [s.text for s in Segment.adjust_line_length(line, width, pad=False)]
        assert cells.cut_line(segments, width) == expected, (segments, width)
