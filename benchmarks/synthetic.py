"""A synthetic ten-year vault for the benchmarks: 2,000 files, ~80,000 appointments, barriers, plans, actions.

The people come from the demonstration's own generator (``domain/demo.py`` and ``domain/demo_outcomes.py``):
forty yearly "cohorts" of fifty, each built as the demo would have been on a day one quarter apart, so that
every field (justice situation, release, rights, project, notes, caseworker) is as plausible as in the demo.
Names are shuffled across cohorts, file numbers follow ``DE-<year>-<n>``, and files the demo left open are
closed some weeks or months later (most of them before the benchmark's day).

Appointments, barriers with their history, action plans, collective actions and the access log are then
generated here at the programme's volume, with the demonstration's texts (reports, places, partners,
checklist items, plan steps), checked by the domain's validators and written through the services' bulk
``save_many`` (or the repositories, for participants, outcomes and the log), month by month, so the file's
pages interleave as they would after years of use.

Everything is deterministic: same version, same seed, same file content (but not same bytes: keys are random).
The vault is a real one: ``services.vault.create`` (Argon2id at the default cost, SQLCipher, migrations).
"""

from __future__ import annotations

import json
import random
import shutil
import time as clock
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

from ilot_desktop.demo.followup import (
    ABSENT,
    ACCOMPANIMENTS,
    ACTION_WEIGHTS,
    ACTIONS,
    CANCELLED,
    FIRST_MEETING,
    REPORTS,
    STATUS_WEIGHTS,
)
from ilot_desktop.demo.outcomes import FIRST_JOBS, SECTORS, demo_outcomes
from ilot_desktop.demo.people import NAMES, demo_participants
from ilot_desktop.demo.plan import COMMENTS, GENERAL_TASKS, ITEM_TASKS, OWNERS, PARTNERS, RIGHTS_PARTNERS
from ilot_desktop.domain.action_plan import SUGGESTIONS_BY_CATEGORY, Task, validate_task
from ilot_desktop.domain.actions import CollectiveAction, validate_action
from ilot_desktop.domain.barriers import CATALOGUE, EARLIEST_BARRIER, Barrier, validate_barrier, validate_history
from ilot_desktop.domain.followup import OFFICE, Appointment, validate_appointment
from ilot_desktop.domain.outcomes import Outcome, validate_outcome
from ilot_desktop.domain.participant import Participant
from ilot_desktop.domain.participant import validate as validate_participant
from ilot_desktop.domain.vocabulary import (
    AppointmentKind,
    AppointmentStatus,
    Attendance,
    BarrierCategory,
    BarrierStatus,
    DropoutReason,
    EndReason,
    Housing,
    OutcomeType,
    Phase,
    Resource,
    RightStatus,
    Sex,
    TaskOwner,
    TaskStatus,
    WorkConstraint,
    fold,
)

# Bump when the generated content changes: the cache keeps one vault per version (and schema revision).
DATASET_VERSION = 1
# The benchmark's "today": fixed, so figures compare from one run (and one month) to the next.
TODAY = date(2026, 11, 24)  # a Tuesday
# Fictional data: the password is public, like the demonstration's.
PASSWORD = "Banc-d'essai-Îlot-2026"
CASEWORKER = ("Ariane Morel", "01 99 00 00 42", "ariane.morel@example.org")

PARTICIPANTS = 2000
COHORT = 50  # people per demo cohort
APPOINTMENTS = 80_000
BARRIERS_PER_PERSON = (4, 12)  # ~7.5 on average once duplicates are dropped: ~15,000
TASKS_PER_PERSON = (0, 6)  # ~2.5 on average once duplicates are dropped: ~5,000
ACTIONS_COUNT = 600
REGISTRATIONS_PER_ACTION = (5, 12)
AUDIT_VIEWS_PER_DAY = (25, 45)  # the access log keeps twelve months
SEED = 20_261_124

