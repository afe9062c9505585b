"""Baseline for `scripts/bench completion`: TAB the way a prompt_toolkit
`WordCompleter` over the same 100,000 model ids does it.

    python3 scripts/bench-completion.py IDS_FILE [--tabs N] [--toolkit-tabs N]

IDS_FILE holds the ids, one a line, and IDS_FILE.tabs the TABs armox-bench
timed (kind, line, word before the cursor; tab-separated), both written by
`armox-bench completion --emit IDS_FILE`. For each TAB (the first N, in the
same order) it times what WordCompleter's matching does, without the
Completion objects: `[w for w in words if w.startswith(word)]` with the
whitespace-separated word before the cursor (WORD=True: ids hold `/` and
`-`). With --toolkit-tabs N it also times prompt_toolkit's own
`WordCompleter(ids, WORD=True).get_completions` over the first N TABs.
Percentiles are nearest-rank, as armox-bench computes them.
"""
import statistics
import sys
import time


def percentile(values, p):
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(-(-p * len(ordered) // 1))))
    return ordered[rank - 1]


def report(name, times, kinds):
    ms = [t * 1000 for t in times]
    print(f"{name} ({len(ms)} TABs): p50 {percentile(ms, 0.5):.4f} ms, p90 {percentile(ms, 0.9):.4f} ms, "
          f"p99 {percentile(ms, 0.99):.4f} ms, max {max(ms):.3f} ms")
    by_kind = {}
    for kind, t in zip(kinds, ms):
        by_kind.setdefault(kind, []).append(t)
    for kind, values in by_kind.items():
        print(f"  {kind:<40} {len(values):5d} TABs: p50 {percentile(values, 0.5):.4f} ms, "
              f"p99 {percentile(values, 0.99):.4f} ms, max {max(values):.3f} ms")


def main():
    args = sys.argv[1:]
    path = args[0]
    limit = int(args[args.index("--tabs") + 1]) if "--tabs" in args else None
    toolkit = int(args[args.index("--toolkit-tabs") + 1]) if "--toolkit-tabs" in args else 0
    with open(path, encoding="utf-8") as ids:
        words = [line.rstrip("\n") for line in ids if line.strip()]
    with open(path + ".tabs", encoding="utf-8") as tabs:
        rows = [line.rstrip("\n").split("\t") for line in tabs if line.strip()]
    rows = rows[:limit] if limit else rows
    kinds = [row[0] for row in rows]

    for kind, line, word in rows[:500]:  # warm-up, as armox-bench does
        [w for w in words if w.startswith(word)]
    times = []
    found = 0
    clock = time.perf_counter
    for kind, line, word in rows:
        start = clock()
        matches = [w for w in words if w.startswith(word)]
        times.append(clock() - start)
        found += len(matches)
    report(f"python3 startswith scan over {len(words):,} ids", times, kinds)

    if toolkit:
        try:
            from prompt_toolkit.completion import CompleteEvent, WordCompleter
            from prompt_toolkit.document import Document
        except ImportError:
            print("prompt_toolkit WordCompleter: skipped (prompt_toolkit is not installed)")
            return
        completer = WordCompleter(words, WORD=True)
        event = CompleteEvent(completion_requested=True)
        times = []
        for kind, line, word in rows[:toolkit]:
            start = clock()
            list(completer.get_completions(Document(line), event))
            times.append(clock() - start)
        report("prompt_toolkit WordCompleter.get_completions", times, kinds[:toolkit])


main()
