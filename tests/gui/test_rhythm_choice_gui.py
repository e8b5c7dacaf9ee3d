"""The rhythm list offers each rhythm once, the default marked, and keeps what a file stored."""

from __future__ import annotations

import pytest

from ilot_desktop.domain.vocabulary import Cadence
from ilot_desktop.services import vault
from ilot_desktop.ui.widgets import ChoiceCombo
from tests.conftest import PASSWORD, TODAY
from tests.factories import make_participant

RHYTHMS = ["Hebdomadaire (par défaut)", "Tous les 15 jours", "Mensuel", "Suivi dans l'emploi"]


@pytest.fixture
def window(make_window, tmp_path):
    folder = tmp_path / "donnees"
    session, _code = vault.create(folder, PASSWORD, clock=lambda: TODAY)
    ids = {
        cadence: session.participants.save(
            make_participant(file_number=f"DE-2026-00{n}", last_name=f"Nom{n}", cadence=cadence)
        ).id
        for n, cadence in enumerate((None, Cadence.WEEKLY, Cadence.MONTHLY), start=1)
    }
    session.close()
    w = make_window(folder)
    w.unlock(PASSWORD)
    w.ids = ids
    return w


def items(combo) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def test_each_rhythm_is_offered_once_and_the_default_is_marked(window):
    window.open_participant(window.ids[None])
    combo = window.form.editors["cadence"]
    assert items(combo) == RHYTHMS
    assert sum("Hebdomadaire" in text for text in items(combo)) == 1
    assert combo.currentText() == "Hebdomadaire (par défaut)"


@pytest.mark.parametrize("stored", [None, Cadence.WEEKLY, Cadence.MONTHLY], ids=["nothing", "weekly", "monthly"])
def test_saving_a_file_keeps_the_rhythm_it_stored(window, stored):
    window.open_participant(window.ids[stored])
    form = window.form
    combo = form.editors["cadence"]
    assert combo.currentText() == (stored.label if stored is Cadence.MONTHLY else "Hebdomadaire (par défaut)")
    phone = form.editors["phone"]
    phone.setText("06 11 22 33 44")
    phone.textEdited.emit(phone.text())
    assert form.save()
    assert window.session.participants.get(window.ids[stored]).cadence is stored


def test_choosing_the_default_again_reads_as_the_default(window):
    window.open_participant(window.ids[Cadence.MONTHLY])
    form = window.form
    combo = form.editors["cadence"]
    combo.setCurrentIndex(0)
    assert form.is_dirty()
    assert form.save()
    assert window.session.participants.get(window.ids[Cadence.MONTHLY]).cadence in (None, Cadence.WEEKLY)


def test_a_kept_draft_puts_the_stored_default_back(window):
    window.open_participant(window.ids[Cadence.WEEKLY])
    form = window.form
    snapshot = form.snapshot()
    form.restore(snapshot)
    assert form.read()[0].cadence is Cadence.WEEKLY
    assert form.editors["cadence"].currentIndex() == 0


def test_a_choice_list_with_a_default_member(qtbot):
    combo = ChoiceCombo(Cadence, "Rythme", placeholder="Hebdomadaire (par défaut)", default=Cadence.WEEKLY)
    qtbot.addWidget(combo)
    assert items(combo) == RHYTHMS
    combo.set_value(Cadence.WEEKLY)
    assert (combo.currentIndex(), combo.value()) == (0, Cadence.WEEKLY)
    combo.set_value(None)
    assert (combo.currentIndex(), combo.value()) == (0, None)
    combo.set_value(Cadence.MONTHLY)
    assert combo.value() is Cadence.MONTHLY
