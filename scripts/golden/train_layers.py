"""Training layers, one at a time: Linear, Conv2d, ReLU, GELU, AvgPool2d, Flatten and
cross-entropy, forward and backward on odd shapes, and the inputs and arguments PyTorch refuses."""
from golden.common import dims_id, rand as full_rand, values

SEEDS = [3, 19]
DIGITS = 9
EXPECT_DIGITS = 7  # 5e-8 relative: far inside the tolerance



def rand(shape, seed, scale=1.0, shift=0.0):
    """common.rand's tensor with every value cut to 4 significant digits: the file stays small, and
    PyTorch and the engine read the same float32 from the same short decimal."""
    t = full_rand(shape, seed, scale, shift)
    return {"shape": t["shape"], "data": [float(f"{v:.4g}") for v in t["data"]]}


def case(op, cid, args, steps, params=None):
    c = {"id": cid, "op": op, "args": args, "steps": steps}
    if params is not None:
        c["params"] = params
    return c


def train(shape, seed, out_shape, scale=1.0):
    """A train step on a random input of `shape` with a random grad_output of `out_shape`."""
    return {"mode": "train", "input": rand(shape, seed, scale), "grad_output": rand(out_shape, seed + 1000)}


def refused(shape, mode="train"):
    return {"mode": mode, "input": rand(shape, 1)}


def affine(weight_shape, bias_len, seed, scale=0.5):
    p = {"weight": rand(weight_shape, seed + 1, scale)}
    if bias_len is not None:
        p["bias"] = rand([bias_len], seed + 2, scale)
    return p


def conv_out(h, k, s, p):
    return (h + 2 * p - k) // s + 1


def linear_cases():
    out = []
    for seed in SEEDS:
        for shape, fin, fout, bias in [([5, 7], 7, 4, True), ([2, 4, 5], 5, 3, False), ([7], 7, 3, True),
                                       ([3, 2, 2, 9], 9, 5, True), ([1, 1], 1, 1, True),
                                       ([6, 17], 17, 13, True), ([0, 3], 3, 2, True)]:
            oshape = shape[:-1] + [fout]
            out.append(case("linear", f"linear-{dims_id(shape)}-{fout}{'' if bias else '-nobias'}-s{seed}",
                            {"in_features": fin, "out_features": fout, "bias": bias},
                            [train(shape, seed, oshape), train(shape, seed + 7, oshape)],
                            affine([fout, fin], fout if bias else None, seed)))
    out.append(case("linear", "linear-zero-in-features", {"in_features": 0, "out_features": 3},
                    [train([2, 0], 5, [2, 3])], affine([3, 0], 3, 5)))
    out.append(case("linear", "linear-mismatch", {"in_features": 5, "out_features": 3},
                    [refused([2, 4]), refused([2, 3, 4]), refused([4]), train([2, 5], 4, [2, 3])],
                    affine([3, 5], 3, 4)))
    out.append(case("linear", "linear-scalar-input", {"in_features": 3, "out_features": 2},
                    [{"mode": "train", "input": values([], [0.5])}], affine([2, 3], 2, 2)))
    out.append(case("linear", "linear-negative-in", {"in_features": -1, "out_features": 3}, []))
    out.append(case("linear", "linear-negative-out", {"in_features": 3, "out_features": -2}, []))
    return out


