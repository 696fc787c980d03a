"""Files created private and written atomically (issue 17, points 9 and 10)."""

from __future__ import annotations

import os
import stat

import pytest
from sqlalchemy import text

from runcoach.services.files import atomic_path
from runcoach.store.db import open_engine

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def _mode(path):
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def usual_umask():
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_the_home_the_database_and_its_wal_are_private_whatever_the_umask(tmp_path, usual_umask):
    home = tmp_path / "new" / "home"
    engine = open_engine(f"sqlite:///{home / 'runcoach.db'}")
    with engine.connect() as conn:  # a write keeps the WAL and shared-memory files open
        conn.execute(text("INSERT INTO athletes (name) VALUES ('me')"))
        assert _mode(home / "runcoach.db-wal") == 0o600
        assert _mode(home / "runcoach.db-shm") == 0o600
        conn.commit()
    assert _mode(home) == 0o700 and _mode(tmp_path / "new") == 0o700
    assert _mode(home / "runcoach.db") == 0o600


def test_a_database_left_readable_by_an_older_runcoach_is_made_private(tmp_path, usual_umask):
    open_engine(f"sqlite:///{tmp_path / 'runcoach.db'}").dispose()
    (tmp_path / "runcoach.db").chmod(0o644)
    open_engine(f"sqlite:///{tmp_path / 'runcoach.db'}").dispose()
    assert _mode(tmp_path / "runcoach.db") == 0o600


def test_a_symlinked_partial_file_is_never_followed(tmp_path):
    target = tmp_path / "precious.txt"
    target.write_text("keep me")
    (tmp_path / "out.csv.partial").symlink_to(target)
    with atomic_path(tmp_path / "out.csv") as partial:
        partial.write_text("the export")
    assert target.read_text() == "keep me"
    assert (tmp_path / "out.csv").read_text() == "the export"
    assert not (tmp_path / "out.csv.partial").exists()


def test_a_partial_file_left_by_a_killed_command_is_replaced(tmp_path):
    (tmp_path / "b.zip.partial").write_bytes(b"half a backup")
    with atomic_path(tmp_path / "b.zip", mode=0o600) as partial:
        assert partial.read_bytes() == b""
        partial.write_bytes(b"whole")
    assert (tmp_path / "b.zip").read_bytes() == b"whole"


def test_a_write_that_fails_keeps_the_old_file_and_leaves_no_partial(tmp_path):
    (tmp_path / "plan.json").write_text("old plan")
    with pytest.raises(OSError, match="disk full"), atomic_path(tmp_path / "plan.json") as p:
        p.write_text("half")
        raise OSError("disk full")
    assert (tmp_path / "plan.json").read_text() == "old plan"
    assert not (tmp_path / "plan.json.partial").exists()


def test_the_file_and_its_folder_are_synced_before_the_write_is_done(tmp_path, monkeypatch):
    synced = []
    real_fsync = os.fsync

    def recording(descriptor):
        synced.append(os.readlink(f"/proc/self/fd/{descriptor}"))
        real_fsync(descriptor)

    if not os.path.exists("/proc/self/fd"):
        pytest.skip("reads descriptors from /proc")
    monkeypatch.setattr(os, "fsync", recording)
    with atomic_path(tmp_path / "out.gpx") as partial:
        partial.write_text("<gpx/>")
    assert synced == [str(tmp_path / "out.gpx.partial"), str(tmp_path)]
