"""Peer test (a): Optuna 3.1 reads a study TfNotes wrote.

    python3 load_study.py STORAGE_URL STUDY EXPECTED_JSON CSV PLOT_DIR

EXPECTED_JSON is what TfNotes' own reader sees (written by the C# test); the study must read the same in Optuna:
trials, numbers, states, params, distributions, values, intermediate values (NaN kept), start times, best trial.
trials.csv must have the columns of study.trials_dataframe(), and Optuna's plots and importances must run on it.
Prints "ok" and exits 0, or raises.
"""
import json
import math
import os
import sys
import warnings

import optuna
import optuna.visualization.matplotlib as plots

url, study_name, expected_path, csv_path, plot_dir = sys.argv[1:6]
optuna.logging.set_verbosity(optuna.logging.WARNING)
warnings.filterwarnings("ignore", category=optuna.exceptions.ExperimentalWarning)
expected = json.load(open(expected_path))
study = optuna.load_study(study_name=study_name, storage=url)


def same(a, b):
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return a == b and type(a) is type(b)


assert study.direction.name == expected["direction"], (study.direction, expected["direction"])
trials = study.get_trials(deepcopy=False)
assert [t.number for t in trials] == [e["number"] for e in expected["trials"]], "trial numbers differ"
for t, e in zip(trials, expected["trials"]):
    where = f"trial {t.number}"
    assert t.state.name == e["state"], (where, t.state, e["state"])
    assert same(t.value, e["value"]), (where, t.value, e["value"])
    assert set(t.params) == set(e["params"]), (where, t.params, e["params"])
    for name, value in e["params"].items():
        assert same(t.params[name], value), (where, name, t.params[name], value)
        kind = type(t.distributions[name]).__name__
        assert kind == e["distributions"][name], (where, name, kind, e["distributions"][name])
    got = {str(step): value for step, value in t.intermediate_values.items()}
    assert set(got) == set(e["intermediate_values"]), (where, got, e["intermediate_values"])
    for step, value in e["intermediate_values"].items():
        assert same(got[step], float("nan") if value is None else value), (where, step, got[step], value)
    assert t.datetime_start.strftime("%Y-%m-%d %H:%M:%S.%f") == e["datetime_start"], (where, t.datetime_start, e["datetime_start"])
    assert t.system_attrs.get("fail_reason") == e["fail_reason"], (where, t.system_attrs, e["fail_reason"])
    assert t.user_attrs == e["user_attrs"], (where, t.user_attrs, e["user_attrs"])

# The reverse-log β: a plain float range to Optuna, with its TfNotes scale beside it.
beta = next(t for t in trials if "beta" in t.params)
assert beta.distributions["beta"] == optuna.distributions.FloatDistribution(0.9, 0.9999), beta.distributions["beta"]
assert beta.system_attrs["tfnotes:scale:beta"] == "reverse_log", beta.system_attrs

assert study.best_trial.number == expected["best_trial"], (study.best_trial.number, expected["best_trial"])

# trials.csv: the columns of trials_dataframe() (pandas is not installed here: its column rule, from the trials).
def keys(attribute):
    return sorted({k for t in trials for k in getattr(t, attribute)})

columns = ["number", "value", "datetime_start", "datetime_complete", "duration"]
columns += ["params_" + k for k in keys("params")] + ["user_attrs_" + k for k in keys("user_attrs")]
columns += ["system_attrs_" + k for k in keys("system_attrs")] + ["state"]
header = open(csv_path).readline().strip().split(",")
assert header == columns, (header, columns)

fanova = optuna.importance.FanovaImportanceEvaluator(n_trees=16, seed=0)  # 16 trees, not 64: enough to run it
for name, draw in [("history", plots.plot_optimization_history), ("intermediate", plots.plot_intermediate_values),
                   ("importances", lambda s: plots.plot_param_importances(s, evaluator=fanova)), ("slice", plots.plot_slice)]:
    axes = draw(study)
    (axes.flat[0] if hasattr(axes, "flat") else axes).figure.savefig(os.path.join(plot_dir, name + ".png"))
importances = optuna.importance.get_param_importances(study, evaluator=fanova)
assert set(importances) == {"lr", "beta", "units", "act"}, importances
assert abs(sum(importances.values()) - 1) < 1e-9, importances
print("ok", json.dumps({"trials": len(trials), "importances": importances}))
