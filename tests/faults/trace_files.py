"""Reading an ``strace -f -y`` log into file events, and judging them (``test_machine_scan.py``)."""

from __future__ import annotations

import io
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

SYSCALLS = (
    "open,openat,openat2,creat,truncate,rename,renameat,renameat2,link,linkat,symlink,symlinkat,"
    "unlink,unlinkat,mkdir,mkdirat"
)
# -f the whole process tree; -y paths of descriptors; --seccomp-bpf only the listed calls stop the tracee.
STRACE_OPTIONS = ("-f", "-qq", "-y", "--seccomp-bpf", "-s", "256", "-e", f"trace={SYSCALLS}")
STEP_PREFIX = "/ilot-scan-step/"
WRITE_FLAGS = ("O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC", "O_TMPFILE")
NOT_FILES = ("/proc/", "/sys/", "/dev/")  # /dev/shm is checked: it is memory, but a file anyone can list
MAX_BYTES = 256 * 1024 * 1024

# Writers outside the data folder that provably carry no personal data, and why.
SPILL_EXCEPTIONS: tuple[tuple[str, str], ...] = (
    (
        r"/fontconfig/([0-9a-f]{32}-[\w-]+\.cache-\d+(\.TMP-\w+|\.NEW|\.LCK)?|\.uuid(\.TMP-\w+)?|CACHEDIR\.TAG(\.\w+)?)$",
        "fontconfig's cache: the list of the system's font files and their glyph coverage, made by scanning "
        "the font folders; no text of the application reaches it",
    ),
    (
        r"/ilot-autotest-[^/]+/",
        "the self-test's own folder (selftest.py, ``self-test``): a throwaway vault and documents of one fictional "
        "person, deleted at the end; the self-test never opens the data folder",
    ),
    (
        r"/__pycache__/[^/]+\.pyc(\.\d+)?$",
        "Python bytecode compiled from the application's own source files",
    ),
)


@dataclass
class Event:
    step: str
    pid: int
    kind: str  # written, tmpfile, renamed-from, renamed-to, linked, unlinked, mkdir
    path: str


@dataclass
class Places:
    allowed: list[Path]
    temporary: list[Path]
    exceptions: tuple[tuple[str, str], ...] = field(default=SPILL_EXCEPTIONS)


_LINE = re.compile(r"^(\d+)\s+(\w+)\((.*)\)\s+=\s+(.*)$")
_FD = re.compile(r"^(?:AT_FDCWD|-?\d+)<(.*)>$")
_ESCAPE = re.compile(r'\\(x[0-9a-fA-F]{2}|[0-7]{1,3}|[nrtvf"\\])')
_SIMPLE = {"n": b"\n", "r": b"\r", "t": b"\t", "v": b"\v", "f": b"\f", '"': b'"', "\\": b"\\"}


def _unescape(text: str) -> str:
    raw = bytearray()
    position = 0
    for match in _ESCAPE.finditer(text):
        raw += text[position : match.start()].encode("utf-8", "surrogateescape")
        code = match.group(1)
        if code in _SIMPLE:
            raw += _SIMPLE[code]
        elif code.startswith("x"):
            raw.append(int(code[1:], 16))
        else:
            raw.append(int(code, 8) & 0xFF)
        position = match.end()
    raw += text[position:].encode("utf-8", "surrogateescape")
    return os.fsdecode(bytes(raw))


def _split(arguments: str) -> list[str]:
    """Top-level arguments: commas inside strings, <paths>, [arrays] and {structs} do not split."""
    parts, depth, quoted, escaped, current = [], 0, False, False, []
    for char in arguments:
        if quoted:
            current.append(char)
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                quoted = False
            continue
        if char == '"':
            quoted = True
        elif char in "<[{(":
            depth += 1
        elif char in ">]})":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
            continue
        current.append(char)
    parts.append("".join(current).strip())
    return parts


