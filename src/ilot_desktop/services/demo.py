"""Fill a vault with fictional people, so a newcomer sees a living application."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ilot_desktop.domain.demo import demo_participants
from ilot_desktop.services import vault
from ilot_desktop.services.vault import Clock, VaultSession

# The demonstration holds only invented people: its password is public and never asked for.
DEMO_PASSWORD = "Démonstration-Îlot-2026"


def fill_with_demo_data(session: VaultSession, seed: int = 2026) -> int:
    """Save the demo participants; returns how many were created."""
    people = demo_participants(session.clock(), seed=seed)
    for person in people:
        session.participants.save(person)
    return len(people)


def open_or_create_demo(folder: Path, clock: Clock = date.today) -> VaultSession:
    """The demonstration vault, kept apart from real records; created and filled on first use."""
    if vault.status(folder).exists:
        return vault.unlock(folder, DEMO_PASSWORD, clock)
    session, _code = vault.create(folder, DEMO_PASSWORD, clock)
    fill_with_demo_data(session)
    return session
