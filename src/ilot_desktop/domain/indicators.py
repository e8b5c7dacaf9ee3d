"""The programme's yearly indicators (``data-exchange.md`` section 2), computed from plain records.

Year N, "as of" date D (31 December of N unless said otherwise). Only records dated on or before D
count; "in N" means from 1 January of N to D. Every rate is an exact ``Fraction`` (``None`` when its
denominator is zero); ``percent`` rounds it half up for the files people read.

Scope: every figure about people or their activity (interviews, absences, participations, participants
present, outcomes by type and category, barriers) counts only people of the file active of N, and only
events in N up to D; the number of collective actions held counts every action, attended or not.

Pure: storage gathers ``IndicatorFacts`` (only the columns and rows needed); ``compute_indicators``
re-applies every definition itself, so it gives the same figures from unfiltered records. Each figure
can be explained: ``YearIndicators.explain(key)`` lists the pseudonymous records behind it (file
number and what counted), never a name.
"""

from __future__ import annotations

import math
import secrets
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from numbers import Rational

from ilot_desktop.domain.dates import age_on, format_date
from ilot_desktop.domain.vocabulary import (
    ActionType,
    BarrierCategory,
    BarrierStatus,
    Housing,
    JusticeSituation,
    LabelledEnum,
    OutcomeCategory,
    OutcomeType,
    Referrer,
    Sex,
)

NBSP = "\u00a0"
UNKNOWN = "Non renseigné"
UNKNOWN_CODE = "unknown"
# (code, label): the exact labels of data-exchange.md.
AGE_BRACKETS: tuple[tuple[str, str], ...] = (
    ("under_26", "moins de 26 ans"),
    ("26_to_49", "26 à 49 ans"),
    ("50_plus", "50 ans et plus"),
)

# Explanation keys of the Synthèse figures (stable identifiers the UI passes to ``explain``).
FILE_ACTIVE, ENTRIES, ACCESS, DROPOUTS, ENDINGS = "file_active", "entries", "access", "dropouts", "endings"
INTERVIEWS_DONE, ABSENCES, ACTIONS = "interviews_done", "absences", "actions"
PARTICIPATIONS, PARTICIPANTS_PRESENT = "participations", "participants_present"


# --- input records ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParticipantFacts:
    participant_id: int
    file_number: str
    sex: Sex | None
    birth_date: date | None
    entry_date: date
    end_date: date | None
    housing_at_entry: Housing | None
    referrer: Referrer | None
    justice_situation: JusticeSituation | None


@dataclass(frozen=True)
class OutcomeFacts:
    participant_id: int
    on: date
    outcome_type: OutcomeType


@dataclass(frozen=True)
class InterviewFacts:
    """A participant's individual contacts in N up to D, counted by status (storage applies the period)."""

    participant_id: int
    done: int = 0
    absent: int = 0


@dataclass(frozen=True)
class ActionFacts:
    action_id: int
    reference: str
    on: date
    action_type: ActionType


@dataclass(frozen=True)
class ParticipationFacts:
    """A registration marked ``Présent`` (absences and unrecorded registrations do not count); it counts only
    for a person of the file active."""

    action_id: int
    participant_id: int
    file_number: str


@dataclass(frozen=True)
class BarrierFacts:
    participant_id: int
    category: BarrierCategory
    identified_on: date
    lifted_on: date | None
    status: BarrierStatus
    ever_oriented: bool  # oriented to a partner on or before D


@dataclass(frozen=True)
class IndicatorFacts:
    participants: tuple[ParticipantFacts, ...] = ()
    outcomes: tuple[OutcomeFacts, ...] = ()
    interviews: tuple[InterviewFacts, ...] = ()
    actions: tuple[ActionFacts, ...] = ()
    participations: tuple[ParticipationFacts, ...] = ()
    barriers: tuple[BarrierFacts, ...] = ()


# --- results ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Count:
    """One line of a breakdown: ``explain(key)`` lists who is behind ``count``."""

    key: str
    label: str
    count: int


