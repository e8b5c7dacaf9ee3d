"""The printed action plan: large French text, the next appointment, tasks by owner, nothing sensitive."""

from __future__ import annotations

import dataclasses
import datetime
import io
import re
import unicodedata
from pathlib import Path

import pypdf
import pytest
from reportlab.lib.pagesizes import A4

from ilot_desktop.domain.action_plan import ActionPlanDocument, PlanAppointment, Task, day_with_name
from ilot_desktop.domain.vocabulary import TaskOwner, TaskStatus
from ilot_desktop.errors import StorageEnvironmentError
from ilot_desktop.reports.action_plan import (
    NO_APPOINTMENT,
    NO_TASK,
    render_action_plan,
    visual_order,
    write_action_plan,
)

PRINTED_ON = datetime.date(2026, 11, 27)
NEXT = PlanAppointment(
    start=datetime.datetime(2026, 11, 30, 10, 0),
    place="L'Îlot, 24 rue Gaston Tessier, Paris 19e",
    with_whom="Ariane",
)
LAST_NAME = "Zorglubinette"  # the document type has no family name at all: it cannot be printed
# Words that would betray a barrier, a diagnosis or a justice detail. The document type has no field
# for them, so the sheet cannot print them; the tests build plans without them and check the PDF.
SENSITIVE = ("Addictions", "Détention", "CSAPA", "Contraintes judiciaires", "Santé psychique", "SPIP")


def _plan(**changes) -> ActionPlanDocument:
    plan = ActionPlanDocument(
        association="L'Îlot",
        programme="Dynamiques Emploi",
        printed_on=PRINTED_ON,
        person_first_name="Karim",
        caseworker_first_name="Ariane",
        caseworker_contact="01 00 00 00 00 · ariane@example.org",
        next_appointment=NEXT,
        person_tasks=[
            Task(description="Refaire la carte d'identité", due_date=datetime.date(2026, 12, 4)),
            Task(description="Préparer un CV"),
            Task(description="Venir au prochain atelier TRE", due_date=datetime.date(2026, 12, 2)),
        ],
        caseworker_tasks=[
            Task(
                description="Demander le bordereau des dettes au Trésor Public",
                owner=TaskOwner.CASEWORKER,
                due_date=datetime.date(2026, 12, 11),
            ),
            Task(description="Ouvrir les droits RSA", owner=TaskOwner.CASEWORKER),
        ],
        shared_tasks=[
            Task(
                description="S'inscrire à France Travail",
                owner=TaskOwner.TOGETHER,
                due_date=datetime.date(2026, 11, 30),
            )
        ],
    )
    return dataclasses.replace(plan, **changes)


def _reader(plan: ActionPlanDocument) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(render_action_plan(plan)))