_S, _K = AppointmentStatus, AppointmentKind
_C = BarrierCategory
# What a file already says, as the barrier it implies (the demo plan's reading, simplified).
_HOUSING_ITEMS = {
    Housing.HOMELESS: "Sans abri",
    Housing.SQUAT: "Squat",
    Housing.THIRD_PARTY: "Hébergé chez un tiers",
    Housing.EMERGENCY: "Hébergement d'urgence ou d'insertion",
}
_CONSTRAINT_ITEMS = {
    WorkConstraint.NO_ALCOHOL_ENV: (_C.ADDICTIONS, "Alcool"),
    WorkConstraint.TAG_HOURS: (_C.JUSTICE, "Horaires du bracelet"),
    WorkConstraint.AREA_BANS: (_C.JUSTICE, "Interdictions de paraître"),
    WorkConstraint.NO_HEAVY_LOADS: (_C.PHYSICAL_HEALTH, "Douleurs chroniques"),
    WorkConstraint.CALM_ENV: (_C.MENTAL_HEALTH, "Troubles anxieux"),
    WorkConstraint.NO_DRIVING: (_C.MOBILITY, "Permis de conduire"),
}
_END_REASONS = {EndReason.PERIOD_OVER: 6, EndReason.DROPOUT: 3, EndReason.REORIENTED: 1, EndReason.OTHER: 1}
_DROPOUTS = {
    DropoutReason.UNREACHABLE: 4,
    DropoutReason.NOT_INTERESTED: 2,
    DropoutReason.REINCARCERATED: 2,
    DropoutReason.MOVED: 1,
    DropoutReason.HEALTH: 1,
}


def _pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _weekday(day: date) -> date:
    return day if day.weekday() < 5 else day + timedelta(days=7 - day.weekday())


def _month(day: date) -> tuple[int, int]:
    return day.year, day.month


def _between(rng: random.Random, low: date, high: date) -> date:
    return low + timedelta(days=rng.randint(0, max(0, (high - low).days)))


@dataclass
class Person:
    """One generated file and everything attached to it, before it is saved."""

    participant: Participant
    outcomes: list[Outcome] = field(default_factory=list)
    appointments: list[Appointment] = field(default_factory=list)
    barriers: list[tuple[Barrier, list]] = field(default_factory=list)
    tasks: list[tuple[Task, int | None]] = field(default_factory=list)  # (task, index of its barrier)
    id: int | None = None

    @property
    def horizon(self) -> date:
        """The last day something can have happened in the file (its end, else the day before today)."""
        p = self.participant
        return min(p.end_date, TODAY - timedelta(days=1)) if p.end_date else TODAY - timedelta(days=1)


@dataclass
class Dataset:
    people: list[Person]
    actions: list[tuple[CollectiveAction, list[tuple[int, Attendance | None]]]]  # registrations by person index
    audit: list[tuple[datetime, str, int | None]]  # (at, action, person index)


# --- generation -------------------------------------------------------------------------------------------


def _people(rng: random.Random, scale: int = 1) -> list[Person]:
    """Forty demo cohorts, one quarter apart, the last one built on TODAY; ``scale`` cohorts on each of those days."""
    men = [first for _last, first, sex in NAMES if sex is Sex.MALE]
    women = [first for _last, first, sex in NAMES if sex is Sex.FEMALE]
    lasts = [last for last, _first, _sex in NAMES]
    cohorts = PARTICIPANTS // COHORT
    people: list[Person] = []
    for k, copy in ((k, copy) for k in range(cohorts) for copy in range(scale)):
        anchor = TODAY - timedelta(days=round((cohorts - 1 - k) * 365.25 / 4))
        seed = SEED + k + 1000 * copy  # copy 0 is the scale-1 dataset itself
        results = demo_outcomes(demo_participants(anchor, seed=seed), anchor, seed=seed)
        mine: dict[int, list[Outcome]] = defaultdict(list)
        for index, outcome in results.outcomes:
            mine[index].append(outcome)
        for index, p in enumerate(results.people):
            last = rng.choice(lasts)
            if rng.random() < 0.3:
                last = f"{last}-{rng.choice(lasts)}"
            first = rng.choice(men if p.sex is Sex.MALE else women)
            p = replace(p, last_name=last, first_name=first)
            if p.email:
                slug = "".join(c for c in fold(f"{first}.{last}") if c.isascii() and (c.isalnum() or c == "."))
                p.email = f"{slug}@example.org"
            person = Person(p, mine[index])
            if anchor < TODAY:
                _close_later(rng, person, anchor)
            people.append(person)
    people.sort(key=lambda person: (person.participant.entry_date, person.participant.last_name))
    per_year: Counter[int] = Counter()
    for person in people:
        p = person.participant
        per_year[p.entry_date.year] += 1
        p.file_number = f"DE-{p.entry_date.year}-{per_year[p.entry_date.year]:03d}"
        errors = validate_participant(p, TODAY)
        if errors:
            raise AssertionError(f"generated participant invalid: {errors}")
        for outcome in person.outcomes:
            errors = validate_outcome(outcome, p.entry_date, TODAY)
            if errors:
                raise AssertionError(f"generated outcome invalid: {errors}")
    return people


