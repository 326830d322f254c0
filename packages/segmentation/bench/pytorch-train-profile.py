#!/usr/bin/env python3
"""PyTorch's side of unet-train-profile.bench.ts: the same training step (the network built from the
same validated cnnkit spec by scripts/pytorch-anchor.py's SpecNet, pixel cross-entropy, Adam,
--threads threads), one warm-up step, then torch.profiler around --steps steps; prints each
operator's self CPU time per step (wall time of the operator minus its children), largest first,
and the wall time per step and the process CPU time per step. Figures, not a test.

  python3 bench/pytorch-train-profile.py --spec spec.json [--batch 8] [--steps 2] [--top 25]
"""
import argparse
import importlib.util
import os
import time

import torch
import torch.nn.functional as F
from torch.profiler import ProfilerActivity, profile

here = os.path.dirname(os.path.abspath(__file__))
anchor_path = os.path.join(here, '..', '..', '..', 'scripts', 'pytorch-anchor.py')
loader = importlib.util.spec_from_file_location('pytorch_anchor', anchor_path)
anchor = importlib.util.module_from_spec(loader)
loader.loader.exec_module(anchor)

parser = argparse.ArgumentParser()
parser.add_argument('--spec', required=True)
parser.add_argument('--batch', type=int, default=8)
parser.add_argument('--steps', type=int, default=2)
parser.add_argument('--threads', type=int, default=2)
parser.add_argument('--classes', type=int, default=2)
parser.add_argument('--top', type=int, default=25)
args = parser.parse_args()
torch.set_num_threads(args.threads)
torch.set_num_interop_threads(1)
import json

with open(args.spec) as f:
    spec = json.load(f)
h, w, c = spec['input']
model = anchor.SpecNet(spec)
model.train()
print(f'PyTorch {torch.__version__}, {torch.get_num_threads()} threads; parameters + statistics {anchor.counts(model)[0]:,}')
x = torch.randn(args.batch, c, h, w)
target = torch.randint(0, args.classes, (args.batch, h, w))
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)


def step():
    optimizer.zero_grad()
    loss = F.cross_entropy(model(x), target)
    loss.backward()
    optimizer.step()
    return loss.item()


t = time.perf_counter()
step()
print(f'warm-up step {(time.perf_counter() - t) * 1000:.0f} ms')
walls, cpus = [], []
for _ in range(args.steps):
    t, c0 = time.perf_counter(), time.process_time()
    step()
    walls.append((time.perf_counter() - t) * 1000)
    cpus.append((time.process_time() - c0) * 1000)
print('unprofiled steps: wall ' + ' '.join(f'{v:.0f}' for v in walls) + ' ms; CPU ' + ' '.join(f'{v:.0f}' for v in cpus) + ' ms')
with profile(activities=[ProfilerActivity.CPU]) as prof:
    for _ in range(args.steps):
        step()
rows = sorted(prof.key_averages(), key=lambda e: e.self_cpu_time_total, reverse=True)
total = sum(e.self_cpu_time_total for e in rows)
print(f'profiled {args.steps} steps: operators\' self time {total / 1000 / args.steps:.0f} ms per step')
for e in rows[: args.top]:
    ms = e.self_cpu_time_total / 1000 / args.steps
    print(f'{100 * e.self_cpu_time_total / total:5.1f}%  {ms:8.1f} ms  {e.count / args.steps:5.0f} calls  {e.key}')
