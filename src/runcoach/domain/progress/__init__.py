"""Progress over time: load, measures of a period, wins, variety, habits, planned vs done."""
