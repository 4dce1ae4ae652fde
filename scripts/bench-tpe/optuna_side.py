"""The Optuna side of scripts/bench-tpe-vs-optuna.sh: the functions and samplers of tfnotes_side.cs, run by Debian's
Optuna 3.1 with its defaults; one CSV line per run: library,sampler,function,seed,best_after_25,best_after_50.

    python3 scripts/bench-tpe/optuna_side.py SEEDS TRIALS [FIRST_SEED] [FUNCTIONS|all] [SAMPLERS|all]
"""
import math
import sys
import time
import warnings

import optuna

seeds, trials = int(sys.argv[1]), int(sys.argv[2])
first = int(sys.argv[3]) if len(sys.argv) > 3 else 0
only_functions, only_samplers = ((sys.argv[i].split(",") if len(sys.argv) > i and sys.argv[i] != "all" else None) for i in (4, 5))
optuna.logging.set_verbosity(optuna.logging.ERROR)
warnings.filterwarnings("ignore", category=optuna.exceptions.ExperimentalWarning)


def branin(t):
    x1, x2 = t.suggest_float("x1", -5, 10), t.suggest_float("x2", 0, 15)
    b = 5.1 / (4 * math.pi ** 2)
    return (x2 - b * x1 ** 2 + 5 / math.pi * x1 - 6) ** 2 + 10 * (1 - 1 / (8 * math.pi)) * math.cos(x1) + 10


ALPHA = [1.0, 1.2, 3.0, 3.2]
A = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
P = [[0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886], [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
     [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650], [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381]]


def hartmann6(t):
    x = [t.suggest_float(f"x{i}", 0, 1) for i in range(6)]
    return -sum(ALPHA[i] * math.exp(-sum(A[i][j] * (x[j] - P[i][j]) ** 2 for j in range(6))) for i in range(4))


def lr_beta_units(t):
    lr = t.suggest_float("lr", 1e-5, 1, log=True)
    beta = 1 - t.suggest_float("one_minus_beta", 1e-4, 0.1, log=True)  # TfNotes' reverse-log β in [0.9, 0.9999]
    units = t.suggest_int("units", 8, 1024, log=True)
    return (math.log10(lr) + 3) ** 2 + (math.log10(1 - beta) + 2.5) ** 2 + (math.log2(units) - 7) ** 2 / 9


SAMPLERS = [
    ("tpe", 1, lambda s: optuna.samplers.TPESampler(seed=s)),
    ("random", 1, lambda s: optuna.samplers.RandomSampler(seed=s)),
    ("tpe_multivariate", 1, lambda s: optuna.samplers.TPESampler(seed=s, multivariate=True)),
    ("tpe_4_workers", 4, lambda s: optuna.samplers.TPESampler(seed=s)),
    ("tpe_constant_liar_4_workers", 4, lambda s: optuna.samplers.TPESampler(seed=s, constant_liar=True)),
]

for name, function in [("branin", branin), ("hartmann6", hartmann6), ("lr_beta_units", lr_beta_units)]:
    for sampler, workers, create in SAMPLERS:
        if (only_functions and name not in only_functions) or (only_samplers and sampler not in only_samplers):
            continue
        for seed in range(first, first + seeds):
            study = optuna.create_study(sampler=create(seed))
            objective = function if workers == 1 else (lambda t, f=function: (time.sleep(0.002), f(t))[1])
            study.optimize(objective, n_trials=trials, n_jobs=workers)

            def best(n):
                return min(t.value for t in study.trials if t.number < n and t.value is not None)

            print(f"optuna,{sampler},{name},{seed},{best(trials // 2)!r},{best(trials)!r}", flush=True)
