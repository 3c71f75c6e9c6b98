"""Whole networks: a small CNN and an MLP, each without a norm and with BatchNorm, LayerNorm,
GroupNorm and InstanceNorm, trained for 3 steps (then one eval step) with SGD with momentum, AdamW
and Adam with L2 weight decay, plus other optimizers and losses on some, and the steps and
networks PyTorch refuses. Every parameter is given (PyTorch's own init is not reproduced)."""
import math

import torch

from golden.common import rand as full_rand

TOLERANCE = {"rtol": 1e-3, "atol": 1e-4}  # float32 through several layers and steps
DIGITS = 9
EXPECT_DIGITS = 5  # 5e-6 relative: 200 times inside the tolerance

OPTIMIZERS = {
    "sgd": {"op": "sgd", "lr": 0.1, "momentum": 0.9},
    "adamw": {"op": "adamw", "lr": 0.01, "weight_decay": 0.1},
    "adam-l2": {"op": "adam", "lr": 0.01, "weight_decay": 0.05},
}



def rand(shape, seed, scale=1.0, shift=0.0):
    """common.rand's tensor with every value cut to 4 significant digits: the file stays small, and
    PyTorch and the engine read the same float32 from the same short decimal."""
    t = full_rand(shape, seed, scale, shift)
    return {"shape": t["shape"], "data": [float(f"{v:.4g}") for v in t["data"]]}


def targets(n, classes, seed):
    g = torch.Generator().manual_seed(seed + 500)
    return {"shape": [n], "data": [int(v) for v in torch.randint(0, classes, (n,), generator=g).tolist()]}


def cnn_layers(norm, true_layer_norm=False):
    """Conv3x3 1->4, norm, ReLU, Conv3x3 4->4, norm, ReLU, AvgPool 2, Flatten, Linear 16->3 on
    5x5 images (an odd size: the pool drops the last row and column)."""
    def norm_layer(c):
        return {
            "bn": {"type": "batch_norm", "dims": 2, "num_features": c},
            # LayerNorm over (C, H, W) is GroupNorm(1, C) up to its per-element affine; the true
            # LayerNorm (100 weights a layer) is one case, to keep the file small
            "ln": {"type": "layer_norm", "normalized_shape": [c, 5, 5]} if true_layer_norm
            else {"type": "group_norm", "num_groups": 1, "num_channels": c},
            "gn": {"type": "group_norm", "num_groups": 2, "num_channels": c},
            "in": {"type": "instance_norm", "num_features": c, "affine": True},
        }[norm]
    # a conv bias right before BatchNorm or InstanceNorm has an exactly-zero gradient (the norm
    # removes it), which float32 sees as rounding noise: PyTorch models drop it there too
    bias = norm not in ("bn", "in")
    layers = [{"type": "conv2d", "in_channels": 1, "out_channels": 4, "kernel_size": 3, "padding": 1, "bias": bias}]
    if norm != "none":
        layers.append(norm_layer(4))
    layers.append({"type": "relu"})
    layers.append({"type": "conv2d", "in_channels": 4, "out_channels": 4, "kernel_size": 3, "padding": 1, "bias": bias})
    if norm != "none":
        layers.append(norm_layer(4))
    layers += [{"type": "relu"}, {"type": "avg_pool2d", "kernel_size": 2}, {"type": "flatten"},
               {"type": "linear", "in_features": 16, "out_features": 3}]
    return layers


def mlp_layers(norm, approximate="none"):
    """Linear 10->8, norm, GELU, Linear 8->4."""
    layers = [{"type": "linear", "in_features": 10, "out_features": 8, "bias": norm != "bn"}]
    if norm == "bn":
        layers.append({"type": "batch_norm", "dims": 1, "num_features": 8})
    if norm == "ln":
        layers.append({"type": "layer_norm", "normalized_shape": [8]})
    layers.append({"type": "gelu", "approximate": approximate})
    layers.append({"type": "linear", "in_features": 8, "out_features": 4})
    return layers


def params_for(layers, seed):
    """Every parameter by its named_parameters() name: Linear/Conv2d weights and biases of
    torch's init scale (1 / sqrt(fan_in)), norm weights near 1 and biases near 0."""
    out = {}
    for i, spec in enumerate(layers):
        s = seed + 10 * i
        t = spec["type"]
        if t == "linear":
            fan = spec["in_features"]
            out[f"{i}.weight"] = rand([spec["out_features"], fan], s, 1 / math.sqrt(fan))
            if spec.get("bias", True):
                out[f"{i}.bias"] = rand([spec["out_features"]], s + 1, 1 / math.sqrt(fan))
        elif t == "conv2d":
            k = spec["kernel_size"]
            fan = spec["in_channels"] * k * k
            out[f"{i}.weight"] = rand([spec["out_channels"], spec["in_channels"], k, k], s, 1 / math.sqrt(fan))
            if spec.get("bias", True):
                out[f"{i}.bias"] = rand([spec["out_channels"]], s + 1, 1 / math.sqrt(fan))
        elif t in ("batch_norm", "group_norm") or (t == "instance_norm" and spec.get("affine")):
            c = spec.get("num_features", spec.get("num_channels"))
            out[f"{i}.weight"] = rand([c], s, 0.3, 1.0)
            out[f"{i}.bias"] = rand([c], s + 1, 0.3)
        elif t == "layer_norm":
            out[f"{i}.weight"] = rand(spec["normalized_shape"], s, 0.3, 1.0)
            out[f"{i}.bias"] = rand(spec["normalized_shape"], s + 1, 0.3)
    return out


