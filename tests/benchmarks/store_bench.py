"""Store benchmark: build 50k enterprises / 100k cases / 200k visits, then time open, search and case lists.

Prints figures, asserts nothing: rows/s while building, time to open the workspace,
search latency p50/p95 over 100 varied queries, latency of a filtered and sorted first
page of 200 cases (median/p95 over many filter and sort combinations), and the file
size. Targets (issue 2): search p95 ≤ 30 ms, first page ≤ 20 ms, open ≤ 200 ms.

    .venv/bin/python tests/benchmarks/store_bench.py [--enterprises 50000] [--cases 100000] [--keep]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from store_bench_data import ACCOUNT_MANAGERS, BenchData

from hubdesk.domain.reference import load_reference_data
from hubdesk.store import CaseFilter, Store

OPENER = """
import sys, time
from pathlib import Path
t0 = time.perf_counter()
from hubdesk.store import Store
t1 = time.perf_counter()
store = Store.open(Path(sys.argv[1]))
with store.read() as reader:
    reader.list_cases(limit=200)
t2 = time.perf_counter()
store.close()
print((t1 - t0) * 1000, (t2 - t1) * 1000)
"""


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def build(path: Path, enterprises: int, cases: int) -> BenchData:
    data = BenchData(load_reference_data(), seed=1)
    store = Store.open(path)
    generating = 0.0
    rows = 0
    start = time.perf_counter()
    with store.bulk_loader() as loader:
        batches = data.batches(enterprises, cases)
        while True:
            tick = time.perf_counter()
            batch = next(batches, None)
            generating += time.perf_counter() - tick
            if batch is None:
                break
            loader.add_enterprises(batch.enterprises)
            loader.add_contacts(batch.contacts)
            loader.add_cases(batch.cases)
            loader.add_status_changes(batch.status_changes)
            loader.add_visits(batch.visits)
            loader.add_tasks(batch.tasks)
            rows += batch.rows()
            elapsed = time.perf_counter() - start
            print(f"\r  building: {rows:>9,} rows, {rows / elapsed:>9,.0f} rows/s", end="", flush=True)
        finishing = time.perf_counter()
    finished = time.perf_counter()
    total = finished - start
    with store.read() as reader:
        counts = reader.counts()
    store.close()
    loading = total - generating
    print(
        f"\rbuilt {counts['enterprise']:,} enterprises, {counts['case']:,} cases, {counts['visit']:,} visits "
        f"({rows:,} rows with contacts, tasks and status history) in {total:.1f} s"
    )
    print(
        f"  {rows / total:,.0f} rows/s overall; {rows / loading:,.0f} rows/s in the store "
        f"(inserts {loading - (finished - finishing):.1f} s, FTS rebuild + ANALYZE {finished - finishing:.1f} s; "
        f"generating the entities {generating:.1f} s)"
    )
    return data


def bench_open(path: Path) -> None:
    runs = [subprocess.check_output([sys.executable, "-c", OPENER, str(path)]).split() for _ in range(7)]
    imports = statistics.median(float(r[0]) for r in runs)
    opens = [float(r[1]) for r in runs]
    warm = []
    for _ in range(7):
        start = time.perf_counter()
        store = Store.open(path)
        with store.read() as reader:
            reader.list_cases(limit=200)
        warm.append((time.perf_counter() - start) * 1000)
        store.close()
    print(
        f"open workspace (fresh process: Store.open + first page of cases): median {statistics.median(opens):.0f} ms, "
        f"max {max(opens):.0f} ms (target ≤ 200 ms); in a running process: median {statistics.median(warm):.0f} ms; "
        f"importing the store's libraries first: {imports:.0f} ms"
    )


def bench_search(store: Store, data: BenchData) -> None:
    queries = data.queries(100)
    times: list[tuple[float, str, int]] = []
    with store.read() as reader:
        reader.search("warm up")
        for query in queries:
            start = time.perf_counter()
            hits = reader.search(query, limit=50)
            times.append(((time.perf_counter() - start) * 1000, query, len(hits)))
    values = [t for t, _, _ in times]
    slowest = max(times)
    empty = sum(1 for _, _, n in times if n == 0)
    print(
        f"search, 100 varied queries: p50 {percentile(values, 0.5):.1f} ms, p95 {percentile(values, 0.95):.1f} ms, "
        f"max {slowest[0]:.1f} ms for {slowest[1]!r} (target p95 ≤ 30 ms); {empty} queries found nothing"
    )


def bench_lists(store: Store) -> None:
    filters = [
        CaseFilter(),
        CaseFilter(status="in_progress"),
        CaseFilter(kind="permit_assistance"),
        CaseFilter(commune_nis="21004"),
        CaseFilter(account_manager=ACCOUNT_MANAGERS[3]),
        CaseFilter(attache_post="Paris"),
        CaseFilter(sector="horeca"),
        CaseFilter(status="waiting_authority", kind="subsidy_application"),
        CaseFilter(kind="permit_assistance", commune_nis="21009"),
        CaseFilter(text="terrasse"),
        CaseFilter(text="bakkerij", status="in_progress"),
    ]
    sorts = ["-updated_at", "updated_at", "due_on", "-due_on", "reference", "title", "-status", "enterprise_name"]
    times: list[tuple[float, str]] = []
    with store.read() as reader:
        for case_filter in filters:
            for sort in sorts:
                label = f"{sort} {', '.join(f'{k}={v}' for k, v in vars(case_filter).items() if v)}"
                samples = [
                    timed(lambda f=case_filter, s=sort: reader.list_cases(f, sort=s, limit=200)) for _ in range(5)
                ]
                times.append((statistics.median(samples), label))
        counted = timed(lambda: reader.count_cases(CaseFilter(status="in_progress")))
    values = [t for t, _ in times]
    worst = sorted(times, reverse=True)[:3]
    print(
        f"first page of 200 cases, {len(filters)} filters x {len(sorts)} sorts: "
        f"median {statistics.median(values):.1f} ms, p95 {percentile(values, 0.95):.1f} ms, "
        f"max {worst[0][0]:.1f} ms (target ≤ 20 ms)"
    )
    print("  slowest: " + "; ".join(f"{t:.1f} ms {label}" for t, label in worst))
    print(f"  count_cases(status=in_progress), off the hot path: {counted:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--enterprises", type=int, default=50_000)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--keep", action="store_true", help="keep the workspace folder afterwards")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="hubdesk-store-bench-"))
    path = folder / "hubdesk.sqlite"
    try:
        data = build(path, args.enterprises, args.cases)
        bench_open(path)
        store = Store.open(path)
        try:
            bench_search(store, data)
            bench_lists(store)
        finally:
            store.close()
        size = sum(p.stat().st_size for p in folder.glob("hubdesk.sqlite*"))
        print(f"file size: {size / 1e6:.0f} MB ({size / max(1, args.cases):,.0f} bytes per case, all included)")
    finally:
        if args.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder)


if __name__ == "__main__":
    main()
