"""The notebook index: each note is parsed once, not on every run.

`read(root, rels, settings, read_one)` returns what `read_one(rel)` would
(the `(record, problems)` of each file, in the order of `rels`), taking each
file's result from `<notebook>/.visitlog/index.sqlite` when the file has not
changed since it was parsed, and parsing (and storing) the others.

What makes an entry valid
    A row is keyed by the file's path relative to the notebook and its stamp:
    size, modification time (ns), status-change time (ns) and inode. Any
    write, rename-over, `touch`, copy or checkout changes the stamp, so a
    changed file is parsed again; added and deleted files are seen because
    the loader lists the folder on every run. The whole index is keyed too
    (`index_key`): the index format, the visitlog version, the Python
    version, a checksum of the source of every module in `notebook/` (any of
    them may shape a record) and every setting. When the key differs, every
    row is dropped and the index is filled again. Deadline phrases are
    resolved against the visit's moment, never today, so a stored note stays
    true until the file changes.

What a row holds
    The record and the problems as JSON (`records.py`): data only, checked
    field by field against the model when read. A row that does not decode
    to a record of the current model is parsed again and rewritten. Nothing
    in the index can make visitlog run code: no pickle, the schema is checked
    before use (tables only, exactly ours: no views, no triggers), and SQLite
    runs with `trusted_schema` off.

Racy files
    A file changed within `RACY_NS` of the run is parsed but not stored:
    file systems stamp times coarsely (a tick, or 2 s on FAT), so a second
    write in the same tick could leave the stamp unchanged. A later run
    stores it, once it is old enough (git's "racily clean" rule).

Writes and other processes
    SQLite in WAL mode: readers never block the writer nor see half of a
    write. All the rows of a run (changed files, deleted files, a new key) are
    written in one transaction, so a file's stamp and its record are never
    apart; a run that changed nothing writes nothing. Writers also hold
    `index.lock` (an exclusive `flock`) while writing or rebuilding, so two
    runs at once never both rebuild; a run that cannot get it within a second
    just does not store (its results are still right). An index that cannot
    be read — not SQLite, another schema, corrupt, truncated — is deleted and
    built again, without a word. A notebook that cannot be written to works
    without an index.

Per-customer summaries
    Beside the files' rows, a `summaries` table holds one record per customer
    (what `due` reads, rules/facts.py) for one state of the notebook: its
    `fingerprint` and key are in `meta`. `notebook/summary.py` uses them.

`VISITLOG_NO_CACHE=1` (or `visitlog --no-cache ...`) reads and parses every
file and leaves the index alone: for debugging the parser. docs/performance.md
explains the choices and their measurements.
"""
from __future__ import annotations

import os
import sys
import time
import zlib
from pathlib import Path
from datetime import date
from typing import Any, Callable

from .. import __version__

FORMAT = 2
INDEX_DIR = ".visitlog"
INDEX_NAME = "index.sqlite"
LOCK_NAME = "index.lock"
RACY_NS = 3_000_000_000             # files changed this recently are not stored
PARALLEL_MIN = 600                  # files to parse before a second process pays off (measured: ~450 break even)
LOCK_WAIT_S = 1.0
_GITIGNORE_LINES = ("*",)            # all of .visitlog/ is local: the index, its lock, its own .gitignore

Parsed = tuple  # (record | None, tuple[Problem, ...])
Stamp = tuple   # (size, mtime_ns, ctime_ns, inode)

_SCHEMA = {
    "meta": "CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "files": ("CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime INTEGER NOT NULL, "
              "ctime INTEGER NOT NULL, inode INTEGER NOT NULL, head TEXT NOT NULL, body TEXT NOT NULL, "
              "problems TEXT NOT NULL)"),
    "summaries": "CREATE TABLE summaries (pos INTEGER PRIMARY KEY, name TEXT NOT NULL, value TEXT NOT NULL)",
}


def disabled(environ: dict | None = None) -> bool:
    """`VISITLOG_NO_CACHE` set to anything but empty or 0."""
    value = (os.environ if environ is None else environ).get("VISITLOG_NO_CACHE", "")
    return value.strip() not in ("", "0")


def index_dir(root: Path | str) -> Path:
    return Path(root) / INDEX_DIR


def index_path(root: Path | str) -> Path:
    return index_dir(root) / INDEX_NAME


