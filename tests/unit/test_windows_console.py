"""Windows: the command line's output sent to a file or a pipe is UTF-8, not the ANSI code page.

On Windows, Python writes a redirected stream in the ANSI code page (cp1252 in France): a ✓, an arrow of
the password advice or a name such as « Łukasz » ended the command with UnicodeEncodeError. Found by running
ilot-desktop-cli.exe under Wine (make windows-check). These tests pretend to be Windows with a fake stream;
the Windows run of the suite (make windows-test) also goes through the real one (see test below).
"""

from __future__ import annotations

import errno
import io
import subprocess
import sys

import pytest

from ilot_desktop import cli_console


class FakeStream(io.TextIOWrapper):
    def __init__(self, tty: bool, encoding: str):
        super().__init__(io.BytesIO(), encoding=encoding)
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


def test_redirected_output_becomes_utf8_on_windows(monkeypatch):
    monkeypatch.setattr(cli_console.sys, "platform", "win32")
    stream = FakeStream(tty=False, encoding="cp1252")
    cli_console.utf8_when_redirected(stream)
    assert stream.encoding == "utf-8"
    stream.write("✓ Łukasz → 12\u202f%")
    stream.flush()
    assert stream.buffer.getvalue().decode("utf-8") == "✓ Łukasz → 12\u202f%"


def test_console_and_other_systems_are_left_alone(monkeypatch):
    monkeypatch.setattr(cli_console.sys, "platform", "win32")
    console = FakeStream(tty=True, encoding="cp1252")
    cli_console.utf8_when_redirected(console)
    assert console.encoding == "cp1252"
    cli_console.utf8_when_redirected(None)  # a windowed program has no stdout
    monkeypatch.setattr(cli_console.sys, "platform", "linux")
    latin = FakeStream(tty=False, encoding="latin-1")
    cli_console.utf8_when_redirected(latin)
    assert latin.encoding == "latin-1"


@pytest.mark.skipif(sys.platform != "win32", reason="Windows only: the ANSI code page of a redirected stream")
def test_real_redirected_output_is_utf8_on_windows():
    code = "import sys\nfrom ilot_desktop import cli_console as c\nc.utf8_when_redirected(sys.stdout)\nprint('✓ Ł →')"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True).stdout
    assert out.decode("utf-8").strip() == "✓ Ł →"


class ClosedPipe(io.StringIO):
    """A pipe whose reader has gone, as Windows reports it: EINVAL (ERROR_NO_DATA), not BrokenPipeError."""

    def write(self, text):
        raise OSError(errno.EINVAL, "Invalid argument")

    def flush(self):
        raise OSError(errno.EINVAL, "Invalid argument")


def test_a_reader_gone_on_windows_only_cuts_the_output(monkeypatch):
    """``ilot-desktop-cli.exe check | more`` quit early: the command ended in « Erreur inattendue » and a
    crash report on Windows (found by tests/integration/test_cli_trust.py under Wine)."""
    monkeypatch.setattr(cli_console.sys, "platform", "win32")
    stream = cli_console.ConsoleStream(ClosedPipe())
    assert stream.write("Dossier : …\n") == len("Dossier : …\n")
    stream.flush()
    assert stream.reader_gone


def test_other_write_errors_are_not_taken_for_a_reader_gone(monkeypatch):
    monkeypatch.setattr(cli_console.sys, "platform", "linux")
    with pytest.raises(OSError):
        cli_console.ConsoleStream(ClosedPipe()).write("x")
