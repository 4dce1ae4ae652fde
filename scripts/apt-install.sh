#!/usr/bin/env bash
# Installs the Debian packages named as arguments that are not installed yet (one `apt-get update` first, only when
# something is missing). Used by scripts/test.sh for the peers the tests run against.
#
#   scripts/apt-install.sh python3-optuna protobuf-compiler
set -euo pipefail

missing=()
for package in "$@"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ "${#missing[@]}" -eq 0 ] && exit 0

sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "apt-install.sh: installing ${missing[*]}" >&2
$sudo apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
