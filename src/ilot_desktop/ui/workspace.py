"""The workspace: the participant list beside the tabs (Ma semaine, Dossier, Freins, Calendrier, Résultats).

Built by the window at the first unlock, then kept (locking clears it). Which page redraws after which write is
not listed here: each page subscribes itself to the session-events hub (``bind_events``). The workspace only
says who is shown (``participant_shown``), turns the form's save into ``participant_saved``, and keeps the
list of people up to date.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QSplitter, QTabWidget, QWidget

from ilot_desktop.domain.dates import format_date
from ilot_desktop.errors import IlotError
from ilot_desktop.ui import dialogs
from ilot_desktop.ui.actions_page import ActionsPage
from ilot_desktop.ui.barriers_page import BarriersPage
from ilot_desktop.ui.bilan_page import BilanPage
from ilot_desktop.ui.home_page import HomePage
from ilot_desktop.ui.outcomes_page import OutcomesPage
from ilot_desktop.ui.participant_form import ParticipantForm
from ilot_desktop.ui.participant_list import ParticipantListPanel
from ilot_desktop.ui.session_events import EventPage, SessionEvents
from ilot_desktop.ui.timeline_page import TimelinePage
from ilot_desktop.ui.week_page import WeekPage

if TYPE_CHECKING:
    from ilot_desktop.domain.participant import Participant
    from ilot_desktop.ui.session_api import Session


class Workspace(QSplitter):
    """The pages of an open file, and the moves between them (open a person, a new file, an action)."""

    def __init__(self, today: Callable[[], date], events: SessionEvents, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.today = today
        self.events = events
        self.session: Session | None = None
        self.list_panel = ParticipantListPanel(today, self)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Onglets")
        self.home = HomePage(today, self.tabs)
        self.form = ParticipantForm(today)
        self.timeline = TimelinePage(today)
        self.dossier_tabs = self._group(
            "Dossier du participant", (self.form, "Fic&he"), (self.timeline, "S&uivi et rendez-vous")
        )
        self.barriers = BarriersPage(today, self.tabs)
        self.outcomes = OutcomesPage(today)
        self.bilan = BilanPage(today)
        self.results_tabs = self._group(
            "Résultats", (self.outcomes, "&Parcours de la personne"), (self.bilan, "&Bilan de l'année")
        )
        self.week = WeekPage(today)
        self.actions_page = ActionsPage(today)
        self.calendar_tabs = self._group(
            "Calendrier", (self.week, "S&emaine"), (self.actions_page, "Actions &collectives")
        )
        self.tabs.addTab(self.home, "&Ma semaine")
        self.tabs.addTab(self.dossier_tabs, "&Dossier")
        self.tabs.addTab(self.barriers, "F&reins et plan d'action")
        self.tabs.addTab(self.calendar_tabs, "Ca&lendrier")
        self.tabs.addTab(self.results_tabs, "&Résultats")
        self._previous_tab = 0
        self.tabs.currentChanged.connect(self._tab_changed)
        self.addWidget(self.list_panel)
        self.addWidget(self.tabs)
        self.setStretchFactor(0, 0)
        self.setStretchFactor(1, 1)
        self.setSizes([400, 880])
        # Queued: the switch (which may save and refresh the list) runs after the selection change is over.
        self.list_panel.participant_requested.connect(self.request_participant, Qt.ConnectionType.QueuedConnection)
        self.list_panel.new_requested.connect(self.new_participant)
        self.home.participant_requested.connect(self._open_from_home)
        self.barriers.list_requested.connect(self.list_panel.focus_search)  # the Freins tab with nobody chosen
        self.form.saved.connect(self._form_saved)
        self.form.open_existing_requested.connect(self.open_participant)
        self.form.dirty_changed.connect(self._dirty_changed)
        self.week.action_requested.connect(self.show_action)
        self.timeline.action_requested.connect(self.show_action)
        # The workspace's own subscriptions first: the planned appointments after an end are settled, and the
        # list redrawn, before the pages redraw.
        events.participant_saved.connect(self._participant_saved)
        events.participants_changed.connect(self._participants_changed)
        for page in self.pages():
            page.bind_events(events)
        # A window left open past midnight: Ma semaine, the calendar and the Bilan move to the new day.
        self._day = today()
        self.day_timer = QTimer(self)
        self.day_timer.setInterval(60_000)
        self.day_timer.timeout.connect(self.check_day)
        self.day_timer.start()

    def _group(self, name: str, *pages: tuple[QWidget, str]) -> QTabWidget:
        group = QTabWidget(self.tabs)
        group.setAccessibleName(name)
        for page, title in pages:
            group.addTab(page, title)
        return group

    def pages(self) -> tuple[EventPage, ...]:
        """Every page bound to the hub (the participant form is driven by the workspace)."""
        return (self.home, self.week, self.actions_page, self.timeline, self.barriers, self.outcomes, self.bilan)

    # --- the open file ------------------------------------------------------------------------------

    def set_session(self, session: Session | None, list_filter: str = "") -> None:
        """Show an open file (Ma semaine first), or clear every page (locking)."""
        self.session = session
        self.form.set_service(session.participants if session is not None else None)
        self.form.set_team(getattr(session, "team", None) if session is not None else None)  # « Transmis à… »
        if session is None:
            self.form.clear()
        for page in self.pages():
            page.set_session(session)
        if session is None:
            self.list_panel.clear()
            return
        self.list_panel.set_filter_code(list_filter)
        self.refresh_list()
        self.form.show_participant(None)
        self.tabs.setCurrentWidget(self.home)
        self.list_panel.focus_search()

    def check_day(self) -> None:
        """When the date changed since the pages were drawn, they are drawn again for the new day."""
        today = self.today()
        if today == self._day:
            return
        previous, self._day = self._day, today
        if self.session is None:
            return
        self.home.refresh()
        self.week.refresh()
        self.bilan.new_day(previous, today)

    def discard_edits(self) -> None:
        """Every page forgets what is being typed (kept as drafts by the lock, or left by the person)."""
        self.form.discard_edits()
        for page in self.pages():
            page.discard_edits()

    def refresh_list(self) -> None:
        if self.session is not None:
            self.list_panel.set_rows(self.session.participants.summaries())

    def confirm_leave(self) -> bool:
        """True when the current file may be left (saved, discarded, or nothing to save)."""
        if not self.outcomes.confirm_leave():
            return False
        if not self.form.is_dirty():
            return True
        answer = dialogs.ask_unsaved(self, self.form.who())
        if answer is dialogs.Answer.SAVE:
            return self.form.save()
        if answer is dialogs.Answer.DISCARD:
            self.form.discard_edits()  # decided once: not asked again on the way out
            return True
        return False

    def confirm_close(self) -> bool:
        """Before quitting or restoring: the participant file (``confirm_leave``), then every page in turn. A page
        with typing of its own to settle defines ``confirm_leave() -> bool`` (asks, saves or discards; False
        keeps the window as it is)."""
        if not self.confirm_leave():
            return False
        for page in self.pages():
            ask = getattr(page, "confirm_leave", None)
            if callable(ask) and not ask():
                return False
        return True

    # --- who is shown -------------------------------------------------------------------------------

    def request_participant(self, participant_id: int, tab: QWidget | None = None) -> None:
        if not self.confirm_leave():
            # Stay on what the form shows now (it may be another file, opened as a duplicate).
            current = self.form.current
            self.list_panel.select(current.id if current else None, emit=False)
            return
        self.open_participant(participant_id, tab)

    def open_participant(self, participant_id: int, tab: QWidget | None = None) -> None:
        """Show a participant everywhere; stay on a per-person tab (Freins, Résultats) if one is showing."""
        if self.session is None:
            return
        try:
            participant = self.session.participants.open_for_viewing(participant_id)  # the access log says so
        except IlotError as error:
            dialogs.show_error(self, error)
            self.refresh_list()
            return
        self.form.show_participant(participant)
        self.events.participant_shown.emit(participant)
        self.list_panel.select(participant_id, emit=False)
        if tab is None:
            current = self.tabs.currentWidget()
            tab = current if current in (self.dossier_tabs, self.barriers, self.results_tabs) else self.dossier_tabs
        self.tabs.setCurrentWidget(tab)

    def new_participant(self) -> None:
        if self.session is None or not self.confirm_leave():
            return
        self.show_new_file()
        self.tabs.setCurrentWidget(self.dossier_tabs)
        self.dossier_tabs.setCurrentWidget(self.form)

    def show_new_file(self) -> None:
        """A blank file in the form; nobody on the per-person pages."""
        assert self.session is not None
        self.list_panel.select(None, emit=False)
        self.form.show_participant(self.session.participants.new_draft())
        self.events.participant_shown.emit(None)

    def forget_shown(self) -> None:
        """The file shown was erased: nobody is shown, every list of people redraws."""
        self.form.discard_edits()
        self.form.show_participant(None)
        self.events.participant_shown.emit(None)
        self.events.participants_changed.emit(None)

    def _open_from_home(self, participant_id: int, section: str) -> None:
        """A line of Ma semaine: a late task opens the plan, anything else the participant file."""
        tab = self.barriers if section == "overdue" else self.dossier_tabs
        self.request_participant(participant_id, tab)

    def show_action(self, action_id: int) -> None:
        self.tabs.setCurrentWidget(self.calendar_tabs)
        self.calendar_tabs.setCurrentWidget(self.actions_page)
        self.actions_page.request_action(action_id)

    def show_tab(self, tab: QWidget) -> None:
        """Show a tab without the "leave the file?" question (a restored file stays unsaved on its tab)."""
        for tabs in (self.dossier_tabs, self.calendar_tabs, self.results_tabs):
            if tabs.indexOf(tab) >= 0:
                tabs.setCurrentWidget(tab)
                tab = tabs
        self.tabs.blockSignals(True)
        self.tabs.setCurrentWidget(tab)
        self.tabs.blockSignals(False)
        self._previous_tab = self.tabs.currentIndex()

    def _tab_changed(self, index: int) -> None:
        """Leaving the participant file with unsaved edits asks first (another tab may change the file)."""
        previous, self._previous_tab = self._previous_tab, index
        if self.tabs.widget(previous) is self.dossier_tabs and index != previous and not self.confirm_leave():
            self.tabs.blockSignals(True)
            self.tabs.setCurrentIndex(previous)
            self.tabs.blockSignals(False)
            self._previous_tab = previous

    def _dirty_changed(self, dirty: bool) -> None:
        self.window().setWindowModified(dirty)

    # --- after a write ------------------------------------------------------------------------------

    def _form_saved(self, participant: Participant) -> None:
        self.events.participant_saved.emit(participant, self.form)

    def _participant_saved(self, participant: Participant, source: object) -> None:
        """A file was saved (here or on Résultats): its planned appointments after an end are settled, the list
        redraws, and the form shows it (the pages redraw themselves)."""
        if participant.end_date is not None:
            self._offer_to_cancel_after(participant)
        self.refresh_list()
        self.list_panel.select(participant.id, emit=False)
        if source is not self.form:
            self.form.show_participant(participant)

    def _participants_changed(self, _source: object) -> None:
        self.refresh_list()

    def _offer_to_cancel_after(self, participant: Participant) -> None:
        """A closed file keeps no planned appointment after its end, unless the caseworker wants it."""
        if self.session is None or participant.id is None or participant.end_date is None:
            return
        planned = self.session.followup.planned_after(participant.id, participant.end_date)
        if not planned:
            return
        count = len(planned)
        what = "le rendez-vous prévu" if count == 1 else f"les {count} rendez-vous prévus"
        if dialogs.confirm(
            self,
            "Accompagnement terminé",
            f"Annuler {what} après la fin d'accompagnement ({format_date(participant.end_date)}) ?",
            "Ils resteraient sinon dans la semaine et dans « Ma semaine ».",
            "Annuler les rendez-vous",
        ):
            # no appointments_changed: every page showing appointments redraws after participant_saved
            self.session.followup.cancel_planned_after(participant.id, participant.end_date)
