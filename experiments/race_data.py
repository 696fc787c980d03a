"""Public race results and race-day weather for the heat and gain calibration.

Read straight from the fetched git repositories at pinned commits (nothing is copied into
runcoach):

- Boston Marathon results 2001-2008, 2013-2014: github.com/llimllib/bostonmarathon (MIT; the
  data are the B.A.A.'s published results). 2009-2012 are never read: they are the check set
  of issue 16. 2013 is left out because the race was stopped at about 4:09 after the bombing,
  which censors the slower half of the field.
- Race-day weather (mean over the race hours of dry-bulb temperature and dew point, °C) and the
  best marathon times by age of five US marathons 1993-2016 (the data set of Ely et al. 2007,
  extended): github.com/michaelstewart5/project1_pda (MIT), file Data/project1.csv as first
  committed.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

BOSTON_REPO_COMMIT = "f49b44950cdd13fdeaf1661ba921edbe3dfabff7"
WEATHER_REPO_COMMIT = "aba8f1202b9647b2c559e2583627fe6d7fdce0fb"
DEFAULT_BOSTON_REPO = Path("/work/.mirror/llimllib+bostonmarathon/repo")
DEFAULT_WEATHER_REPO = Path("/work/.mirror/michaelstewart5+project1_pda/repo")

CHECK_SET = {("boston", 2009), ("boston", 2010), ("boston", 2011), ("boston", 2012)}
BOSTON_YEARS = (2001, 2002, 2003, 2004, 2005, 2006, 2007, 2008, 2014)
RACE_CODES = {0: "boston", 1: "chicago", 2: "nyc", 3: "twin cities", 4: "grandma's"}
RACE_MONTH = {"boston": 4, "chicago": 10, "nyc": 11, "twin cities": 10, "grandma's": 6}
MIN_TIME_MIN = 125.0  # min; faster is a wheelchair or a data error in a mass field
MAX_TIME_MIN = 420.0  # min; slower finishers are too few per year to place reliably


@dataclass(frozen=True)
class Weather:
    temperature_c: float
    dew_point_c: float


@dataclass(frozen=True)
class Finish:
    key: tuple[str, str, str]  # name, sex, home (city/state/country)
    year: int
    age: int
    time_min: float


@dataclass(frozen=True)
class TopAge:
    """One row of the Ely data set: the best time at one age, as % off the course record."""

    race: str
    year: int
    female: bool
    age: int
    pct_off_record: float


def git_text(repo: Path, commit: str, path: str) -> str:
    shown = subprocess.run(
        [
            "git",
            "--git-dir",
            str(repo / ".git") if (repo / ".git").exists() else str(repo),
            "show",
            f"{commit}:{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return shown.stdout


def _refuse_check_set(race: str, year: int) -> None:
    if (race, year) in CHECK_SET:
        raise RuntimeError(f"{race} {year} is in the check set and must not be read")


def boston_finishes(repo: Path, year: int) -> Iterator[Finish]:
    _refuse_check_set("boston", year)
    text = git_text(repo, BOSTON_REPO_COMMIT, f"results/{year}/results.csv")
    for row in csv.DictReader(io.StringIO(text)):
        finish = _finish(row, year)
        if finish is not None:
            yield finish


def _finish(row: dict[str, str], year: int) -> Finish | None:
    bib = row.get("bib", "")
    if bib.startswith(("W", "H")) or not row.get("age", "").isdigit():
        return None
    raw = row.get("net") or row.get("official") or ""
    try:
        time_min = float(raw)
    except ValueError:
        return None
    if not MIN_TIME_MIN <= time_min <= MAX_TIME_MIN:
        return None
    name = re.sub(r"\s+", " ", row["name"].strip().lower())
    home = "/".join(row.get(k, "").strip().lower() for k in ("city", "state", "country"))
    return Finish((name, row["gender"], home), year, int(row["age"]), time_min)


def race_weather(repo: Path) -> dict[tuple[str, int], Weather]:
    text = git_text(repo, WEATHER_REPO_COMMIT, "Data/project1.csv")
    found: dict[tuple[str, int], Weather] = {}
    for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))):
        if not row or not row[0].isdigit() or not row[6] or not row[11]:
            continue
        key = (RACE_CODES[int(row[0])], int(row[1]))
        if key not in CHECK_SET:
            found.setdefault(key, Weather(float(row[6]), float(row[11])))
    return found


def top_by_age(repo: Path) -> Iterator[TopAge]:
    text = git_text(repo, WEATHER_REPO_COMMIT, "Data/project1.csv")
    for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))):
        if not row or not row[0].isdigit():
            continue
        race, year = RACE_CODES[int(row[0])], int(row[1])
        if (race, year) in CHECK_SET:
            continue
        yield TopAge(race, year, row[2] == "0", int(row[4]), float(row[5]))