@dataclass(frozen=True)
class BarrierLine:
    category: BarrierCategory
    concerned: int  # people with a barrier of the category identified ≤ D, not lifted before 1 January
    lifted: int  # of them, people with a barrier of the category lifted in N
    oriented: int  # of them, people oriented to a partner for a barrier of the category

    @property
    def keys(self) -> tuple[str, str, str]:
        code = self.category.value
        return (f"barrier_concerned:{code}", f"barrier_lifted:{code}", f"barrier_oriented:{code}")


@dataclass(frozen=True)
class ActionLine:
    action_type: ActionType
    actions: int
    participations: int  # registrations marked Présent
    participants: int  # distinct people present

    @property
    def key(self) -> str:
        return f"action_type:{self.action_type.value}"


@dataclass(frozen=True)
class Profile:
    """The file active by sex, age bracket, housing, referrer and justice situation at entry."""

    age_on: date  # 31 December of N, or D when earlier
    sex: tuple[Count, ...]
    age: tuple[Count, ...]
    housing: tuple[Count, ...]
    referrer: tuple[Count, ...]
    justice: tuple[Count, ...]

    def sections(self) -> list[tuple[str, tuple[Count, ...]]]:
        return [
            ("Sexe", self.sex),
            (f"Âge au {format_date(self.age_on)}", self.age),
            ("Hébergement à l'entrée", self.housing),
            ("Orienteur", self.referrer),
            ("Situation judiciaire à l'entrée", self.justice),
        ]


@dataclass(frozen=True)
class SummaryEntry:
    label: str
    value: object  # int, date, Fraction (a rate), Decimal (one decimal place) or None
    key: str | None  # what ``explain`` lists behind it


@dataclass(frozen=True)
class YearIndicators:
    year: int
    as_of: date
    file_active: int
    entries: int
    access: int
    dropouts: int
    endings: int
    mean_duration_days: Fraction | None
    interviews_done: int
    interviews_absent: int
    actions: int
    participations: int
    participants_present: int
    outcomes_by_type: tuple[Count, ...]
    outcomes_by_category: tuple[Count, ...]
    barriers: tuple[BarrierLine, ...]
    actions_by_type: tuple[ActionLine, ...]
    profile: Profile
    details: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)

    # --- rates (exact) ---

    @property
    def access_rate(self) -> Fraction | None:
        return _ratio(self.access, self.file_active)

    @property
    def engagement_rate(self) -> Fraction | None:
        dropped = _ratio(self.dropouts, self.file_active)
        return None if dropped is None else 1 - dropped

    @property
    def absence_rate(self) -> Fraction | None:
        return _ratio(self.interviews_absent, self.interviews_done + self.interviews_absent)

    @property
    def interviews_per_participant(self) -> Fraction | None:
        return _ratio(self.interviews_done, self.file_active)

    # --- the Synthèse sheet ---

    def summary_entries(self) -> list[SummaryEntry]:
        duration = self.mean_duration_days
        per_participant = self.interviews_per_participant
        rows = [
            ("Année", self.year, None),
            ("Date d'arrêté", self.as_of, None),
            ("File active", self.file_active, FILE_ACTIVE),
            ("Entrées", self.entries, ENTRIES),
            ("Accès à l'emploi ou à la formation", self.access, ACCESS),
            ("Taux d'accès à l'emploi ou à la formation", self.access_rate, ACCESS),
            ("Abandons", self.dropouts, DROPOUTS),
            ("Taux d'engagement", self.engagement_rate, DROPOUTS),
            ("Fins d'accompagnement", self.endings, ENDINGS),
            (
                "Durée moyenne d'accompagnement (jours)",
                None if duration is None else round_half_up(duration),
                ENDINGS,
            ),
            ("Entretiens réalisés", self.interviews_done, INTERVIEWS_DONE),
            ("Taux d'absence", self.absence_rate, ABSENCES),
            ("Actions collectives", self.actions, ACTIONS),
            ("Participations aux actions collectives", self.participations, PARTICIPATIONS),
            (
                "Entretiens réalisés par participant",
                None if per_participant is None else one_decimal(per_participant),
                INTERVIEWS_DONE,
            ),
            ("Absences aux entretiens", self.interviews_absent, ABSENCES),
            ("Participants présents à au moins une action", self.participants_present, PARTICIPANTS_PRESENT),
        ]
        return [SummaryEntry(label, value, key) for label, value, key in rows]

    def summary_rows(self) -> list[tuple[str, object]]:
        """(label, value) in the Synthèse's order; rates are ``Fraction`` (or None), the date a ``date``."""
        return [(entry.label, entry.value) for entry in self.summary_entries()]

    # --- explanations ---

    def explain(self, key: str) -> list[str]:
        """The pseudonymous records behind a figure, e.g. ``DE-2025-014 · CDI le 12/03/2025``."""
        if key not in self.details:
            raise KeyError(key)
        return list(self.details[key])

    def explain_keys(self) -> list[str]:
        return list(self.details)


