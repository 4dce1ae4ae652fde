"""Peer tests (b) and (c): Optuna 3.1 on the study `tfnotes tune` runs, with the same search space.

    python3 optuna_mlp.py write  STORAGE_URL STUDY N   # N trials by Optuna's TPE with pruning, before TfNotes goes on
    python3 optuna_mlp.py worker STORAGE_URL STUDY N   # an Optuna worker beside a TfNotes one, until N trials are finished
    python3 optuna_mlp.py check  STORAGE_URL STUDY N   # Optuna reads the study: N finished, numbers 0.. without gaps

The objective stands in for the MLP (no training: a smooth score of the parameters), reports two steps and can be
pruned. Prints one JSON line of what happened.
"""
import json
import math
import sys
import time

import optuna

mode, url, study_name, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
optuna.logging.set_verbosity(optuna.logging.WARNING)
FINISHED = (optuna.trial.TrialState.COMPLETE, optuna.trial.TrialState.PRUNED)


def suggest(trial):
    # tfnotes tune's space with the tests' --hidden 4:8 (beta_1 is reverse-log in TfNotes: a plain float here).
    return dict(
        learning_rate=trial.suggest_float("learning_rate", 1e-4, 1e-1, log=True),
        beta_1=trial.suggest_float("beta_1", 0.8, 0.999),
        hidden_1=trial.suggest_int("hidden_1", 4, 8, log=True),
        hidden_2=trial.suggest_int("hidden_2", 4, 8, log=True),
        batch_size=trial.suggest_categorical("batch_size", [32, 64, 128, 256]),
        batch_norm=trial.suggest_categorical("batch_norm", [False, True]),
    )


def accuracy(p, step):
    closeness = math.exp(-((math.log10(p["learning_rate"]) + 2.5) ** 2)) * (0.9 + 0.1 * p["batch_norm"])
    return 0.5 + 0.4 * closeness * (step + 1) / 2


def objective(trial, pause=0.0):
    p = suggest(trial)
    trial.set_user_attr("worker", "optuna")
    for step in (1, 2):
        time.sleep(pause)
        trial.report(accuracy(p, step), step)
        if trial.should_prune():
            raise optuna.TrialPruned()
    return accuracy(p, 2)


if mode == "write":
    study = optuna.create_study(study_name=study_name, storage=url, direction="maximize", load_if_exists=True,
                                sampler=optuna.samplers.TPESampler(seed=1, n_startup_trials=3),
                                pruner=optuna.pruners.MedianPruner(n_startup_trials=2))
    study.optimize(objective, n_trials=n)
elif mode == "worker":
    study = optuna.load_study(study_name=study_name, storage=url, sampler=optuna.samplers.TPESampler(seed=2))
    print("ready", flush=True)
    while True:
        trial = study.ask()
        # Never overshoot: stop when the trials before this one, finished or running, already make N.
        before = [t for t in study.get_trials(deepcopy=False) if t.number < trial.number
                  and (t.state in FINISHED or t.state == optuna.trial.TrialState.RUNNING)]
        if len(before) >= n:
            study.tell(trial, state=optuna.trial.TrialState.FAIL)
            break
        try:
            study.tell(trial, objective(trial, pause=0.5))
        except optuna.TrialPruned:
            study.tell(trial, state=optuna.trial.TrialState.PRUNED)
else:
    study = optuna.load_study(study_name=study_name, storage=url)

trials = study.get_trials(deepcopy=False)
finished = [t for t in trials if t.state in FINISHED]
numbers = sorted(t.number for t in trials)
assert numbers == list(range(len(trials))), numbers
if mode == "check":
    assert len(finished) == n, (len(finished), n)
print(json.dumps({"mode": mode, "trials": len(trials), "finished": len(finished),
                  "pruned": sum(t.state == optuna.trial.TrialState.PRUNED for t in trials),
                  "by_optuna": sum(t.user_attrs.get("worker") == "optuna" for t in trials)}))
