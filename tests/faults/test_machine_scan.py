"""The whole-machine scan: a complete session under ``strace -f``, then every file it wrote, anywhere.

``scan_session.py`` runs every command line (init, demo, template, import, check, export, funder-report
with its PDF, action-plan, backup, check --backup, restore, change-password, self-test) and then the real
window, offscreen, through every tab and every document (exchange workbook, funder file and PDF, access
copy in PDF and xlsx, action plan saved and printed through Qt's PDF printer, week sheet, recovery sheet),
lock and unlock, backup and restore. People in the file are named by markers drawn for this run.

``strace`` records every file the process tree opened for writing, created, renamed, linked or deleted,
wherever it is on the machine (the real ``/tmp`` included: HOME, XDG_* and TMPDIR point into tmp_path
only so that the session touches nothing of the person running the test). The test fails when:

* a file was written in a temporary or home folder (``/tmp``, ``/var/tmp``, ``/dev/shm``, ``$TMPDIR``,
  ``$HOME``, ``$XDG_RUNTIME_DIR``, the real home) outside the data folders and the chosen destinations,
  whatever it held and even if it was deleted afterwards: a temp spill (``SPILL_EXCEPTIONS`` lists the
  writers that provably carry no personal data, each with why);
* a file written anywhere else still exists and holds a marker;
* any file left in the temporary folders, the homes, the data folders, the destinations (other than the
  documents asked for) or at a path the session touched holds a marker (UTF-8, UTF-16-LE or -BE, raw, inside
  a zip's members, or in a PDF's text);
* a marker appears in a path (a file name made of a person's name);
* the session itself failed (a command or a window step).
"""

from __future__ import annotations

import json
import os
import pwd
import random
import shutil
import string
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import PASSWORD
from tests.faults import trace_files

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="strace is Linux's"),
]

ROOT = Path(__file__).resolve().parents[2]
SESSION = Path(__file__).with_name("scan_session.py")
# Fictional names and texts; each run draws its own suffix, so that no other test's files can match.
BASES = (
    "Zorglubinette",
    "Quetzalcoatlia",
    "Marqueurissime",
    "ZQX-SECRET-NOTE",
    "Balayettine",
    "Xylophanie",
    "Grimbertaude",
    "ZQX-NOTE-DEUX",
    "Vrombissard",
    "Ornicarette",
    "ZQX-COMPTE-RENDU",
)
TIME_LIMIT_S = 600  # the session takes about a minute on a 2-core machine; a loaded one may take a few


def _markers() -> list[str]:
    suffix = "".join(random.choice(string.ascii_lowercase) for _ in range(6))
    return [f"{base}-{suffix}" if base.startswith("ZQX") else base + suffix for base in BASES]


def _strace_usable() -> str | None:
    """None, or why this machine cannot trace (no strace, ptrace forbidden in the container)."""
    if shutil.which("strace") is None:
        return "strace n'est pas installé (.ci/run l'installe avec apt-get)"
    done = subprocess.run(
        ["strace", *trace_files.STRACE_OPTIONS, "-o", os.devnull, "true"], capture_output=True, check=False
    )
    if done.returncode != 0:
        return f"strace ne peut pas tracer ici : {done.stderr.decode(errors='replace').strip()[:200]}"
    return None


def _team_workbook(path: Path, names: list[str]) -> None:
    from tests.exchange_workbooks import appointment, participant, write_book

    path.parent.mkdir(parents=True)
    write_book(
        path,
        {
            "Participants": [
                participant(**{"N° dossier": "DE-2026-901", "Nom": names[8], "Prénom": names[9]}),
            ],
            "Entretiens": [appointment(**{"N° dossier": "DE-2026-901", "Compte rendu": names[10]})],
        },
    )
    # refused (an unknown sex, a wrong date): its values must reach neither a report nor a temp file
    write_book(
        path.with_name("refuse.xlsx"),
        {
            "Participants": [
                participant(
                    **{"N° dossier": "DE-2026-902", "Nom": names[8], "Prénom": names[9], "Sexe": names[10]},
                    **{"Date de naissance": names[6]},
                ),
            ],
        },
    )