def _string(argument: str) -> str | None:
    if len(argument) >= 2 and argument[0] == '"':
        return _unescape(argument[1 : argument.rindex('"')])
    return None


def _directory(argument: str) -> str:
    match = _FD.match(argument)
    return _unescape(match.group(1)) if match else ""


def _join(directory: str, path: str) -> str:
    return os.path.normpath(path if path.startswith("/") or not directory else os.path.join(directory, path))


def _joined(lines: list[str]) -> list[str]:
    """``<unfinished ...>`` and ``<... resumed>`` halves put back together, per process."""
    pending: dict[str, str] = {}
    whole = []
    for line in lines:
        pid, _, rest = line.partition(" ")
        if rest.endswith("<unfinished ...>"):
            pending[pid] = rest[: -len("<unfinished ...>")].rstrip()
        elif rest.lstrip().startswith("<..."):
            tail = rest.split("resumed>", 1)[1] if "resumed>" in rest else ""
            whole.append(f"{pid} {pending.pop(pid, '')}{tail}")
        else:
            whole.append(line)
    return whole


def parse(text: str) -> list[Event]:
    events: list[Event] = []
    current = "start"
    for line in _joined(text.splitlines()):
        match = _LINE.match(line)
        if not match:
            continue
        pid, call, arguments, result = int(match[1]), match[2], _split(match[3]), match[4]
        failed = result.startswith("-1")
        if call in ("open", "openat", "openat2", "creat"):
            at = call.startswith("openat")
            path = _string(arguments[1 if at else 0]) or ""
            if path.startswith(STEP_PREFIX):
                current = path[len(STEP_PREFIX) :]
                continue
            flags = "O_CREAT" if call == "creat" else arguments[2 if at else 1]
            if failed or not any(flag in flags for flag in WRITE_FLAGS):
                continue
            returned = _FD.match(result)
            full = _unescape(returned.group(1)) if returned else _join(_directory(arguments[0]) if at else "", path)
            if "O_TMPFILE" in flags:
                events.append(Event(current, pid, "tmpfile", _join(_directory(arguments[0]) if at else "", path)))
            else:
                events.append(Event(current, pid, "written", full.removesuffix(" (deleted)")))
            continue
        if failed:
            continue
        if call == "truncate":
            events.append(Event(current, pid, "written", _join("", _string(arguments[0]) or "")))
        elif call in ("rename", "link", "symlink"):
            old, new = _string(arguments[0]) or "", _string(arguments[1]) or ""
            if call == "rename":
                events.append(Event(current, pid, "renamed-from", _join("", old)))
            events.append(Event(current, pid, "renamed-to" if call == "rename" else "linked", _join("", new)))
        elif call in ("renameat", "renameat2", "linkat"):
            old = _join(_directory(arguments[0]), _string(arguments[1]) or "")
            new = _join(_directory(arguments[2]), _string(arguments[3]) or "")
            if call != "linkat":
                events.append(Event(current, pid, "renamed-from", old))
            events.append(Event(current, pid, "linked" if call == "linkat" else "renamed-to", new))
        elif call == "symlinkat":
            events.append(Event(current, pid, "linked", _join(_directory(arguments[1]), _string(arguments[2]) or "")))
        elif call in ("unlink", "mkdir"):
            events.append(
                Event(current, pid, "unlinked" if call == "unlink" else "mkdir", _join("", _string(arguments[0]) or ""))
            )
        elif call in ("unlinkat", "mkdirat"):
            kind = "unlinked" if call == "unlinkat" else "mkdir"
            events.append(Event(current, pid, kind, _join(_directory(arguments[0]), _string(arguments[1]) or "")))
    return events


def _under(path: str, roots: list[Path]) -> bool:
    return any(path == str(root) or path.startswith(str(root).rstrip("/") + "/") for root in roots)


