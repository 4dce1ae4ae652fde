"""Interleaved epochs of TfNotes' jobs and the PyTorch peer's (each job a process of its own), paired ratios.

Run through scripts/bench-vs-pytorch.sh, which builds the benchmarks and installs the peer. Every variant runs one
warm-up epoch, then `repetitions` rounds of one epoch each, the order reversed every other round; a ratio is the
median over rounds of (this variant's epoch / the baseline's epoch in the same round), so the host's drift cancels.
"""
import argparse
import os
import statistics
import subprocess
import sys

DATA = "data/fashion-mnist"


class Variant:
    def __init__(self, group, name, threads, command, env=None):
        self.group, self.name, self.threads = group, name, threads
        self.seconds = []
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                        env={**os.environ, **(env or {})})

    def ask(self, command):
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        for line in self.process.stdout:
            if line.startswith("RESULT "):
                return line.split()[1:]
        raise RuntimeError(f"{self.name}: the worker ended before answering '{command}'")

    def epoch(self):
        return float(self.ask("epoch")[0])

    def close(self):
        self.rss = int(self.ask("rss")[0])
        self.process.stdin.write("quit\n")
        self.process.stdin.close()
        self.process.wait()


def median_min_max(values):
    return statistics.median(values), min(values), max(values)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--worker", required=True, help="the TfNotes.Benchmarks executable")
    parser.add_argument("--python", required=True, help="a python3 with torch")
    parser.add_argument("--repetitions", type=int, default=9)
    parser.add_argument("--jobs", default="bn,mlp")
    parser.add_argument("--peer-threads", default="1x2,2x1", help="PyTorch settings: torch threads x OpenBLAS threads, ...")
    parser.add_argument("--openblas-core", default="", help="OPENBLAS_CORETYPE for the peer ('' lets OpenBLAS detect)")
    args = parser.parse_args()
    jobs = args.jobs.split(",")
    peer_settings = [tuple(int(n) for n in setting.split("x")) for setting in args.peer_threads.split(",")]
    job_py = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fashion_mnist_job.py")
    data = os.path.abspath(DATA)

    def tfnotes(group, name, job, threads):
        # libtorch-cpu (TorchSharp) runs its products on its own MKL/OpenMP team: one thread count for everything.
        return Variant(group, name, f"libtorch {threads}", [args.worker, "worker", job, "--threads", str(threads), data])

    def pytorch(group, job, threads, blas):
        # torch.set_num_threads for torch's own kernels, OPENBLAS_NUM_THREADS for the products; never both on 2 cores.
        return Variant(group, f"PyTorch 1.13 ({job})", f"torch {threads}, OpenBLAS {blas}",
                       [args.python, job_py, "--job", job, "--threads", str(threads), "--data", data],
                       {"OPENBLAS_NUM_THREADS": str(blas), "OMP_NUM_THREADS": str(threads),
                        **({"OPENBLAS_CORETYPE": args.openblas_core} if args.openblas_core else {})})

    variants = []
    if "bn" in jobs:
        variants += [tfnotes("bn", "TfNotes tfnotes train --batchnorm (model.fit)", "train-bn", 1),
                     tfnotes("bn", "TfNotes tfnotes train --batchnorm (model.fit)", "train-bn", 2),
                     *(pytorch("bn", "bn", t, b) for t, b in peer_settings)]
    if "mlp" in jobs:
        variants += [tfnotes("mlp", "TfNotes tfnotes train (model.fit)", "train-mlp", 1),
                     tfnotes("mlp", "TfNotes tfnotes train (model.fit)", "train-mlp", 2),
                     tfnotes("mlp", "TfNotes tape loop (tape, Keras Adam, tf.data)", "tape-mlp", 2),
                     tfnotes("mlp", "hand-written TorchSharp (torch.optim.Adam)", "torchsharp-mlp", 2),
                     *(pytorch("mlp", "mlp", t, b) for t, b in peer_settings),
                     tfnotes("mlp", "ideal: the epoch's FLOPs as 2048³ products", "ideal-mlp", 2)]
    if "conv" in jobs:
        variants += [tfnotes("conv", "TfNotes Conv2D model (model.fit)", "train-conv", 1),
                     tfnotes("conv", "TfNotes Conv2D model (model.fit)", "train-conv", 2),
                     *(pytorch("conv", "conv", t, b) for t, b in peer_settings)]

    print(f"load average before: {' '.join(f'{l:.2f}' for l in os.getloadavg())} ({os.cpu_count()} cores)")
    print(f"{len(variants)} variants, 1 warm-up epoch each, then {args.repetitions} rounds, order reversed every other round")
    for v in variants:
        v.epoch()
    for r in range(args.repetitions):
        for v in (variants if r % 2 == 0 else variants[::-1]):
            v.seconds.append(v.epoch())
        print(f"  round {r + 1}/{args.repetitions} done, load {os.getloadavg()[0]:.2f}", file=sys.stderr, flush=True)
    for v in variants:
        v.close()
    print(f"load average after: {' '.join(f'{l:.2f}' for l in os.getloadavg())}")

    def paired(a, b):
        return median_min_max([x / y for x, y in zip(a.seconds, b.seconds)])

    def best(group, prefix):
        candidates = [v for v in variants if v.group == group and v.name.startswith(prefix)]
        return min(candidates, key=lambda v: statistics.median(v.seconds))

    for group, title in [("bn", "256-128 + batch norm, Adam, batch 64 (tfnotes train --batchnorm)"),
                         ("mlp", "MLP 784-256-128-10, Adam, batch 64"),
                         ("conv", "Conv2D 32 3×3, max-pool, dense 128, Adam, batch 64")]:
        members = [v for v in variants if v.group == group]
        if not members:
            continue
        peer = best(group, "PyTorch")
        ours = best(group, "TfNotes tfnotes train" if group != "conv" else "TfNotes Conv2D")
        print(f"\n{title}: one epoch of 60,000 images; ratios paired to PyTorch at its best setting ({peer.threads})")
        print(f"  {'variant':<48} {'threads':<20} {'s/epoch median (min–max)':<26} {'/ PyTorch (min–max)':<22} peak RSS")
        for v in members:
            m, lo, hi = median_min_max(v.seconds)
            r, rlo, rhi = paired(v, peer)
            rss = "" if "ideal" in v.name else f"{v.rss / 2**20:.0f} MiB"
            print(f"  {v.name:<48} {v.threads:<20} {m:7.3f} ({lo:.3f}–{hi:.3f})      {r:6.3f} ({rlo:.3f}–{rhi:.3f})     {rss}")
        r, rlo, rhi = paired(ours, peer)
        target = 1.0 if group == "conv" else 0.8
        print(f"  TfNotes at its best ({ours.threads}) / PyTorch at its best: {r:.3f} ({rlo:.3f}–{rhi:.3f}) (target ≤ {target}); "
              f"peak RSS {ours.rss / 2**20:.0f} vs {peer.rss / 2**20:.0f} MiB (target ≤ 1)")
        if group == "mlp":
            ideal = next(v for v in members if "ideal" in v.name)
            flops = 6.0 * 60000 * (784 * 256 + 256 * 128 + 128 * 10)
            burst = -(-flops // (2.0 * 2048 ** 3)) * 2.0 * 2048 ** 3   # the ideal run rounds up to whole products
            for v in members:
                if v is not ideal:
                    print(f"  {v.name} ({v.threads}): {paired(v, ideal)[0] * burst / flops:.2f}× the GEMM-bound ideal (target ≤ 1.5×)")


if __name__ == "__main__":
    main()
