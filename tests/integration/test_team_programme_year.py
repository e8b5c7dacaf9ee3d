"""Issue 15's closing scenario: two laptops created separately, each importing (the exchange workbook, as a
caseworker does) one half of a programme year whose file numbers collide, exchange packages both ways through a
team folder (``team-sync``) and end with the same people — compared by identifier and by content — none
overwritten, the colliding files renumbered with their former number kept, and the funder figures of the whole
year equal to those of one vault that imported both halves. Then the same field edited on both laptops is listed
as a conflict on both, nothing lost until a person chooses; the choice travels and the laptops agree again.

Run with ``-s`` to see the figures (the issue's closing note quotes them).
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from ilot_desktop.services import vault
from tests.conftest import PASSWORD, TODAY
from tests.exchange_workbooks import action, appointment, barrier, outcome, participant, participation, write_book
from tests.integration.test_cli import run
from tests.integration.test_cli_team import laptop, team

YEAR = 2025
AS_OF = date(2025, 12, 31)
PEOPLE = 12  # per half: numbers DE-2025-001 … DE-2025-012 on both laptops
SHARED_ACTION = "AC-2025-001"  # the same workshop recorded on both laptops: one action once joined
CATEGORIES = ("Hébergement", "Mobilité", "Accès aux droits", "Numérique")
SYNCHRONISED = (
    "participants",
    "appointments",
    "collective_actions",
    "action_registrations",
    "barriers",
    "barrier_events",
    "tasks",
    "outcomes",
)
PARENTS = {"participant_id": "participants", "action_id": "collective_actions", "barrier_id": "barriers"}
LOCAL = {"id", "created_at", "updated_at"}  # this laptop's own bookkeeping, not the record's content


def number(index: int, offset: int = 0) -> str:
    return f"DE-2025-{index + offset:03d}"


def half(tag: str, first_names: list[str], offset: int = 0) -> dict[str, list[dict[str, object]]]:
    """One caseworker's half of the year: people, interviews, barriers, results, the shared workshop."""
    book: dict[str, list[dict[str, object]]] = {name: [] for name in ("Participants", "Entretiens", "Freins")}
    book |= {"Actions collectives": [], "Participations": [], "Résultats": []}
    book["Actions collectives"] = [
        action(**{"Réf. action": SHARED_ACTION, "Date": date(2025, 6, 12), "Intitulé": "Atelier CV"}),
        action(**{"Réf. action": f"AC-2025-{tag}", "Date": date(2025, 9, 18), "Intitulé": f"Visite {tag}"}),
    ]
    for index, first in enumerate(first_names, start=1):
        file_number = number(index, offset)
        entry = date(2025, 1, 6) + timedelta(days=19 * index + (7 if tag == "CD" else 0))
        dropout = index % 5 == 0
        book["Participants"].append(
            participant(
                **{
                    "N° dossier": file_number,
                    "Nom": f"{tag}-Nom{index:02d}",
                    "Prénom": first,
                    "Sexe": "Femme" if index % 3 == 0 else "Homme",
                    "Date de naissance": date(1970 + 2 * index, 1 + index % 12, 3 + index),
                    "Téléphone": f"06 00 00 {index:02d} {10 if tag == 'AB' else 20}",
                    "Date de libération prévue": entry + timedelta(days=60),
                    "Date d'entrée": entry,
                    "Date de fin d'accompagnement": entry + timedelta(days=150) if dropout else None,
                }
            )
        )
        for slot in range(3):
            book["Entretiens"].append(
                appointment(
                    **{
                        "N° dossier": file_number,
                        "Date": entry + timedelta(days=14 * slot),
                        "Heure": f"{9 + slot}:30",
                        "Statut": "Réalisé" if slot < 2 else "Absent",
                        "Compte rendu": f"Entretien {slot + 1} de {tag}-{index}",
                    }
                )
            )
        book["Freins"].append(
            barrier(
                **{
                    "N° dossier": file_number,
                    "Catégorie": CATEGORIES[index % len(CATEGORIES)],
                    "Statut": "Levé" if index % 2 else "Identifié",
                    "Date d'identification": entry + timedelta(days=3),
                    "Date de levée": entry + timedelta(days=40) if index % 2 else None,
                    "Commentaire": f"Frein de {tag}-{index}",
                }
            )
        )
        if index % 2 == 0:
            book["Participations"].append(participation(**{"Réf. action": SHARED_ACTION, "N° dossier": file_number}))
        if index % 4 == 1:
            book["Participations"].append(participation(**{"Réf. action": f"AC-2025-{tag}", "N° dossier": file_number}))
        if dropout:
            book["Résultats"].append(
                outcome(
                    **{
                        "N° dossier": file_number,
                        "Date": entry + timedelta(days=150),
                        "Type": "Abandon",
                        "Motif d'abandon": "Injoignable",
                        "Employeur ou organisme": None,
                        "Commentaire": None,
                    }
                )
            )
        elif index % 3 == 0:
            book["Résultats"].append(
                outcome(**{"N° dossier": file_number, "Date": entry + timedelta(days=90), "Commentaire": tag})
            )
    return book


