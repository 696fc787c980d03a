"""runcoach: a self-hosted running coach and training log."""

__version__ = "0.1.0"
