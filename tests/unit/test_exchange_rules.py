"""Reading the exchange workbook: every rule of data-exchange.md section 1, on plain cell values."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from ilot_desktop.domain.barriers import Barrier
from ilot_desktop.domain.exchange import (
    PARTICIPANTS,
    SHEET_NAMES,
    CellError,
    ImportPreview,
    ImportProblem,
    cell_date,
    cell_integer,
    cell_text,
    cell_time,
)
from ilot_desktop.domain.exchange_export import VaultSnapshot
from ilot_desktop.domain.exchange_parse import parse_workbook
from ilot_desktop.domain.exchange_plan import barrier_item, history_of, plan_import
from ilot_desktop.domain.vocabulary import (
    AppointmentKind,
    BarrierCategory,
    BarrierStatus,
    Housing,
    JusticeSituation,
    Referrer,
    Sex,
)
from tests.conftest import TODAY
from tests.exchange_workbooks import (
    HEADERS,
    action,
    appointment,
    barrier,
    full_book,
    outcome,
    participant,
    participation,
    sheet_rows,
)
from tests.factories import make_participant


def plan(book, snapshot=None, extra=()):
    raw = [(name, sheet_rows(name, records)) for name, records in book.items()] + list(extra)
    return plan_import(parse_workbook(raw), snapshot or VaultSnapshot(), TODAY)


def problems(book, snapshot=None, extra=()):
    return [str(p) for p in plan(book, snapshot, extra).problems]


# --- cells ----------------------------------------------------------------------------------------


def test_dates_as_excel_dates_or_french_text():
    assert cell_date(datetime(2026, 11, 27, 0, 0)) == date(2026, 11, 27)
    assert cell_date(date(2026, 11, 27)) == date(2026, 11, 27)
    assert cell_date("27/11/2026") == date(2026, 11, 27)
    assert cell_date(" 27/11/2026 ") == date(2026, 11, 27)
    for wrong in ("31/02/2026", "27/11/26", "demain", 45000, 3.5, True, time(9, 0)):
        with pytest.raises(CellError) as error:
            cell_date(wrong)
        assert "n'est pas une date" in str(error.value)


def test_times_as_text_or_excel_times():
    assert cell_time("09:30") == time(9, 30)
    assert cell_time("9:30") == time(9, 30)
    assert cell_time("9h30") == time(9, 30)
    assert cell_time("14h") == time(14, 0)
    assert cell_time("09:30:00") == time(9, 30)
    assert cell_time(time(9, 29, 59, 999_999)) == time(9, 30)  # float noise of Excel times
    assert cell_time(datetime(1899, 12, 30, 9, 30)) == time(9, 30)
    assert cell_time(0.5) == time(12, 0)
    assert cell_time(timedelta(hours=9, minutes=15)) == time(9, 15)
    for wrong in ("25:00", "9:75", "midi", 1.5, -0.1, True, float("nan"), date(2026, 1, 1)):
        with pytest.raises(CellError) as error:
            cell_time(wrong)
        assert "HH:MM" in str(error.value) or "23:59" in str(error.value)


def test_whole_numbers():
    assert cell_integer(45) == 45
    assert cell_integer(45.0) == 45
    assert cell_integer(" 90 ") == 90
    assert cell_integer(timedelta(minutes=75)) == 75
    for wrong in (45.5, "1h", True, float("inf"), float("nan"), "-5", 1e30):
        with pytest.raises(CellError):
            cell_integer(wrong)


def test_text_cells_keep_what_they_read():
    assert cell_text(600000042) == "600000042"
    assert cell_text(12.0) == "12"
    assert cell_text(1.5) == "1.5"
    assert cell_text(date(2026, 1, 2)) == "02/01/2026"
    assert cell_text("  Dupont  ") == "Dupont"
    assert cell_text("a\ud800b") == "a\ufffdb"  # never a lone surrogate into the database


def test_problem_names_its_place():
    assert str(ImportProblem("Participants", 7, "Sexe", "Message.")) == (
        "Participants, ligne 7, colonne « Sexe » : Message."
    )
    assert str(ImportProblem("Freins", None, "Statut", "M.")) == "Freins, colonne « Statut » : M."
    assert str(ImportProblem("", None, None, "Pas un classeur.")) == "Pas un classeur."


# --- a valid workbook -----------------------------------------------------------------------------


def test_full_workbook_plans_one_of_each():
    result = plan(full_book())
    assert result.problems == []
    assert result.preview.ok
    # one of each record; no history sheet: each barrier's path is rebuilt from its row, not counted
    assert result.preview.counts == {n: (0, 0) if n == "Historique des freins" else (1, 0) for n in SHEET_NAMES}
    person = result.new_participants[0]
    assert (person.sex, person.referrer, person.justice_situation, person.housing_at_entry) == (
        Sex.MALE,
        Referrer.SPIP,
        JusticeSituation.DETENTION,
        Housing.DETENTION,
    )
    assert person.birth_date == date(1985, 4, 12) and person.end_date is None
    number, meeting = result.new_appointments[0]
    assert number == "DE-2026-001"
    assert meeting.start == datetime(2026, 11, 3, 10, 30) and meeting.duration_min == 45
    assert meeting.kind is AppointmentKind.IN_DETENTION and meeting.place == ""
    _n, lifted, steps = result.new_barriers[0]
    assert lifted.item == "Place en CHRS obtenue"
    assert steps == [  # without « Historique des freins », a barrier with a partner counts as oriented
        (date(2026, 10, 1), BarrierStatus.IDENTIFIED, ""),
        (date(2026, 10, 1), BarrierStatus.ORIENTED, "SIAO"),
        (date(2026, 11, 20), BarrierStatus.LIFTED, ""),
    ]
    assert result.new_actions[0].start == datetime(2026, 11, 10, 14, 0)


def test_labels_ignore_case_accents_and_spaces_and_dates_may_be_text():
    result = plan(
        {
            "Participants": [
                participant(
                    Sexe="  homme ",
                    **{
                        "Situation judiciaire à l'entrée": "DETENTION",
                        "Hébergement à l'entrée": "detention",
                        "Orienteur": "spip  de   paris",
                        "Date de naissance": "12/04/1985",
                        "Date d'entrée": "01/10/2026",
                    },
                )
            ]
        }
    )
    assert result.problems == []
    assert result.new_participants[0].sex is Sex.MALE
    assert result.new_participants[0].birth_date == date(1985, 4, 12)


def test_only_participants_is_required_and_optional_cells_may_be_empty():
    result = plan(
        {
            "Participants": [
                participant(
                    **{
                        "Téléphone": None,
                        "Établissement": "  ",
                        "Date de libération prévue": None,
                        "Date de fin d'accompagnement": None,
                    }
                )
            ]
        }
    )
    assert result.problems == []
    assert result.new_participants[0].phone == "" and result.new_participants[0].facility == ""


def test_columns_in_any_order_headers_folded_unknown_columns_and_sheets_warned():
    headers = list(reversed(HEADERS["Participants"]))
    headers[headers.index("Date de fin d'accompagnement")] = "date de fin d'ACCOMPAGNEMENT"
    rows = [[*headers, "Remarque"], [participant().get(h, None) for h in reversed(HEADERS["Participants"])]]
    rows[1].append("à voir")
    raw = [("participants", rows), ("Feuil1", [["x"], [1]]), ("Listes", [["Participants – Sexe"], ["Femme"]])]
    parsed = parse_workbook(raw)
    result = plan_import(parsed, VaultSnapshot(), TODAY)
    assert result.problems == []
    assert result.new_participants[0].last_name == "Marqueur"
    assert any("« Remarque » n'est pas reconnue" in w for w in result.preview.warnings)
    assert any("« Feuil1 » n'est pas reconnue" in w for w in result.preview.warnings)
    assert not any("Listes" in w for w in result.preview.warnings)  # our own lists sheet


# --- refusals -------------------------------------------------------------------------------------


def test_unknown_label_is_named_with_the_allowed_ones():
    assert problems({"Participants": [participant(), participant(**{"N° dossier": "DE-2026-002", "Sexe": "H"})]}) == [
        "Participants, ligne 3, colonne « Sexe » : « H » n'est pas une valeur autorisée (Femme, Homme, Autre)."
    ]


def test_missing_participants_sheet():
    assert problems({"Entretiens": [appointment()]})[0] == (
        "Participants : La feuille « Participants » est absente : elle est obligatoire (une ligne par personne)."
    )


def test_missing_required_column():
    headers = [h for h in HEADERS["Participants"] if h != "Sexe"]
    raw = [("Participants", sheet_rows("Participants", [participant()], headers))]
    result = plan_import(parse_workbook(raw), VaultSnapshot(), TODAY)
    assert [str(p) for p in result.problems] == [
        "Participants, ligne 1, colonne « Sexe » : Colonne obligatoire absente de la ligne d'en-tête."
    ]


def test_missing_optional_column_is_fine_and_presence_header_is_required():
    headers = [h for h in HEADERS["Participants"] if h != "Téléphone"]
    raw = [("Participants", sheet_rows("Participants", [participant()], headers))]
    assert plan_import(parse_workbook(raw), VaultSnapshot(), TODAY).problems == []
    raw.append(("Participations", [["Réf. action", "N° dossier"], ["AC-2026-001", "DE-2026-001"]]))
    found = [str(p) for p in plan_import(parse_workbook(raw), VaultSnapshot(), TODAY).problems]
    assert found == [
        "Participations, ligne 1, colonne « Présence » : Colonne obligatoire absente de la ligne d'en-tête."
    ]


def test_duplicate_column():
    headers = [*HEADERS["Participants"], "NOM"]
    raw = [("Participants", sheet_rows("Participants", [participant(NOM="x")], headers))]
    found = [str(p) for p in plan_import(parse_workbook(raw), VaultSnapshot(), TODAY).problems]
    assert found == ["Participants, ligne 1, colonne « Nom » : Cette colonne apparaît deux fois."]


def test_wrong_date_and_empty_required_cell():
    found = problems({"Participants": [participant(**{"Date de naissance": "31/02/1985", "Nom": None})]})
    assert "Participants, ligne 2, colonne « Nom » : Cette cellule est obligatoire : elle est vide." in found
    assert any(
        p.startswith("Participants, ligne 2, colonne « Date de naissance » : « 31/02/1985 » n'est pas une date.")
        for p in found
    )
    assert len(found) == 2  # the domain's "Le nom est obligatoire" is not said twice


def test_file_number_used_twice_in_the_file():
    found = problems({"Participants": [participant(), participant(**{"N° dossier": " de-2026-001 "})]})
    assert found == [
        "Participants, ligne 3, colonne « N° dossier » : Le numéro « DE-2026-001 » est déjà utilisé ligne 2 "
        "de cette feuille."
    ]


def test_participant_rules_reported_at_their_column():
    born_later = {"Date de naissance": date(2027, 1, 1), "Date de libération prévue": None}
    found = problems({"Participants": [participant(**born_later)]})
    assert found == ["Participants, ligne 2, colonne « Date de naissance » : La date de naissance est dans le futur."]
    found = problems({"Participants": [participant(**{"Date de fin d'accompagnement": date(2026, 9, 1)})]})
    assert found == [
        "Participants, ligne 2, colonne « Date de fin d'accompagnement » : "
        "La fin d'accompagnement ne peut pas "
        "précéder la date d'entrée."
    ]
    found = problems({"Participants": [participant(**{"Établissement": "x" * 201})]})
    assert found == ["Participants, ligne 2, colonne « Établissement » : Le texte ne doit pas dépasser 200 caractères."]


def test_references_to_unknown_participants_and_actions():
    book = full_book()
    book["Entretiens"] = [appointment(**{"N° dossier": "DE-2026-099"})]
    book["Participations"] = [participation(**{"Réf. action": "AC-2026-404"})]
    book["Résultats"] = [outcome(**{"N° dossier": "DE-2025-777"})]
    found = problems(book)
    assert found == [
        "Entretiens, ligne 2, colonne « N° dossier » : "
        "Aucun participant n'a le numéro « DE-2026-099 » (ni dans "
        "la feuille Participants, ni parmi les dossiers existants).",
        "Participations, ligne 2, colonne « Réf. action » : Aucune action collective n'a la référence "
        "« AC-2026-404 » (ni dans la feuille Actions collectives, ni parmi les actions existantes).",
        "Résultats, ligne 2, colonne « N° dossier » : "
        "Aucun participant n'a le numéro « DE-2025-777 » (ni dans "
        "la feuille Participants, ni parmi les dossiers existants).",
    ]


def test_references_to_existing_records_of_the_vault_are_fine():
    person = make_participant(id=7, file_number="DE-2025-010")
    snapshot = VaultSnapshot(participants=[person])
    book = {
        "Participants": [participant()],
        "Entretiens": [appointment(**{"N° dossier": "de-2025-010", "Type": "Entretien individuel"})],
    }
    result = plan(book, snapshot)
    assert result.problems == []
    assert result.new_appointments[0][1].participant_id == 7


def test_lifting_date_required_when_lifted_and_only_then():
    found = problems({"Participants": [participant()], "Freins": [barrier(**{"Date de levée": None})]})
    assert found == ["Freins, ligne 2, colonne « Date de levée » : Indiquez la date à laquelle le frein a été levé."]
    found = problems({"Participants": [participant()], "Freins": [barrier(Statut="En cours")]})
    assert found == [
        "Freins, ligne 2, colonne « Date de levée » : Une date de levée n'a de sens que pour un frein levé."
    ]
    found = problems(
        {
            "Participants": [participant()],
            "Freins": [barrier(Statut="Orienté vers un partenaire", Partenaire=None, **{"Date de levée": None})],
        }
    )
    assert found == [
        "Freins, ligne 2, colonne « Partenaire » : Indiquez le partenaire vers qui la personne est orientée."
    ]


def test_dropout_reason_only_and_always_for_a_dropout():
    found = problems({"Participants": [participant()], "Résultats": [outcome(Type="Abandon")]})
    assert found == ["Résultats, ligne 2, colonne « Motif d'abandon » : Indiquez le motif de l'abandon."]
    found = problems({"Participants": [participant()], "Résultats": [outcome(**{"Motif d'abandon": "Santé"})]})
    assert found == [
        "Résultats, ligne 2, colonne « Motif d'abandon » : Un motif d'abandon n'a de sens que pour un abandon."
    ]
    ok = plan(
        {
            "Participants": [participant()],
            "Résultats": [outcome(Type="abandon", **{"Motif d'abandon": "sante"})],
        }
    )
    assert ok.problems == []


def test_duplicate_action_reference_and_participation():
    book = full_book()
    book["Actions collectives"] = [action(), action(**{"Réf. action": "ac-2026-001"})]
    book["Participations"] = [participation(), participation(**{"Présence": "Absent"})]
    assert problems(book) == [
        "Actions collectives, ligne 3, colonne « Réf. action » : "
        "La référence « AC-2026-001 » est déjà utilisée "
        "ligne 2 de cette feuille.",
        "Participations, ligne 3, colonne « N° dossier » : Cette personne est déjà inscrite à cette action "
        "ligne 2 de cette feuille.",
    ]


def test_presence_of_a_future_action_is_refused_but_may_be_left_empty():
    book = full_book()
    book["Actions collectives"] = [action(Date=date(2026, 12, 10))]
    found = problems(book)
    assert found == [
        "Participations, ligne 2, colonne « Présence » : La présence se note le jour de l'action ou après : "
        "laissez la cellule vide pour une action à venir."
    ]
    book["Participations"] = [participation(**{"Présence": None})]
    result = plan(book)
    assert result.problems == []
    assert result.new_registrations == [("AC-2026-001", "DE-2026-001", None, None)]  # no Identifiant: a new one


def test_appointment_rules():
    book = {"Participants": [participant()], "Entretiens": [appointment(Date=date(2026, 12, 20))]}
    assert problems(book) == [
        "Entretiens, ligne 2, colonne « Statut » : Un rendez-vous à venir ne peut pas être noté « Réalisé »."
    ]
    book["Entretiens"] = [appointment(**{"Durée (min)": 1000})]
    assert problems(book) == [
        "Entretiens, ligne 2, colonne « Durée (min) » : La durée doit être comprise entre 5 et 600 minutes."
    ]
    book["Entretiens"] = [appointment(**{"Durée (min)": None, "Heure": None})]
    result = plan(book)
    assert result.new_appointments[0][1].start == datetime(2026, 11, 3, 9, 0)
    assert result.new_appointments[0][1].duration_min == 60


def test_empty_workbooks():
    assert problems({"Participants": []}) == ["Le classeur ne contient aucune ligne à importer."]
    raw = [("Participants", [])]
    assert [str(p) for p in parse_workbook(raw).problems] == [
        "Participants, ligne 1 : La feuille est vide : la ligne 1 doit porter les en-têtes des colonnes."
    ]
    assert [str(p) for p in parse_workbook([]).problems] == [
        "Participants : La feuille « Participants » est absente : elle est obligatoire (une ligne par personne)."
    ]


def test_empty_rows_are_skipped_and_row_numbers_are_excel_ones():
    rows = sheet_rows("Participants", [participant(), participant(**{"N° dossier": "DE-2026-002", "Sexe": "X"})])
    rows.insert(2, [None] * len(rows[0]))
    rows.insert(2, ["  "] * len(rows[0]))
    found = [str(p) for p in plan_import(parse_workbook([("Participants", rows)]), VaultSnapshot(), TODAY).problems]
    assert found and found[0].startswith("Participants, ligne 5, colonne « Sexe »")


def test_every_problem_is_listed_not_only_the_first():
    book = full_book()
    book["Participants"].append(participant(**{"N° dossier": "DE-2026-002", "Sexe": "?", "Orienteur": "?"}))
    book["Résultats"] = [outcome(Type="Embauche")]
    assert len(problems(book)) == 3


# --- updates and natural keys ---------------------------------------------------------------------


def test_existing_participant_updated_on_exchange_columns_only():
    existing = make_participant(id=3, phone="06 11 11 11 11", notes="Suivi CAF")
    same = plan({"Participants": [participant()]}, VaultSnapshot(participants=[make_participant(id=3)]))
    assert same.problems == [] and same.preview.counts["Participants"] == (0, 0)
    assert same.preview.unchanged["Participants"] == 1
    result = plan({"Participants": [participant()]}, VaultSnapshot(participants=[existing]))
    assert result.preview.counts["Participants"] == (0, 1)
    updated = result.updated_participants[0]
    assert updated.id == 3 and updated.phone == "06 00 00 00 42"
    assert updated.notes == "Suivi CAF" and updated.email == existing.email and updated.rights == existing.rights


def test_missing_optional_column_keeps_the_existing_value():
    existing = make_participant(id=3, phone="06 11 11 11 11")
    headers = [h for h in HEADERS["Participants"] if h != "Téléphone"]
    raw = [("Participants", sheet_rows("Participants", [participant()], headers))]
    result = plan_import(parse_workbook(raw), VaultSnapshot(participants=[existing]), TODAY)
    assert result.preview.counts["Participants"] == (0, 0)  # no phone column: the phone is kept
    assert result.preview.unchanged["Participants"] == 1
    raw = [("Participants", sheet_rows("Participants", [participant(**{"Téléphone": None})]))]
    result = plan_import(parse_workbook(raw), VaultSnapshot(participants=[existing]), TODAY)
    assert result.updated_participants[0].phone == ""  # an empty cell of a column that is there empties it


def test_same_key_rows_pair_with_existing_records_in_turn():
    person = make_participant(id=1)
    noted = [
        Barrier(1, BarrierCategory.HOUSING, "Sans abri", BarrierStatus.IDENTIFIED, date(2026, 10, 1), id=10),
        Barrier(1, BarrierCategory.HOUSING, "Squat", BarrierStatus.IDENTIFIED, date(2026, 10, 1), id=11),
    ]
    row = barrier(Statut="Identifié", **{"Date de levée": None, "Partenaire": None, "Commentaire": None})
    book = {"Participants": [participant()], "Freins": [row, row, row]}
    result = plan(book, VaultSnapshot(participants=[person], barriers=noted))
    assert result.problems == []
    assert result.preview.counts["Freins"] == (1, 0) and result.preview.unchanged["Freins"] == 2
    assert result.new_barriers[0][1].item == "Hébergement"


def test_barrier_items_from_comment_or_category_never_collide():
    taken = {"hebergement", "hebergement (2)"}

    def is_taken(item):
        from ilot_desktop.domain.vocabulary import fold

        return fold(item) in taken

    assert barrier_item("", BarrierCategory.HOUSING, is_taken) == "Hébergement (3)"
    assert barrier_item("\n  Dettes CAF  \nsuite", BarrierCategory.DEBTS, is_taken) == "Dettes CAF"
    long = barrier_item("x" * 500, BarrierCategory.DEBTS, lambda item: len(item) == 120 and "(" not in item)
    assert long == "x" * 116 + " (2)"


def test_history_of_an_imported_barrier():
    oriented = Barrier(1, BarrierCategory.RIGHTS, "CAF", BarrierStatus.ORIENTED, date(2026, 10, 2), partner="PIMMS")
    assert history_of(oriented) == [(date(2026, 10, 2), BarrierStatus.ORIENTED, "PIMMS")]


def test_preview_defaults():
    preview = ImportPreview()
    assert preview.ok and list(preview.counts) == list(SHEET_NAMES) and PARTICIPANTS.name in preview.counts
    assert preview.summary_lines()[0] == "Participants : 0 créé(s), 0 mis à jour, 0 inchangé(s)"
