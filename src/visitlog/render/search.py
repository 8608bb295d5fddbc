"""`visitlog search` for people and for machines: one heading per contact, its matching lines under it."""
from __future__ import annotations

from rich.text import Text

from ..i18n import t
from .text import contact_when


def view(hits, lang: str, width: int = 80) -> list:
    if not hits:
        return [Text(t("search-none", lang))]
    out: list = []
    for h in hits:
        out.append(Text(f"{contact_when(h.visit)}  {h.customer}", style="bold")
                   + Text(f"  {h.visit.source.path}", style="dim"))
        for source, line in h.lines:
            out.append(Text(f"  {source.line:>4}  ", style="dim") + Text(line))
    out.append(Text(t("search-summary", lang, n=len(hits), lines=sum(len(h.lines) for h in hits)), style="dim"))
    return out


def as_json(hits) -> dict:
    return {"hits": [{"customer": h.customer, "date": contact_when(h.visit), "source": str(h.visit.source),
                      "lines": [{"source": str(s), "text": line} for s, line in h.lines]} for h in hits]}
