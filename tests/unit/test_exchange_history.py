"""``Historique des freins`` and key normalisation, on plain cell values (no file, no vault)."""

from __future__ import annotations

from datetime import date

import pytest

from ilot_desktop.domain.barriers import Barrier
from ilot_desktop.domain.exchange import HISTORY
from ilot_desktop.domain.exchange_export import VaultSnapshot, export_rows
from ilot_desktop.domain.exchange_history import history_paths, rebuilt_history
from ilot_desktop.domain.exchange_keys import normalize_key
from ilot_desktop.domain.exchange_parse import parse_workbook
from ilot_desktop.domain.exchange_plan import plan_import
from ilot_desktop.domain.vocabulary import BarrierCategory, BarrierStatus
from tests.conftest import TODAY
from tests.exchange_workbooks import barrier, participant, sheet_rows
from tests.factories import make_participant

HOUSING = BarrierCategory.HOUSING
IDENTIFIED, IN_PROGRESS = BarrierStatus.IDENTIFIED, BarrierStatus.IN_PROGRESS
ORIENTED, LIFTED = BarrierStatus.ORIENTED, BarrierStatus.LIFTED
HEADERS = ["N° dossier", "Catégorie", "Frein", "Date", "Statut", "Partenaire"]


@pytest.mark.parametrize(
    "typed",
    [
        "DE-2025-001",
        " de-2025-001 ",
        "DE\u20112025\u2011001",  # non-breaking hyphens
        "DE\u20132025\u2014001",  # en and em dashes
        "DE-2025-\u200b001",  # zero-width space
        "\ufeffDE-2025-001\u00ad",  # byte-order mark, soft hyphen
        "ＤＥ－２０２５－００１",  # full-width forms (NFKC)
        "DE\u22122025\u2212001",  # minus signs
    ],
)
def test_numbers_that_only_look_equal_normalise_to_one_key(typed):
    assert normalize_key(typed) == "DE-2025-001"


def test_normalise_keeps_what_differs():
    assert normalize_key("DE-2025-0 01") == "DE-2025-0 01"
    assert normalize_key("DE  2025\u00a0 001") == "DE 2025 001"
    assert normalize_key(None) == "" and normalize_key(12) == ""


def test_rebuilt_history_a_partner_counts_as_an_orientation():
    def b(status, partner="", lifted=None):
        return Barrier(1, HOUSING, "Sans abri", status, date(2026, 10, 1), lifted, partner)

    day, end = date(2026, 10, 1), date(2026, 11, 20)
    assert rebuilt_history(b(LIFTED, "SIAO 75", end)) == [
        (day, IDENTIFIED, ""),
        (day, ORIENTED, "SIAO 75"),
        (end, LIFTED, ""),
    ]
    assert rebuilt_history(b(LIFTED, "", end)) == [(day, IDENTIFIED, ""), (end, LIFTED, "")]
    assert rebuilt_history(b(IN_PROGRESS, "PIMMS")) == [
        (day, IDENTIFIED, ""),
        (day, ORIENTED, "PIMMS"),
        (day, IN_PROGRESS, ""),
    ]
    assert rebuilt_history(b(ORIENTED, "PIMMS")) == [(day, ORIENTED, "PIMMS")]
    assert rebuilt_history(b(IDENTIFIED)) == [(day, IDENTIFIED, "")]
    assert rebuilt_history(b(IN_PROGRESS, "  ")) == [(day, IN_PROGRESS, "")]  # an empty partner does not


def test_history_rows_are_cut_into_one_path_per_barrier():
    rows = [
        HEADERS,
        ["DE-2026-001", "Hébergement", "Sans abri", date(2026, 10, 1), "Identifié", None],
        ["DE-2026-001", "Hébergement", "Sans abri", date(2026, 10, 9), "Orienté vers un partenaire", "SIAO 75"],
        ["DE-2026-001", "Hébergement", "Squat", date(2026, 10, 1), "Identifié", None],  # another item
        ["de\u20112026-001", "Hébergement", "Squat", date(2026, 9, 1), "En cours", None],  # date goes back
        ["DE-2026-001", "Santé physique", None, date(2026, 10, 2), "Identifié", None],
        ["DE-2026-001", "Santé physique", None, date(2026, 10, 5), "Identifié", None],  # no item: a new one
    ]
    parsed = parse_workbook([("Participants", sheet_rows("Participants", [participant()])), (HISTORY.name, rows)])
    paths = history_paths(parsed.sheets[HISTORY.name], normalize_key)
    found = sorted((key[1].value, key[2], [p.row for p in queue]) for key, queue in paths.items())
    assert found == [
        ("housing", date(2026, 9, 1), [5]),
        ("housing", date(2026, 10, 1), [2, 4]),
        ("physical_health", date(2026, 10, 2), [6]),
        ("physical_health", date(2026, 10, 5), [7]),
    ]
    first = paths["DE-2026-001", HOUSING, date(2026, 10, 1)][0]
    assert first.item == "Sans abri" and first.last_row == 3
    assert first.steps == [(date(2026, 10, 1), IDENTIFIED, ""), (date(2026, 10, 9), ORIENTED, "SIAO 75")]