FIRST_AB = ["Karim", "Yanis", "Sonia", "Mehdi", "Lucas", "Inès", "Omar", "Théo", "Nadia", "Hugo", "Sami", "Lina"]
FIRST_CD = ["Zoé", "Bilal", "Awa", "Kevin", "Rayan", "Léa", "Ismaël", "Jules", "Fatou", "Noé", "Adam", "Chloé"]


def import_workbook(folder: Path, path: Path, monkeypatch, capsys) -> None:
    assert run(["--data-dir", str(folder), "import", str(path)], monkeypatch) == 0, capsys.readouterr().err
    capsys.readouterr()


def contents(folder: Path) -> dict[str, dict[str, dict[str, object]]]:
    """table -> uid (joined actions under their canonical uid) -> every column but the local ones, a parent
    named by its uid."""
    session = vault.unlock(folder, PASSWORD, clock=lambda: TODAY, audit=False)
    try:
        with session._database.engine.connect() as connection:
            aliases = dict(connection.exec_driver_sql("SELECT uid, canonical_uid FROM sync_aliases").fetchall())
            uids = {
                table: {
                    row[0]: aliases.get(row[1], row[1])
                    for row in connection.exec_driver_sql(f"SELECT id, uid FROM {table}")
                }
                for table in set(PARENTS.values())
            }
            found: dict[str, dict[str, dict[str, object]]] = {}
            for table in SYNCHRONISED:
                result = connection.exec_driver_sql(f"SELECT * FROM {table}")
                columns = list(result.keys())
                rows = {}
                for row in result.fetchall():
                    values = dict(zip(columns, row, strict=True))
                    record = {
                        column: uids[PARENTS[column]].get(value) if column in PARENTS else value
                        for column, value in values.items()
                        if column not in LOCAL and column != "uid"
                    }
                    rows[aliases.get(values["uid"], values["uid"])] = record
                found[table] = rows
            return found
    finally:
        session.close()


def figures(folder: Path):
    session = vault.unlock(folder, PASSWORD, clock=lambda: TODAY, audit=False)
    try:
        return session.indicators.compute(YEAR, AS_OF)
    finally:
        session.close()


def sync_until_quiet(laptops: list[Path], shared: Path, monkeypatch, capsys, rounds: int = 4) -> list[int]:
    """Each laptop sends and receives in turn, round after round (a renumbering done on arrival is a local write
    that travels back on the next round)."""
    codes = []
    for _round in range(rounds):
        for folder in laptops:
            codes.append(team(["--data-dir", str(folder), "team-sync", str(shared)], monkeypatch))
    capsys.readouterr()
    return codes


