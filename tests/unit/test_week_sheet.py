"""The printed week: A4 landscape, in French, and never a name (initials and file numbers only)."""

from __future__ import annotations

import datetime
import re
from dataclasses import replace
from pathlib import Path

import pypdf
import pytest
from reportlab.lib.pagesizes import A4

from ilot_desktop.domain.actions import CollectiveAction
from ilot_desktop.domain.followup import Appointment, AppointmentView
from ilot_desktop.domain.vocabulary import ActionType, AppointmentKind, AppointmentStatus
from ilot_desktop.errors import StorageEnvironmentError
from ilot_desktop.reports.week_sheet import write_week_sheet

MONDAY = datetime.date(2026, 11, 23)
PRINTED_ON = datetime.date(2026, 11, 27)
SECRET_NAMES = ("Zorglubinette", "Bafouillardon", "Craquelinowski", "Pimprenellia")
SECRET_TEXTS = ("Quintessouflet a parlé de sa sortie", "Rappeler Frimousquetaire")


def _view(
    day: int,
    hour: int,
    minute: int = 0,
    *,
    last: str = "Zorglubinette",
    first: str = "Bafouillardon",
    number: str = "DE-2026-004",
    kind: AppointmentKind = AppointmentKind.INDIVIDUAL,
    status: AppointmentStatus = AppointmentStatus.PLANNED,
    place: str = "",
    duration: int = 60,
) -> AppointmentView:
    start = datetime.datetime.combine(MONDAY + datetime.timedelta(days=day), datetime.time(hour, minute))
    appointment = Appointment(
        participant_id=1,
        start=start,
        duration_min=duration,
        kind=kind,
        place=place,
        status=status,
        report=SECRET_TEXTS[0],
        next_steps=SECRET_TEXTS[1],
        id=1,
    )
    return AppointmentView(appointment, number, last, first)


def _week() -> tuple[list[AppointmentView], list[CollectiveAction]]:
    appointments = [
        _view(
            0,
            9,
            30,
            kind=AppointmentKind.IN_DETENTION,
            place="Maison d'arrêt de Fresnes",
            status=AppointmentStatus.DONE,
        ),
        _view(
            1,
            11,
            last="Craquelinowski",
            first="Pimprenellia",
            number="DE-2026-011",
            kind=AppointmentKind.PHONE,
            status=AppointmentStatus.ABSENT,
        ),
        _view(
            3,
            15,
            last="Craquelinowski",
            first="Pimprenellia",
            number="DE-2026-012",
            kind=AppointmentKind.ACCOMPANYING,
            status=AppointmentStatus.CANCELLED,
            place="France Travail Paris 19e",
        ),
    ]
    actions = [
        CollectiveAction(
            reference="AC-2026-003",
            action_type=ActionType.TRE_WORKSHOP,
            title="Atelier CV",
            start=datetime.datetime(2026, 11, 25, 14, 0),
            duration_min=120,
            place="Salle Mandela",
        )
    ]
    return appointments, actions


def _write(
    tmp_path: Path,
    appointments: list[AppointmentView] | None = None,
    actions: list[CollectiveAction] | None = None,
) -> Path:
    if appointments is None and actions is None:
        appointments, actions = _week()
    out = tmp_path / "impressions" / "semaine.pdf"
    out.parent.mkdir(parents=True, exist_ok=True)  # one folder policy (safe_files): the folder must exist
    write_week_sheet(out, MONDAY, appointments or [], actions or [], PRINTED_ON)
    return out


def _text(path: Path) -> str:
    """All pages' text, line breaks and (no-break) spaces collapsed to single spaces."""
    raw = " ".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
    return re.sub(r"\s+", " ", raw.replace("\u00a0", " ").replace("\u202f", " ")).strip()


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    return _write(tmp_path)


def test_one_a4_landscape_page(sheet: Path) -> None:
    reader = pypdf.PdfReader(sheet)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) == pytest.approx(A4[1], abs=0.5)
    assert float(box.height) == pytest.approx(A4[0], abs=0.5)


def test_no_temporary_file_left_and_a_missing_folder_is_refused(sheet: Path, tmp_path: Path) -> None:
    assert sheet.is_file()
    assert [p.name for p in sheet.parent.iterdir()] == [sheet.name]
    with pytest.raises(StorageEnvironmentError, match="n'existe pas"):
        write_week_sheet(tmp_path / "absent" / "semaine.pdf", MONDAY, [], [], PRINTED_ON)


