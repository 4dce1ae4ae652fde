#!/usr/bin/env bash
# Re-executes every notebook (or those named) under Jupyter and rewrites its saved outputs, the ones the notebook
# test (tests/TfNotes.Notebooks.Tests) then expects a fresh execution to reproduce. Run it after a change that moves
# a printed number, and commit the notebooks.
#
#   scripts/refresh-notebooks.sh [notebooks/NN-name.ipynb …]
exec "$(dirname "$0")/notebooks.sh" --refresh "$@"
