"""Îlot desktop's performance harness: ``make bench`` (``python benchmarks/run.py [options]``).

On a synthetic ten-year vault (built once, cached by dataset version, see ``synthetic.py``), in separate
processes so that each one's memory and start are its own:

1. cold starts: the application up to its unlock page, and a bare PySide6 window with four tabs (baseline);
2. the window (``gui_probe.py``): unlock, search, switching, week, Ma semaine, Bilan, funder file, action plan;
3. the baselines (``sql_baseline.py``): the window's SQL replayed on bare SQLCipher and on a plaintext copy,
   and the services on that plaintext copy.

Prints a JSON summary and a table with PASS/MISS per target; writes every raw figure to
``benchmarks/results/latest.json`` (ignored by git). Headless: ``QT_QPA_PLATFORM=offscreen`` unless set.
Not part of the test suite. See docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from measure import headless, peak_rss_mb, summary
from report import as_json, figures, table

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "results" / "latest.json"


def default_cache() -> Path:
    import platformdirs

    return Path(os.environ.get("ILOT_BENCH_CACHE") or platformdirs.user_cache_dir("IlotDesktop", "LIlot")) / "bench"


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Îlot desktop benchmarks on a synthetic ten-year vault.")
    parser.add_argument("--regenerate", action="store_true", help="rebuild the cached vault first")
    parser.add_argument("--cache-dir", type=Path, default=None, help="where the vault is kept (default: user cache)")
    parser.add_argument("--repeat", type=int, default=30, help="timed repetitions per interaction (default 30)")
    parser.add_argument("--starts", type=int, default=7, help="cold starts of each kind (default 7, +1 warm-up)")
    parser.add_argument("--unlocks", type=int, default=5, help="unlocks after the first of the day (default 5)")
    parser.add_argument("--reports", type=int, default=5, help="funder files written (default 5, +1 warm-up)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"full results (default {DEFAULT_OUT})")
    parser.add_argument("--keep", action="store_true", help="keep the temporary working folder (printed)")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (a smoke run, not figures)")
    parser.add_argument(
        "--scale", type=int, default=1, help="N times the people and records over the same years (default 1)"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.repeat, args.starts, args.unlocks, args.reports = 8, 2, 2, 2
    args.cache_dir = args.cache_dir or default_cache()
    return args


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def python(script: str, *args, timeout: float = 900) -> subprocess.CompletedProcess:
    """Run one of the benchmark scripts with this interpreter; stderr is kept for the error message."""
    command = [sys.executable, str(HERE / script), *map(str, args)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=HERE.parent)
    if done.returncode != 0:
        tail = "\n".join(done.stderr.strip().splitlines()[-25:])
        raise RuntimeError(f"{script} failed (exit {done.returncode}):\n{tail}")
    return done


def ensure_vault(args) -> tuple[Path, dict]:
    """The cached vault, built in a child process (its memory is not the run's)."""
    command = ["--cache-dir", args.cache_dir, "--scale", args.scale] + (["--regenerate"] if args.regenerate else [])
    done = python("synthetic.py", *command, timeout=1800)
    for line in done.stderr.strip().splitlines():
        say(line)
    answer = json.loads(done.stdout)
    return Path(answer["folder"]), answer["manifest"]


def cold_starts(data_dir: Path, count: int) -> dict:
    """Alternate application and bare-window starts; the first of each warms the disk cache, untimed.

    Each application start then unlocks, as a person does once the password is typed: the first unlock of
    a fresh process (the day's automatic backup is made by the untimed first start).
    """
    from synthetic import PASSWORD

    marks: dict[str, list[dict]] = {"app": [], "bare": []}
    unlocks: list[float] = []
    kdf: list[float] = []
    for n in range(count + 1):
        for kind in ("bare", "app"):
            spawned = time.monotonic()
            extra = (data_dir, PASSWORD) if kind == "app" else ()
            done = python("startup_probe.py", kind, *extra, timeout=120)
            probe = json.loads(done.stdout.strip().splitlines()[-1])
            if not probe.get("ok") or (kind == "app" and not probe.get("unlocked")):
                raise RuntimeError(f"{kind} start: the expected page was not shown")
            if n:
                run = {k: probe[k] - spawned for k in MARKS} | {"spawned": 0.0, "peak_rss_mb": probe["peak_rss_mb"]}
                marks[kind].append(run)
                if kind == "app":
                    unlocks.append(probe["unlock_ms"] / 1000)
                    kdf.append(probe["unlock_kdf_ms"] / 1000)
    result = {}
    for kind, runs in marks.items():
        result[kind] = summary([run["painted"] for run in runs]) | {
            "phases_ms": {
                phase: round(sorted(1000 * (run[end] - run[start]) for run in runs)[len(runs) // 2], 1)
                for phase, start, end in PHASES
            },
            "peak_rss_mb": max(run["peak_rss_mb"] for run in runs),
        }
    result["first_unlock"] = {
        "total": summary(unlocks),
        "kdf": summary(kdf),
        "beyond_kdf": summary([u - k for u, k in zip(unlocks, kdf, strict=True)]),
    }
    return result


MARKS = ("started", "imported", "window_built", "painted", "reported")
PHASES = (
    ("interpreter", "spawned", "started"),
    ("imports", "started", "imported"),
    ("window", "imported", "window_built"),
    ("show and first paint", "window_built", "painted"),
)


def main(argv=None) -> int:
    args = parse_args(argv)
    headless()
    began = time.perf_counter()
    load_before = os.getloadavg()
    say(f"Vault: {args.cache_dir}")
    source, manifest = ensure_vault(args)
    work = Path(tempfile.mkdtemp(prefix="ilot-bench-"))
    try:
        data_dir = work / "donnees"
        from synthetic import working_copy

        working_copy(source, data_dir)
        shutil.copy2(source / "benchmark-dataset.json", data_dir / "benchmark-dataset.json")
        say(f"Cold starts ({args.starts} of each, after one warm-up), each followed by an unlock…")
        startup = cold_starts(working_copy(source, work / "demarrage"), args.starts)
        say("The window: unlock, search, switching, week, Ma semaine, Bilan, funder file, action plan…")
        gui_out, captures = work / "gui.json", work / "captures.json"
        python(
            "gui_probe.py", data_dir, data_dir / "benchmark-dataset.json", gui_out, captures,
            "--repeat", args.repeat, "--unlocks", args.unlocks, "--reports", args.reports,
        )  # fmt: skip
        gui = json.loads(gui_out.read_text(encoding="utf-8"))
        say("Baselines: the same SQL on bare SQLCipher and on a plaintext copy, the services on plaintext…")
        base_out = work / "baselines.json"
        python(
            "sql_baseline.py", data_dir, captures, base_out, work,
            "--repeat", args.repeat, "--reports", args.reports,
        )  # fmt: skip
        base = json.loads(base_out.read_text(encoding="utf-8"))
    finally:
        if args.keep:
            say(f"Working folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    run_peak = max(peak_rss_mb(), peak_rss_mb(resource.RUSAGE_CHILDREN))
    rows = figures(startup, gui, base, run_peak)
    results = {
        "date": datetime.now().isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in os.getloadavg()],
        },
        "dataset": manifest,
        "options": {k: str(v) for k, v in vars(args).items()},
        "seconds": round(time.perf_counter() - began, 1),
        "figures": as_json(rows),
        "raw": {"startup": startup, "window": gui, "baselines": base, "run_peak_rss_mb": run_peak},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print(json.dumps({k: results[k] for k in ("date", "machine", "seconds")} | {"figures": _compact(rows)}, indent=1))
    print()
    counts = manifest["counts"]
    print(
        f"Îlot desktop benchmarks, {results['date']}, {os.cpu_count()} CPUs, load {load_before[0]:.2f} → "
        f"{os.getloadavg()[0]:.2f}; vault: {counts['participants']:,} files, {counts['appointments']:,} "
        f"appointments, {counts['barriers']:,} barriers, {counts['tasks']:,} tasks, "
        f"{counts['collective_actions']:,} actions ({manifest['size_bytes'] / 1e6:.0f} MB)"
    )
    print(table(rows))
    missed = [row.label for row in rows if row.result == "MISS"]
    print(f"\n{len(missed)} target(s) missed" + (f": {', '.join(missed)}" if missed else "") + ".")
    print(f"Full results: {args.out} ({results['seconds']} s)")
    return 0


def _compact(rows) -> list[dict]:
    return [
        {"figure": row.key, "p50": row.p50, "p95": row.p95, "unit": row.unit, "result": row.result or None}
        | {"baselines": row.baselines}
        for row in rows
    ]


if __name__ == "__main__":
    sys.exit(main())
