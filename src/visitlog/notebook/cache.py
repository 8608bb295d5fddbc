"""The parse cache: each note is parsed once, not on every run.

`read(root, rels, settings, read_one)` returns what `read_one(rel)` would
(the `(record, problems)` of each file, in the order of `rels`), taking each
file's result from the cache when the file has not changed since it was
parsed, and parsing the others.

What makes an entry valid
    An entry is keyed by the file's path relative to the notebook and its
    stamp: size, modification time (ns), status-change time (ns) and inode.
    Any write, rename-over, `touch`, copy or checkout changes the stamp, so a
    changed file is always parsed again; added and deleted files are seen
    because the loader lists the folder on every run. The whole cache is
    keyed too, by the cache format, the visitlog version, the Python version,
    a checksum of the parser's source (`parse.py`, `deadlines.py`,
    `model.py`) and every setting (work days and compliance words change
    what a note means): if any differs, the cache is ignored and rebuilt.
    Deadline phrases are resolved against the visit's moment, never today,
    so a parsed note stays true until the file changes.

Racy files
    A file changed within `RACY_NS` of the run is parsed but not stored:
    file systems stamp times coarsely (a tick, or 2 s on FAT), so a second
    write in the same tick could leave the stamp unchanged. It is stored by a
    later run, once it is old enough.

Where and how
    `<notebook>/.visitlog/cache/parse-<i>-of-<k>.pickle`, `k` shards chosen
    by a CRC of the path (about 2,000 notes a shard), so an edit rewrites one
    shard, not the whole cache. Each shard is written to a temporary file in
    the same folder and renamed over the old one: two runs at once never
    leave a torn file (the last writer wins, and every entry carries its own
    stamp, so whichever wins is correct). A shard that cannot be read
    (truncated, corrupt, foreign, another version) counts as empty and is
    rewritten; a notebook that cannot be written to works without a cache.
    A `.gitignore` in the cache folder keeps it out of git. Shards are read
    with an unpickler that only builds visitlog's records and dates, so a
    shard planted in a shared folder cannot run code.

`VISITLOG_NO_CACHE=1` (or `visitlog --no-cache ...`) reads and parses every
file and leaves the cache alone: for debugging the parser. docs/performance.md
explains the choices and their measurements.
"""
from __future__ import annotations

import gc
import os
import sys
import time
import zlib
from pathlib import Path
from typing import Any, Callable, Iterable

from .. import __version__

from .model import Visit

try:  # the C pickler alone: `import pickle` costs 3 ms more at every start-up
    import _pickle as pickle
except ImportError:  # pragma: no cover - other Pythons
    import pickle  # type: ignore[no-redef]

PROTOCOL = 5

FORMAT = 2                          # 2: visits keep their points packed (_LazyVisit)
CACHE_DIR = (".visitlog", "cache")
RACY_NS = 3_000_000_000             # files changed this recently are not stored
PER_SHARD = 2048                    # notes per shard, roughly
MAX_SHARDS = 64
PARALLEL_MIN = 600                  # files to parse before a second process pays off (measured: ~450 break even)
PARSER_MODULES = ("parse.py", "deadlines.py", "calendar.py", "model.py", "fastyaml.py", "settings.py")
_MAGIC = "visitlog-parse-cache"
_GITIGNORE = "# visitlog's parse cache: local, rebuilt when missing\n*\n"

Parsed = tuple  # (record | None, tuple[Problem, ...])
Stamp = tuple   # (size, mtime_ns, ctime_ns, inode)


def disabled(environ: dict | None = None) -> bool:
    """`VISITLOG_NO_CACHE` set to anything but empty or 0."""
    value = (os.environ if environ is None else environ).get("VISITLOG_NO_CACHE", "")
    return value.strip() not in ("", "0")


def cache_dir(root: Path | str) -> Path:
    return Path(root).joinpath(*CACHE_DIR)


def _stamp(st: os.stat_result) -> Stamp:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def _parser_checksum() -> int:
    here = Path(__file__).parent
    crc = 0
    for name in PARSER_MODULES:
        try:
            crc = zlib.crc32((here / name).read_bytes(), crc)
        except OSError:
            crc = zlib.crc32(name.encode(), crc)
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
    """Every setting, in a stable text form (the cache is rebuilt when any changes)."""
    names = getattr(settings, "__dataclass_fields__", None) or vars(settings)
    return repr(tuple((name, _normal(getattr(settings, name))) for name in sorted(names)))


def cache_key(settings: Any) -> tuple:
    return (_MAGIC, FORMAT, __version__, sys.version_info[:2], _parser_checksum(), settings_key(settings))


def shard_count(files: int) -> int:
    """A power of two, about PER_SHARD notes a shard."""
    k = 1
    while k < MAX_SHARDS and files > k * PER_SHARD:
        k *= 2
    return k


def shard_of(rel: str, k: int) -> int:
    return zlib.crc32(rel.encode("utf-8")) % k


def _shard_name(i: int, k: int) -> str:
    return f"parse-{i:02d}-of-{k:02d}.pickle"