def _stamp(st: os.stat_result) -> Stamp:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


LIBRARIES = ("holidays", "phonenumbers")  # third-party data that shapes a record (working days, phone numbers)


DATA_FILES = ("compliance.json",)
_DATA = Path(__file__).resolve().parent.parent / "data"     # fixed at import: the package's own data


def _library_files(name: str) -> list[Path]:
    """The files that name an installed library's version (found without importing it)."""
    from importlib.util import find_spec

    try:
        spec = find_spec(name)
    except (ImportError, ValueError):
        return []
    if spec is None or not spec.origin:
        return []
    folder = Path(spec.origin).parent
    return [folder / n for n in ("__init__.py", "version.py") if (folder / n).is_file()]


def source_checksum() -> int:
    """A CRC of every module of `notebook/` (the parser, the model, the YAML reader, this index...)
    and of the version files of the libraries whose data shapes a record (`LIBRARIES`)."""
    here = Path(__file__).parent
    crc = 0
    for library in LIBRARIES:
        for path in _library_files(library):
            try:
                crc = zlib.crc32(path.read_bytes(), crc)
            except OSError:
                pass
    try:
        names = sorted(n for n in os.listdir(here) if n.endswith(".py"))
    except OSError:
        names = []
    for name in names:
        crc = zlib.crc32(name.encode(), crc)
        try:
            crc = zlib.crc32((here / name).read_bytes(), crc)
        except OSError:
            pass
    for name in DATA_FILES:                  # the packaged rule data the parser reads (compliance patterns)
        try:
            crc = zlib.crc32((_DATA / name).read_bytes(), crc)
        except OSError:
            pass
    return crc


def _normal(value: Any) -> Any:
    """A value with sets sorted and mappings as sorted pairs, so its repr is stable."""
    if isinstance(value, (set, frozenset)):
        return tuple(sorted((_normal(v) for v in value), key=repr))
    if isinstance(value, dict):
        return tuple(sorted(((repr(k), _normal(v)) for k, v in value.items())))
    if isinstance(value, (list, tuple)):
        return tuple(_normal(v) for v in value)
    return value


def settings_key(settings: Any) -> str:
    """Every setting, in a stable text form (the index is rebuilt when any changes)."""
    names = getattr(settings, "__dataclass_fields__", None) or vars(settings)
    return repr(tuple((name, _normal(getattr(settings, name))) for name in sorted(names)))


def index_key(settings: Any) -> str:
    return repr(("visitlog-index", FORMAT, __version__, tuple(sys.version_info[:2]), source_checksum(),
                 settings_key(settings)))


# ---------------------------------------------------------------- parsing
def _encode(result: Parsed) -> tuple[str, str, str] | None:
    """A parse result as the row's JSON texts (head, body, problems), or None when it cannot be stored."""
    from .records import Unstorable, dump_problems, dump_record

    try:
        return (*dump_record(result[0]), dump_problems(result[1]))
    except (Unstorable, TypeError, ValueError, RecursionError):
        return None


CHUNK = 48                          # files a process takes at a time from the shared list
PIPE_BYTES = 1 << 20                # the worker's pipe (Linux): a few chunks of rows fit before it waits


def _parse_all(rels: list[str], read_one: Callable[[str], Parsed], store: bool = True
               ) -> list[tuple[Parsed, tuple | None]]:
    """Parse `rels` (in two processes when there are many and two cores): [(result, row texts)].

    `store=False` (nothing will be written: `--no-cache`): the row texts of what this process
    parses itself are not made (None).
    """
    workers = min(os.cpu_count() or 1, 2) if len(rels) >= PARALLEL_MIN else 1
    if workers > 1:
        try:
            return _parse_parallel(rels, read_one, workers, store)
        except Exception:  # no fork, no semaphores: parse here instead
            pass
    return [(result, _encode(result) if store else None) for result in map(read_one, rels)]


def _parse_chunk(args: tuple) -> list[tuple[str, str] | None]:
    """Worker (spawn): parse files and hand back their rows (JSON texts), not objects."""
    import gc

    read_one, rels = args
    gc.disable()  # this process ends after the chunk
    return [_encode(read_one(rel)) for rel in rels]


