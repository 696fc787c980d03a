"""Calibrate runcoach's heat and fitness-gain models on public race results (issue 16).

    # once: bring the two public repositories onto this machine (the `fetch` of the sessions,
    # or git clone github.com/llimllib/bostonmarathon and github.com/michaelstewart5/project1_pda)
    PYTHONPATH=src:experiments python experiments/heat_gain_calibration.py \
        [--boston-repo DIR] [--weather-repo DIR] [--out docs/heat_gain_accuracy.json]

It reads the pinned commits of both repositories (experiments/race_data.py), never the Boston
results of 2009-2012, and writes a compact summary: the fitted constants that
runcoach.domain.fitness.heat and runcoach.domain.fitness.gain carry, and their held-out
accuracy next to published or earlier models. Nothing of the raw data is written. About 1 min.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from gain_fit import check_gain, fit_gain, gain_cases
from heat_boston import heat_section
from heat_fit import (
    PairArrays,
    make_pairs,
    runner_histories,
)
from heat_races import races_section, rows, season_section
from race_data import (
    BOSTON_YEARS,
    DEFAULT_BOSTON_REPO,
    DEFAULT_WEATHER_REPO,
    boston_finishes,
    race_weather,
    top_by_age,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--boston-repo", type=Path, default=DEFAULT_BOSTON_REPO)
    parser.add_argument("--weather-repo", type=Path, default=DEFAULT_WEATHER_REPO)
    parser.add_argument("--out", type=Path, default=Path("docs/heat_gain_accuracy.json"))
    args = parser.parse_args()
    finishes = [f for y in BOSTON_YEARS for f in boston_finishes(args.boston_repo, y)]
    weather = {
        y: w
        for (race, y), w in race_weather(args.weather_repo).items()
        if race == "boston" and y in BOSTON_YEARS
    }
    histories = runner_histories(finishes)
    data = PairArrays(make_pairs(histories, weather))
    heat, heat_summary = heat_section(data, weather)
    top_rows = rows(list(top_by_age(args.weather_repo)), race_weather(args.weather_repo))
    cases = gain_cases(histories, weather, heat)
    gain = fit_gain([c for c in cases if not c.held_out])
    summary = {
        "sources": {
            "results": "github.com/llimllib/bostonmarathon (MIT), Boston 2001-2008 and 2014",
            "weather": "github.com/michaelstewart5/project1_pda (MIT), Data/project1.csv",
            "never_read": "Boston Marathon 2009-2012 (the check set of issue 16); 2013 (stopped)",
        },
        "finishers": len(finishes),
        "repeat_runners": len(histories),
        "heat": heat_summary,
        "season": season_section(top_rows, heat, heat.threshold_c),
        "held_out_races": races_section(top_rows, heat),
        "gain": {
            "fit": {k: round(v, 3) for k, v in vars(gain).items()},
            "held_out_runners": check_gain(gain, [c for c in cases if c.held_out]),
        },
    }
    args.out.write_text(json.dumps(summary, indent=1) + "\n")
    print(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
