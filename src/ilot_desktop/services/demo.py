"""Fill a vault with fictional people, so a newcomer sees a living application."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

from ilot_desktop.demo.followup import demo_followup
from ilot_desktop.demo.outcomes import demo_outcomes
from ilot_desktop.demo.people import demo_participants
from ilot_desktop.demo.plan import demo_plan
from ilot_desktop.services import vault
from ilot_desktop.services.demo_marker import is_demonstration, mark_as_demonstration
from ilot_desktop.services.vault import Clock, VaultSession

# The demonstration holds only invented people: its password is public and never asked for.
DEMO_PASSWORD = "Démonstration-Îlot-2026"


def fill_with_demo_data(session: VaultSession, seed: int = 2026) -> int:
    """Save the demo participants, their outcomes, appointments, collective actions, barriers and plans.

    The vault is marked as the demonstration first (``demo_marker``): every document made from it then
    says « DONNÉES FICTIVES — DÉMONSTRATION ». Returns how many participants were created.
    """
    mark_as_demonstration(session._database)
    today = session.clock()
    results = demo_outcomes(demo_participants(today, seed=seed), today, seed=seed)
    people = [session.participants.save(person) for person in results.people]
    for index, outcome in results.outcomes:
        session.outcomes.save(replace(outcome, participant_id=people[index].id))
    appointments, actions = demo_followup(people, today, seed=seed)
    session.followup.save_many(appointments)
    session.actions.save_many(actions)
    barriers, tasks = demo_plan(people, today, seed=seed)
    saved = session.barriers.save_many(barriers)
    for task, barrier_index in tasks:
        task.barrier_id = saved[barrier_index].id if barrier_index is not None else None
    session.plan.save_many([task for task, _index in tasks])
    return len(people)


BUILT_ON = "construite-le.txt"  # the demo's day: fictional data, no secret


def open_or_create_demo(folder: Path, clock: Clock = date.today) -> VaultSession:
    """The demonstration vault, kept apart from real records, built anew each day.

    Its appointments, releases and silences are placed around the day it is built: reopened
    weeks later it would show everyone as late, so a demo from another day is rebuilt.
    """
    marker = folder / BUILT_ON
    built_on = marker.read_text(encoding="utf-8").strip() if marker.is_file() else ""
    if vault.status(folder).exists and built_on == clock().isoformat():
        session = vault.unlock(folder, DEMO_PASSWORD, clock)
        if not is_demonstration(session._database):  # built today by a version that did not mark it
            mark_as_demonstration(session._database)
        return session
    # Built aside, then moved into place: an interrupted fill never leaves a half demo behind.
    building = folder.with_name(folder.name + ".construction")
    shutil.rmtree(building, ignore_errors=True)
    session, _code = vault.create(building, DEMO_PASSWORD, clock)
    try:
        fill_with_demo_data(session)
    finally:
        session.close()
    (building / BUILT_ON).write_text(clock().isoformat(), encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)  # yesterday's demo, or a key file left by an older attempt
    building.rename(folder)
    return vault.unlock(folder, DEMO_PASSWORD, clock)
