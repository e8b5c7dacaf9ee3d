"""The rotation rule of automatic backups (7 daily, 4 weekly, as ``borg prune``) on plain records."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from ilot_desktop.storage.backup import AUTO, MANUAL, BackupInfo, rotation_victims


def backups(*moments: datetime, kind: str = AUTO) -> list[BackupInfo]:
    return [BackupInfo(Path(f"/b/{m:%Y-%m-%d_%H%M}_{kind}"), m, kind, 1, True) for m in moments]


def kept(infos: list[BackupInfo]) -> list[str]:
    victims = {v.path for v in rotation_victims(infos)}
    return sorted(f"{i.created:%m-%d}" for i in infos if i.kind == AUTO and i.path not in victims)


def test_few_backups_are_all_kept():
    assert rotation_victims(backups(datetime(2026, 11, 27, 9), datetime(2026, 11, 20, 9))) == []


def test_used_only_on_mondays_keeps_eleven_weeks():
    mondays = [datetime(2026, 11, 30, 9) - timedelta(weeks=n) for n in range(15)]
    assert len(kept(backups(*mondays))) == 11  # 7 days that have one, then 4 weeks before them


def test_several_a_day_keep_the_newest_of_the_day():
    day = datetime(2026, 11, 27, 8)
    infos = backups(day, day + timedelta(hours=4), day + timedelta(hours=9))
    assert [v.created.hour for v in rotation_victims(infos)] == [12, 8]


def test_manual_ones_are_never_victims():
    old = datetime(2020, 1, 1, 9)
    manual = backups(old - timedelta(days=1), kind=MANUAL)
    victims = rotation_victims(manual + backups(*[old + timedelta(days=n) for n in range(30)]))
    assert len(victims) == 20 and all(v.kind == AUTO for v in victims)  # 7 days + 3 weeks kept (30 days)
