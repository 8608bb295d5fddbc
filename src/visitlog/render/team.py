"""The district's views: a note's history (text and JSON)."""
from __future__ import annotations

from ..i18n import t


def change_text(change, lang: str) -> str:
    args = dict(change.args)
    return t(f"history-{change.code}", lang, **{k: ("" if v is None else v) for k, v in args.items()})


def history_view(files, lang: str) -> list[str]:
    """Lines: each file, then one line per commit: date, author, what changed."""
    out: list[str] = []
    for rel, steps in files:
        if out:
            out.append("")
        out.append(rel)
        if not steps:
            out.append("  " + t("history-none", lang, path=rel))
        for s in steps:
            what = "; ".join(change_text(c, lang) for c in s.changes)
            out.append(f"  {s.when[:16].replace('T', ' ')}  {s.author}  {what}  ({s.commit[:7]})")
    return out


def history_json(target: str, files, lang: str) -> dict:
    return {"target": target, "files": [{
        "path": rel,
        "history": [{
            "commit": s.commit, "author": s.author, "date": s.when, "subject": s.subject, "path_in_commit": s.path,
            "changes": [{"code": c.code, "text": change_text(c, lang),
                         "args": {k: v for k, v in c.args if isinstance(v, (str, int, float)) or v is None}}
                        for c in s.changes],
        } for s in steps],
    } for rel, steps in files]}
