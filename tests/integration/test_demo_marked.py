"""Every document made from the demonstration says « DONNÉES FICTIVES — DÉMONSTRATION »; a real file's never do.

A trainee exploring the demonstration can write the funder file, print a plan or a week, make an access copy
or export everything: each PDF page and each workbook (first sheet's A1, every sheet's printed header, the
properties) carries the mark, so invented figures cannot be mistaken for real ones. The mark is a row of the
vault's encrypted settings: it survives lock and unlock, and is set by the window's demonstration and by
``ilot-desktop demo`` alike.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import pypdf
from openpyxl import load_workbook

from ilot_desktop.cli import main
from ilot_desktop.services import vault
from ilot_desktop.services.demo import fill_with_demo_data, open_or_create_demo
from ilot_desktop.services.demo_marker import is_demonstration
from tests.conftest import PASSWORD, TODAY
from tests.factories import make_participant

MARK = "DONNÉES FICTIVES — DÉMONSTRATION"


def pdf_pages(path: Path) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages]


def workbook_marks(path: Path) -> dict[str, object]:
    """Where a workbook says it: its first sheet's A1, its properties, the printed header of its sheets."""
    book = load_workbook(path)
    first = book.worksheets[0]
    with zipfile.ZipFile(path) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/sheet")]
        headers = [MARK in archive.read(name).decode("utf-8") for name in sheets]
    return {
        "first sheet": first.title,
        "A1": first["A1"].value,
        "title": book.properties.title or "",
        "subject": book.properties.subject or "",
        "every sheet's header": all(headers),
    }


def write_everything(session, folder: Path) -> dict[str, Path]:
    """Each document a caseworker can make: funder workbook and PDF, plan, week, access copies, full export."""
    folder.mkdir()
    person = session.participants.summaries()[0]
    out = {name: folder / name for name in ("ville.xlsx", "ville.pdf", "plan.pdf", "semaine.pdf")}
    out |= {name: folder / name for name in ("copie.pdf", "copie.xlsx", "tout.xlsx")}
    session.funder.write(2026, TODAY, out["ville.xlsx"], out["ville.pdf"])
    session.plan.write_document(out["plan.pdf"], person.id)
    session.followup.write_week_sheet(out["semaine.pdf"], date(2026, 11, 23))
    session.privacy.access_copy(person.id, out["copie.pdf"], "pdf")
    session.privacy.access_copy(person.id, out["copie.xlsx"], "xlsx")
    session.exchange.export_all(out["tout.xlsx"])
    return out


def assert_marked(out: dict[str, Path]) -> None:
    for name, path in out.items():
        if path.suffix == ".pdf":
            pages = pdf_pages(path)
            assert pages and all(MARK in text for text in pages), name
            if name != "plan.pdf":  # the plan's title is the person's (« Plan d'action de Samir »)
                assert MARK in (pypdf.PdfReader(path).metadata.title or ""), name
        else:
            marks = workbook_marks(path)
            assert marks["first sheet"] == "Démonstration", name
            assert marks["A1"] == MARK, name
            assert MARK in str(marks["title"]) and marks["subject"] == MARK, name
            assert marks["every sheet's header"], name


def assert_not_marked(out: dict[str, Path]) -> None:
    for name, path in out.items():
        if path.suffix == ".pdf":
            assert not any("FICTIVES" in text for text in pdf_pages(path)), name
        else:
            marks = workbook_marks(path)
            assert marks["first sheet"] != "Démonstration" and marks["A1"] != MARK, name
            assert "FICTIVES" not in str(marks["title"]) + str(marks["subject"]), name
            assert not marks["every sheet's header"], name


def test_every_document_of_the_demonstration_is_marked_even_after_lock_and_unlock(session, vault_dir, tmp_path):
    fill_with_demo_data(session)
    assert is_demonstration(session._database)
    assert_marked(write_everything(session, tmp_path / "avant"))
    session.close()
    again = vault.unlock(vault_dir, PASSWORD, clock=lambda: TODAY)
    try:
        assert is_demonstration(again._database)
        assert_marked(write_everything(again, tmp_path / "apres"))
    finally:
        again.close()


def test_a_real_file_s_documents_carry_no_mark(session, tmp_path):
    session.participants.save(make_participant())
    assert not is_demonstration(session._database)
    assert_not_marked(write_everything(session, tmp_path / "vrai"))


def test_the_demo_command_and_the_window_s_demonstration_are_marked(tmp_path, monkeypatch, capsys):
    data = tmp_path / "donnees"
    monkeypatch.setenv("ILOT_PASSPHRASE", PASSWORD)
    assert main(["--data-dir", str(data), "demo"]) == 0
    opened = vault.unlock(data, PASSWORD, clock=lambda: TODAY)
    try:
        assert is_demonstration(opened._database)
    finally:
        opened.close()
    shown = open_or_create_demo(tmp_path / "demonstration", clock=lambda: TODAY)
    try:
        assert is_demonstration(shown._database)
    finally:
        shown.close()


def test_a_demo_export_imported_into_a_real_file_warns_and_the_file_stays_real(session, tmp_path):
    """The real file does not become a demonstration (its documents stay unmarked: it holds real people too);
    the import says first, before anything is written, that the workbook's people are fictional."""
    demo, _code = vault.create(tmp_path / "demo", PASSWORD, clock=lambda: TODAY)
    try:
        fill_with_demo_data(demo)
        export = tmp_path / "export-demo.xlsx"
        demo.exchange.export_all(export)
        assert not any("démonstration" in w for w in demo.exchange.preview(export).warnings)
    finally:
        demo.close()
    preview = session.exchange.preview(export)
    assert preview.ok
    assert preview.warnings[0].startswith("Ce classeur est un export de la démonstration")
    assert not any("n'est pas reconnue" in w for w in preview.warnings)  # the mark sheet is not "unknown"
    session.exchange.apply(export)
    assert not is_demonstration(session._database)
    own_export = tmp_path / "export-vrai.xlsx"
    session.exchange.export_all(own_export)
    assert load_workbook(own_export).worksheets[0].title == "Participants"
