"""The window's figures, in one process: unlock, then every interaction through the real widgets.

``gui_probe.py DATA_DIR MANIFEST OUT_JSON CAPTURES_JSON --repeat N``: opens ``MainWindow`` (offscreen) on the
data folder, unlocks it through the unlock page, then drives the participant list, the Calendrier and
Résultats tabs, Ma semaine, the funder file and the printed action plan. Each timing ends once Qt has
processed the events the action posted (queued slots, layout, painting into the offscreen backing store).

The SQL each action sent (captured through SQLAlchemy's events) is written to CAPTURES_JSON, for the
baselines to replay on a bare SQLCipher connection and on a plaintext copy.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from measure import GcPauses, NoneCount, Spans, SqlRecorder, headless, peak_rss_mb, repeat, summary
from synthetic import PASSWORD

TYPING_SECONDS = 1.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("manifest", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("captures", type=Path)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--unlocks", type=int, default=5)
    parser.add_argument("--reports", type=int, default=5)
    args = parser.parse_args()
    headless()
    guard = NoneCount()  # see measure.NoneCount
    manifest = json.loads(args.manifest.read_text(encoding="utf-8"))
    results, captures = Probe(args, manifest, guard).run()
    results["none_references"] = {"at_start": guard.references(), "dropped": guard.dropped()}
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    args.captures.write_text(json.dumps(captures, ensure_ascii=False), encoding="utf-8")


class Probe:
    def __init__(self, args, manifest: dict, guard: NoneCount):
        self.args = args
        self.guard = guard
        self.manifest = manifest
        self.today = date.fromisoformat(manifest["today"])
        self.spans = Spans()
        self.gc = GcPauses()
        self.recorder = SqlRecorder()
        self.results: dict = {}
        self.captures: dict = {}

    # --- set-up -----------------------------------------------------------------------------------------

    def _instrument_window(self) -> None:
        """Time the steps of an unlock and of a switch on the window's side (before it is built)."""
        from ilot_desktop.services import vault
        from ilot_desktop.storage import keys
        from ilot_desktop.storage import vault as storage_vault
        from ilot_desktop.ui import (
            actions_page,
            barriers_page,
            bilan_page,
            home_page,
            main_window,
            outcomes_page,
            participant_form,
            timeline_page,
            week_page,
            workspace,
        )

        wrap = self.spans.wrap
        wrap(keys, "_derive", "kdf (Argon2id)")
        wrap(storage_vault, "unlock_with_password", "password -> key (KDF, key check)")
        wrap(vault.VaultSession, "_start_audit", "access log (purge, record)")
        window = main_window.MainWindow
        for name in ("_enter_workspace", "refresh_list", "auto_backup", "restore_drafts", "request_participant"):
            wrap(window, name, f"window.{name}")
        wrap(workspace.Workspace, "request_participant", "workspace.request_participant")
        for module, cls in (
            (home_page, "HomePage"),
            (week_page, "WeekPage"),
            (actions_page, "ActionsPage"),
            (timeline_page, "TimelinePage"),
            (barriers_page, "BarriersPage"),
            (outcomes_page, "OutcomesPage"),
            (bilan_page, "BilanPage"),
        ):
            wrap(getattr(module, cls), "set_session", f"{cls}.set_session")
        for module, cls in (
            (participant_form, "ParticipantForm"),
            (timeline_page, "TimelinePage"),
            (barriers_page, "BarriersPage"),
            (outcomes_page, "OutcomesPage"),
        ):
            wrap(getattr(module, cls), "show_participant", f"{cls}.show_participant")

    def _instrument_storage(self) -> None:
        """Once the window has loaded the storage layer itself (as at a real start): its steps and its SQL."""
        from ilot_desktop.services import audit, participants
        from ilot_desktop.storage import database

        wrap = self.spans.wrap
        wrap(database.Database, "open", "open database (engine, migrations check)")
        wrap(database.Database, "integrity_problems", "quick_check")
        wrap(participants.ParticipantService, "get", "participants.get")
        wrap(audit.AuditService, "record", "audit.record")
        original = database.make_engine

        def make_engine(*args, **kwargs):
            engine = original(*args, **kwargs)
            self.recorder.attach(engine)
            return engine

        database.make_engine = make_engine

    def _type_password(self) -> None:
        """A second on the unlock page, as typing the password takes: what the window does meanwhile
        (``main_window._preload_storage``) is done before the first unlock, as for a person."""
        until = time.monotonic() + TYPING_SECONDS
        while time.monotonic() < until:
            self.app.processEvents()
            time.sleep(0.01)
        if "ilot_desktop.storage.database" not in sys.modules:
            raise RuntimeError("the window did not load the storage layer")

    def _settle(self) -> None:
        """Let Qt run what the action posted: queued slots, then the layout and paint requests they made."""
        self.app.processEvents()
        self.app.processEvents()

    # --- run ----------------------------------------------------------------------------------------------

    def run(self) -> tuple[dict, dict]:
        from ilot_desktop.app import create_application
        from ilot_desktop.paths import app_paths
        from ilot_desktop.settings import LocalSettings

        self._instrument_window()
        from ilot_desktop.ui.main_window import MainWindow

        self.app = create_application(["ilot-desktop-benchmark"])
        paths = app_paths(self.args.data_dir)
        self.window = MainWindow(paths, LocalSettings(paths.settings_file), today=lambda: self.today)
        self.window.show()
        self._settle()
        self._type_password()
        self._instrument_storage()
        self.results["gc_frozen_objects"] = gc.get_freeze_count()
        self.guard.mark()  # the window is built: from here on, what the session costs
        self.out = Path(tempfile.mkdtemp(prefix="ilot-bench-files-"))
        self._unlock()
        self._search()
        self._search_baseline()
        self._switch()
        self._week()
        self._home()
        self._indicators()
        self._funder()
        self._action_plan()
        self.results["peak_rss_mb"] = peak_rss_mb()
        self.results["steps_not_found"] = self.spans.missing
        self.window.form._set_dirty(False)
        self.window.close()
        return self.results, self.captures

    def _timed(self, name: str, action, times: int, warmup: int = 2, capture: bool = True) -> dict:
        """Repeat ``action``; its figures, the average breakdown, and the SQL of one more (untimed) run."""
        self.spans.reset()
        self.gc.take()
        durations = repeat(action, times, warmup)
        spans = {k: round(v / (times + warmup), 2) for k, v in self.spans.snapshot_ms().items()}
        figures = summary(durations) | ({"breakdown_ms": spans} if spans else {}) | {"gc": self.gc.take()}
        if capture:
            with self.recorder.capture():
                action(times + warmup)
            self.captures[name] = self.recorder.take()
            figures["statements"] = len(self.captures[name])
        self.results[name] = figures
        return figures

    # --- unlock -----------------------------------------------------------------------------------------

    def _unlock_once(self) -> tuple[float, dict]:
        page = self.window.unlock_page
        page.password.setText(PASSWORD)
        self.spans.reset()
        started = time.perf_counter()
        page.unlock_button.click()
        self._settle()
        elapsed = time.perf_counter() - started
        if self.window.stack.currentWidget() is not self.window.workspace:
            raise RuntimeError(f"unlock failed: {page.error.text() if hasattr(page.error, 'text') else ''}")
        return elapsed, self.spans.snapshot_ms()

    def _unlock(self) -> None:
        first, first_spans = self._unlock_once()  # the day's first unlock: the window first, then the backup
        backup_started = time.perf_counter()
        while "window.auto_backup" not in self.spans.snapshot_ms():  # it runs just after the window shows
            if time.perf_counter() - backup_started > 10:
                break
            self.app.processEvents()
            time.sleep(0.01)
        first_spans = self.spans.snapshot_ms()  # the backup's own time, measured apart from the unlock
        times, kdf, spans = [], [], []
        for i in range(self.args.unlocks):
            self.window.lock()
            self._settle()
            if i == self.args.unlocks - 1:
                with self.recorder.capture():
                    elapsed, breakdown = self._unlock_once()
                self.captures["unlock"] = self.recorder.take()
            else:
                elapsed, breakdown = self._unlock_once()
            times.append(elapsed)
            kdf.append(breakdown.get("kdf (Argon2id)", 0.0) / 1000)
            spans.append(breakdown)
        beyond = [t - k for t, k in zip(times, kdf, strict=True)]
        self.results["unlock"] = {
            "total": summary(times),
            "kdf": summary(kdf),
            "beyond_kdf": summary(beyond),
            "breakdown_ms": {k: round(sum(s.get(k, 0) for s in spans) / len(spans), 1) for k in spans[-1]},
            "first_of_day_ms": round(first * 1000, 1),
            "first_of_day_breakdown_ms": first_spans,
            "statements": len(self.captures["unlock"]),
        }

    # --- interactions -----------------------------------------------------------------------------------

    def _press(self, widget, key, text: str = "") -> None:
        """A key press and release, as the keyboard sends them (the text is what QLineEdit inserts)."""
        from PySide6.QtCore import QEvent, Qt
        from PySide6.QtGui import QKeyEvent

        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            self.app.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text))

    def _search(self) -> None:
        """Type the manifest's words letter by letter in the list's search field, then three backspaces."""
        from PySide6.QtCore import Qt

        panel = self.window.list_panel
        words = self.manifest["search_words"]
        for code in ("all", "ongoing"):
            panel.set_filter_code(code)
            panel.search.clear()
            self._settle()
            keys: list[tuple[object, str]] = []
            while len(keys) < self.args.repeat:
                for word in words:
                    keys += [(_key_of(letter), letter) for letter in word] + [(Qt.Key.Key_Backspace, "")] * 3
                    keys.append((None, ""))
            warm = [(_key_of(letter), letter) for letter in words[0]] + [(None, "")]
            durations = []
            self.gc.take()
            for n, (key, text) in enumerate(warm + keys):
                if key is None:  # the field emptied between words (untimed)
                    panel.search.clear()
                    self._settle()
                    continue
                started = time.perf_counter()
                self._press(panel.search, key, text)
                self._settle()
                if n >= len(warm):
                    durations.append(time.perf_counter() - started)
            self.results[f"search_{code}"] = summary(durations) | {
                "rows": panel.model.rowCount(),
                "words": words,
                "gc": self.gc.take(),
            }
        panel.set_filter_code("ongoing")
        panel.search.clear()
        self._settle()

    def _search_baseline(self) -> None:
        """The same keystrokes into a bare QLineEdit filtering the same 2,000 rows with Qt's own filter
        (``QSortFilterProxyModel.setFilterFixedString`` on a ``QStandardItemModel``, sorted by name)."""
        from PySide6.QtCore import QSortFilterProxyModel, Qt
        from PySide6.QtGui import QStandardItem, QStandardItemModel
        from PySide6.QtWidgets import QLineEdit, QTableView, QVBoxLayout, QWidget

        source = self.window.list_panel.model
        model = QStandardItemModel(0, 4)
        for row in range(source.rowCount()):
            model.appendRow([QStandardItem(source.index(row, column).data() or "") for column in range(4)])
        proxy = QSortFilterProxyModel()
        proxy.setSourceModel(model)
        proxy.setFilterKeyColumn(-1)
        proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        proxy.sort(1)
        window = QWidget()
        field, view = QLineEdit(window), QTableView(window)
        view.setModel(proxy)
        layout = QVBoxLayout(window)
        layout.addWidget(field)
        layout.addWidget(view)
        field.textChanged.connect(proxy.setFilterFixedString)
        window.resize(430, 760)
        window.show()
        self._settle()
        words = self.manifest["search_words"]
        keys: list[tuple[object, str]] = []
        while len(keys) < self.args.repeat:
            for word in words:
                keys += [(_key_of(letter), letter) for letter in word] + [(Qt.Key.Key_Backspace, "")] * 3
                keys.append((None, ""))
        durations = []
        for key, text in keys:
            if key is None:
                field.clear()
                self._settle()
                continue
            started = time.perf_counter()
            self._press(field, key, text)
            self._settle()
            durations.append(time.perf_counter() - started)
        self.results["search_bare_qt"] = summary(durations)
        window.close()
        window.deleteLater()
        self._settle()

    def _switch(self) -> None:
        """Choose another row of the list; done once the form (and the other tabs) show that person."""
        from ilot_desktop.ui.participant_list import SummaryRole

        window, panel = self.window, self.window.list_panel
        window.tabs.setCurrentWidget(window.dossier_tabs)
        window.dossier_tabs.setCurrentWidget(window.form)
        for code in ("ongoing", "all"):
            panel.set_filter_code(code)
            panel.search.clear()
            self._settle()
            rng = random.Random(7)
            count = panel.proxy.rowCount()
            rows = [rng.randrange(count)]
            while len(rows) < self.args.repeat + 3:  # warm-up, timed runs, the captured one
                row = rng.randrange(count)
                if row != rows[-1]:
                    rows.append(row)

            def switch(i, rows=rows):
                index = panel.proxy.index(rows[i % len(rows)], 0)
                wanted = index.data(SummaryRole).id
                panel.table.setCurrentIndex(index)
                self._settle()
                if window.form.current is None or window.form.current.id != wanted:
                    raise RuntimeError("the form does not show the chosen participant")

            self._timed(f"switch_{code}", switch, self.args.repeat)
            self.results[f"switch_{code}"]["rows"] = count
        panel.set_filter_code("ongoing")
        self._settle()

    def _week(self) -> None:
        window = self.window
        window.tabs.setCurrentWidget(window.calendar_tabs)
        window.calendar_tabs.setCurrentWidget(window.week)
        weeks = [date.fromisoformat(w) for w in self.manifest["busiest_weeks"]]

        def week(i):
            window.week.go_to(weeks[i % 2])
            self._settle()

        self._timed("week", week, self.args.repeat)
        self.results["week"]["appointments"] = self.manifest["busiest_week_appointments"]

    def _home(self) -> None:
        window = self.window
        window.tabs.setCurrentWidget(window.home)
        self._settle()

        def home(_i):
            window.home.refresh()
            self._settle()

        self._timed("home", home, self.args.repeat)

    def _indicators(self) -> None:
        """Choose a year in the Bilan (the figures, the table and the charts); and the computation alone."""
        window = self.window
        window.tabs.setCurrentWidget(window.results_tabs)
        window.results_tabs.setCurrentWidget(window.bilan)
        self._settle()
        combo = window.bilan.year
        years = [combo.findData(self.today.year - 1), combo.findData(self.today.year - 2)]

        def bilan(i):
            combo.setCurrentIndex(years[i % 2])
            self._settle()

        times = max(10, self.args.repeat // 2)
        self._timed("indicators", bilan, times)
        session = window.session
        self._timed("indicators_service", lambda _i: session.indicators.compute(self.today.year - 1), times, 1, False)

    def _funder(self) -> None:
        session = self.window.session
        year = self.today.year - 1

        def funder(i):
            session.funder.write(year, None, self.out / f"bilan-{i}.xlsx", self.out / f"bilan-{i}.pdf")

        self.spans.wrap(session.funder._indicators, "facts", "indicators.facts (queries)")
        from ilot_desktop.reports import funder_file, funder_pdf

        self.spans.wrap(funder_file, "render_funder_workbook", "render xlsx")
        self.spans.wrap(funder_pdf, "render_funder_summary", "render pdf")
        self._timed("funder", funder, self.args.reports, warmup=1)

    def _action_plan(self) -> None:
        from ilot_desktop.reports import action_plan

        session = self.window.session
        participant = self.manifest["plan_participant"]
        self.spans.wrap(session.plan, "document", "plan.document (queries)")
        self.spans.wrap(action_plan, "write_action_plan", "write_action_plan (PDF)")

        def plan(_i):
            action_plan.write_action_plan(self.out / "plan.pdf", session.plan.document(participant))

        self._timed("action_plan", plan, self.args.repeat)
        self.results["action_plan"]["tasks"] = self.manifest["plan_tasks"]


def _key_of(letter: str):
    from PySide6.QtCore import Qt

    if letter.isascii() and letter.isalnum():
        return Qt.Key(ord(letter.upper()))
    return Qt.Key.Key_Space if letter == " " else Qt.Key.Key_unknown


if __name__ == "__main__":
    main()
