#!/usr/bin/env bash
# Issue 5's workers benchmark: `tfnotes tune` with 1 worker and with 2, run in interleaved pairs on the same study
# settings and seed (so both sides try the same trials), trials per hour from each run's trials.csv (first trial
# start → last trial end). Prints each pair's ratio and the median ratio. Not a test: the host's speed drifts.
#
#   scripts/bench-tune-workers.sh [PAIRS=3] [TRIALS=30] [EPOCHS=3]    # the README's tuning command: 30 trials, 3 epochs
set -euo pipefail
cd "$(dirname "$0")/.."
pairs=${1:-3} trials=${2:-30} epochs=${3:-3}
out=$(mktemp -d "${TMPDIR:-/tmp}/tune-workers.XXXX")
dotnet build src/TfNotes.Cli -c Release -v quiet -nologo >/dev/null
tfnotes=src/TfNotes.Cli/bin/Release/net10.0/TfNotes.Cli

# "trials/h span_s trial_s" of one run's trials.csv
rate() {
  python3 - "$1" <<'PY'
import csv, sys, datetime
rows = [r for r in csv.DictReader(open(sys.argv[1])) if r["state"] in ("COMPLETE", "PRUNED")]
t = datetime.datetime.fromisoformat  # trials_dataframe()'s columns: local times as pandas writes them
span = (max(t(r["datetime_complete"]) for r in rows) - min(t(r["datetime_start"]) for r in rows)).total_seconds()
busy = sum((t(r["datetime_complete"]) - t(r["datetime_start"])).total_seconds() for r in rows)
print(f"{len(rows) / span * 3600:.0f} {span:.1f} {busy:.1f}")
PY
}

echo "$trials trials of $epochs epochs, seed 3, $(nproc) cores; runs in $out"
ratios=()
declare -A per_hour
for pair in $(seq 1 "$pairs"); do
  for workers in 1 2; do
    run="$out/pair$pair-workers$workers"
    "$tfnotes" tune --study bench --output "$run" --workers "$workers" --trials "$trials" --epochs "$epochs" --seed 3 \
      --json >"$run.log" 2>&1 || { echo "run failed, see $run.log" >&2; exit 1; }
    read -r per_hour[$workers] span busy < <(rate "$run/trials.csv")
    echo "pair $pair, $workers worker(s): ${per_hour[$workers]} trials/h (span $span s, trials $busy s in all)"
  done
  ratios+=("$(python3 -c "print(f'{${per_hour[2]} / ${per_hour[1]}:.3f}')")")
  echo "pair $pair: 2 workers / 1 worker = ${ratios[-1]}"
done
python3 -c "import statistics, sys; r = sorted(map(float, sys.argv[1:])); print(f'median ratio {statistics.median(r):.3f} (min {r[0]:.3f}, max {r[-1]:.3f}, {len(r)} pairs); target ≥ 1.6')" "${ratios[@]}"
