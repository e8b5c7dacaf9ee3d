"""Issue 15: the import wizard shows the refusal of a number that names another person, row and reason."""

from __future__ import annotations

from ilot_desktop.services import vault
from tests.conftest import PASSWORD, TODAY
from tests.factories import make_participant


def test_the_wizard_names_the_row_of_a_number_held_by_another_person(qtbot, session, tmp_path):
    from ilot_desktop.ui.exchange_dialogs import ImportWizard

    session.participants.save(make_participant(file_number="DE-2025-001", last_name="Benali", first_name="Karim"))
    other, _code = vault.create(tmp_path / "autre", PASSWORD, clock=lambda: TODAY)
    try:
        other.participants.save(
            make_participant(file_number="DE-2025-001", last_name="Autrepersonne", first_name="Zoé")
        )
        workbook = tmp_path / "collegue.xlsx"
        other.exchange.export_all(workbook)
    finally:
        other.close()
    wizard = ImportWizard(session)
    qtbot.addWidget(wizard)
    wizard.resize(900, 600)
    wizard.check(workbook)
    model = wizard.problems.model()
    assert model.rowCount() == 1
    shown = [model.index(0, c).data() for c in range(model.columnCount())]
    assert "Participants" in shown and "2" in shown and "N° dossier" in shown
    assert any("autre personne" in (cell or "") and "jamais écrasé" in (cell or "") for cell in shown)
    assert not wizard.import_button.isEnabled()
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.grab().save(str(tmp_path / "refus.png"))
    assert session.participants.by_file_number("DE-2025-001").last_name == "Benali"
    wizard.reject()
