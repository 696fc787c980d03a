"""runcoach.exporters."""
