"""System errors and paths said in French (no disk written)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from ilot_desktop.errors import DataFolderError, DataFolderInUseError, StorageEnvironmentError, os_error_text
from ilot_desktop.paths import is_inside


@pytest.mark.parametrize(
    "code, words",
    [
        (errno.ENOSPC, "disque est plein"),
        (errno.EROFS, "lecture seule"),
        (errno.EACCES, "accès refusé"),
        (errno.EPERM, "accès refusé"),
        (errno.ENOENT, "introuvable"),
        (errno.ENAMETOOLONG, "trop long"),
        (errno.EIO, "ne répond pas"),
        (errno.EINVAL, "erreur du système (EINVAL)"),
    ],
)
def test_system_errors_are_said_in_french(code, words):
    text = os_error_text(OSError(code, os.strerror(code)))
    assert words in text
    assert os.strerror(code) not in text  # never the C library's English


def test_exit_codes_of_the_new_errors():
    assert DataFolderInUseError("x").exit_code == 6
    assert DataFolderError("x").exit_code == 2
    assert StorageEnvironmentError("x").exit_code == 4


@pytest.mark.parametrize(
    "path, inside",
    [
        ("/d/donnees", True),
        ("/d/donnees/feuille.pdf", True),
        ("/d/donnees/sauvegardes/x/feuille.pdf", True),
        ("/d/autre/../donnees/feuille.pdf", True),
        ("/d/donnees-cle/feuille.pdf", False),
        ("/d/feuille.pdf", False),
        ("/feuille.pdf", False),
    ],
)
def test_inside_the_data_folder(path, inside):
    assert is_inside(Path(path), Path("/d/donnees")) is inside
