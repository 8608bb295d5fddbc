"""Which on-disk form of the parse cache loads fastest? Measured on a real notebook's entries.

    .venv/bin/python benchmarks/cache_formats.py /tmp/visitlog-bench/notebook-100000

The notebook's cache must be filled (run `visitlog check` on it once). Its
entries — {path: (stamp, record, problems)} — are written in each candidate
form to a temporary folder; each form is then loaded in a fresh process
(best of 3 loads; gc off during the load, as visitlog does), and its load time,
write time and size are printed:

- one pickle: every entry in one file;
- shards: the layout cache.py uses (about 2,000 notes a shard, so an edit
  rewrites one shard, not everything);
- per-entry pickles in one marshal file: each entry pickled on its own, so
  only the valid ones need unpickling;
- sqlite: one row per file with the pickled entry as a blob (updates in place);
- marshal of plain tuples, turned back into records in Python: marshal
  loads faster than pickle, but rebuilding the dataclasses costs more than
  it saves.

The result chose the shards (docs/performance.md).
"""
from __future__ import annotations

import marshal
import os
import pickle
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FORMS = ("one-pickle", "shards", "entry-pickles", "sqlite", "marshal-tuples")

LOAD = r"""
import gc, marshal, os, pickle, sqlite3, sys, time
from pathlib import Path
form, folder = sys.argv[1], Path(sys.argv[2])
sys.path.insert(0, sys.argv[3])
from cache_formats import rebuild
gc.disable()
best = None
for _ in range(3):
    start = time.perf_counter()
    if form == "one-pickle":
        with open(folder / "one.pickle", "rb") as f:
            entries = pickle.load(f)
    elif form == "shards":
        entries = {}
        for name in sorted(os.listdir(folder / "shards")):
            with open(folder / "shards" / name, "rb") as f:
                entries.update(pickle.load(f))
    elif form == "entry-pickles":
        with open(folder / "entries.marshal", "rb") as f:
            raw = marshal.load(f)
        entries = {rel: (stamp, *pickle.loads(blob)) for rel, (stamp, blob) in raw.items()}
    elif form == "sqlite":
        db = sqlite3.connect(folder / "cache.sqlite")
        entries = {rel: ((size, mtime, ctime, ino), *pickle.loads(blob)) for rel, size, mtime, ctime, ino, blob
                   in db.execute("select rel, size, mtime, ctime, ino, blob from entries")}
        db.close()
    else:
        with open(folder / "tuples.marshal", "rb") as f:
            entries = {rel: (stamp, rebuild(rec), tuple(rebuild(p) for p in probs))
                       for rel, (stamp, rec, probs) in marshal.load(f).items()}
    elapsed = time.perf_counter() - start
    best = elapsed if best is None else min(best, elapsed)
    assert len(entries) > 0
    del entries
    gc.collect()
print(best)
"""


# ------------------------------------------------------------------ records <-> plain tuples
def flatten(value):
    """A record as nested tuples marshal can hold: ('@', module, class, fields) and dates as ('d', ordinal)."""
    import datetime as dt
    import dataclasses

    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return ("@", type(value).__module__, type(value).__name__,
                tuple((k, flatten(v)) for k, v in vars(value).items()))
    if isinstance(value, dt.datetime):
        return ("T", value.isoformat())
    if isinstance(value, dt.date):
        return ("d", value.toordinal())
    if isinstance(value, dt.time):
        return ("t", value.isoformat())
    if isinstance(value, tuple):
        return ("(", tuple(flatten(v) for v in value))
    if isinstance(value, list):
        return ("[", [flatten(v) for v in value])
    if isinstance(value, dict):
        return ("{", {k: flatten(v) for k, v in value.items()})
    return value