def test_two_laptops_one_programme_year(tmp_path, monkeypatch, capsys):
    ab = laptop(tmp_path, "AB", monkeypatch, capsys)
    cd = laptop(tmp_path, "CD", monkeypatch, capsys)
    whole = laptop(tmp_path, "EF", monkeypatch, capsys)  # one vault holding both halves: the reference figures
    half_ab = write_book(tmp_path / "moitie-ab.xlsx", half("AB", FIRST_AB))
    half_cd = write_book(tmp_path / "moitie-cd.xlsx", half("CD", FIRST_CD))
    import_workbook(ab, half_ab, monkeypatch, capsys)
    import_workbook(cd, half_cd, monkeypatch, capsys)
    import_workbook(whole, half_ab, monkeypatch, capsys)
    import_workbook(
        whole, write_book(tmp_path / "moitie-cd-autres.xlsx", half("CD", FIRST_CD, 200)), monkeypatch, capsys
    )
    alone_ab, alone_cd = contents(ab), contents(cd)
    assert {p["file_number"] for p in alone_ab["participants"].values()} == {
        p["file_number"] for p in alone_cd["participants"].values()
    }  # the two halves' numbers collide, every one of them

    shared = tmp_path / "Dossier d'équipe"
    shared.mkdir()
    codes = sync_until_quiet([ab, cd], shared, monkeypatch, capsys)
    assert set(codes) == {0}, codes

    after_ab, after_cd = contents(ab), contents(cd)
    assert after_ab == after_cd  # the same records, by identifier and by content
    people = after_ab["participants"]
    assert len(people) == 2 * PEOPLE
    # none overwritten: every record of each half is there under its own identifier, unchanged (a person's number
    # aside, when it collided: she was renumbered), attached to the same person
    for alone in (alone_ab, alone_cd):
        for table in SYNCHRONISED:
            if table in ("collective_actions", "action_registrations"):
                continue  # the shared workshop is joined: checked below
            for uid, record in alone[table].items():
                kept = dict(after_ab[table][uid])
                if table == "participants":
                    kept["file_number"], kept["former_numbers"] = record["file_number"], record["former_numbers"]
                assert kept == record, (table, uid)
    # colliding numbers: each person has a number of her own, the former one kept where it changed
    numbers = [person["file_number"] for person in people.values()]
    assert len(set(numbers)) == len(numbers)
    renumbered = [person for person in people.values() if person["former_numbers"]]
    assert len(renumbered) >= PEOPLE
    for person in renumbered:
        former = person["former_numbers"].split(",")[0].strip()
        assert former.startswith("DE-2025-0") and person["file_number"] != former
        assert person["file_number"].startswith(("DE-2025-AB-", "DE-2025-CD-"))
    # the shared workshop is one action, with every registration of both halves
    actions = after_ab["collective_actions"]
    assert len(actions) == 3
    workshop = [uid for uid, record in actions.items() if record["reference"] == SHARED_ACTION]
    assert len(workshop) == 1
    registered = [r for r in after_ab["action_registrations"].values() if r["action_id"] == workshop[0]]
    assert len(registered) == 2 * (PEOPLE // 2)

    # the funder figures of the whole year, on either laptop, equal those of the one vault
    reference = figures(whole)
    on_ab, on_cd = figures(ab), figures(cd)
    with capsys.disabled():  # shown with -s: the closing note quotes them
        print(f"\nProgramme year {YEAR} as of {AS_OF:%d/%m/%Y}: laptop AB | laptop CD | one vault with both halves")
        for (label, value), (_l, value_cd), (_r, value_whole) in zip(
            on_ab.summary_rows(), on_cd.summary_rows(), reference.summary_rows(), strict=True
        ):
            print(f"  {label}: {value} | {value_cd} | {value_whole}")
        renumbered_pairs = sorted((p["former_numbers"], p["file_number"]) for p in renumbered)
        print(f"  renumbered: {len(renumbered_pairs)}, e.g. {renumbered_pairs[0][0]} → {renumbered_pairs[0][1]}")
    assert on_ab == reference
    assert on_cd == reference
    assert on_ab != figures_of_half(tmp_path, half_ab, monkeypatch, capsys)  # the halves alone do not make it

    # the same field edited on both laptops: a conflict on both, nothing lost until a person chooses
    karim = next(uid for uid, person in people.items() if person["first_name"] == "Karim")
    set_notes(ab, karim, "Rappeler l'employeur (écrit sur AB)")
    set_notes(cd, karim, "Attendre la libération (écrit sur CD)")
    codes = sync_until_quiet([ab, cd], shared, monkeypatch, capsys, rounds=2)
    assert 6 in codes
    for folder, mine, theirs in ((ab, "sur AB", "sur CD"), (cd, "sur CD", "sur AB")):
        assert team(["--data-dir", str(folder), "team-conflicts"], monkeypatch) == 6
        out = capsys.readouterr().out
        assert "1 conflit à régler" in out
        assert "Sur cet ordinateur\u00a0: " in out and mine in out.split("Sur cet ordinateur")[1].splitlines()[0]
        assert theirs in out
        assert contents(folder)["participants"][karim]["notes"].endswith(f"(écrit {mine})")
    session = vault.unlock(cd, PASSWORD, clock=lambda: TODAY)
    try:
        (conflict,) = session.team.conflicts()
        assert conflict.can_keep_both
        session.team.resolve(conflict.key, "both")
    finally:
        session.close()
    codes = sync_until_quiet([ab, cd], shared, monkeypatch, capsys, rounds=2)
    assert codes[-2:] == [0, 0], codes  # AB's first sync still had it: CD's choice had not been sent yet
    for folder in (ab, cd):
        assert team(["--data-dir", str(folder), "team-conflicts"], monkeypatch) == 0
    settled_ab, settled_cd = contents(ab), contents(cd)
    assert settled_ab == settled_cd
    notes = settled_ab["participants"][karim]["notes"]
    assert "écrit sur AB" in notes and "écrit sur CD" in notes
    assert figures(ab) == figures(cd) == reference


def set_notes(folder: Path, uid: str, notes: str) -> None:
    from dataclasses import replace

    session = vault.unlock(folder, PASSWORD, clock=lambda: TODAY)
    try:
        for summary in session.participants.summaries():
            person = session.participants.get(summary.id)
            if person.uid == uid:
                session.participants.save(replace(person, notes=notes))
                return
        raise AssertionError("no such person")
    finally:
        session.close()


def figures_of_half(tmp_path: Path, workbook: Path, monkeypatch, capsys):
    alone = laptop(tmp_path, "GH", monkeypatch, capsys)
    import_workbook(alone, workbook, monkeypatch, capsys)
    return figures(alone)