def _ratio(numerator: int, denominator: int) -> Fraction | None:
    return Fraction(numerator, denominator) if denominator else None


def round_half_up(value: Rational | int) -> int:
    return math.floor(Fraction(value) + Fraction(1, 2))


def percent(rate: Rational | float) -> int:
    """A rate as a whole percentage, rounded half up: 0.625 → 63, 0.875 → 88."""
    return round_half_up(Fraction(rate) * 100)


def one_decimal(value: Rational) -> Decimal:
    exact = Fraction(value)
    return (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def format_value(value: object) -> str:
    """A Synthèse value as French text: ``62 %``, ``30/11/2025``, ``12,4``, ``—`` when not computable."""
    if value is None:
        return "—"
    if isinstance(value, Fraction):
        return f"{percent(value)}{NBSP}%"
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, Decimal):
        return str(value).replace(".", ",")
    if isinstance(value, int) and not isinstance(value, bool) and value >= 10000:
        return f"{value:,}".replace(",", NBSP)
    return str(value)


def age_bracket(birth: date | None, on: date) -> tuple[str, str]:
    """(code, label) of the age bracket on a day; ``Non renseigné`` without a birth date."""
    if birth is None:
        return UNKNOWN_CODE, UNKNOWN
    age = age_on(birth, on)
    if age < 26:
        return AGE_BRACKETS[0]
    return AGE_BRACKETS[1] if age < 50 else AGE_BRACKETS[2]


def age_reference(year: int, as_of: date) -> date:
    """The day ages are taken on: 31 December of N, or D when earlier."""
    return min(date(year, 12, 31), as_of)


def is_in_file_active(p: ParticipantFacts, year: int, as_of: date) -> bool:
    return p.entry_date <= as_of and (p.end_date is None or p.end_date >= date(year, 1, 1))


# --- computation -----------------------------------------------------------------------------------


def _plural(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count <= 1 else plural}"  # French: « 0 absence »


def _said(o: OutcomeFacts) -> str:
    return f"{o.outcome_type.label} le {format_date(o.on)}"


def _breakdown(
    prefix: str,
    members: Iterable[LabelledEnum],
    values: dict[int, LabelledEnum | None],
    numbers: dict[int, str],
    details: dict[str, tuple[str, ...]],
) -> tuple[Count, ...]:
    """People per member (every member listed; ``Non renseigné`` only when someone has no value)."""
    groups: dict[str, list[int]] = defaultdict(list)
    for pid, value in values.items():
        groups[value.value if value is not None else UNKNOWN_CODE].append(pid)
    choices = [(m.value, m.label) for m in members]
    if groups.get(UNKNOWN_CODE):
        choices.append((UNKNOWN_CODE, UNKNOWN))
    counts = []
    for code, label in choices:
        key = f"{prefix}:{code}"
        details[key] = tuple(sorted(numbers[pid] for pid in groups.get(code, [])))
        counts.append(Count(key, label, len(groups.get(code, []))))
    return tuple(counts)


def _earliest_per(
    members: Iterable[LabelledEnum],
    prefix: str,
    member_of: Callable[[OutcomeFacts], LabelledEnum],
    outcomes: dict[int, list[OutcomeFacts]],
    numbers: dict[int, str],
    details: dict[str, tuple[str, ...]],
) -> list[Count]:
    """Each participant once per type (or category), on their earliest outcome of it."""
    counts = []
    for member in members:
        firsts = {}
        for pid, items in outcomes.items():  # items are in date order
            first = next((o for o in items if member_of(o) is member), None)
            if first is not None:
                firsts[pid] = first
        key = f"{prefix}:{member.value}"
        details[key] = tuple(
            f"{numbers[pid]} · {_said(firsts[pid])}" for pid in sorted(firsts, key=numbers.__getitem__)
        )
        counts.append(Count(key, member.label, len(firsts)))
    return counts


