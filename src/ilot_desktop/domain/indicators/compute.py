"""The programme's yearly indicators (``data-exchange.md`` section 2), computed from plain records.

Year N, "as of" date D (31 December of N unless said otherwise). Only records dated on or before D
count; "in N" means from 1 January of N to D. Every rate is an exact ``Fraction`` (``None`` when its
denominator is zero); ``format.percent`` rounds it half up for the files people read.

Scope: every figure about people or their activity (interviews, absences, participations, participants
present, outcomes by type and category, barriers) counts only people of the file active of N, and only
events in N up to D; the number of collective actions held counts every action, attended or not.

Pure: ``compute_indicators`` re-applies every definition itself on ``IndicatorFacts``, so it gives the same
figures from unfiltered records, and prepares the explanation lines of every figure.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from ilot_desktop.domain.dates import age_on, format_date
from ilot_desktop.domain.indicators.facts import (
    AGE_BRACKETS,
    UNKNOWN,
    UNKNOWN_CODE,
    ActionFacts,
    BarrierFacts,
    IndicatorFacts,
    OutcomeFacts,
    ParticipantFacts,
    ParticipationFacts,
    age_bracket,
    age_reference,
    is_in_file_active,
)
from ilot_desktop.domain.indicators.results import (
    ABSENCES,
    ACCESS,
    ACTIONS,
    DROPOUTS,
    ENDINGS,
    ENTRIES,
    FILE_ACTIVE,
    INTERVIEWS_DONE,
    PARTICIPANTS_PRESENT,
    PARTICIPATIONS,
    ActionLine,
    BarrierLine,
    Count,
    Profile,
    YearIndicators,
)
from ilot_desktop.domain.vocabulary import (
    ActionType,
    BarrierCategory,
    Housing,
    JusticeSituation,
    LabelledEnum,
    OutcomeCategory,
    OutcomeType,
    Referrer,
    Sex,
)


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


@dataclass
class _Year:
    """The year being computed: its period, the file active, and the explanation lines gathered so far."""

    year: int
    as_of: date
    active: dict[int, ParticipantFacts]
    details: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def start(self) -> date:
        return date(self.year, 1, 1)

    @property
    def numbers(self) -> dict[int, str]:
        return {pid: p.file_number for pid, p in self.active.items()}

    def in_n(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.as_of

    def by_number(self, pids: Iterable[int]) -> list[int]:
        return sorted(pids, key=lambda pid: (self.active[pid].file_number, pid))


def compute_indicators(year: int, as_of: date, facts: IndicatorFacts) -> YearIndicators:
    """Every indicator of data-exchange.md section 2 for year ``year`` as of ``as_of``."""
    if not date(year, 1, 1) <= as_of <= date(year, 12, 31):
        raise ValueError("the as-of date must fall within the year")
    active = {p.participant_id: p for p in facts.participants if is_in_file_active(p, year, as_of)}
    y = _Year(year, as_of, active)
    numbers = y.numbers
    entered = _file_active(y)
    outcomes = _outcomes_in_n(y, facts)
    reached, dropped = _access_and_dropouts(y, outcomes, numbers)
    by_type = _earliest_per(OutcomeType, "outcome_type", lambda o: o.outcome_type, outcomes, numbers, y.details)
    by_category = _earliest_per(
        OutcomeCategory, "outcome_category", lambda o: o.outcome_type.category, outcomes, numbers, y.details
    )
    ended, mean_duration = _endings(y)
    done, absent = _interviews(y, facts, numbers)
    actions, participations, per_person, action_lines = _actions(y, facts)
    barrier_lines = _barriers(y, facts, numbers)
    profile = _profile(y, numbers)
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
        actions=actions,
        participations=participations,
        participants_present=len(per_person),
        outcomes_by_type=tuple(by_type),
        outcomes_by_category=tuple(by_category),
        barriers=tuple(barrier_lines),
        actions_by_type=tuple(action_lines),
        profile=profile,
        details=y.details,
    )


def _file_active(y: _Year) -> list[int]:
    """The file active and, of them, the entries in N; returns the entries."""

    def entry_line(pid: int) -> str:
        p = y.active[pid]
        text = f"{p.file_number} · entrée le {format_date(p.entry_date)}"
        if p.end_date is not None and p.end_date <= y.as_of:
            text += f", fin le {format_date(p.end_date)}"
        return text

    y.details[FILE_ACTIVE] = tuple(entry_line(pid) for pid in y.by_number(y.active))
    entered = [pid for pid in y.by_number(y.active) if y.in_n(y.active[pid].entry_date)]
    y.details[ENTRIES] = tuple(entry_line(pid) for pid in entered)
    return entered


def _outcomes_in_n(y: _Year, facts: IndicatorFacts) -> dict[int, list[OutcomeFacts]]:
    """Outcomes in N of the file active, each participant's in date order."""
    outcomes: dict[int, list[OutcomeFacts]] = defaultdict(list)
    for o in sorted(facts.outcomes, key=lambda o: (o.on, o.outcome_type.value)):
        if o.participant_id in y.active and y.in_n(o.on):
            outcomes[o.participant_id].append(o)
    return outcomes


