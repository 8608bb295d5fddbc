"""Chinese word segmentation (jieba) without loading jieba's whole dictionary on every run.

jieba segments a sentence by looking up its substrings in a prefix
dictionary of about 580,000 entries. Its own tokenizer builds that
dictionary from `dict.txt` (about a second) or loads a marshal dump of it
(`jieba.cache`, 0.3–0.6 s here) from the shared temporary folder — where any
user of the machine could replace it — on every run that segments anything.
`review` segments a week of questions: a few thousand lookups.

So visitlog keeps the prefix dictionary in an SQLite file in its per-user
cache folder (`platformdirs.user_cache_dir("visitlog")`, created 0700),
built once from jieba's dictionary (one table: word → frequency, and the
total), and answers jieba's lookups from it, each word asked once per run.
The segmentation is jieba's own (`jieba.Tokenizer`, its DAG, HMM and cut
code unchanged): only where the frequencies come from differs, so the words
are the same as jieba's (tests/test_segment.py compares them).

The file is keyed by jieba's version and the size and time of its
dictionary; one that is missing, stale, foreign or damaged is rebuilt (to a
temporary name, then renamed over). When the cache folder cannot be written,
jieba's dictionary is loaded into memory for this run, from its own file,
and nothing is written to a shared path.
"""
from __future__ import annotations

import os
from pathlib import Path

_FORMAT = 1
_TOKENIZER = None


class _Frequencies:
    """jieba's FREQ as jieba uses it (`in`, `[]`, `.get`), answered from SQLite and remembered."""

    def __init__(self, con):
        self._con = con
        self._seen: dict[str, int | None] = {}

    def _find(self, word: str) -> int | None:
        found = self._seen.get(word, -1)
        if found == -1:
            row = self._con.execute("SELECT n FROM freq WHERE word=?", (word,)).fetchone()
            found = self._seen[word] = row[0] if row else None
        return found  # type: ignore[return-value]

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._find(word) is not None

    def __getitem__(self, word: str) -> int:
        found = self._find(word)
        if found is None:
            raise KeyError(word)
        return found

    def get(self, word: str, default=None):
        found = self._find(word)
        return default if found is None else found

    def __setitem__(self, word: str, n: int) -> None:  # jieba's add_word: this run only
        self._seen[word] = n


def _source_key(jieba) -> str:
    path = Path(jieba.__file__).parent / "dict.txt"
    st = path.stat()
    return f"{_FORMAT}:{getattr(jieba, '__version__', '0')}:{st.st_size}:{st.st_mtime_ns}"


def _cache_folder() -> Path | None:
    try:
        from platformdirs import user_cache_dir

        folder = Path(user_cache_dir("visitlog"))
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if hasattr(os, "getuid") and folder.stat().st_uid != os.getuid():
            return None
        return folder if os.access(folder, os.W_OK) else None
    except OSError:
        return None


def _open(path: Path, key: str):
    """A connection to a usable dictionary file, or None."""
    import sqlite3

    if not path.is_file():
        return None
    try:
        con = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, check_same_thread=False)
        con.execute("PRAGMA trusted_schema=OFF")
        row = con.execute("SELECT value FROM meta WHERE name='key'").fetchone()
        if row and row[0] == key:
            total = con.execute("SELECT value FROM meta WHERE name='total'").fetchone()
            if total and str(total[0]).isdigit():
                return con
        con.close()
    except sqlite3.Error:
        pass
    return None


def _build(path: Path, key: str, jieba) -> None:
    import sqlite3
    import tempfile

    tokenizer = jieba.Tokenizer()
    freq, total = tokenizer.gen_pfdict(tokenizer.get_dict_file())
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".jieba-", suffix=".tmp")
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        con.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
        con.execute("CREATE TABLE freq (word TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID")
        con.executemany("INSERT INTO freq VALUES (?, ?)", freq.items())
        con.executemany("INSERT INTO meta VALUES (?, ?)", [("key", key), ("total", str(total))])
        con.commit()
        con.close()
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def tokenizer():
    """jieba's tokenizer, its frequencies from visitlog's cache (see the module's doc)."""
    global _TOKENIZER
    if _TOKENIZER is not None:
        return _TOKENIZER
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    made = jieba.Tokenizer()
    folder = _cache_folder()
    con = None
    if folder is not None:
        import sqlite3

        key = _source_key(jieba)
        path = folder / "jieba-dict.sqlite"
        con = _open(path, key)
        if con is None:
            try:
                _build(path, key, jieba)
            except (OSError, sqlite3.Error):
                pass
            con = _open(path, key)
    if con is not None:
        made.FREQ = _Frequencies(con)
        made.total = int(con.execute("SELECT value FROM meta WHERE name='total'").fetchone()[0])
        made.initialized = True
    else:  # no private cache: jieba's dictionary in memory, from its own file, nothing written
        made.FREQ, made.total = made.gen_pfdict(made.get_dict_file())
        made.initialized = True
    _TOKENIZER = made
    return made


def cut(text: str) -> list[str]:
    """jieba's `lcut(text)`."""
    return tokenizer().lcut(text)
