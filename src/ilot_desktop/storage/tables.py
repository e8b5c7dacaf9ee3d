"""Tables (SQLAlchemy 2.x declarative). Choices are stored by their stable code (see repositories)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from ilot_desktop.domain.identity import UID_LENGTH, new_uid

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _uid_column() -> Mapped[str]:
    """The record's permanent identifier (0007): given at birth by every insert path, never changed."""
    return mapped_column(String(UID_LENGTH), unique=True, default=new_uid)


class ParticipantRow(Base):
    __tablename__ = "participants"
    # AUTOINCREMENT: an erased participant's id is never given to someone else (the access log keeps it).
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = _uid_column()
    file_number: Mapped[str] = mapped_column(String(30), unique=True)
    # the numbers this file had before team work renumbered it (0008), comma-separated
    former_numbers: Mapped[str] = mapped_column(Text, default="", server_default="")
    last_name: Mapped[str] = mapped_column(String(100))
    first_name: Mapped[str] = mapped_column(String(100))
    sex: Mapped[str] = mapped_column(String(40))
    birth_date: Mapped[date] = mapped_column(Date)
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    referrer: Mapped[str] = mapped_column(String(40))
    justice_situation: Mapped[str] = mapped_column(String(40))
    facility: Mapped[str] = mapped_column(String(200), default="")
    planned_release_date: Mapped[date | None] = mapped_column(Date)
    housing_at_entry: Mapped[str] = mapped_column(String(40))
    entry_date: Mapped[date] = mapped_column(Date, index=True)
    end_date: Mapped[date | None] = mapped_column(Date)
    end_reason: Mapped[str | None] = mapped_column(String(40))
    cpip_name: Mapped[str] = mapped_column(String(200), default="")
    cpip_contact: Mapped[str] = mapped_column(String(200), default="")
    justice_measure: Mapped[str | None] = mapped_column(String(40))
    justice_constraints: Mapped[str] = mapped_column(Text, default="")
    resources: Mapped[list] = mapped_column(JSON, default=list)
    rights: Mapped[dict] = mapped_column(JSON, default=dict)
    education_level: Mapped[str | None] = mapped_column(String(40))
    professional_project: Mapped[str] = mapped_column(Text, default="")
    skills: Mapped[str] = mapped_column(Text, default="")
    work_constraints: Mapped[list] = mapped_column(JSON, default=list)
    work_constraints_notes: Mapped[str] = mapped_column(Text, default="")
    consent_date: Mapped[date | None] = mapped_column(Date)
    caseworker: Mapped[str] = mapped_column(String(200), default="")
    cadence: Mapped[str | None] = mapped_column(String(40))
    notes: Mapped[str] = mapped_column(Text, default="")
    anonymised_on: Mapped[date | None] = mapped_column(Date)  # set once the retention period made it statistics
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class AppointmentRow(Base):
    """An individual contact with a participant (planned, done, missed or cancelled)."""

    __tablename__ = "appointments"
    __table_args__ = (Index("ix_appointments_participant_start", "participant_id", "start"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = _uid_column()
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    start: Mapped[datetime] = mapped_column(DateTime, index=True)
    duration_min: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(40))
    place: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(40))
    report: Mapped[str] = mapped_column(Text, default="")
    next_steps: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    # the appointments created together by « Répéter » share it (0006); none for a single appointment
    series_id: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)


