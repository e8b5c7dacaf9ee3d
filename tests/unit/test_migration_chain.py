"""The schema's head is read from Alembic's script directory, never written in a test: a new migration
(``0006_…``) needs no test edited. What holds instead: the migrations form one line, numbered in order, and
the application runs to its last one."""

from alembic.script import ScriptDirectory

from ilot_desktop.storage import migrate


def test_the_migrations_form_one_numbered_line_and_the_application_runs_to_its_head():
    script = ScriptDirectory(str(migrate.MIGRATIONS_DIR))
    line = [revision.revision for revision in script.walk_revisions()]  # from the head down to the first
    assert script.get_heads() == [line[0]] == [migrate.head_revision()]
    assert line == sorted(line, reverse=True) and line[-1] == "0001"
    assert migrate.known_revisions() == set(line)
    files = sorted(p.name for p in (migrate.MIGRATIONS_DIR / "versions").glob("0*.py"))
    assert [name.split("_", 1)[0] for name in files] == sorted(line)
