"""The morning list for people: items grouped overdue / today / coming days / no date.

Every item takes three lines in four aligned columns, so it reads at 80
columns with Chinese text:

    11-18 周三  安全  刘芳 B  患者72岁，高血压合并2型糖尿病……   (what)
    逾期 2 天                 11-17 15:20 反馈不良反应，须在……   (why)
    s2075af2                  visits/2026/2026-11-17-刘芳.md:12  (where)

The first column is when (date and weekday, or the time of day), how far off
it is, and the id to pass to `visitlog done`. Column widths are computed from
the cells' display width (a Chinese character takes two cells) over all
groups, so the groups line up.
"""
from __future__ import annotations

import re
from datetime import date

from rich.cells import cell_len, set_cell_size
from rich.control import strip_control_codes
from rich.rule import Rule
from rich.text import Span, Text

from ..i18n import t
from .jsonout import item_text, reason_text

_GROUPS = (
    ("group-overdue", "red"),
    ("group-today", "yellow"),
    ("group-coming", "cyan"),
    ("group-vague", "magenta"),
)


def group_of(item, today: date) -> str:
    if item.due is None:
        return "group-vague"
    if item.due < today:
        return "group-overdue"
    return "group-today" if item.due == today else "group-coming"


def weekday(d: date, lang: str) -> str:
    return t(f"weekday-{d.weekday()}", lang)


def _when(item, today: date, lang: str) -> tuple[str, str]:
    """(the date line, the how-far-off line) of the first column."""
    if item.due is None:
        return "—", ""
    head = item.due.strftime("%m-%d") if item.due.year == today.year else item.due.isoformat()
    head += " " + (item.due_time.strftime("%H:%M") if item.due_time else weekday(item.due, lang))
    days = (item.due - today).days
    if days < 0:
        return head, t("overdue-by", lang, days=-days)
    if days == 0:
        return head, t("group-today", lang)
    if days == 1:
        return head, t("tomorrow", lang)
    return head, t("in-days", lang, days=days)


def _customer(item) -> str:
    return f"{item.customer} {item.tier}"


def summary(items, today: date, lang: str, days: int) -> Text:
    counts = {g: 0 for g, _ in _GROUPS}
    for i in items:
        counts[group_of(i, today)] += 1
    return Text(t("due-summary", lang, date=today.isoformat(), weekday=weekday(today, lang), total=len(items),
                  overdue=counts["group-overdue"], today=counts["group-today"], coming=counts["group-coming"],
                  days=days, vague=counts["group-vague"]), style="bold")