def _toolchains(home: Path) -> tuple[Path, ...]:
    """Folders of the real home the backstop sweep leaves out: compilers, interpreters and their package
    caches (a quarter of a million files on a development machine). A write there by the session would be
    in the trace all the same; the sweep is for writers outside the process tree (desktop services), which
    write under .local, .config and .cache."""
    names = (".pyenv", ".rustup", ".cargo", ".m2", ".npm", ".gradle", "go", ".cache/pip", ".cache/uv")
    return (ROOT, Path(sys.prefix), Path(sys.base_prefix), *(home / name for name in names))


@pytest.fixture
def machine(tmp_path, monkeypatch):
    """Isolated HOME, XDG_* and TMPDIR under tmp_path; the markers and the team workbook of this run."""
    reason = _strace_usable()
    if reason:
        pytest.skip(reason)
    work = tmp_path / "session"
    home = work / "home"
    for folder in (home, work / "tmp", work / "run", work / "cwd", work / "sorties", tmp_path / "harness"):
        folder.mkdir(parents=True)
    (work / "run").chmod(0o700)
    names = _markers()
    (work / "markers.json").write_text(json.dumps(names), encoding="utf-8")
    _team_workbook(work / "entrees" / "equipe.xlsx", names)
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_RUNTIME_DIR": str(work / "run"),
        "TMPDIR": str(work / "tmp"),
        "ILOT_PASSPHRASE": PASSWORD,
        "PYTHONPATH": os.pathsep.join((str(ROOT / "src"), str(ROOT))),
        "QT_QPA_PLATFORM": "offscreen",
    }
    env.pop("ILOT_DATA_DIR", None)
    return work, names, env


def test_a_whole_session_writes_personal_data_only_where_the_person_chose(machine, tmp_path):
    work, names, env = machine
    trace = tmp_path / "harness" / "strace.txt"
    started = time.time()
    done = subprocess.run(
        [
            "strace",
            *trace_files.STRACE_OPTIONS,
            "-o",
            str(trace),
            sys.executable,
            str(SESSION),
            "session",
            str(work),
        ],
        cwd=work / "cwd",
        env=env,
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT_S,
        check=False,
    )
    seconds = time.time() - started
    outputs = next(
        (json.loads(line[len("OUTPUTS ") :]) for line in done.stdout.splitlines() if line.startswith("OUTPUTS ")),
        None,
    )
    # what the session said, but the timings: its failures, with their tracebacks
    session_failures = [line for line in done.stdout.splitlines() if not line.startswith(("STEP ", "OUTPUTS "))]
    if outputs is None or done.returncode not in (0, 1):
        pytest.fail(f"the session did not finish (exit {done.returncode}): {done.stdout[-2000:]} {done.stderr[-3000:]}")

    real_home = pwd.getpwuid(os.getuid()).pw_dir
    places = trace_files.Places(
        allowed=[work / "donnees", work / "demo-donnees", work / "sorties", work / "entrees"],
        temporary=[
            Path("/tmp"),
            Path("/var/tmp"),
            Path("/dev/shm"),
            work / "tmp",
            work / "home",
            work / "run",
            work / "cwd",
            Path(real_home),
        ],
    )
    events = trace_files.parse(trace.read_text(encoding="utf-8", errors="surrogateescape"))
    findings = trace_files.judge(events, places, names)

    documents = {work / "sorties" / relative for relative in outputs}
    swept = [
        trace_files.sweep(Path("/tmp"), names, newer_than=started - 1, skip=(tmp_path / "harness", work)),
        trace_files.sweep(Path("/var/tmp"), names, newer_than=started - 1),
        trace_files.sweep(Path("/dev/shm"), names, newer_than=started - 1),
        trace_files.sweep(Path(real_home), names, newer_than=started - 1, skip=_toolchains(Path(real_home))),
    ]
    # The session's own folders: everything but the team workbook given to import and the marker list.
    swept.append(
        trace_files.sweep(
            work, names, skip=(*(p for p in documents if p.suffix), work / "entrees", work / "markers.json")
        )
    )
    for found in swept:
        findings.extend(f"left behind, holds {marker!r}: {path}" for path, marker in found)
    findings = sorted(set(findings))

    # The detector sees markers through a workbook's zip and a PDF's text: else it would be blind.
    blind = [
        name
        for name in ("classeur.xlsx", "gui-copie.pdf", "gui-copie.xlsx", "plan.pdf")
        if name in outputs and not trace_files.markers_in(work / "sorties" / name, names)
    ]
    missing = sorted(str(p) for p in documents if not p.exists())
    print(f"session under strace: {seconds:.0f} s, {len(events)} file events")
    problems = []
    if findings:
        problems.append("personal data outside the chosen places:\n  " + "\n  ".join(findings))
    if session_failures or done.returncode:
        problems.append("the session failed:\n  " + "\n  ".join(session_failures) + "\n" + done.stderr[-4000:])
    if missing:
        problems.append("documents asked for but not written: " + ", ".join(missing))
    if blind:
        problems.append("documents where the scan does not see the markers it must see: " + ", ".join(blind))
    assert not problems, "\n\n".join(problems)