def test_titles_and_days_in_french(sheet: Path) -> None:
    text = _text(sheet)
    for expected in (
        "Semaine du 23 au 29 novembre 2026",
        "L'Îlot — Dynamiques Emploi",
        "Imprimé le 27/11/2026",
        "Lundi",
        "Mardi",
        "Mercredi",
        "Jeudi",
        "Vendredi",
        "23 novembre",
        "27 novembre",
        "Document interne : initiales et n° de dossier uniquement. Ne pas laisser sans surveillance.",
    ):
        assert expected in text, expected
    assert "Aucun rendez-vous cette semaine." not in text
    metadata = pypdf.PdfReader(sheet).metadata
    assert metadata is not None
    assert metadata.title == "Planning — Semaine du 23 au 29 novembre 2026"
    assert metadata.author == "Îlot desktop"


def test_appointments_show_time_initials_number_kind_place_and_status(sheet: Path) -> None:
    text = _text(sheet)
    assert "✓ 09:30–10:30 · B. Z. · DE-2026-004 · Entretien en détention · Maison d'arrêt de Fresnes" in text
    assert "✗ 11:00–12:00 · P. C. · DE-2026-011 · Entretien téléphonique" in text
    assert "⊘ 15:00–16:00 · P. C. · DE-2026-012 · Accompagnement physique" in text
    assert "◆ 14:00–16:00 · Atelier TRE : Atelier CV · Salle Mandela" in text


def test_legend(sheet: Path) -> None:
    text = _text(sheet)
    for label in (
        "Entretien individuel",
        "Action collective",
        "○ prévu",
        "✓ réalisé",
        "✗ absent",
        "⊘ annulé",
    ):
        assert label in text, label


def test_no_names_no_report_no_next_steps(sheet: Path) -> None:
    text = _text(sheet)
    raw = sheet.read_bytes()
    for secret in (*SECRET_NAMES, *SECRET_TEXTS):
        assert secret not in text, secret
        assert secret.encode() not in raw, secret
        assert secret.upper().encode() not in raw, secret
        assert secret.encode("utf-16-be") not in raw, secret
    metadata = pypdf.PdfReader(sheet).metadata
    assert metadata is not None
    assert not any(name in str(value) for value in metadata.values() for name in SECRET_NAMES)


def test_no_punctuation_orphaned_at_a_line_start(sheet: Path) -> None:
    for page in pypdf.PdfReader(sheet).pages:
        for line in page.extract_text().splitlines():
            assert not line.strip().startswith((":", "?", "!", ";", "»", "·")), line


def test_fonts_are_embedded_dejavu(sheet: Path) -> None:
    fonts = pypdf.PdfReader(sheet).pages[0]["/Resources"]["/Font"]
    for ref in fonts.values():
        font = ref.get_object()
        assert "DejaVu" in str(font["/BaseFont"])
        assert "/FontFile2" in font["/FontDescriptor"].get_object()


def test_weekend_columns_only_when_needed(tmp_path: Path) -> None:
    text = _text(_write(tmp_path / "semaine"))
    assert "Samedi" not in text
    assert "Dimanche" not in text

    appointments, actions = _week()
    saturday = _view(5, 10, number="DE-2026-030", kind=AppointmentKind.ACCOMPANYING, place="Forum emploi")
    text = _text(_write(tmp_path / "samedi", [*appointments, saturday], actions))
    assert "Samedi" in text
    assert "28 novembre" in text
    assert "DE-2026-030" in text
    assert "Dimanche" not in text

    sunday_action = CollectiveAction(
        reference="AC-2026-009",
        action_type=ActionType.CULTURAL_OUTING,
        title="Musée du quai Branly",
        start=datetime.datetime(2026, 11, 29, 14, 0),
        duration_min=180,
    )
    text = _text(_write(tmp_path / "dimanche", appointments, [*actions, sunday_action]))
    assert "Dimanche" in text
    assert "Samedi" not in text
    assert "Sortie culturelle : Musée du quai Branly" in text


def test_entries_outside_the_week_are_left_out(tmp_path: Path) -> None:
    appointments, actions = _week()
    next_monday = _view(7, 10, number="DE-2026-099")
    text = _text(_write(tmp_path, [*appointments, next_monday], actions))
    assert "DE-2026-099" not in text


