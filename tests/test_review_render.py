"""The review's bulleted lists written directly give the bytes rich's grid gives (render/review.py `Bullets`)."""
from __future__ import annotations

import io
import random

import pytest
from rich.console import Console
from rich.text import Text

from visitlog.render.review import Bullets

PIECES = ["王建国（A级）", "安排定制学术支持", " · ", "08-04 周日 到期", "follow up on the renal data", "👩‍⚕️",
          "😀", "é", "e\u0301", "\u200b", "ｆｕｌｌ", "！？", "医保报销比例和准入进度", "x" * 30, "  ", "\t", "",
          "a-very-long-word-without-any-space-in-it-at-all", "，", "２０２６", "ﾊﾝｶｸ", "한국어", "\u0007"]


def render(renderable, width: int, colour: bool) -> str:
    out = io.StringIO()
    console = Console(file=out, width=width, color_system="standard" if colour else None,
                      force_terminal=colour, highlight=False, soft_wrap=False)
    console.print(renderable)
    return out.getvalue()


def rows(rng: random.Random) -> list:
    out = []
    for _ in range(rng.randint(1, 6)):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 5)))
        out.append((rng.choice([" •", " ✗", " -"]), Text(text, style=rng.choice(["", "dim", "red"]))))
    return out


@pytest.mark.parametrize("width", [24, 40, 80, 132])
def test_direct_lines_are_the_grids_bytes(width):
    rng = random.Random(width)
    direct = 0
    for _ in range(400):
        made = rows(rng)
        for colour in (False, True):
            bullets = Bullets(made)
            assert render(bullets, width, colour) == render(bullets.table(), width, colour), made
        direct += Bullets(made).plain_lines(Console(width=width, color_system=None), Console(width=width).options) \
            is not None
    assert direct > 10                  # the direct path was taken, not only the fallback


def test_long_lines_and_colour_go_through_the_grid():
    long = Bullets([(" •", Text("肝肾毒性" * 40))])
    plain = Console(width=80, color_system=None)
    assert long.plain_lines(plain, plain.options) is None
    short = Bullets([(" •", Text("肝肾毒性", style="red"))])
    assert short.plain_lines(plain, plain.options) == [" • 肝肾毒性"]
    coloured = Console(width=80, color_system="standard", force_terminal=True)
    assert short.plain_lines(coloured, coloured.options) is None
