"""Whatever a workbook holds, the importer answers with problems in French: never an unhandled exception."""

from __future__ import annotations

import re
from datetime import date, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ilot_desktop.domain.exchange import SHEETS, ImportProblem
from ilot_desktop.domain.exchange_export import VaultSnapshot
from ilot_desktop.domain.exchange_parse import parse_workbook
from ilot_desktop.domain.exchange_plan import plan_import
from ilot_desktop.services.exchange import read_workbook
from tests.conftest import TODAY
from tests.exchange_workbooks import HEADERS, full_book, write_xlsx
from tests.factories import make_participant

FAST = settings(max_examples=50, deadline=None)

# Characters a workbook can carry (XML forbids most control characters and lone surrogates).
_printable = st.characters(blacklist_categories=("Cs", "Cc"))
_labels = st.sampled_from(
    [label for layout in SHEETS for c in layout.columns if c.choices for label in c.choices.labels()]
)
texts = st.one_of(
    st.text(_printable, max_size=30),
    _labels,
    _labels.map(lambda s: f"  {s.upper()} "),
    st.sampled_from(["27/11/2026", "31/02/2026", "01/01/1900", "09:30", "25:61", "DE-2026-001", "AC-2026-001"]),
    st.builds(lambda c, n: c * n, _printable, st.integers(200, 40_000)),  # huge strings
)
cells = st.one_of(
    st.none(),
    texts,
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=date(1, 1, 1)),
    st.datetimes(min_value=datetime(1, 1, 1)),
    st.times(),
    st.booleans(),
)
file_cells = st.one_of(  # what openpyxl itself can write to a file
    st.none(),
    texts,
    st.integers(min_value=-(2**53), max_value=2**53),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(min_value=date(1900, 3, 1)),
    st.datetimes(min_value=datetime(1900, 3, 1)),
    st.times(),
    st.booleans(),
)
SNAPSHOT = VaultSnapshot(participants=[make_participant(id=1, file_number="DE-2026-001")])


@st.composite
def sheets(draw, values=cells, max_rows=4):
    """Known sheets (any subset, names in any case), columns in any order with some missing or unknown."""
    chosen = draw(st.lists(st.sampled_from(list(HEADERS)), unique=True, max_size=6))
    result = []
    for name in chosen:
        headers = draw(st.permutations(HEADERS[name]))
        headers = headers[: draw(st.integers(max(1, len(headers) - 2), len(headers)))]
        if draw(st.booleans()):
            headers = [*headers, draw(st.text(_printable, max_size=10))]
        rows = draw(st.lists(st.lists(values, min_size=len(headers), max_size=len(headers)), max_size=max_rows))
        title = draw(st.sampled_from([name, name.upper(), f" {name} "]))
        result.append((title, [headers, *rows]))
    if draw(st.booleans()):
        result.append((draw(st.text(_printable, min_size=1, max_size=31)), [["x"], [draw(values)]]))
    return result


def assert_clean(problems):
    for problem in problems:
        assert isinstance(problem, ImportProblem)
        assert problem.message and str(problem)


@FAST
@given(sheets())
def test_any_cells_give_problems_never_exceptions(raw):
    for snapshot in (VaultSnapshot(), SNAPSHOT):
        plan = plan_import(parse_workbook(raw), snapshot, TODAY)
        assert_clean(plan.problems)
        assert all(isinstance(w, str) for w in plan.preview.warnings)


@FAST
@given(st.data())
def test_one_bad_cell_in_a_valid_workbook_is_reported(data):
    """Replace any one cell of a valid workbook by anything: either still valid, or a problem at a place."""
    book = full_book()
    name = data.draw(st.sampled_from(list(book)))
    header = data.draw(st.sampled_from(HEADERS[name]))
    value = data.draw(cells)
    book[name][0][header] = value
    raw = [(n, [HEADERS[n], [record.get(h) for h in HEADERS[n]]]) for n, records in book.items() for record in records]
    plan = plan_import(parse_workbook(raw), VaultSnapshot(), TODAY)
    assert_clean(plan.problems)
    assert all(p.sheet and p.row is not None and p.column for p in plan.problems)  # each names its place


@FAST
@given(
    st.binary(max_size=2000),
    st.sampled_from([b"", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"PK"]),
)
def test_any_bytes_as_a_workbook_give_a_clean_problem(tmp_path_factory, content, prefix):
    path = tmp_path_factory.mktemp("octets") / "equipe.xlsx"
    path.write_bytes(prefix + content)
    sheets_read, problems = read_workbook(path)
    assert_clean(problems)
    if not sheets_read:
        assert problems


_VALID: list[bytes] = []


def _valid_xlsx_bytes(tmp_path_factory) -> bytes:
    """One valid workbook for the whole run (its bytes hold a timestamp: drawn positions must stay valid)."""
    from tests.exchange_workbooks import write_book

    if not _VALID:
        _VALID.append(write_book(tmp_path_factory.mktemp("bon") / "bon.xlsx", full_book()).read_bytes())
    return _VALID[0]


@FAST
@given(st.data())
def test_damaged_workbook_bytes_give_a_clean_problem(tmp_path_factory, data):
    """A real workbook with some bytes changed, or cut short: a problem, or read as it still is."""
    content = bytearray(_valid_xlsx_bytes(tmp_path_factory))
    for _ in range(data.draw(st.integers(1, 5))):
        content[data.draw(st.integers(0, len(content) - 1))] = data.draw(st.integers(0, 255))
    if data.draw(st.booleans()):
        content = content[: data.draw(st.integers(0, len(content)))]
    path = tmp_path_factory.mktemp("abime") / "equipe.xlsx"
    path.write_bytes(bytes(content))
    sheets_read, problems = read_workbook(path)
    assert_clean(problems)
    if not problems:
        assert_clean(plan_import(parse_workbook(sheets_read), VaultSnapshot(), TODAY).problems)


@FAST
@given(st.sampled_from(["xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/styles.xml",
                        "[Content_Types].xml"]),
       st.binary(max_size=300) | st.text(max_size=300).map(str.encode))  # fmt: skip
def test_garbage_inside_a_workbook_gives_a_clean_problem(tmp_path_factory, member, garbage):
    import io
    import zipfile

    original = zipfile.ZipFile(io.BytesIO(_valid_xlsx_bytes(tmp_path_factory)))
    path = tmp_path_factory.mktemp("faux") / "equipe.xlsx"
    with zipfile.ZipFile(path, "w") as rebuilt:
        for item in original.infolist():
            rebuilt.writestr(item, garbage if item.filename == member else original.read(item))
    sheets_read, problems = read_workbook(path)
    assert_clean(problems)
    assert problems or sheets_read


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sheets(values=file_cells, max_rows=3))
def test_any_workbook_file_previews_without_exception(session, tmp_path, raw):
    """The whole path: a real .xlsx written with openpyxl, read back, checked against a real vault."""
    titles = {re.sub(r"[\\/*?:\[\]']", "_", title)[:31].strip() or "Feuille": rows for title, rows in raw}
    path = write_xlsx(tmp_path / "equipe.xlsx", titles or {"Feuille": []})
    preview = session.exchange.preview(path)
    assert_clean(preview.problems)
    assert set(preview.counts) == {s.name for s in SHEETS}
