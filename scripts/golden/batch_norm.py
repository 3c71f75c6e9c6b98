"""BatchNorm1d/2d/3d cases: train and eval steps on one module (running statistics carry over),
momentum as a number and None, track_running_stats and affine off, short and long channels,
the numerically hard channels, empty batches, and every input PyTorch refuses."""
from golden.common import (affine_params, const, dims_id, evaluate, norm_case, rand, refused,
                           step, train, values)

SEEDS = [7, 11, 23]


DEFAULTS = {"eps": 1e-5, "momentum": 0.1, "affine": True, "track_running_stats": True}


def case(cid, args, steps, params=None):
    return norm_case("batch_norm", DEFAULTS, cid, args, steps, params)


# (dims, shapes of the train, train, eval steps): the column path (spatial < 16: (N, C) has
# spatial 1), the slab path (spatial >= 16), odd channel counts for the vector remainders.
SHAPES = [
    (1, [[4, 3], [6, 3], [2, 3]]),
    (1, [[5, 7], [9, 7], [1, 7]]),
    (1, [[130, 6], [3, 6], [7, 6]]),
    (1, [[3, 4, 5], [2, 4, 7], [3, 4, 5]]),
    (1, [[2, 3, 17], [3, 3, 33], [1, 3, 17]]),
    (2, [[2, 3, 4, 4], [4, 3, 2, 3], [2, 3, 4, 4]]),
    (2, [[3, 5, 3, 7], [2, 5, 5, 5], [1, 5, 3, 7]]),
    (2, [[2, 4, 1, 1], [3, 4, 1, 1], [1, 4, 1, 1]]),
    (3, [[2, 3, 2, 3, 4], [3, 3, 1, 2, 3], [2, 3, 2, 3, 4]]),
    (3, [[2, 2, 1, 5, 3], [2, 2, 4, 4, 4], [1, 2, 1, 5, 3]]),
]


