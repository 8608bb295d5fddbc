"""Writing files safely: the one atomic write every command that writes uses.

Notes are the user's data. A write goes to a temporary file in the same folder,
is flushed to disk, and is renamed over the target in one step, so a crash or
a full disk leaves either the old file or the new one, never half of each.
"""
from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


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