_TOKEN = re.compile(r"[A-Za-z0-9_.,:;/\\\-@#%+=<>'\"()\[\]!?]+|\s+|.")
_NO_LINE_START = set("，。、；：？！）》」』】〕…—,.;:?!)]}%")


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` cells: Chinese breaks between any two characters, Latin words stay whole
    (unless longer than a line), and a line never starts with closing punctuation."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        line: list[str] = []
        used = 0
        for token in _TOKEN.findall(paragraph):
            size = cell_len(token)
            if token.isspace():
                if line and used + size <= width:
                    line.append(token)
                    used += size
                elif line:
                    out.append("".join(line).rstrip())
                    line, used = [], 0
                continue
            if used + size > width and line:
                carry: list[str] = []
                if token[0] in _NO_LINE_START and len(line) > 1 and not line[-1].isspace():
                    carry = [line.pop()]
                out.append("".join(line).rstrip())
                line = carry
                used = sum(cell_len(x) for x in line)
            while size > width:                          # a word longer than a line is folded
                cut, taken = "", 0
                for ch in token:
                    if taken + cell_len(ch) > width - used:
                        break
                    cut += ch
                    taken += cell_len(ch)
                if not cut:
                    out.append("".join(line).rstrip())
                    line, used = [], 0
                    continue
                out.append("".join(line) + cut)
                line, used = [], 0
                token = token[len(cut):]
                size = cell_len(token)
            line.append(token)
            used += size
        out.append("".join(line).rstrip())
    return out


# The layout is the one a rich Table(box=None, padding=(0, 1, 0, 1), pad_edge=False) with four fixed, no-wrap,
# cropping columns gave, built as lines instead: a Table per group cost about 1 ms an item (1.6 s for the
# 1,589 items of a 10,000-visit notebook) and 30 ms of imports. Each cell is cropped or padded to its column
# (the padding takes the cell's style, as the Table's did: it shows for the reversed safety label), two
# spaces separate the columns, and lines end where their text ends.
_PADS = (1, 2, 2, 1)            # the Table's padding around each column: none on the outer edges


def _reduce(excess: int, values: list[int]) -> list[int]:
    """Take `excess` cells evenly off the columns, the way rich's Table shrinks fixed columns that do not
    fit (rich._ratio.ratio_reduce with equal ratios; copied to keep `fractions` out of the import)."""
    ratios = [1 if v else 0 for v in values]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    remaining, result = excess, []
    for ratio, value in zip(ratios, values):
        if ratio and total_ratio > 0:
            taken = min(value, round(ratio * remaining / total_ratio))
            result.append(value - taken)
            remaining -= taken
            total_ratio -= ratio
        else:
            result.append(value)
    return result


def columns(widths: list[int], width: int) -> list[int]:
    """The four columns' text widths on a screen `width` cells wide."""
    padded = [min(w + p, width) for w, p in zip(widths, _PADS)]
    if sum(padded) > width:
        padded = _reduce(sum(padded) - width, padded)
    return [max(0, w - p) for w, p in zip(padded, _PADS)]


def _fit(text: str, width: int) -> str:
    """`text` cropped or padded with spaces to exactly `width` cells."""
    size = cell_len(text)
    if size > width:
        return set_cell_size(text, width)
    return text + " " * (width - size) if size < width else text


def _clean(text: str) -> str:
    return strip_control_codes(text)


def _body_line(text: str, width: int) -> str:
    if "\t" in text:
        line = Text(text)
        line.expand_tabs(8)
        text = line.plain
    return set_cell_size(text, width) if cell_len(text) > width else text


class Block:
    """Lines printed as they are: the console neither wraps nor re-splits them (a bare Text would be joined
    with its neighbours by `Console.print` and word-wrapped line by line again, which costs as much as
    building it). Every line already fits the screen."""

    def __init__(self, text: Text):
        self.text = text

    def __rich_console__(self, console, options):
        yield from self.text.render(console, end="\n")


def _block(chosen, whens: dict, colour: str, cols: list[int], lang: str) -> Block:
    """One group's rows as one Text: every item three lines or more, a blank line between items."""
    w0, w1, w2, wb = cols
    gap1, gap2 = " " * (w1 + 2), " " * (w2 + 2)
    parts: list[str] = []
    spans: list[Span] = []
    pos = 0
    for n, i in enumerate(chosen):
        if n:                                       # the line before ends, and a blank line follows
            parts.append("\n\n")
            pos += 2
        head, far = whens[i.id]
        safety = i.kind == "safety"
        kind_style = "bold red reverse" if safety else "bold"
        body = [(line, "bold red" if safety else None) for line in wrap(_clean(item_text(i, lang)), wb)]
        body += [(line, "bold red" if safety else "dim") for line in wrap(_clean(reason_text(i, lang)), wb)]
        body += [(line, "bold red dim" if safety else "dim") for line in wrap(_clean(str(i.source)), wb)]
        for k, (text, style) in enumerate(body):
            if k:
                parts.append("\n")
                pos += 1
            pieces: list[tuple[str, str | None]]
            if k == 0:
                customer, tier = _clean(i.customer), _clean(i.tier)
                who = _fit(f"{customer} {tier}", w2)
                pieces = [(_fit(head, w0), "bold"), ("  ", None),
                          (_fit(_clean(t("kind-" + i.kind, lang)), w1), kind_style), ("  ", None),
                          (who, "bold")]
                start = pos + len(pieces[0][0]) + len(pieces[2][0]) + 4
                spans.append(Span(start + len(customer), start + min(len(customer) + 1 + len(tier), len(who)), "dim"))
            elif k == 1:
                pieces = [(_fit(far, w0), "bold"), (gap1, None), (gap2, None)]
                spans.append(Span(pos, pos + min(len(far), len(pieces[0][0])), colour))
            elif k == 2:
                pieces = [(_fit(i.id, w0), "bold"), (gap1, None), (gap2, None)]
            else:
                pieces = [(" " * w0, None), (gap1, None), (gap2, None)]
            text = _body_line(text, wb)
            if text:
                pieces += [("  ", None), (text, style)]
            else:                                   # nothing after the left columns: end the line there
                while pieces and not pieces[-1][0].strip() and "reverse" not in (pieces[-1][1] or ""):
                    pieces.pop()
                if pieces and "reverse" not in (pieces[-1][1] or ""):
                    pieces[-1] = (pieces[-1][0].rstrip(), pieces[-1][1])
            for piece, piece_style in pieces:
                end = pos + len(piece)
                if piece_style and end > pos:
                    spans.append(Span(pos, end, piece_style))
                parts.append(piece)
                pos = end
    spans = [span for span in spans if span.end > span.start]
    return Block(Text("".join(parts), spans=spans))


def due_view(items, today: date, lang: str, days: int = 3, width: int = 80) -> list:
    """Renderables for `visitlog due`: a summary, then one block per non-empty group, then a hint."""
    if not items:
        return [Text(t("nothing-due", lang))]
    whens = {i.id: _when(i, today, lang) for i in items}
    widths = [
        max(max(cell_len(a), cell_len(b), cell_len(i.id)) for i in items for a, b in [whens[i.id]]),
        max(cell_len(t("kind-" + i.kind, lang)) for i in items),
        max(cell_len(_customer(i)) for i in items),
    ]
    body_width = max(20, width - sum(widths) - 6)
    cols = columns(widths + [body_width], width)
    out: list = [Text("\n".join(wrap(summary(items, today, lang, days).plain, width)), style="bold")]
    for title, colour in _GROUPS:
        chosen = [i for i in items if group_of(i, today) == title]
        if not chosen:
            continue
        out.append(Text(""))
        out.append(Rule(Text(f" {t(title, lang)} {len(chosen)} ", style=f"bold {colour}"), align="left",
                        style=colour))
        out.append(_block(chosen, whens, colour, cols, lang))
    out.append(Text(""))
    out.append(Text("\n".join(wrap(t("due-hint", lang), width)), style="dim"))
    return out
