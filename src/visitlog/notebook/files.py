"""Writing files safely: the one atomic write every command that writes uses.

Notes are the user's data. A write goes to a temporary file in the same folder,
is flushed to disk, and is renamed over the target in one step, so a crash or
a full disk leaves either the old file or the new one, never half of each.
"""
from __future__ import annotations

import os
import re
import stat
import tempfile
import time
from pathlib import Path

STALE_SECONDS = 3600        # a temporary file this old is a crash's leftover: swept by the next write
_TEMP = re.compile(r"\.(.+)\.[a-z0-9_]{8}\.tmp\Z")   # what atomic_write's mkstemp names look like


class FileChanged(Exception):
    """The file no longer holds the bytes the caller read: someone edited it meanwhile."""


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def atomic_write(path: Path, data: bytes, expected: bytes | None = None, *, durable: bool = True) -> None:
    """Write `data` to `path` through a temporary file in the same folder and `os.replace`.

    Missing folders are created. A symlink is written through (the link stays).
    The file's permission bits are kept; a new file gets the umask's. With
    `expected`, the file must still hold exactly those bytes just before the
    replace, else `FileChanged` and nothing is written. `durable=False` skips
    the fsync, for files that can be rebuilt (the parse cache).
    """
    target = Path(os.path.realpath(path))
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        if expected is not None and _read(target) != expected:
            raise FileChanged(str(path))
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    sweep(target.parent, name=target.name)


def create_new(path: Path, data: bytes) -> bool:
    """Write `data` to a new file `path`, complete or not at all; False when `path` exists.

    The bytes go to a temporary file first, which is then hard-linked to `path`
    (a link never replaces a file), so a crash at any moment leaves either no
    note or the whole note, never an empty one. File systems without hard
    links reserve the name with O_EXCL and write into it directly.
    """
    try:
        return _create_new(path, data)
    except OSError as exc:
        if exc.filename is None:                 # say which note could not be written
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise


def _create_new(path: Path, data: bytes) -> bool:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
        except OSError:                  # no hard links here (FAT, some shares): reserve, then fill
            try:
                out = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            except FileExistsError:
                return False
            try:
                with os.fdopen(out, "wb") as handle:
                    handle.write(data)
                    handle.flush()
                    os.fsync(handle.fileno())
            except BaseException:
                os.unlink(path)
                raise
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass
    sweep(path.parent)
    return True


def sweep(folder: Path, now: float | None = None, name: str | None = None) -> int:
    """Remove atomic_write's temporary files older than STALE_SECONDS from `folder` (a crash's leftovers).

    Only the temporary files of notes (`.x.md.abcd1234.tmp`) and of `name` are
    touched; young ones may belong to a write running right now and are left
    alone. Returns how many went.
    """
    limit = (time.time() if now is None else now) - STALE_SECONDS
    gone = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        m = _TEMP.match(entry.name)
        if m is None or not (m.group(1).endswith(".md") or m.group(1) == name):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < limit:
                os.unlink(entry.path)
                gone += 1
        except OSError:
            continue
    return gone


def inside(root: Path, path: Path) -> bool:
    """Whether `path` (links resolved) lies in the notebook folder `root` (links resolved)."""
    base = os.path.realpath(root)
    real = os.path.realpath(path)
    return real == base or real.startswith(base.rstrip(os.sep) + os.sep)


class OutputRefused(Exception):
    """An output file a command will not write: `code` is the message, `path` the file."""

    def __init__(self, code: str, path: str):
        self.code, self.path = code, path
        super().__init__(f"{code}: {path}")


def check_output(path: Path, root: Path, force: bool, ours=None) -> None:
    """May a command write its output (`--out`, `--ics`) to `path`? Else OutputRefused.

    Never inside the notebook (a note could be replaced, and the output would be
    read as notes), not even with --force. An existing file is replaced only
    with `force`, or when `ours(first_bytes)` recognises it as this command's own
    earlier output.
    """
    if inside(root, path):
        raise OutputRefused("output-in-notebook", str(path))
    if os.path.isdir(path):
        raise OutputRefused("output-is-folder", str(path))
    if os.path.exists(path) and not os.path.isfile(path):   # a device or a pipe: never replaced, even with --force
        raise OutputRefused("output-not-a-file", str(path))
    if not os.path.lexists(path) or force:
        return
    if ours is not None:
        try:
            with open(path, "rb") as handle:
                head = handle.read(4096)
        except OSError:
            head = b""
        if os.path.isfile(path) and not os.path.islink(path) and ours(head):
            return
    raise OutputRefused("output-exists", str(path))
