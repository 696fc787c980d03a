"""``runcoach backup`` and ``runcoach restore`` as a runner uses them."""

from __future__ import annotations

from tests.conftest import ACTIVITIES, needs_shared_data

pytestmark = needs_shared_data()
FIT = str(ACTIVITIES / "python-fitparse" / "activity-small-fenix2-run.fit")


def test_one_command_backs_up_and_another_restores_into_a_new_home(runcoach, home, tmp_path):
    assert runcoach("import", FIT).exit_code == 0
    made = runcoach("backup")
    assert made.exit_code == 0, made.stderr
    (path,) = (home / "backups").glob("runcoach-*.zip")
    assert made.stdout.startswith(f"backed up {path} (")
    assert "  1 run, 1 original file\n" in made.stdout

    new_home = tmp_path / "new-home"
    restored = runcoach("--home", str(new_home), "restore", str(path), "--json")
    assert restored.exit_code == 0, restored.stderr
    assert restored.json()["rows"]["runs"] == 1
    listed = runcoach("--home", str(new_home), "runs", "list", "--json")
    assert [r["distance_m"] for r in listed.json()] == [
        r["distance_m"] for r in runcoach("runs", "list", "--json").json()
    ]


def test_restoring_over_a_store_with_runs_is_refused_and_keeps_them(runcoach, tmp_path):
    runcoach("import", FIT)
    runcoach("backup", str(tmp_path / "mine.zip"))
    refused = runcoach("restore", str(tmp_path / "mine.zip"))
    assert refused.exit_code == 4
    assert "not empty (1 run," in refused.stderr and "--home DIR" in refused.stderr
    assert len(runcoach("runs", "list", "--json").json()) == 1


def test_restoring_a_watch_file_says_it_is_not_a_backup(runcoach):
    result = runcoach("restore", FIT)
    assert result.exit_code == 2
    assert "not a runcoach backup" in result.stderr
    assert "runcoach backup" in result.stderr


def test_a_backup_to_a_folder_that_cannot_be_written_is_a_clear_error(runcoach, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = runcoach("backup", str(blocker / "b.zip"))
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and "Traceback" not in result.stderr


def test_a_restore_goes_into_a_new_home_that_was_only_looked_at(runcoach, tmp_path):
    runcoach("import", FIT)
    runcoach("backup", str(tmp_path / "mine.zip"))
    new_home = str(tmp_path / "new-home")
    assert runcoach("--home", new_home, "runs", "list").exit_code == 0  # a first look
    restored = runcoach("--home", new_home, "restore", str(tmp_path / "mine.zip"))
    assert restored.exit_code == 0, restored.stderr
    assert len(runcoach("--home", new_home, "runs", "list", "--json").json()) == 1


def test_a_home_whose_athlete_was_told_something_is_not_restored_over(runcoach, tmp_path):
    from sqlalchemy import update

    from runcoach.store.db import open_engine
    from runcoach.store.tables import athletes

    runcoach("backup", str(tmp_path / "empty.zip"))
    new_home = tmp_path / "new-home"
    runcoach("--home", str(new_home), "runs", "list")
    engine = open_engine(f"sqlite:///{new_home / 'runcoach.db'}")
    with engine.begin() as conn:
        if not conn.execute(athletes.select()).first():
            conn.execute(athletes.insert().values(name="me"))
        conn.execute(update(athletes).values(timezone="Europe/Ljubljana"))
    refused = runcoach("--home", str(new_home), "restore", str(tmp_path / "empty.zip"))
    assert refused.exit_code == 4 and "not empty" in refused.stderr


def test_verify_says_a_good_backup_would_restore_and_a_damaged_one_why_not(runcoach, tmp_path):
    runcoach("import", FIT)
    runcoach("backup", str(tmp_path / "mine.zip"))
    good = runcoach("verify", str(tmp_path / "mine.zip"))
    assert good.exit_code == 0, good.stderr
    assert good.stdout.startswith(f"verified {tmp_path / 'mine.zip'} (") and "1 run" in good.stdout
    data = bytearray((tmp_path / "mine.zip").read_bytes())
    data[len(data) // 3 : len(data) // 3 + 32] = bytes(32)
    (tmp_path / "damaged.zip").write_bytes(bytes(data))
    for command in ("verify", "restore"):
        bad = runcoach("--home", str(tmp_path / "new"), command, str(tmp_path / "damaged.zip"))
        assert bad.exit_code == 2 and "nothing was restored" in bad.stderr
        assert "Traceback" not in bad.stderr


def test_an_unreachable_database_is_a_message_not_a_traceback(runcoach, tmp_path):
    url = "postgresql://postgres@127.0.0.1:1/none?connect_timeout=2"
    for args in (["runs", "list"], ["restore", str(tmp_path / "b.zip")], ["backup"]):
        result = runcoach("--database-url", url, *args)
        assert result.exit_code == 1, result.stderr
        assert result.stderr.startswith("error: cannot open the database postgresql")


def test_a_backup_and_its_folder_are_private_whatever_the_umask(runcoach, home):
    import os
    import stat

    old = os.umask(0o022)
    try:
        assert runcoach("backup").exit_code == 0
    finally:
        os.umask(old)
    (made,) = (home / "backups").glob("runcoach-*.zip")
    assert stat.S_IMODE((home / "backups").stat().st_mode) == 0o700
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