def _decoded(rel: str, row: tuple | None, read_one: Callable[[str], Parsed]) -> tuple[Parsed, tuple | None]:
    """A worker's row as the parent's (result, row); parsed here when it has none or it does not decode."""
    from .records import Invalid, load_problems, load_record

    if row is None:       # not storable: parse it here (rare)
        return read_one(rel), None
    try:
        return (load_record(row[0], row[1]), load_problems(row[2])), row
    except Invalid:
        return read_one(rel), None


def _parse_parallel(rels: list[str], read_one: Callable[[str], Parsed], workers: int, store: bool = True) -> list:
    """Two processes take chunks of `rels` from one shared counter until none is left.

    The forked worker sends each chunk's rows (JSON texts, what the index stores) down a pipe;
    the parent parses its own chunks and, between them, decodes the rows that have arrived. So
    neither process waits for the other on a busy machine, and the worker's objects are never
    pickled. Without fork (macOS, Windows) a pool of spawned processes parses half the files.
    """
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods() or sys.platform == "darwin":
        return _parse_spawned(rels, read_one, workers, store)
    context = multiprocessing.get_context("fork")
    chunks = [rels[i:i + CHUNK] for i in range(0, len(rels), CHUNK)]
    results: list[list | None] = [None] * len(chunks)
    # The parent parses the first chunk before it forks: what the parser imports and builds on first
    # use (the holiday calendar of the years in question: about 0.3 s) is then done once, not twice.
    results[0] = [(result, _encode(result) if store else None) for result in map(read_one, chunks[0])]
    counter = context.Value("l", 1)
    receive, send = context.Pipe(duplex=False)
    _widen(send)
    helper = context.Process(target=_work, args=(read_one, chunks, counter, send), daemon=True)
    helper.start()
    send.close()
    open_pipe = True

    def drain(block: bool) -> bool:
        """Decode the rows that arrived; False once the worker is done (or gone)."""
        while block or receive.poll():
            try:
                message = receive.recv()
            except (EOFError, OSError):
                return False
            if message is None:
                return False
            number, rows = message
            results[number] = [_decoded(rel, row, read_one) for rel, row in zip(chunks[number], rows)]
        return True

    try:
        while True:
            with counter.get_lock():
                number = counter.value
                counter.value = number + 1
            if number >= len(chunks):
                break
            results[number] = [(result, _encode(result) if store else None) for result in map(read_one, chunks[number])]
            if open_pipe:
                open_pipe = drain(False)
        while open_pipe:
            open_pipe = drain(True)
    finally:
        receive.close()
        helper.join(timeout=5)
        if helper.is_alive():
            helper.kill()
            helper.join()
    out = []
    for number, chunk in enumerate(chunks):
        done = results[number]
        if done is None:              # the worker took it and died before sending: parse it here
            done = [(result, _encode(result) if store else None) for result in map(read_one, chunk)]
        out.extend(done)
    return out


def _widen(connection) -> None:
    """A bigger pipe (Linux: F_SETPIPE_SZ), so the worker rarely waits for the parent to read."""
    try:
        import fcntl

        fcntl.fcntl(connection.fileno(), getattr(fcntl, "F_SETPIPE_SZ", 1031), PIPE_BYTES)
    except (ImportError, OSError, ValueError):
        pass


def _work(read_one: Callable[[str], Parsed], chunks: list[list[str]], counter, send) -> None:
    """The forked worker: take the next chunk, parse it, send its rows; None when no chunk is left."""
    import gc

    gc.disable()  # this process ends after the last chunk
    try:
        while True:
            with counter.get_lock():
                number = counter.value
                counter.value = number + 1
            if number >= len(chunks):
                break
            send.send((number, [_encode(read_one(rel)) for rel in chunks[number]]))
        send.send(None)
    finally:
        send.close()


