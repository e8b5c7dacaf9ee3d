"""The small shared widgets the pages are built from: typed choices and table cells."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QTableWidget

from ilot_desktop.domain.vocabulary import EndReason, TaskOwner
from ilot_desktop.ui.widgets import ChoiceCombo, read_only_item, table_item


def test_a_choice_gives_its_member_and_its_stored_code(qtbot):
    combo = ChoiceCombo(EndReason, "Motif")
    qtbot.addWidget(combo)
    assert combo.value() is None and combo.code() is None  # the "not chosen" entry
    combo.set_value(EndReason.POSITIVE)
    assert combo.value() is EndReason.POSITIVE
    assert combo.code() == EndReason.POSITIVE.value and type(combo.code()) is str


def test_a_choice_without_placeholder_always_has_a_value(qtbot):
    combo = ChoiceCombo(TaskOwner, "Qui", placeholder=None)
    qtbot.addWidget(combo)
    first = next(iter(TaskOwner))
    assert combo.count() == len(TaskOwner)
    assert combo.value() is first
    combo.set_value(None)  # nothing to choose "not chosen" with: the first member stays
    assert combo.value() is first


def test_table_item_gives_a_filled_cell_and_refuses_an_empty_one(qtbot):
    table = QTableWidget(1, 2)
    qtbot.addWidget(table)
    table.setItem(0, 0, read_only_item("DE-2026-001", 7))
    assert table_item(table, 0, 0).text() == "DE-2026-001"
    with pytest.raises(LookupError):
        table_item(table, 0, 1)
