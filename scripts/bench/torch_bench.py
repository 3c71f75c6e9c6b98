#!/usr/bin/python3
"""PyTorch's CPU timings for the benchmark's kernels and sizes, on one thread.

usage: /usr/bin/python3 scripts/bench/torch_bench.py [--quick] [--only SUBSTRING]
Prints {"results": [{"name", "min_s", "median_s"}]} like cpp/bench/kernel_bench.cpp.
"""
import json
import sys
import time

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
QUICK = "--quick" in sys.argv
ONLY = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else ""


def measure(name, f, results, clock=time.perf_counter):
    if ONLY and ONLY not in name:
        return
    # warmed up as long as the Wasm and JS sides
    warm_until = time.perf_counter() + (0.01 if QUICK else 0.1)
    f()
    while time.perf_counter() < warm_until:
        f()
    times, total = [], 0.0
    min_reps, max_reps, min_seconds = (3, 10, 0.05) if QUICK else (7, 1000, 0.4)
    while len(times) < max_reps and (len(times) < min_reps or total < min_seconds):
        t0 = clock()
        f()
        dt = clock() - t0
        times.append(dt)
        total += dt
    times.sort()
    results.append({"name": name, "min_s": times[0], "median_s": times[len(times) // 2]})
    print(f"  {name:44s} min {times[0]:.3g} s", file=sys.stderr)


def main():
    results = []
    big768, big4096 = (64 << 20) // 4 // 768, (64 << 20) // 4 // 4096
    with torch.no_grad():
        x = torch.randn(64 << 20 >> 2)
        y = torch.empty_like(x)
        measure("copy@64MB", lambda: y.copy_(x), results)
        for rows, cols in [(64, 768), (big768, 768), (16, 4096), (big4096, 4096)]:
            x = torch.randn(rows, cols)
            w, b = torch.randn(cols), torch.randn(cols)
            measure(f"layer_norm_forward@{rows}x{cols}",
                    lambda x=x, w=w, b=b, cols=cols: F.layer_norm(x, (cols,), w, b, 1e-5), results)
        x4 = torch.randn(32, 64, 56, 56)
        w, b = torch.randn(64), torch.randn(64)
        rm, rv = torch.zeros(64), torch.ones(64)
        measure("batch_norm_train_forward@32x64x56x56",
                lambda: F.batch_norm(x4, rm, rv, w, b, True, 0.1, 1e-5), results)
        measure("group_norm_forward@32x64x56x56", lambda: F.group_norm(x4, 32, w, b, 1e-5), results)

    x = torch.randn(big768, 768, requires_grad=True)
    w = torch.randn(768, requires_grad=True)
    y = F.layer_norm(x, (768,), w, None, 1e-5)
    g = torch.randn(big768, 768)
    measure(f"layer_norm_backward@{big768}x768",
            lambda: torch.autograd.grad(y, (x, w), g, retain_graph=True), results)

    # one training step of the training lab's default network (kernel_bench.cpp's bench_train_step)
    for norm in ["none", "bn", "gn"]:
        def norm_layer(channels, norm=norm):
            if norm == "bn":
                return [torch.nn.BatchNorm2d(channels)]
            if norm == "gn":
                return [torch.nn.GroupNorm(4, channels)]
            return []
        torch.manual_seed(0)
        model = torch.nn.Sequential(
            torch.nn.Conv2d(1, 16, 3, padding=1), *norm_layer(16), torch.nn.ReLU(),
            torch.nn.Conv2d(16, 32, 3, padding=1), *norm_layer(32), torch.nn.ReLU(),
            torch.nn.AvgPool2d(2), torch.nn.Flatten(), torch.nn.Linear(512, 10))
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
        xb = torch.randn(32, 1, 8, 8)
        tb = torch.arange(32) * 7 % 10

        def train_step(model=model, opt=opt, xb=xb, tb=tb):
            opt.zero_grad()
            F.cross_entropy(model(xb), tb).backward()
            opt.step()

        # CPU seconds, as kernel_bench.cpp times its training steps
        measure(f"train_step@cnn8x8-{norm}@32", train_step, results, time.process_time)

    for name, n, make in [
        ("adam_step@1M", 1 << 20, lambda p: torch.optim.Adam([p], lr=1e-3, foreach=False)),
        ("adam_step@16M", 16 << 20, lambda p: torch.optim.Adam([p], lr=1e-3, foreach=False)),
        ("adamw_step@16M", 16 << 20, lambda p: torch.optim.AdamW([p], lr=1e-3, foreach=False)),
        ("sgd_momentum_step@16M", 16 << 20,
         lambda p: torch.optim.SGD([p], lr=0.01, momentum=0.9, foreach=False)),
    ]:
        p = torch.randn(n, requires_grad=True)
        p.grad = torch.randn(n)
        opt = make(p)
        measure(name, opt.step, results)
    print(json.dumps({"results": results}))


if __name__ == "__main__":
    main()