def compute_indicators(year: int, as_of: date, facts: IndicatorFacts) -> YearIndicators:
    """Every indicator of data-exchange.md section 2 for year ``year`` as of ``as_of``."""
    start = date(year, 1, 1)
    if not start <= as_of <= date(year, 12, 31):
        raise ValueError("the as-of date must fall within the year")

    def in_n(day: date | None) -> bool:
        return day is not None and start <= day <= as_of

    details: dict[str, tuple[str, ...]] = {}
    active = {p.participant_id: p for p in facts.participants if is_in_file_active(p, year, as_of)}
    numbers = {pid: p.file_number for pid, p in active.items()}

    def by_number(pids: Iterable[int]) -> list[int]:
        return sorted(pids, key=lambda pid: (numbers[pid], pid))

    def entry_line(pid: int) -> str:
        p = active[pid]
        text = f"{p.file_number} · entrée le {format_date(p.entry_date)}"
        if p.end_date is not None and p.end_date <= as_of:
            text += f", fin le {format_date(p.end_date)}"
        return text

    details[FILE_ACTIVE] = tuple(entry_line(pid) for pid in by_number(active))
    entered = [pid for pid in by_number(active) if in_n(active[pid].entry_date)]
    details[ENTRIES] = tuple(entry_line(pid) for pid in entered)

    # Outcomes in N of the file active, each participant's in date order.
    outcomes: dict[int, list[OutcomeFacts]] = defaultdict(list)
    for o in sorted(facts.outcomes, key=lambda o: (o.on, o.outcome_type.value)):
        if o.participant_id in active and in_n(o.on):
            outcomes[o.participant_id].append(o)

    positive = {pid: [o for o in items if o.outcome_type is not OutcomeType.DROPOUT] for pid, items in outcomes.items()}
    reached = by_number(pid for pid, items in positive.items() if items)
    details[ACCESS] = tuple(f"{numbers[pid]} · {' ; '.join(_said(o) for o in positive[pid])}" for pid in reached)
    dropped = by_number(
        pid for pid, items in outcomes.items() if any(o.outcome_type is OutcomeType.DROPOUT for o in items)
    )
    details[DROPOUTS] = tuple(
        f"{numbers[pid]} · {_said(next(o for o in outcomes[pid] if o.outcome_type is OutcomeType.DROPOUT))}"
        for pid in dropped
    )

    by_type = _earliest_per(OutcomeType, "outcome_type", lambda o: o.outcome_type, outcomes, numbers, details)
    by_category = _earliest_per(
        OutcomeCategory, "outcome_category", lambda o: o.outcome_type.category, outcomes, numbers, details
    )

    # Endings in N and their mean duration.
    ended = [pid for pid in by_number(active) if in_n(active[pid].end_date)]
    durations = {pid: (active[pid].end_date - active[pid].entry_date).days for pid in ended}
    details[ENDINGS] = tuple(
        f"{numbers[pid]} · du {format_date(active[pid].entry_date)} au {format_date(active[pid].end_date)} "
        f"({_plural(durations[pid], 'jour', 'jours')})"
        for pid in ended
    )
    mean_duration = Fraction(sum(durations.values()), len(durations)) if durations else None

    # Individual interviews.
    done: dict[int, int] = defaultdict(int)
    absent: dict[int, int] = defaultdict(int)
    for i in facts.interviews:
        if i.participant_id in active:
            done[i.participant_id] += i.done
            absent[i.participant_id] += i.absent
    details[INTERVIEWS_DONE] = tuple(
        f"{numbers[pid]} · {_plural(done[pid], 'entretien réalisé', 'entretiens réalisés')}"
        for pid in by_number(pid for pid in done if done[pid])
    )
    details[ABSENCES] = tuple(
        f"{numbers[pid]} · {_plural(absent[pid], 'absence', 'absences')} "
        f"pour {_plural(done[pid], 'entretien réalisé', 'entretiens réalisés')}"
        for pid in by_number(pid for pid in absent if absent[pid])
    )

    # Collective actions in N (every one held, attended or not); registrations marked Présent by people of
    # the file active only: someone whose accompaniment ended before N counts in no figure of N.
    actions = sorted((a for a in facts.actions if in_n(a.on)), key=lambda a: (a.on, a.reference))
    kept = {a.action_id for a in actions}
    present: dict[int, list[ParticipationFacts]] = defaultdict(list)
    seen: set[tuple[int, int]] = set()
    for r in facts.participations:
        if r.action_id in kept and r.participant_id in active and (r.action_id, r.participant_id) not in seen:
            seen.add((r.action_id, r.participant_id))
            present[r.action_id].append(r)

    def action_line(a: ActionFacts) -> str:
        came = _plural(len(present[a.action_id]), "présent", "présents")
        return f"{a.reference} · {a.action_type.label} le {format_date(a.on)} · {came}"

    details[ACTIONS] = tuple(action_line(a) for a in actions)
    per_person: dict[str, int] = defaultdict(int)
    for a in actions:
        for r in present[a.action_id]:
            per_person[r.file_number] += 1
    details[PARTICIPATIONS] = tuple(
        f"{number} · {_plural(count, 'participation', 'participations')}"
        for number, count in sorted(per_person.items())
    )
    details[PARTICIPANTS_PRESENT] = tuple(sorted(per_person))
    action_lines = []
    for action_type in ActionType:
        of_type = [a for a in actions if a.action_type is action_type]
        people = [r for a in of_type for r in present[a.action_id]]
        line = ActionLine(action_type, len(of_type), len(people), len({r.participant_id for r in people}))
        details[line.key] = tuple(action_line(a) for a in of_type)
        action_lines.append(line)

    # Barriers, per category, of the file active.
    concerned: dict[BarrierCategory, dict[int, BarrierFacts]] = defaultdict(dict)
    lifted: dict[BarrierCategory, dict[int, date]] = defaultdict(dict)
    oriented: dict[BarrierCategory, set[int]] = defaultdict(set)
    for b in sorted(facts.barriers, key=lambda b: b.identified_on):
        if b.participant_id not in active or b.identified_on > as_of:
            continue
        if b.lifted_on is not None and b.lifted_on < start:
            continue
        concerned[b.category].setdefault(b.participant_id, b)
        if in_n(b.lifted_on):
            lifted[b.category][b.participant_id] = max(
                b.lifted_on, lifted[b.category].get(b.participant_id, b.lifted_on)
            )
        if b.ever_oriented:
            oriented[b.category].add(b.participant_id)
    barrier_lines = []
    for category in BarrierCategory:
        line = BarrierLine(category, len(concerned[category]), len(lifted[category]), len(oriented[category]))
        keys = line.keys
        details[keys[0]] = tuple(
            f"{numbers[pid]} · {category.label}, identifié le {format_date(concerned[category][pid].identified_on)}"
            for pid in by_number(concerned[category])
        )
        details[keys[1]] = tuple(
            f"{numbers[pid]} · {category.label}, levé le {format_date(lifted[category][pid])}"
            for pid in by_number(lifted[category])
        )
        details[keys[2]] = tuple(
            f"{numbers[pid]} · {category.label}, orienté vers un partenaire" for pid in by_number(oriented[category])
        )
        barrier_lines.append(line)

    # Profile of the file active.
    reference = age_reference(year, as_of)
    brackets = {pid: age_bracket(p.birth_date, reference) for pid, p in active.items()}
    age_counts = []
    for code, label in (*AGE_BRACKETS, (UNKNOWN_CODE, UNKNOWN)):
        pids = by_number(pid for pid, (c, _l) in brackets.items() if c == code)
        if code == UNKNOWN_CODE and not pids:
            continue
        key = f"age:{code}"
        details[key] = tuple(
            f"{numbers[pid]} · {age_on(active[pid].birth_date, reference)} ans"
            if active[pid].birth_date
            else numbers[pid]
            for pid in pids
        )
        age_counts.append(Count(key, label, len(pids)))
    profile = Profile(
        age_on=reference,
        sex=_breakdown("sex", Sex, {pid: p.sex for pid, p in active.items()}, numbers, details),
        age=tuple(age_counts),
        housing=_breakdown(
            "housing", Housing, {pid: p.housing_at_entry for pid, p in active.items()}, numbers, details
        ),
        referrer=_breakdown("referrer", Referrer, {pid: p.referrer for pid, p in active.items()}, numbers, details),
        justice=_breakdown(
            "justice",
            JusticeSituation,
            {pid: p.justice_situation for pid, p in active.items()},
            numbers,
            details,
        ),
    )

    return YearIndicators(
        year=year,
        as_of=as_of,
        file_active=len(active),
        entries=len(entered),
        access=len(reached),
        dropouts=len(dropped),
        endings=len(ended),
        mean_duration_days=mean_duration,
        interviews_done=sum(done.values()),
        interviews_absent=sum(absent.values()),
        actions=len(actions),
        participations=sum(len(v) for v in present.values()),
        participants_present=len(per_person),
        outcomes_by_type=tuple(by_type),
        outcomes_by_category=tuple(by_category),
        barriers=tuple(barrier_lines),
        actions_by_type=tuple(action_lines),
        profile=profile,
        details=details,
    )


