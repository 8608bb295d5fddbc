"""Chinese word segmentation (jieba) without loading jieba — or its whole dictionary — on every run.

jieba segments a sentence by looking up its substrings in a prefix
dictionary of about 580,000 entries. Its own tokenizer builds that
dictionary from `dict.txt` (about a second) or loads a marshal dump of it
(`jieba.cache`, 0.3–0.6 s here) from the shared temporary folder — where any
user of the machine could replace it — on every run that segments anything;
and importing jieba alone costs 0.3–0.8 s (it imports `pkg_resources`).
`review` segments a month of questions: a few hundred texts, nearly all of
them segmented the same way on the previous run.

So visitlog keeps two SQLite files in its per-user cache folder
(`platformdirs.user_cache_dir("visitlog")`, created 0700; never a shared
path):

- `jieba-cuts.sqlite` remembers segmentations: for each text segmented, a
  digest of the text (BLAKE2b, 16 bytes, of jieba's key and the text) and
  the lengths of its words — never the text itself, so the file holds
  nothing of the notes. A text found there is answered without importing
  jieba; one that is not is segmented by jieba and stored at the end of the
  batch (`flush`). A row is used only when its lengths add up to the text.
- `jieba-dict.sqlite` holds the prefix dictionary (word → frequency, and the
  total), built once from jieba's dictionary; when jieba must segment, its
  lookups are answered from it, each word asked once per run. The
  segmentation is jieba's own (`jieba.Tokenizer`, its DAG, HMM and cut code
  unchanged): only where the frequencies come from differs, so the words are
  the same as jieba's (tests/test_segment.py compares them).

Both are keyed by the content of jieba's installed files that decide the
words (its code, `dict.txt`, the HMM model), so two installs of the same
jieba (two virtual environments) share them instead of rebuilding each
other's; the key is remembered per install (paths, sizes, times) so a run
reads no more than a few `stat`s to find it. A dictionary file that is
missing, stale, foreign or damaged is rebuilt (to a temporary name, then
renamed over); a damaged segmentation file is started afresh. When the cache
folder cannot be written, jieba's dictionary is loaded into memory for this
run, from its own file, and nothing is written anywhere.
"""
from __future__ import annotations

import os
from pathlib import Path

_FORMAT = 2
_TOKENIZER = None
_MEMORY = None                           # the _Memory of this run; False: none (no cache folder, no jieba)
_DICT, _CUTS = "jieba-dict.sqlite", "jieba-cuts.sqlite"


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


def _jieba_folder() -> Path | None:
    """Where jieba is installed, found without importing it (an import costs 0.3–0.8 s)."""
    import sys

    module = sys.modules.get("jieba")
    origin = getattr(module, "__file__", None)
    if not origin:
        from importlib.util import find_spec

        try:
            spec = find_spec("jieba")
        except (ImportError, ValueError):
            return None
        origin = spec.origin if spec is not None else None
    return Path(origin).parent if origin else None


def _shaping_files(folder: Path) -> list[Path]:
    """jieba's files that decide its words: its code, its dictionary and the HMM model (`finalseg/`)."""
    out = [folder / "__init__.py", folder / "_compat.py", folder / "dict.txt"]
    try:
        model = sorted(n for n in os.listdir(folder / "finalseg") if n.endswith((".py", ".p")))
    except OSError:
        model = []
    return out + [folder / "finalseg" / n for n in model]


def _stamp(folder: Path) -> str:
    """The install as it stands on disk: each shaping file's path, size, time and inode (a few stats)."""
    parts = [str(folder)]
    for path in _shaping_files(folder):
        try:
            st = path.stat()
            parts.append(f"{path.name}:{st.st_size}:{st.st_mtime_ns}:{st.st_ino}")
        except OSError:
            parts.append(f"{path.name}:-")
    return "\0".join(parts)


def _content_key(folder: Path) -> str:
    """The key of both files: this module's format and a CRC of jieba's shaping files' bytes (read whole)."""
    import zlib

    crc, size = 0, 0
    for path in _shaping_files(folder):
        crc = zlib.crc32(path.name.encode(), crc)
        try:
            data = path.read_bytes()
        except OSError:
            continue
        crc, size = zlib.crc32(data, crc), size + len(data)
    return f"{_FORMAT}:{size}:{crc:08x}"


def _source_key(jieba=None) -> str:
    """The content key of the installed jieba, remembered per install in the segmentation file."""
    memory = _memory()
    if memory is not None and memory.key() is not None:
        return memory.key()
    folder = Path(jieba.__file__).parent if jieba is not None else _jieba_folder()
    return _content_key(folder) if folder is not None else f"{_FORMAT}:none"


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
        path = folder / _DICT
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
    """jieba's `lcut(text)`: remembered from an earlier run, else jieba's (remembered at `flush`)."""
    memory = _memory()
    if memory is not None:
        found = memory.get(text)
        if found is not None:
            return found
    words = tokenizer().lcut(text)
    if memory is not None:
        memory.add(text, words)
    return words


