"""Labels in, values out: every word the interface shows for a value is accepted back as that value.

The screen says `承诺`, `promise`, `唤醒`, `电话`; a rep types what they see,
in either language, in an option (`--kind 承诺`, `--segment 唤醒`,
`--channel 微信`) or in a note's front matter (`channel: 电话`). `value_of`
turns any of these into the machine value (`commitment`, `wake-up`,
`message`, `phone`), or None when the word names nothing.

`SYNONYMS` is the table a note's front matter is read with (it lives here so
the index key, which covers `notebook/`, changes when it does); options also
accept the interface's own words from `i18n` (`word()` in zh and en), and a
test keeps the two in step. WeChat is how most messages to doctors are sent,
so `wechat`/`微信` is the channel `message`.
"""
from __future__ import annotations

SYNONYMS: dict[str, dict[str, str]] = {
    "channel": {
        "拜访": "visit", "面访": "visit", "当面": "visit", "face-to-face": "visit",
        "电话": "phone", "call": "phone", "phone call": "phone",
        "线上": "online", "视频": "online", "video": "online", "网络会议": "online",
        "消息": "message", "短信": "message", "sms": "message", "text": "message",
        "微信": "message", "wechat": "message", "weixin": "message", "企业微信": "message",
    },
    "purpose": {
        "首次拜访": "first", "首次": "first", "first visit": "first",
        "回访": "follow-up", "跟进": "follow-up", "followup": "follow-up",
        "学术": "academic", "学术推广": "academic",
        "信息更新": "update", "行业资讯": "update",
        "用药反馈": "feedback", "反馈": "feedback",
        "库存提醒": "stock", "库存": "stock",
        "其他": "other",
    },
    "mood": {"积极": "positive", "中性": "neutral", "消极": "negative", "一般": "neutral"},
    "style": {"学术型": "academic", "事务型": "transactional", "犹豫型": "hesitant"},
    "kind": {
        "安全": "safety", "不良反应": "safety",
        "承诺": "commitment", "promise": "commitment", "待办": "commitment",
        "约见": "appointment", "约定": "appointment",
        "节奏": "cadence", "例行联系": "cadence",
        "唤醒": "wake-up", "wakeup": "wake-up",
    },
    "segment": {"顾问式": "consultative", "维护": "maintain", "唤醒": "wake-up", "wakeup": "wake-up"},
    "tier": {"a级": "A", "b级": "B", "c级": "C"},
}


def _norm(text: str) -> str:
    return " ".join(str(text).strip().lower().replace("_", "-").split())


def value_of(kind: str, text: str, known: tuple[str, ...], *, interface: bool = True) -> str | None:
    """The machine value among `known` that `text` names (the value itself in any case, a synonym, or
    with `interface` the label the interface shows for it in zh or en), else None."""
    if text in known:
        return text
    wanted = _norm(text)
    for value in known:
        if _norm(value) == wanted:
            return value
    found = {_norm(k): v for k, v in SYNONYMS.get(kind, {}).items()}.get(wanted)
    if found in known:
        return found
    if interface:
        from ..i18n import MESSAGES

        prefix = "" if kind == "tier" else f"{kind}-"
        for value in known:
            entry = MESSAGES.get(f"{prefix}{value}")
            if entry and any(_norm(label) == wanted for label in entry.values()):
                return value
    return None


def values_of(kind: str, raw: list[str] | tuple[str, ...] | None, known: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """Repeated or comma-separated option values (`--kind 承诺,约见`): (the values, the words not understood)."""
    out, bad = [], []
    for chunk in raw or ():
        for word in str(chunk).replace("，", ",").split(","):
            if not word.strip():
                continue
            value = value_of(kind, word, known)
            (out if value else bad).append(value or word.strip())
    return out, bad
