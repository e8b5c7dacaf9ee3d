"""The printed recovery sheet: one A4 page, in French, with the code legible group by group."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pypdf
import pytest
from reportlab.lib.pagesizes import A4

from ilot_desktop.reports.fonts import para_styles, register_fonts
from ilot_desktop.reports.recovery_sheet import write_recovery_sheet
from ilot_desktop.storage import keys

SAMPLE_CODE = "7K3M-Q2ZD-9XHT-4B8N-RW5C-J1PV-6GEY-0AFS-M3TK-8YQD-X4NH-2CVR-W9BZ-5EJP"
CREATED_ON = datetime.date(2026, 11, 27)
FOLDER = r"C:\Users\chargee.mission\AppData\Local\LIlot\IlotDesktop"


def _sheet(tmp_path: Path, code: str = SAMPLE_CODE, folder: str = FOLDER) -> Path:
    out = tmp_path / "sous-dossier" / "feuille-de-secours.pdf"
    out.parent.mkdir(exist_ok=True)
    write_recovery_sheet(out, code, CREATED_ON, folder)
    return out


def _flat(text: str) -> str:
    """Extracted text with line breaks and (no-break) spaces collapsed to single spaces."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " ")).strip()


@pytest.fixture
def sheet(tmp_path: Path) -> pypdf.PdfReader:
    return pypdf.PdfReader(_sheet(tmp_path))


def test_one_a4_page(sheet: pypdf.PdfReader) -> None:
    assert len(sheet.pages) == 1
    box = sheet.pages[0].mediabox
    assert float(box.width) == pytest.approx(A4[0], abs=0.5)
    assert float(box.height) == pytest.approx(A4[1], abs=0.5)


def test_no_temporary_file_left(tmp_path: Path) -> None:
    out = _sheet(tmp_path)
    assert out.is_file()
    assert [p.name for p in out.parent.iterdir()] == [out.name]


def test_missing_folder_is_refused_not_created(tmp_path: Path) -> None:
    from ilot_desktop.errors import StorageEnvironmentError

    with pytest.raises(StorageEnvironmentError, match="n'existe pas"):
        write_recovery_sheet(tmp_path / "faute" / "frappe" / "f.pdf", SAMPLE_CODE, CREATED_ON, FOLDER)
    assert not (tmp_path / "faute").exists()


def test_every_code_group_is_printed(sheet: pypdf.PdfReader) -> None:
    text = sheet.pages[0].extract_text()
    groups = SAMPLE_CODE.split("-")
    assert len(groups) == 14
    for group in groups:
        assert group in text


def test_french_explanations(sheet: pypdf.PdfReader) -> None:
    text = _flat(sheet.pages[0].extract_text())
    for sentence in (
        "Îlot desktop — Feuille de secours",
        "Date de création : 27/11/2026",
        "si le mot de passe est oublié ou si le fichier de clé « ilot.key » est perdu",
        "Avec le fichier de données « ilot.db », ce code suffit pour ouvrir tous les dossiers.",
        "Conservez cette feuille dans le coffre du bureau, jamais avec l'ordinateur.",
        "Ne la photographiez pas, ne l'envoyez pas par e-mail.",
        "Toute personne qui a cette feuille et le fichier peut lire les dossiers.",
        "« Mot de passe oublié ? »",
        "Les minuscules sont acceptées et les tirets peuvent être omis.",
        "elles sont lues comme les chiffres 0, 1 et 1",
        "Feuille générée par Îlot desktop le 27/11/2026",
        "Rangée le :",
        "par :",
        FOLDER,
    ):
        assert sentence in text, sentence


def test_no_punctuation_orphaned_at_a_line_start(sheet: pypdf.PdfReader) -> None:
    """No-break spaces keep « : ? » with the preceding word and guillemets with their content."""
    for line in sheet.pages[0].extract_text().splitlines():
        line = line.strip()
        assert not line.startswith((":", "?", "!", ";", "»")), line
        assert not line.endswith("«"), line


def test_french_metadata(sheet: pypdf.PdfReader) -> None:
    assert sheet.metadata is not None
    assert sheet.metadata.title == "Îlot desktop — Feuille de secours"
    assert sheet.metadata.author == "Îlot desktop"


def test_fonts_are_embedded_dejavu(sheet: pypdf.PdfReader) -> None:
    fonts = sheet.pages[0]["/Resources"]["/Font"]
    names = []
    for ref in fonts.values():
        font = ref.get_object()
        names.append(str(font["/BaseFont"]))
        assert "DejaVu" in str(font["/BaseFont"])
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor
    assert any(name.endswith("DejaVuSans") for name in names)
    assert any(name.endswith("DejaVuSans-Bold") for name in names)


def test_real_code_round_trips_through_the_printed_text(tmp_path: Path) -> None:
    key = keys.new_data_key()
    code = keys.encode_recovery_code(key)
    assert len(code) == 69
    text = pypdf.PdfReader(_sheet(tmp_path, code)).pages[0].extract_text()

    # The groups appear in order, each intact: someone reading the sheet aloud types the same code.
    position = 0
    read_back = []
    for group in code.split("-"):
        found = text.find(group, position)
        assert found >= 0, group
        read_back.append(text[found : found + 4])
        position = found + 4
    assert keys.decode_recovery_code("-".join(read_back)) == key
    assert keys.decode_recovery_code("".join(read_back).lower()) == key


def test_stays_on_one_page_with_a_very_long_folder_hint(tmp_path: Path) -> None:
    folder = "D:\\" + "\\".join(["un-dossier-au-nom-particulierement-long"] * 30)
    reader = pypdf.PdfReader(_sheet(tmp_path, folder=folder))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    for group in SAMPLE_CODE.split("-"):
        assert group in text


def test_wide_groups_still_fit_their_boxes(tmp_path: Path) -> None:
    code = "-".join(["WWWW", "MMMM"] * 7)
    reader = pypdf.PdfReader(_sheet(tmp_path, code))
    assert len(reader.pages) == 1
    assert reader.pages[0].extract_text().count("WWWW") == 7


def test_fonts_register_once_and_styles_are_generous() -> None:
    assert register_fonts() == register_fonts() == ("DejaVuSans", "DejaVuSans-Bold")
    styles = para_styles()
    assert set(styles) >= {"title", "heading", "body", "small", "code"}
    assert styles["body"].fontSize >= 11
    assert styles["body"].fontName == "DejaVuSans"
    assert styles["title"].fontName == "DejaVuSans-Bold"
