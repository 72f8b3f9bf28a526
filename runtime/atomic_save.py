"""Atomic file saves: a kill or a crash at any moment leaves the file and its .bak complete.

A save writes a temporary file beside the target, fsyncs it, replaces NAME.bak with the previous
file atomically (a hard link renamed into place, or an fsynced copy), and renames the new file
into place. Saves into one folder take turns under an advisory lock on the folder, so a save never
mistakes another program's save in progress for the leftover of a killed one.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; saves still atomic, only concurrent saves unguarded
    fcntl = None  # type: ignore[assignment]

#: A temporary file of an interrupted save is removed when the project is opened once it is
#: older than this (a save in progress by another process is left alone); every save removes all.
STALE_TEMP_SECONDS = 600
#: How long a save waits for another program's save into the same folder before giving up.
LOCK_WAIT_SECONDS = 10.0


class SaveBusyError(OSError):
    """Another program kept saving into the same folder for longer than `LOCK_WAIT_SECONDS`."""


def write_atomically(target: Path, text: str) -> None:
    """Writes `text` (UTF-8) to `target` atomically; the old file becomes NAME.bak.

    Temporary files that killed saves left behind are removed. If anything fails, the previous
    file is left as it was and the error propagates (OSError).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    with _folder_lock(target.parent):
        remove_stale_temps(target)
        temp_name = _write_temp(target, lambda handle: handle.write(text.encode("utf-8")), _file_mode(target))
        try:
            if target.exists():
                _replace_backup(target)
            os.replace(temp_name, target)
        except BaseException:
            Path(temp_name).unlink(missing_ok=True)
            raise
        _fsync_directory(target.parent)


@contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    """An exclusive advisory lock on `folder` (released by closing, also when the process dies)."""
    if fcntl is None:
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise SaveBusyError(f"{folder}: another program has been saving here for more than "
                                        f"{LOCK_WAIT_SECONDS:g} s; try again") from None
                time.sleep(0.01)
        yield
    finally:
        os.close(fd)


def _write_temp(target: Path, write: Callable[[Any], Any], mode: int, kind: str = "") -> str:
    """A fully written, fsynced temporary file beside `target` (a name `_temp_pattern` matches); its name."""
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.{kind}", suffix=".tmp", dir=target.parent)
    try:
        os.fchmod(fd, mode)  # mkstemp makes 0600; a project file is as readable as before
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return temp_name


def _replace_backup(target: Path) -> None:
    """`target`'s current content becomes NAME.bak atomically: hard-linked where possible, else copied."""
    backup = target.with_name(target.name + ".bak")
    temp_name = str(target.with_name(f".{target.name}.bak.{secrets.token_hex(4)}.tmp"))
    try:
        os.link(target, temp_name)  # fails rather than overwrite if the name exists
    except OSError:  # no hard links on this file system
        with target.open("rb") as source:
            temp_name = _write_temp(target, lambda handle: shutil.copyfileobj(source, handle),
                                    _file_mode(target), "bak.")
    try:
        os.replace(temp_name, backup)
    finally:
        # rename() between two links to one file does nothing and keeps both: after a save killed
        # between linking the .bak and renaming the project, the .bak *is* the project's file.
        Path(temp_name).unlink(missing_ok=True)


def _temp_pattern(target: Path) -> re.Pattern[str]:
    """Names `tempfile.mkstemp` gives our temporaries: ``.NAME.[bak.]XXXXXXXX.tmp``."""
    return re.compile(rf"\.{re.escape(target.name)}\.(?:bak\.)?[a-z0-9_]{{8}}\.tmp")


def remove_stale_temps(target: Path, older_than: float = 0.0) -> list[Path]:
    """Removes the temporaries of interrupted saves of `target` (only those, by name); returns them."""
    pattern, now, removed = _temp_pattern(target), time.time(), []
    try:
        candidates = list(target.parent.iterdir())
    except OSError:
        return []
    for candidate in candidates:
        if not pattern.fullmatch(candidate.name):
            continue
        try:
            if candidate.is_file() and not candidate.is_symlink() and now - candidate.lstat().st_mtime >= older_than:
                candidate.unlink()
                removed.append(candidate)
        except OSError:
            continue
    return removed


def _file_mode(target: Path) -> int:
    """The mode the saved file should have: the old file's, else what the umask allows."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_directory(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
