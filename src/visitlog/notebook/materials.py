"""The material library: approved materials and resources under `materials/`,
and the map from needs to an emphasis.

A material is a Markdown file under `materials/` whose front matter says what
it is (docs/materials.md has the format):

    title: 格列沐IV期真实世界研究摘要
    layer: basic                  # basic | advanced | expert
    kind: evidence                # evidence | patient-education | update | event | resource
    needs: [学术支持, 循证]         # need keywords it answers
    products: [格列沐缓释片]
    tiers: [A]                    # only for these tiers; absent: every tier
    approved_until: 2027-06-30    # after this day it may not be used
    issued: 2026-10-15            # when it came out (updates and new evidence)

`parse_material` reads one such file into a `Material` (through the same
parse cache as visits; a bad value is a `Problem` with its line, never an
exception). `library` orders the materials and reports two files claiming one
name; `emphases` reads the shipped need map (`visitlog/data/needs.json`)
overlaid by the notebook's `materials/needs.yaml`; `link_problems` reports
wiki links that name neither a material nor a note.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .model import ERROR, TIERS, WARNING, Emphasis, Material, Notebook, Problem, Source

LAYERS = ("basic", "advanced", "expert")
KINDS = ("evidence", "patient-education", "update", "event", "resource")
NEEDS_FILE = "needs.yaml"
NEEDS_MAX_BYTES = 1_000_000        # a need map is a page of keywords; anything larger is not one
DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "needs.json"


def parse_material(reader: Any, data: dict, lines: dict, body: list[str], start: int) -> Material | None:
    """One file under `materials/` (front matter already read) into a Material, or None."""
    rel = reader.rel
    stem = rel.rsplit("/", 1)[-1].removesuffix(".md")
    explicit = reader.text(data, lines, "id")
    title = reader.text(data, lines, "title") or stem
    kind = reader.text(data, lines, "kind") or "evidence"
    if kind not in KINDS:
        reader.problem(lines.get("kind", 1), ERROR, "unknown-value", field="kind", value=kind, known=", ".join(KINDS))
        return None
    layer = reader.text(data, lines, "layer")
    if layer is not None and layer not in LAYERS:
        reader.problem(lines.get("layer", 1), ERROR, "unknown-value", field="layer", value=layer,
                       known=", ".join(LAYERS))
        return None
    tiers = tuple(x.upper() for x in reader.words(data, lines, "tiers"))
    bad = [x for x in tiers if x not in TIERS]
    if bad:
        reader.problem(lines.get("tiers", 1), ERROR, "unknown-value", field="tiers", value=bad[0],
                       known=", ".join(TIERS))
        return None
    until = reader.day(data, lines, "approved_until")
    if until is None and data.get("approved_until") not in (None, ""):
        return None                 # an approval that cannot be read is no approval (bad-date reported)
    summary = next((line.strip().lstrip("#").strip() for line in body[start:] if line.strip()), "")
    return Material(
        source=Source(rel, 1),
        id=explicit or stem,
        title=title,
        kind=kind,
        layer=layer,
        needs=reader.words(data, lines, "needs"),
        products=reader.words(data, lines, "products"),
        tiers=tiers,
        approved_until=until,
        issued=reader.day(data, lines, "issued"),
        summary=summary[:120],
        explicit_id=explicit is not None,
    )


def library(materials: list[Material]) -> tuple[tuple[Material, ...], list[Problem]]:
    """The materials sorted by file, and a warning for each name (title or id) two files claim."""
    out: list[Material] = []
    problems: list[Problem] = []
    claimed: dict[str, str] = {}
    for m in sorted(materials, key=lambda m: m.source):
        clash = next((n for n in (m.id, m.title) if n in claimed and claimed[n] != m.source.path), None)
        if clash is not None:
            problems.append(Problem(m.source, WARNING, "duplicate-material", (("name", clash),
                                                                              ("other", claimed[clash]))))
            continue
        for n in m.names:
            claimed.setdefault(n, m.source.path)
        out.append(m)
    return tuple(out), problems


# ------------------------------------------------------------------ needs → emphasis
def _texts(entry: dict) -> tuple[tuple[str, str], ...]:
    return tuple((lang, str(entry[lang]).strip()) for lang in ("zh", "en") if entry.get(lang))


def _names(entry: dict) -> tuple[tuple[str, str], ...]:
    name = entry.get("name")
    if isinstance(name, str):
        return (("zh", name.strip()), ("en", name.strip()))
    return _texts(name) if isinstance(name, dict) else ()


def _shipped() -> list[Emphasis]:
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return [Emphasis(e["id"], tuple(e["keywords"]), _texts(e), Source("visitlog/data/needs.json", 1), _names(e))
            for e in data["emphases"]]


def emphases(root: Path | str) -> tuple[tuple[Emphasis, ...], list[Problem]]:
    """The shipped need map overlaid by the notebook's `materials/needs.yaml`.

    An id the package knows gets the notebook's keywords added (and its texts,
    when given); a new id is a new emphasis. A bad file or entry is a problem
    of that file; the shipped map is still used.
    """
    found = {e.id: e for e in _shipped()}
    path = Path(root) / "materials" / NEEDS_FILE
    rel = f"materials/{NEEDS_FILE}"
    if not path.is_file():
        return tuple(found.values()), []
    from .files import inside

    if not inside(Path(root), path):
        return tuple(found.values()), [Problem(Source(rel, 1), WARNING, "needs-file",
                                               (("detail", "a link out of the notebook; not read"),))]
    try:
        size = path.stat().st_size
    except OSError as exc:
        return tuple(found.values()), [Problem(Source(rel, 1), ERROR, "needs-file", (("detail", str(exc)),))]
    if size > NEEDS_MAX_BYTES:
        return tuple(found.values()), [Problem(Source(rel, 1), ERROR, "needs-file", (
            ("detail", f"{size} bytes; a need map holds at most {NEEDS_MAX_BYTES}"),))]
    import yaml

    problems: list[Problem] = []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        return tuple(found.values()), [Problem(Source(rel, line), ERROR, "needs-file", (("detail", str(exc)),))]
    if data is None:
        return tuple(found.values()), []
    if not isinstance(data, dict):
        return tuple(found.values()), [Problem(Source(rel, 1), ERROR, "needs-file",
                                               (("detail", "expected a mapping of emphasis: {keywords, zh, en}"),))]
    for key, entry in data.items():
        key = str(key)
        words = entry.get("keywords") if isinstance(entry, dict) else None
        if not isinstance(entry, dict) or not isinstance(words, list) or not all(
                isinstance(w, (str, int)) and str(w).strip() for w in words):
            problems.append(Problem(Source(rel, 1), ERROR, "needs-file",
                                    (("detail", f"{key}: expected keywords: [word, ...] and zh/en texts"),)))
            continue
        words_t = tuple(str(w).strip() for w in words)
        texts = _texts(entry)
        old = found.get(key)
        if old is None:
            if not texts:
                problems.append(Problem(Source(rel, 1), ERROR, "needs-file",
                                        (("detail", f"{key}: a new emphasis needs a zh or en text"),)))
                continue
            found[key] = Emphasis(key, words_t, texts, Source(rel, 1), _names(entry))
        else:
            merged = dict(old.texts)
            merged.update(dict(texts))
            names = dict(old.names)
            names.update(dict(_names(entry)))
            found[key] = Emphasis(key, tuple(dict.fromkeys(old.keywords + words_t)), tuple(merged.items()),
                                  Source(rel, 1), tuple(names.items()))
    return tuple(found.values()), problems


# ------------------------------------------------------------------ links
def link_problems(nb: Notebook) -> list[Problem]:
    """A warning for each wiki link of a visit that names neither a material nor a note.

    A link may name a material by title, id or file name, or any note of the
    notebook by file name or path (customers, visits), or a customer by name or
    alias: only a link that names none of these is reported.
    """
    known = set(nb.note_names) | {n for m in nb.materials for n in m.names} | {k for k, _ in nb.index}
    folded = {n.casefold() for n in known}
    out = []
    for v in nb.visits:
        for link in v.links:
            if link.target not in known and link.target.casefold() not in folded:
                out.append(Problem(link.source, WARNING, "missing-material", (("name", link.target),)))
    return out
