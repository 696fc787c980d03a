"""The runner's world in pure Python: no files, no database, no clock, no network."""