def conv_cases():
    out = []
    configs = [
        # (input shape, out_channels, kernel, stride, padding, bias)
        ([2, 2, 6, 6], 3, 3, 1, 1, True),
        ([3, 3, 5, 7], 5, 3, 1, 1, False),
        ([1, 1, 8, 8], 4, 3, 1, 1, True),
        ([1, 5, 5, 9], 6, 3, 1, 1, True),   # 6 output channels: a block of 4 and a block of 2
        ([1, 2, 4, 11], 5, 3, 1, 1, True),  # 11 wide: one 8-column block and a tail of 3
        ([2, 3, 7, 8], 4, 3, 2, 0, False),
        ([1, 2, 9, 9], 3, 3, 2, 1, True),
        ([1, 4, 3, 3], 2, 1, 1, 0, True),
        ([2, 2, 5, 6], 3, 5, 1, 2, True),
        ([1, 2, 6, 5], 2, 2, 1, 0, True),
        ([1, 3, 4, 4], 2, 3, 1, 3, True),   # padding beyond kernel - 1
        ([1, 2, 5, 5], 3, 4, 3, 1, True),
        ([2, 6, 4], 3, 3, 1, 1, True),      # unbatched (C, H, W)
        ([0, 2, 5, 5], 3, 3, 1, 1, True),   # empty batch
    ]
    for n, (shape, oc, k, s, p, bias) in enumerate(configs):
        for seed in SEEDS[: 2 if n < 3 else 1]:
            batched = len(shape) == 4
            ic, h, w = shape[-3:]
            oshape = ([shape[0]] if batched else []) + [oc, conv_out(h, k, s, p), conv_out(w, k, s, p)]
            args = {"in_channels": ic, "out_channels": oc, "kernel_size": k, "stride": s, "padding": p,
                    "bias": bias}
            out.append(case("conv2d", f"conv2d-{dims_id(shape)}-o{oc}-k{k}s{s}p{p}{'' if bias else '-nobias'}-s{seed}",
                            args, [train(shape, seed, oshape)], affine([oc, ic, k, k], oc if bias else None, seed)))
    out.append(case("conv2d", "conv2d-rect-kernel",
                    {"in_channels": 2, "out_channels": 3, "kernel_size": [3, 1], "stride": [1, 2],
                     "padding": [1, 0]},
                    [train([1, 2, 5, 6], 8, [1, 3, 5, 3])], affine([3, 2, 3, 1], 3, 8)))
    base = {"in_channels": 3, "out_channels": 2, "kernel_size": 3}
    p3 = affine([2, 3, 3, 3], 2, 9)
    out.append(case("conv2d", "conv2d-channels", base,
                    [refused([1, 2, 5, 5]), refused([2, 5, 5]), train([1, 3, 5, 5], 9, [1, 2, 3, 3])], p3))
    out.append(case("conv2d", "conv2d-rank", base, [refused([3, 5]), refused([1, 3, 5, 5, 5])], p3))
    out.append(case("conv2d", "conv2d-kernel-too-big", base, [refused([1, 3, 2, 5])], p3))
    out.append(case("conv2d", "conv2d-kernel-too-big-padded", dict(base, kernel_size=5, padding=1),
                    [refused([1, 3, 2, 2])], affine([2, 3, 5, 5], 2, 9)))
    out.append(case("conv2d", "conv2d-stride-zero", dict(base, stride=0), [refused([1, 3, 5, 5])], p3))
    out.append(case("conv2d", "conv2d-negative-padding", dict(base, padding=-1), [refused([1, 3, 5, 5])], p3))
    out.append(case("conv2d", "conv2d-kernel-zero", dict(base, kernel_size=0), [refused([1, 3, 5, 5])]))
    out.append(case("conv2d", "conv2d-no-out-channels", dict(base, out_channels=0), [refused([1, 3, 5, 5])]))
    out.append(case("conv2d", "conv2d-negative-in", dict(base, in_channels=-1), []))
    out.append(case("conv2d", "conv2d-negative-kernel", dict(base, kernel_size=-1), []))
    return out


def pointwise_cases():
    out = []
    for seed in SEEDS:
        for shape in [[3, 7], [2, 3, 5, 5], [13], [1]]:
            out.append(case("relu", f"relu-{dims_id(shape)}-s{seed}", {}, [train(shape, seed, shape, 2.0)]))
            for approx in ["none", "tanh"]:
                out.append(case("gelu", f"gelu-{approx}-{dims_id(shape)}-s{seed}", {"approximate": approx},
                                [train(shape, seed, shape, 3.0)]))
    out.append(case("relu", "relu-zeros-and-signs", {},
                    [{"mode": "train", "input": values([6], [-2, -0.0, 0, 1e-30, 3, -1e-30]),
                      "grad_output": values([6], [1, 2, 3, 4, 5, 6])}]))
    out.append(case("relu", "relu-scalar", {}, [{"mode": "train", "input": values([], [0.7]),
                                                  "grad_output": values([], [2.0])}]))
    out.append(case("gelu", "gelu-default", {}, [train([4, 6], 12, [4, 6], 2.0)]))
    out.append(case("gelu", "gelu-large", {"approximate": "none"},
                    [{"mode": "train", "input": values([6], [-12, -6, -0.5, 0, 6, 12]),
                      "grad_output": values([6], [1, 1, 1, 1, 1, 1])}]))
    out.append(case("gelu", "gelu-bad-approximate", {"approximate": "erf"}, [refused([3])]))
    return out


def pool_cases():
    out = []
    for seed in SEEDS:
        for shape, k, s, p in [([2, 3, 4, 8], 2, None, 0), ([1, 2, 5, 5], 2, None, 0), ([2, 2, 7, 6], 3, 2, 1),
                               ([1, 3, 6, 6], 3, 1, 0), ([3, 5, 5], 2, None, 0), ([1, 1, 9, 7], [3, 2], [2, 1], [1, 0])]:
            kh, kw = (k, k) if isinstance(k, int) else k
            st = s if s is not None else k
            sh, sw = (st, st) if isinstance(st, int) else st
            ph, pw = (p, p) if isinstance(p, int) else p
            oshape = shape[:-2] + [conv_out(shape[-2], kh, sh, ph), conv_out(shape[-1], kw, sw, pw)]
            args = {"kernel_size": k}
            if s is not None:
                args["stride"] = s
            if p:
                args["padding"] = p
            out.append(case("avg_pool2d", f"avg-pool-{dims_id(shape)}-k{dims_id([kh, kw])}-st{dims_id([sh, sw])}-p{dims_id([ph, pw])}-s{seed}",
                            args, [train(shape, seed, oshape)]))
    out.append(case("avg_pool2d", "avg-pool-empty-batch", {"kernel_size": 2}, [train([0, 3, 4, 4], 2, [0, 3, 2, 2])]))
    out.append(case("avg_pool2d", "avg-pool-too-small", {"kernel_size": 2}, [refused([1, 3, 1, 4])]))
    out.append(case("avg_pool2d", "avg-pool-rank", {"kernel_size": 2},
                    [refused([4, 4]), refused([1, 3, 4, 4, 4]), refused([4])]))
    out.append(case("avg_pool2d", "avg-pool-empty-channels", {"kernel_size": 2}, [refused([1, 0, 4, 4])]))
    out.append(case("avg_pool2d", "avg-pool-kernel-zero", {"kernel_size": 0}, [refused([1, 3, 4, 4])]))
    out.append(case("avg_pool2d", "avg-pool-stride-zero", {"kernel_size": 2, "stride": 0}, [refused([1, 3, 4, 4])]))
    out.append(case("avg_pool2d", "avg-pool-pad-too-big", {"kernel_size": 2, "padding": 2}, [refused([1, 3, 4, 4])]))
    return out


