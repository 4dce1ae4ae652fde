#!/usr/bin/env bash
# Executes notebooks with the real Jupyter client: Debian's jupyter-nbconvert and jupyter-client, and the
# Microsoft.dotnet-interactive kernel (the NuGet tool, installed once under ~/.cache/tfnotes), bound to 127.0.0.1.
#
#   scripts/notebooks.sh --out DIR [NOTEBOOK.ipynb …]   executed copies into DIR (the saved notebooks stay as they are)
#   scripts/notebooks.sh --refresh [NOTEBOOK.ipynb …]   rewrites the saved outputs (= scripts/refresh-notebooks.sh)
#
# Default: every notebooks/*.ipynb. The runs are made processor-independent so that the saved outputs reproduce on
# any machine of this kind: libtorch on one thread (OMP/MKL), MKL's conditional numerical reproducibility at AVX2
# (MKL_CBWR), and ATen's and oneDNN's kernels capped at AVX2 (a machine with AVX-512 would otherwise pick others).
# Kernel noise is dropped from the written notebooks: the JavaScript probe .NET Interactive writes into the first
# output, its "Loading extensions from <path>" line (it names this machine's NuGet folder) and nbconvert's per-cell
# execution timestamps.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

out="" refresh=0 notebooks=()
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=$(realpath -m "$2"); shift 2 ;;
    --refresh) refresh=1; shift ;;
    -*) echo "notebooks.sh: unknown option $1" >&2; exit 2 ;;
    *) notebooks+=("$(realpath "$1")"); shift ;;
  esac
done
if [ "$refresh" -eq 0 ] && [ -z "$out" ]; then echo "notebooks.sh: give --out DIR or --refresh" >&2; exit 2; fi
[ "${#notebooks[@]}" -gt 0 ] || notebooks=("$repo"/notebooks/*.ipynb)

scripts/apt-install.sh jupyter-nbconvert jupyter-client >&2

version=1.0.712001
tools=${XDG_CACHE_HOME:-$HOME/.cache}/tfnotes/dotnet-interactive-$version
if [ ! -x "$tools/dotnet-interactive" ]; then
  dotnet tool install Microsoft.dotnet-interactive --version "$version" --tool-path "$tools" >&2
fi

jupyter_dir=$(mktemp -d)
trap 'rm -rf "$jupyter_dir"' EXIT
mkdir -p "$jupyter_dir/kernels/.net-csharp"
cat > "$jupyter_dir/kernels/.net-csharp/kernel.json" <<JSON
{
  "argv": ["$tools/dotnet-interactive", "jupyter", "--default-kernel", "csharp", "{connection_file}", "--http-local-only"],
  "display_name": ".NET (C#)",
  "language": "C#"
}
JSON
export JUPYTER_PATH="$jupyter_dir" JUPYTER_RUNTIME_DIR="$jupyter_dir/runtime" JUPYTER_CONFIG_DIR="$jupyter_dir/config"
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 MKL_CBWR=AVX2 ATEN_CPU_CAPABILITY=avx2 ONEDNN_MAX_CPU_ISA=AVX2
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

[ -n "$out" ] && mkdir -p "$out"
status=0
for notebook in "${notebooks[@]}"; do
  name=$(basename "$notebook")
  target=${out:+$out/$name}
  target=${target:-$notebook}
  started=$SECONDS
  if (cd "$(dirname "$notebook")" && jupyter nbconvert --to notebook --execute "$notebook" --output "$target" \
        --ExecutePreprocessor.kernel_name=.net-csharp --ExecutePreprocessor.timeout=600 --log-level=WARN) \
        > "$jupyter_dir/log" 2>&1; then
    python3 - "$target" <<'PY'
import json, sys
path = sys.argv[1]
notebook = json.load(open(path, encoding="utf-8"))
def noise(output):
    data = output.get("data", {})
    return "dotnet-interactive-this-cell" in "".join(data.get("text/html", "")) \
        or "".join(data.get("text/plain", "")).startswith("Loading extensions from ")
for cell in notebook["cells"]:
    if cell["cell_type"] == "code":
        cell["outputs"] = [o for o in cell["outputs"] if not noise(o)]
        cell["metadata"].pop("execution", None)  # nbconvert's timestamps: a diff on every refresh
with open(path, "w", encoding="utf-8") as f:
    json.dump(notebook, f, indent=1, ensure_ascii=False)
    f.write("\n")
PY
    echo "$name: executed in $((SECONDS - started)) s -> $target"
  else
    status=1
    echo "$name: FAILED after $((SECONDS - started)) s" >&2
    grep -v -E "^(info|warn): |^      " "$jupyter_dir/log" | tail -n 40 >&2
  fi
done
exit "$status"