def cases():
    out = []
    for seed in SEEDS:
        for dims, (a, b, e) in SHAPES:
            c = a[1]
            out.append(case(f"bn{dims}d-{dims_id(a)}-s{seed}", {"dims": dims, "num_features": c},
                            [train(a, seed), train(b, seed + 3, scale=2.0, shift=0.5),
                             evaluate(e, seed + 4), train(a, seed + 5, shift=-1.0),
                             evaluate(e, seed + 6)],
                            affine_params(c, seed)))
        # momentum=None: the running statistics are the plain average of every batch so far
        out.append(case(f"bn-momentum-none-s{seed}", {"dims": 2, "num_features": 3, "momentum": None},
                        [train([2, 3, 2, 2], seed + k, shift=float(k)) for k in range(4)]
                        + [evaluate([2, 3, 2, 2], seed + 9)]))
        out.append(case(f"bn1d-momentum-none-s{seed}", {"dims": 1, "num_features": 5, "momentum": None},
                        [train([3, 5], seed + k, scale=1.0 + k) for k in range(3)]
                        + [evaluate([2, 5], seed + 9)]))
        # no running statistics: eval normalizes with the batch's own statistics too
        out.append(case(f"bn-no-running-stats-s{seed}", {"dims": 2, "num_features": 4,
                                                         "track_running_stats": False},
                        [train([2, 4, 3, 3], seed), evaluate([3, 4, 2, 2], seed + 1)],
                        affine_params(4, seed)))
        out.append(case(f"bn1d-no-running-stats-s{seed}", {"dims": 1, "num_features": 3,
                                                           "track_running_stats": False},
                        [train([5, 3], seed), evaluate([2, 3, 4], seed + 1)]))
        out.append(case(f"bn-no-affine-s{seed}", {"dims": 2, "num_features": 3, "affine": False},
                        [train([2, 3, 3, 5], seed), evaluate([2, 3, 3, 5], seed + 1)]))
        out.append(case(f"bn-bare-s{seed}", {"dims": 3, "num_features": 2, "affine": False,
                                             "track_running_stats": False},
                        [train([2, 2, 2, 2, 3], seed), evaluate([2, 2, 2, 2, 3], seed + 1)]))
        # mean 1e4, std 1e-2, in the column path, the slab path and in 2d
        for shape in ([64, 3], [4, 3, 64], [2, 3, 8, 8], [5, 3, 3]):
            dims = len(shape) - 2 if len(shape) > 3 else 1
            out.append(case(f"bn-cancellation-{dims_id(shape)}-s{seed}",
                            {"dims": dims, "num_features": 3},
                            [train(shape, seed, scale=1e-2, shift=1e4),
                             evaluate(shape, seed + 1, scale=1e-2, shift=1e4)]))
        out.append(case(f"bn-long-channel-s{seed}", {"dims": 1, "num_features": 3},
                        [train([2, 3, 1000], seed, scale=3.0, shift=-2.0), evaluate([1, 3, 1000], seed + 1)]))
    for m in (0.5, 1.0, 0.0):
        out.append(case(f"bn-momentum-{m}", {"dims": 1, "num_features": 4, "momentum": m},
                        [train([6, 4], 3), train([6, 4], 4, shift=1.0), evaluate([2, 4], 5)]))
    out.append(case("bn-eps", {"dims": 2, "num_features": 2, "eps": 0.1},
                    [train([2, 2, 3, 3], 3, scale=0.2), evaluate([2, 2, 3, 3], 4, scale=0.2)]))
    # eval before any training: running_mean 0 and running_var 1
    out.append(case("bn-eval-first", {"dims": 2, "num_features": 3},
                    [evaluate([2, 3, 2, 2], 5), train([2, 3, 2, 2], 6), evaluate([1, 3, 2, 2], 7)],
                    affine_params(3, 5)))
    # a constant channel has variance 0: its output is exactly the bias
    out.append(case("bn-constant-channel", {"dims": 1, "num_features": 3},
                    [step("train", values([4, 3], [2, 1, 0, 2, 5, 1, 2, -3, 2, 2, 4, 3]), 8),
                     step("eval", values([2, 3], [2, 2, 2, 1, 1, 1]), 9)],
                    {"weight": values([3], [2, 0.5, 1]), "bias": values([3], [0.25, -1, 3])}))
    out.append(case("bn2d-constant-input", {"dims": 2, "num_features": 2},
                    [step("train", const([3, 2, 2, 2], 7.0), 2)]))
    # refused inputs: the message, and the module unchanged for the next step
    out.append(case("bn1d-wrong-rank", {"dims": 1, "num_features": 3},
                    [refused([2, 3, 4, 4]), refused([3]), train([4, 3], 2), refused([2, 3, 1, 1, 1])]))
    out.append(case("bn2d-wrong-rank", {"dims": 2, "num_features": 3},
                    [refused([2, 3, 4]), refused([2, 3, 4, 4, 1]), train([2, 3, 2, 2], 2)]))
    out.append(case("bn3d-wrong-rank", {"dims": 3, "num_features": 3},
                    [refused([2, 3, 4, 4]), train([2, 3, 1, 2, 2], 2)]))
    out.append(case("bn-wrong-channels", {"dims": 2, "num_features": 3},
                    [train([2, 3, 2, 2], 2), refused([2, 4, 4, 4]), step("eval", rand([2, 4, 2, 2], 3)),
                     train([2, 3, 2, 2], 4)]))
    out.append(case("bn-wrong-channels-no-affine", {"dims": 1, "num_features": 3, "affine": False},
                    [refused([4, 2]), train([4, 3], 4)]))
    out.append(case("bn-wrong-channels-no-running-stats", {"dims": 2, "num_features": 3,
                                                           "track_running_stats": False},
                    [refused([2, 4, 2, 2]), train([2, 3, 2, 2], 4)]))
    # without affine and running statistics nothing holds the channel count: any C runs
    out.append(case("bn-any-channels-bare", {"dims": 2, "num_features": 3, "affine": False,
                                             "track_running_stats": False},
                    [train([2, 5, 2, 3], 4), evaluate([3, 1, 2, 2], 5)]))
    out.append(case("bn-one-value-per-channel", {"dims": 1, "num_features": 3},
                    [refused([1, 3]), refused([1, 3, 1]), train([2, 3], 4), evaluate([1, 3], 5),
                     evaluate([1, 3, 1], 6)]))
    out.append(case("bn2d-one-value-per-channel", {"dims": 2, "num_features": 3},
                    [refused([1, 3, 1, 1]), train([1, 3, 1, 2], 4)]))
    out.append(case("bn-one-value-no-running-stats", {"dims": 1, "num_features": 3,
                                                      "track_running_stats": False},
                    [{"mode": "eval", "input": rand([1, 3], 1)}, evaluate([2, 3], 5)]))
    out.append(case("bn-negative-features", {"dims": 1, "num_features": -1}, []))
    out.append(case("bn-negative-features-no-affine", {"dims": 1, "num_features": -2, "affine": False}, []))
    out.append(case("bn-negative-features-bare", {"dims": 1, "num_features": -1, "affine": False,
                                                  "track_running_stats": False},
                    [train([4, 2], 3)]))
    # empty batches: counted in num_batches_tracked, the statistics untouched, no channel check
    out.append(case("bn-empty-batch", {"dims": 1, "num_features": 3},
                    [train([0, 3], 2), train([2, 3, 0], 3), train([0, 5], 4), train([4, 3], 5),
                     evaluate([0, 3], 6)]))
    out.append(case("bn-zero-features", {"dims": 1, "num_features": 0}, [refused([2, 0]), refused([0, 0])]))
    out.append(case("bn-zero-features-no-affine", {"dims": 1, "num_features": 0, "affine": False},
                    [train([2, 0], 2), train([3, 0, 4], 3)]))
    return out
