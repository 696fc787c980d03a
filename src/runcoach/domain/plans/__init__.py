"""runcoach.domain.plans."""
