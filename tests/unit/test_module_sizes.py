"""No module in src/ over 500 lines (issue 14): a module that grows past it is split by responsibility, the way
domain/indicators/ and the exchange modules were. Strict: no allow-list, blank lines and comments count."""

from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
MAX_LINES = 500


def line_count(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_no_module_is_over_500_lines():
    sizes = {str(path.relative_to(SRC)): line_count(path) for path in sorted(SRC.rglob("*.py"))}
    assert len(sizes) > 50, "the sources are where the test expects them"
    too_long = {name: lines for name, lines in sizes.items() if lines > MAX_LINES}
    assert too_long == {}, f"split these modules by responsibility (at most {MAX_LINES} lines each): {too_long}"
