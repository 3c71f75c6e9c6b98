"""LayerNorm cases: normalized_shape of one and several dims, eps, affine options, the numerically
hard rows, and the shapes PyTorch refuses."""
from golden.common import const, dims_id, rand, values

SEEDS = [7, 11, 23]


def case(cid, args, steps, params=None):
    c = {"id": cid, "op": "layer_norm", "args": dict({"eps": 1e-5, "elementwise_affine": True}, **args),
         "steps": steps}
    if params:
        c["params"] = params
    return c


def train(x, grad=True, seed=0):
    st = {"mode": "train", "input": x}
    if grad:
        st["grad_output"] = rand(x["shape"], seed + 1000)
    return st


def cases():
    out = []
    for seed in SEEDS:
        for shape, ns in [([2, 3, 4], [4]), ([5, 3, 7], [7]), ([5, 3, 7], [3, 7]), ([4, 6], [6]),
                          ([2, 3, 4, 4], [3, 4, 4]), ([1, 1], [1]), ([3, 17], [17]), ([2, 33], [33])]:
            nid = dims_id(ns)
            params = {"weight": rand(ns, seed + 1, 0.5, 1.0), "bias": rand(ns, seed + 2, 0.5)}
            out.append(case(f"ln-{dims_id(shape)}-ns{nid}-s{seed}", {"normalized_shape": ns},
                            [train(rand(shape, seed), seed=seed), train(rand(shape, seed + 3), seed=seed + 3),
                             {"mode": "eval", "input": rand(shape, seed + 4), "grad_output": rand(shape, seed + 5)}],
                            params))
        out.append(case(f"ln-noaffine-s{seed}", {"normalized_shape": [5], "elementwise_affine": False},
                        [train(rand([3, 5], seed), seed=seed)]))
        out.append(case(f"ln-nobias-s{seed}", {"normalized_shape": [6], "bias": False},
                        [train(rand([2, 2, 6], seed), seed=seed)], {"weight": rand([6], seed + 1, 0.5, 1.0)}))
        out.append(case(f"ln-eps-s{seed}", {"normalized_shape": [8], "eps": 0.1},
                        [train(rand([4, 8], seed, 0.2), seed=seed)]))
        # mean 1e4, std 1e-2: float E[x^2] - E[x]^2 loses every digit here
        out.append(case(f"ln-cancellation-s{seed}", {"normalized_shape": [64]},
                        [train(rand([4, 64], seed, 1e-2, 1e4), seed=seed)]))
        out.append(case(f"ln-long-row-s{seed}", {"normalized_shape": [1000]},
                        [train(rand([3, 1000], seed, 3.0, -2.0), seed=seed)]))
    # a constant row has variance 0: the output is exactly the bias
    out.append(case("ln-constant-row", {"normalized_shape": [4]},
                    [train(values([2, 4], [3, 3, 3, 3, 1, 2, 3, 4]), seed=5)],
                    {"weight": values([4], [2, 2, 2, 2]), "bias": values([4], [0.5, -1, 0, 2])}))
    # length-1 rows: every output is the bias
    out.append(case("ln-length-one", {"normalized_shape": [1]}, [train(rand([6, 1], 3), seed=3)]))
    # refused inputs
    out.append(case("ln-mismatch", {"normalized_shape": [6, 3]},
                    [{"mode": "train", "input": rand([8, 6, 3, 4], 1)}, train(rand([8, 6, 3], 2), seed=2)]))
    out.append(case("ln-too-few-dims", {"normalized_shape": [2, 3, 4]},
                    [{"mode": "train", "input": rand([3, 4], 1)}]))
    out.append(case("ln-wrong-last-dim", {"normalized_shape": [4]},
                    [{"mode": "train", "input": rand([2, 3, 5], 1)}, train(rand([2, 3, 4], 4), seed=4)]))
    out.append(case("ln-empty-normalized-shape", {"normalized_shape": []},
                    [{"mode": "train", "input": rand([2, 3], 1)}]))
    out.append(case("ln-negative-size", {"normalized_shape": [-2]}, []))
    # without a weight nothing is allocated, so the module is built; no input can match it
    out.append(case("ln-negative-size-no-affine", {"normalized_shape": [-2], "elementwise_affine": False},
                    [{"mode": "train", "input": rand([3, 2], 1)}]))
    out.append(case("ln-scalar-input", {"normalized_shape": [3]},
                    [{"mode": "train", "input": values([], [0.5])}, train(rand([3], 2), seed=2)]))
    # train and eval are the same computation: LayerNorm keeps no running statistics
    out.append(case("ln-eval-equals-train", {"normalized_shape": [5]},
                    [train(rand([3, 5], 4), seed=4), {"mode": "eval", "input": rand([3, 5], 4),
                                                      "grad_output": rand([3, 5], 1004)}],
                    {"weight": rand([5], 5, 0.5, 1.0), "bias": rand([5], 6, 0.5)}))
    out.append(case("ln-empty-rows", {"normalized_shape": [3]}, [train(rand([0, 3], 1), seed=1)]))
    out.append(case("ln-empty-rows-2d", {"normalized_shape": [2, 0]}, [train(rand([3, 2, 0], 1), seed=1)]))
    return out
