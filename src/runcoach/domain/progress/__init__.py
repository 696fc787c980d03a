"""Progress over time: load, volume and streaks, wins, variety, habits, planned vs done, the report."""