def _book(history, freins=None):
    return [
        ("Participants", sheet_rows("Participants", [participant()])),
        ("Freins", sheet_rows("Freins", freins or [barrier()])),
        (HISTORY.name, [HEADERS, *history]),
    ]


def test_a_new_barrier_takes_its_path_and_its_item_from_the_history():
    history = [
        ["DE-2026-001", "Hébergement", "Sans abri", date(2026, 10, 1), "Identifié", None],
        ["DE-2026-001", "Hébergement", "Sans abri", date(2026, 10, 9), "Orienté vers un partenaire", "SIAO"],
        ["DE-2026-001", "Hébergement", "Sans abri", date(2026, 11, 20), "Levé", None],
    ]
    plan = plan_import(parse_workbook(_book(history)), VaultSnapshot(), TODAY)
    assert plan.problems == []
    ((_number, noted, steps),) = plan.new_barriers
    assert noted.item == "Sans abri" and steps[1] == (date(2026, 10, 9), ORIENTED, "SIAO")
    assert plan.preview.counts[HISTORY.name] == (3, 0)


def test_an_existing_barrier_gets_the_steps_after_its_stored_path_or_keeps_its_own():
    person = make_participant(file_number="DE-2026-001", id=7)
    person.last_name, person.first_name, person.birth_date = "Marqueur", "Zéphyrin", date(1985, 4, 12)
    stored = Barrier(7, HOUSING, "Sans abri", IDENTIFIED, date(2026, 10, 1), id=3)
    snapshot = VaultSnapshot(
        participants=[person], barriers=[stored], histories={3: [(date(2026, 10, 1), IDENTIFIED, "")]}
    )
    longer = [
        ["DE-2026-001", "Hébergement", "Sans abri", date(2026, 10, 1), "Identifié", None],
        ["DE-2026-001", "Hébergement", "Sans abri", date(2026, 11, 20), "Levé", None],
    ]
    freins = [barrier(Partenaire=None, Commentaire=None)]
    plan = plan_import(parse_workbook(_book(longer, freins)), snapshot, TODAY)
    assert plan.problems == [] and plan.preview.warnings == []
    ((row, before, after, added),) = plan.updated_barriers
    assert (row, before.id, after.status) == (2, 3, LIFTED)
    assert added == [(date(2026, 11, 20), LIFTED, "")]
    assert plan.preview.counts[HISTORY.name] == (1, 0) and plan.preview.unchanged[HISTORY.name] == 1

    other = [
        ["DE-2026-001", "Hébergement", "Sans abri", date(2026, 10, 1), "En cours", None],
        ["DE-2026-001", "Hébergement", "Sans abri", date(2026, 11, 20), "Levé", None],
    ]
    plan = plan_import(parse_workbook(_book(other, freins)), snapshot, TODAY)
    assert plan.problems == []
    ((_row, _before, _after, added),) = plan.updated_barriers
    assert added is None  # the stored path is kept; the change of status joins it when written
    assert plan.preview.warnings == [
        "Historique des freins, ligne 2\u00a0: ce frein a déjà un historique différent dans le dossier "
        "(feuille «\u00a0Freins\u00a0», ligne 2)\u00a0; l'historique enregistré est gardé."
    ]


def test_export_writes_each_barriers_steps_in_order_with_its_item():
    person = make_participant(file_number="DE-2026-001", id=7)
    lifted = Barrier(7, HOUSING, "Sans abri", LIFTED, date(2026, 10, 1), date(2026, 11, 20), "SIAO 75", id=3)
    steps = [
        (date(2026, 10, 1), IDENTIFIED, ""),
        (date(2026, 10, 9), ORIENTED, "SIAO 75"),
        (date(2026, 11, 20), LIFTED, ""),
    ]
    uids = {3: ["uid-1", "uid-2", "uid-3"]}
    rows = export_rows(VaultSnapshot(participants=[person], barriers=[lifted], histories={3: steps}, history_uids=uids))
    assert rows[HISTORY.name] == [
        ("DE-2026-001", "Hébergement", "Sans abri", date(2026, 10, 1), "Identifié", None, "uid-1"),
        (
            "DE-2026-001",
            "Hébergement",
            "Sans abri",
            date(2026, 10, 9),
            "Orienté vers un partenaire",
            "SIAO 75",
            "uid-2",
        ),
        ("DE-2026-001", "Hébergement", "Sans abri", date(2026, 11, 20), "Levé", None, "uid-3"),
    ]
