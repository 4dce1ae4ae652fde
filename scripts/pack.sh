#!/usr/bin/env bash
# Packs the NuGet packages into OUT (default artifacts/packages): TfNotes and TfNotes.Tuning (with .snupkg symbols),
# and the tfnotes tool for each platform in RIDS (default linux-x64; all three: "linux-x64;win-x64;osx-arm64") plus
# the small package `dotnet tool install` resolves first. Release, with source paths mapped to /_/ (deterministic).
#
#   scripts/pack.sh [OUT]                                   then: dotnet tool install TfNotes.Cli --add-source OUT …
#   RIDS="linux-x64;win-x64;osx-arm64" scripts/pack.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-artifacts/packages}")
rids=${RIDS:-linux-x64}
mkdir -p "$out"
common=(-c Release -o "$out" -p:ContinuousIntegrationBuild=true -nologo -clp:ErrorsOnly)
dotnet pack src/TfNotes "${common[@]}"
dotnet pack src/TfNotes.Tuning "${common[@]}"
dotnet pack src/TfNotes.Cli "${common[@]}" "-p:RuntimeIdentifiers=\"$rids\""
ls -1 "$out"
