"""Throughput of onrecord on this machine: bare spaCy parsing vs the whole pipeline, 1 vs N workers, Ray.

    python bench/run.py --shared ../shared          (= make bench)

Corpus: the PolNeAR dev texts (84 US political news articles, ~800 words each) in file-name
order, repeated to --articles articles (default 84: each once); generated wire-style stories
when ../shared is absent (the output says which). Every measurement runs the same Articles,
built (boilerplate detection included) before any timing, after a warm-up, on one BLAS thread
per process. Each is the best of --repeat runs.

Measured, all in one run:
  parse        nlp.pipe over the texts: the pinned model as shipped (spacy.load), every component, one process
  pipeline     run.local.run(workers=1): parse + entities + attribution + events, one process
  workers N    run.local.run on a warm pool of N processes (one model each)
  ray N        run.ray.run on N warm actors of a local Ray
  stages       per-stage cost on a sample (parse, entities, attribution, events), and the
               transformer tagger's share of attribution (0 when the linear models run alone)
  record       bench/record_bench.py: 100 articles added to the record of 1k and 10k-article
               synthetic stores (time, 10k/1k ratio <= 2, peak RSS <= 1 GB; --no-record skips it)
The last line is the summary the floors are checked against:
  bench: pipeline/parse=0.NN workers2/1=N.NN ray/local=0.NN peak_rss_mb=NNN
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import time
from pathlib import Path

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

# pipeline/parse: 0.60 since the attribution transformer ships (issue 15; 0.70 before it).
FLOORS = {"pipeline/parse": 0.60, "workers2/1": 1.80, "ray/local": 0.85}
MAX_RSS_MB = 1024


def corpus(shared: Path, n: int) -> tuple[list[str], str]:
    folder = shared / "data" / "polnear" / "dev" / "text"
    files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    if files:
        texts = [p.read_text(encoding="utf-8") for p in files]
        label = f"PolNeAR dev texts ({len(texts)} files) repeated to {n} articles"
    else:
        texts = [_generated(i) for i in range(84)]
        label = f"generated wire stories (../shared absent) repeated to {n} articles"
    return [texts[i % len(texts)] for i in range(n)], label


def _generated(i: int) -> str:
    r = random.Random(i)
    people = ["John Smith", "Maria Lopez", "Ahmed Karimi", "Li Wei", "Anna Petrova", "David Okafor"]
    places = ["Russia", "China", "Iran", "France", "Brazil", "Nigeria", "Japan", "Turkey"]
    lines = []
    for _ in range(40):
        a, b = r.sample(people, 2)
        c, d = r.sample(places, 2)
        lines.append(r.choice([
            f"{a} said on Tuesday that {c} would impose new sanctions on {d}.",
            f'"We will not accept this," {a.split()[-1]} told reporters in {c}.',
            f"According to officials in {c}, the talks with {d} stalled last week.",
            f"{b} denied the claims and accused {d} of violating the ceasefire.",
            f"Protesters gathered outside the embassy of {c} in {d}, police said.",
        ]))
    return " ".join(lines)


def words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def best(repeat: int, fn, cpu=None) -> tuple[float, float]:  # noqa: ANN001
    """(wall seconds, CPU seconds) of the fastest of `repeat` runs; CPU from `cpu()` (default: this process)."""
    cpu = cpu or time.process_time
    runs = []
    for _ in range(repeat):
        t, c = time.perf_counter(), cpu()
        fn()
        runs.append((time.perf_counter() - t, cpu() - c))
    return min(runs)


def proc_cpu_s(pids: list[int]) -> float:
    """User + system CPU seconds of live processes (Linux /proc; 0 where unknown)."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
        except (OSError, IndexError, ValueError):
            pass
    return total


