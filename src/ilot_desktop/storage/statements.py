"""Typed helpers for the Core statements the repositories run: bulk inserts and counts of changed rows."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import CursorResult, Result, Table


def affected(result: Result[Any]) -> int:
    """How many rows an UPDATE or DELETE changed (a DML statement's result is a cursor result)."""
    return cast("CursorResult[Any]", result).rowcount


def table_of(mapped: type) -> Table:
    """The Core table of a mapped class, for an ``insert()`` of many rows in one statement."""
    return cast(Table, mapped.__table__)  # type: ignore[attr-defined]
