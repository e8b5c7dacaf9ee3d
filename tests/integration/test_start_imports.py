"""What the first page needs, and nothing more: a start is mostly imports."""

from __future__ import annotations

from tests.start_probe import loaded_at_start


def test_the_start_pages_load_no_database_or_pdf_library(tmp_path):
    """Start time: SQLAlchemy, Alembic, reportlab, cryptography and argon2 are loaded at unlock or when
    printing, not to show the first page (about 0.4 s of a start; docs/performance.md)."""
    late = ("sqlalchemy", "alembic", "reportlab", "cryptography", "argon2")
    assert loaded_at_start(tmp_path / "donnees", "welcome", late) == []
