"""``team-export``, ``team-import``, ``team-sync`` and ``team-conflicts``: every command and every exit code of
shared/design/team.md (0 done; 3 wrong password or team passphrase; 5 not a package, damaged, another team;
6 taken in, with conflicts left, listed on standard output). Two or three real vaults in ``tmp_path``."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from ilot_desktop.cli import main
from ilot_desktop.paths import app_paths
from ilot_desktop.services import vault
from tests.conftest import PASSWORD
from tests.factories import make_participant
from tests.integration.test_cli import run

TEAM = "Équipe Dynamiques Emploi, printemps 2026"
OTHER_TEAM = "Une toute autre équipe, ailleurs 2026"


def laptop(tmp_path: Path, code: str, monkeypatch, capsys) -> Path:
    """A new vault with its laptop code, made by the command line as a caseworker would."""
    folder = tmp_path / f"portable-{code.lower()}"
    assert run(["--data-dir", str(folder), "init", "--laptop-code", code], monkeypatch) == 0
    capsys.readouterr()
    return folder


def add_person(folder: Path, **overrides) -> str:
    """Save a participant through the services; return her uid."""
    session = vault.unlock(folder, PASSWORD)
    try:
        saved = session.participants.save(make_participant(**overrides))
        return saved.uid
    finally:
        session.close()


def edit_person(folder: Path, uid: str, **changes) -> None:
    session = vault.unlock(folder, PASSWORD)
    try:
        for summary in session.participants.summaries():
            person = session.participants.get(summary.id)
            if person.uid == uid:
                session.participants.save(replace(person, **changes))
                return
        raise AssertionError("no such person")
    finally:
        session.close()


def people(folder: Path) -> dict[str, tuple[str, str, str]]:
    """uid -> (file number, last name, notes)."""
    session = vault.unlock(folder, PASSWORD)
    try:
        found = {}
        for summary in session.participants.summaries():
            person = session.participants.get(summary.id)
            found[person.uid] = (person.file_number, person.last_name, person.notes)
        return found
    finally:
        session.close()


def team(argv: list[str], monkeypatch, passphrase: str | None = TEAM, stdin: str | None = None) -> int:
    if passphrase is None:
        monkeypatch.delenv("ILOT_TEAM_PASSPHRASE", raising=False)
    else:
        monkeypatch.setenv("ILOT_TEAM_PASSPHRASE", passphrase)
    return run(argv, monkeypatch, stdin=stdin)


def export(folder: Path, out: Path, monkeypatch, *extra: str, passphrase: str | None = TEAM) -> int:
    return team(["--data-dir", str(folder), "team-export", "--out", str(out), *extra], monkeypatch, passphrase)


def take_in(folder: Path, package: Path, monkeypatch, passphrase: str | None = TEAM) -> int:
    return team(["--data-dir", str(folder), "team-import", str(package)], monkeypatch, passphrase)


@pytest.fixture
def two(tmp_path, monkeypatch, capsys):
    """Laptops AB (one person) and CD (empty), both in the same team after one exchange."""
    ab = laptop(tmp_path, "AB", monkeypatch, capsys)
    cd = laptop(tmp_path, "CD", monkeypatch, capsys)
    uid = add_person(ab, file_number="DE-2026-AB-001")
    assert export(ab, tmp_path / "premier.ilotpkg", monkeypatch) == 0
    assert take_in(cd, tmp_path / "premier.ilotpkg", monkeypatch) == 0
    capsys.readouterr()
    return ab, cd, uid


def test_export_then_import_carries_the_person_and_says_counts_without_names(tmp_path, monkeypatch, capsys):
    ab = laptop(tmp_path, "AB", monkeypatch, capsys)
    cd = laptop(tmp_path, "CD", monkeypatch, capsys)
    uid = add_person(ab, file_number="DE-2026-AB-001")
    package = tmp_path / "envoi.ilotpkg"
    assert export(ab, package, monkeypatch) == 0
    out = capsys.readouterr().out
    assert f"écrit (chiffré)\u00a0: {package}" in out
    assert re.search(r"\d+ enregistrements?, 0 effacement", out)
    assert "Marqueur" not in out and "Zéphyrin" not in out

    assert take_in(cd, package, monkeypatch) == 0
    out = capsys.readouterr().out
    assert "AB" in out and "Marqueur" not in out
    assert people(cd) == {uid: ("DE-2026-AB-001", "Marqueur", "Premier entretien au parloir")}

    assert take_in(cd, package, monkeypatch) == 0  # the same package again: nothing changes
    assert "déjà pris en compte" in capsys.readouterr().out
    assert people(cd) == {uid: ("DE-2026-AB-001", "Marqueur", "Premier entretien au parloir")}

    for folder in (ab, cd):  # the log holds counts and laptop codes, never a name or a number
        log = app_paths(folder).log_file.read_text(encoding="utf-8")
        assert "team" in log
        assert "marqueur" not in log.lower() and "Zéphyrin" not in log and "DE-2026" not in log


def test_export_all_versus_changes_only(two, tmp_path, monkeypatch, capsys):
    ab, _cd, _uid = two
    assert export(ab, tmp_path / "rien.ilotpkg", monkeypatch) == 0
    assert "0 enregistrement, 0 effacement" in capsys.readouterr().out  # nothing changed since the last one
    assert export(ab, tmp_path / "tout.ilotpkg", monkeypatch, "--all") == 0
    out = capsys.readouterr().out
    assert "Paquet d'équipe complet écrit" in out
    assert int(re.search(r"(\d+) enregistrement", out)[1]) >= 1


def test_team_passphrase_from_the_line_after_the_password(two, tmp_path, monkeypatch, capsys):
    ab, cd, uid = two
    edit_person(ab, uid, notes="Revu au parloir le 01/12")
    package = tmp_path / "second.ilotpkg"
    assert export(ab, package, monkeypatch) == 0
    monkeypatch.delenv("ILOT_TEAM_PASSPHRASE", raising=False)
    argv = ["--data-dir", str(cd), "team-import", str(package)]
    assert run(argv, monkeypatch, password=None, stdin=f"{PASSWORD}\n{TEAM}\n") == 0
    assert people(cd)[uid][2] == "Revu au parloir le 01/12"


def test_stored_team_key_needs_no_passphrase(two, tmp_path, monkeypatch, capsys):
    ab, cd, uid = two
    edit_person(ab, uid, phone="06 11 22 33 44")
    package = tmp_path / "second.ilotpkg"
    assert export(ab, package, monkeypatch, passphrase=None) == 0  # typed once per laptop, then kept
    assert take_in(cd, package, monkeypatch, passphrase=None) == 0
    assert "06 11 22 33 44" not in capsys.readouterr().out


def test_exit_3_wrong_team_passphrase_or_none_or_wrong_password(tmp_path, monkeypatch, capsys):
    ab = laptop(tmp_path, "AB", monkeypatch, capsys)
    cd = laptop(tmp_path, "CD", monkeypatch, capsys)
    add_person(ab)
    package = tmp_path / "envoi.ilotpkg"
    assert export(ab, package, monkeypatch) == 0
    capsys.readouterr()
    assert export(ab, tmp_path / "x.ilotpkg", monkeypatch, passphrase="Pas la bonne phrase 2026") == 3
    assert "Erreur\u00a0: " in capsys.readouterr().err

    # a laptop with no team yet and no passphrase given: asked for it, exit 3, nothing taken in
    assert team(["--data-dir", str(cd), "team-import", str(package)], monkeypatch, None, stdin="") == 3
    assert "phrase de passe d'équipe" in capsys.readouterr().err
    assert take_in(cd, package, monkeypatch, passphrase="Pas la bonne phrase 2026") == 3
    err = capsys.readouterr().err
    assert err.startswith("Erreur\u00a0: ") and "Traceback" not in err
    assert people(cd) == {}
    monkeypatch.setenv("ILOT_PASSPHRASE", "Mauvais-Mot-2026!")
    assert main(["--data-dir", str(cd), "team-import", str(package)]) == 3
    assert "Mot de passe incorrect." in capsys.readouterr().err
    assert take_in(cd, package, monkeypatch) == 0  # the right one, at last
    assert len(people(cd)) == 1


def test_exit_5_not_a_package_damaged_truncated_missing_or_another_team(two, tmp_path, monkeypatch, capsys):
    ab, cd, uid = two
    edit_person(ab, uid, notes="Changé sur AB")
    package = tmp_path / "bon.ilotpkg"
    assert export(ab, package, monkeypatch) == 0
    blob = package.read_bytes()
    before = people(cd)
    capsys.readouterr()

    not_one = tmp_path / "photo.ilotpkg"
    not_one.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    flipped = tmp_path / "altere.ilotpkg"
    flipped.write_bytes(blob[:-40] + bytes([blob[-40] ^ 1]) + blob[-39:])
    truncated = tmp_path / "tronque.ilotpkg"
    truncated.write_bytes(blob[: len(blob) // 2])
    empty = tmp_path / "vide.ilotpkg"
    empty.write_bytes(b"")
    for bad in (not_one, flipped, truncated, empty, tmp_path / "absent.ilotpkg"):
        assert take_in(cd, bad, monkeypatch) == 5, bad.name
        err = capsys.readouterr().err
        assert err.startswith("Erreur\u00a0: ") and "Traceback" not in err, err

    other = laptop(tmp_path, "EF", monkeypatch, capsys)
    add_person(other, file_number="DE-2026-EF-001", last_name="Ailleurs")
    foreign = tmp_path / "autre-equipe.ilotpkg"
    assert export(other, foreign, monkeypatch, passphrase=OTHER_TEAM) == 0
    capsys.readouterr()
    assert take_in(cd, foreign, monkeypatch) == 5
    assert "autre équipe" in capsys.readouterr().err
    assert people(cd) == before  # nothing of any of them was taken in

    assert take_in(cd, package, monkeypatch) == 0
    assert people(cd)[uid][2] == "Changé sur AB"


def test_exit_6_conflict_listed_side_by_side_then_settled(two, tmp_path, monkeypatch, capsys):
    ab, cd, uid = two
    edit_person(ab, uid, notes="Version écrite sur AB")
    edit_person(cd, uid, notes="Version écrite sur CD")
    from_ab, from_cd = tmp_path / "de-ab.ilotpkg", tmp_path / "de-cd.ilotpkg"
    assert export(ab, from_ab, monkeypatch) == 0
    assert export(cd, from_cd, monkeypatch) == 0
    capsys.readouterr()

    assert take_in(cd, from_ab, monkeypatch) == 6
    out = capsys.readouterr().out
    assert "1 conflit à régler" in out
    assert "Sur cet ordinateur\u00a0: Version écrite sur CD" in out
    assert re.search(r"Reçu de AB le \d\d/\d\d/\d{4}\u00a0: Version écrite sur AB", out)
    assert "MARQUEUR Zéphyrin (DE-2026-AB-001) — Fiche" in out  # the person named on standard output, only there
    assert people(cd)[uid][2] == "Version écrite sur CD"  # nothing changed under the caseworker's feet

    assert take_in(ab, from_cd, monkeypatch) == 6
    out = capsys.readouterr().out
    assert "Sur cet ordinateur\u00a0: Version écrite sur AB" in out and "Reçu de CD le" in out

    assert team(["--data-dir", str(cd), "team-conflicts"], monkeypatch) == 6
    listed = capsys.readouterr().out
    assert "Version écrite sur AB" in listed and "Version écrite sur CD" in listed
    for folder in (ab, cd):
        log = app_paths(folder).log_file.read_text(encoding="utf-8")
        assert "Version écrite" not in log and "marqueur" not in log.lower() and "DE-2026" not in log

    session = vault.unlock(cd, PASSWORD)
    try:
        (conflict,) = session.team.conflicts()
        theirs = next(i for i, value in enumerate(conflict.values) if not value.here)
        session.team.resolve(conflict.key, theirs)
    finally:
        session.close()
    assert team(["--data-dir", str(cd), "team-conflicts"], monkeypatch) == 0
    assert "Aucun conflit à régler." in capsys.readouterr().out
    settled = tmp_path / "regle.ilotpkg"
    assert export(cd, settled, monkeypatch) == 0
    assert take_in(ab, settled, monkeypatch) == 0  # the choice travels and settles it on AB too
    assert team(["--data-dir", str(ab), "team-conflicts"], monkeypatch) == 0
    assert people(ab)[uid][2] == people(cd)[uid][2] == "Version écrite sur AB"


def test_team_sync_both_ways_and_a_refused_package_never_stops_the_others(tmp_path, monkeypatch, capsys):
    ab = laptop(tmp_path, "AB", monkeypatch, capsys)
    cd = laptop(tmp_path, "CD", monkeypatch, capsys)
    shared = tmp_path / "Dossier équipe"
    shared.mkdir()
    first = add_person(ab, file_number="DE-2026-AB-001")
    assert team(["--data-dir", str(ab), "team-sync", str(shared)], monkeypatch) == 0
    assert "Envoyé\u00a0: " in capsys.readouterr().out
    assert team(["--data-dir", str(cd), "team-sync", str(shared)], monkeypatch) == 0
    capsys.readouterr()
    second = add_person(cd, file_number="DE-2026-CD-001", last_name="Deuxième")
    (shared / "equipe-0000000000000000.ilotpkg").write_bytes(b"pas un paquet" * 10)
    assert team(["--data-dir", str(cd), "team-sync", str(shared)], monkeypatch) == 5
    err = capsys.readouterr().err
    assert "equipe-0000000000000000.ilotpkg" in err and "1 paquet refusé" in err
    assert team(["--data-dir", str(ab), "team-sync", str(shared)], monkeypatch) == 5  # the bad one is still there
    capsys.readouterr()
    assert set(people(ab)) == set(people(cd)) == {first, second}
    assert all(path.name.startswith("equipe-") and path.suffix == ".ilotpkg" for path in shared.iterdir())

    (shared / "equipe-0000000000000000.ilotpkg").unlink()
    assert team(["--data-dir", str(ab), "team-sync", str(shared)], monkeypatch) == 0
    capsys.readouterr()
    assert team(["--data-dir", str(ab), "team-sync", str(tmp_path / "absent")], monkeypatch) == 5
    assert "n'existe pas" in capsys.readouterr().err


def test_team_conflicts_on_a_fresh_laptop_and_usage_errors(tmp_path, monkeypatch, capsys):
    ab = laptop(tmp_path, "AB", monkeypatch, capsys)
    assert team(["--data-dir", str(ab), "team-conflicts"], monkeypatch, passphrase=None) == 0
    assert "Aucun conflit à régler." in capsys.readouterr().out
    with pytest.raises(SystemExit) as usage:
        main(["--data-dir", str(ab), "team-export"])  # --out is required
    assert usage.value.code == 2
    assert "Erreur d'utilisation" in capsys.readouterr().err
    assert export(ab, tmp_path / "absent" / "p.ilotpkg", monkeypatch) == 5
    assert "n'existe pas" in capsys.readouterr().err


def test_exit_6_has_two_meanings_told_apart_by_the_message(two, tmp_path, monkeypatch, capsys):
    """6 is also « a window is open on this folder » (as for every command that writes the vault): nothing done."""
    from tests.lock_holder import window_in_another_process

    ab, cd, uid = two
    edit_person(ab, uid, notes="Changé sur AB pendant que la fenêtre de CD est ouverte")
    package = tmp_path / "pendant.ilotpkg"
    assert export(ab, package, monkeypatch) == 0
    capsys.readouterr()
    with window_in_another_process(cd):
        assert take_in(cd, package, monkeypatch) == 6
        captured = capsys.readouterr()
        assert "Îlot desktop est ouvert sur ce dossier" in captured.err and "conflit" not in captured.out
        assert team(["--data-dir", str(cd), "team-sync", str(tmp_path)], monkeypatch) == 6
        assert team(["--data-dir", str(cd), "team-conflicts"], monkeypatch) == 6
        assert "ouvert sur ce dossier" in capsys.readouterr().err
    assert people(cd)[uid][2] == "Premier entretien au parloir"  # nothing was taken in while the window held it
    assert take_in(cd, package, monkeypatch) == 0


def test_team_sync_exit_3_when_the_team_passphrase_is_wrong(two, tmp_path, monkeypatch, capsys):
    ab, cd, uid = two
    shared = tmp_path / "equipe"
    shared.mkdir()
    edit_person(ab, uid, notes="Changé sur AB")
    assert team(["--data-dir", str(ab), "team-sync", str(shared)], monkeypatch) == 0
    capsys.readouterr()
    assert team(["--data-dir", str(cd), "team-sync", str(shared)], monkeypatch, passphrase="Pas la bonne 2026!") == 3
    assert "phrase de passe d'équipe est incorrecte" in capsys.readouterr().err
    assert people(cd)[uid][2] == "Premier entretien au parloir"


def test_on_a_terminal_the_team_passphrase_is_asked_only_when_needed(tmp_path, monkeypatch, capsys):
    import getpass

    class Terminal:
        def isatty(self) -> bool:
            return True

        def readline(self) -> str:
            raise AssertionError("a terminal is asked through getpass, never read in the clear")

    ab = laptop(tmp_path, "AB", monkeypatch, capsys)
    cd = laptop(tmp_path, "CD", monkeypatch, capsys)
    add_person(ab)
    package = tmp_path / "envoi.ilotpkg"
    assert export(ab, package, monkeypatch) == 0
    asked: list[str] = []
    monkeypatch.setattr(getpass, "getpass", lambda prompt: asked.append(prompt) or TEAM)
    monkeypatch.setattr("sys.stdin", Terminal())
    assert team(["--data-dir", str(cd), "team-import", str(package)], monkeypatch, passphrase=None) == 0
    assert asked == ["Phrase de passe d'équipe : "]  # CD had no team key yet
    assert export(ab, tmp_path / "encore.ilotpkg", monkeypatch, "--all", passphrase=None) == 0
    assert team(["--data-dir", str(cd), "team-import", str(tmp_path / "encore.ilotpkg")], monkeypatch, None) == 0
    assert asked == ["Phrase de passe d'équipe : "]  # the key kept in the vault: not asked again


def test_after_a_passphrase_change_the_old_one_is_refused_and_never_brought_back(two, tmp_path, monkeypatch, capsys):
    ab, cd, uid = two
    shared = tmp_path / "equipe"
    shared.mkdir()
    edit_person(cd, uid, notes="Écrit sur CD avant le changement")
    assert team(["--data-dir", str(cd), "team-sync", str(shared)], monkeypatch) == 0  # sealed with the old one
    session = vault.unlock(ab, PASSWORD)
    try:
        session.team.change_passphrase(TEAM, "Nouvelle phrase de l'équipe 2027")
    finally:
        session.close()
    capsys.readouterr()
    # a script still holding the old passphrase: refused, on AB's side as for an export
    assert team(["--data-dir", str(ab), "team-sync", str(shared)], monkeypatch) == 3
    assert export(ab, tmp_path / "x.ilotpkg", monkeypatch) == 3


def test_a_damaged_salt_is_exit_5_and_a_retired_passphrase_exit_3_and_the_sync_goes_on(
    two, tmp_path, monkeypatch, capsys
):
    """Fix round 15: one byte of a package's salt damaged is « endommagé » (5) when the passphrase given is the team's,
    asks for the passphrase (3) when none is given; in team-sync it never stops the other packages, and exit 3 comes
    only when nothing else could be done; a package sealed with a replaced passphrase is refused (3)."""
    ab, cd, uid = two
    shared = tmp_path / "equipe"
    shared.mkdir()
    edit_person(ab, uid, notes="Changé sur AB")
    package = tmp_path / "ab.ilotpkg"
    assert export(ab, package, monkeypatch) == 0
    bad = bytearray(package.read_bytes())
    bad[40] ^= 1
    damaged = tmp_path / "sel.ilotpkg"
    damaged.write_bytes(bytes(bad))
    capsys.readouterr()
    assert take_in(cd, damaged, monkeypatch) == 5
    assert "endommagé ou scellé avec une autre phrase de passe" in capsys.readouterr().err
    assert take_in(cd, damaged, monkeypatch, passphrase="Pas la phrase de l'équipe") == 3
    assert take_in(cd, damaged, monkeypatch, passphrase=None) == 3
    assert "nouvelle phrase de passe\u00a0? saisissez-la" in capsys.readouterr().err
    (shared / "equipe-0000000000000000.ilotpkg").write_bytes(bytes(bad))
    (shared / "equipe-1111111111111111.ilotpkg").write_bytes(package.read_bytes())
    sync = ["--data-dir", str(cd), "team-sync", str(shared)]
    assert team(sync, monkeypatch, passphrase=None) == 5  # the good one taken in, the other one named
    err = capsys.readouterr().err
    assert "equipe-0000000000000000.ilotpkg" in err and "nouvelle phrase de passe" in err
    assert people(cd)[uid][2] == "Changé sur AB"
    assert team(sync, monkeypatch, passphrase=None) == 3  # nothing could be done without the passphrase
    assert team(sync, monkeypatch) == 5
    assert "endommagé ou scellé" in capsys.readouterr().err
    session = vault.unlock(ab, PASSWORD)
    try:
        session.team.change_passphrase(TEAM, "Nouvelle phrase de l'équipe 2027")
    finally:
        session.close()
    old = tmp_path / "ancien.ilotpkg"
    edit_person(cd, uid, notes="Écrit sur CD avec l'ancienne phrase")
    assert export(cd, old, monkeypatch) == 0
    capsys.readouterr()
    assert take_in(ab, old, monkeypatch, passphrase=None) == 3
    assert "ancienne phrase de passe d'équipe\u00a0: ignoré" in capsys.readouterr().err
    assert people(ab)[uid][2] == "Changé sur AB"


def test_team_sync_says_an_unreachable_folder_with_a_non_breaking_space(two, tmp_path, monkeypatch, capsys):
    _ab, cd, _uid = two
    assert team(["--data-dir", str(cd), "team-sync", str(tmp_path / "absent")], monkeypatch) == 5
    assert "n'est pas joignable\u00a0: " in capsys.readouterr().err
