"""The morning list for people: the customers, most urgent first, one line per step, the name once.

    2026-11-20 周五 · 13 位客户，共 25 项：逾期 13，今天 3，未来 3 天 6，无日期 3

    刘芳 A    逾期 2 天   安全  患者72岁，高血压合并2型糖尿病，服舒沐坦片…  s2075af2
              逾期 20 天  承诺  月底前把联合用药的文献和建议发给刘主任      c886acfc
    孙伟 B    逾期 59 天  联系  一次联系关闭 3 项：例行联系、唤醒、学术支…

    未列出（--all 列出）：孙伟 1 项逾期超 30 天的承诺，马丽 1 项被唤醒取代的跟进
    完成：visitlog done <id> · …

A step is one item, or the items one contact closes (`rules.morning`). Its
line says when (in words: "逾期 2 天", "今天 15:20", "明天", "11-23 周一"),
what kind, what, and the id for `visitlog done`; the text is cropped to the
line. `-v` (verbose) wraps the text under its column and adds, under it, the
reason and the `path:line` of every item. Column widths come from the cells'
display width (a Chinese character takes two), so every customer lines up.

Other features add lines under a step through `EXTRA_LINES`: callables
`(step, today, lang, verbose) -> list[str]`, printed dim under the text.
"""
from __future__ import annotations

import re
from datetime import date

from ..i18n import MESSAGES, t
from ..rules.due import CLOSABLE
from .cells import cell_len, cut_line, set_cell_size, strip_control_codes
from .words import item_text, reason_text

_GROUPS = (
    ("group-overdue", "red"),
    ("group-today", "yellow"),
    ("group-coming", "cyan"),
    ("group-vague", "magenta"),
    ("group-parked", "blue"),       # snoozed and waiting (docs/due.md): listed, not counted as to do
)
_COLOUR = dict(_GROUPS)


def bring_lines(step, today: date, lang: str, verbose: bool) -> list[str]:
    """What to bring to a contact (rules/materials.py sets `Item.bring`): one line, with `-v` only,
    so the plain morning list stays one screen (JSON always carries it)."""
    found = next((i.bring for i in step.items if getattr(i, "bring", None) is not None), None)
    if found is None or not verbose:
        return []
    from .materials import bring_line

    return [bring_line(found, lang)]


NAME_MAX = 14                   # the customer column's widest name (cells); longer names end in …
EXTRA_LINES: list = [bring_lines]   # callables (step, today, lang, verbose) -> list[str]


def group_of(item, today: date) -> str:
    if item.state in ("snoozed", "waiting"):
        return "group-parked"
    if item.due is None:
        return "group-vague"
    if item.due < today:
        return "group-overdue"
    return "group-today" if item.due == today else "group-coming"


def weekday(d: date, lang: str) -> str:
    return t(f"weekday-{d.weekday()}", lang)


