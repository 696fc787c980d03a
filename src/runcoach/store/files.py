"""The store's files kept private: runcoach's home, its database and backups hold GPS tracks
and heart rate, so they are readable by their owner alone, whatever the umask."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

PRIVATE_FILE_MODE = 0o600  # the database and backups: owner only
PRIVATE_FOLDER_MODE = 0o700  # runcoach's home and its backups folder: owner only


def private_folder(folder: Path) -> None:
    """``folder`` and its missing parents, each one created here readable by its owner alone
    (folders already there are left as their owner set them)."""
    missing = [f for f in [folder, *folder.parents] if not f.exists()]
    for new in reversed(missing):
        with contextlib.suppress(FileExistsError):  # made meanwhile by another command
            new.mkdir(mode=PRIVATE_FOLDER_MODE)
            new.chmod(PRIVATE_FOLDER_MODE)  # mkdir's mode passes through the umask


def private_file(path: Path) -> None:
    """Make sure the file at ``path`` exists and only its owner may read it (a database of an
    older runcoach, made readable to all by the umask of the time, is made private)."""
    os.close(os.open(path, os.O_RDONLY | os.O_CREAT, PRIVATE_FILE_MODE))
    with contextlib.suppress(PermissionError):  # someone else's file: theirs to decide
        if path.stat().st_mode & 0o077:
            path.chmod(PRIVATE_FILE_MODE)


def sync_folder(folder: Path) -> None:
    """Make a rename or a new file in ``folder`` durable (POSIX: fsync of the folder itself;
    Windows has no such call and makes renames durable by itself)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except (PermissionError, IsADirectoryError):  # Windows cannot open a folder
        return
    try:
        os.fsync(descriptor)
    except OSError:  # a file system that cannot sync a folder (some network ones)
        pass
    finally:
        os.close(descriptor)