# --- pseudonymised rows ----------------------------------------------------------------------------

_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read aloud without doubt


@dataclass(frozen=True)
class PseudonymousRow:
    """One person of the file active, without anything finer than a month: no name, number or date."""

    code: str  # random per export, e.g. ``P-7F3K2``
    age_bracket: str
    sex: str
    housing_at_entry: str
    referrer: str
    justice_situation: str
    entry_month: str  # ``2025-03``
    end_month: str  # empty while the accompaniment goes on (at D)
    outcomes: tuple[str, ...]  # labels of the outcome types reached in N, in date order


def _label(value: LabelledEnum | None) -> str:
    return value.label if value is not None else UNKNOWN


def pseudonymised_rows(year: int, as_of: date, facts: IndicatorFacts, token=secrets.choice) -> list[PseudonymousRow]:
    """The file active as rows with a fresh random code each, sorted by code (not by file number).

    ``token`` picks one character of an alphabet (``secrets.choice``; tests may pass a seeded one).
    """
    start = date(year, 1, 1)
    reference = age_reference(year, as_of)
    active = [p for p in facts.participants if is_in_file_active(p, year, as_of)]
    reached: dict[int, list[str]] = defaultdict(list)
    for o in sorted(facts.outcomes, key=lambda o: (o.on, o.outcome_type.value)):
        labels = reached[o.participant_id]
        if start <= o.on <= as_of and o.outcome_type.label not in labels:
            labels.append(o.outcome_type.label)
    codes: set[str] = set()
    rows = []
    for p in active:
        code = ""
        while not code or code in codes:
            code = "P-" + "".join(token(_CODE_ALPHABET) for _ in range(5))
        codes.add(code)
        end = p.end_date if p.end_date is not None and p.end_date <= as_of else None
        rows.append(
            PseudonymousRow(
                code=code,
                age_bracket=age_bracket(p.birth_date, reference)[1],
                sex=_label(p.sex),
                housing_at_entry=_label(p.housing_at_entry),
                referrer=_label(p.referrer),
                justice_situation=_label(p.justice_situation),
                entry_month=f"{p.entry_date:%Y-%m}",
                end_month=f"{end:%Y-%m}" if end else "",
                outcomes=tuple(reached.get(p.participant_id, ())),
            )
        )
    return sorted(rows, key=lambda r: r.code)


# --- the period asked for ----------------------------------------------------------------------------

EARLIEST_YEAR = 2015


def default_as_of(year: int) -> date:
    return date(year, 12, 31)


def validate_period(year: object, as_of: date | None, today: date) -> dict[str, str]:
    """Field -> French message: a year the programme can have, an "as of" date within it."""
    if not isinstance(year, int) or isinstance(year, bool) or not EARLIEST_YEAR <= year <= today.year + 1:
        return {"year": f"L'année doit être comprise entre {EARLIEST_YEAR} et {today.year + 1}."}
    if as_of is not None and as_of.year != year:
        return {
            "as_of": f"La date d'arrêté ({format_date(as_of)}) doit être dans l'année {year}, "
            f"entre le 01/01/{year} et le 31/12/{year}."
        }
    return {}
