"""InstanceNorm1d/2d/3d cases: batched and unbatched inputs, affine and running statistics
(averaged over the batch as F.instance_norm does), eval with and without them, the channel
mismatch PyTorch 1.13 computes through, momentum=None, the numerically hard rows, empty inputs,
and every input PyTorch refuses."""
from golden.common import (affine_params, const, dims_id, evaluate, norm_case, refused,
                           step, train, values)

SEEDS = [7, 11, 23]


DEFAULTS = {"eps": 1e-5, "momentum": 0.1, "affine": False, "track_running_stats": False}


def case(cid, args, steps, params=None):
    return norm_case("instance_norm", DEFAULTS, cid, args, steps, params)


# (dims, a batched shape, an unbatched shape of the same channels)
SHAPES = [
    (1, [2, 3, 5], [3, 7]),
    (1, [3, 5, 17], [5, 40]),
    (2, [2, 3, 4, 4], [3, 3, 5]),
    (2, [1, 5, 3, 7], [5, 2, 2]),
    (3, [2, 2, 2, 3, 4], [2, 3, 3, 3]),
    (3, [3, 3, 1, 1, 2], [3, 2, 1, 3]),
]


def cases():
    out = []
    for seed in SEEDS:
        for dims, shape, unbatched in SHAPES:
            c = shape[1]
            sid = f"in{dims}d-{dims_id(shape)}-s{seed}"
            out.append(case(sid, {"dims": dims, "num_features": c},
                            [train(shape, seed), evaluate(shape, seed + 1), train(unbatched, seed + 2)]))
            out.append(case(sid + "-affine", {"dims": dims, "num_features": c, "affine": True},
                            [train(shape, seed + 3, scale=2.0, shift=1.0), evaluate(unbatched, seed + 4)],
                            affine_params(c, seed)))
            out.append(case(sid + "-running-stats", {"dims": dims, "num_features": c, "affine": True,
                                                     "track_running_stats": True},
                            [train(shape, seed + 5), train(unbatched, seed + 6, shift=0.5),
                             evaluate(shape, seed + 7), evaluate(unbatched, seed + 8),
                             train(shape, seed + 9, scale=3.0)],
                            affine_params(c, seed + 10)))
        out.append(case(f"in-momentum-half-s{seed}", {"dims": 2, "num_features": 3, "momentum": 0.5,
                                                      "track_running_stats": True},
                        [train([2, 3, 2, 2], seed), train([3, 2, 2], seed + 1), evaluate([2, 3, 2, 2], seed + 2)]))
        # mean 1e4, std 1e-2
        out.append(case(f"in-cancellation-s{seed}", {"dims": 1, "num_features": 3, "affine": True},
                        [train([2, 3, 64], seed, scale=1e-2, shift=1e4),
                         train([3, 5], seed + 1, scale=1e-2, shift=1e4)]))
        out.append(case(f"in-cancellation-running-s{seed}", {"dims": 2, "num_features": 2,
                                                             "track_running_stats": True},
                        [train([2, 2, 4, 4], seed, scale=1e-2, shift=1e4),
                         evaluate([2, 2, 4, 4], seed + 1, scale=1e-2, shift=1e4)]))
        out.append(case(f"in-long-row-s{seed}", {"dims": 1, "num_features": 2},
                        [train([2, 2, 1000], seed, scale=3.0, shift=-2.0)]))
        # PyTorch 1.13 only checks the channels against the weight or the running statistics:
        # without them any channel count runs
        out.append(case(f"in-channel-mismatch-s{seed}", {"dims": 1, "num_features": 3},
                        [train([2, 4, 5], seed), train([6, 5], seed + 1), evaluate([1, 2, 3], seed + 2)]))
    out.append(case("in-eps", {"dims": 1, "num_features": 2, "eps": 0.1},
                    [train([2, 2, 6], 3, scale=0.2)]))
    # a constant row has variance 0: its output is exactly the bias
    out.append(case("in-constant-row", {"dims": 1, "num_features": 2, "affine": True},
                    [step("train", values([2, 2, 3], [4, 4, 4, 1, 2, 3, 0, 1, 5, -2, -2, -2]), 2)],
                    {"weight": values([2], [2, 3]), "bias": values([2], [0.5, -1])}))
    out.append(case("in-constant-input-running", {"dims": 2, "num_features": 2, "track_running_stats": True},
                    [step("train", const([2, 2, 2, 2], 3.0), 2), evaluate([2, 2, 2, 2], 3)]))
    # eval with running statistics normalizes even a single spatial element
    out.append(case("in-spatial-one-eval", {"dims": 1, "num_features": 3, "track_running_stats": True},
                    [train([2, 3, 4], 2), evaluate([2, 3, 1], 3), evaluate([3, 1], 4), refused([2, 3, 1])]))
    # refused inputs
    out.append(case("in1d-wrong-rank", {"dims": 1, "num_features": 3},
                    [refused([3]), refused([2, 3, 4, 4]), train([3, 4], 2)]))
    out.append(case("in2d-wrong-rank", {"dims": 2, "num_features": 3},
                    [refused([3, 4]), refused([1, 3, 4, 4, 2]), train([3, 2, 2], 2)]))
    out.append(case("in3d-wrong-rank", {"dims": 3, "num_features": 3},
                    [refused([3, 4, 4]), refused([1, 3, 4, 4, 2, 1]), train([3, 2, 1, 2], 2)]))
    out.append(case("in-spatial-one", {"dims": 1, "num_features": 3},
                    [refused([2, 3, 1]), refused([3, 1]), refused([2, 3, 1], "eval"), train([2, 3, 2], 2)]))
    out.append(case("in2d-spatial-one", {"dims": 2, "num_features": 3, "affine": True},
                    [refused([2, 3, 1, 1]), refused([3, 1, 1]), train([2, 3, 1, 2], 2)]))
    out.append(case("in-channel-mismatch-affine", {"dims": 1, "num_features": 3, "affine": True},
                    [refused([2, 4, 5]), refused([4, 5]), train([2, 3, 5], 2)]))
    out.append(case("in-channel-mismatch-running", {"dims": 2, "num_features": 3, "track_running_stats": True},
                    [train([2, 3, 2, 2], 2), refused([2, 4, 2, 2]), refused([2, 4, 2, 2], "eval"),
                     refused([4, 2, 2]), evaluate([2, 3, 2, 2], 3)]))
    # momentum=None reaches torch.instance_norm, which only takes a float
    out.append(case("in-momentum-none", {"dims": 1, "num_features": 3, "momentum": None},
                    [refused([2, 3, 4]), refused([2, 3, 1]), refused([2, 3, 4], "eval")]))
    out.append(case("in-momentum-none-running", {"dims": 1, "num_features": 3, "momentum": None,
                                                 "track_running_stats": True},
                    [refused([2, 3, 4]), refused([2, 3, 4], "eval"), refused([2, 3, 1], "eval")]))
    out.append(case("in-negative-features", {"dims": 2, "num_features": -1, "affine": True}, []))
    out.append(case("in-negative-features-running", {"dims": 2, "num_features": -3,
                                                     "track_running_stats": True}, []))
    out.append(case("in-negative-features-bare", {"dims": 1, "num_features": -1}, [train([2, 3, 4], 2)]))
    # empty inputs
    out.append(case("in-empty", {"dims": 1, "num_features": 3},
                    [train([0, 3, 4], 2), train([2, 3, 0], 3), train([3, 0], 4), train([2, 4, 0], 5)]))
    out.append(case("in-empty-affine", {"dims": 1, "num_features": 3, "affine": True},
                    [train([2, 3, 0], 3), train([2, 4, 0], 4), refused([0, 3, 4]), train([2, 3, 4], 5)]))
    out.append(case("in-empty-running", {"dims": 1, "num_features": 3, "track_running_stats": True},
                    [train([2, 3, 4], 2), train([2, 3, 0], 3), train([3, 0], 4), refused([2, 4, 0]),
                     evaluate([2, 3, 4], 5)]))
    return out
