"""Whatever is typed, parsing answers in French or succeeds: never an unexpected exception."""

from hypothesis import given
from hypothesis import strategies as st

from ilot_desktop.domain.dates import DateError, parse_date
from ilot_desktop.domain.password import check_password
from ilot_desktop.errors import WrongRecoveryCodeError
from ilot_desktop.storage import keys
from tests.conftest import TODAY


@given(st.text(max_size=30))
def test_parse_date_never_fails_unexpectedly(text):
    try:
        parse_date(text)
    except DateError as error:
        assert str(error)


@given(st.text(max_size=80))
def test_recovery_code_decoding_never_fails_unexpectedly(text):
    try:
        assert len(keys.decode_recovery_code(text)) == 32
    except WrongRecoveryCodeError as error:
        assert str(error)


@given(st.binary(min_size=32, max_size=32))
def test_any_key_round_trips_through_a_recovery_code(key):
    assert keys.decode_recovery_code(keys.encode_recovery_code(key)) == key


@given(st.text(max_size=60))
def test_password_check_is_total(text):
    verdict = check_password(text, TODAY)
    assert verdict.summary()
    assert verdict.hints()
