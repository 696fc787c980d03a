"""FIT reader (being written: issue 2)."""