def _flat(text: str) -> str:
    """Extracted text with line breaks and (no-break) spaces collapsed to single spaces."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " ")).strip()


def _text(plan: ActionPlanDocument) -> str:
    return _flat(" ".join(page.extract_text() for page in _reader(plan).pages))


@pytest.fixture(scope="module")
def normal() -> tuple[pypdf.PdfReader, str]:
    reader = _reader(_plan())
    return reader, _flat(" ".join(page.extract_text() for page in reader.pages))


def test_normal_plan_is_one_a4_page(normal) -> None:
    reader, _text = normal
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) == pytest.approx(A4[0], abs=0.5)
    assert float(box.height) == pytest.approx(A4[1], abs=0.5)


def test_render_returns_pdf_bytes() -> None:
    data = render_action_plan(_plan())
    assert isinstance(data, bytes)
    assert data.startswith(b"%PDF")


def test_header_title_and_date(normal) -> None:
    reader, text = normal
    assert "L'Îlot · Dynamiques Emploi" in text
    assert "Le 27 novembre 2026" in text
    assert "Plan d'action de Karim" in text
    assert reader.metadata is not None
    assert reader.metadata.title == "Plan d'action de Karim"


def test_title_elides_before_a_vowel_and_has_a_fallback() -> None:
    assert "Plan d'action d'Ahmed" in _text(_plan(person_first_name="Ahmed"))
    assert "Mon plan d'action" in _text(_plan(person_first_name="  "))


def test_first_name_only_no_last_name(normal) -> None:
    _reader, text = normal
    assert LAST_NAME not in text
    assert "DE-2026" not in text  # no file number either


def test_next_appointment(normal) -> None:
    _reader, text = normal
    assert "Mon prochain rendez-vous" in text
    assert "Lundi 30 novembre à 10 h 00" in text  # the day named as the tasks' are; the year is this one
    assert "L'Îlot, 24 rue Gaston Tessier, Paris 19e" in text
    assert "avec Ariane" in text
    assert NO_APPOINTMENT not in text


def test_no_appointment_sentence() -> None:
    text = _text(_plan(next_appointment=None))
    assert "Mon prochain rendez-vous" in text
    assert NO_APPOINTMENT in text
    assert "avec Ariane" not in text


def test_three_sections_with_tasks_and_due_dates(normal) -> None:
    _reader, text = normal
    assert "Cochez la case quand c'est fait." in text
    for heading in ("Ce que je fais", "Ce que fait Ariane, ma conseillère", "Ce que nous faisons ensemble"):
        assert heading in text
    assert "Refaire la carte d'identité pour le vendredi 4 décembre" in text
    assert "Venir au prochain atelier TRE pour le mercredi 2 décembre" in text
    assert "Demander le bordereau des dettes au Trésor Public pour le vendredi 11 décembre" in text
    assert "S'inscrire à France Travail pour le lundi 30 novembre" in text
    # No due date: the task alone, and no empty « pour le ».
    assert "Préparer un CV" in text
    assert "Ouvrir les droits RSA" in text
    assert text.count("pour le") == 4
    assert NO_TASK not in text


def test_sections_follow_the_owner_and_soonest_first(normal) -> None:
    _reader, text = normal
    mine = text.index("Ce que je fais")
    hers = text.index("Ce que fait Ariane")
    ours = text.index("Ce que nous faisons ensemble")
    assert mine < text.index("Venir au prochain atelier TRE") < text.index("Refaire la carte") < hers
    assert text.index("Refaire la carte") < text.index("Préparer un CV") < hers  # undated last
    assert hers < text.index("Ouvrir les droits RSA") < ours < text.index("S'inscrire à France Travail")


def test_empty_sections_are_skipped() -> None:
    text = _text(_plan(caseworker_tasks=[], shared_tasks=[]))
    assert "Ce que je fais" in text
    assert "ma conseillère," not in text.replace("Ma conseillère :", "")
    assert "Ce que fait" not in text
    assert "Ce que nous faisons ensemble" not in text
    only_ours = _text(_plan(person_tasks=[], caseworker_tasks=[]))
    assert "Ce que je fais" not in only_ours
    assert "Ce que nous faisons ensemble" in only_ours


def test_no_task_at_all() -> None:
    text = _text(_plan(person_tasks=[], caseworker_tasks=[], shared_tasks=[]))
    assert NO_TASK in text
    assert "Ce que je fais" not in text
    assert "Cochez la case" not in text
    assert "Lundi 30 novembre à 10 h 00" in text


def test_done_and_dropped_tasks_are_not_printed() -> None:
    text = _text(
        _plan(
            person_tasks=[
                Task(description="Tâche terminée", status=TaskStatus.DONE),
                Task(description="Tâche abandonnée", status=TaskStatus.DROPPED),
            ],
            caseworker_tasks=[],
            shared_tasks=[],
        )
    )
    assert "Tâche terminée" not in text
    assert "Tâche abandonnée" not in text
    assert NO_TASK in text


def test_deadlines_name_the_day_and_the_year_only_when_it_is_not_this_one() -> None:
    """« pour le mardi 1er décembre », « pour le mardi 5 janvier 2027 »: a day's name is what a person keeps in
    mind (« mardi »), a number alone is easy to misread; no date in JJ/MM/AAAA on the sheet."""
    text = _text(
        _plan(
            person_tasks=[
                Task(description="Aller à la CAF", due_date=datetime.date(2026, 12, 1)),
                Task(description="Rappeler l'employeur", due_date=datetime.date(2027, 1, 5)),
            ],
            next_appointment=dataclasses.replace(NEXT, start=datetime.datetime(2027, 1, 4, 14, 30)),
        )
    )
    assert "Aller à la CAF pour le mardi 1er décembre" in text
    assert "Rappeler l'employeur pour le mardi 5 janvier 2027" in text
    assert "Lundi 4 janvier 2027 à 14 h 30" in text
    assert not re.search(r"\d\d/\d\d/\d{4}", text)


def test_a_past_date_is_never_printed_the_task_says_to_set_it_again_together() -> None:
    late = Task(description="Demander la carte Vitale", due_date=datetime.date(2026, 11, 20))
    text = _text(_plan(person_tasks=[late]))
    assert "Demander la carte Vitale Date à refixer ensemble" in text
    assert "20 novembre" not in text and "20/11" not in text
    due_today = _text(_plan(person_tasks=[dataclasses.replace(late, due_date=PRINTED_ON)]))
    assert "Demander la carte Vitale pour le vendredi 27 novembre" in due_today  # today is not late


def test_the_office_address_is_printed_on_every_page(tmp_path: Path) -> None:
    """A way to reach the caseworker on every page: her phone, then where the office is."""
    tasks = [Task(description=f"Tâche numéro {n} " + "assez longue " * 8) for n in range(30)]
    plan = _plan(person_tasks=tasks, office_address="24 rue Gaston Tessier, 75019 Paris")
    reader = _reader(plan)
    assert len(reader.pages) > 1
    for page in reader.pages:
        text = _flat(page.extract_text())
        assert "Ma conseillère : Ariane · 01 00 00 00 00" in text
        assert "L'Îlot, 24 rue Gaston Tessier, 75019 Paris" in text
    # an address that already names the association does not repeat it
    again = _text(_plan(office_address="L'Îlot, 24 rue Gaston Tessier, 75019 Paris"))
    assert "L'Îlot, L'Îlot" not in again and "L'Îlot, 24 rue Gaston Tessier, 75019 Paris" in again


def test_the_title_elides_before_a_vowel_or_a_mute_h() -> None:
    assert "Plan d'action d'Éric" in _text(_plan(person_first_name="Éric"))
    assert "Plan d'action d'Hélène" in _text(_plan(person_first_name="Hélène"))
    assert "Plan d'action de Yasmine" in _text(_plan(person_first_name="Yasmine"))


def test_caseworker_heading_without_a_first_name() -> None:
    text = _text(_plan(caseworker_first_name=""))
    assert "Ce que fait ma conseillère" in text


def _lines_with_height(page: pypdf.PageObject) -> list[tuple[str, float, float]]:
    """Each piece of text drawn on the page, with its height from the bottom and its font size."""
    pieces: list[tuple[str, float, float]] = []

    def visit(text, cm, tm, font_dict, font_size) -> None:
        if text.strip():
            pieces.append((text.strip(), cm[5] + tm[5] * cm[3], font_size * tm[3]))

    page.extract_text(visitor_text=visit)
    return pieces


def test_contact_line_and_association_at_the_bottom(normal) -> None:
    reader, text = normal
    assert "Ma conseillère : Ariane · 01 00 00 00 00 · ariane@example.org" in text
    pieces = _lines_with_height(reader.pages[0])
    contact = min(y for t, y, _s in pieces if "ariane@example.org" in t)
    association = min(y for t, y, _s in pieces if t == "L'Îlot · Dynamiques Emploi")
    tasks = min(y for t, y, _s in pieces if "France Travail" in t)
    assert association < contact < tasks
    assert contact < 80  # in the footer, a few centimetres from the bottom edge
    # A contact that already starts with the first name does not repeat it.
    again = _text(_plan(caseworker_contact="Ariane · 01 00 00 00 00"))
    assert "Ariane · Ariane" not in again
    assert "Ma conseillère : Ariane · 01 00 00 00 00" in again


def test_nothing_sensitive_is_printed(normal) -> None:
    _reader, text = normal
    for word in SENSITIVE:
        assert word.casefold() not in text.casefold()
    names = {f.name for f in dataclasses.fields(ActionPlanDocument)}
    for field_name in names:
        assert not re.search(r"barrier|frein|diagnos|justice|categor|file_number", field_name)


def test_user_text_is_escaped() -> None:
    text = _text(
        _plan(
            person_tasks=[Task(description="Apporter CV & lettre <important> à Ariane")],
            next_appointment=PlanAppointment(NEXT.start, "Café <Le Zinc> & Co", "Ariane"),
        )
    )
    assert "Apporter CV & lettre <important> à Ariane" in text
    assert "Café <Le Zinc> & Co" in text


def test_dejavu_fonts_are_embedded_and_nothing_else(normal) -> None:
    reader, _text = normal
    names = []
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            names.append(str(font["/BaseFont"]))
            assert "DejaVu" in str(font["/BaseFont"])
            assert "/FontFile2" in font["/FontDescriptor"].get_object()
    assert any(name.endswith("DejaVuSans") for name in names)
    assert any(name.endswith("DejaVuSans-Bold") for name in names)


def test_type_is_large(normal) -> None:
    """No text under 13 pt: the sheet is for people who may read little."""
    reader, _text = normal
    sizes = {round(size, 1) for _t, _y, size in _lines_with_height(reader.pages[0])}
    assert min(sizes) >= 13
    assert max(sizes) >= 24  # the title
    assert 15 in sizes  # the tasks


def test_arabic_first_name_renders_shaped() -> None:
    plan = _plan(
        person_first_name="يوسف",
        caseworker_first_name="Андрій",
        next_appointment=PlanAppointment(NEXT.start, "Foyer عبد الله", "Андрій"),
    )
    reader = _reader(plan)
    assert len(reader.pages) == 1
    text = _flat(reader.pages[0].extract_text())
    # Drawn left to right in joined presentation forms (pypdf may give them back in either order).
    drawn = visual_order("يوسف")
    assert drawn == "\ufed2\ufeb3\ufeee\ufef3"
    assert unicodedata.normalize("NFKC", drawn[::-1]) == "يوسف"
    assert f"Plan d'action de {drawn}" in text or f"Plan d'action de {drawn[::-1]}" in text
    assert "Ce que fait Андрій, ma conseillère" in text
    assert "avec Андрій" in text
    assert reader.metadata.title == "Plan d'action de يوسف"  # the metadata keeps logical order
    for ref in reader.pages[0]["/Resources"]["/Font"].values():
        assert "DejaVu" in str(ref.get_object()["/BaseFont"])


def test_cyrillic_first_name_renders(tmp_path: Path) -> None:
    out = tmp_path / "plan.pdf"
    write_action_plan(out, _plan(person_first_name="Андрій"))
    text = _flat(pypdf.PdfReader(out).pages[0].extract_text())
    assert "Plan d'action de Андрій" in text


def test_visual_order_of_right_to_left_words() -> None:
    assert visual_order("Karim") == "Karim"
    assert visual_order("") == ""
    # Two Arabic words: each reversed and joined, and their order reversed.
    abd, allah = visual_order("عبد"), visual_order("الله")
    assert visual_order("عبد الله") == f"{allah} {abd}"
    assert visual_order("Appeler عبد الله au foyer") == f"Appeler {allah} {abd} au foyer"
    # Lam-alef is one ligature; Hebrew is only reversed; punctuation stays around the word.
    assert visual_order("لا") == "\ufefb"
    assert visual_order("שלום") == "םולש"
    assert visual_order("(שלום)") == "(םולש)"
    # A number between right-to-left words stays in their run, digits in order.
    assert visual_order("شارع 12 ب") == f"{visual_order('ب')} 12 {visual_order('شارع')}"


def test_many_long_tasks_flow_onto_more_pages(tmp_path: Path) -> None:
    long = (
        "Appeler le service des impôts pour demander un échéancier des amendes, en expliquant la "
        "situation depuis la sortie, et garder une copie du courrier de réponse dans la pochette"
    )
    tasks = [
        Task(description=f"Tâche {i:02d}. {long}", due_date=datetime.date(2026, 12, i % 28 + 1)) for i in range(1, 26)
    ]
    out = tmp_path / "plan-long.pdf"
    write_action_plan(out, _plan(person_tasks=tasks))
    reader = pypdf.PdfReader(out)
    pages = len(reader.pages)
    assert pages >= 2
    texts = [_flat(page.extract_text()) for page in reader.pages]
    text = " ".join(texts)
    for i in range(1, 26):
        due = datetime.date(2026, 12, i % 28 + 1)
        assert f"Tâche {i:02d}. {long} pour le {day_with_name(due, PRINTED_ON)}" in text
    # Later pages say whose plan it is and which section goes on; every page has the contact.
    assert "Plan d'action de Karim (suite)" in texts[1]
    assert "Ce que je fais (suite)" in texts[1]
    assert "Ce que je fais (suite)" not in texts[0]
    for number, page_text in enumerate(texts, start=1):
        assert f"Page {number} sur {pages}" in page_text
        assert "Ma conseillère : Ariane" in page_text
    # The appointment box is printed once, on the first page.
    assert text.count("Mon prochain rendez-vous") == 1


def test_write_is_atomic_and_refuses_a_missing_folder(tmp_path: Path) -> None:
    out = tmp_path / "plan.pdf"
    write_action_plan(out, _plan())
    assert out.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["plan.pdf"]
    write_action_plan(out, _plan(person_first_name="Ahmed"))  # replaces the previous file
    assert "Plan d'action d'Ahmed" in _flat(pypdf.PdfReader(out).pages[0].extract_text())
    assert [p.name for p in tmp_path.iterdir()] == ["plan.pdf"]
    with pytest.raises(StorageEnvironmentError, match="n'existe pas"):
        write_action_plan(tmp_path / "faute" / "plan.pdf", _plan())
    assert not (tmp_path / "faute").exists()
