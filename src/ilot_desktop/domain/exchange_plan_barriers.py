"""Planning the ``Freins`` rows of an import, with ``Historique des freins`` (mixed into the planner).

Pure. See ``exchange_plan`` for the natural keys and ``exchange_history`` for how the history sheet is cut
into paths and checked against ``Freins``.
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import replace
from datetime import date

from ilot_desktop.domain.barriers import Barrier, HistoryStep, validate_barrier, validate_history
from ilot_desktop.domain.exchange import BARRIERS, HISTORY
from ilot_desktop.domain.exchange_history import (
    HistoryPath,
    PathKey,
    disagreement,
    history_paths,
    rebuilt_history,
    unmatched_problem,
)
from ilot_desktop.domain.exchange_keys import BARRIER_COLUMNS, barrier_item, normalize_key, queues
from ilot_desktop.domain.exchange_parse import ParsedRow, ParsedSheet, given
from ilot_desktop.domain.exchange_planning import Planning, Refused
from ilot_desktop.domain.vocabulary import BarrierCategory, BarrierStatus, fold

PLACEHOLDER_ID = 0  # stands for a participant created by the same import, while validating


class BarrierPlanning(Planning):
    """The planner's ``Freins`` part."""

    def barriers(self) -> None:
        sheet = self.sheet(BARRIERS)
        paths = history_paths(self.sheet(HISTORY), normalize_key)
        if sheet is not None:
            self._barrier_rows(sheet, paths)
        for queue in paths.values():
            for path in queue:
                if not path.used:
                    self.problem(HISTORY, path.row, "N° dossier", unmatched_problem())

    def _barrier_rows(self, sheet: ParsedSheet, paths: dict[PathKey, deque[HistoryPath]]) -> None:
        def natural_key(b: Barrier) -> tuple[object, ...]:
            return (b.participant_id, b.category, b.identified_on)

        existing = queues(self.snapshot.barriers, natural_key, lambda b: b.id or 0)
        by_uid = {b.uid: b for b in self.snapshot.barriers}
        taken: dict[tuple[str, object, BarrierCategory], set[str]] = defaultdict(set)
        for b in self.snapshot.barriers:
            if b.category is not None:
                taken["id", b.participant_id, b.category].add(fold(b.item))
        for row in sheet.rows:
            number, person = self.person(BARRIERS, row)
            uid = self.row_uid(BARRIERS, row)
            if person is None or row.bad or not person.valid or uid is Refused:
                continue
            category = given(row.choice("category", BarrierCategory))
            identified = given(row.day("identified_on"))
            given_uid = uid if isinstance(uid, str) else None
            natural = (person.id, category, identified)
            named = self.stored_record(BARRIERS, row, given_uid, by_uid, existing, natural_key, natural)
            if named is Refused or not self._same_category(row, named, category):
                continue  # (reported)
            before = named if isinstance(named, Barrier) else None
            from_sheet = paths.get((number, category, identified))
            path = from_sheet.popleft() if from_sheet else None
            if path is not None:
                path.used = True
            after = self._barrier_after(sheet, row, before, path, person.id)
            _identified_as_named(after, before, given_uid, identified)
            errors = validate_barrier(replace(after, item=after.item or "?"), self.today)
            if path is not None and not errors and self._path_refused(path, after, row.row):
                continue
            steps = (path.steps if path is not None else rebuilt_history(after)) if before is None else []
            if not errors and before is None and path is None:
                errors = validate_history(after, steps, self.today)
            self.domain_problems(BARRIERS, row, errors, BARRIER_COLUMNS)
            if errors:
                continue
            if before is None:
                key = ("id", person.id, category) if person.id is not None else ("new", number, category)
                self._new_barrier(number, after, steps, path, taken[key], person.id)
            else:
                self._updated_barrier(row.row, before, after, path)

    def _same_category(self, row: ParsedRow, named: object, category: BarrierCategory) -> bool:
        """A barrier named by its identifier keeps its category (its checklist line belongs to it)."""
        if not isinstance(named, Barrier) or named.category is category:
            return True
        self.problem(
            BARRIERS,
            row.row,
            "Catégorie",
            "Ce frein (même identifiant) est enregistré dans une autre catégorie\u00a0: la catégorie d'un frein ne "
            "change pas, notez plutôt un nouveau frein (cellule Identifiant vide).",
        )
        return False

    @staticmethod
    def _barrier_after(
        sheet: ParsedSheet, row: ParsedRow, before: Barrier | None, path: HistoryPath | None, person_id: int | None
    ) -> Barrier:
        """The barrier as the row gives it: the stored one updated with the columns present, or a new one."""
        status = given(row.choice("status", BarrierStatus))
        if before is None:
            return Barrier(
                participant_id=person_id if person_id is not None else PLACEHOLDER_ID,
                category=row.choice("category", BarrierCategory),
                item=path.item if path is not None else "",
                status=status,
                identified_on=row.day("identified_on"),
                lifted_on=row.day("lifted_on"),
                partner=row.text("partner"),
                comment=row.text("comment"),
            )
        after = replace(before, status=status)
        if "lifted_on" in sheet.present:
            after.lifted_on = row.day("lifted_on")
        elif status is not BarrierStatus.LIFTED:
            after.lifted_on = None
        if "partner" in sheet.present:
            after.partner = row.text("partner")
        if "comment" in sheet.present:
            after.comment = row.text("comment")
        return after

    def _path_refused(self, path: HistoryPath, after: Barrier, row: int) -> bool:
        """The history sheet's path disagrees with the barrier's row, or breaks a rule (reported)."""
        wrong = disagreement(path, after, row)
        if wrong is not None:
            self.problem(HISTORY, path.row, "Statut", wrong)
            return True
        history = validate_history(after, path.steps, self.today)
        if history:
            self.problem(HISTORY, path.row, None, history["history"])
            return True
        return False

    def _new_barrier(
        self,
        number: str,
        after: Barrier,
        steps: list[HistoryStep],
        path: HistoryPath | None,
        used: set[str],
        person_id: int | None,
    ) -> None:
        assert after.category is not None
        base = after.item or after.comment
        after.item = barrier_item(base, after.category, lambda item: fold(item) in used)
        used.add(fold(after.item))
        after.participant_id = person_id  # None: created by this import, given its id when written
        self.plan.new_barriers.append((number, after, steps))
        self.count(BARRIERS, 0)
        if path is not None:
            stored = self.stored_step_uids
            self.plan.step_uids[after.uid] = [uid if uid not in stored else None for uid in path.uids]
            self.count(HISTORY, 0, len(path.steps))

    def _updated_barrier(self, row: int, before: Barrier, after: Barrier, path: HistoryPath | None) -> None:
        added = self._stored_path(row, before, path)
        if after != before or added:
            self.plan.updated_barriers.append((row, before, after, added))
            self.count(BARRIERS, 1 if after != before else 2)
        else:
            self.count(BARRIERS, 2)

    def _stored_path(self, row: int, before: Barrier, path: HistoryPath | None) -> list[HistoryStep] | None:
        """The steps the sheet adds to an existing barrier's stored path ([] when it gives it as stored);
        None when the sheet gives none or another path (the stored one is kept)."""
        if path is None:
            return None
        stored = self.snapshot.histories.get(before.id, []) if before.id is not None else []
        given = path.steps
        if given[: len(stored)] == stored:
            self.count(HISTORY, 2, len(stored))
            self.count(HISTORY, 0, len(given) - len(stored))
            return given[len(stored) :]
        self.plan.preview.warnings.append(
            f"Historique des freins, ligne {path.row} : ce frein a déjà un historique différent dans le dossier "
            f"(feuille « Freins », ligne {row}) ; l'historique enregistré est gardé."
        )
        return None


def _identified_as_named(after: Barrier, before: Barrier | None, uid: str | None, identified: object) -> None:
    """A row with an identifier: a new barrier keeps it; the barrier it names takes the row's identification
    date (its other key) as any other column."""
    if uid is None:
        return
    if before is None:
        after.uid = uid
    elif isinstance(identified, date):
        after.identified_on = identified
