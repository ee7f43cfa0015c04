"""Opening inputs safely: only regular files are ever opened, and paths are shown printable.

A named pipe blocks whoever opens it for reading until a writer comes, a device can be endless and a
symlink loop makes `Path.resolve` raise: each is refused by name from `os.stat`, and the file that is
finally opened is checked again (`fstat`) so that a swap between the check and the open cannot block.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

_KINDS = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a directory",
}
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


class Refused(Exception):
    """An input that is not read, with a one-line reason ("not a regular file (a named pipe)")."""


def shown(path: str | os.PathLike[str]) -> str:
    """The path as text safe to print and store: undecodable bytes and control characters escaped."""
    name = os.fspath(path)
    try:
        data = os.fsencode(name)
    except UnicodeEncodeError:  # a lone surrogate that no file system name decodes to (from JSON)
        data = name.encode("utf-8", "surrogatepass")
    raw = data.decode("utf-8", "backslashreplace")
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), raw)


def real(path: str | os.PathLike[str]) -> str:
    """Absolute path with symlinks resolved as far as they go; never raises on a symlink loop."""
    return os.path.realpath(os.path.abspath(path))


def under(path: str, roots: Iterable[str]) -> bool:
    """True when the resolved `path` is one of `roots` or inside one of them."""
    return any(path == r or path.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


def problem(path: Path) -> str | None:
    """None for a regular file (or a symlink to one), else why it is not read."""
    try:
        st = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symlink loop (the link leads back to itself); not read"
        if exc.errno == errno.ENOENT:
            return "broken symlink (its target does not exist)" if os.path.islink(path) else "no such file or directory"
        return f"cannot access: {exc.strerror or exc}"
    if stat.S_ISREG(st.st_mode):
        return None
    return f"not a regular file ({_KINDS.get(stat.S_IFMT(st.st_mode), 'special file')}); not read"


def open_regular(path: Path) -> BinaryIO:
    """Open a regular file for reading without ever blocking on a FIFO; `Refused` for anything else."""
    why = problem(path)
    if why:
        raise Refused(why)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise Refused(f"not a regular file ({_KINDS.get(stat.S_IFMT(st.st_mode), 'special file')}); not read")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