def flush() -> None:
    """Store the segmentations made since the last flush (one transaction; a failure only loses them)."""
    if _MEMORY:                          # nothing was segmented: nothing opened, nothing to store
        _MEMORY.flush()


# ---------------------------------------------------------------- remembered segmentations
_CUTS_SCHEMA = {
    "installs": "CREATE TABLE installs (stamp TEXT PRIMARY KEY, key TEXT NOT NULL)",
    "cuts": "CREATE TABLE cuts (digest BLOB PRIMARY KEY, lengths TEXT NOT NULL) WITHOUT ROWID",
}


def _memory():
    """This run's remembered segmentations, opened on first use; None without a private cache folder."""
    global _MEMORY
    if _MEMORY is None:
        folder = _cache_folder()
        jieba_at = _jieba_folder() if folder is not None else None
        _MEMORY = _Memory(folder / _CUTS, jieba_at) if jieba_at is not None else False
    return _MEMORY or None


class _Memory:
    """`jieba-cuts.sqlite`: digest of (key, text) → the lengths of the text's words (module doc)."""

    def __init__(self, path: Path, jieba_at: Path):
        self.path, self.jieba_at = path, jieba_at
        self.con = None
        self.opened = False
        self._key: str | None = None
        self.new_install: tuple[str, str] | None = None
        self.pending: dict[bytes, str] = {}

    def _connect(self):
        if self.opened:
            return self.con
        self.opened = True
        import sqlite3

        stamp = _stamp(self.jieba_at)
        for attempt in (1, 2):
            try:
                con = sqlite3.connect(self.path.resolve().as_uri() + "?mode=rwc", uri=True, timeout=1.0,
                                      isolation_level=None, check_same_thread=False)
            except sqlite3.Error:
                return None
            try:
                con.execute("PRAGMA trusted_schema=OFF")
                rows = con.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
                tables = {name: sql for kind, name, sql in rows if kind == "table"}
                others = [n for kind, n, _ in rows if kind != "table" and not n.startswith("sqlite_autoindex_")]
                try:
                    os.chmod(self.path, 0o600)       # like the dictionary file: the user's own
                except OSError:
                    pass
                if not tables:
                    con.execute("BEGIN IMMEDIATE")
                    for sql in _CUTS_SCHEMA.values():
                        con.execute(sql)
                    con.execute("COMMIT")
                elif tables != _CUTS_SCHEMA or others:
                    raise sqlite3.DatabaseError("not visitlog's segmentation file")
                found = con.execute("SELECT key FROM installs WHERE stamp=?", (stamp,)).fetchone()
                if found is not None and isinstance(found[0], str):
                    self._key = found[0]
                else:
                    self._key = _content_key(self.jieba_at)
                    self.new_install = (stamp, self._key)
                self.con = con
                return con
            except sqlite3.OperationalError:  # locked or busy past the wait, read-only: not remembered this run
                con.close()
                return None
            except sqlite3.DatabaseError:     # damaged or foreign: started afresh, once
                con.close()
                for suffix in ("", "-wal", "-shm", "-journal"):
                    try:
                        os.unlink(str(self.path) + suffix)
                    except OSError:
                        pass
        return None

    def key(self) -> str | None:
        self._connect()
        return self._key

    def _digest(self, text: str) -> bytes:
        import hashlib

        data = f"{self._key}\0{text}".encode("utf-8", "surrogatepass")
        return hashlib.blake2b(data, digest_size=16).digest()

    def get(self, text: str) -> list[str] | None:
        import sqlite3

        con = self._connect()
        if con is None:
            return None
        digest = self._digest(text)
        lengths = self.pending.get(digest)
        if lengths is None:
            try:
                row = con.execute("SELECT lengths FROM cuts WHERE digest=?", (digest,)).fetchone()
            except sqlite3.Error:
                return None
            if row is None or not isinstance(row[0], str):
                return None
            lengths = row[0]
        try:
            sizes = [int(n) for n in lengths.split(",")] if lengths else []
        except ValueError:
            return None
        if sum(sizes) != len(text) or any(n <= 0 for n in sizes):
            return None
        out, at = [], 0
        for n in sizes:
            out.append(text[at:at + n])
            at += n
        return out

    def add(self, text: str, words: list[str]) -> None:
        if self.con is None or "".join(words) != text or any(not w for w in words):
            return
        self.pending[self._digest(text)] = ",".join(str(len(w)) for w in words)

    def flush(self) -> None:
        import sqlite3

        con = self.con
        if con is None or not (self.pending or self.new_install):
            return
        try:
            con.execute("BEGIN IMMEDIATE")
            if self.new_install is not None:
                con.execute("INSERT OR REPLACE INTO installs VALUES (?, ?)", self.new_install)
            con.executemany("INSERT OR REPLACE INTO cuts VALUES (?, ?)", list(self.pending.items()))
            con.execute("COMMIT")
        except sqlite3.Error:
            try:
                con.execute("ROLLBACK")
            except sqlite3.Error:
                pass
        self.pending.clear()
        self.new_install = None
