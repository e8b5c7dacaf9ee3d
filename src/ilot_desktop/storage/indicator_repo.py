"""What the yearly indicators read: only the columns needed, only the rows of year N up to D.

The file active (accompaniment overlapping 1 January N..D) bounds everything personal, presences at
collective actions included; individual contacts are counted per participant and status in SQL;
collective actions (all of them, attended or not) and barriers are bounded by their dates. Nothing else
of a file (names, contacts, free text) is read.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from enum import Enum
from typing import Any, TypeVar

from sqlalchemy import and_, case, exists, func, or_, select
from sqlalchemy.orm import Session

from ilot_desktop.domain.indicators import (
    ActionFacts,
    BarrierFacts,
    IndicatorFacts,
    InterviewFacts,
    OutcomeFacts,
    ParticipantFacts,
    ParticipationFacts,
)
from ilot_desktop.domain.vocabulary import (
    ActionType,
    AppointmentStatus,
    Attendance,
    BarrierCategory,
    BarrierStatus,
    Housing,
    JusticeSituation,
    OutcomeType,
    Referrer,
    Sex,
)
from ilot_desktop.storage.tables import (
    AppointmentRow,
    BarrierEventRow,
    BarrierRow,
    CollectiveActionRow,
    OutcomeRow,
    ParticipantRow,
    RegistrationRow,
)

_DONE, _ABSENT = AppointmentStatus.DONE.value, AppointmentStatus.ABSENT.value
_ORIENTED = BarrierStatus.ORIENTED.value


E = TypeVar("E", bound=Enum)
_MEMBERS: dict[type, dict[str, Any]] = {}


def _member(enum: type[E], code: str) -> E:
    """``enum(code)`` through a dict: a year's facts read thousands of codes (an unknown one still raises)."""
    members = _MEMBERS.get(enum)
    if members is None:
        members = _MEMBERS[enum] = {member.value: member for member in enum}
    found = members.get(code)
    return found if found is not None else enum(code)


def _choice(enum: type[E], code: str | None) -> E | None:
    return _member(enum, code) if code else None


class IndicatorRepository:
    def __init__(self, session: Session):
        self.session = session

    def facts(self, year: int, as_of: date) -> IndicatorFacts:
        start = date(year, 1, 1)
        after = datetime.combine(as_of + timedelta(days=1), time.min)  # datetimes before the day after D
        since = datetime.combine(start, time.min)
        active = and_(
            ParticipantRow.entry_date <= as_of,
            or_(ParticipantRow.end_date.is_(None), ParticipantRow.end_date >= start),
        )
        s = self.session

        participants = tuple(
            ParticipantFacts(
                participant_id=r.id,
                file_number=r.file_number,
                sex=_choice(Sex, r.sex),
                birth_date=r.birth_date,
                entry_date=r.entry_date,
                end_date=r.end_date,
                housing_at_entry=_choice(Housing, r.housing_at_entry),
                referrer=_choice(Referrer, r.referrer),
                justice_situation=_choice(JusticeSituation, r.justice_situation),
            )
            for r in s.execute(
                select(
                    ParticipantRow.id,
                    ParticipantRow.file_number,
                    ParticipantRow.sex,
                    ParticipantRow.birth_date,
                    ParticipantRow.entry_date,
                    ParticipantRow.end_date,
                    ParticipantRow.housing_at_entry,
                    ParticipantRow.referrer,
                    ParticipantRow.justice_situation,
                ).where(active)
            )
        )

        outcomes = tuple(
            OutcomeFacts(pid, on, _member(OutcomeType, kind))
            for pid, on, kind in s.execute(
                select(OutcomeRow.participant_id, OutcomeRow.on, OutcomeRow.outcome_type)
                .join(ParticipantRow, ParticipantRow.id == OutcomeRow.participant_id)
                .where(OutcomeRow.on >= start, OutcomeRow.on <= as_of, active)
            )
        )

        done = func.sum(case((AppointmentRow.status == _DONE, 1), else_=0))
        absent = func.sum(case((AppointmentRow.status == _ABSENT, 1), else_=0))
        interviews = tuple(
            InterviewFacts(pid, int(d or 0), int(a or 0))
            for pid, d, a in s.execute(
                select(AppointmentRow.participant_id, done, absent)
                .join(ParticipantRow, ParticipantRow.id == AppointmentRow.participant_id)
                .where(
                    AppointmentRow.start >= since,
                    AppointmentRow.start < after,
                    AppointmentRow.status.in_((_DONE, _ABSENT)),
                    active,
                )
                .group_by(AppointmentRow.participant_id)
            )
        )

        in_period = and_(CollectiveActionRow.start >= since, CollectiveActionRow.start < after)
        actions = tuple(
            ActionFacts(action_id, reference, start_at.date(), _member(ActionType, kind))
            for action_id, reference, start_at, kind in s.execute(
                select(
                    CollectiveActionRow.id,
                    CollectiveActionRow.reference,
                    CollectiveActionRow.start,
                    CollectiveActionRow.action_type,
                ).where(in_period)
            )
        )
        participations = tuple(
            ParticipationFacts(action_id, pid, number)
            for action_id, pid, number in s.execute(
                select(RegistrationRow.action_id, RegistrationRow.participant_id, ParticipantRow.file_number)
                .join(CollectiveActionRow, CollectiveActionRow.id == RegistrationRow.action_id)
                .join(ParticipantRow, ParticipantRow.id == RegistrationRow.participant_id)
                .where(in_period, RegistrationRow.attendance == Attendance.PRESENT.value, active)
            )
        )

        oriented_event = exists().where(
            BarrierEventRow.barrier_id == BarrierRow.id,
            BarrierEventRow.status == _ORIENTED,
            BarrierEventRow.on <= as_of,
        )
        no_history = ~exists().where(BarrierEventRow.barrier_id == BarrierRow.id)
        ever_oriented = or_(oriented_event, and_(no_history, BarrierRow.status == _ORIENTED))
        barriers = tuple(
            BarrierFacts(
                pid,
                _member(BarrierCategory, category),
                identified,
                lifted,
                _member(BarrierStatus, status),
                bool(oriented),
            )
            for pid, category, identified, lifted, status, oriented in s.execute(
                select(
                    BarrierRow.participant_id,
                    BarrierRow.category,
                    BarrierRow.identified_on,
                    BarrierRow.lifted_on,
                    BarrierRow.status,
                    ever_oriented,
                )
                .join(ParticipantRow, ParticipantRow.id == BarrierRow.participant_id)
                .where(
                    BarrierRow.identified_on <= as_of,
                    or_(BarrierRow.lifted_on.is_(None), BarrierRow.lifted_on >= start),
                    active,
                )
            )
        )
        return IndicatorFacts(participants, outcomes, interviews, actions, participations, barriers)

    def years(self, today: date) -> list[int]:
        """Years whose file active is not empty, most recent first (open files run to ``today``)."""
        covered: set[int] = set()
        for entry, end in self.session.execute(select(ParticipantRow.entry_date, ParticipantRow.end_date)):
            last = (end or max(today, entry)).year
            covered.update(range(entry.year, last + 1))
        return sorted(covered, reverse=True)