def _tempfile_probes(events: list[Event]) -> set[int]:
    """CPython's ``tempfile`` checks its folder once per process: it creates an 8-character name, writes
    b"blat" and unlinks it at once (``tempfile._get_default_tempdir``). Those events, by index."""
    probes: set[int] = set()
    following: dict[int, int] = {}
    for index in range(len(events) - 1, -1, -1):
        event = events[index]
        after = following.get(event.pid)
        if (
            event.kind == "written"
            and after is not None
            and events[after].kind == "unlinked"
            and events[after].path == event.path
            and re.fullmatch(r"[a-z0-9_]{8}", os.path.basename(event.path))
        ):
            probes.add(index)
        following[event.pid] = index
    return probes


def judge(events: list[Event], places: Places, names: list[str]) -> list[str]:
    """What the session wrote outside the data folders and the chosen destinations."""
    findings = []
    seen: set[tuple[str, str]] = set()
    probes = _tempfile_probes(events)
    for index, event in enumerate(events):
        if index in probes:
            continue
        if any(name in event.path for name in names):
            findings.append(f"[{event.step}] a marker in a path ({event.kind}): {event.path}")
        if event.kind in ("unlinked", "mkdir") or (event.path, event.kind) in seen:
            continue
        seen.add((event.path, event.kind))
        path = event.path
        if path.startswith(NOT_FILES) and not path.startswith("/dev/shm/"):
            continue
        if _under(path, places.allowed) or any(re.search(rule, path) for rule, _why in places.exceptions):
            continue
        exists = os.path.isfile(path)
        marker = markers_in(Path(path), names) if exists else None
        state = f"still there, holds {marker!r}" if marker else "still there" if exists else "deleted"
        if event.kind == "tmpfile":
            findings.append(f"[{event.step}] temp spill: an unnamed O_TMPFILE file in {path}")
        elif _under(path, places.temporary):
            findings.append(f"[{event.step}] temp spill ({event.kind}, {state}): {path}")
        elif marker:
            findings.append(f"[{event.step}] personal data outside the chosen places ({event.kind}, {state}): {path}")
    return findings


def _contains(data: bytes, names: list[str]) -> str | None:
    for name in names:
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            if name.encode(encoding) in data:
                return name
    return None


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join((page.extract_text() or "") for page in reader.pages)


def markers_in(path: Path, names: list[str]) -> str | None:
    """The first marker the file holds: raw (UTF-8, UTF-16 both ways), in a zip's members, in a PDF's text."""
    try:
        if path.stat().st_size > MAX_BYTES:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    found = _contains(data, names)
    if found:
        return found
    if data.startswith(b"PK"):
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, OSError, ValueError):
            archive = None
        for member in archive.infolist() if archive else ():
            try:
                inside = archive.read(member) if member.file_size <= MAX_BYTES else b""
            except Exception:  # a damaged member (a test's broken workbook): its raw bytes were searched
                continue
            found = _contains(inside, names)
            if found:
                return f"{found} (in {member.filename})"
    if data.startswith(b"%PDF"):
        try:
            return _contains(_pdf_text(data).encode("utf-8"), names)
        except Exception:  # a partial PDF: its raw bytes were searched already
            return None
    return None


def sweep(
    folder: Path, names: list[str], newer_than: float | None = None, skip: tuple[Path, ...] = ()
) -> list[tuple[str, str]]:
    """Every regular file under ``folder`` (changed since ``newer_than``) that holds a marker."""
    found = []
    skipped = {str(p) for p in skip}
    for directory, subfolders, files in os.walk(folder, onerror=lambda error: None):
        subfolders[:] = [s for s in subfolders if os.path.join(directory, s) not in skipped]
        for name in files:
            path = os.path.join(directory, name)
            if path in skipped:
                continue
            try:
                status = os.lstat(path)
            except OSError:
                continue
            if not os.path.isfile(path) or os.path.islink(path):
                continue
            if newer_than is not None and max(status.st_mtime, status.st_ctime) < newer_than:
                continue
            marker = markers_in(Path(path), names)
            if marker:
                found.append((path, marker))
    return found