class CollectiveActionRow(Base):
    __tablename__ = "collective_actions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = _uid_column()
    reference: Mapped[str] = mapped_column(String(30), unique=True)
    action_type: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(200))
    start: Mapped[datetime] = mapped_column(DateTime, index=True)
    duration_min: Mapped[int] = mapped_column(Integer)
    place: Mapped[str] = mapped_column(String(200), default="")
    partner: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class RegistrationRow(Base):
    """A participant registered to a collective action; attendance is None until recorded."""

    __tablename__ = "action_registrations"

    action_id: Mapped[int] = mapped_column(ForeignKey("collective_actions.id", ondelete="CASCADE"), primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    attendance: Mapped[str | None] = mapped_column(String(40))
    uid: Mapped[str] = _uid_column()


class BarrierRow(Base):
    """One barrier ("frein") of a participant: a ticked item of a category, with its current status."""

    __tablename__ = "barriers"
    __table_args__ = (
        UniqueConstraint("participant_id", "category", "item", name="uq_barriers_participant_category_item"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = _uid_column()
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    category: Mapped[str] = mapped_column(String(40))
    item: Mapped[str] = mapped_column(String(120))
    status: Mapped[str] = mapped_column(String(40))
    identified_on: Mapped[date] = mapped_column(Date)
    lifted_on: Mapped[date | None] = mapped_column(Date)
    partner: Mapped[str] = mapped_column(String(200), default="")
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class BarrierEventRow(Base):
    """A status a barrier reached on a day (its history)."""

    __tablename__ = "barrier_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = _uid_column()
    barrier_id: Mapped[int] = mapped_column(ForeignKey("barriers.id", ondelete="CASCADE"), index=True)
    on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(40))
    partner: Mapped[str] = mapped_column(String(200), default="")


class TaskRow(Base):
    """A task of a participant's action plan, optionally linked to one of their barriers."""

    __tablename__ = "tasks"
    __table_args__ = (Index("ix_tasks_status_due_date", "status", "due_date"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = _uid_column()
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    description: Mapped[str] = mapped_column(String(300))
    owner: Mapped[str] = mapped_column(String(40))
    due_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(40))
    barrier_id: Mapped[int | None] = mapped_column(ForeignKey("barriers.id", ondelete="SET NULL"), index=True)
    created_on: Mapped[date] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class OutcomeRow(Base):
    """A job or training reached, or a drop-out (the indicators' raw material)."""

    __tablename__ = "outcomes"
    __table_args__ = (Index("ix_outcomes_on", "on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = _uid_column()
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    on: Mapped[date] = mapped_column(Date)
    outcome_type: Mapped[str] = mapped_column(String(40))
    dropout_reason: Mapped[str | None] = mapped_column(String(40))
    employer: Mapped[str] = mapped_column(String(200), default="")
    sector: Mapped[str] = mapped_column(String(100), default="")
    working_time: Mapped[str | None] = mapped_column(String(40))
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class AuditEventRow(Base):
    """Who opened or changed which file, when: no contents. No foreign key: an erased file keeps its trace."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    participant_id: Mapped[int | None] = mapped_column(Integer, index=True)
    detail: Mapped[str] = mapped_column(String(200), default="")


class SettingRow(Base):
    """Settings that live inside the encrypted file (see ``settings.py``)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# --- team work (0008, docs/team-engine.md): the synchronisation's own state, never shown as such ---------------


class SyncRecordRow(Base):
    """One synchronised record's state: version vector and per-field dots (values stay in the data row)."""

    __tablename__ = "sync_records"

    uid: Mapped[str] = mapped_column(String(UID_LENGTH), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(Text)  # JSON {"c": ctx, "f": {field: [[replica, n, at], ...]}}
    hashes: Mapped[str] = mapped_column(Text, default="{}")  # JSON {field: hash of the row's value}
    row_hash: Mapped[str] = mapped_column(String(16), default="")  # hash of the whole row at the last refresh
    held: Mapped[str | None] = mapped_column(Text)  # JSON values of a record with no row here (waiting, deleted)
    origin: Mapped[str] = mapped_column(String(10), default="")  # laptop code a participant was created on
    seq: Mapped[int] = mapped_column(Integer, index=True)  # local counter of the last change (never shipped)


class SyncConflictValueRow(Base):
    """A value of a field in conflict that is not this laptop's (the data row keeps this laptop's)."""

    __tablename__ = "sync_conflict_values"

    uid: Mapped[str] = mapped_column(String(UID_LENGTH), primary_key=True)
    field: Mapped[str] = mapped_column(String(40), primary_key=True)
    replica: Mapped[str] = mapped_column(String(16), primary_key=True)
    n: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON
    at: Mapped[str] = mapped_column(String(32), default="")


class SyncTombstoneRow(Base):
    """An erased or anonymised participant (rule 4): travels in packages, never brought back."""

    __tablename__ = "sync_tombstones"

    uid: Mapped[str] = mapped_column(String(UID_LENGTH), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(String(20))
    on_date: Mapped[str] = mapped_column(String(10))
    from_replica: Mapped[str] = mapped_column(String(16))


class SyncAliasRow(Base):
    """Two records joined as one (collective actions, registrations, barriers): the smaller uid is canonical."""

    __tablename__ = "sync_aliases"

    uid: Mapped[str] = mapped_column(String(UID_LENGTH), primary_key=True)
    canonical_uid: Mapped[str] = mapped_column(String(UID_LENGTH))


class SyncPeerRow(Base):
    """Another laptop of the team: its code, and when its last package was taken in here."""

    __tablename__ = "sync_peers"

    replica_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    code: Mapped[str] = mapped_column(String(10), default="")
    first_seen: Mapped[datetime | None] = mapped_column(DateTime)
    last_package_at: Mapped[datetime | None] = mapped_column(DateTime)


class SyncPackageRow(Base):
    """A package sent or taken in (a package taken in twice changes nothing), with its counts (no names)."""

    __tablename__ = "sync_packages"

    package_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    direction: Mapped[str] = mapped_column(String(3))  # "out" | "in"
    at: Mapped[datetime] = mapped_column(DateTime)
    records: Mapped[int] = mapped_column(Integer, default=0)
    conflicts: Mapped[int] = mapped_column(Integer, default=0)


class SyncHandoverRow(Base):
    """A file handed over to a colleague: « transmis à <to> le <date> »."""

    __tablename__ = "sync_handovers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    participant_uid: Mapped[str] = mapped_column(String(UID_LENGTH), index=True)
    to_label: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(DateTime)
