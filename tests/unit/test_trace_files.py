"""The whole-machine scan's reading of strace logs (tests/faults/trace_files.py), on written-out lines."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.faults import trace_files

# strace and its POSIX paths (/tmp, /home/u) exist on Linux only; the scan itself is Linux-only too.
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="Linux only: strace logs of POSIX paths")

LOG = r"""
100 openat(AT_FDCWD</home/u>, "/ilot-scan-step/cli-export", O_RDONLY) = -1 ENOENT (No such file or directory)
100 openat(AT_FDCWD</home/u>, "lib.py", O_RDONLY|O_CLOEXEC) = 3</home/u/lib.py>
100 openat(AT_FDCWD</home/u>, "/tmp/openpyxl.ab12cd", O_RDWR|O_CREAT|O_EXCL|O_NOFOLLOW|O_CLOEXEC, 0600 <unfinished ...>
101 openat(AT_FDCWD</w>, "/w/sorties/x.tmp", O_WRONLY|O_CREAT|O_TRUNC, 0666) = 4</w/sorties/x.tmp>
100 <... openat resumed>) = 5</tmp/openpyxl.ab12cd>
100 unlink("/tmp/openpyxl.ab12cd") = 0
101 renameat2(AT_FDCWD</w>, "sorties/x.tmp", 7</w/sorties>, "x.xlsx", RENAME_NOREPLACE) = 0
100 openat(AT_FDCWD</home/u>, "/ilot-scan-step/gui-export", O_RDONLY) = -1 ENOENT (No such file or directory)
100 openat(AT_FDCWD</home/u>, "/tmp", O_RDWR|O_EXCL|O_TMPFILE, 0600) = 6</tmp/#123 (deleted)>
100 openat(AT_FDCWD</home/u>, "caf\303\251/a, b.txt", O_WRONLY|O_CREAT, 0644) = 8</home/u/caf\303\251/a, b.txt>
100 mkdir("/tmp/runtime-u", 0700) = 0
100 openat(AT_FDCWD</home/u>, "/tmp/abcd1234", O_RDWR|O_CREAT|O_EXCL|O_NOFOLLOW|O_CLOEXEC, 0600) = 9</tmp/abcd1234>
100 unlink("/tmp/abcd1234") = 0
100 openat(9</home/u/.cache>, "fontconfig/CACHEDIR.TAG", O_WRONLY|O_CREAT, 0644) = 3
"""


def test_writes_renames_and_temporary_files_are_read_with_their_step():
    events = trace_files.parse(LOG)
    seen = [(e.step, e.kind, e.path) for e in events]
    assert ("cli-export", "written", "/tmp/openpyxl.ab12cd") in seen  # put back together after "resumed"
    assert ("cli-export", "unlinked", "/tmp/openpyxl.ab12cd") in seen
    assert ("cli-export", "renamed-from", "/w/sorties/x.tmp") in seen
    assert ("cli-export", "renamed-to", "/w/sorties/x.xlsx") in seen
    assert ("gui-export", "tmpfile", "/tmp") in seen
    assert ("gui-export", "written", "/home/u/café/a, b.txt") in seen  # octal escapes, a comma in the name
    assert ("gui-export", "mkdir", "/tmp/runtime-u") in seen
    assert not any(e.path.endswith("lib.py") for e in events)  # read only


def test_spills_are_judged_and_harmless_writers_excepted():
    places = trace_files.Places(allowed=[Path("/w/sorties")], temporary=[Path("/tmp"), Path("/home/u")])
    findings = trace_files.judge(trace_files.parse(LOG), places, ["Zorglub"])
    assert findings == [
        "[cli-export] temp spill (written, deleted): /tmp/openpyxl.ab12cd",
        "[gui-export] temp spill: an unnamed O_TMPFILE file in /tmp",
        "[gui-export] temp spill (written, deleted): /home/u/café/a, b.txt",
    ]  # not: the destination's own temporary file, a folder, tempfile's probe, fontconfig's cache


def test_a_marker_in_a_path_is_a_finding():
    line = '5 openat(AT_FDCWD</w>, "/w/sorties/Zorglub.pdf", O_WRONLY|O_CREAT, 0600) = 3</w/sorties/Zorglub.pdf>'
    places = trace_files.Places(allowed=[Path("/w/sorties")], temporary=[])
    assert trace_files.judge(trace_files.parse(line), places, ["Zorglub"]) == [
        "[start] a marker in a path (written): /w/sorties/Zorglub.pdf"
    ]
