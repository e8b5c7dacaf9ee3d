from datetime import date

import pytest

from ilot_desktop.domain.outcomes import Outcome
from ilot_desktop.domain.vocabulary import (
    Cadence,
    CaseStatus,
    DropoutReason,
    EndReason,
    OutcomeType,
    WorkingTime,
)
from ilot_desktop.errors import NotFoundError, ValidationError
from tests.conftest import TODAY
from tests.factories import make_participant


@pytest.fixture
def person(session):
    return session.participants.save(make_participant())


def test_record_read_update_delete(session, person):
    job = session.outcomes.save(
        Outcome(
            person.id,
            date(2026, 11, 16),
            OutcomeType.CDD_SHORT,
            employer="  Eiffage ",
            sector="BTP",
            working_time=WorkingTime.FULL,
        )
    )
    assert job.id is not None and job.employer == "Eiffage"
    later = session.outcomes.save(Outcome(person.id, date(2026, 11, 20), OutcomeType.QUALIFYING))
    assert [o.id for o in session.outcomes.for_participant(person.id)] == [later.id, job.id]
    session.outcomes.save(Outcome(person.id, date(2026, 11, 16), OutcomeType.CDI, id=job.id))
    assert session.outcomes.get(job.id).outcome_type is OutcomeType.CDI
    session.outcomes.delete(job.id)
    with pytest.raises(NotFoundError):
        session.outcomes.get(job.id)


def test_invalid_outcome_is_refused(session, person):
    with pytest.raises(ValidationError) as caught:
        session.outcomes.save(Outcome(person.id, date(2026, 11, 1), OutcomeType.DROPOUT))
    assert "motif" in caught.value.errors["dropout_reason"]
    with pytest.raises(NotFoundError):
        session.outcomes.save(Outcome(9999, date(2026, 11, 1), OutcomeType.CDI))


def test_end_and_reopen_an_accompaniment(session, person):
    session.outcomes.end_accompaniment(person.id, date(2026, 11, 20), EndReason.POSITIVE)
    closed = session.participants.get(person.id)
    assert (closed.end_date, closed.end_reason) == (date(2026, 11, 20), EndReason.POSITIVE)
    assert closed.status(TODAY) is CaseStatus.ENDED
    with pytest.raises(ValidationError) as caught:
        session.outcomes.end_accompaniment(person.id, date(2026, 9, 1), EndReason.POSITIVE)
    assert "précéder la date d'entrée" in caught.value.errors["end_date"]
    with pytest.raises(ValidationError):
        session.outcomes.end_accompaniment(person.id, date(2026, 11, 20), None)
    session.outcomes.end_accompaniment(person.id, None, None)
    assert session.participants.get(person.id).end_date is None


def test_employment_follow_up_and_dropout(session, person):
    session.outcomes.switch_to_employment_follow_up(person.id)
    assert session.participants.get(person.id).cadence is Cadence.EMPLOYMENT
    dropout = session.outcomes.save(
        Outcome(person.id, date(2026, 11, 2), OutcomeType.DROPOUT, DropoutReason.REINCARCERATED)
    )
    assert session.outcomes.get(dropout.id).dropout_reason is DropoutReason.REINCARCERATED
    assert session.outcomes.milestones(person.id).six_months == date(2027, 4, 1)


def test_outcomes_go_with_their_participant(session, person):
    session.outcomes.save(Outcome(person.id, date(2026, 11, 16), OutcomeType.CDI))
    session.participants.delete(person.id)
    assert session.check().counts["outcomes"] == 0
