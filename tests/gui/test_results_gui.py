"""Outcomes, end of accompaniment, the Bilan with its explanations, the funder file, import and export."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest

from ilot_desktop.domain.vocabulary import Cadence, DropoutReason, EndReason, OutcomeType
from ilot_desktop.services import vault
from tests.conftest import PASSWORD, TODAY
from tests.factories import make_participant


@pytest.fixture
def window(make_window, tmp_path):
    folder = tmp_path / "donnees"
    session, _code = vault.create(folder, PASSWORD, clock=lambda: TODAY)
    person = session.participants.save(
        make_participant(
            entry_date=date(2026, 3, 2), consent_date=date(2026, 3, 2), planned_release_date=date(2026, 5, 1)
        )
    )
    session.close()
    w = make_window(folder)
    w.unlock(PASSWORD)
    w.open_participant(person.id)
    w.tabs.setCurrentWidget(w.results_tabs)
    w.person_id = person.id
    return w


def test_record_a_job_and_switch_to_employment_follow_up(window, answers):
    page = window.outcomes
    assert "six mois dépassés" in page.milestones.text() and "02/03/2028" in page.milestones.text()
    page.new_outcome()
    page.outcome_type.set_value(OutcomeType.CDD_SHORT)
    page.on.set_value(date(2026, 11, 16))
    page.employer.setText("Eiffage")
    answers.queue(True)  # "Passer en suivi dans l'emploi ?"
    assert page.save_outcome()
    assert page.table.rowCount() == 1 and page.table.item(0, 1).text() == "CDD de moins de 6 mois"
    assert window.session.participants.get(window.person_id).cadence is Cadence.EMPLOYMENT
    assert window.form.current.cadence is Cadence.EMPLOYMENT  # the file shown elsewhere follows


def test_dropout_needs_its_reason_and_nothing_typed_is_lost(window):
    page = window.outcomes
    page.new_outcome()
    page.outcome_type.set_value(OutcomeType.DROPOUT)
    assert page.dropout_reason.isEnabled() and not page.employer.isEnabled()
    page.comment.setPlainText("Ne répond plus depuis trois semaines")
    assert not page.save_outcome()
    assert "motif" in page.errors["dropout_reason"].text()
    assert page.comment.toPlainText() == "Ne répond plus depuis trois semaines"
    page.dropout_reason.set_value(DropoutReason.UNREACHABLE)
    assert page.save_outcome()


def test_close_and_reopen_the_accompaniment(window, answers):
    page = window.outcomes
    page.end_date.set_value(date(2026, 11, 20))
    page.close_button.click()
    assert "Indiquez comment" in page.end_error.text()
    page.end_reason.set_value(EndReason.POSITIVE)
    page.close_button.click()
    closed = window.session.participants.get(window.person_id)
    assert (closed.end_date, closed.end_reason) == (date(2026, 11, 20), EndReason.POSITIVE)
    assert "terminé le 20/11/2026" in page.milestones.text()
    assert window.list_panel.model._rows[0].end_date == date(2026, 11, 20)  # the list knows it is closed
    assert window.list_panel.proxy.index(0, 2).data() == "—"
    answers.queue(True)
    page.reopen_button.click()
    assert window.session.participants.get(window.person_id).end_date is None


def test_leaving_the_file_with_unsaved_edits_asks_before_another_tab(window, answers):
    from ilot_desktop.ui import dialogs

    window.tabs.setCurrentWidget(window.dossier_tabs)
    window.form.editors["notes"].setPlainText("Note en cours")
    answers.queue(dialogs.Answer.CANCEL)
    window.tabs.setCurrentWidget(window.results_tabs)
    assert window.tabs.currentWidget() is window.dossier_tabs
    assert window.form.editors["notes"].toPlainText() == "Note en cours"


def test_bilan_shows_and_explains_the_figures(window):
    from ilot_desktop.domain.outcomes import Outcome

    window.session.outcomes.save(Outcome(window.person_id, date(2026, 11, 16), OutcomeType.CDI))
    window.results_tabs.setCurrentWidget(window.bilan)
    bilan = window.bilan
    bilan.refresh()
    labels = [bilan.table.item(r, 0).text() for r in range(bilan.table.rowCount())]
    assert labels[:5] == ["Année", "Date d'arrêté", "File active", "Entrées", "Accès à l'emploi ou à la formation"]
    values = {bilan.table.item(r, 0).text(): bilan.table.item(r, 1).text() for r in range(bilan.table.rowCount())}
    assert values["File active"] == "1" and values["Taux d'accès à l'emploi ou à la formation"] == "100\u00a0%"
    row = labels.index("Accès à l'emploi ou à la formation")
    bilan.table.selectRow(row)
    lines = [bilan.explanation.item(i).text() for i in range(bilan.explanation.count())]
    assert lines and lines[0].startswith("DE-2026-001") and "CDI" in lines[0]
    assert "Marqueur" not in " ".join(lines)  # file numbers, never names
    assert bilan.outcome_chart.rows  # the chart has something to draw


def test_funder_file_from_the_dialog(window, answers, tmp_path):
    from ilot_desktop.ui.funder_dialog import FunderDialog

    dialog = FunderDialog(window.session, lambda: TODAY, window)
    assert not dialog.pseudonymised.isChecked()  # off by default
    assert dialog.as_of.text() == "27/11/2026"
    target = tmp_path / "bilan.xlsx"
    answers.queue(target)
    dialog.write()
    sheet = openpyxl.load_workbook(target)["Synthèse"]
    assert sheet["A1"].value == "Indicateur" and sheet["B1"].value == "Valeur"
    assert (tmp_path / "bilan.pdf").read_bytes().startswith(b"%PDF")
    dialog.as_of.edit.setText("15/01/2025")
    assert dialog.read() is None and "2026" in dialog.error.text()


def test_import_wizard_checks_then_imports(window, answers, tmp_path):
    from ilot_desktop.ui.exchange_dialogs import ImportWizard

    good = tmp_path / "equipe.xlsx"
    window.session.exchange.write_template(good)
    book = openpyxl.load_workbook(good)
    rows = book["Participants"]
    rows.append(
        [
            "DE-2026-050",
            "Nouveau",
            "Importé",
            "Homme",
            date(1990, 5, 4),
            "",
            "SPIP de Paris",
            "Milieu ouvert",
            "",
            None,
            "Squat",
            date(2026, 10, 1),
            None,
        ]
    )
    book.save(good)
    wizard = ImportWizard(window.session, window)
    wizard.check(good)
    assert wizard.preview.ok and wizard.import_button.isEnabled()
    wizard.apply()
    assert "Import terminé" in wizard.done_label.text()
    wizard.accept()
    assert any(s.file_number == "DE-2026-050" for s in window.session.participants.summaries())

    bad = tmp_path / "faux.xlsx"
    bad.write_bytes(b"ceci n'est pas un classeur")
    wizard = ImportWizard(window.session, window)
    wizard.check(bad)
    assert not wizard.preview.ok and not wizard.import_button.isEnabled()
    assert wizard.problems.model().rowCount() >= 1
    wizard.reject()


def test_export_everything_warns_first(window, answers, tmp_path):
    from ilot_desktop.ui.exchange_dialogs import export_everything

    answers.queue(False)
    assert not export_everything(window.session, window)
    target = tmp_path / "tout.xlsx"
    answers.queue(True, target)
    assert export_everything(window.session, window)
    assert openpyxl.load_workbook(target)["Participants"]["A2"].value == "DE-2026-001"
