"""The schema revision this runcoach expects (no SQLAlchemy, no Alembic: read at start-up)."""

# The newest migration. A database already there is opened without loading Alembic (a fifth
# of a command's start-up); tests/store/test_migrations.py keeps this equal to Alembic's head.
HEAD_REVISION = "0021_rep18b_fitness_months"
