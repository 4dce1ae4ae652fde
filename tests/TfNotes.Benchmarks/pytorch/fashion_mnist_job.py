"""The benchmark's jobs written as a PyTorch user writes them, run one epoch per "epoch" line read from stdin.

    OPENBLAS_NUM_THREADS=2 python3 fashion_mnist_job.py --job bn --threads 1 --data data/fashion-mnist

Jobs: "bn" (784-256-BN-ReLU-128-BN-ReLU-10, `tfnotes train --batchnorm`), "mlp" (784-256-128-10 ReLU, `tfnotes
train`), "conv" (Conv2d 32 3x3, ReLU, max-pool 2, dense head). Fashion-MNIST batches of 64 drawn with randperm +
index_select from the uint8 images, divided by 255; CrossEntropyLoss, Adam(lr=5e-4, eps=1e-7), loss and accuracy
tallied per step as a training loop prints them, then the accuracy on 1,000 test images in eval mode (as `tfnotes
train` evaluates after each epoch). Answers "RESULT <seconds> <loss> <accuracy>" per epoch and "RESULT <peak RSS
bytes>" to "rss".
"""
import argparse
import gzip
import sys
import time

import numpy as np
import torch
from torch import nn

BATCH, EVALUATION = 64, 1000


def idx(path, offset):
    with gzip.open(path, "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)


def model_for(job):
    if job == "bn":   # BatchNorm1d's momentum is 1 - Keras' momentum; bias=False: β takes the bias' place
        return nn.Sequential(nn.Linear(784, 256, bias=False), nn.BatchNorm1d(256, eps=1e-3, momentum=0.01), nn.ReLU(),
                             nn.Linear(256, 128, bias=False), nn.BatchNorm1d(128, eps=1e-3, momentum=0.01), nn.ReLU(),
                             nn.Linear(128, 10))
    if job == "mlp":
        return nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
    return nn.Sequential(nn.Unflatten(1, (1, 28, 28)), nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                         nn.Linear(32 * 13 * 13, 128), nn.ReLU(), nn.Linear(128, 10))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--job", choices=["bn", "mlp", "conv"], required=True)
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--data", required=True)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)

    images = torch.from_numpy(idx(f"{args.data}/train-images-idx3-ubyte.gz", 16).copy()).view(-1, 784)
    labels = torch.from_numpy(idx(f"{args.data}/train-labels-idx1-ubyte.gz", 8).astype(np.int64))
    test_images = torch.from_numpy(idx(f"{args.data}/t10k-images-idx3-ubyte.gz", 16).copy()).view(-1, 784)[:EVALUATION]
    test_labels = torch.from_numpy(idx(f"{args.data}/t10k-labels-idx1-ubyte.gz", 8).astype(np.int64))[:EVALUATION]
    model = model_for(args.job)
    loss_fn = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=5e-4, eps=1e-7)

    def epoch():
        model.train()
        order = torch.randperm(len(images))
        total_loss, correct = 0.0, 0
        for start in range(0, len(images), BATCH):
            batch = order[start:start + BATCH]
            x = images.index_select(0, batch).float() / 255
            y = labels.index_select(0, batch)
            logits = model(x)
            loss = loss_fn(logits, y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total_loss += loss.item() * len(batch)
            correct += (logits.argmax(1) == y).sum().item()
        model.eval()
        with torch.no_grad():
            test_accuracy = (model(test_images.float() / 255).argmax(1) == test_labels).float().mean().item()
        return total_loss / len(images), correct / len(images), test_accuracy

    for line in sys.stdin:
        command = line.strip()
        if command == "epoch":
            started = time.perf_counter()
            loss, accuracy, _ = epoch()
            print(f"RESULT {time.perf_counter() - started:.6f} {loss:.6f} {accuracy:.6f}", flush=True)
        elif command == "rss":
            with open("/proc/self/status") as status:
                peak = next(int(l.split()[1]) for l in status if l.startswith("VmHWM:"))
            print(f"RESULT {peak * 1024}", flush=True)
        elif command == "quit":
            return


if __name__ == "__main__":
    main()
