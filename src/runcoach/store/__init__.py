"""Storage: SQLAlchemy tables, repository functions and Alembic migrations."""