def _parse_spawned(rels: list[str], read_one: Callable[[str], Parsed], workers: int, store: bool) -> list:
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    size = -(-len(rels) // workers)
    chunks = [rels[i:i + size] for i in range(0, len(rels), size)]
    with context.Pool(len(chunks) - 1) as pool:
        pending = pool.map_async(_parse_chunk, [(read_one, c) for c in chunks[1:]])
        out = [(result, _encode(result) if store else None) for result in map(read_one, chunks[0])]
        rest = pending.get()
    for chunk, rows in zip(chunks[1:], rest):
        out.extend(_decoded(rel, row, read_one) for rel, row in zip(chunk, rows))
    return out


def read(root: Path, rels: list[str], settings: Any, read_one: Callable[[str], Parsed],
         *, use_cache: bool = True, points: bool | date = True) -> list[Parsed]:
    """`read_one(rel)` for every rel, from the index where the file is unchanged.

    With `points=False` the records' bulky fields (`records.BULKY`: a visit's
    points) are left at their default, whether read from the index or parsed;
    with a date, only the records dated before that day lose them (`records.dated_from`):
    the index then decodes the points of the recent visits only.
    """
    import gc

    enabled = gc.isenabled()
    gc.disable()  # a million small records, no cycles: collection passes would find nothing to free
    try:
        if not use_cache or disabled():
            return [_light(result, points) for result, _ in _parse_all(list(rels), read_one, store=False)]
        return _read_indexed(Path(root), list(rels), settings, read_one, points)
    finally:
        if enabled:
            gc.enable()


def _light(result: Parsed, points: bool | date) -> Parsed:
    if points is True:
        return result
    from .records import dated_from, strip

    if points is not False and dated_from(result[0], points):
        return result
    return strip(result[0]), result[1]


# ---------------------------------------------------------------- the database
def _connect(path: Path, *, create: bool):
    import sqlite3

    uri = path.resolve().as_uri() + ("?mode=rwc" if create else "?mode=ro")
    con = sqlite3.connect(uri, uri=True, timeout=LOCK_WAIT_S, isolation_level=None, check_same_thread=False)
    try:
        con.execute("PRAGMA trusted_schema=OFF")
    except sqlite3.DatabaseError:
        pass
    return con


def _schema_ok(con) -> bool:
    rows = con.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
    tables = {name: sql for kind, name, sql in rows if kind == "table"}
    others = [name for kind, name, _ in rows if kind != "table" and not name.startswith("sqlite_autoindex_")]
    return tables == _SCHEMA and not others


def _read_indexed(root: Path, rels: list[str], settings: Any, read_one: Callable[[str], Parsed],
                  points: bool | date) -> list[Parsed]:
    import sqlite3

    from .records import Invalid, dated_from, load_problems, load_record, with_bulky

    path = index_path(root)
    key = index_key(settings)
    start_ns = time.time_ns()
    base = str(root) + os.sep
    where = {rel: i for i, rel in enumerate(rels)}
    stamps: list[Stamp | None] = [None] * len(rels)
    for i, rel in enumerate(rels):
        try:
            stamps[i] = _stamp(os.stat(base + rel))
        except OSError:
            pass
    out: list[Parsed | None] = [None] * len(rels)
    gone: list[str] = []
    if path.exists():
        try:
            con = _connect(path, create=False)
            try:
                if _schema_ok(con):
                    found = con.execute("SELECT value FROM meta WHERE name='key'").fetchone()
                    if found is not None and found[0] == key:
                        columns = "head, body" if points is not False else "head, NULL"
                        since = None if points is True or points is False else points
                        # one row at a time: the texts are decoded and dropped, never all held at once
                        for rel, size, mtime, ctime, inode, head, body, problems in con.execute(
                                f"SELECT path, size, mtime, ctime, inode, {columns}, problems FROM files"):
                            i = where.get(rel)
                            if i is None:
                                gone.append(rel)
                                continue
                            if stamps[i] != (size, mtime, ctime, inode):
                                continue
                            try:
                                if since is None:
                                    record = load_record(head, body)
                                else:  # the bulky fields decoded only for the records dated from `since`
                                    record = load_record(head)
                                    if dated_from(record, since):
                                        record = with_bulky(record, body)
                                out[i] = (record, load_problems(problems))
                            except Invalid:
                                pass  # not a record of this model: parsed again below, and replaced
            finally:
                con.close()
        except sqlite3.Error:  # corrupt, truncated, not SQLite: everything is parsed, the write rebuilds it
            out = [None] * len(rels)
            gone = []

    misses = [i for i, result in enumerate(out) if result is None]
    writes: list[tuple] = []
    if misses:
        parsed = _parse_all([rels[i] for i in misses], read_one)
        for i, (result, texts) in zip(misses, parsed):
            out[i] = _light(result, points)
            stamp = stamps[i]
            if texts is not None and stamp is not None and max(stamp[1], stamp[2]) < start_ns - RACY_NS:
                writes.append((rels[i], *stamp, *texts))
    if writes or gone:
        _write(root, key, writes, gone)  # a run that changed nothing writes nothing
    return out  # type: ignore[return-value]


def _gitignore(folder: Path) -> None:
    from .files import atomic_write

    ignore = folder / ".gitignore"
    try:
        text = ignore.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = "# visitlog's local files: rebuilt when missing\n"
    except (OSError, UnicodeDecodeError):
        return
    missing = [line for line in _GITIGNORE_LINES if line not in text.splitlines()]
    if missing:
        atomic_write(ignore, (text.rstrip("\n") + "\n" + "\n".join(missing) + "\n").encode("utf-8"), durable=False)


class _Lock:
    """An exclusive flock on `index.lock`, waited for up to LOCK_WAIT_S; `held` says whether it was got."""

    def __init__(self, folder: Path):
        self.folder, self.fd, self.held = folder, None, False

    def __enter__(self):
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: SQLite's own locking only
            self.held = True
            return self
        try:
            self.fd = os.open(self.folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            return self
        deadline = time.monotonic() + LOCK_WAIT_S
        while True:
            try:
                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                self.held = True
                return self
            except OSError:
                if time.monotonic() > deadline:
                    return self
                time.sleep(0.01)

    def __exit__(self, *exc):
        if self.fd is not None:
            os.close(self.fd)  # closing releases the flock


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.unlink(str(path) + suffix)
        except FileNotFoundError:
            pass


def _write(root: Path, key: str, writes: list[tuple], gone: list[str]) -> None:
    """Store the rows in one transaction, rebuilding an index that cannot be used."""
    import sqlite3

    folder = index_dir(root)
    path = folder / INDEX_NAME
    try:
        folder.mkdir(exist_ok=True)
        _gitignore(folder)
    except OSError:
        return
    with _Lock(folder) as lock:
        if not lock.held:
            return  # another run is writing: this one's results are right, just not stored
        for attempt in (1, 2):
            try:
                con = _connect(path, create=True)
            except sqlite3.Error:
                _remove(path)
                continue
            try:
                _store(con, key, writes, gone)
                con.close()
                _drop_old_cache(folder)
                return
            except sqlite3.OperationalError as exc:
                con.close()
                if "locked" in str(exc) or "busy" in str(exc) or "readonly" in str(exc) or "disk" in str(exc):
                    return
                _remove(path)
            except sqlite3.DatabaseError:  # not a database, malformed, another schema: start again
                con.close()
                _remove(path)
            except OSError:
                con.close()
                return


def _store(con, key: str, writes: list[tuple], gone: list[str]) -> None:
    tables = {name for name, in con.execute("SELECT name FROM sqlite_master")}
    if tables and not _schema_ok(con):
        import sqlite3

        raise sqlite3.DatabaseError("not visitlog's index")
    if con.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")  # a rebuildable index: no fsync per commit
    con.execute("BEGIN IMMEDIATE")
    try:
        if not tables:
            for sql in _SCHEMA.values():
                con.execute(sql)
        found = con.execute("SELECT value FROM meta WHERE name='key'").fetchone()
        if found is None or found[0] != key:
            con.execute("DELETE FROM files")
            con.execute("DELETE FROM summaries")
            con.execute("DELETE FROM meta WHERE name LIKE 'summary-%'")
            con.execute("INSERT OR REPLACE INTO meta VALUES ('key', ?)", (key,))
        if gone:
            con.executemany("DELETE FROM files WHERE path=?", [(rel,) for rel in gone])
        if writes:
            con.executemany("INSERT OR REPLACE INTO files VALUES (?,?,?,?,?,?,?,?)", writes)
        con.execute("COMMIT")
    except BaseException:
        if con.in_transaction:
            con.execute("ROLLBACK")
        raise


def _drop_old_cache(folder: Path) -> None:
    """The pickled shards of earlier versions (`.visitlog/cache/`) are never read: remove them."""
    old = folder / "cache"
    try:
        names = os.listdir(old)
    except OSError:
        return
    for name in names:
        if name.startswith("parse-") and name.endswith(".pickle") or name == ".gitignore":
            try:
                os.unlink(old / name)
            except OSError:
                pass
    try:
        os.rmdir(old)
    except OSError:
        pass


# ---------------------------------------------------------------- per-customer summaries
# What a command reads of each customer (rules/facts.py: the due rules' facts), stored beside the files'
# rows so a warm `due` reads one row per customer instead of every note. A set of summaries is valid for
# one state of the notebook: its `fingerprint` (every listed file's path and stamp, and the problems of
# the listing itself) and its key (`index_key` plus the caller's key of the code that builds them). Any
# change to a file, the folder, the settings or the code gives another fingerprint or key: the summaries
# are then not used, and the run that loads the notebook again stores new ones.
def fingerprint(root: Path, rels: list[str], listing: tuple = ()) -> tuple[str, bool]:
    """(a digest of the notebook's state: each file's path and stamp, the listing's problems; whether a file
    changed so recently that its stamp cannot be trusted yet — then no summary is stored, see RACY_NS)."""
    import hashlib
    import struct

    pack = struct.Struct("<qqqQ").pack
    base = str(root) + os.sep
    stat = os.stat
    newest = 0
    stamps: list[bytes] = []
    for rel in rels:
        try:
            st = stat(base + rel)
        except OSError:
            stamps.append(pack(-1, -1, -1, 0))
            continue
        mtime, ctime = st.st_mtime_ns, st.st_ctime_ns
        if mtime > newest:
            newest = mtime
        if ctime > newest:
            newest = ctime
        stamps.append(pack(st.st_size, mtime, ctime, st.st_ino & 0xFFFFFFFFFFFFFFFF))
    digest = hashlib.blake2b(b"".join(stamps), digest_size=20)
    del stamps
    for n in range(0, len(rels), 4096):  # in slices: a district's 100,000 paths are never one text
        digest.update("\0".join(rels[n:n + 4096]).encode("utf-8", "surrogateescape") + b"\0")
    digest.update(repr(listing).encode("utf-8", "surrogateescape"))
    return digest.hexdigest(), newest >= time.time_ns() - RACY_NS


def read_summaries(root: Path, key: str, digest: str) -> tuple[str, list[str]] | None:
    """(the notebook's row, every customer's row in order) stored for exactly this key and state; else None."""
    import sqlite3

    path = index_path(root)
    if not path.exists():
        return None
    try:
        con = _connect(path, create=False)
        try:
            if not _schema_ok(con):
                return None
            meta = dict(con.execute("SELECT name, value FROM meta WHERE name IN "
                                    "('summary-key', 'summary-digest', 'summary-notebook')").fetchall())
            if meta.get("summary-key") != key or meta.get("summary-digest") != digest \
                    or "summary-notebook" not in meta:
                return None
            rows = [value for value, in con.execute("SELECT value FROM summaries ORDER BY pos")]
            return meta["summary-notebook"], rows
        finally:
            con.close()
    except sqlite3.Error:
        return None


def store_summaries(root: Path, key: str, digest: str, notebook: str, rows: list[tuple[str, str]]) -> None:
    """Replace the summaries by `rows` ((name, text) in order) for this key and state, in one transaction."""
    import sqlite3

    folder = index_dir(root)
    path = folder / INDEX_NAME
    if not path.exists():
        return                  # no index (a read-only notebook, --no-cache): nothing to add them to
    with _Lock(folder) as lock:
        if not lock.held:
            return
        try:
            con = _connect(path, create=True)
        except sqlite3.Error:
            return
        try:
            if not _schema_ok(con):
                return
            con.execute("BEGIN IMMEDIATE")
            try:
                con.execute("DELETE FROM summaries")
                con.executemany("INSERT INTO summaries VALUES (?,?,?)",
                                [(n, name, text) for n, (name, text) in enumerate(rows)])
                con.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                                [("summary-key", key), ("summary-digest", digest), ("summary-notebook", notebook)])
                con.execute("COMMIT")
            except BaseException:
                if con.in_transaction:
                    con.execute("ROLLBACK")
                raise
        except sqlite3.Error:
            pass        # busy, read-only, damaged: the next run that loads the notebook tries again
        finally:
            con.close()


def clear(root: Path | str) -> None:
    """Remove the index (it is rebuilt on the next run)."""
    _remove(index_path(root))