def rebuild(value):
    """The inverse of flatten."""
    import datetime as dt
    import importlib

    if type(value) is not tuple or not value or type(value[0]) is not str or len(value[0]) != 1:
        return value
    tag = value[0]
    if tag == "@":
        obj = object.__new__(getattr(importlib.import_module(value[1]), value[2]))
        obj.__dict__.update((k, rebuild(v)) for k, v in value[3])
        return obj
    if tag == "T":
        return dt.datetime.fromisoformat(value[1])
    if tag == "d":
        return dt.date.fromordinal(value[1])
    if tag == "t":
        return dt.time.fromisoformat(value[1])
    if tag == "(":
        return tuple(rebuild(v) for v in value[1])
    if tag == "[":
        return [rebuild(v) for v in value[1]]
    if tag == "{":
        return {k: rebuild(v) for k, v in value[1].items()}
    return value


# ------------------------------------------------------------------ writing
def timed(label: str, results: dict, fn) -> None:
    start = time.perf_counter()
    fn()
    results[label] = time.perf_counter() - start


def write_all(entries: dict, folder: Path) -> dict:
    from visitlog.notebook import cache

    written: dict = {}

    def one():
        with open(folder / "one.pickle", "wb") as f:
            pickle.dump(entries, f, protocol=5)

    def shards():
        (folder / "shards").mkdir()
        k = cache.shard_count(len(entries))
        parts: list[dict] = [{} for _ in range(k)]
        for rel, entry in entries.items():
            parts[cache.shard_of(rel, k)][rel] = entry
        for i, part in enumerate(parts):
            with open(folder / "shards" / f"{i:02d}.pickle", "wb") as f:
                pickle.dump(part, f, protocol=5)

    def per_entry():
        with open(folder / "entries.marshal", "wb") as f:
            marshal.dump({rel: (stamp, pickle.dumps((rec, probs), protocol=5))
                          for rel, (stamp, rec, probs) in entries.items()}, f)

    def sqlite():
        db = sqlite3.connect(folder / "cache.sqlite")
        db.execute("create table entries (rel text primary key, size, mtime, ctime, ino, blob)")
        db.executemany("insert into entries values (?, ?, ?, ?, ?, ?)",
                       ((rel, *stamp, pickle.dumps((rec, probs), protocol=5))
                        for rel, (stamp, rec, probs) in entries.items()))
        db.commit()
        db.close()

    def tuples():
        with open(folder / "tuples.marshal", "wb") as f:
            marshal.dump({rel: (stamp, flatten(rec), tuple(flatten(p) for p in probs))
                          for rel, (stamp, rec, probs) in entries.items()}, f)

    for label, fn in zip(FORMS, (one, shards, per_entry, sqlite, tuples)):
        timed(label, written, fn)
    return written


def size_of(folder: Path, form: str) -> int:
    paths = {"one-pickle": [folder / "one.pickle"], "shards": list((folder / "shards").glob("*")),
             "entry-pickles": [folder / "entries.marshal"], "sqlite": [folder / "cache.sqlite"],
             "marshal-tuples": [folder / "tuples.marshal"]}[form]
    return sum(p.stat().st_size for p in paths)


def main(argv: list[str]) -> int:
    from visitlog.notebook import cache
    from visitlog.notebook.settings import load_settings

    root = Path(argv[0])
    key = cache.cache_key(load_settings(root))
    entries: dict = {}
    for name in cache._names(cache.cache_dir(root)):
        entries.update(cache._load_shard(cache.cache_dir(root) / name, key) or {})
    if not entries:
        print("the notebook's cache is empty: run `visitlog check --notes DIR` first", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="visitlog-formats-") as tmp:
        folder = Path(tmp)
        written = write_all(entries, folder)
        del entries
        print(f"{root}: {len(os.listdir(folder / 'shards'))} shards\n")
        print("| form | load s | write s | MB |\n|---|---:|---:|---:|")
        for form in FORMS:
            r = subprocess.run([sys.executable, "-c", LOAD, form, str(folder), str(Path(__file__).parent)],
                               capture_output=True, text=True, check=True)
            print(f"| {form} | {float(r.stdout):.2f} | {written[form]:.2f} | {size_of(folder, form) / 1e6:.0f} |",
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