def test_empty_week(tmp_path: Path) -> None:
    out = _write(tmp_path, [], [])
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) == 1
    text = _text(out)
    assert "Aucun rendez-vous cette semaine." in text
    assert "Semaine du 23 au 29 novembre 2026" in text
    assert "Samedi" not in text


def test_arabic_cyrillic_and_missing_glyph_initials_do_not_crash(tmp_path: Path) -> None:
    appointments = [
        _view(0, 9, last="Zorglubinette", first="محمد", number="DE-2026-101"),
        _view(0, 10, last="Craquelinowski", first="Жанна", number="DE-2026-102"),
        _view(0, 11, last="Zorglubinette", first="美玲", number="DE-2026-103"),
        _view(0, 12, last="", first="", number="DE-2026-104"),
    ]
    out = _write(tmp_path, appointments, [])
    text = _text(out)
    assert "Ж. C." in text
    for number in ("DE-2026-101", "DE-2026-102", "DE-2026-103", "DE-2026-104"):
        assert number in text
    assert "Zorglubinette" not in text


def test_a_very_busy_day_still_gives_a_valid_pdf(tmp_path: Path) -> None:
    busy = [
        _view(
            2,
            8 + i // 3,
            (i % 3) * 20,
            number=f"DE-2026-{200 + i:03d}",
            duration=20,
            kind=AppointmentKind.IN_DETENTION,
            place="Centre pénitentiaire de Meaux-Chauconin, parloir avocats, bâtiment B",
        )
        for i in range(33)
    ]
    crowded_hour = [_view(3, 10, number=f"DE-2026-{300 + i:03d}", duration=30) for i in range(25)]
    out = _write(tmp_path, [*busy, *crowded_hour], [])
    reader = pypdf.PdfReader(out)
    assert 2 <= len(reader.pages) <= 8
    for page in reader.pages:
        assert float(page.mediabox.width) > float(page.mediabox.height)
    text = _text(out)
    for i in range(33):
        assert f"DE-2026-{200 + i:03d}" in text
    for i in range(25):
        assert f"DE-2026-{300 + i:03d}" in text
    if len(reader.pages) > 1:
        assert f"Page 1/{len(reader.pages)}" in text
        assert "Semaine du 23 au 29 novembre 2026 (suite)" in text


def test_a_full_week_of_appointments_stays_on_one_page(tmp_path: Path) -> None:
    kinds = list(AppointmentKind)
    full = [
        _view(
            day,
            hour,
            30 if i % 2 else 0,
            number=f"DE-2026-{day * 10 + i:03d}",
            duration=45,
            kind=kinds[(day + i) % len(kinds)],
            place="Maison d'arrêt de Fresnes" if i % 3 == 0 else "Bureau L'Îlot, Paris 20e",
        )
        for day in range(5)
        for i, hour in enumerate((9, 10, 11, 14, 15, 16, 17))
    ]
    out = _write(tmp_path, full, _week()[1])
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) == 1
    text = _text(out)
    for view in full:
        assert view.file_number in text
    assert "Page 1/" not in text


def test_long_free_texts_are_shortened_and_escaped(tmp_path: Path) -> None:
    view = _view(0, 9, place="<Bureau> & " + "très long " * 40, number="DE-2026-<5>")
    view = replace(view, appointment=replace(view.appointment, kind=AppointmentKind.IN_DETENTION))
    action = CollectiveAction(
        reference="AC-2026-001",
        action_type=None,
        title="Visite & <rencontre> " + "x" * 200,
        start=datetime.datetime(2026, 11, 24, 9, 0),
    )
    out = _write(tmp_path, [view], [action])
    assert len(pypdf.PdfReader(out).pages) == 1
    text = _text(out)
    assert "<Bureau> &" in text
    assert "DE-2026-<5>" in text
    assert "Visite & <rencontre>" in text
    assert "…" in text


def test_a_typed_place_that_is_not_standard_is_not_printed(tmp_path: Path) -> None:
    """A free place may be "domicile de Mme Zorglubinette": only prisons and standard places print."""
    home = _view(0, 9, place="Domicile de Mme Zorglubinette, 5 rue Secrète")
    office = _view(1, 10, place="Locaux de L'Îlot")
    text = _text(_write(tmp_path, [home, office], []))
    assert "Zorglubinette" not in text and "Secrète" not in text
    assert "Locaux de L'Îlot" in text