def self_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def proc_peak_rss_mb(pid: int) -> float:
    """VmHWM (peak resident set) of a live process, Linux; 0 where unknown."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def stage_profile(articles, sample: int) -> dict[str, float]:  # noqa: ANN001
    """Seconds per stage over the first `sample` articles (the pipeline's own stage functions)."""
    from onrecord.text import nlp
    from onrecord.attribution import find_attributions
    from onrecord.entities import find_entities
    from onrecord.events import find_events

    import onrecord.attribution as attribution

    arts = articles[:sample]
    cost = {"parse": 0.0, "entities": 0.0, "attribution": 0.0, "events": 0.0}
    # The transformer's share of the attribution stage (zero when only the linear models run).
    tagger = [0.0]
    tag_doc = attribution.tag_doc

    def timed_tag_doc(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        t = time.perf_counter()
        try:
            return tag_doc(*args, **kwargs)
        finally:
            tagger[0] += time.perf_counter() - t

    attribution.tag_doc = timed_tag_doc
    t = time.perf_counter()
    docs = list(nlp.parse([nlp.mask(a.text, a.ignored) for a in arts]))
    cost["parse"] = time.perf_counter() - t
    for article, doc in zip(arts, docs):
        t0 = time.perf_counter()
        ents = find_entities(doc)
        t1 = time.perf_counter()
        attrs = find_attributions(doc, ents)
        t2 = time.perf_counter()
        find_events(doc, ents, attrs, published=article.meta.published)
        t3 = time.perf_counter()
        cost["entities"] += t1 - t0
        cost["attribution"] += t2 - t1
        cost["events"] += t3 - t2
    attribution.tag_doc = tag_doc
    cost["tagger"] = tagger[0]
    return cost


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--articles", type=int, default=84, help="corpus size (fixed across measurements)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--chunk", type=int, default=2, help="articles per task sent to a worker")
    ap.add_argument("--repeat", type=int, default=1, help="best of R runs per measurement")
    ap.add_argument("--profile", type=int, default=16, help="articles in the per-stage profile (0: skip)")
    ap.add_argument("--no-ray", action="store_true")
    ap.add_argument("--no-record", action="store_true", help="skip the incremental record line")
    args = ap.parse_args(argv)
    start = time.perf_counter()

    from onrecord.text import nlp
    from onrecord.ingest.text import article_from_text
    from onrecord.run.local import LocalPool, one_thread, run

    one_thread()
    texts, label = corpus(args.shared, args.articles)
    articles = [article_from_text(t, id=f"bench-{i}") for i, t in enumerate(texts)]
    masked = [nlp.mask(a.text, a.ignored) for a in articles]
    n, nw = len(articles), words(masked)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load1 = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    model = nlp.load()
    print(f"corpus: {label}: {n} articles, {nw:,} words")
    print(f"machine: {cores} cores, load average {load1:.2f}; model {nlp.MODEL_NAME} "
          f"{model.meta.get('version')}; onrecord's pipeline: {', '.join(model.pipe_names)}")
    if load1 > cores * 0.5:
        print(f"warning: the machine is busy (load {load1:.1f} on {cores} cores): ratios will be noisy")
    warm = articles[: min(8, n)]

    def rate(seconds: float, cpu: float, procs: int = 1) -> str:
        busy = cpu / (seconds * procs) if seconds else 0
        note = "" if busy > 0.9 else "  <- busy machine: the processes got only this share of their cores"
        return (f"{nw / seconds:8,.0f} words/s {n / seconds:6.2f} articles/s ({seconds:.1f}s wall, "
                f"{cpu:.1f}s CPU, {busy:.0%} of {procs} core{'s' if procs > 1 else ''}){note}")

    # 1. The whole pipeline, one process (first: its peak RSS is not the bare model's too).
    list(run(warm, workers=1))
    t_one, c_one = best(args.repeat, lambda: list(run(articles, workers=1, chunk_size=args.chunk)))
    rss_main = self_rss_mb()

    # 2. Bare parsing: the pinned model as shipped (spacy.load; without onrecord's own
    # components), every component, one process.
    import spacy

    bare = spacy.load(nlp.MODEL_NAME)
    list(bare.pipe(masked[:8]))

    def parse() -> None:
        with bare.memory_zone():
            for _ in bare.pipe(masked, batch_size=32):
                pass

    t_parse, c_parse = best(args.repeat, parse)
    del bare
    print(f"parse       1 process : {rate(t_parse, c_parse)}")
    print(f"pipeline    1 process : {rate(t_one, c_one)}")

    # 3. N local workers, warm.
    with LocalPool(args.workers) as pool:
        pool.warm(warm[:2])
        t_local, c_local = best(args.repeat, lambda: list(run(articles, pool=pool, chunk_size=args.chunk)),
                                cpu=lambda: proc_cpu_s(pool.pids()))
        rss_local = [proc_peak_rss_mb(pid) for pid in pool.pids()]
    print(f"pipeline {args.workers:>2} workers : {rate(t_local, c_local, args.workers)}; peak RSS per worker "
          f"{', '.join(f'{m:.0f}' for m in rss_local)} MB")

    # 4. The same through a local Ray, warm actors.
    t_ray, rss_ray = None, []
    if not args.no_ray:
        try:
            from onrecord.run.ray import ActorPool, RaySession, require_ray, run as ray_run

            require_ray()
            t = time.perf_counter()
            with RaySession(num_cpus=args.workers):
                actors = ActorPool(args.workers)
                list(ray_run(warm[:4], pool=actors, chunk_size=1))
                print(f"ray: started {args.workers} actors in {time.perf_counter() - t:.1f}s")
                t_ray, c_ray = best(args.repeat, lambda: list(ray_run(articles, pool=actors, chunk_size=args.chunk)),
                                    cpu=lambda: sum(actors.cpu_s()))
                rss_ray = actors.peak_rss_mb()
                actors.close()
            print(f"ray      {args.workers:>2} actors  : {rate(t_ray, c_ray, args.workers)}; peak RSS per actor "
                  f"{', '.join(f'{m:.0f}' for m in rss_ray)} MB")
        except Exception as exc:  # Ray missing or failing: say so, keep the rest
            print(f"ray: not measured ({type(exc).__name__}: {str(exc).splitlines()[0]})")

    # 5. Where the pipeline's time goes.
    if args.profile:
        from onrecord.attribution.transformer import model_name

        cost = stage_profile(articles, min(args.profile, n))
        tagger = cost.pop("tagger")
        total = sum(cost.values())
        k = min(args.profile, n)
        print(f"stages over {k} articles: " + ", ".join(
            f"{name} {sec / k * 1000:.0f} ms/article ({sec / total:.0%})" for name, sec in cost.items())
            + f"; of attribution, the transformer tagger {tagger / k * 1000:.0f} ms/article ({tagger / total:.0%}, "
              f"model: {model_name()})")
        stages = total - cost["parse"]
        print(f"stages add {stages / cost['parse']:.0%} to parsing: pipeline/parse from the profile "
              f"{cost['parse'] / total:.2f}")

    cpu_note = (f"on CPU time (what a busy machine cannot skew): pipeline/parse={c_parse / c_one:.2f}; "
                f"workers{args.workers}/1 at most {args.workers * c_one / c_local:.2f} "
                f"(each worker on a core of its own)")
    if t_ray:
        cpu_note += f"; ray/local {c_local / c_ray:.2f}"
    print(cpu_note)
    ratio_pipe = t_parse / t_one
    ratio_workers = t_one / t_local
    ratio_ray = (t_local / t_ray) if t_ray else 0.0
    peak = max([rss_main, *rss_local, *rss_ray])
    print(f"peak RSS: 1 process {rss_main:.0f} MB, local workers {max(rss_local, default=0):.0f} MB, "
          f"ray actors {max(rss_ray, default=0):.0f} MB")
    results = {"pipeline/parse": ratio_pipe, f"workers{args.workers}/1": ratio_workers, "ray/local": ratio_ray}
    for name, value in results.items():
        floor = FLOORS.get(name)
        if floor is not None:
            print(f"{name:15} {value:5.2f}  floor {floor:.2f}  {'ok' if value >= floor else 'BELOW FLOOR'}")
    print(f"{'peak_rss_mb':15} {peak:5.0f}  limit {MAX_RSS_MB}  {'ok' if peak <= MAX_RSS_MB else 'OVER LIMIT'}")
    if not args.no_record:
        import subprocess

        # Its own processes: each measurement's peak RSS is the record step's alone.
        sys.stdout.flush()
        subprocess.run([sys.executable, str(ROOT / "bench" / "record_bench.py")], check=False)
    print(f"bench took {time.perf_counter() - start:.0f}s")
    print(f"bench: pipeline/parse={ratio_pipe:.2f} workers{args.workers}/1={ratio_workers:.2f} "
          f"ray/local={ratio_ray:.2f} peak_rss_mb={peak:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
