"""Key material overwritten in place (storage/secret.py)."""

from __future__ import annotations

import secrets

import pytest

from ilot_desktop.storage import secret


def test_wipe_zeroes_a_bytearray_in_place():
    buffer = bytearray(b"cle-de-32-octets-pour-le-test!!!")
    view = memoryview(buffer)
    secret.wipe(buffer)
    assert buffer == bytearray(32) and view.obj is buffer


def test_wipe_immutable_overwrites_only_what_it_can_prove():
    key = bytes(bytearray(secrets.token_bytes(32)))  # a fresh bytes object, held by this test only
    assert secret.wipe_immutable(key)
    assert key == bytes(32)
    text = "".join(["x'", secrets.token_hex(32), "'"])
    assert secret.wipe_immutable(text)
    assert text == "\0" * len(text)
    assert not secret.wipe_immutable("é" * 8)  # another layout: left alone
    assert not secret.wipe_immutable("a")  # a shared singleton: left alone
    assert not secret.wipe_immutable(b"")


def test_the_key_statement_is_built_without_hex_copies_and_wiped_after_use():
    key = secrets.token_bytes(32)
    with secret.key_statement(bytearray(key)) as statement:
        assert statement == f"PRAGMA key = \"x'{key.hex()}'\""
        kept = statement
    assert set(kept) == {"\0"}
    with secret.key_statement(key, "rekey") as statement:
        assert statement.startswith("PRAGMA rekey = \"x'")
    with pytest.raises(ValueError), secret.key_statement(key, "attach"):
        pass


def test_a_wiped_data_key_cannot_be_used():
    holder = secret.DataKey(secrets.token_bytes(32))
    assert len(holder.buffer) == 32 and not holder.wiped
    holder.wipe()
    assert holder.wiped
    with pytest.raises(RuntimeError, match="wiped"):
        _ = holder.buffer
