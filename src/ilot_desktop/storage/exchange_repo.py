"""Everything the exchange workbook holds, read in one query per table (export, and import matching),
barrier histories included."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ilot_desktop.domain.exchange_export import VaultSnapshot
from ilot_desktop.domain.vocabulary import Attendance, BarrierStatus
from ilot_desktop.storage.followup_repo import _APPOINTMENT_COLUMNS, _action, _appointment
from ilot_desktop.storage.outcome_repo import _outcome
from ilot_desktop.storage.plan_repo import _barrier
from ilot_desktop.storage.repositories import _to_domain
from ilot_desktop.storage.tables import (
    AppointmentRow,
    BarrierEventRow,
    BarrierRow,
    CollectiveActionRow,
    OutcomeRow,
    ParticipantRow,
    RegistrationRow,
)


class ExchangeRepository:
    def __init__(self, session: Session):
        self.session = session

    def snapshot(self) -> VaultSnapshot:
        s = self.session
        registrations = list(
            s.execute(
                select(
                    RegistrationRow.action_id,
                    RegistrationRow.participant_id,
                    RegistrationRow.attendance,
                    RegistrationRow.uid,
                )
            )
        )
        histories: dict[int, list] = {}
        history_uids: dict[int, list[str]] = {}
        for barrier_id, on, status, partner, uid in s.execute(
            select(
                BarrierEventRow.barrier_id,
                BarrierEventRow.on,
                BarrierEventRow.status,
                BarrierEventRow.partner,
                BarrierEventRow.uid,
            ).order_by(BarrierEventRow.barrier_id, BarrierEventRow.on, BarrierEventRow.id)
        ):
            histories.setdefault(barrier_id, []).append((on, BarrierStatus(status), partner or ""))
            history_uids.setdefault(barrier_id, []).append(uid)
        return VaultSnapshot(
            participants=[_to_domain(r) for r in s.scalars(select(ParticipantRow).order_by(ParticipantRow.id))],
            appointments=[
                _appointment(r) for r in s.execute(select(*_APPOINTMENT_COLUMNS).order_by(AppointmentRow.id))
            ],
            barriers=[_barrier(r) for r in s.scalars(select(BarrierRow).order_by(BarrierRow.id))],
            actions=[_action(r) for r in s.scalars(select(CollectiveActionRow).order_by(CollectiveActionRow.id))],
            registrations=[(a, p, Attendance(att) if att else None) for a, p, att, _uid in registrations],
            registration_uids={(a, p): uid for a, p, _att, uid in registrations},
            history_uids=history_uids,
            outcomes=[_outcome(r) for r in s.scalars(select(OutcomeRow).order_by(OutcomeRow.id))],
            histories=histories,
        )
