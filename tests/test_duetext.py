"""The text view of `visitlog due`: aligned columns built as lines, wrapped text hanging under its column."""
from __future__ import annotations

import re

from rich.cells import cell_len

LONG = ("72小时内整理长期随访数据（按肾功能分层）并发送给王主任，附上药物经济学分析、医保政策解读"
        "和近三年省内同类医院的用药对比的完整材料")


def _notebook(notes):
    notes.profile("王建国", 5, 5, 5, since="2026-10-01")
    for day in ["2026-10-01", "2026-10-04", "2026-10-08", "2026-10-15"]:
        notes.visit("王建国", day)
    notes.visit("王建国", "2026-11-18 10:00", f"""
        - [ ] {LONG}
        - [ ] 后续跟进
    """, adverse_event="患者65岁，用药后轻度低血糖，合并二甲双胍", next="下周四下午")


def _blocks(out: str) -> list[list[str]]:
    """The item rows of the view: runs of lines between blank lines and group rules, without the summary."""
    blocks, block = [], []
    for line in out.splitlines()[1:]:
        if not line.strip() or "──" in line:
            if block:
                blocks.append(block)
            block = []
        else:
            block.append(line)
    if block:
        blocks.append(block)
    return blocks[:-1]                                   # the last run is the hint


def _indent(line: str) -> int:
    return cell_len(line) - cell_len(line.lstrip(" "))


def test_wrapped_text_hangs_under_its_column_and_every_item_shows_id_and_source(notes):
    _notebook(notes)
    items = notes.json("due", "--today", "2026-11-20", "--lang", "zh")["items"]
    out = notes.run("due", "--today", "2026-11-20", "--lang", "zh", env={"COLUMNS": "80"}).stdout
    lines = out.splitlines()
    assert all(line == line.rstrip() for line in lines)              # no trailing spaces
    assert max(cell_len(line) for line in lines) <= 80
    blocks = _blocks(out)
    assert len(blocks) == len(items)
    for block in blocks:
        assert len(block) >= 3
    column = None
    for item, block in zip(items, blocks):
        assert block[2].startswith(item["id"] + " ")               # the id under the date, for `visitlog done`
        first = block[0]
        text_at = cell_len(first[:first.index(item["text"][:4])])
        column = text_at if column is None else column
        assert text_at == column                                     # one text column for all groups
        for line in block[3:]:                                       # continuation lines: left columns empty
            assert _indent(line) == column
        body = [line[len(line) - len(line.lstrip(" ")):] if n >= 3 else "" for n, line in enumerate(block)]
        body[:3] = [cut_at(line, column) for line in block[:3]]
        assert item["source"] in body
    long_item = next((i, b) for i, b in zip(items, blocks) if i["text"] == LONG)
    block = long_item[1]
    text_lines = [cut_at(line, column) for line in block]
    assert len(text_lines) > 4                                       # the long text took several lines
    assert "".join(text_lines).startswith(LONG)                     # and nothing of it was cut


def cut_at(line: str, column: int) -> str:
    """What a line shows from cell `column` on."""
    used = 0
    for n, ch in enumerate(line):
        if used >= column:
            return line[n:]
        used += cell_len(ch)
    return ""


def test_a_narrow_screen_wraps_the_text_instead_of_cutting_it(notes):
    _notebook(notes)
    out = notes.run("due", "--today", "2026-11-20", "--lang", "zh", env={"COLUMNS": "40"}).stdout
    assert max(cell_len(line) for line in out.splitlines()) <= 40
    block = next(b for b in _blocks(out) if LONG[:4] in b[0])
    column = cell_len(block[0][:block[0].index(LONG[:4])])
    assert "".join(cut_at(line, column) for line in block).startswith(LONG)


def test_colours_and_the_reversed_safety_label(notes):
    _notebook(notes)
    plain = notes.run("due", "--today", "2026-11-20", "--lang", "en", env={"COLUMNS": "80"}).stdout
    assert "\x1b[" not in plain
    coloured = notes.run("due", "--today", "2026-11-20", "--lang", "en",
                         env={"COLUMNS": "80", "NO_COLOR": "", "FORCE_COLOR": "1"}).stdout
    label = re.search(r"\x1b\[1;7;31m(safety *)\x1b\[0m", coloured)      # the label reversed in red,
    assert label and len(label.group(1)) == len("promise")         # padded to the column as before
    assert "\x1b[2mvisits/2026-11-18" in coloured or "\x1b[1;2;31mvisits/" in coloured