def _close_later(rng: random.Random, person: Person, anchor: date) -> None:
    """A file the demo left open on its day: closed 3 weeks to 14 months later, unless that is after TODAY."""
    p = person.participant
    if p.end_date is not None:
        return
    end = anchor + timedelta(days=rng.randint(20, 420))
    if end >= TODAY:
        return
    positive = any(o.outcome_type is not OutcomeType.DROPOUT for o in person.outcomes)
    reason = EndReason.POSITIVE if positive else _pick(rng, _END_REASONS)
    if reason is EndReason.PERIOD_OVER and rng.random() < 0.4:  # a job found in the last months
        on = _between(rng, max(p.entry_date, end - timedelta(days=120)), end - timedelta(days=7))
        kind = _pick(rng, FIRST_JOBS)
        sector = SECTORS.get(p.professional_project, "")
        employer = f"Entreprise du secteur {sector.lower()}" if sector else "Entreprise partenaire"
        person.outcomes.append(Outcome(None, on, kind, None, employer, sector))
        reason = EndReason.POSITIVE
    elif reason is EndReason.DROPOUT:
        person.outcomes.append(Outcome(None, end, OutcomeType.DROPOUT, _pick(rng, _DROPOUTS)))
    p.end_date, p.end_reason = end, reason


def _appointments(rng: random.Random, people: list[Person], scale: int = 1) -> None:
    """Meetings from each entry to the end (or three weeks ahead), spaced to reach APPOINTMENTS in all."""
    spans = []
    for person in people:
        p = person.participant
        last = p.end_date if p.end_date else TODAY + timedelta(days=21)
        spans.append((p.entry_date, last))
    # 0.96: moving weekend days to the Monday lengthens the gaps a little
    gap = 0.96 * sum((last - first).days for first, last in spans) / (APPOINTMENTS * scale)
    for person, (first, last) in zip(people, spans, strict=True):
        p = person.participant
        day, first_meeting = _weekday(first), True
        while day <= last:
            person.appointments.append(_meeting(rng, p, day, first_meeting))
            first_meeting = False
            day = _weekday(day + timedelta(days=max(2, round(rng.gauss(gap, gap / 3)))))
        for a in person.appointments:
            errors = validate_appointment(replace(a, participant_id=0), p.entry_date, p.end_date, TODAY)
            if errors:
                raise AssertionError(f"generated appointment invalid: {errors}")