def _access_and_dropouts(
    y: _Year, outcomes: dict[int, list[OutcomeFacts]], numbers: dict[int, str]
) -> tuple[list[int], list[int]]:
    """People who reached employment or training in N, and people who dropped out in N."""
    positive = {pid: [o for o in items if o.outcome_type is not OutcomeType.DROPOUT] for pid, items in outcomes.items()}
    reached = y.by_number(pid for pid, items in positive.items() if items)
    y.details[ACCESS] = tuple(f"{numbers[pid]} · {' ; '.join(_said(o) for o in positive[pid])}" for pid in reached)
    dropped = y.by_number(
        pid for pid, items in outcomes.items() if any(o.outcome_type is OutcomeType.DROPOUT for o in items)
    )
    y.details[DROPOUTS] = tuple(
        f"{numbers[pid]} · {_said(next(o for o in outcomes[pid] if o.outcome_type is OutcomeType.DROPOUT))}"
        for pid in dropped
    )
    return reached, dropped


def _endings(y: _Year) -> tuple[list[int], Fraction | None]:
    """Accompaniments ended in N and their mean duration in days."""
    ended = [pid for pid in y.by_number(y.active) if y.in_n(y.active[pid].end_date)]
    spans = {pid: (y.active[pid].entry_date, y.active[pid].end_date or y.as_of) for pid in ended}
    durations = {pid: (end - entry).days for pid, (entry, end) in spans.items()}
    y.details[ENDINGS] = tuple(
        f"{y.active[pid].file_number} · du {format_date(spans[pid][0])} au {format_date(spans[pid][1])} "
        f"({_plural(durations[pid], 'jour', 'jours')})"
        for pid in ended
    )
    mean_duration = Fraction(sum(durations.values()), len(durations)) if durations else None
    return ended, mean_duration


def _interviews(y: _Year, facts: IndicatorFacts, numbers: dict[int, str]) -> tuple[dict[int, int], dict[int, int]]:
    """Individual interviews done and missed, per person of the file active."""
    done: dict[int, int] = defaultdict(int)
    absent: dict[int, int] = defaultdict(int)
    for i in facts.interviews:
        if i.participant_id in y.active:
            done[i.participant_id] += i.done
            absent[i.participant_id] += i.absent
    y.details[INTERVIEWS_DONE] = tuple(
        f"{numbers[pid]} · {_plural(done[pid], 'entretien réalisé', 'entretiens réalisés')}"
        for pid in y.by_number(pid for pid in done if done[pid])
    )
    y.details[ABSENCES] = tuple(
        f"{numbers[pid]} · {_plural(absent[pid], 'absence', 'absences')} "
        f"pour {_plural(done[pid], 'entretien réalisé', 'entretiens réalisés')}"
        for pid in y.by_number(pid for pid in absent if absent[pid])
    )
    return done, absent