def flatten_cases():
    out = []
    for seed in SEEDS:
        for shape in [[2, 3, 2, 2], [4, 3], [3, 1, 5], [1, 2, 3, 4, 2]]:
            oshape = [shape[0], 1]
            for d in shape[1:]:
                oshape[1] *= d
            out.append(case("flatten", f"flatten-{dims_id(shape)}-s{seed}", {}, [train(shape, seed, oshape)]))
    out.append(case("flatten", "flatten-rank", {}, [refused([4]), {"mode": "train", "input": values([], [1.0])}]))
    return out


def scalar(seed):
    """A 0-d random tensor (common.rand takes a non-empty shape)."""
    return values([], rand([1], seed)["data"])


def ce_step(rows, classes, seed, target, scale=2.0):
    return {"mode": "train", "input": rand([rows, classes] if rows is not None else [classes], seed, scale),
            "target": {"shape": [len(target)] if rows is not None else [], "data": target},
            "grad_output": scalar(seed + 1000)}


def ce_cases():
    out = []
    for seed in SEEDS:
        for smooth in [0.0, 0.1, 0.45]:
            for rows, classes, target in [(6, 6, [2, 1, 4, 2, 3, 1]), (4, 10, [0, 9, 3, 3]), (1, 3, [2]),
                                          (5, 2, [0, 1, 1, 0, 1])]:
                out.append(case("cross_entropy", f"ce-{rows}x{classes}-ls{smooth}-s{seed}",
                                {"reduction": "mean", "label_smoothing": smooth},
                                [ce_step(rows, classes, seed, target)]))
    out.append(case("cross_entropy", "ce-sum", {"reduction": "sum", "label_smoothing": 0.2},
                    [ce_step(4, 5, 4, [1, 0, 4, 2])]))
    out.append(case("cross_entropy", "ce-ignore-index", {"reduction": "mean", "label_smoothing": 0.1},
                    [ce_step(4, 5, 5, [1, -100, 4, 2])]))
    out.append(case("cross_entropy", "ce-large-logits", {"reduction": "mean", "label_smoothing": 0.0},
                    [ce_step(3, 4, 6, [0, 3, 1], scale=40.0)]))
    out.append(case("cross_entropy", "ce-unbatched", {"reduction": "mean", "label_smoothing": 0.0},
                    [ce_step(None, 5, 7, [3])]))
    out.append(case("cross_entropy", "ce-negative-smoothing", {"reduction": "mean", "label_smoothing": -0.2},
                    [ce_step(3, 4, 8, [0, 1, 2])]))
    bad = {"reduction": "mean", "label_smoothing": 0.0}
    out.append(case("cross_entropy", "ce-target-out-of-bounds", bad,
                    [ce_step(3, 4, 1, [0, 4, 1]), ce_step(3, 4, 1, [0, -1, 1])]))
    out.append(case("cross_entropy", "ce-target-out-of-bounds-smoothed", {"reduction": "mean", "label_smoothing": 0.1},
                    [ce_step(3, 4, 1, [0, 7, 1])]))
    step = ce_step(3, 4, 1, [0, 1])
    out.append(case("cross_entropy", "ce-batch-mismatch", bad, [step]))
    out.append(case("cross_entropy", "ce-smoothing-above-one", {"reduction": "mean", "label_smoothing": 1.5},
                    [ce_step(3, 4, 1, [0, 1, 1])]))
    out.append(case("cross_entropy", "ce-bad-reduction", {"reduction": "avg", "label_smoothing": 0.0},
                    [ce_step(3, 4, 1, [0, 1, 1])]))
    multi = ce_step(3, 4, 1, [0, 1, 1])
    multi["target"] = {"shape": [3, 1], "data": [0, 1, 1]}
    out.append(case("cross_entropy", "ce-multi-target", bad, [multi]))
    return out


def cases():
    return linear_cases() + conv_cases() + pointwise_cases() + pool_cases() + flatten_cases() + ce_cases()
