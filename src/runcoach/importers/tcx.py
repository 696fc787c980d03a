"""TCX reader (being written: issue 2)."""
