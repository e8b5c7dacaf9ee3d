"""The instance lock module on its own (no Qt): each way a lock file can be found, each environment error.

Read-only folders and full disks are simulated here by the system's answers (root ignores chmod); the GUI
test beside ``test_instance_lock_gui.py`` does them for real on a tmpfs.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys

import pytest

from ilot_desktop import instance_lock
from ilot_desktop.instance_lock import LOCK_NAME, LockState, acquire


@pytest.fixture
def folder(tmp_path):
    return tmp_path / "donnees"


def test_taken_released_taken_again_and_a_second_taker_is_refused(folder):
    first = acquire(folder)
    assert first.state is LockState.ACQUIRED and first.lock is not None
    text = (folder / LOCK_NAME).read_text().splitlines()
    assert text[0] == str(os.getpid()) and text[1] == instance_lock.this_computer() and text[3] == "fenetre"
    second = acquire(folder, purpose="restore")
    assert second.state is LockState.IN_USE and second.blocks and second.lock is None
    assert second.holder is not None and second.holder.pid == os.getpid() and second.holder.purpose == "fenetre"
    first.release()
    assert (folder / LOCK_NAME).read_bytes() == b""  # no stale process number left behind
    again = acquire(folder)
    assert again.state is LockState.ACQUIRED
    again.release()
    again.release()  # twice is harmless


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00\xff\xfe\x01garbage", b"4242\nilot-desktop\nautre-ordinateur\n", b"1\n" * 10_000],
    ids=["empty", "garbage", "another-computer", "huge"],
)
def test_any_content_is_only_information(folder, content):
    folder.mkdir()
    (folder / LOCK_NAME).write_bytes(content)
    taken = acquire(folder)
    try:
        assert taken.state is LockState.ACQUIRED
        assert (folder / LOCK_NAME).read_text().splitlines()[0] == str(os.getpid())
    finally:
        taken.release()


def test_a_folder_or_a_link_in_the_lock_file_place_is_cleared(folder):
    (folder / LOCK_NAME).mkdir(parents=True)
    taken = acquire(folder)
    assert taken.state is LockState.ACQUIRED and (folder / LOCK_NAME).is_file()
    taken.release()
    (folder / LOCK_NAME).unlink()
    (folder / "ailleurs.txt").write_text("à garder")
    (folder / LOCK_NAME).symlink_to(folder / "ailleurs.txt")
    taken = acquire(folder)
    assert taken.state is LockState.ACQUIRED and not (folder / LOCK_NAME).is_symlink()
    assert (folder / "ailleurs.txt").read_text() == "à garder"  # the link's target is never written
    taken.release()


def _refuse(monkeypatch, name: str, code: int, only_lock_file: bool = True):
    real = getattr(os, name)

    def refusing(path, *args, **kwargs):
        if not only_lock_file or str(path).endswith(LOCK_NAME):
            raise OSError(code, os.strerror(code))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(instance_lock.os, name, refusing)


@pytest.mark.parametrize("code", [errno.EROFS, errno.EACCES])
def test_a_read_only_folder_is_said_as_such(folder, monkeypatch, code):
    folder.mkdir()
    (folder / LOCK_NAME).write_text("ancien")
    _refuse(monkeypatch, "open", code)
    _refuse(monkeypatch, "unlink", code)  # nor can the old lock file be replaced
    taken = acquire(folder)
    assert taken.state is LockState.READ_ONLY and not taken.blocks and taken.lock is None


def test_a_lock_file_not_ours_to_write_in_a_writable_folder_is_replaced(folder, monkeypatch):
    folder.mkdir()
    (folder / LOCK_NAME).write_text("ancien")
    real_open = os.open
    calls = []

    def first_refused(path, *args, **kwargs):
        calls.append(path)
        if len(calls) == 1:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(instance_lock.os, "open", first_refused)
    taken = acquire(folder)
    assert taken.state is LockState.ACQUIRED
    taken.release()


def test_a_lock_file_not_ours_to_write_but_held_by_a_live_process_is_not_replaced(folder, monkeypatch):
    first = acquire(folder)
    real_open = os.open

    def no_writing(path, flags, *args, **kwargs):
        if flags & os.O_RDWR:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(instance_lock.os, "open", no_writing)
    refused = acquire(folder)
    assert refused.state is LockState.IN_USE and (folder / LOCK_NAME).exists()
    monkeypatch.undo()
    first.release()


def test_a_folder_whose_rights_forbid_writing_is_read_only_even_with_a_writable_lock_file(folder, monkeypatch):
    folder.mkdir()
    monkeypatch.setattr(instance_lock.os, "access", lambda path, mode: False)
    taken = acquire(folder)
    assert taken.state is LockState.READ_ONLY and taken.lock is not None  # held all the same: harmless
    taken.release()


def test_a_data_folder_that_cannot_be_created_on_read_only_media(tmp_path, monkeypatch):
    real_mkdir = os.mkdir

    def refusing(path, *args, **kwargs):
        if "donnees" in str(path):
            raise OSError(errno.EROFS, "Read-only file system")
        return real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "mkdir", refusing)
    assert acquire(tmp_path / "donnees").state is LockState.READ_ONLY


def test_a_full_disk_when_writing_the_information(folder, monkeypatch):
    def full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(instance_lock.os, "write", full)
    taken = acquire(folder)
    assert taken.state is LockState.DISK_FULL and taken.lock is not None  # the lock itself is held
    monkeypatch.undo()
    assert acquire(folder).state is LockState.IN_USE
    taken.release()
    assert acquire(folder).state is LockState.ACQUIRED


def test_a_full_disk_when_creating_the_file(folder, monkeypatch):
    folder.mkdir()
    _refuse(monkeypatch, "open", errno.ENOSPC)
    taken = acquire(folder)
    assert taken.state is LockState.DISK_FULL and taken.lock is None and not taken.blocks


def test_a_file_system_without_locks_blocks_nobody(folder, monkeypatch):
    def no_locks(fd):
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(instance_lock, "_lock", no_locks)
    taken = acquire(folder)
    assert taken.state is LockState.UNAVAILABLE and not taken.blocks


def test_a_live_process_holds_it_and_its_death_releases_it(folder):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from ilot_desktop.instance_lock import acquire; held = acquire(sys.argv[1]); "
            "print(held.state.value, flush=True); sys.stdin.read()",
            str(folder),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "acquired"
        refused = acquire(folder)
        assert refused.state is LockState.IN_USE
        assert refused.holder is not None and refused.holder.pid == holder.pid
        assert refused.holder.host == instance_lock.this_computer()
    finally:
        holder.kill()
        holder.wait(timeout=30)
    taken = acquire(folder)  # killed: the system released the lock, the file's content is stale and ignored
    assert taken.state is LockState.ACQUIRED
    taken.release()
