"""The password estimate's word lists are data files shipped with the package, in the wheel and in the bundle."""

from __future__ import annotations

import fnmatch
import tomllib
from importlib.resources import files
from pathlib import Path

from ilot_desktop.domain import password_words

ROOT = Path(__file__).resolve().parents[2]
LISTS = ("french_passwords", "service_words", "places", "frequent_words", "first_names")


def test_the_lists_are_read_whole_and_in_order() -> None:
    assert len(password_words.FREQUENT_WORDS) == 10000
    assert len(password_words.FIRST_NAMES) == 2182
    assert password_words.FRENCH_PASSWORDS[:3] == ["azerty", "azertyuiop", "motdepasse"]  # most common first
    assert password_words.FREQUENT_WORDS[:3] == ["est", "pas", "que"]
    every = [*password_words.FRENCH_PASSWORDS, *password_words.SERVICE_WORDS, *password_words.PLACES]
    assert every and all(word.isalnum() and word == word.lower() for word in every)  # no comment read as words


def test_each_data_file_is_shipped_by_the_wheel_and_the_bundle() -> None:
    data = files("ilot_desktop.domain").joinpath("data")
    shipped = sorted(entry.name for entry in data.iterdir() if entry.name.endswith(".txt"))
    assert shipped == sorted(f"{name}.txt" for name in LISTS)
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"
    ]["ilot_desktop"]
    for name in shipped:
        assert any(fnmatch.fnmatch(f"domain/data/{name}", pattern) for pattern in patterns), name
    spec = (ROOT / "installer" / "ilot-desktop.spec").read_text(encoding="utf-8")
    assert '"domain" / "data" / "*.txt"), "ilot_desktop/domain/data")' in spec
