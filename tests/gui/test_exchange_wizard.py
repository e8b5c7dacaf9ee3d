"""The import wizard shows the first 200 problems and how many more there are, and likely duplicates first."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from ilot_desktop.domain.exchange import ImportPreview, ImportProblem, ProblemList
from ilot_desktop.domain.exchange_parse import ParsedWorkbook


def _wizard(qtbot, preview: ImportPreview):
    from ilot_desktop.services.exchange import CheckedWorkbook
    from ilot_desktop.ui.exchange_dialogs import ImportWizard

    def check(path, progress):
        return CheckedWorkbook(path, ParsedWorkbook(), preview)

    session = SimpleNamespace(exchange=SimpleNamespace(check=check))
    wizard = ImportWizard(session)
    qtbot.addWidget(wizard)
    wizard.check(Path("equipe.xlsx"))
    return wizard


def test_the_first_200_problems_and_the_count(qtbot):
    problems = ProblemList(ImportProblem("Participants", n, "Sexe", "Valeur non autorisée.") for n in range(2, 30_002))
    wizard = _wizard(qtbot, ImportPreview(problems=problems))
    assert wizard.problems.model().rowCount() == 200
    assert wizard.problems.model().index(0, 1).data() == "2"
    assert not wizard.more_problems.isHidden()
    assert wizard.more_problems.text() == "… et 29\u00a0800 autres problèmes"
    assert wizard.verdict.text().startswith("30\u00a0000 problèmes à corriger")
    assert "Les 200 premiers sont listés" in wizard.verdict.text()
    assert not wizard.import_button.isEnabled()
    wizard.reject()


def test_a_few_problems_are_all_listed_without_a_count_line(qtbot):
    problems = ProblemList([ImportProblem("Freins", 3, "Statut", "Cette cellule est obligatoire.")])
    wizard = _wizard(qtbot, ImportPreview(problems=problems))
    assert wizard.problems.model().rowCount() == 1 and wizard.more_problems.isHidden()
    assert wizard.verdict.text().startswith("1 problème à corriger")
    wizard.reject()


def test_likely_duplicates_are_shown_first_and_do_not_block(qtbot):
    line = "Participants, ligne 3 : le dossier « DE-2026-014 » a les mêmes nom, prénom et date de naissance…"
    wizard = _wizard(qtbot, ImportPreview(duplicates=[line]))
    assert not wizard.duplicates.isHidden()
    assert wizard.duplicates.text().startswith("Doublons probables")
    assert line in wizard.duplicates.text()
    assert wizard.import_button.isEnabled()  # listed prominently, never blocking
    layout = wizard.pages.widget(1).layout()
    assert layout.indexOf(wizard.duplicates) < layout.indexOf(wizard.counts)
    wizard.reject()
