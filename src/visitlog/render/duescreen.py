"""The morning list cut to fit the terminal: two screens, the most urgent customers first (issue #13).

At a terminal `visitlog due` shows the customers that fit in two screens
(`budget`: twice the terminal's height, less the lines the load errors took
above the list); the footer says how many customers and items are below the
cut, the next one's date, how many of them are overdue, and that
`--limit 0` lists them all. Whole customers are cut, from the least urgent
one up, never one with a safety item (`rules.morning.cut`). Piped, `-v`,
`--limit` and `--all` never cut (docs/due.md says why).
"""
from __future__ import annotations

import io
from datetime import date

from ..i18n import t
from .cells import cell_len
from .duetext import when_words


def budget(rows: int, reserved: int = 0) -> int:
    """Lines the list may take: two screens, less what stderr printed above it (at most one screen)."""
    return max(rows, 2 * rows - reserved)


def stderr_lines(texts, width: int) -> int:
    """Lines that these stderr messages take on a terminal `width` columns wide."""
    return sum(max(1, -(-cell_len(x) // max(1, width))) for x in texts)


def lines(parts, width: int) -> int:
    """How many lines the renderables take at `width` (the terminal path only: rich is loaded here)."""
    from rich.console import Console

    out = Console(file=io.StringIO(), width=width, no_color=True, highlight=False, soft_wrap=False,
                  force_terminal=False)
    with out.capture() as captured:
        for part in parts:
            out.print(part)
    return captured.get().count("\n")


def fit(view, m, limit: int | None, width: int):
    """`view(m)` for the most customers of `m` whose view takes at most `limit` lines (None: all)."""
    from ..rules.morning import cut, must_show

    whole = view(m)
    if limit is None or len(m.days) <= 1 or lines(whole, width) <= limit:
        return whole
    low, high = max(1, must_show(m.days)), len(m.days) - 1      # the view of `low` customers is shown anyway
    best = view(cut(m, low))
    while low < high:               # the largest count whose view fits (a view grows with its customers)
        middle = (low + high + 1) // 2
        parts = view(cut(m, middle))
        if lines(parts, width) <= limit:
            low, best = middle, parts
        else:
            high = middle - 1
    return best


NAMES_MAX = 3           # a footer names at most this many customers, then counts them


def few_names(names: list[str], lang: str) -> str:
    """Customers named in a footer: all of them up to NAMES_MAX, else the first few and how many in all."""
    joined = t("morning-join", lang).join(names[:NAMES_MAX])
    if len(names) <= NAMES_MAX:
        return joined
    return t("morning-names-more", lang, names=joined, n=len(names))


def screen_footer(m, today: date, lang: str) -> str:
    """The footer line for what the cut left out."""
    items = [i for d in m.hidden for s in d.steps for i in s.items]
    late = sum(1 for i in items if i.due is not None and i.due < today and i.state == "open")
    first = m.hidden[0].steps[0]
    return t("morning-screen", lang, customers=len(m.hidden), items=len(items),
             when=f"{first.first.customer} {when_words(first.due, first.first.due_time, today, lang)}",
             overdue=t("morning-screen-overdue", lang, n=late) if late else "")


__all__ = ["NAMES_MAX", "budget", "few_names", "fit", "lines", "screen_footer", "stderr_lines"]
