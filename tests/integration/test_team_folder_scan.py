"""The team folder holds only sealed packages (team.md rule 6, issue 15 « Tests »).

Two laptops — one with the demonstration's people, one with test people whose names are markers, numbers that
collide with the demonstration's — send and receive several times through a team folder by the command line,
with edits, a new appointment, an erasure in between. Then every file of the folder is read: its name is random
(``equipe-<16 hex>.ilotpkg``), it starts with the package magic, and no last name, first name, birth date (as
stored or as shown), file number, phone or note of any person of either laptop is in its bytes — in UTF-8,
UTF-16 or JSON-escaped — nor in what zlib would inflate from any offset of it, nor in any file name.
"""

from __future__ import annotations

import json
import re
import zlib
from dataclasses import replace
from pathlib import Path

from ilot_desktop.services import vault
from ilot_desktop.services.demo import fill_with_demo_data
from tests.conftest import PASSWORD, TODAY
from tests.factories import make_participant
from tests.integration.test_cli_team import laptop, team

PACKAGE_NAME = re.compile(r"equipe-[0-9a-f]{16}\.ilotpkg")
MAGIC = b"ILOTEQ\x00\x01"
MARKED = [
    make_participant(
        file_number=f"DE-2026-{number:03d}",  # the demonstration's numbers: they collide, renumbered on arrival
        last_name=name,
        first_name=first,
        phone=f"07 12 34 56 {number:02d}",
        notes=f"Note confidentielle {name} : {first} ne doit pas être contacté au domicile.",
    )
    for number, name, first in (
        (1, "Zorglubinette", "Quetzalcoatlia"),
        (2, "Marqueurissime", "Anastasiabelle"),
        (3, "Brouillardine", "Xérophile"),
    )
]


def secrets_of(folder: Path) -> set[str]:
    """What must never be read in the folder: each person's names, birth date, number, phone, notes."""
    session = vault.unlock(folder, PASSWORD, clock=lambda: TODAY)
    try:
        found: set[str] = set()
        for summary in session.participants.summaries():
            person = session.participants.get(summary.id)
            found |= {person.last_name, person.first_name, person.file_number, person.phone, person.notes}
            for number in person.former_numbers.split(","):
                found.add(number.strip())
            if person.birth_date is not None:
                found |= {person.birth_date.isoformat(), person.birth_date.strftime("%d/%m/%Y")}
            found |= {line for line in person.notes.splitlines() if len(line) >= 8}
        return {value for value in found if value and len(value) >= 4}
    finally:
        session.close()


def encodings(secret: str) -> list[bytes]:
    escaped = json.dumps(secret)[1:-1]  # as JSON with ensure_ascii
    forms = [secret.encode("utf-8"), secret.encode("utf-16-le"), secret.encode("utf-16-be"), escaped.encode()]
    if secret.upper() != secret:
        forms.append(secret.upper().encode("utf-8"))
    return forms


def inflated(data: bytes) -> list[bytes]:
    """Whatever zlib would inflate starting at any offset of ``data``: raw deflate everywhere, a zlib or gzip
    stream where its header could start."""
    found = []
    for offset in range(len(data)):
        modes = [-15]
        if offset + 1 < len(data) and data[offset] & 0x0F == 8 and (data[offset] << 8 | data[offset + 1]) % 31 == 0:
            modes.append(15)
        if data[offset : offset + 2] == b"\x1f\x8b":
            modes.append(31)
        for wbits in modes:
            inflater = zlib.decompressobj(wbits)
            try:
                out = inflater.decompress(data[offset : offset + 2048], 65536)
            except zlib.error:
                continue
            if len(out) >= 4:
                found.append(out)
    return found


def test_the_team_folder_holds_only_sealed_packages_after_several_exchanges(tmp_path, monkeypatch, capsys):
    ab = laptop(tmp_path, "AB", monkeypatch, capsys)
    cd = laptop(tmp_path, "CD", monkeypatch, capsys)
    shared = tmp_path / "Dossier d'équipe"
    shared.mkdir()
    session = vault.unlock(ab, PASSWORD, clock=lambda: TODAY)
    try:
        fill_with_demo_data(session)
    finally:
        session.close()
    session = vault.unlock(cd, PASSWORD, clock=lambda: TODAY)
    try:
        saved = [session.participants.save(person) for person in MARKED]
    finally:
        session.close()

    def sync(folder: Path) -> None:
        assert team(["--data-dir", str(folder), "team-sync", str(shared)], monkeypatch) in (0, 6)

    sync(ab)
    sync(cd)
    sync(ab)
    session = vault.unlock(cd, PASSWORD, clock=lambda: TODAY)
    try:
        person = session.participants.get(saved[0].id)
        session.participants.save(replace(person, notes=person.notes + "\nAjout : rappeler Zorglubinette mardi."))
        session.privacy.erase(saved[2].id)  # the erasure travels as a tombstone
    finally:
        session.close()
    sync(cd)
    sync(ab)
    sync(cd)
    capsys.readouterr()

    secrets = secrets_of(ab) | secrets_of(cd) | {p.last_name for p in MARKED} | {p.first_name for p in MARKED}
    # the scan itself sees a name hidden by zlib alone, inside other bytes (a package sealed by mistake would not pass)
    unsealed = MAGIC + zlib.compress(json.dumps({"nom": "Zorglubinette"}).encode())
    assert any(b"Zorglubinette" in view for view in inflated(b"\x00" * 7 + unsealed))
    assert {"Zorglubinette", "Quetzalcoatlia", "DE-2026-001"} <= secrets
    files = sorted(shared.rglob("*"))
    assert len(files) >= 4, [path.name for path in files]
    problems = []
    for path in files:
        if not path.is_file() or not PACKAGE_NAME.fullmatch(path.name):
            problems.append(f"not a package's name: {path.name}")
            continue
        data = path.read_bytes()
        if not data.startswith(MAGIC):
            problems.append(f"{path.name}: no package magic")
        views = [data, *inflated(data)]
        for secret in secrets:
            if secret.lower() in path.name.lower():
                problems.append(f"{path.name}: a person's value in the file name")
            for form in encodings(secret):
                if any(form in view for view in views):
                    problems.append(f"{path.name}: a person's value in the bytes ({len(secret)} characters)")
    assert problems == []
