"""Barrier histories in the exchange workbook: the optional sheet ``Historique des freins``.

Pure. The sheet's rows are cut into paths, one per barrier: consecutive rows of the same ``N° dossier``,
``Catégorie`` and ``Frein``, dates never going back (without ``Frein``, an ``Identifié`` after the first
row starts another barrier too). A path belongs to the ``Freins`` row of the same person and category
identified on its first date (several such rows: in turn, as in the sheet). Its last step must agree with
that row (status; lifting date for ``Levé``; partner for ``Orienté vers un partenaire``). A ``Freins`` row
without a path gets one rebuilt from its own cells (``rebuilt_history``), where a ``Partenaire`` counts as an
orientation on the identification date.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from ilot_desktop.domain.barriers import Barrier, HistoryStep
from ilot_desktop.domain.dates import format_date
from ilot_desktop.domain.exchange_parse import ParsedSheet, given
from ilot_desktop.domain.identity import normalised_uid
from ilot_desktop.domain.vocabulary import BarrierCategory, BarrierStatus, fold


@dataclass
class HistoryPath:
    """One barrier's steps as the sheet gives them; ``row`` is its first row (Excel numbering)."""

    row: int
    number: str
    category: BarrierCategory
    item: str
    steps: list[HistoryStep] = field(default_factory=list)
    used: bool = False
    uids: list[str | None] = field(default_factory=list)  # each step's ``Identifiant`` (None: none given)

    @property
    def last_row(self) -> int:
        return self.row + len(self.steps) - 1


PathKey = tuple[str, BarrierCategory, date]


def history_paths(sheet: ParsedSheet | None, normalize: Callable[[object], str]) -> dict[PathKey, deque[HistoryPath]]:
    """The sheet's paths by (file number, category, first date), in sheet order. Rows with a refused cell
    are left out (their problem is already reported)."""
    paths: dict[PathKey, deque[HistoryPath]] = defaultdict(deque)
    if sheet is None:
        return paths
    current: HistoryPath | None = None
    previous_row = 0
    for row in sheet.rows:
        if row.bad:
            current = None
            continue
        number = normalize(row.get("file_number"))
        category = given(row.choice("category", BarrierCategory))
        day, status = given(row.day("on")), given(row.choice("status", BarrierStatus))
        item = " ".join(row.text("item").split())
        same = (
            current is not None
            and row.row == previous_row + 1
            and (current.number, current.category, fold(current.item)) == (number, category, fold(item))
            and day >= current.steps[-1][0]
            and (item or status is not BarrierStatus.IDENTIFIED)
        )
        if current is None or not same:
            current = HistoryPath(row.row, number, category, item)
            paths[number, category, day].append(current)
        current.steps.append((day, status, row.text("partner")))
        current.uids.append(normalised_uid(row.text("uid")))
        previous_row = row.row
    return paths


def _said(step: HistoryStep) -> str:
    day, status, partner = step
    text = f"{status.label} le {format_date(day)}"
    return f"{text} ({partner})" if partner else text


def disagreement(path: HistoryPath, barrier: Barrier, barrier_row: int) -> str | None:
    """Why the path's last step does not agree with its ``Freins`` row, in French; None when it does.

    Agreement is on the status (data-exchange.md: "its last step must agree with Freins"). Dates and partners
    are not compared: the application itself records a barrier entered already lifted with one step dated on its
    identification, and its lifting date and partner on the barrier, so its own exports must import back.
    """
    last = path.steps[-1]
    status = last[1]
    where = f"la ligne {barrier_row} de la feuille « Freins »"
    if status is not barrier.status:
        return (
            f"La dernière étape de ce frein ({_said(last)}, ligne {path.last_row}) ne correspond pas au statut "
            f"« {barrier.status.label} » de {where}."
        )
    return None


def unmatched_problem() -> str:
    return (
        "Aucun frein de la feuille « Freins » ne correspond à cet historique (même N° dossier, même catégorie, "
        "et date d'identification égale à la date de sa première étape)."
    )


def rebuilt_history(b: Barrier) -> list[HistoryStep]:
    """A barrier's path from its ``Freins`` row alone: noted on identification with its status; a
    ``Partenaire`` counts as an orientation on that day (an empty partner does not); for ``Levé``, lifted
    on the lifting date. ``Orienté vers un partenaire`` alone is one step, with its partner."""
    if b.identified_on is None:
        return []
    partner = b.partner.strip()
    if b.status is BarrierStatus.ORIENTED:
        return [(b.identified_on, BarrierStatus.ORIENTED, partner)]
    steps: list[HistoryStep] = []
    if partner:
        steps += [(b.identified_on, BarrierStatus.IDENTIFIED, ""), (b.identified_on, BarrierStatus.ORIENTED, partner)]
    if b.status is BarrierStatus.LIFTED and b.lifted_on is not None:
        if not steps:
            steps.append((b.identified_on, BarrierStatus.IDENTIFIED, ""))
        steps.append((b.lifted_on, BarrierStatus.LIFTED, ""))
    else:
        steps.append((b.identified_on, b.status, ""))
    return steps
