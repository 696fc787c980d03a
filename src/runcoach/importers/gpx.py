"""GPX reader (being written: issue 2)."""
