"""Database backends of the project (set by ``settings.base`` from DATABASE_URL)."""
