"""High-frequency questions: differently worded questions grouped into topics.

"询问肝肾毒性数据" and "肝肾毒性怎么样？" are one topic because they share the
content words 肝肾 and 毒性 once the question words (询问, 怎么样) and the
generic ones (数据, 患者) are set aside. Chinese text is segmented with jieba
(imported lazily, on first use, so importing the CLI stays light); English
words are lower-cased and a plural `s` is dropped.

Before segmenting, the notebook's own vocabulary (product and competitor
names, need keywords) is cut out of the text as whole words, so 格列沐 or
某竞品A are never split or glued to a neighbouring 问. jieba's shared
dictionary is never changed.

Grouping is greedy and explainable: the keyword found in the most questions
(ties: more customers, then the longer word, then the earlier question and the
word it writes first) seeds a topic holding every
question that contains it; those questions leave the pool, and the next
keyword is taken, until no keyword is shared by two questions. Each remaining
question is a topic of its own. A topic is named by the keywords all its
questions share, joined where they stand together in the text ("肝肾毒性").
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Sequence

# Question words, fillers and words too generic to tell two questions apart.
STOP_ZH = frozenset("""
询问 咨询 请教 问到 问问 问道 又问 还问 再问 追问 提问 问 想问 想知道 知道 了解 打听 确认
怎么样 怎么 怎样 如何 咋样 为什么 为何 什么 啥 哪些 哪个 哪里 哪儿 哪来 几 多少 多久 多长
是否 是不是 有没有 有无 没有 能不能 能否 可不可以 可否 可以 会不会 要不要 需不需要 需要 需要 行不行
好不好 对不对 算不算 用不用 吗 呢 吧 啊 呀 么 嘛 了 的 地 得 着 过 和 与 跟 同 及 以及 或 或者 还是
对 对于 关于 在 有 是 要 会 能 还 也 都 就 又 再 很 太 更 最 比较 一下 一些 一点 这个 那个 这些 那些
这种 那种 这样 那样 我们 你们 他们 她们 我 你 他 她 它 大家 自己 主任 医生 老师 大夫 护士 药师
患者 病人 数据 资料 情况 问题 方面 事情 东西 大概 大约 到底 究竟 一直 目前 现在 今后 以后 之后
时候 时间 不 没 别 不太 不够 一起 一样 不同 同类 相关 具体 方面 觉得 认为 说 讲 看 看看 想 给
拿 让 用 使用 进行 提供 担心 关心 担忧 希望 表示 提到 反馈 感觉 其实 其中 已经 还有 另外 如果 但是
所以 因为 而且 然后 比如 之类 等等 这边 那边 里面 这里 那里 县里 科里 院里
流程 合并 影响 一次 可能 长期 短期 以下 以上 出来 下来 不少 想要 一份 部分 方便 合适 做过 不能 不会 不要
""".split())


STOP_EN = frozenset("""
a an the of to in on at for from by with about as into than then and or but if so not no nor
is are was were be been being am do does did doing done have has had having can could will would
shall should may might must there here this that these those it its they them their he she his
her we our you your i me my what which who whom whose when where why how whether any some
ask asked asking asks question questions wonder wondering want wants wanted know tell
data info information patient patients doctor doctors dr prof please again also still just
much many more most very really about around like get got give see look think thought
under over new old after before between per same other use used using e.g i.e etc
""".split())

_LEAD = re.compile(r"^(?:又|还|再|也|还是|另外)?(?:询问|咨询|请教|追问|问到|问问|问)(?:了|一下|道)?[：:，,\s]*")
# "能不能", "会不会", "有没有", "可不可以": the A-not-A question form, removed before segmenting
_A_NOT_A = re.compile(r"([\u4e00-\u9fff])[不没]\1|可不可以|需不需要|是不是|有没有")
# "她问有没有", "会后问：": a question verb inside the text, with what follows it
_ASK = re.compile(r"(?<![顾学疑访提追询咨请慰审发])问(?:了|到|道|过|起)?(?![题卷诊责候])[：:，,]?")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_LATIN = re.compile(r"[a-z0-9][a-z0-9+#&._%\-]*[a-z0-9+#%]|[a-z0-9]", re.IGNORECASE)
_WORDLIKE = re.compile(r"[\w\u3400-\u4dbf\u4e00-\u9fff]")
_NUMBER = re.compile(r"^[\d.,%\-+~～/]+$")
_FORM_SUFFIXES = ("注射液", "注射剂", "缓释片", "控释片", "肠溶片", "分散片", "胶囊", "颗粒", "口服液",
                  "单抗", "片")


@dataclass(frozen=True)
class Topic:
    """Questions that share what they ask about.

    `members` are the indexes of the questions (in the order given) that
    belong to the topic; `keywords` what they all share, in text order.
    """

    name: str
    keywords: tuple[str, ...]
    members: tuple[int, ...]


@dataclass(frozen=True)
class Lexicon:
    """Words cut out whole before segmenting; `silent` ones are not keywords.

    Product names are silent: nearly every question is about one of our
    products, so a product name says nothing about what was asked.
    """

    words: tuple[str, ...] = ()
    silent: frozenset[str] = frozenset()


def _forms(term: str) -> list[str]:
    """A name and its shorter forms without the dosage form (泽莫利单抗注射液 → 泽莫利单抗 → 泽莫利)."""
    out = []
    term = term.strip()
    while term:
        if len(term) >= 2:
            out.append(term)
        for suffix in _FORM_SUFFIXES:
            if term.endswith(suffix) and len(term) > len(suffix) + 1:
                term = term[: -len(suffix)]
                break
        else:
            break
    return out


def lexicon(products: Iterable[str] = (), names: Iterable[str] = ()) -> Lexicon:
    """The notebook's own words: products (silent), other names such as competitors and need keywords,
    and the pharmaceutical words jieba would cut apart (`data/glossary.txt`), all kept whole."""
    from ..notebook.wordlists import packaged_lines

    silent = {f.lower() for p in products for f in _forms(p)}
    loud = {n.strip() for n in (*names, *packaged_lines("glossary.txt")) if len(n.strip()) >= 2}
    words = {w.lower() for w in loud} | silent
    return Lexicon(tuple(sorted(words, key=lambda w: (-len(w), w))), frozenset(silent - {w.lower() for w in loud}))


def _segment(text: str) -> list[str]:
    from .segment import cut  # jieba, its dictionary from visitlog's cache, not loaded whole every run

    return cut(text)


def _remember() -> None:
    """Store the segmentations jieba made for this batch (`segment.flush`), if any was needed."""
    import sys

    seg = sys.modules.get(__package__ + ".segment")
    if seg is not None:
        seg.flush()


def _normal(token: str) -> str | None:
    """A token as a keyword, or None when it carries no topic."""
    token = token.strip().lower()
    if not token or not _WORDLIKE.search(token) or _NUMBER.match(token):
        return None
    if _HAN.search(token):
        if len(token) < 2 or token in STOP_ZH:
            return None
        return token
    if len(token) < 2 or token in STOP_EN:
        return None
    if len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        token = token[:-1]
    return None if token in STOP_EN else token


def keywords(text: str, lex: Lexicon = Lexicon()) -> tuple[str, ...]:
    """The distinct content keywords of a question, in text order.

    The lexicon's words are kept whole; the rest is segmented by jieba.
    """
    text = _ASK.sub(" ", _A_NOT_A.sub(" ", _LEAD.sub("", text.strip()))).lower()
    pieces: list[tuple[str, bool]] = [(text, False)]
    for term in lex.words:
        split: list[tuple[str, bool]] = []
        for piece, known in pieces:
            if known or term not in piece:
                split.append((piece, known))
                continue
            parts = piece.split(term)
            for i, part in enumerate(parts):
                if i:
                    split.append((term, True))
                if part:
                    split.append((part, False))
        pieces = split
    out: list[str] = []
    for piece, known in pieces:
        tokens = [piece] if known else _segment(piece) if _HAN.search(piece) else _LATIN.findall(piece)
        for token in tokens:
            word = (None if token in lex.silent else token) if known else _normal(token)
            if word and word not in out:
                out.append(word)
    return tuple(out)


def _layout(shared: Sequence[str], text: str) -> list[tuple[int, int]]:
    """Spans of the shared keywords in `text`, each placed right after the previous one when it can be."""
    lower = text.lower()
    spans: list[tuple[int, int]] = []
    for word in shared:
        hits = [m.start() for m in re.finditer(re.escape(word), lower)]
        if not hits:
            continue
        end = spans[-1][1] if spans else -1
        touching = [h for h in hits if end >= 0 and lower[end:h].strip() == ""]
        later = [h for h in hits if h >= end]
        at = (touching or later or hits)[0]
        spans.append((at, at + len(word)))
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and (start <= merged[-1][1] or text[merged[-1][1]:start].strip() == ""):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(a, b) for a, b in merged]


def name_of(shared: Sequence[str], texts: Sequence[str]) -> str:
    """The shared keywords as written: adjacent ones joined ("肝肾毒性"), from the text where most are."""
    best: tuple[int, str] | None = None
    for text in texts:
        spans = _layout(shared, text)
        if not spans:
            continue
        name = " · ".join(text[a:b] for a, b in spans)
        if best is None or len(spans) < best[0]:
            best = (len(spans), name)
    return best[1] if best else " ".join(shared)


def group(texts: Sequence[str], askers: Sequence[str], lex: Lexicon = Lexicon()) -> list[Topic]:
    """Topics of the questions `texts` (asked by `askers`, same order), biggest first.

    Every question belongs to exactly one topic.
    """
    words = [keywords(t, lex) for t in texts]
    _remember()
    sets = [set(w) for w in words]
    pool = set(range(len(texts)))
    topics: list[Topic] = []
    while pool:
        df: Counter[str] = Counter(k for i in pool for k in sets[i])
        shared = [k for k, n in df.items() if n >= 2]
        if not shared:
            break

        def strength(k: str) -> tuple:
            holders = [i for i in pool if k in sets[i]]
            common = set.intersection(*(sets[i] for i in holders))
            first = min(holders)
            # last: the one written first in the earliest question, so no tie is left to the order of a
            # set (which changes from one process to the next)
            return (df[k], len(common), len({askers[i] for i in holders}), len(k), -first, -words[first].index(k))

        seed = max(shared, key=strength)
        members = sorted(i for i in pool if seed in sets[i])
        common = set.intersection(*(sets[i] for i in members))
        first = members[0]
        ordered = tuple(k for k in words[first] if k in common)
        name = name_of(ordered, [_LEAD.sub("", texts[i].strip()) for i in members])
        topics.append(Topic(name, ordered, tuple(members)))
        pool -= set(members)
    for i in sorted(pool):
        text = _LEAD.sub("", texts[i].strip()).rstrip("?？。.!！ ")
        topics.append(Topic(text or texts[i], words[i], (i,)))
    return topics
