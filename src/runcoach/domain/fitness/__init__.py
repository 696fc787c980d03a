"""runcoach.domain.fitness."""
