"""SQLAlchemy tables and repositories, memory repositories, and migrations."""
