"""The one way the package writes a file, and the one way it checksums one.

:func:`atomic_write` fills a temporary file in the target's folder, flushes
and ``fsync``-s it, moves it over the target with :func:`os.replace` and then
``fsync``-s the folder (where the platform allows), so a reader sees either
the old file or the new one, never half of one, even after a crash.
``prepare``, the HTML export and the table writers use it;
:func:`file_sha256` is the SHA-256 of a file (:func:`hashlib.file_digest`).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

__all__ = [
    "atomic_write",
    "atomic_write_bytes",
    "atomic_write_text",
    "exchange_paths",
    "file_sha256",
    "fsync_dir",
]


def fsync_dir(folder: str | os.PathLike) -> None:
    """Make a rename in ``folder`` durable (no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover (platforms without directory handles)
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100


def exchange_paths(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    """Swap two existing paths in one atomic step; ``False`` where the system cannot.

    Linux's ``renameat2(..., RENAME_EXCHANGE)``: at every instant each name
    holds either its old or its new content, so a reader never finds the
    folder missing. Elsewhere (another system, an old kernel, a file system
    without exchange) nothing is changed and the caller falls back to two
    renames.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> (d / "a").mkdir(); (d / "b").mkdir(); _ = (d / "a" / "x").write_text("a")
    >>> ok = exchange_paths(d / "a", d / "b")
    >>> (d / "b" / "x").exists() if ok else True
    True
    """
    import sys

    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):  # pragma: no cover (no glibc >= 2.28)
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    rc = renameat2(
        _AT_FDCWD, os.fsencode(os.fspath(a)), _AT_FDCWD, os.fsencode(os.fspath(b)), _RENAME_EXCHANGE
    )
    return rc == 0


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(path: str | os.PathLike, write: Callable[[BinaryIO], object]) -> Path:
    """Write a file atomically: ``write(handle)`` fills a temporary file that replaces ``path``.

    The temporary file lives in the same folder, is flushed and ``fsync``-ed
    and then moved over ``path`` with :func:`os.replace`; the folder is then
    ``fsync``-ed. If ``write`` fails, ``path`` keeps its previous content and
    the temporary file is removed. The new file gets a normal file's mode
    (``0o666`` less the umask), not the ``0o600`` of a temporary file.

    Parameters
    ----------
    path : str or os.PathLike
        The file to write; its folder is created if missing.
    write : callable
        Called with the binary file handle of the temporary file.

    Returns
    -------
    pathlib.Path
        ``path``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = atomic_write(p, lambda fh: fh.write(b"hei"))
    >>> p.read_bytes()
    b'hei'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)
    return path


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """Write ``data`` to ``path`` with :func:`atomic_write`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> atomic_write_bytes(pathlib.Path(tempfile.mkdtemp()) / "b.bin", b"x").read_bytes()
    b'x'
    """
    return atomic_write(path, lambda fh: fh.write(data))


def atomic_write_text(path: str | os.PathLike, text: str, *, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` with :func:`atomic_write` (UTF-8 by default).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> atomic_write_text(pathlib.Path(tempfile.mkdtemp()) / "t.txt", "hyvä").read_text("utf-8")
    'hyvä'
    """
    return atomic_write(path, lambda fh: fh.write(text.encode(encoding)))


def file_sha256(path: str | os.PathLike) -> str:
    """Return the hex SHA-256 of a file's bytes (:func:`hashlib.file_digest`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = atomic_write_bytes(pathlib.Path(tempfile.mkdtemp()) / "e", b"")
    >>> file_sha256(p)[:16]
    'e3b0c44298fc1c14'
    """
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()
