"""Planning the ``Freins`` rows of an import, with ``Historique des freins`` (mixed into the planner).

Pure. See ``exchange_plan`` for the natural keys and ``exchange_history`` for how the history sheet is cut
into paths and checked against ``Freins``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from ilot_desktop.domain.barriers import Barrier, HistoryStep, validate_barrier, validate_history
from ilot_desktop.domain.exchange import BARRIERS, HISTORY
from ilot_desktop.domain.exchange_history import disagreement, history_paths, rebuilt_history, unmatched_problem
from ilot_desktop.domain.exchange_keys import BARRIER_COLUMNS, barrier_item, normalize_key, queues
from ilot_desktop.domain.exchange_parse import ParsedSheet
from ilot_desktop.domain.vocabulary import BarrierCategory, BarrierStatus, fold

PLACEHOLDER_ID = 0  # stands for a participant created by the same import, while validating


class BarrierPlanning:
    """The planner's ``Freins`` part; the planner gives ``plan``, ``snapshot``, ``today``, ``problem``,
    ``domain_problems``, ``count``, ``person`` and ``sheet``."""

    def barriers(self) -> None:
        sheet = self.sheet(BARRIERS)
        paths = history_paths(self.sheet(HISTORY), normalize_key)
        if sheet is not None:
            self._barrier_rows(sheet, paths)
        for queue in paths.values():
            for path in queue:
                if not path.used:
                    self.problem(HISTORY, path.row, "N° dossier", unmatched_problem())

    def _barrier_rows(self, sheet: ParsedSheet, paths) -> None:
        existing = queues(
            self.snapshot.barriers,
            lambda b: (b.participant_id, b.category, b.identified_on),
            lambda b: b.id or 0,
        )
        taken: dict[tuple[str, object, BarrierCategory], set[str]] = defaultdict(set)
        for b in self.snapshot.barriers:
            taken["id", b.participant_id, b.category].add(fold(b.item))
        for row in sheet.rows:
            number, person = self.person(BARRIERS, row)
            if person is None or row.bad or not person.valid:
                continue
            category, status, identified = row.get("category"), row.get("status"), row.get("identified_on")
            queue = existing.get((person.id, category, identified)) if person.id is not None else None
            before = queue.popleft() if queue else None
            given = paths.get((number, category, identified))
            path = given.popleft() if given else None
            if path is not None:
                path.used = True
            if before is not None:
                after = replace(before, status=status)
                if "lifted_on" in sheet.present:
                    after.lifted_on = row.get("lifted_on")
                elif status is not BarrierStatus.LIFTED:
                    after.lifted_on = None
                if "partner" in sheet.present:
                    after.partner = row.text("partner")
                if "comment" in sheet.present:
                    after.comment = row.text("comment")
            else:
                after = Barrier(
                    participant_id=person.id if person.id is not None else PLACEHOLDER_ID,
                    category=category,
                    item=path.item if path is not None else "",
                    status=status,
                    identified_on=identified,
                    lifted_on=row.get("lifted_on"),
                    partner=row.text("partner"),
                    comment=row.text("comment"),
                )
            errors = validate_barrier(replace(after, item=after.item or "?"), self.today)
            if path is not None and not errors:
                wrong = disagreement(path, after, row.row)
                if wrong is not None:
                    self.problem(HISTORY, path.row, "Statut", wrong)
                    continue
                history = validate_history(after, path.steps, self.today)
                if history:
                    self.problem(HISTORY, path.row, None, history["history"])
                    continue
            steps = (path.steps if path is not None else rebuilt_history(after)) if before is None else []
            if not errors and before is None and path is None:
                errors = validate_history(after, steps, self.today)
            self.domain_problems(BARRIERS, row, errors, BARRIER_COLUMNS)
            if errors:
                continue
            if before is None:
                used = taken["id", person.id, category] if person.id is not None else taken["new", number, category]
                base = after.item or after.comment
                after.item = barrier_item(base, category, lambda item, used=used: fold(item) in used)
                used.add(fold(after.item))
                after.participant_id = person.id
                self.plan.new_barriers.append((number, after, steps))
                self.count(BARRIERS, 0)
                if path is not None:
                    self.count(HISTORY, 0, len(path.steps))
                continue
            added = self._stored_path(row.row, before, path)
            if after != before or added:
                self.plan.updated_barriers.append((row.row, before, after, added))
                self.count(BARRIERS, 1 if after != before else 2)
            else:
                self.count(BARRIERS, 2)

    def _stored_path(self, row: int, before: Barrier, path) -> list[HistoryStep] | None:
        """The steps the sheet adds to an existing barrier's stored path ([] when it gives it as stored);
        None when the sheet gives none or another path (the stored one is kept)."""
        if path is None:
            return None
        stored = self.snapshot.histories.get(before.id, [])
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
