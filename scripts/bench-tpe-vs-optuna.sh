#!/usr/bin/env bash
# Issue 17's TPE benchmark: TfNotes' samplers against Debian's Optuna 3.1 (installed here if missing; benchmark only)
# on Branin, Hartmann-6 and the notes' learning-rate/β/units mix: TPE and random search of both, plus multivariate TPE,
# and 4 parallel workers with and without constant_liar. Prints the mean and median best value after half and all of
# the trials over SEEDS seeds, and whether TfNotes' default TPE is at least as good as Optuna's on each function.
# Not a test: it takes minutes.
#
# --first-seed N starts the seeds at N (more seeds for a run made before); --functions and --samplers (comma lists of
# the names in the table) run only those.
#
#   scripts/bench-tpe-vs-optuna.sh [SEEDS=30] [TRIALS=50] [--first-seed N] [--functions F,…] [--samplers S,…]
set -euo pipefail
cd "$(dirname "$0")/.."
seeds=30 trials=50 first=0 functions=all samplers=all positional=0
while [ $# -gt 0 ]; do
  case "$1" in
    --first-seed) first="$2"; shift ;;
    --functions) functions="$2"; shift ;;
    --samplers) samplers="$2"; shift ;;
    -*) echo "usage: scripts/bench-tpe-vs-optuna.sh [SEEDS] [TRIALS] [--first-seed N] [--functions F,…] [--samplers S,…]" >&2; exit 2 ;;
    *) if [ $positional -eq 0 ]; then seeds="$1"; else trials="$1"; fi; positional=$((positional + 1)) ;;
  esac
  shift
done
scripts/apt-install.sh python3-optuna >&2
out=$(mktemp -d "${TMPDIR:-/tmp}/bench-tpe.XXXX")
echo "$seeds seeds from $first × $trials trials (functions: $functions, samplers: $samplers); raw results in $out" >&2
# One side at a time: they share the cores with nothing of each other's.
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 /usr/bin/python3 scripts/bench-tpe/optuna_side.py "$seeds" "$trials" "$first" "$functions" "$samplers" >"$out/optuna.csv"
dotnet run -c Release scripts/bench-tpe/tfnotes_side.cs -- "$seeds" "$trials" "$first" "$functions" "$samplers" >"$out/tfnotes.csv"
cat "$out/optuna.csv" "$out/tfnotes.csv" | /usr/bin/python3 scripts/bench-tpe/table.py
