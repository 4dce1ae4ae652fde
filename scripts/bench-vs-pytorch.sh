#!/usr/bin/env bash
# TfNotes against PyTorch 1.13 (Debian's python3-torch with OpenBLAS) on the same jobs, side by side: seconds per
# epoch, paired ratios, peak RSS and the thread settings of both. Installs the peer if missing (benchmark only: the
# test command never needs it). Takes ~10 minutes on a quiet 2-core machine; --quick runs 5 rounds instead of 9.
# PyTorch runs at each --peer-threads setting TORCHxOPENBLAS (default 1x2,2x1: torch.set_num_threads and
# OPENBLAS_NUM_THREADS, never 2x2, which oversubscribes the 2 cores); on a loaded host 2x1 can take minutes an epoch.
#
#   scripts/bench-vs-pytorch.sh [--quick] [--jobs bn,mlp,conv] [--peer-threads 1x2,2x1]
set -euo pipefail
cd "$(dirname "$0")/.."

repetitions=9 jobs=bn,mlp peer=1x2,2x1
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) repetitions=5 ;;
    --jobs) jobs="$2"; shift ;;
    --peer-threads) peer="$2"; shift ;;
    *) echo "usage: scripts/bench-vs-pytorch.sh [--quick] [--jobs bn,mlp,conv] [--peer-threads 1x2,2x1]" >&2; exit 2 ;;
  esac
  shift
done

scripts/apt-install.sh python3-torch libopenblas0-pthread
python=/usr/bin/python3   # Debian's interpreter: python3-torch is installed for it, not for a pyenv or venv one
"$python" -c "import torch" || { echo "bench-vs-pytorch.sh: $python cannot import torch" >&2; exit 1; }
log=$(mktemp)
dotnet build tests/TfNotes.Benchmarks -c Release -nologo >"$log" 2>&1 || { grep -E " error " "$log" | sort -u >&2; exit 1; }
rm -f "$log"
worker=tests/TfNotes.Benchmarks/bin/Release/net10.0/TfNotes.Benchmarks
[ -x "$worker" ] || { echo "bench-vs-pytorch.sh: the build left no $worker" >&2; exit 1; }

# OpenBLAS 0.3.21 picks its kernels from the CPU's model number, and a virtual machine that reports a generic
# "Intel Xeon Processor" gets the SSE3 "Prescott" kernels (4x slower products here). The peer runs with the kernels
# the CPU's feature flags allow, the setting a PyTorch user on this machine would want; OPENBLAS_CORETYPE overrides.
detected=$(OPENBLAS_VERBOSE=2 OPENBLAS_NUM_THREADS=1 "$python" -c "import torch; torch.ones(2, 2) @ torch.ones(2, 2)" 2>&1 | sed -n 's/^Core: //p' | head -1)
flags=$(grep -m1 '^flags' /proc/cpuinfo)
case "$flags" in
  *avx512_bf16*) core=Cooperlake ;;
  *avx512f*) core=SkylakeX ;;
  *avx2*) core=Haswell ;;
  *) core=$detected ;;
esac
core=${OPENBLAS_CORETYPE:-$core}
echo "OpenBLAS kernels: '${detected:-unknown}' detected by OpenBLAS itself; the peer runs with OPENBLAS_CORETYPE=$core"
echo "TfNotes $(git rev-parse --short HEAD), PyTorch $("$python" -c 'import torch; print(torch.__version__)'), $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
"$python" tests/TfNotes.Benchmarks/pytorch/compare.py --worker "$worker" --python "$python" --repetitions "$repetitions" --jobs "$jobs" --peer-threads "$peer" --openblas-core "$core"
