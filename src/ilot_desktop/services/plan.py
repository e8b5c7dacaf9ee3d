"""The shared action plan: tasks, suggestions while typing, overdue tasks, and the printed plan's content."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date
from pathlib import Path

from ilot_desktop.domain.action_plan import (
    PLACE_NOT_PRINTED,
    PRINTABLE_PLACES,
    ActionPlanDocument,
    OverdueTask,
    PlanAppointment,
    Task,
    contact_line,
    first_name_of,
    plan_suggestions,
    same_person,
    split_by_owner,
    validate_contact,
    validate_new_due,
    validate_task,
    with_status,
)
from ilot_desktop.domain.audit import AuditAction
from ilot_desktop.domain.followup import Appointment
from ilot_desktop.domain.vocabulary import AppointmentKind, TaskStatus, fold
from ilot_desktop.errors import NotFoundError, ValidationError
from ilot_desktop.services.audit import record_after, record_change
from ilot_desktop.services.clock import Now, Today, as_clock
from ilot_desktop.services.demo_marker import marked
from ilot_desktop.services.participants import CONTACT_NAME_KEY, DEFAULT_CASEWORKER_KEY
from ilot_desktop.storage.database import Database, UnitOfWork

log = logging.getLogger(__name__)

GONE = "Cette tâche n'existe plus."
DELETED_MEANWHILE = "Cette tâche a été supprimée entre-temps ; elle n'a pas été enregistrée."
PARTICIPANT_GONE = "Ce dossier n'existe plus."
# the participant file's last caseworker, and "Mes coordonnées" (whose phone and e-mail these are)
CASEWORKER_KEY = DEFAULT_CASEWORKER_KEY

PHONE_KEY = "caseworker_phone"
EMAIL_KEY = "caseworker_email"
ADDRESS_KEY = "office_address"  # the office where the person finds the caseworker (printed on every plan)
ASSOCIATION, PROGRAMME = "L'Îlot", "Dynamiques Emploi"


class PlanService:
    """``clock`` gives today's date (see ``services.clock``); ``now``, when given, the moment
    (which appointment is next; rows stamped)."""

    def __init__(
        self,
        database: Database,
        clock: Today,
        now: Now | None = None,
    ):
        self._db = database
        self._clock = as_clock(clock, now)

    # --- reading ----------------------------------------------------------------------------------

    def tasks(self, participant_id: int, include_closed: bool = True) -> list[Task]:
        """To do first (soonest due first, undated last), then done or dropped (latest first)."""
        with self._db.unit_of_work() as uow:
            return uow.tasks.of_participant(participant_id, include_closed)

    def get(self, task_id: int) -> Task:
        with self._db.unit_of_work() as uow:
            task = uow.tasks.get(task_id)
        if task is None:
            raise NotFoundError(GONE)
        return task

    def overdue(self, today: date | None = None) -> list[OverdueTask]:
        """Tasks to do whose date has passed, of people still followed, oldest first (one query)."""
        with self._db.unit_of_work() as uow:
            return uow.tasks.overdue(today or self._clock())

    def suggestions(self, participant_id: int) -> list[str]:
        """Common steps to offer while typing: those for the barriers still to lift first."""
        with self._db.unit_of_work() as uow:
            categories = uow.barriers.open_categories(participant_id)
            open_tasks = uow.tasks.open_descriptions(participant_id)
        return plan_suggestions(categories, open_tasks)

    # --- writing ----------------------------------------------------------------------------------

    def save(self, task: Task) -> Task:
        """Validate and store (insert or update); returns it with its id. Raises ValidationError.

        Created today unless a date is given; ``Fait`` is dated today unless already dated.
        """
        today = self._clock()
        cleaned = self._prepared(task, today)
        now = self._clock.now()
        with self._db.unit_of_work() as uow:
            self._check(uow, [cleaned])
            if (
                cleaned.id is None
                and cleaned.status is TaskStatus.TODO
                and cleaned.participant_id is not None
                and fold(cleaned.description) in {fold(d) for d in uow.tasks.open_descriptions(cleaned.participant_id)}
            ):
                raise ValidationError({"description": "Cette tâche est déjà dans le plan, à faire."})
            if cleaned.id is None:
                cleaned.id = uow.tasks.add(cleaned, now)
                log.info("task %s created for participant %s", cleaned.id, cleaned.participant_id)
            else:
                before = uow.tasks.get(cleaned.id)
                if before is None:
                    raise NotFoundError(DELETED_MEANWHILE)
                if before.participant_id != cleaned.participant_id:
                    raise ValidationError({"participant": "Une tâche ne change pas de personne."})
                uow.tasks.update(cleaned, now)
                log.info("task %s updated", cleaned.id)
            record_change(uow, self._clock, cleaned.participant_id, "plan d'action")
            uow.commit()
        return cleaned

    def save_many(self, tasks: list[Task]) -> int:
        """Validate and insert new tasks in one transaction (demo data, imports): all or none."""
        today = self._clock()
        cleaned = [self._prepared(t, today) for t in tasks]
        if any(t.id is not None for t in cleaned):
            raise ValueError("save_many only creates tasks")
        with self._db.unit_of_work() as uow:
            self._check(uow, cleaned)
            count = uow.tasks.add_many(cleaned, self._clock.now())
            uow.commit()
        log.info("%d tasks created", count)
        return count

    def set_status(self, task_id: int, status: TaskStatus) -> Task:
        """Mark À faire / Fait / Abandonné in one action."""
        today = self._clock()
        with self._db.unit_of_work() as uow:
            current = uow.tasks.get(task_id)
            if current is None:
                raise NotFoundError(GONE)
            changed = with_status(current, status, today)
            errors = validate_task(changed, today)
            if errors:
                raise ValidationError(errors)
            uow.tasks.update(changed, self._clock.now())
            record_change(uow, self._clock, changed.participant_id, "plan d'action")
            uow.commit()
        log.info("task %s marked %s", task_id, status.value)
        return changed

    def delete(self, task_id: int) -> None:
        with self._db.unit_of_work() as uow:
            current = uow.tasks.get(task_id)
            if current is None or not uow.tasks.delete(task_id):
                raise NotFoundError(GONE)
            record_change(uow, self._clock, current.participant_id, "tâche retirée")
            uow.commit()
        log.info("task %s deleted", task_id)

    # --- the printed plan -------------------------------------------------------------------------

    def document(
        self, participant_id: int, association: str = ASSOCIATION, programme: str = PROGRAMME
    ) -> ActionPlanDocument:
        """What the printed plan shows: tasks still to do by owner, the next appointment, the contact.

        Nothing else reaches it: no barrier, no diagnosis, no justice detail (an appointment at the
        prison prints no place).
        """
        today = self._clock()
        with self._db.unit_of_work() as uow:
            participant = uow.participants.get(participant_id)
            if participant is None:
                raise NotFoundError(PARTICIPANT_GONE)
            todo = uow.tasks.of_participant(participant_id, include_closed=False)
            appointment = uow.appointments.next_planned(participant_id, self._clock.now())
            usual = uow.settings.get(CONTACT_NAME_KEY) or uow.settings.get(CASEWORKER_KEY) or ""
            phone, email = uow.settings.get(PHONE_KEY) or "", uow.settings.get(EMAIL_KEY) or ""
            address = uow.settings.get(ADDRESS_KEY) or ""
            demonstration = marked(uow)  # the demonstration's plan says so on every page
        # The contact details are "Mes coordonnées": printed only beside the name they belong to.
        in_charge = participant.caseworker or usual
        caseworker = first_name_of(in_charge)
        contact = contact_line(phone, email) if not participant.caseworker or same_person(in_charge, usual) else ""
        next_appointment = None
        if appointment is not None and appointment.start is not None:
            next_appointment = PlanAppointment(
                start=appointment.start, place=printable_place(appointment), with_whom=caseworker
            )
        # the link to a barrier stays in the file: the printed plan knows only what is to be done
        person, own, shared = split_by_owner(replace(t, barrier_id=None) for t in todo)
        return ActionPlanDocument(
            association=association,
            programme=programme,
            printed_on=today,
            person_first_name=participant.first_name,
            caseworker_first_name=caseworker,
            caseworker_contact=contact,
            next_appointment=next_appointment,
            person_tasks=person,
            caseworker_tasks=own,
            shared_tasks=shared,
            office_address=address,
            demonstration=demonstration,
        )

    def render_document(self, document: ActionPlanDocument) -> bytes:
        """The printed plan as PDF bytes, for the preview and the printer (``record_printed`` once printed)."""
        from ilot_desktop.reports.action_plan import render_action_plan

        return render_action_plan(document)

    def write_document(
        self, out: Path, participant_id: int, document: ActionPlanDocument | None = None, detail: str = ""
    ) -> ActionPlanDocument:
        """The printed plan written to ``out`` as a PDF (``document``, else built now), and the access log says so.

        Returns what was written (the command line warns about its sensitive words)."""
        from ilot_desktop.reports.action_plan import write_action_plan

        document = document if document is not None else self.document(participant_id)
        write_action_plan(out, document)
        self.record_printed(participant_id, detail)
        return document

    def record_printed(self, participant_id: int, detail: str = "") -> None:
        """« Plan d'action imprimé ou enregistré » in the access log (the window prints through Qt)."""
        record_after(self._db, self._clock, AuditAction.ACTION_PLAN_PRINTED, participant_id, detail)

    def caseworker_contact(self) -> dict[str, str]:
        """The caseworker's own details printed on the plan: ``name``, ``phone``, ``email``, ``address`` (the
        office's)."""
        with self._db.unit_of_work() as uow:
            return {
                "name": uow.settings.get(CONTACT_NAME_KEY) or uow.settings.get(CASEWORKER_KEY) or "",
                "phone": uow.settings.get(PHONE_KEY) or "",
                "email": uow.settings.get(EMAIL_KEY) or "",
                "address": uow.settings.get(ADDRESS_KEY) or "",
            }

    def contact_missing(self) -> bool:
        """True while « Mes coordonnées » lack the phone or the office's address: asked before a plan is shown."""
        contact = self.caseworker_contact()
        return not contact["phone"].strip() or not contact["address"].strip()

    def set_caseworker_contact(
        self, name: str, phone: str, email: str, address: str | None = None, required: bool = False
    ) -> None:
        """Store « Mes coordonnées » (``address`` None: the office's address is kept). ``required``: the phone and
        the address must be given (asked before a plan is printed). Raises ValidationError."""
        name, phone, email = name.strip(), phone.strip(), email.strip()
        office = " ".join(address.split()) if address is not None else self.caseworker_contact()["address"]
        errors = validate_contact(name, phone, email, office, required=required)
        if errors:
            raise ValidationError(errors)
        with self._db.unit_of_work() as uow:
            uow.settings.set(CONTACT_NAME_KEY, name)
            uow.settings.set(PHONE_KEY, phone)
            uow.settings.set(EMAIL_KEY, email)
            uow.settings.set(ADDRESS_KEY, office)
            uow.commit()
        log.info("caseworker contact updated")

    def reschedule(self, new_dates: dict[int, date]) -> list[Task]:
        """New dates for late tasks, set with the person before the plan is printed: all saved, or none
        (ValidationError, keyed by task id). Returns the tasks as saved."""
        today = self._clock()
        now = self._clock.now()
        saved: list[Task] = []
        with self._db.unit_of_work() as uow:
            errors: dict[str, str] = {}
            for task_id, due in new_dates.items():
                current = uow.tasks.get(task_id)
                if current is None:
                    raise NotFoundError(GONE)
                problem = validate_new_due(due, today)
                if problem:
                    errors[str(task_id)] = problem
                saved.append(replace(current, due_date=due))
            if errors:
                raise ValidationError(errors)
            for task in saved:
                uow.tasks.update(task, now)
            for participant_id in {t.participant_id for t in saved}:
                record_change(uow, self._clock, participant_id, "plan d'action")
            uow.commit()
        log.info("%d late tasks given a new date", len(saved))
        return saved

    # --- helpers ----------------------------------------------------------------------------------

    @staticmethod
    def _prepared(task: Task, today: date) -> Task:
        """Trimmed, dated, validated (raises ValidationError)."""
        cleaned = replace(task, description=task.description.strip(), created_on=task.created_on or today)
        if cleaned.status is not None:
            cleaned = with_status(cleaned, cleaned.status, today)
        errors = validate_task(cleaned, today)
        if errors:
            raise ValidationError(errors)
        return cleaned

    @staticmethod
    def _check(uow: UnitOfWork, tasks: list[Task]) -> None:
        """Every participant exists; a linked barrier is one of the same person's."""
        for participant_id in {t.participant_id for t in tasks}:
            if participant_id is None or uow.participants.get(participant_id) is None:
                raise NotFoundError(PARTICIPANT_GONE)
        for t in tasks:
            if t.barrier_id is None:
                continue
            barrier = uow.barriers.get(t.barrier_id)
            if barrier is None:
                raise ValidationError({"barrier_id": "Ce frein n'existe plus."})
            if barrier.participant_id != t.participant_id:
                raise ValidationError({"barrier_id": "Ce frein ne concerne pas cette personne."})


def printable_place(appointment: Appointment) -> str:
    """Where the person goes, as the sheet they carry may say it: no prison, no care centre, no address."""
    if appointment.kind is AppointmentKind.IN_DETENTION:
        return ""
    place = appointment.place.strip()
    printable = any(fold(place).startswith(fold(allowed)) for allowed in PRINTABLE_PLACES)
    return place if place and printable else PLACE_NOT_PRINTED
