"""Shared fixtures. Tests never touch a person's real folders: HOME and XDG paths point into tmp."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

# Offscreen windows live on a caseworker's laptop screen (1366 × 768): a window or dialog must fit it.
# Qt splits the platform's arguments at every « : »: on Windows the path goes without its drive letter (a path
# from the current drive's root; with « Z: » in it Qt reads no file and the process aborts).
_SCREEN = os.path.splitdrive(Path(__file__).with_name("offscreen-screen.json"))[1].replace("\\", "/")
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREEN}"

TODAY = date(2026, 11, 27)
PASSWORD = "Chargée-Mission-2026!"


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    monkeypatch.delenv("ILOT_DATA_DIR", raising=False)
    monkeypatch.delenv("ILOT_PASSPHRASE", raising=False)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch):
    """Argon2id at 8 MiB instead of 64 MiB: same code path, quicker tests (test_keys checks the default)."""
    from ilot_desktop.storage import keys

    monkeypatch.setattr(keys, "DEFAULT_KDF", keys.KdfParams(time_cost=1, memory_cost_kib=8 * 1024, parallelism=1))


@pytest.fixture(autouse=True)
def _quick_lock(monkeypatch):
    """A full garbage collection and a scrub of freed memory at each close cost ~0.1 s in this big process:
    skipped here; tests/integration/test_memory_after_lock.py runs them for real in a process of its own."""
    from ilot_desktop.storage import database

    monkeypatch.setattr(database, "forget_freed_memory", lambda: None)


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def vault_dir(tmp_path) -> Path:
    return tmp_path / "coffre"


@pytest.fixture
def session(vault_dir):
    """An open, empty vault in tmp_path."""
    from ilot_desktop.services import vault

    opened, _code = vault.create(vault_dir, PASSWORD, clock=lambda: TODAY)
    yield opened
    opened.close()
