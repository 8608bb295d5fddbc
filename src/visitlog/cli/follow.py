"""Follow-up commands: snooze an item until a day, or skip it, with the reason written in the note."""
from __future__ import annotations

from typing import Annotated

import typer

from ..i18n import t
from .common import JsonOpt, LangOpt, NotesOpt, TodayOpt, app, fail, session

KeyArg = Annotated[str, typer.Argument(metavar="ID|PATH:LINE", help="help-follow-key",
                                       show_default=False)]
WhyOpt = Annotated[str, typer.Option("--why", metavar="REASON", help="help-follow-why")]


def _run(key: str, notes, today, lang, json: bool, action: str, until_text: str | None, why: str) -> None:
    from ..edit.done import DoneError
    from ..edit.follow import follow, until_date

    s = session(notes, today, lang)
    until = None
    if action == "snooze":
        until = until_date(until_text or "", s.today, s.settings)
        if until is None:
            raise fail(t("follow-bad-until", s.lang, value=until_text))
    try:
        done = follow(s.notebook, s.root, s.settings, s.today, key, action, until, why, s.lang)
    except DoneError as exc:
        raise fail(exc.text(s.lang))
    from ..render import jsonout

    if json:
        jsonout.emit({action: {**jsonout.item(done.item, s.today, s.lang), "until": jsonout.day(done.until),
                               "why": done.why, "changed": str(done.source), "line": done.line},
                      "errors": s.errors_json()})
        return
    typer.echo(t("follow-snoozed" if action == "snooze" else "follow-skipped", s.lang, customer=done.item.customer,
                 text=jsonout.item_text(done.item, s.lang), until=jsonout.day(done.until), why=done.why,
                 source=done.source))


@app.command()
def snooze(
    key: KeyArg,
    until: Annotated[str, typer.Option("--until", metavar="DATE|PHRASE",
                                       help="help-follow-until")],
    why: WhyOpt,
    notes: NotesOpt = None,
    today: TodayOpt = None,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """Put an item off until a day, with the reason: a line in its note; it comes back on that day.
    暂缓一项到某天（原因写进记录，到期重新出现）。

    Example: visitlog snooze c1a2b3c4 --until 2026-11-25 --why "王主任外出进修" --today 2026-11-20
    """
    _run(key, notes, today, lang, json, "snooze", until, why)


@app.command()
def skip(
    key: KeyArg,
    why: WhyOpt,
    notes: NotesOpt = None,
    today: TodayOpt = None,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """Skip an item, with the reason: a promise is cancelled ([-]), an appointment dropped, a cadence or
    wake-up item counts again from today. 跳过一项（原因写进记录）。

    Example: visitlog skip w1a2b3c4 --why "已调到外院" --today 2026-11-20
    """
    _run(key, notes, today, lang, json, "skip", None, why)
