"""The pitfalls chapter's cases (issue 21): what its widgets show, pinned by PyTorch.

- the 2x2 grid {train, eval} x {grad, no_grad} on one batch through a fresh BatchNorm1d(3): only
  the train cells move running_mean / running_var / num_batches_tracked, no_grad or not;
- the N*H*W > 1 rule: (1, C, 1, 1), (1, C), a batch of one after global average pooling are
  refused in training, (1, C, 2, 2) trains, (2, C, 1, 1) trains with every output +-1 (0 where the
  two values are equal), and eval mode takes the batch of one;
- momentum conventions: PyTorch's m weighs the new batch, Keras's the old average; each case
  carries `keras_momentum` (1 - m) and the generator checks that Keras's update
  moving = k * moving + (1 - k) * batch_mean gives PyTorch's running_mean at every step.
"""
import torch

from golden.common import norm_case, rand, step, values

DEFAULTS = {"eps": 1e-5, "momentum": 0.1, "affine": True, "track_running_stats": True}

# The grid's batch (4, 3), the one <bn-mode-grid> shows by default.
GRID_BATCH = [1, 2, 3, 3, 4, 9, 5, 0, 0, 7, 2, 4]
# (2, 3, 1, 1): channel 2 holds two equal values, so its outputs are 0.
PAIR_BATCH = [1, -2, 4, 3, 0.5, 4]
# The momentum cases' batches (4, 1), channel mean near 2: the ones <bn-momentum-convert> starts with.
MOMENTA = [0.1, 0.01, 0.9, 0.99]
MOMENTUM_STEPS = 8


def case(cid, args, steps):
    return norm_case("batch_norm", DEFAULTS, cid, args, steps)


def no_grad(mode, x):
    return {"mode": mode, "input": x, "grad": False}


def pooled(shape, seed):
    """A (N, C, H, W) input after global average pooling: (N, C, 1, 1), as float32."""
    x = torch.tensor(rand(shape, seed, 2.0, 1.0)["data"], dtype=torch.float32).reshape(shape)
    p = torch.nn.functional.adaptive_avg_pool2d(x, 1)
    return values(list(p.shape), p.reshape(-1).tolist())


def momentum_batches():
    return [rand([4, 1], 40 + k, 1.0, 2.0) for k in range(MOMENTUM_STEPS)]


def cases():
    x = values([4, 3], GRID_BATCH)
    out = [
        case("pitfall-grid-train-grad", {"dims": 1, "num_features": 3}, [step("train", x, 7)]),
        case("pitfall-grid-train-no-grad", {"dims": 1, "num_features": 3}, [no_grad("train", x)]),
        case("pitfall-grid-eval-grad", {"dims": 1, "num_features": 3}, [step("eval", x, 7)]),
        case("pitfall-grid-eval-no-grad", {"dims": 1, "num_features": 3}, [no_grad("eval", x)]),
    ]
    one = rand([1, 3, 1, 1], 5)
    out.append(case("pitfall-nhw-1x3x1x1", {"dims": 2, "num_features": 3},
                    [{"mode": "train", "input": one}, {"mode": "eval", "input": one}]))
    out.append(case("pitfall-nhw-1x3", {"dims": 1, "num_features": 3},
                    [{"mode": "train", "input": rand([1, 3], 5)}, {"mode": "eval", "input": rand([1, 3], 5)}]))
    after_pool = pooled([1, 3, 4, 4], 6)
    out.append(case("pitfall-nhw-after-global-pool", {"dims": 2, "num_features": 3},
                    [{"mode": "train", "input": after_pool}, {"mode": "eval", "input": after_pool}]))
    out.append(case("pitfall-nhw-two-after-global-pool", {"dims": 2, "num_features": 3},
                    [step("train", pooled([2, 3, 4, 4], 6), 6)]))
    out.append(case("pitfall-nhw-1x3x2x2", {"dims": 2, "num_features": 3},
                    [step("train", rand([1, 3, 2, 2], 5), 5)]))
    out.append(case("pitfall-nhw-2x3x1x1-pm1", {"dims": 2, "num_features": 3},
                    [step("train", values([2, 3, 1, 1], PAIR_BATCH), 4)]))
    for m in MOMENTA:
        c = case(f"pitfall-momentum-{m}", {"dims": 1, "num_features": 1, "momentum": m},
                 [step("train", b) for b in momentum_batches()])
        c["keras_momentum"] = round(1 - m, 10)
        out.append(c)
    return out


def check(cases_out):
    """Keras's moving-average update with momentum 1 - m is PyTorch's with m (running_mean)."""
    for c in cases_out:
        if "keras_momentum" not in c:
            continue
        k = c["keras_momentum"]
        moving = 0.0
        for st in c["steps"]:
            batch_mean = sum(st["input"]["data"]) / len(st["input"]["data"])
            moving = k * moving + (1 - k) * batch_mean
            got = st["expect"]["running_mean"]["data"][0]
            assert abs(got - moving) <= 1e-12 * max(1.0, abs(moving)), (c["id"], got, moving)
    for c in cases_out:
        if c["id"].startswith("pitfall-grid-"):
            st = c["steps"][0]["expect"]
            moved = st["num_batches_tracked"] == 1
            assert moved == ("-train-" in c["id"]), c["id"]
        if c["id"] == "pitfall-nhw-2x3x1x1-pm1":
            out = c["steps"][0]["expect"]["output"]["data"]
            assert all(abs(abs(v) - 1) < 1e-4 or v == 0 for v in out), out
