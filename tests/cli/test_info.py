from __future__ import annotations


def test_info_creates_the_sqlite_store_in_the_home_folder(runcoach, home):
    result = runcoach("info")
    assert result.exit_code == 0
    assert (home / "runcoach.db").exists()
    assert str(home) in result.stdout


def test_json_output_is_only_json(runcoach):
    result = runcoach("info", "--json")
    assert result.exit_code == 0
    assert result.json()["rows"]["athletes"] == 0


def test_a_bad_config_file_is_a_clear_error_on_stderr(runcoach, home):
    home.mkdir(parents=True)
    (home / "config.toml").write_text("units = [broken")
    result = runcoach("info")
    assert result.exit_code != 0
    assert result.stdout == ""
    assert "config.toml" in result.stderr
