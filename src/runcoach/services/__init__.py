"""Use cases: import files, build a plan, what to do today, reports."""
