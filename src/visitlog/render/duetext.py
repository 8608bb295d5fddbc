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

from rich.cells import cell_len
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

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
    out: list = [Text("\n".join(wrap(summary(items, today, lang, days).plain, width)), style="bold")]
    for title, colour in _GROUPS:
        chosen = [i for i in items if group_of(i, today) == title]
        if not chosen:
            continue
        out.append(Text(""))
        out.append(Rule(Text(f" {t(title, lang)} {len(chosen)} ", style=f"bold {colour}"), align="left",
                        style=colour))
        table = Table(box=None, show_header=False, pad_edge=False, expand=False, padding=(0, 1, 0, 1))
        for w in widths + [body_width]:
            table.add_column(width=w, no_wrap=True, overflow="crop")
        for n, i in enumerate(chosen):
            if n:
                table.add_row("", "", "", "")
            head, far = whens[i.id]
            when = Text(head, style="bold")
            when.append(f"\n{far}", style=colour)
            when.append(f"\n{i.id}")
            safety = i.kind == "safety"
            kind = Text(t("kind-" + i.kind, lang), style="bold red reverse" if safety else "bold")
            who = Text(i.customer, style="bold")
            who.append(f" {i.tier}", style="dim")
            body = Text("\n".join(wrap(item_text(i, lang), body_width)), style="bold red" if safety else "")
            body.append("\n" + "\n".join(wrap(reason_text(i, lang), body_width)), style="red" if safety else "dim")
            body.append("\n" + "\n".join(wrap(str(i.source), body_width)), style="dim")
            table.add_row(when, kind, who, body)
        out.append(table)
    out.append(Text(""))
    out.append(Text("\n".join(wrap(t("due-hint", lang), width)), style="dim"))
    return out