class _Unpickler(pickle.Unpickler):
    """Builds visitlog's records, dates and times, and nothing else."""

    _DATETIME = frozenset(("date", "datetime", "time", "timedelta", "timezone"))

    def find_class(self, module: str, name: str) -> Any:
        if module == "datetime" and name in self._DATETIME:
            return super().find_class(module, name)
        if module == "visitlog.notebook.cache" and name == "_LazyVisit":
            return _LazyVisit
        if module == "visitlog.notebook.model":
            from . import model

            found = getattr(model, name, None)
            if isinstance(found, type) and found.__module__ == "visitlog.notebook.model":
                return found
        raise pickle.UnpicklingError(f"the parse cache may not hold {module}.{name}")


def _loads(blob: bytes) -> Any:
    import io

    return _Unpickler(io.BytesIO(blob)).load()


class _LazyVisit(Visit):
    """A visit read from the cache, whose points are unpickled when first read.

    Building every point of every visit is half the time of a warm run, and most
    commands read the points of a few recent visits only (score's last 90 days,
    one week for review, one customer for timeline and prep); due reads none.
    The points are kept as the pickled bytes until `.points` is first read.
    Otherwise it is a Visit: same fields, equal to the Visit parsed from the same
    file, same hash; `dataclasses.replace` works on it.
    """

    def _get_points(self) -> tuple:
        state = self.__dict__
        points = state.get("points")
        if points is None:
            points = state["points"] = _loads(state["_points_blob"])
        return points

    def _set_points(self, value: tuple) -> None:  # dataclass __init__ (replace) sets fields this way
        self.__dict__["points"] = value
        self.__dict__.pop("_points_blob", None)

    points = property(_get_points, _set_points)  # type: ignore[assignment]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Visit):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in _VISIT_FIELDS)

    __hash__ = Visit.__hash__

    def __repr__(self) -> str:
        return "Visit" + Visit.__repr__(self)[len(type(self).__qualname__):]


_VISIT_FIELDS = tuple(f.name for f in Visit.__dataclass_fields__.values() if f.compare)


def _for_shard(record: Any) -> Any:
    """What a shard holds for a record: a visit's points as bytes, anything else as it is."""
    if not isinstance(record, Visit):
        return record
    state = dict(record.__dict__)
    if "_points_blob" in state:
        state.pop("points", None)
    else:
        state["_points_blob"] = pickle.dumps(state.pop("points", record.points), protocol=PROTOCOL)
    lazy = object.__new__(_LazyVisit)
    lazy.__dict__.update(state)
    return lazy


def _load_shard(path: Path, key: tuple) -> dict | None:
    """A shard's entries {rel: (stamp, record, problems)}, or None when unusable."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return None
    import io

    try:
        stream = io.BytesIO(data)
        unpickler = _Unpickler(stream)
        if unpickler.load() != key:
            return None
        entries = unpickler.load()
    except Exception:  # a torn, corrupt or foreign file is just an empty shard
        return None
    return entries if isinstance(entries, dict) else None


def _write_shard(folder: Path, name: str, key: tuple, entries: dict) -> None:
    import io

    from .files import atomic_write

    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=PROTOCOL)
    pickler.dump(key)         # one pickler: its memo spans both, like the unpickler's
    pickler.dump({rel: (stamp, _for_shard(record), problems)
                  for rel, (stamp, record, problems) in entries.items()})
    atomic_write(folder / name, buffer.getvalue(), durable=False)  # a cache can be rebuilt: no fsync


def _prepare(folder: Path) -> bool:
    """Create the cache folder and its .gitignore; False when the notebook is not writable."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.exists():
            from .files import atomic_write

            atomic_write(ignore, _GITIGNORE.encode("utf-8"), durable=False)
        return os.access(folder, os.W_OK)
    except OSError:
        return False


def _parse_chunk(args: tuple) -> list[Parsed]:
    """Worker: parse a list of files (run in a second process)."""
    read_one, rels = args
    gc.disable()
    # Visits travel with their points already pickled: less to send, and ready for the shards.
    return [(_for_shard(record), problems) for record, problems in map(read_one, rels)]


def _parse_all(rels: list[str], read_one: Callable[[str], Parsed]) -> list[Parsed]:
    """Parse `rels`, in two processes when there are many and two cores."""
    workers = min(os.cpu_count() or 1, 2) if len(rels) >= PARALLEL_MIN else 1
    if workers > 1:
        try:
            return _parse_parallel(rels, read_one, workers)
        except Exception:  # no fork, no semaphores, a pickling failure: parse here instead
            pass
    return [read_one(rel) for rel in rels]


