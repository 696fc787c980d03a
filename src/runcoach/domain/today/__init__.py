"""Day by day: what to run today, and a plan that adapts to real life (SPEC §4)."""
