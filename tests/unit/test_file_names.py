"""Names the application proposes are valid Windows file names; a held file is waited for on Windows.

Found by building and running the Windows version under Wine (make windows-test): a file number typed as
« DE/2026:01 » made the proposed « copie-des-donnees-DE/2026:01.pdf » a sub-folder on Linux and an NTFS
alternate stream on Windows; a file held for a moment by an indexer or an antivirus made the export fail at
once (os.replace → PermissionError on Windows).
"""

from __future__ import annotations

import errno

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ilot_desktop import file_names

WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


@pytest.mark.parametrize(
    ("proposed", "expected"),
    [
        ("copie-des-donnees-DE/2026:01.pdf", "copie-des-donnees-DE-2026-01.pdf"),
        ('plan "A" <B> | C? *.pdf', "plan -A- -B- - C- -.pdf"),
        ("CON", "CON_"),
        ("nul.pdf", "nul_.pdf"),
        ("Com1.tar.gz", "Com1_.tar.gz"),
        ("LPT9 .xlsx", "LPT9 _.xlsx"),
        ("console.pdf", "console.pdf"),
        ("bilan. . ", "bilan"),
        ("a\\b\tc.pdf", "a-b-c.pdf"),
        ("", "document"),
        ("données équipe.xlsx", "données équipe.xlsx"),
    ],
)
def test_portable_name(proposed, expected):
    assert file_names.portable_name(proposed) == expected


@given(st.text(max_size=300))
def test_any_text_gives_a_windows_file_name(text):
    name = file_names.portable_name(text)
    assert name and len(name) <= file_names.MAX_NAME
    assert not set(name) & set('<>:"/\\|?*') and all(ord(c) >= 32 for c in name)
    assert not name.endswith((".", " "))
    assert name.split(".")[0].strip().upper() not in WINDOWS_RESERVED


def test_a_held_target_is_retried_on_windows_then_replaced(monkeypatch, tmp_path):
    monkeypatch.setattr(file_names, "RETRY_ON_PERMISSION", True)
    source, target = tmp_path / "new", tmp_path / "old"
    source.write_text("new")
    target.write_text("old")
    real_replace, refusals, pauses = file_names.os.replace, [], []

    def held_twice(a, b):
        if len(refusals) < 2:
            refusals.append(b)
            raise PermissionError(errno.EACCES, "The process cannot access the file")
        real_replace(a, b)

    monkeypatch.setattr(file_names.os, "replace", held_twice)
    file_names.replace(source, target, sleep=pauses.append)
    assert target.read_text() == "new" and len(refusals) == 2 and pauses == [0.05, 0.1]


def test_a_file_held_for_good_gives_up_and_elsewhere_nothing_waits(monkeypatch, tmp_path):
    def always_held(a, b):
        raise PermissionError(errno.EACCES, "held")

    monkeypatch.setattr(file_names.os, "replace", always_held)
    monkeypatch.setattr(file_names, "RETRY_ON_PERMISSION", True)
    pauses = []
    with pytest.raises(PermissionError):
        file_names.replace(tmp_path / "a", tmp_path / "b", wait=0.3, sleep=pauses.append)
    assert pauses, "Windows: waited before giving up"
    monkeypatch.setattr(file_names, "RETRY_ON_PERMISSION", False)
    pauses.clear()
    with pytest.raises(PermissionError):
        file_names.replace(tmp_path / "a", tmp_path / "b", sleep=pauses.append)
    assert pauses == [], "Linux, macOS: a refusal is the folder's rights, said at once"
