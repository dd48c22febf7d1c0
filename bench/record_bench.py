"""The incremental record: time and peak memory to add 100 articles to stores of 1k and 10k.

    python bench/record_bench.py [--sizes 1000,10000] [--add 100] [--dir DIR] [--fresh]

Each store is synthetic (`web_bench.make_records`: made-up people, quotes, denials and events
at true offsets, no model), its record built once and kept in --dir (a temporary folder by
default) for the next run; --fresh builds them again. The 100 added articles continue the same
generator, so they name the stores' people and meet their claims. Each measurement copies the
store and runs in a fresh process: open the store, write the articles, `refresh_record` (what
`onrecord ingest` does once its articles are analysed, the stance model included); the
process's peak RSS (VmHWM) is read after. The analysis of the articles is not in it: it costs the
same whatever the store (see `bench/run.py`).

Last line:  record: add100_1k=N.NNs add100_10k=N.NNs ratio=N.NN peak_rss_mb=NNN
The ratio (10k/1k) must stay <= 2 and the peak <= 1024 MB.
"""
from __future__ import annotations

import argparse
import json
import pickle
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

MAX_RATIO = 2.0
MAX_RSS_MB = 1024


def build(path: Path, n: int) -> None:
    from web_bench import make_records

    from onrecord.service.record import rebuild_record
    from onrecord.store import Store

    t = time.perf_counter()
    records = make_records(n)
    with Store(path) as store:
        for k in range(0, n, 500):
            store.write(records[k:k + 500])
        done = rebuild_record(store, use_stance=False)
    print(f"store {n:,}: built in {time.perf_counter() - t:.0f}s ({done.people:,} people, {done.claims:,} claims, "
          f"{done.conflicts:,} conflicts)", flush=True)


def measure(db: Path, new: Path) -> dict:
    """In this (fresh) process: write the new articles, refresh the record; seconds and peak RSS."""
    from onrecord.service.record import refresh_record
    from onrecord.store import Store

    records = pickle.loads(new.read_bytes())
    t0 = time.perf_counter()
    with Store(db) as store:
        store.write(records)
        t1 = time.perf_counter()
        done = refresh_record(store)
    t2 = time.perf_counter()
    return {"seconds": t2 - t0, "record_s": t2 - t1, "added": done.added, "rebuilt": done.rebuilt,
            "peak_rss_mb": peak_rss_mb()}


def peak_rss_mb() -> float:
    """This process's peak RSS. VmHWM, not ru_maxrss: a child started by vfork + exec inherits
    its parent's high-water mark in ru_maxrss (here the store build's)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--add", type=int, default=100)
    ap.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "onrecord-record-bench")
    ap.add_argument("--fresh", action="store_true")
    ap.add_argument("--measure", nargs=2, type=Path, metavar=("DB", "NEW"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(*args.measure)))
        return 0

    from web_bench import make_records

    from onrecord.record.incremental import UNIT

    sizes = [int(s) for s in args.sizes.split(",")]
    args.dir.mkdir(parents=True, exist_ok=True)
    results = {}
    for n in sizes:
        store = args.dir / f"store-{n}.duckdb"
        if args.fresh or not store.exists():
            store.unlink(missing_ok=True)
            build(store, n)
        new = args.dir / f"new-{n}-{args.add}.pickle"
        new.write_bytes(pickle.dumps(make_records(n + args.add)[n:]))
        copy = args.dir / f"copy-{n}.duckdb"
        shutil.copy(store, copy)
        try:
            out = subprocess.run([sys.executable, __file__, "--measure", str(copy), str(new)], check=True,
                                 capture_output=True, text=True)
        finally:
            copy.unlink(missing_ok=True)
            Path(str(copy) + ".wal").unlink(missing_ok=True)
        r = results[n] = json.loads(out.stdout.strip().splitlines()[-1])
        assert r["added"] == args.add and not r["rebuilt"], r
        print(f"add {args.add} to {n:>6,}: {r['seconds']:.2f}s (record {r['record_s']:.2f}s), "
              f"peak RSS {r['peak_rss_mb']:.0f} MB", flush=True)
    small, large = results[sizes[0]], results[sizes[-1]]
    ratio = large["seconds"] / small["seconds"]
    peak = max(r["peak_rss_mb"] for r in results.values())
    print(f"ratio {sizes[-1]:,}/{sizes[0]:,}: {ratio:.2f}  limit {MAX_RATIO:.2f}  "
          f"{'ok' if ratio <= MAX_RATIO else 'OVER'}; peak RSS {peak:.0f} MB  limit {MAX_RSS_MB}  "
          f"{'ok' if peak <= MAX_RSS_MB else 'OVER'} (unit {UNIT} articles)")
    print(f"record: add{args.add}_{sizes[0] // 1000}k={small['seconds']:.2f}s "
          f"add{args.add}_{sizes[-1] // 1000}k={large['seconds']:.2f}s ratio={ratio:.2f} peak_rss_mb={peak:.0f}")
    return 0 if ratio <= MAX_RATIO and peak <= MAX_RSS_MB else 1


if __name__ == "__main__":
    sys.exit(main())