def _actions(y: _Year, facts: IndicatorFacts) -> tuple[int, int, dict[str, int], list[ActionLine]]:
    """Collective actions in N (every one held, attended or not); registrations marked Présent by people of
    the file active only: someone whose accompaniment ended before N counts in no figure of N.

    Returns the actions held, the participations, participations per file number, and the lines by type.
    """
    actions = sorted((a for a in facts.actions if y.in_n(a.on)), key=lambda a: (a.on, a.reference))
    kept = {a.action_id for a in actions}
    present: dict[int, list[ParticipationFacts]] = defaultdict(list)
    seen: set[tuple[int, int]] = set()
    for r in facts.participations:
        if r.action_id in kept and r.participant_id in y.active and (r.action_id, r.participant_id) not in seen:
            seen.add((r.action_id, r.participant_id))
            present[r.action_id].append(r)

    def action_line(a: ActionFacts) -> str:
        came = _plural(len(present[a.action_id]), "présent", "présents")
        return f"{a.reference} · {a.action_type.label} le {format_date(a.on)} · {came}"

    y.details[ACTIONS] = tuple(action_line(a) for a in actions)
    per_person: dict[str, int] = defaultdict(int)
    for a in actions:
        for r in present[a.action_id]:
            per_person[r.file_number] += 1
    y.details[PARTICIPATIONS] = tuple(
        f"{number} · {_plural(count, 'participation', 'participations')}"
        for number, count in sorted(per_person.items())
    )
    y.details[PARTICIPANTS_PRESENT] = tuple(sorted(per_person))
    action_lines = []
    for action_type in ActionType:
        of_type = [a for a in actions if a.action_type is action_type]
        people = [r for a in of_type for r in present[a.action_id]]
        line = ActionLine(action_type, len(of_type), len(people), len({r.participant_id for r in people}))
        y.details[line.key] = tuple(action_line(a) for a in of_type)
        action_lines.append(line)
    return len(actions), sum(len(v) for v in present.values()), per_person, action_lines


def _barriers(y: _Year, facts: IndicatorFacts, numbers: dict[int, str]) -> list[BarrierLine]:
    """Barriers of the file active per category: concerned, lifted in N, oriented to a partner."""
    concerned: dict[BarrierCategory, dict[int, BarrierFacts]] = defaultdict(dict)
    lifted: dict[BarrierCategory, dict[int, date]] = defaultdict(dict)
    oriented: dict[BarrierCategory, set[int]] = defaultdict(set)
    for b in sorted(facts.barriers, key=lambda b: b.identified_on):
        if b.participant_id not in y.active or b.identified_on > y.as_of:
            continue
        if b.lifted_on is not None and b.lifted_on < y.start:
            continue
        concerned[b.category].setdefault(b.participant_id, b)
        if b.lifted_on is not None and y.in_n(b.lifted_on):
            lifted[b.category][b.participant_id] = max(
                b.lifted_on, lifted[b.category].get(b.participant_id, b.lifted_on)
            )
        if b.ever_oriented:
            oriented[b.category].add(b.participant_id)
    barrier_lines = []
    for category in BarrierCategory:
        line = BarrierLine(category, len(concerned[category]), len(lifted[category]), len(oriented[category]))
        keys = line.keys
        y.details[keys[0]] = tuple(
            f"{numbers[pid]} · {category.label}, identifié le {format_date(concerned[category][pid].identified_on)}"
            for pid in y.by_number(concerned[category])
        )
        y.details[keys[1]] = tuple(
            f"{numbers[pid]} · {category.label}, levé le {format_date(lifted[category][pid])}"
            for pid in y.by_number(lifted[category])
        )
        y.details[keys[2]] = tuple(
            f"{numbers[pid]} · {category.label}, orienté vers un partenaire" for pid in y.by_number(oriented[category])
        )
        barrier_lines.append(line)
    return barrier_lines


def _profile(y: _Year, numbers: dict[int, str]) -> Profile:
    """The file active by sex, age bracket, housing, referrer and justice situation at entry."""
    reference = age_reference(y.year, y.as_of)
    brackets = {pid: age_bracket(p.birth_date, reference) for pid, p in y.active.items()}
    age_counts = []
    for code, label in (*AGE_BRACKETS, (UNKNOWN_CODE, UNKNOWN)):
        pids = y.by_number(pid for pid, (c, _l) in brackets.items() if c == code)
        if code == UNKNOWN_CODE and not pids:
            continue
        key = f"age:{code}"
        y.details[key] = tuple(_age_line(y.active[pid], reference) for pid in pids)
        age_counts.append(Count(key, label, len(pids)))
    active, details = y.active, y.details
    return Profile(
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


def _age_line(p: ParticipantFacts, reference: date) -> str:
    if p.birth_date is None:
        return p.file_number
    return f"{p.file_number} · {age_on(p.birth_date, reference)} ans"
