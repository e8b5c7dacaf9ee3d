"""Team work's properties (issue 15, rules 3–5) over two and three real vaults driven through the services.

Hypothesis draws histories of edits (files, notes, phone numbers, appointments and their reports), deletions,
erasures, whole packages carried by hand and « Envoyer et recevoir » through a team folder; after each package taken
in, every value either laptop showed is still the value, a listed conflict, or was replaced by a laptop that had seen
it; then the three laptops converge, agree on the conflicts, settle them everywhere with one choice, take in stale
packages without any change, and two new laptops taking the packages in opposite orders hold the same file. Every
written value is unique, so « had seen it » is exact: a laptop has seen a value when it ever showed it.

The vaults are copies of one vault made once per test (created, team passphrase set, closed): a copy costs an unlock
instead of a creation. Few examples: the file stays under 20 s.
"""

from __future__ import annotations

import itertools
import shutil
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ilot_desktop.domain.followup import Appointment
from ilot_desktop.services import vault
from tests.conftest import PASSWORD, TODAY
from tests.factories import make_participant

PHRASE = "Phrase d'équipe pour les tests de propriétés"
CODES = ("AB", "CD", "EF")
PEOPLE_FIELDS = ("notes", "phone")
PROPERTY_SETTINGS = settings(
    max_examples=2,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

Dump = tuple[dict[str, dict[str, str]], dict[str, dict[str, str]], dict[str, tuple[tuple[str, ...], bool]]]


@pytest.fixture
def template(tmp_path) -> Path:
    """One closed vault with the team passphrase set: every laptop of a run is a copy of it."""
    folder = tmp_path / "modele"
    opened, _code = vault.create(folder, PASSWORD, clock=lambda: TODAY)
    opened.team.set_passphrase(PHRASE)
    opened.close()
    return folder


def dump(session) -> Dump:
    """What a person sees: the files (notes, phone), the appointments (report), the conflicts with their values."""
    people: dict[str, dict[str, str]] = {}
    appointments: dict[str, dict[str, str]] = {}
    for summary in session.participants.summaries():
        p = session.participants.get(summary.id)
        people[p.uid] = {"file_number": p.file_number, "notes": p.notes, "phone": p.phone}
        for view in session.followup.timeline(p.id):
            appointments[view.appointment.uid] = {"participant": p.uid, "report": view.appointment.report}
    conflicts = {c.key: (tuple(sorted(str(v.value) for v in c.values)), c.deletion) for c in session.team.conflicts()}
    return people, appointments, conflicts


def shown(d: Dump) -> set[tuple[str, str, str]]:
    """Every (uid, field, value) a person can see in a dump, conflict values included."""
    people, appointments, conflicts = d
    out = {(uid, name, row[name]) for uid, row in people.items() for name in PEOPLE_FIELDS}
    out |= {(uid, "report", row["report"]) for uid, row in appointments.items()}
    for key, (values, deletion) in conflicts.items():
        if not deletion:
            uid, name = key.split(":", 1)
            out |= {(uid, name, v) for v in values}
    return out


@dataclass
class World:
    root: Path
    template: Path
    laptops: list = field(default_factory=list)
    seen: list[set[tuple[str, str, str]]] = field(default_factory=list)
    erased: set[str] = field(default_factory=set)
    owner: dict[str, str] = field(default_factory=dict)  # appointment uid -> its person's uid
    stale: list[Path] = field(default_factory=list)  # packages carried by hand, kept to be taken in late
    counter: itertools.count = field(default_factory=itertools.count)
    shared: str = ""  # the uid of the first file, carried to every laptop at the start

    @property
    def folder(self) -> Path:
        path = self.root / "equipe"
        path.mkdir(exist_ok=True)
        return path

    def new_laptop(self, code: str):
        folder = self.root / f"coffre-{code}"
        shutil.copytree(self.template, folder)
        opened = vault.unlock(folder, PASSWORD, clock=lambda: TODAY, audit=False)
        opened.participants.set_laptop_code(code)
        return opened

    def start(self, count: int) -> None:
        for code in CODES[:count]:
            self.laptops.append(self.new_laptop(code))
            self.seen.append(set())

    def close(self) -> None:
        for s in self.laptops:
            if s.is_open:
                s.close()

    def look(self, i: int) -> Dump:
        d = dump(self.laptops[i])
        self.seen[i] |= shown(d)
        self.owner |= {uid: row["participant"] for uid, row in d[1].items()}
        return d

    def unique(self) -> int:
        return next(self.counter)

    # --- what caseworkers do -------------------------------------------------------------------------------------

    def person(self, i: int) -> None:
        n = self.unique()
        saved = self.laptops[i].participants.save(
            make_participant(
                file_number=f"DE-2026-{CODES[i]}-{n:03d}",
                last_name=f"Personne{n}",
                notes=f"note {n}",
                phone=f"06 12 34 {n:02d} {i:02d}",
            )
        )
        self.shared = self.shared or saved.uid

    def old_person(self, i: int, k: int) -> None:
        """A file numbered before laptop codes (an old file, an import): two laptops may use the same number."""
        number = f"DE-2025-{k % 2 + 1:03d}"
        session = self.laptops[i]
        if session.participants.by_file_number(number) is None:
            n = self.unique()
            session.participants.save(
                make_participant(
                    file_number=number, last_name=f"Ancienne{n}", notes=f"note {n}", phone=f"06 55 {n:04d}"
                )
            )

    def _people(self, i: int) -> list:
        s = self.laptops[i]
        return sorted((s.participants.get(p.id) for p in s.participants.summaries()), key=lambda p: p.uid)

    def _appointments(self, i: int) -> list[Appointment]:
        s = self.laptops[i]
        return sorted((v.appointment for p in self._people(i) for v in s.followup.timeline(p.id)), key=lambda a: a.uid)

    def edit(self, i: int, k: int, name: str, uid: str = "") -> None:
        people = [p for p in self._people(i) if p.uid == uid] if uid else self._people(i)
        if people:
            p = people[k % len(people)]
            n = self.unique()
            value = f"note {n} de {CODES[i]}" if name == "notes" else f"07 98 76 {n:02d} {i:02d}"
            self.laptops[i].participants.save(replace(p, **{name: value}))

    def appointment(self, i: int, k: int) -> None:
        people = self._people(i)
        if people:
            n = self.unique()
            start = datetime(2026, 12, 1, 9, 0) + timedelta(hours=n)
            self.laptops[i].followup.save(
                Appointment(participant_id=people[k % len(people)].id, start=start, report=f"compte rendu {n}")
            )

    def report(self, i: int, k: int) -> None:
        appointments = self._appointments(i)
        if appointments:
            a = appointments[k % len(appointments)]
            self.laptops[i].followup.save(replace(a, report=f"compte rendu {self.unique()} de {CODES[i]}"))

    def delete(self, i: int, k: int) -> None:
        appointments = self._appointments(i)
        if appointments:
            a = appointments[k % len(appointments)]
            assert a.id is not None
            self.laptops[i].followup.delete(a.id)

    def erase(self, i: int, k: int) -> None:
        people = self._people(i)
        if people:
            p = people[k % len(people)]
            self.erased.add(p.uid)
            self.laptops[i].privacy.erase(p.id)

    def send(self, i: int, j: int) -> None:
        """A whole package carried by hand from laptop i to laptop j, checked for lost values."""
        out = self.root / f"main-{self.unique()}.ilotpkg"
        there = self.look(i)
        self.laptops[i].team.export_package(out, everything=True)
        self.stale.append(out)
        here = self.look(j)
        self.laptops[j].team.import_package(out)
        after = self.look(j)
        check_nothing_lost(self, (i, there), (j, here), after)

    def sync(self, i: int) -> None:
        self.laptops[i].team.sync(self.folder)
        self.look(i)  # what came in is seen


def check_nothing_lost(world: World, sender: tuple[int, Dump], receiver: tuple[int, Dump], after: Dump) -> None:
    """No value shown on either side before a merge disappears unless it is the result, a listed conflict (a
    deletion conflict keeps the item's values to choose from), or the other laptop had seen it and replaced it."""
    people, appointments, conflicts = after
    now = shown(after)
    deletion_listed = {key.split(":", 1)[0] for key, (_v, deletion) in conflicts.items() if deletion}
    for (side, before), other in ((sender, receiver[0]), (receiver, sender[0])):
        for uid, name, value in shown(before):
            if world.owner.get(uid, uid) in world.erased and uid not in people and uid not in appointments:
                continue  # rule 4: erasure wins, on purpose
            if (uid, name, value) in now or uid in deletion_listed:
                continue
            assert (uid, name, value) in world.seen[other], (
                f"{name} of {uid} = {value!r} (laptop {CODES[side]}) lost when {CODES[receiver[0]]} took in "
                f"{CODES[sender[0]]}'s package"
            )


OPS = st.one_of(
    st.tuples(st.just("person"), st.integers(0, 2)),
    st.tuples(st.just("old_person"), st.integers(0, 2), st.integers(0, 1)),
    st.tuples(st.just("edit"), st.integers(0, 2), st.integers(0, 3), st.sampled_from(PEOPLE_FIELDS)),
    st.tuples(st.just("edit"), st.integers(0, 2), st.integers(0, 3), st.sampled_from(PEOPLE_FIELDS)),
    st.tuples(st.just("appointment"), st.integers(0, 2), st.integers(0, 3)),
    st.tuples(st.just("report"), st.integers(0, 2), st.integers(0, 3)),
    st.tuples(st.just("delete"), st.integers(0, 2), st.integers(0, 3)),
    st.tuples(st.just("send"), st.integers(0, 2), st.integers(0, 2)),
    st.tuples(st.just("send"), st.integers(0, 2), st.integers(0, 2)),
    st.tuples(st.just("sync"), st.integers(0, 2)),
)
# Every history starts with a shared person and appointment, so edits on both sides meet.
START = [("person", 0), ("appointment", 0, 0), ("send", 0, 1), ("send", 0, 2)]


def play(world: World, history: list[tuple], laptops: int) -> None:
    for op in START + history:
        name, i, *args = op
        if name == "send" and (i == args[0] or max(i, args[0]) >= laptops):
            continue
        if i >= laptops:
            continue
        getattr(world, name)(i, *args)
        world.look(i)


def converge(world: World, rounds: int = 3) -> list[Dump]:
    for _ in range(rounds):
        for i in range(len(world.laptops)):
            world.sync(i)
    return [world.look(i) for i in range(len(world.laptops))]


def assert_same_file(dumps: list[Dump]) -> None:
    """The same records everywhere, the same conflicts with the same values; other values equal. While a conflict
    waits each laptop shows its own side: its value of the field, or the item it kept or deleted."""
    people0, appointments0, conflicts0 = dumps[0]
    waiting = {key.split(":", 1)[0] for key, (_values, deletion) in conflicts0.items() if deletion}
    for people, appointments, conflicts in dumps[1:]:
        assert conflicts == conflicts0
        assert people.keys() == people0.keys()
        assert appointments.keys() - waiting == appointments0.keys() - waiting
        for rows, rows0 in ((people, people0), (appointments, appointments0)):
            for uid, row in rows.items():
                for name, value in row.items():
                    if f"{uid}:{name}" not in conflicts and uid not in waiting:
                        assert value == rows0[uid][name], (uid, name)


@PROPERTY_SETTINGS  # and the two examples below
@given(history=st.lists(OPS, max_size=10), erase=st.booleans(), settler=st.integers(0, 2))
# Found by this test (engine defects of issue 15's session, fixed): « supprimé ici / modifié là » seen by a third
# laptop kept the old report in its row, and after it chose « Gardé et modifié » the laptops disagreed with no
# conflict listed; an old package taken in late counted « 1 mis à jour » on the laptop that deleted.
@example(history=[("report", 0, 0), ("delete", 1, 0)], erase=False, settler=2)
@example(history=[("appointment", 1, 0)], erase=True, settler=1)  # always one erasure, then the stale packages
def test_three_laptops_lose_nothing_converge_and_settle_everywhere(template, tmp_path, history, erase, settler):
    world = World(tmp_path / f"run-{next(_RUNS)}", template)
    world.root.mkdir()
    world.start(3)
    try:
        play(world, history + ([("erase", 1, 0), ("sync", 1)] if erase else []), 3)
        dumps = converge(world)
        assert_same_file(dumps)  # ring of three through the team folder, delta packages
        for d in dumps:  # erasure is final
            assert not world.erased & (d[0].keys() | {row["participant"] for row in d[1].values()})
        # the same package twice, and a stale package carried late, change nothing
        for i, blob in itertools.product(range(3), world.stale):
            before = world.look(i)
            result = world.laptops[i].team.import_package(blob)
            assert world.look(i) == before, f"an old package changed laptop {CODES[i]}"
            assert (result.new, result.updated) == (0, 0), f"an old package counted « {result.updated} mis à jour »"
        # a choice settles each conflict on every laptop
        settle_all(world.laptops[settler])
        dumps = converge(world, rounds=2)
        assert dumps[0] == dumps[1] == dumps[2] and dumps[0][2] == {}
    finally:
        world.close()


def settle_all(session) -> None:
    for conflict in session.team.conflicts():
        session.team.resolve(conflict.key, 0)


@PROPERTY_SETTINGS
@given(history=st.lists(OPS, max_size=10))
# Found by this test (fixed): an appointment deleted on one laptop and edited on another was held by a new laptop
# or not depending on the order it took the packages in.
@example(history=[("delete", 1, 3), ("send", 2, 0), ("report", 2, 0)])
def test_packages_taken_in_any_order_give_the_same_file(template, tmp_path, history):
    world = World(tmp_path / f"run-{next(_RUNS)}", template)
    world.root.mkdir()
    world.start(3)
    try:
        play(world, history, 3)
        packages = []
        for i, session in enumerate(world.laptops):
            out = world.root / f"tout-{CODES[i]}.ilotpkg"
            session.team.export_package(out, everything=True)
            packages.append(out)
        world.close()
        x, y = World(world.root / "x", template), World(world.root / "y", template)
        x.root.mkdir()
        y.root.mkdir()
        laptops = [x.new_laptop("GH"), y.new_laptop("GH")]
        try:
            for session, order in zip(laptops, (packages, packages[::-1]), strict=True):
                for blob in order:
                    session.team.import_package(blob)
            assert dump(laptops[0]) == dump(laptops[1])
            again = laptops[0].team.import_package(packages[1])  # the same package twice: nothing
            assert again.already_taken and dump(laptops[0]) == dump(laptops[1])
        finally:
            for session in laptops:
                session.close()
    finally:
        world.close()


@PROPERTY_SETTINGS
@given(history=st.lists(OPS, max_size=12))
def test_two_laptops_lose_nothing_and_converge(template, tmp_path, history):
    world = World(tmp_path / f"run-{next(_RUNS)}", template)
    world.root.mkdir()
    world.start(2)
    try:
        play(world, history, 2)
        world.edit(0, 0, "notes", uid=world.shared)  # the same field changed on both laptops
        world.edit(1, 0, "notes", uid=world.shared)
        world.send(0, 1)
        world.send(1, 0)
        dumps = [world.look(0), world.look(1)]
        assert_same_file(dumps)
        if world.shared in dumps[0][0] and world.shared in dumps[1][0]:
            values, _deletion = dumps[0][2][f"{world.shared}:notes"]  # listed, with both values
            assert {dumps[0][0][world.shared]["notes"], dumps[1][0][world.shared]["notes"]} == set(values)
    finally:
        world.close()


@PROPERTY_SETTINGS
@given(history=st.lists(OPS, max_size=8))
# Found by this test (fixed): a whole package carried by hand (team-export --all) moved the « sent up to here »
# mark, so the change it carried never went into the team folder.
@example(history=[])
def test_a_change_reaches_the_team_folder_even_after_a_package_carried_by_hand(template, tmp_path, history):
    world = World(tmp_path / f"run-{next(_RUNS)}", template)
    world.root.mkdir()
    world.start(3)
    try:
        play(world, history, 3)
        for i in range(3):
            world.sync(i)
        world.edit(0, 0, "notes")
        world.send(0, 1)  # to a colleague who has no team folder (USB key)
        before = world.look(2)
        world.sync(0)
        world.sync(2)  # laptop 1 is away: only laptop 0's package can bring the change
        check_nothing_lost(world, (0, world.look(0)), (2, before), world.look(2))
    finally:
        world.close()


_RUNS = itertools.count()