CANARY = """
import os, sys, tempfile
marker = sys.argv[1]
with open(f"/tmp/ilot-scan-canary-{os.getpid()}", "w", encoding="utf-16-le") as spill:
    spill.write(marker)
os.unlink(spill.name)
with tempfile.TemporaryFile(dir="/tmp") as unnamed:
    unnamed.write(marker.encode())
kept = os.path.join(os.environ["HOME"], "reste.txt")
with open(kept, "w", encoding="utf-8") as left:
    left.write(marker)
os.rename(kept, kept + ".renomme")
elsewhere = os.path.join(sys.argv[2], "ailleurs.txt")
with open(elsewhere, "w", encoding="utf-16-be") as away:
    away.write(marker)
"""


def test_the_scan_sees_writes_to_the_real_tmp_the_home_and_anywhere(machine, tmp_path):
    """The instrument itself: a process that spills a marker into the real /tmp (deleted at once), an unnamed
    O_TMPFILE there, a file renamed in HOME and a UTF-16 file in an unwatched folder is caught four times."""
    work, names, env = machine
    trace = tmp_path / "harness" / "canary.txt"
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    subprocess.run(
        ["strace", *trace_files.STRACE_OPTIONS, "-o", str(trace), sys.executable, "-c", CANARY, names[0], elsewhere],
        cwd=work / "cwd",
        env=env,
        check=True,
        timeout=60,
    )
    places = trace_files.Places(allowed=[work / "sorties"], temporary=[Path("/tmp"), work / "home"])
    findings = trace_files.judge(trace_files.parse(trace.read_text(encoding="utf-8")), places, names)
    text = "\n".join(findings)
    assert "temp spill (written, deleted): /tmp/ilot-scan-canary-" in text, text
    assert "temp spill: an unnamed O_TMPFILE file in /tmp" in text, text
    assert f"temp spill (renamed-to, still there, holds {names[0]!r}): {work / 'home' / 'reste.txt.renomme'}" in text
    assert f"(written, still there, holds {names[0]!r}): {elsewhere / 'ailleurs.txt'}" in text, text


def test_markers_are_found_raw_in_utf16_and_inside_a_workbook(tmp_path):
    import zipfile

    (tmp_path / "be.txt").write_bytes("x Zorglub y".encode("utf-16-be"))
    with zipfile.ZipFile(tmp_path / "book.xlsx", "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("xl/sharedStrings.xml", "<si><t>Zorglub</t></si>" * 50)
    (tmp_path / "clean.txt").write_text("rien")
    assert trace_files.markers_in(tmp_path / "be.txt", ["Zorglub"]) == "Zorglub"
    assert trace_files.markers_in(tmp_path / "book.xlsx", ["Zorglub"]) == "Zorglub (in xl/sharedStrings.xml)"
    assert sorted(Path(p).name for p, _m in trace_files.sweep(tmp_path, ["Zorglub"])) == ["be.txt", "book.xlsx"]
