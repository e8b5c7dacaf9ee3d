"""Nothing under the data directory contains a participant's name in the clear, at any time."""

from __future__ import annotations

from pathlib import Path

from ilot_desktop.cli import main
from ilot_desktop.services import vault
from tests.conftest import PASSWORD, TODAY
from tests.factories import make_participant

MARKERS = ("Zorglubinette", "Quetzalcoatlia", "Marqueurissime", "ZQX-SECRET-NOTE")


def _scan(folder: Path) -> list[str]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for marker in MARKERS:
                for encoding in ("utf-8", "utf-16-le"):
                    if marker.encode(encoding) in data:
                        found.append(f"{path.name}: {marker}")
    return found


def test_markers_never_reach_the_disk_in_clear(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "donnees"
    monkeypatch.setenv("ILOT_PASSPHRASE", PASSWORD)
    assert main(["--data-dir", str(folder), "init"]) == 0
    session = vault.unlock(folder, PASSWORD, clock=lambda: TODAY)
    saved = session.participants.save(
        make_participant(last_name=MARKERS[0], first_name=MARKERS[1], notes=MARKERS[3], cpip_name=MARKERS[2])
    )
    from ilot_desktop.domain.action_plan import Task
    from ilot_desktop.domain.barriers import Barrier
    from ilot_desktop.domain.vocabulary import BarrierCategory

    barrier = session.barriers.save(
        Barrier(saved.id, BarrierCategory.ADDICTIONS, MARKERS[0], comment=MARKERS[3], partner=MARKERS[2])
    )
    session.plan.save(Task(saved.id, f"Appeler {MARKERS[1]}", barrier_id=barrier.id))
    assert _scan(folder) == []  # while the vault is open
    session.participants.save(make_participant(id=saved.id, last_name=MARKERS[0], notes=MARKERS[3] + " modifié"))
    session.participants.delete(saved.id)
    session.close()
    assert main(["--data-dir", str(folder), "check"]) == 0
    assert main(["--data-dir", str(folder), "--verbose", "check"]) == 0
    capsys.readouterr()
    assert _scan(folder) == []
    assert (folder / "journaux" / "ilot-desktop.log").exists()
