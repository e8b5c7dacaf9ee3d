"""The exchange workbook's keys and places: how a row finds its record, and where a message goes.

Pure. ``normalize_key`` is how ``N° dossier`` and ``Réf. action`` are compared and stored; ``identity`` is
what makes two files a likely duplicate (name, first name, birth date); the column maps put a domain
validation message at its cell.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict, deque
from collections.abc import Callable, Hashable, Iterable
from datetime import date
from typing import TypeVar

from ilot_desktop.domain.barriers import MAX_ITEM
from ilot_desktop.domain.exchange import ACTIONS, APPOINTMENTS, BARRIERS, OUTCOMES, PARTICIPANTS
from ilot_desktop.domain.participant import Participant
from ilot_desktop.domain.vocabulary import BarrierCategory, fold

R = TypeVar("R")

# Domain field -> exchange column, to report a validation message at its place (None: not in the sheet).
PARTICIPANT_COLUMNS = {c.key: c.header for c in PARTICIPANTS.columns}
APPOINTMENT_COLUMNS = {
    "participant": "N° dossier",
    "start": "Date",
    "duration_min": "Durée (min)",
    "status": "Statut",
}
BARRIER_COLUMNS = {
    "participant": "N° dossier",
    "category": "Catégorie",
    "item": "Commentaire",
    "status": "Statut",
    "identified_on": "Date d'identification",
    "lifted_on": "Date de levée",
    "partner": "Partenaire",
    "comment": "Commentaire",
}
ACTION_COLUMNS = {
    "reference": "Réf. action",
    "action_type": "Type",
    "title": "Intitulé",
    "start": "Date",
    "partner": "Partenaire",
}
OUTCOME_COLUMNS = {
    "outcome_type": "Type",
    "on": "Date",
    "dropout_reason": "Motif d'abandon",
    "employer": "Employeur ou organisme",
    "comment": "Commentaire",
}
# The cell a domain field is read from, to skip a domain message where the cell was already refused.
CELL_OF = {
    APPOINTMENTS.name: {"start": "date", "duration_min": "duration_min", "status": "status"},
    BARRIERS.name: {
        "category": "category",
        "status": "status",
        "identified_on": "identified_on",
        "lifted_on": "lifted_on",
        "partner": "partner",
        "comment": "comment",
    },
    ACTIONS.name: {
        "reference": "reference",
        "action_type": "action_type",
        "title": "title",
        "start": "date",
        "partner": "partner",
    },
    OUTCOMES.name: {
        "outcome_type": "outcome_type",
        "on": "on",
        "dropout_reason": "dropout_reason",
        "employer": "employer",
        "comment": "comment",
    },
}
# Every dash a keyboard, a word processor or a spreadsheet may put in a number, read as "-".
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\ufe58\ufe63\uff0d"), "-")


def normalize_key(text: object) -> str:
    """``N° dossier`` and ``Réf. action`` as compared and stored: NFKC, invisible characters (Unicode
    category Cf: zero-width space, soft hyphen, byte-order mark...) dropped, dashes as ``-``, spaces
    trimmed and single, upper case."""
    if not isinstance(text, str):
        return ""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c for c in text if unicodedata.category(c) != "Cf").translate(_DASHES)
    return " ".join(text.split()).upper()


def identity(p: Participant) -> tuple[str, str, date | None]:
    return fold(p.last_name), fold(p.first_name), p.birth_date


def another_person(before: Participant, after: Participant) -> bool:
    """The row names someone else than the file holding its number (a row without ``Identifiant``): both the
    name and the first name differ, or the name (or first name) and the birth date. A correction of one of
    them (a misspelt name, a wrong birth date) is not another person."""
    last = fold(before.last_name) != fold(after.last_name)
    first = fold(before.first_name) != fold(after.first_name)
    return (last and first) or ((last or first) and before.birth_date != after.birth_date)


def queues(records: Iterable[R], key: Callable[[R], Hashable], order: Callable[[R], int]) -> dict[Hashable, deque[R]]:
    """Records grouped by natural key, oldest first, to be paired with workbook rows in turn."""
    groups: dict[Hashable, deque[R]] = defaultdict(deque)
    for record in sorted(records, key=order):
        groups[key(record)].append(record)
    return groups


def barrier_item(comment: str, category: BarrierCategory, is_taken: Callable[[str], bool]) -> str:
    """The checklist line of an imported barrier: the comment's first line, else the category's label;
    `` (2)``, `` (3)``... added when that item is already taken for the person and category."""
    first_line = next((line.strip() for line in comment.splitlines() if line.strip()), "")
    base = " ".join(first_line.split())[:MAX_ITEM].strip() or category.label
    if not is_taken(base):
        return base
    number = 2
    while True:
        suffix = f" ({number})"
        candidate = base[: MAX_ITEM - len(suffix)].rstrip() + suffix
        if not is_taken(candidate):
            return candidate
        number += 1
