"""runcoach.importers."""