def steps(shape, classes, seed, modes=("train", "train", "train", "eval")):
    return [{"mode": m, "input": rand(shape, seed + 100 * k), "target": targets(shape[0], classes, seed + 100 * k)}
            for k, m in enumerate(modes)]


def network(cid, layers, optimizer, steps_, seed, loss=None):
    return {"id": cid, "op": "sequential",
            "args": {"layers": layers, "loss": loss or {"type": "cross_entropy"}, "optimizer": optimizer},
            "params": params_for(layers, seed), "steps": steps_}


def cases():
    out = []
    seed = 40
    for norm in ["none", "bn", "ln", "gn", "in"]:
        for name, opt in OPTIMIZERS.items():
            seed += 1
            # Adam + L2 on every MLP and on two CNNs: the CNN cases are the big ones
            if name == "adam-l2" and norm not in ("none", "bn"):
                continue
            layers = cnn_layers(norm, true_layer_norm=name == "adamw")
            out.append(network(f"cnn-{norm}-{name}", layers, opt, steps([3, 1, 5, 5], 3, seed), seed))
    for norm in ["none", "bn", "ln"]:
        for name, opt in OPTIMIZERS.items():
            seed += 1
            out.append(network(f"mlp-{norm}-{name}", mlp_layers(norm), opt, steps([6, 10], 4, seed), seed))
    # other optimizers, options and losses
    out.append(network("cnn-bn-sgd-nesterov-decay", cnn_layers("bn"),
                       {"op": "sgd", "lr": 0.05, "momentum": 0.9, "nesterov": True, "weight_decay": 0.01},
                       steps([3, 1, 5, 5], 3, 71), 71))
    out.append(network("mlp-ln-adam-amsgrad", mlp_layers("ln"), {"op": "adam", "lr": 0.01, "amsgrad": True},
                       steps([6, 10], 4, 72), 72))
    bn_cumulative = mlp_layers("bn")
    bn_cumulative[1]["momentum"] = None
    out.append(network("mlp-bn-cumulative-sgd", bn_cumulative, {"op": "sgd", "lr": 0.1},
                       steps([6, 10], 4, 73), 73))
    out.append(network("mlp-ln-rmsprop", mlp_layers("ln"), {"op": "rmsprop", "lr": 0.01, "momentum": 0.5},
                       steps([6, 10], 4, 74), 74))
    out.append(network("mlp-none-adagrad", mlp_layers("none"), {"op": "adagrad", "lr": 0.1},
                       steps([6, 10], 4, 75), 75))
    out.append(network("mlp-bn-gelu-tanh-smoothing", mlp_layers("bn", "tanh"), OPTIMIZERS["adamw"],
                       steps([6, 10], 4, 76), 76, loss={"type": "cross_entropy", "label_smoothing": 0.1}))
    out.append(network("mlp-ln-sum-loss", mlp_layers("ln"), OPTIMIZERS["sgd"], steps([6, 10], 4, 77), 77,
                       loss={"type": "cross_entropy", "reduction": "sum"}))
    # refused steps change nothing: a later good step matches PyTorch's run without the bad one
    bad_shape = steps([3, 1, 5, 5], 3, 78)
    bad_shape.insert(1, {"mode": "train", "input": rand([3, 1, 6, 6], 1), "target": targets(3, 3, 1)})
    out.append(network("cnn-bn-refused-input", cnn_layers("bn"), OPTIMIZERS["sgd"], bad_shape, 78))
    bad_target = steps([6, 10], 4, 79)
    bad_target.insert(1, {"mode": "train", "input": rand([6, 10], 2), "target": {"shape": [6], "data": [0, 1, 4, 2, 3, 1]}})
    out.append(network("mlp-bn-target-out-of-bounds", mlp_layers("bn"), OPTIMIZERS["adamw"], bad_target, 79))
    one = steps([1, 10], 4, 80, modes=("train", "eval"))
    out.append(network("mlp-bn-batch-of-one", mlp_layers("bn"), OPTIMIZERS["sgd"], one, 80))
    mismatch = steps([5, 10], 4, 81, modes=("train",))
    mismatch[0]["target"] = targets(4, 4, 81)
    out.append(network("mlp-none-batch-mismatch", mlp_layers("none"), OPTIMIZERS["sgd"], mismatch, 81))
    # refused networks
    gn_bad = cnn_layers("gn")
    gn_bad[1]["num_groups"] = 3
    out.append(network("cnn-gn-indivisible", gn_bad, OPTIMIZERS["sgd"], [], 82))
    out.append(network("mlp-none-negative-lr", mlp_layers("none"), {"op": "adam", "lr": -0.1}, [], 83))
    out.append(network("mlp-none-sgd-without-lr", mlp_layers("none"), {"op": "sgd", "momentum": 0.9}, [], 84))
    return out
