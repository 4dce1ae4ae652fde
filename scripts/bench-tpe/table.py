"""Prints scripts/bench-tpe-vs-optuna.sh's table from the CSV lines of both sides (stdin)."""
import collections
import statistics
import sys

runs = collections.defaultdict(list)
for line in sys.stdin:
    library, sampler, function, seed, at_half, at_end = line.strip().split(",")
    runs[(function, sampler, library)].append((float(at_half), float(at_end)))

functions = list(dict.fromkeys(k[0] for k in runs))
samplers = list(dict.fromkeys(k[1] for k in runs))
n = len(next(iter(runs.values())))
print(f"best value found (lower is better), {n} seeds; columns: after half the trials and after all of them")
print(f"{'function':<14} {'sampler':<28} {'library':<8} {'mean@half':>10} {'median@half':>11} {'mean@all':>9} {'±se':>7} {'median@all':>10}")
verdicts = []
for function in functions:
    for sampler in samplers:
        for library in ("optuna", "tfnotes"):
            values = runs.get((function, sampler, library))
            if not values:
                continue
            half, end = [v[0] for v in values], [v[1] for v in values]
            se = statistics.stdev(end) / len(end) ** 0.5
            print(f"{function:<14} {sampler:<28} {library:<8} {statistics.mean(half):>10.4f} {statistics.median(half):>11.4f} "
                  f"{statistics.mean(end):>9.4f} {se:>7.4f} {statistics.median(end):>10.4f}")
        both = [runs.get((function, sampler, lib)) for lib in ("optuna", "tfnotes")]
        if sampler == "tpe" and all(both):
            (o, so), (t, st) = ((statistics.mean(e), statistics.stdev(e) / len(e) ** 0.5)
                                for e in ([v[1] for v in runs[(function, sampler, lib)]] for lib in ("optuna", "tfnotes")))
            gap = (t - o) / (so ** 2 + st ** 2) ** 0.5
            verdicts.append(f"{function}: TfNotes' default TPE mean best {t:.4f} vs Optuna's {o:.4f} "
                            f"({'≤, met' if t <= o else 'behind'}; difference {gap:+.1f} standard errors)")
print()
print("\n".join(verdicts))