def _meeting(rng: random.Random, p: Participant, day: date, first: bool) -> Appointment:
    """One meeting, with the demonstration's kinds, places and reports."""
    inside = p.phase(day) is Phase.INSIDE
    kind, minutes, place = _K.INDIVIDUAL, rng.choice((45, 60, 60)), OFFICE
    report, steps = rng.choice(REPORTS["outside"])
    if inside:
        kind, place = _K.IN_DETENTION, p.facility or "Établissement pénitentiaire"
        report, steps = rng.choice(REPORTS["inside"])
    elif not first:
        kind = _pick(rng, {_K.INDIVIDUAL: 14, _K.PHONE: 3, _K.ACCOMPANYING: 3})
        if kind is _K.PHONE:
            minutes, place = rng.choice((20, 30)), "Par téléphone"
            report, steps = rng.choice(REPORTS["phone"])
        elif kind is _K.ACCOMPANYING:
            minutes = rng.choice((120, 150))
            place, report = rng.choice(ACCOMPANIMENTS)
            steps = ""
    if first:
        report, steps = FIRST_MEETING[inside], "Établir le plan d'action au prochain rendez-vous."
    if day >= TODAY or (day >= TODAY - timedelta(days=10) and rng.random() < 0.08):
        status = _S.PLANNED  # ahead, or a past meeting nobody recorded yet ("À noter")
    else:
        status = _S.DONE if first else _pick(rng, STATUS_WEIGHTS[inside])
    if status is _S.ABSENT:
        report, steps = rng.choice(ABSENT[inside])
    elif status is _S.CANCELLED:
        report, steps = rng.choice(CANCELLED[inside])
    elif status is _S.PLANNED:
        report, steps = "", ""
    latest = (17 * 60 + 30 - minutes) // 30
    slots = (18, 19, 20, 21, 28, 29, 30, 31) if kind is _K.IN_DETENTION else range(18, latest + 1)
    slot = rng.choice(slots)
    start = datetime.combine(day, time(slot // 2, 30 * (slot % 2)))
    return Appointment(None, start, minutes, kind, place, status, report, steps)


def _wishes(rng: random.Random, p: Participant) -> list[tuple[BarrierCategory, str]]:
    """What the file says (housing, rights to open, resources, constraints), then other checklist items."""
    wishes: list[tuple[BarrierCategory, str]] = []
    if p.housing_at_entry in _HOUSING_ITEMS:
        wishes.append((_C.HOUSING, _HOUSING_ITEMS[p.housing_at_entry]))
    for right, status in p.rights.items():
        if status in (RightStatus.MISSING, RightStatus.IN_PROGRESS):
            wishes.append((_C.RIGHTS, right.label))
    if Resource.NONE in p.resources:
        wishes.append((_C.DEBTS, "Sans ressources"))
    for constraint in sorted(p.work_constraints, key=lambda c: c.value):
        if constraint in _CONSTRAINT_ITEMS:
            wishes.append(_CONSTRAINT_ITEMS[constraint])
    rng.shuffle(wishes)
    wanted = rng.randint(*BARRIERS_PER_PERSON)
    everything = [(category, item) for category, items in CATALOGUE.items() for item in items]
    while len(wishes) < wanted:
        wishes.append(rng.choice(everything))
    seen: set[tuple[BarrierCategory, str]] = set()
    unique = [w for w in wishes if w not in seen and not seen.add(w)]
    return unique[:wanted]


def _barriers(rng: random.Random, person: Person) -> None:
    p, horizon = person.participant, person.horizon
    ended = p.end_date is not None
    for category, item in _wishes(rng, p):
        day = min(horizon, max(EARLIEST_BARRIER, p.entry_date + timedelta(days=rng.randint(0, 20))))
        steps = [(day, BarrierStatus.IDENTIFIED, "")]
        partner = PARTNERS.get(category) or RIGHTS_PARTNERS.get(item, "")
        for status, chance, low, high in (
            (BarrierStatus.IN_PROGRESS, 0.6, 5, 60),
            (BarrierStatus.ORIENTED, 0.5 if partner else 0.0, 5, 45),
            (BarrierStatus.LIFTED, 0.7 if ended else 0.45, 10, 120),
        ):
            if rng.random() < chance:
                later = day + timedelta(days=rng.randint(low, high))
                if later <= horizon:
                    day = later
                    steps.append((day, status, partner if status is BarrierStatus.ORIENTED else ""))
        final = steps[-1][1]
        oriented = any(status is BarrierStatus.ORIENTED for _d, status, _p in steps)
        comment = rng.choice(COMMENTS[category]) if category in COMMENTS and rng.random() < 0.3 else ""
        barrier = Barrier(
            participant_id=None,
            category=category,
            item=item,
            status=final,
            identified_on=steps[0][0],
            lifted_on=steps[-1][0] if final is BarrierStatus.LIFTED else None,
            partner=partner if oriented else "",
            comment=comment,
        )
        errors = validate_barrier(replace(barrier, participant_id=0), TODAY) or validate_history(barrier, steps, TODAY)
        if errors:
            raise AssertionError(f"generated barrier invalid: {errors}")
        person.barriers.append((barrier, steps))


def _tasks(rng: random.Random, person: Person) -> None:
    p, horizon = person.participant, person.horizon
    ended = p.end_date is not None
    taken: set[str] = set()
    for _ in range(rng.randint(*TASKS_PER_PERSON)):
        linked = rng.randrange(len(person.barriers)) if person.barriers and rng.random() < 0.6 else None
        if linked is not None:
            barrier = person.barriers[linked][0]
            suggested = SUGGESTIONS_BY_CATEGORY.get(barrier.category, ())
            description = ITEM_TASKS.get(barrier.item) or (suggested[0] if suggested else "")
            created = barrier.identified_on + timedelta(days=rng.randint(0, 14))
        else:
            description = ""
            created = p.entry_date + timedelta(days=rng.randint(0, 60))
        if not description:
            linked = None
            description = rng.choice(GENERAL_TASKS[p.phase(created) is Phase.INSIDE])
        if description in taken:
            continue
        taken.add(description)
        created = min(created, horizon)
        due = created + timedelta(days=rng.randint(7, 45))
        status, done_on = TaskStatus.TODO, None
        if ended:
            status = TaskStatus.DONE if rng.random() < 0.7 else TaskStatus.DROPPED
        elif due < TODAY - timedelta(days=21):
            status = _pick(rng, {TaskStatus.DONE: 85, TaskStatus.DROPPED: 8, TaskStatus.TODO: 7})
        elif due < TODAY and rng.random() < 0.5:
            status = TaskStatus.DONE
        if status is TaskStatus.DONE:
            done_on = min(horizon, max(created, due - timedelta(days=rng.randint(0, 10))))
        owner = OWNERS.get(description) or _pick(
            rng, {TaskOwner.PERSON: 3, TaskOwner.TOGETHER: 1, TaskOwner.CASEWORKER: 1}
        )
        task = Task(None, description, owner, due, status, None, created, done_on)
        errors = validate_task(replace(task, participant_id=0), TODAY)
        if errors:
            raise AssertionError(f"generated task invalid: {errors}")
        person.tasks.append((task, linked))


def _actions(rng: random.Random, people: list[Person], scale: int = 1) -> list:
    """ACTIONS_COUNT collective actions on working days from 2015 to three weeks ahead, 5 to 12 registered."""
    by_type: dict = defaultdict(list)
    for entry in ACTIONS:
        by_type[entry[0]].append(entry)
    first, last = date(2015, 9, 1), TODAY + timedelta(days=21)
    days = sorted(_weekday(_between(rng, first, last)) for _ in range(ACTIONS_COUNT * scale))
    entries = [person.participant.entry_date for person in people]  # people are sorted by entry
    actions, numbers = [], Counter()
    for day in days:
        action_type, title, place, partner, at, minutes = rng.choice(by_type[_pick(rng, ACTION_WEIGHTS)])
        numbers[day.year] += 1
        action = CollectiveAction(
            f"AC-{day.year}-{numbers[day.year]:03d}", action_type, title, datetime.combine(day, at), minutes, place,
            partner,
        )  # fmt: skip
        errors = validate_action(action, TODAY)
        if errors:
            raise AssertionError(f"generated action invalid: {errors}")
        eligible = [
            index
            for index in range(bisect_right(entries, day))
            if (people[index].participant.end_date or date.max) >= day
            and people[index].participant.phase(day) is Phase.OUTSIDE
        ]
        chosen = sorted(rng.sample(eligible, min(len(eligible), rng.randint(*REGISTRATIONS_PER_ACTION))))
        past = day < TODAY
        attendance = {Attendance.PRESENT: 4, Attendance.ABSENT: 1}
        actions.append((action, [(index, _pick(rng, attendance) if past else None) for index in chosen]))
    return actions


def _audit(rng: random.Random, people: list[Person], scale: int = 1) -> list[tuple[datetime, str, int | None]]:
    """Twelve months of access log: the day's opening and locking, files viewed, a few changed."""
    events: list[tuple[datetime, str, int | None]] = []
    day = TODAY - timedelta(days=364)
    while day < TODAY:
        if day.weekday() < 5:
            followed = [
                i
                for i, person in enumerate(people)
                if person.participant.entry_date <= day and (person.participant.end_date or date.max) >= day
            ]
            events.append((datetime.combine(day, time(9, 2)), "vault_opened", None))
            for _ in range(rng.randint(*AUDIT_VIEWS_PER_DAY) * scale):
                at = datetime.combine(day, time(rng.randint(9, 17), rng.randint(0, 59)))
                events.append((at, "participant_viewed", rng.choice(followed)))
                if rng.random() < 0.15:
                    events.append((at + timedelta(minutes=5), "participant_updated", events[-1][2]))
            events.append((datetime.combine(day, time(18, 10)), "vault_locked", None))
        day += timedelta(days=1)
    return events


def generate(seed: int = SEED, scale: int = 1) -> Dataset:
    """The dataset; ``scale`` N: N times the people, appointments, actions and log over the same years."""
    rng = random.Random(seed)
    people = _people(rng, scale)
    _appointments(rng, people, scale)
    for person in people:
        _barriers(rng, person)
        _tasks(rng, person)
    return Dataset(people, _actions(rng, people, scale), _audit(rng, people, scale))


# --- writing ----------------------------------------------------------------------------------------------


def _by_month(dataset: Dataset) -> dict[tuple[int, int], dict[str, list]]:
    """Everything grouped by the month it was first written, as years of daily use would have."""
    months: dict[tuple[int, int], dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for index, person in enumerate(dataset.people):
        p = person.participant
        months[_month(p.entry_date)]["people"].append(index)
        for a in person.appointments:
            months[_month(a.start.date())]["appointments"].append((index, a))
        for b_index, (barrier, steps) in enumerate(person.barriers):
            months[_month(barrier.identified_on)]["barriers"].append((index, b_index, barrier, steps))
        for task, b_index in person.tasks:
            months[_month(task.created_on)]["tasks"].append((index, task, b_index))
        for outcome in person.outcomes:
            months[max(_month(outcome.on), _month(p.entry_date))]["outcomes"].append((index, outcome))
    for action, registered in dataset.actions:
        months[_month(action.start.date())]["actions"].append((action, registered))
    for at, action, index in dataset.audit:
        months[_month(at.date())]["audit"].append((at, action, index))
    return months


def write(session, dataset: Dataset) -> None:
    """Save the dataset month by month through the services' bulk methods and the repositories."""
    db = session._database  # participants, outcomes and the log have no bulk service: their repositories
    barrier_ids: dict[tuple[int, int], int] = {}
    for (year, month), batch in sorted(_by_month(dataset).items()):
        now = min(datetime(year, month, 28, 18), datetime.combine(TODAY, time(8)))
        with db.unit_of_work() as uow:
            for index in batch["people"]:
                dataset.people[index].id = uow.participants.add(dataset.people[index].participant, now)
            uow.commit()
        ids = [person.id for person in dataset.people]
        if batch["barriers"]:
            saved = session.barriers.save_many(
                [(replace(b, participant_id=ids[i]), steps) for i, _b, b, steps in batch["barriers"]]
            )
            for (index, b_index, _b, _steps), barrier in zip(batch["barriers"], saved, strict=True):
                barrier_ids[index, b_index] = barrier.id
        if batch["tasks"]:
            session.plan.save_many(
                [
                    replace(t, participant_id=ids[i], barrier_id=barrier_ids[i, b] if b is not None else None)
                    for i, t, b in batch["tasks"]
                ]
            )
        if batch["appointments"]:
            session.followup.save_many([replace(a, participant_id=ids[i]) for i, a in batch["appointments"]])
        if batch["actions"]:
            session.actions.save_many(
                [(action, [(ids[i], att) for i, att in registered]) for action, registered in batch["actions"]]
            )
        with db.unit_of_work() as uow:
            for index, outcome in batch["outcomes"]:
                uow.outcomes.add(replace(outcome, participant_id=ids[index]), now)
            for at, action, index in batch["audit"]:
                uow.audit.add(at, CASEWORKER[0], action, ids[index] if index is not None else None)
            uow.commit()
    session.plan.set_caseworker_contact(*CASEWORKER)


# --- the cached vault -------------------------------------------------------------------------------------


MANIFEST = "benchmark-dataset.json"


def cache_key(scale: int = 1) -> str:
    from ilot_desktop.storage.migrate import head_revision

    return f"v{DATASET_VERSION}-{head_revision()}" + (f"-x{scale}" if scale != 1 else "")


def build(folder: Path, scale: int = 1) -> dict:
    """Create the vault in ``folder`` (which must not exist) and return its manifest."""
    from ilot_desktop.services import vault

    started = clock.perf_counter()
    dataset = generate(scale=scale)
    generated = clock.perf_counter()
    session, _code = vault.create(folder, PASSWORD, clock=lambda: TODAY)
    try:
        write(session, dataset)
        counts = session.check(full=False).counts
    finally:
        session.close()
    written = clock.perf_counter()
    weeks = Counter(
        (a.start.date() - timedelta(days=a.start.weekday())).isoformat()
        for person in dataset.people
        for a in person.appointments
    )
    ongoing = [
        person
        for person in dataset.people
        if person.participant.end_date is None or person.participant.end_date > TODAY
    ]
    planned = max(
        ongoing,
        key=lambda person: sum(1 for t, _b in person.tasks if t.status is TaskStatus.TODO),
    )
    manifest = {
        "version": DATASET_VERSION,
        "cache_key": cache_key(scale),
        "scale": scale,
        "today": TODAY.isoformat(),
        "counts": counts
        | {
            "barrier_events": sum(len(steps) for person in dataset.people for _b, steps in person.barriers),
            "registrations": sum(len(registered) for _a, registered in dataset.actions),
            "audit_events": len(dataset.audit),
        },
        "ongoing": len(ongoing),
        "busiest_weeks": [week for week, _n in weeks.most_common(2)],
        "busiest_week_appointments": weeks.most_common(1)[0][1],
        "this_week_appointments": weeks[(TODAY - timedelta(days=TODAY.weekday())).isoformat()],
        "plan_participant": planned.id,
        "plan_tasks": sum(1 for t, _b in planned.tasks if t.status is TaskStatus.TODO),
        "search_words": _search_words(dataset),
        "generation_seconds": round(generated - started, 2),
        "writing_seconds": round(written - generated, 2),
        "size_bytes": (folder / "ilot.db").stat().st_size,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
    return manifest


def _search_words(dataset: Dataset) -> list[str]:
    """What a caseworker types: a last name, a first name and a last name, a file number."""
    rng = random.Random(SEED + 1)
    people = [person.participant for person in dataset.people]
    picks = rng.sample(people, 4)
    return [
        picks[0].last_name.split("-")[0].lower(),
        f"{picks[1].first_name.split('-')[0].lower()} {picks[1].last_name[:4].lower()}",
        picks[2].file_number[:9].lower(),
        picks[3].last_name[:5].lower(),
    ]


def cached_vault(cache_dir: Path, regenerate: bool = False, say=print, scale: int = 1) -> tuple[Path, dict]:
    """The cached vault's folder and manifest, building it first if missing (or asked to)."""
    folder = cache_dir / f"dataset-{cache_key(scale)}"
    manifest_file = folder / MANIFEST
    if regenerate:
        shutil.rmtree(folder, ignore_errors=True)
    if manifest_file.is_file() and (folder / "ilot.db").is_file() and (folder / "ilot.key").is_file():
        return folder, json.loads(manifest_file.read_text(encoding="utf-8"))
    say(f"Generating the ten-year vault (scale {scale}) in {folder} (once per dataset version)…")
    building = folder.with_name(folder.name + ".construction")
    shutil.rmtree(building, ignore_errors=True)
    shutil.rmtree(folder, ignore_errors=True)
    building.parent.mkdir(parents=True, exist_ok=True)
    manifest = build(building, scale)
    building.rename(folder)
    say(
        f"  generated in {manifest['generation_seconds']} s, written in {manifest['writing_seconds']} s "
        f"({manifest['size_bytes'] / 1e6:.1f} MB)"
    )
    return folder, manifest


def working_copy(source: Path, destination: Path) -> Path:
    """A fresh copy of the cached vault to run on: a run writes (access log, backups) and must not age it."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in ("ilot.db", "ilot.key"):
        shutil.copy2(source / name, destination / name)
    return destination


def main() -> None:
    """``synthetic.py --cache-dir DIR [--regenerate]``: JSON ``{folder, manifest}`` on stdout, progress on stderr;
    ``synthetic.py --build FOLDER``: a vault in FOLDER (to look at it: ``ilot-desktop --data-dir FOLDER``)."""
    import argparse
    import sys

    parser = argparse.ArgumentParser()
    parser.add_argument("--cache-dir", type=Path)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--build", type=Path)
    parser.add_argument("--scale", type=int, default=1, help="N times the people and records (default 1)")
    args = parser.parse_args()
    if args.build:
        print(json.dumps(build(args.build, args.scale), indent=2, ensure_ascii=False))
        return
    folder, manifest = cached_vault(
        args.cache_dir, args.regenerate, say=lambda m: print(m, file=sys.stderr), scale=args.scale
    )
    print(json.dumps({"folder": str(folder), "manifest": manifest}, ensure_ascii=False))


if __name__ == "__main__":
    main()