def _parse_parallel(rels: list[str], read_one: Callable[[str], Parsed], workers: int) -> list[Parsed]:
    import multiprocessing

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin" else "spawn"
    context = multiprocessing.get_context(method)
    # The parent parses too: one chunk per worker process, the first kept here.
    size = -(-len(rels) // workers)
    chunks = [rels[i:i + size] for i in range(0, len(rels), size)]
    with context.Pool(len(chunks) - 1) as pool:
        pending = pool.map_async(_parse_chunk, [(read_one, c) for c in chunks[1:]])
        mine = [read_one(rel) for rel in chunks[0]]
        rest = pending.get()
    out = mine
    for part in rest:
        out.extend(part)
    return out


def read(root: Path, rels: list[str], settings: Any, read_one: Callable[[str], Parsed],
         *, use_cache: bool = True) -> list[Parsed]:
    """`read_one(rel)` for every rel, from the cache where the file is unchanged."""
    enabled = gc.isenabled()
    gc.disable()  # a million small records: collection passes would find nothing to free
    try:
        if not use_cache or disabled():
            return _parse_all(list(rels), read_one)
        return _read_cached(Path(root), rels, settings, read_one)
    finally:
        # The records live as long as the process and hold no cycles: move them out of the
        # collector's sight, or the first collections after this would walk all of them again.
        gc.freeze()
        if enabled:
            gc.enable()


def _read_cached(root: Path, rels: list[str], settings: Any, read_one: Callable[[str], Parsed]) -> list[Parsed]:
    folder = cache_dir(root)
    key = cache_key(settings)
    start_ns = time.time_ns()

    on_disk: dict[str, tuple] = {}          # shard file name -> its entries (None: unusable)
    try:
        names = [n for n in os.listdir(folder) if n.startswith("parse-") and n.endswith(".pickle")]
    except OSError:
        names = []
    cached: dict[str, tuple] = {}
    for name in names:
        entries = _load_shard(folder / name, key)
        on_disk[name] = entries
        if entries:
            cached.update(entries)

    base = str(root) + os.sep
    stamps: list[Stamp | None] = []
    out: list[Parsed | None] = []
    misses: list[int] = []
    for i, rel in enumerate(rels):
        try:
            st = os.stat(base + rel)
        except OSError:
            stamps.append(None)
            out.append(None)
            misses.append(i)
            continue
        stamp = _stamp(st)
        stamps.append(stamp)
        entry = cached.get(rel)
        if entry is not None and entry[0] == stamp:
            out.append((entry[1], entry[2]))
        else:
            out.append(None)
            misses.append(i)

    if misses:
        parsed = _parse_all([rels[i] for i in misses], read_one)
        for i, result in zip(misses, parsed):
            out[i] = result

    k = shard_count(len(rels))
    untouched = (not misses and len(cached) == len(rels) and None not in on_disk.values()
                 and sorted(on_disk) == [_shard_name(i, k) for i in range(k)])
    if not untouched:  # every file a hit, nothing deleted, same layout: nothing to write
        _save(folder, key, rels, stamps, out, on_disk, start_ns)
    return out  # type: ignore[return-value]


def _storable(stamp: Stamp | None, start_ns: int) -> bool:
    return stamp is not None and max(stamp[1], stamp[2]) < start_ns - RACY_NS


def _save(folder: Path, key: tuple, rels: list[str], stamps: list, out: list, on_disk: dict,
          start_ns: int) -> None:
    """Rewrite the shards whose content should change; drop shards of another layout."""
    k = shard_count(len(rels))
    wanted: list[dict] = [{} for _ in range(k)]
    for rel, stamp, result in zip(rels, stamps, out):
        if _storable(stamp, start_ns):
            wanted[shard_of(rel, k)][rel] = (stamp, result[0], result[1])
    names = [_shard_name(i, k) for i in range(k)]
    stale = [n for n in on_disk if n not in names]
    changed = [i for i in range(k) if not _same(on_disk.get(names[i]), wanted[i])]
    if not changed and not stale:
        return
    if not _prepare(folder):
        return
    try:
        for i in changed:
            _write_shard(folder, names[i], key, wanted[i])
        for name in stale:
            try:
                os.unlink(folder / name)
            except FileNotFoundError:
                pass
        _sweep(folder, start_ns)
    except OSError:
        pass  # a full disk or a read-only notebook: the next run parses again


def _sweep(folder: Path, now_ns: int) -> None:
    """Temporary files of runs that were killed while writing (an hour old: nobody is writing them)."""
    for name in os.listdir(folder):
        if name.startswith(".") and name.endswith(".tmp"):
            try:
                if os.stat(folder / name).st_mtime_ns < now_ns - 3600 * 10**9:
                    os.unlink(folder / name)
            except OSError:
                pass


def _same(old: dict | None, new: dict) -> bool:
    """Whether a shard on disk already holds exactly these entries (by path and stamp)."""
    if old is None:
        return False
    if old.keys() != new.keys():
        return False
    return all(old[rel][0] == entry[0] for rel, entry in new.items())


def clear(root: Path | str) -> None:
    """Remove the cache's shards (the folder and its .gitignore stay)."""
    folder = cache_dir(root)
    for name in _names(folder):
        try:
            os.unlink(folder / name)
        except OSError:
            pass


def _names(folder: Path) -> Iterable[str]:
    try:
        return [n for n in os.listdir(folder) if n.startswith("parse-") and n.endswith(".pickle")]
    except OSError:
        return []
