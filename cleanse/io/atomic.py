"""Replace a file atomically: a temporary file in the same folder, fsync, rename.

Readers see the old file or the new one, never a half-written one; the file's
permission bits are kept; on any error the temporary file is removed and the
original is left as it was. A symbolic link is followed (its target is replaced,
the link stays a link); a FIFO or a device (``/dev/null``, ``/dev/stdout``) is
written directly, as a shell redirect would: it cannot be replaced.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from cleanse.errors import reason


@contextlib.contextmanager
def atomic_writer(path: Path, *, mode: int | None = None) -> Iterator[IO[bytes]]:
    """Yield a binary stream; on clean exit it replaces ``path`` (created if missing).

    The new file keeps the permission bits of the file it replaces, else ``mode``,
    else the usual ``0o666 & ~umask``.
    """
    target = _file_to_replace(Path(path))
    if target is None:
        with Path(path).open("wb") as stream:
            yield stream
        return
    folder = target.parent if str(target.parent) else Path()
    try:
        keep_mode: int | None = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        keep_mode = mode if mode is not None else _default_mode()
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        if keep_mode is not None:
            tmp.chmod(keep_mode)
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_folder(folder)


def replace_bytes(path: Path, data: bytes) -> None:
    """Atomically replace ``path`` with ``data``."""
    with atomic_writer(path) as stream:
        stream.write(data)


def cannot_write(path: Path) -> str | None:
    """Why ``atomic_writer(path)`` would fail, or None: to refuse before any work is done."""
    try:
        target = _file_to_replace(path)
    except OSError as exc:
        return reason(exc)
    if target is None:
        if path.is_dir():
            return "is a folder"
        return None if os.access(path, os.W_OK) else "permission denied"
    folder = target.parent if str(target.parent) else Path()
    if not folder.is_dir():
        return f"folder {folder} does not exist"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"cannot create files in {folder} (permission denied)"
    return None


def _file_to_replace(path: Path) -> Path | None:
    """The regular file that stands for ``path`` (a link's target), or None when ``path``
    exists and is no regular file (FIFO, device, folder) and so is written directly."""
    try:
        info = path.stat()  # through links
    except FileNotFoundError:
        # Missing: created; a dangling link creates its target, as a shell redirect does.
        return path.resolve() if path.is_symlink() else path
    if not stat.S_ISREG(info.st_mode):
        return None
    if not path.is_symlink():
        return path
    target = path.resolve()
    try:
        found = target.stat()
    except OSError:
        return None
    # A link whose target's name is no longer that file (/proc/self/fd/N of a deleted
    # file) cannot be replaced by name: write through it.
    same = (found.st_dev, found.st_ino) == (info.st_dev, info.st_ino)
    return target if same else None


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable (where the platform allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