_TOKEN = re.compile(r"[!-{}~]+|\s+|.")  # a run of printable ASCII but "|" is one word
_NO_LINE_START = set("，。、；：？！）》」』】〕…—,.;:?!)]}%|")
_NO_LINE_END = set("（《「『【〔“‘")


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` cells: Chinese breaks between any two characters, Latin words stay whole
    (unless longer than a line), and a line never starts with closing punctuation. A line holds at least one
    character, however narrow the width (a narrow screen once made this loop forever)."""
    width = max(1, width)
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
                    while (carry[0][0] in _NO_LINE_START and len(line) > 1 and not line[-1].isspace()
                           and cell_len(line[-1]) + sum(cell_len(x) for x in carry) + size <= width):
                        carry.insert(0, line.pop())          # `…TODAY）。`: the word and both marks move
                if len(line) > 1 and line[-1] in _NO_LINE_END:
                    carry.insert(0, line.pop())              # an opening mark goes with what it opens
                out.append("".join(line).rstrip())
                line = carry
                used = sum(cell_len(x) for x in line)
            while token and size > width:                # a word longer than a line is folded
                cut, taken = "", 0
                for ch in token:
                    if taken + cell_len(ch) > width - used:
                        break
                    cut += ch
                    taken += cell_len(ch)
                if not cut and line:                     # no room left on this line: the next one
                    out.append("".join(line).rstrip())
                    line, used = [], 0
                    continue
                cut = cut or token[0]                    # a character wider than the whole line: alone
                out.append("".join(line) + cut)
                line, used = [], 0
                token = token[len(cut):]
                size = cell_len(token)
            line.append(token)
            used += size
        out.append("".join(line).rstrip())
    return out


def _fit(text: str, width: int) -> str:
    """`text` cropped or padded with spaces to exactly `width` cells."""
    size = cell_len(text)
    if size > width:
        return set_cell_size(text, width)
    return text + " " * (width - size) if size < width else text


def _clean(text: str) -> str:
    """No control codes, and tabs as spaces (a cell count must match what the terminal shows)."""
    return strip_control_codes(text).replace("\t", " ")


class Block:
    """Lines printed as they are: the console neither wraps nor re-splits them (a bare Text would be joined
    with its neighbours by `Console.print` and word-wrapped line by line again, which costs as much as
    building it). Every line already fits the screen."""

    def __init__(self, text):
        self.text = text

    def __rich_console__(self, console, options):
        yield from self.text.render(console, end="\n")


def _crop(text: str, width: int) -> str:
    """`text` in at most `width` cells, ending in … when cut."""
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, max(0, width - 1)).rstrip() + "…"


def when_words(due: date | None, due_time, today: date, lang: str) -> str:
    """When a step is due, in words: overdue by N days, today (at a time), tomorrow, or the date."""
    if due is None:
        return t("morning-no-date", lang)
    days = (due - today).days
    if days < 0:
        return t("overdue-by", lang, days=-days)
    clock = f" {due_time.strftime('%H:%M')}" if due_time else ""
    if days == 0:
        return t("morning-today", lang) + clock
    if days == 1:
        return t("tomorrow", lang) + clock
    return f"{due.strftime('%m-%d') if due.year == today.year else due.isoformat()} {weekday(due, lang)}" + clock


def exact_when(item, today: date) -> str:
    if item.due is None:
        return ""
    head = item.due.strftime("%m-%d") if item.due.year == today.year else item.due.isoformat()
    return head + (" " + item.due_time.strftime("%H:%M") if item.due_time else "")


def step_kind(step, lang: str) -> str:
    return t("morning-kind-contact" if step.contact else "kind-" + step.kind, lang)


def step_text(step, lang: str) -> str:
    return _step_text(step, lang) + _by(step, lang)


def _by(step, lang: str) -> str:
    """Whose it is, when the rules marked it (`by`: a colleague's safety item, or the team's view)."""
    reps = list(dict.fromkeys(dict(i.args).get("by") for i in step.items if dict(i.args).get("by")))
    key = "by-rep-safety" if step.kind == "safety" else "by-rep"
    return t(key, lang, by=t("morning-join", lang).join(reps)) if reps else ""


def _step_text(step, lang: str) -> str:
    if not step.contact:
        return _clean(item_text(step.first, lang))
    names = t("morning-join", lang).join(short_text(i, lang) for i in step.items)
    return t("morning-contact", lang, n=len(step.items), names=names)


def short_text(item, lang: str) -> str:
    """A contact-closed item in a word or two (its rule's short name)."""
    rule = "tier-in-depth" if item.reason.startswith("reason-tier-in-depth") else item.rule
    return t(f"short-{rule}", lang) if f"short-{rule}" in MESSAGES else _clean(item_text(item, lang))


def step_id(step) -> str:
    """The id to pass to `visitlog done`; none for what a contact closes."""
    return step.first.id if not step.contact and step.kind in CLOSABLE else ""


class Lines:
    """The view itself: lines of styled pieces `(text, style)`, each at most `width` cells. Printed as they
    are: `plain` where there is no terminal (a pipe, a file: no colour; the lean start), `block()` for rich,
    which adds the styles at a terminal and finds nothing to re-wrap or crop.

    A line too long for the width (a narrow screen: the text column keeps at least 10 cells) is cut as
    rich's console would cut it (`cells.cut_line`, on the runs rich prints in one style), so the screen and
    the pipe show the same line."""

    def __init__(self, width: int):
        self.width = width
        self.rows: list[list[tuple[str, str | None]]] = []

    def line(self, *pieces: tuple[str, str | None]) -> None:
        pieces = [(strip_control_codes(text), style) for text, style in pieces]    # what rich's Text drops
        while pieces and not pieces[-1][0].strip():        # lines end where their text ends
            pieces.pop()
        if pieces:
            pieces[-1] = (pieces[-1][0].rstrip(), pieces[-1][1])
        runs: list[tuple[str, str | None]] = []            # as rich prints them: unstyled pieces run together
        for text, style in pieces:
            if style and text:
                runs.append((text, style))
            elif text and runs and runs[-1][1] is None:
                runs[-1] = (runs[-1][0] + text, None)
            elif text:
                runs.append((text, None))
        cut = cut_line([text for text, _ in runs], self.width)
        self.rows.append([(text, style) for text, (_, style) in zip(cut, runs)])

    @property
    def plain(self) -> str:
        """The lines without styles, each ending in a newline: what `block()` prints when there is no terminal."""
        return "".join("".join(text for text, _ in row) + "\n" for row in self.rows)

    def block(self) -> Block:
        from rich.text import Span, Text

        parts, spans, pos = [], [], 0
        for n, row in enumerate(self.rows):
            if n:
                parts.append("\n")
                pos += 1
            for text, style in row:
                if style:
                    spans.append(Span(pos, pos + len(text), style))
                parts.append(text)
                pos += len(text)
        return Block(Text("".join(parts), spans=spans))


def _footer(m, lang: str, today: date) -> list[str]:
    from ..rules.morning import OVERTAKEN, STALE
    from .duescreen import few_names, screen_footer

    out = []
    left = []
    for why, key in ((STALE, "morning-folded-stale"), (OVERTAKEN, "morning-folded-overtaken")):
        who = list(dict.fromkeys(i.customer for w, i in m.folded if w == why))
        if who:
            left.append(t(key, lang, n=m.folded_count(why), days=m.stale_days, names=few_names(who, lang)))
    if left:
        out.append(t("morning-left-out", lang, what=t("morning-and", lang).join(left)))
    if m.hidden and m.screen:
        out.append(screen_footer(m, today, lang))
    elif m.hidden:
        out.append(t("morning-limited", lang, customers=len(m.hidden), items=sum(d.items for d in m.hidden)))
    out.append(t("morning-hint", lang))
    return out


def follow_lines(step, today: date, lang: str, verbose: bool) -> list[str]:
    """Under a step: why it is snoozed, and a contact credited by a group meeting (issue #18); a waiting step
    says "waiting" in its first column, and `-v` names the step it waits for.

    Nothing with `-v`: the reasons say it all there."""
    if verbose:
        return []
    out = []
    for i in step.items:
        if i.state == "snoozed":
            out.append(t("note-snoozed", lang, until=i.until.isoformat(), why=i.why))
        if dict(i.args).get("group"):
            out.append(t("note-group", lang, **dict(i.args)))
    return list(dict.fromkeys(out))


EXTRA_LINES.append(follow_lines)


def due_view(m, items, today: date, lang: str, days: int = 3, width: int = 80, *, verbose: bool = False,
             settings=None) -> list:
    """Renderables for `visitlog due` (rich): `due_lines`, styled."""
    return [due_lines(m, items, today, lang, days, width, verbose=verbose, settings=settings).block()]


def due_text(m, items, today: date, lang: str, days: int = 3, width: int = 80, *, verbose: bool = False,
             settings=None) -> str:
    """`visitlog due` as printed where there is no terminal: `due_lines`, plain (what rich prints there)."""
    return due_lines(m, items, today, lang, days, width, verbose=verbose, settings=settings).plain


def due_lines(m, items, today: date, lang: str, days: int = 3, width: int = 80, *, verbose: bool = False,
              settings=None) -> Lines:
    """The morning list: the summary, one heading per customer with its steps, the footer.

    `m` is the `rules.morning.Morning` of `items` (all the items the rule found, folded ones included).
    """
    if not items:
        out = Lines(width)
        for line in wrap(t("nothing-due", lang), width):
            out.line((line, None))
        return out
    steps = [s for d in m.days for s in d.steps]
    whens = {id(s): (t(f"state-{s.first.state}", lang) if s.first.state in ("snoozed", "waiting") else
                     when_words(s.due, s.first.due_time, today, lang)) for s in steps}
    w_when = max((cell_len(w) for w in whens.values()), default=0)
    w_kind = max((cell_len(step_kind(s, lang)) for s in steps), default=0)
    w_id = max((cell_len(step_id(s)) for s in steps), default=0)
    names = {d.customer: _crop(f"{_clean(d.customer)} {_clean(d.tier)}", NAME_MAX) for d in m.days}
    w_name = max((cell_len(x) for x in names.values()), default=0)
    left = w_name + 2 + w_when + 2 + w_kind + 2
    w_text = max(10, width - left - (w_id + 2 if w_id else 0))
    pad = " " * left
    out = Lines(width)
    counts = {g: 0 for g, _ in _GROUPS}
    for i in items:
        counts[group_of(i, today)] += 1
    customers = len({i.customer for i in items})
    for line in wrap(t("morning-summary", lang, date=today.isoformat(), weekday=weekday(today, lang),
                       customers=customers, total=len(items), overdue=counts["group-overdue"],
                       today=counts["group-today"], coming=counts["group-coming"], days=days,
                       vague=counts["group-vague"]), width):
        out.line((line, "bold"))
    for n, d in enumerate(m.days):
        if n == 0 or verbose:
            out.line()
        for k, s in enumerate(d.steps):
            who = _fit(names[d.customer] if k == 0 else "", w_name)   # the customer once, beside the first step
            colour = _COLOUR[group_of(s.first, today)]
            safety = s.kind == "safety"
            kind_style = "bold red reverse" if safety else "bold"
            text = step_text(s, lang)
            ident = step_id(s)
            if verbose:                                  # the text wrapped under its column
                first = wrap(text, w_text) or [""]
                first, rest = first[:1], first[1:]
            else:                                        # the text cropped to its line
                first, rest = [_crop(text, w_text)], []
            text_style = "bold red" if safety else None
            out.line((who, "bold"), ("  ", None), (_fit(whens[id(s)], w_when), f"bold {colour}"), ("  ", None),
                     (_fit(step_kind(s, lang), w_kind), kind_style), ("  ", None),
                     (_fit(first[0], w_text) if ident else first[0], text_style),
                     ("  " + ident if ident else "", "bold"))
            for line in rest:
                out.line((pad, None), (line, text_style))
            if verbose:
                for i in s.items:
                    why = _clean(reason_text(i, lang))
                    if s.contact:
                        why = f"· {_clean(item_text(i, lang))}: {why}" if lang == "en" else \
                              f"· {_clean(item_text(i, lang))}：{why}"
                    hang = "  " if s.contact else ""
                    for k, line in enumerate(wrap(why, width - left - len(hang))):
                        out.line((pad, None), ((hang if k else "") + line, "dim"))
                    where = " · ".join(x for x in (exact_when(i, today), str(i.source)) if x)
                    for line in wrap(_clean(where), width - left):
                        out.line((pad, None), (line, "dim"))
            extras = list(s.extra) + [x for extra in EXTRA_LINES for x in extra(s, today, lang, verbose) or ()]
            for line in extras:
                if line:
                    for piece in wrap(_clean(line), width - left):
                        out.line((pad, None), (piece, "dim"))
    out.line()
    for line in _footer(m, lang, today):
        for piece in wrap(line, width):
            out.line((piece, "dim"))
    return out
