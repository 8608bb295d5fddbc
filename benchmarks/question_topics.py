"""How well `visitlog review` groups questions into topics, on the sample notebook.

Every `?` line of notes/ is hand-labelled with a topic in
question_topics_gold.tsv. The grouping is scored pairwise: of the pairs of
questions put in one topic, how many the labels also put together (precision),
and of the pairs the labels put together, how many were found (recall).
Compared with two simpler ways of finding shared words.

    .venv/bin/python benchmarks/question_topics.py
"""
from __future__ import annotations

import itertools
import re
import sys
from pathlib import Path

import visitlog.rules.topics as topics
from visitlog.notebook.load import load
from visitlog.notebook.settings import load_settings

HERE = Path(__file__).parent
ROOT = HERE.parent / "notes"


def gold() -> dict[tuple[str, str, str], str]:
    out = {}
    for line in (HERE / "question_topics_gold.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            day, customer, start, label = line.split("\t")
            out[(day, customer, start)] = label
    return out


def score(questions, labels, lex) -> str:
    found = topics.group([q[1] for q in questions], [q[0] for q in questions], lex)
    where = {i: n for n, t in enumerate(found) for i in t.members}
    pairs = list(itertools.combinations(range(len(questions)), 2))
    both = sum(1 for i, j in pairs if where[i] == where[j] and labels[i] == labels[j])
    ours = sum(1 for i, j in pairs if where[i] == where[j])
    theirs = sum(1 for i, j in pairs if labels[i] == labels[j])
    return (f"{len(questions)} questions, {len(found)} topics (labelled {len(set(labels))}); "
            f"precision {both}/{ours} = {both / max(ours, 1):.2f}, recall {both}/{theirs} = {both / max(theirs, 1):.2f}")


def char_bigrams(text, lex=None):
    text = topics._ASK.sub(" ", topics._A_NOT_A.sub(" ", topics._LEAD.sub("", text.strip())))
    return tuple(dict.fromkeys(run[i:i + 2] for run in re.findall(r"[\u4e00-\u9fff]+", text)
                               for i in range(len(run) - 1)))


def jieba_plain(text, lex=None):
    return tuple(dict.fromkeys(w.lower() for w in topics._segment(text)
                               if topics._WORDLIKE.search(w) and len(w.strip()) > 1))


def main() -> None:
    nb = load(ROOT, load_settings(ROOT))
    lex = topics.lexicon([p for v in nb.visits for p in v.products],
                         [n for v in nb.visits for n in (*v.competitors, *v.tags)])
    labels_by = gold()
    every = [(nb.canonical(v.customer), p.text, v.day.isoformat()) for v in nb.visits for p in v.questions]
    every.sort(key=lambda q: q[2])

    def label(q):
        hits = [lab for (d, c, s), lab in labels_by.items() if d == q[2] and c == q[0] and q[1].startswith(s)]
        if len(hits) != 1:
            sys.exit(f"no single label for {q}: the sample notebook changed; update question_topics_gold.tsv")
        return hits[0]

    windows = (("whole notebook", "0000", "9999"), ("2026-W47 and the 3 weeks before", "2026-10-26", "2026-11-22"))
    ours = topics.keywords
    for name, fn in (("char bigrams", char_bigrams), ("jieba, nothing removed", jieba_plain), ("visitlog", ours)):
        topics.keywords = fn
        for title, lo, hi in windows:
            chosen = [q for q in every if lo <= q[2] <= hi]
            print(f"{name:24} {title:32} {score(chosen, [label(q) for q in chosen], lex)}")
    topics.keywords = ours


if __name__ == "__main__":
    main()
