"""GroupNorm cases: groups from 1 (LayerNorm's statistics over (C, ...)) to C (InstanceNorm's),
inputs of rank 2 to 5, affine off, the numerically hard and the one-element groups, empty
inputs, and every input and constructor argument PyTorch refuses."""
from golden.common import (affine_params, const, dims_id, evaluate, norm_case, rand, refused,
                           step, train, values)

SEEDS = [7, 11, 23]


DEFAULTS = {"eps": 1e-5, "affine": True}


def case(cid, args, steps, params=None):
    return norm_case("group_norm", DEFAULTS, cid, args, steps, params)


# (num_groups, input shape); a second step of another batch size uses the same channels
SHAPES = [
    (3, [2, 6, 4, 4]),
    (1, [2, 6, 4, 4]),
    (6, [2, 6, 4, 4]),
    (2, [3, 4]),
    (2, [2, 6, 5]),
    (2, [1, 4, 3, 3]),
    (5, [2, 10, 7]),
    (2, [2, 4, 2, 3, 3]),
    (4, [3, 8, 33]),
]


def cases():
    out = []
    for seed in SEEDS:
        for g, shape in SHAPES:
            c = shape[1]
            other = [shape[0] + 1] + shape[1:]
            out.append(case(f"gn-g{g}-{dims_id(shape)}-s{seed}", {"num_groups": g, "num_channels": c},
                            [train(shape, seed), evaluate(other, seed + 1, scale=2.0, shift=0.5),
                             train(shape, seed + 2, shift=-1.0)],
                            affine_params(c, seed)))
        out.append(case(f"gn-no-affine-s{seed}", {"num_groups": 2, "num_channels": 6, "affine": False},
                        [train([2, 6, 3, 3], seed), evaluate([3, 6, 5], seed + 1)]))
        # mean 1e4, std 1e-2
        out.append(case(f"gn-cancellation-s{seed}", {"num_groups": 2, "num_channels": 4},
                        [train([2, 4, 16], seed, scale=1e-2, shift=1e4), train([3, 4], seed + 1, scale=1e-2, shift=1e4)]))
        out.append(case(f"gn-long-group-s{seed}", {"num_groups": 2, "num_channels": 4},
                        [train([2, 4, 500], seed, scale=3.0, shift=-2.0)], affine_params(4, seed)))
        # one element per group (C == G, no spatial dims): every output is the bias
        out.append(case(f"gn-one-element-groups-s{seed}", {"num_groups": 4, "num_channels": 4},
                        [train([3, 4], seed)], affine_params(4, seed)))
    out.append(case("gn-eps", {"num_groups": 2, "num_channels": 4, "eps": 0.1},
                    [train([2, 4, 3], 3, scale=0.2)]))
    out.append(case("gn-constant-group", {"num_groups": 2, "num_channels": 4},
                    [step("train", values([1, 4, 2], [5, 5, 5, 5, 1, 2, 3, 4]), 2)],
                    {"weight": values([4], [2, 3, 1, 1]), "bias": values([4], [0.5, -1, 0, 2])}))
    out.append(case("gn-constant-input", {"num_groups": 3, "num_channels": 3},
                    [step("train", const([2, 3, 2], -4.0), 2)]))
    # refused constructor arguments
    out.append(case("gn-not-divisible", {"num_groups": 4, "num_channels": 6}, []))
    out.append(case("gn-zero-groups", {"num_groups": 0, "num_channels": 6}, []))
    out.append(case("gn-negative-channels", {"num_groups": 3, "num_channels": -6}, []))
    # ... and arguments it takes, then refuses in forward (or, without a weight, runs)
    out.append(case("gn-negative-groups", {"num_groups": -3, "num_channels": 6},
                    [refused([2, 6, 3]), refused([1, 6])]))
    out.append(case("gn-negative-channels-no-affine", {"num_groups": 3, "num_channels": -6, "affine": False},
                    [train([2, 6, 3], 2), refused([1, 4]), refused([2, 4, 3])]))
    # refused inputs
    out.append(case("gn-wrong-rank", {"num_groups": 2, "num_channels": 6},
                    [refused([6]), {"mode": "train", "input": values([], [0.5])}, train([2, 6], 2)]))
    out.append(case("gn-wrong-channels", {"num_groups": 2, "num_channels": 6},
                    [refused([2, 4, 3]), refused([2, 5, 3]), refused([2, 8]), train([2, 6, 3], 2)]))
    out.append(case("gn-wrong-channels-no-affine", {"num_groups": 2, "num_channels": 6, "affine": False},
                    [train([2, 4, 3], 2), refused([2, 5, 3]), train([3, 10], 3)]))
    # F.group_norm's value count is (N * C // G) * spatial, in any mode
    out.append(case("gn-one-value", {"num_groups": 6, "num_channels": 6},
                    [refused([1, 6]), refused([1, 6, 1, 1]), refused([1, 6], "eval"), train([2, 6], 2),
                     train([1, 6, 2], 3)]))
    out.append(case("gn-one-value-per-sample", {"num_groups": 2, "num_channels": 2},
                    [refused([1, 2]), train([1, 2, 3], 2)]))
    # empty inputs
    # (2, 6, 0) has no grad_output: PyTorch's grad_weight there is NaN (0 * the NaN statistics of
    # empty groups), which JSON cannot hold; tests/cpp/group_norm_test.cpp checks it
    out.append(case("gn-empty", {"num_groups": 3, "num_channels": 6},
                    [train([0, 6, 2], 2), step("train", rand([2, 6, 0], 3)), refused([0, 4, 3]),
                     refused([0, 9, 3])]))
    out.append(case("gn-zero-channels", {"num_groups": 3, "num_channels": 0},
                    [train([2, 0, 3], 2), train([2, 0], 3)]))
    return out
