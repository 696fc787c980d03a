"""runcoach.web."""
