"""Encrypted storage: vault (keys), engine, tables, migrations, unit of work. No Qt."""
