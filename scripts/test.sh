#!/usr/bin/env bash
# The test command: sets up what the tests need on a fresh Debian machine, runs every test project,
# and ends with one line "N passed, N failed". Exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
trap 'rm -f "$log"' EXIT

# PostgreSQL for the tuner's multi-worker storage tests: a throwaway server on 127.0.0.1, stopped at exit.
if [ -x scripts/postgres.sh ]; then
  scripts/postgres.sh install >&2 || { echo "could not install PostgreSQL" >&2; exit 1; }
  pg_env=$(scripts/postgres.sh start) || { echo "could not start PostgreSQL" >&2; exit 1; }
  eval "$pg_env"
  export TFNOTES_REQUIRE_PG=1
  trap 'scripts/postgres.sh stop >/dev/null 2>&1; rm -f "$log"' EXIT
fi

# Debian peers the tests run against (one line per feature that needs them).
scripts/apt-install.sh protobuf-compiler python3-protobuf python3-crc32c >&2 || { echo "could not install the event file reader's peers" >&2; exit 1; }
# The installed tool's tests read Debian's copy of the data (tests/TfNotes.Packaging.Tests); the notebooks run under
# Debian's Jupyter (tests/TfNotes.Notebooks.Tests, through scripts/notebooks.sh, which installs the kernel tool).
scripts/apt-install.sh dataset-fashion-mnist jupyter-nbconvert jupyter-client >&2 || { echo "could not install the test peers" >&2; exit 1; }

dotnet build TfNotes.sln -c Debug 2>&1 | tail -n 3
status=${PIPESTATUS[0]}
if [ "$status" -ne 0 ]; then
  echo "0 passed, 1 failed"
  exit "$status"
fi

# One test project at a time: each uses both cores (libtorch's threads), so running them side by side only thrashes.
status=0
for project in tests/*.Tests/*.Tests.csproj; do
  dotnet test "$project" --no-build -c Debug 2>&1 | tee -a "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
done

# dotnet test prints one summary per test project: "Passed!  - Failed:     0, Passed:    77, Skipped: ..."
total() { grep -Eo "$1: +[0-9]+," "$log" | awk '{ n += $2 } END { print n + 0 }'; }
passed=$(total Passed)
failed=$(total Failed)
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi # a crashed or aborted test host counts
echo "${passed} passed, ${failed} failed"
exit "$status"
