"""Optimizer cases: every torch.optim option NormLab implements, each over several steps, seeds and
sizes (odd sizes exercise the kernels' scalar tails), the gradients that stress a rule (exact
zeros, scales from 1e-4 to 1e3, shrinking gradients for amsgrad), and every constructor message."""
import struct

from golden.common import rand

SEEDS = [7, 11, 23]
SHAPES = {7: [7], 11: [3, 5], 23: [33]}  # 7 = 4 + 3: one vector and a tail; 33 = 8 vectors + 1
STEPS = 5


def grads(shape, seed, steps=STEPS, scale=1.0, shrink=False):
    """One gradient per step; with shrink, each is smaller than the last, so that amsgrad's
    running maximum of v differs from v."""
    out = []
    for k in range(steps):
        s = scale / (k + 1) ** 2 if shrink else scale
        out.append({"grad": rand(shape, seed * 1000 + k, s)})
    return out


def f32(v):
    """v rounded to float32, as every input of a golden case is."""
    return struct.unpack("f", struct.pack("f", v))[0]


def with_zeros(steps):
    """Exact zeros in every gradient: 0 / (sqrt(0) + eps) must stay 0."""
    for st in steps:
        data = st["grad"]["data"]
        for i in range(0, len(data), 3):
            data[i] = 0.0
    return steps


def with_scales(steps):
    """Gradient elements from 1e-4 to 1e3 times the others: the adaptive rules rescale each."""
    for st in steps:
        data = st["grad"]["data"]
        for i in range(len(data)):
            data[i] = f32(data[i] * 10.0 ** ((i % 8) - 4))
    return steps


def case(cid, op, args, param, steps):
    return {"id": cid, "op": op, "args": args, "params": {"param": param}, "steps": steps}


# (name, op, args, gradient recipe): recipe is None (plain), "shrink", "zeros" or "scales"
RULES = [
    # SGD
    ("sgd", "sgd", {"lr": 0.1}, None),
    ("sgd-lr0", "sgd", {"lr": 0.0}, None),
    ("sgd-momentum", "sgd", {"lr": 0.1, "momentum": 0.9}, None),
    # the first buffer is the gradient itself: dampening only acts from step 2
    ("sgd-dampening", "sgd", {"lr": 0.1, "momentum": 0.9, "dampening": 0.5}, None),
    ("sgd-negative-dampening", "sgd", {"lr": 0.1, "momentum": 0.5, "dampening": -0.5}, None),
    ("sgd-dampening-no-momentum", "sgd", {"lr": 0.1, "dampening": 0.3}, None),
    ("sgd-nesterov", "sgd", {"lr": 0.05, "momentum": 0.9, "nesterov": True}, None),
    ("sgd-weight-decay", "sgd", {"lr": 0.1, "weight_decay": 0.01}, None),
    ("sgd-momentum-weight-decay", "sgd", {"lr": 0.1, "momentum": 0.5, "weight_decay": 0.1}, None),
    ("sgd-maximize", "sgd", {"lr": 0.1, "maximize": True}, None),
    # maximize negates the gradient before the decay term is added: decay still pulls to 0
    ("sgd-maximize-all", "sgd",
     {"lr": 0.1, "momentum": 0.9, "nesterov": True, "weight_decay": 0.1, "maximize": True}, None),
    # Adam
    ("adam", "adam", {}, None),
    ("adam-lr-betas", "adam", {"lr": 0.01, "betas": [0.8, 0.99]}, None),
    ("adam-betas-zero", "adam", {"lr": 0.01, "betas": [0.0, 0.0]}, None),
    ("adam-eps", "adam", {"lr": 0.01, "eps": 0.1}, None),
    ("adam-weight-decay", "adam", {"lr": 0.01, "weight_decay": 0.1}, None),
    ("adam-amsgrad", "adam", {"lr": 0.01, "amsgrad": True}, "shrink"),
    ("adam-maximize", "adam", {"lr": 0.01, "maximize": True}, None),
    ("adam-all", "adam", {"lr": 0.02, "betas": [0.5, 0.9], "eps": 1e-6, "weight_decay": 0.05,
                          "amsgrad": True, "maximize": True}, "shrink"),
    ("adam-zero-grads", "adam", {"lr": 0.01}, "zeros"),
    ("adam-grad-scales", "adam", {"lr": 0.01, "weight_decay": 0.1}, "scales"),
    # AdamW
    ("adamw", "adamw", {}, None),
    ("adamw-weight-decay", "adamw", {"lr": 0.01, "weight_decay": 0.1}, None),
    ("adamw-no-decay", "adamw", {"lr": 0.01, "weight_decay": 0.0}, None),
    ("adamw-amsgrad", "adamw", {"lr": 0.01, "amsgrad": True}, "shrink"),
    ("adamw-maximize", "adamw", {"lr": 0.01, "weight_decay": 0.1, "maximize": True}, None),
    ("adamw-all", "adamw", {"lr": 0.02, "betas": [0.5, 0.9], "eps": 1e-6, "weight_decay": 0.05,
                            "amsgrad": True, "maximize": True}, "shrink"),
    ("adamw-grad-scales", "adamw", {"lr": 0.01, "weight_decay": 0.1}, "scales"),
    # Adagrad
    ("adagrad", "adagrad", {}, None),
    ("adagrad-lr-decay", "adagrad", {"lr": 0.1, "lr_decay": 0.5}, None),
    ("adagrad-weight-decay", "adagrad", {"lr": 0.1, "weight_decay": 0.1}, None),
    ("adagrad-initial-accumulator", "adagrad", {"lr": 0.1, "initial_accumulator_value": 0.5}, None),
    ("adagrad-eps", "adagrad", {"lr": 0.1, "eps": 0.1}, None),
    ("adagrad-maximize", "adagrad", {"lr": 0.1, "weight_decay": 0.1, "maximize": True}, None),
    ("adagrad-zero-grads", "adagrad", {"lr": 0.1}, "zeros"),
    # RMSprop
    ("rmsprop", "rmsprop", {}, None),
    ("rmsprop-alpha", "rmsprop", {"lr": 0.01, "alpha": 0.9}, None),
    ("rmsprop-eps", "rmsprop", {"lr": 0.01, "eps": 0.1}, None),
    ("rmsprop-weight-decay", "rmsprop", {"lr": 0.01, "weight_decay": 0.1}, None),
    ("rmsprop-momentum", "rmsprop", {"lr": 0.01, "momentum": 0.9}, None),
    ("rmsprop-centered", "rmsprop", {"lr": 0.01, "centered": True}, None),
    ("rmsprop-centered-momentum", "rmsprop",
     {"lr": 0.01, "alpha": 0.9, "momentum": 0.5, "centered": True}, None),
    ("rmsprop-maximize", "rmsprop", {"lr": 0.01, "weight_decay": 0.1, "maximize": True}, None),
    ("rmsprop-grad-scales", "rmsprop", {"lr": 0.01, "momentum": 0.9}, "scales"),
]

# Arguments the constructors refuse, one case per message (and the order of the checks).
REFUSED = [
    ("sgd-no-lr", "sgd", {"momentum": 0.9}),
    ("sgd-bad-lr", "sgd", {"lr": -1.0}),
    ("sgd-bad-momentum", "sgd", {"lr": 0.1, "momentum": -0.5}),
    ("sgd-bad-weight-decay", "sgd", {"lr": 0.1, "weight_decay": -1e-05}),
    ("sgd-nesterov-no-momentum", "sgd", {"lr": 0.1, "nesterov": True}),
    ("sgd-nesterov-dampening", "sgd", {"lr": 0.1, "momentum": 0.9, "dampening": 0.1, "nesterov": True}),
    ("sgd-bad-lr-first", "sgd", {"lr": -1.0, "momentum": -1.0}),
    ("sgd-bad-momentum-before-missing-lr", "sgd", {"momentum": -1.0}),
    ("sgd-unexpected-betas", "sgd", {"lr": 0.1, "betas": [0.9, 0.99]}),
    ("adam-bad-lr", "adam", {"lr": -1.0}),
    ("adam-bad-eps", "adam", {"eps": -1e-08}),
    ("adam-bad-beta0", "adam", {"betas": [1.0, 0.999]}),
    ("adam-negative-beta0", "adam", {"betas": [-0.1, 0.999]}),
    ("adam-bad-beta1", "adam", {"betas": [0.9, 1.0]}),
    ("adam-bad-weight-decay", "adam", {"weight_decay": -0.01}),
    ("adam-bad-lr-first", "adam", {"lr": -1.0, "eps": -1.0}),
    ("adam-unexpected-momentum", "adam", {"momentum": 0.9}),
    ("adamw-bad-lr", "adamw", {"lr": -0.001}),
    ("adamw-bad-eps", "adamw", {"eps": -1.0}),
    ("adamw-bad-beta0", "adamw", {"betas": [1.5, 0.999]}),
    ("adamw-bad-beta1", "adamw", {"betas": [0.9, 1.5]}),
    ("adamw-bad-weight-decay", "adamw", {"weight_decay": -1.0}),
    ("adamw-unexpected-centered", "adamw", {"centered": True}),
    ("adagrad-bad-lr", "adagrad", {"lr": -1.0}),
    ("adagrad-bad-lr-decay", "adagrad", {"lr_decay": -1.0}),
    ("adagrad-bad-weight-decay", "adagrad", {"weight_decay": -1.0}),
    ("adagrad-bad-initial-accumulator", "adagrad", {"initial_accumulator_value": -1.0}),
    ("adagrad-bad-eps", "adagrad", {"eps": -1.0}),
    ("adagrad-unexpected-momentum", "adagrad", {"momentum": 0.9}),
    ("rmsprop-bad-lr", "rmsprop", {"lr": -1.0}),
    ("rmsprop-bad-eps", "rmsprop", {"eps": -1.0}),
    ("rmsprop-bad-momentum", "rmsprop", {"momentum": -1.0}),
    ("rmsprop-bad-weight-decay", "rmsprop", {"weight_decay": -1.0}),
    ("rmsprop-bad-alpha", "rmsprop", {"alpha": -1.0}),
    ("rmsprop-unexpected-amsgrad", "rmsprop", {"amsgrad": True}),
]


def cases():
    out = []
    for name, op, args, recipe in RULES:
        for seed in SEEDS:
            shape = SHAPES[seed]
            if recipe == "shrink":
                steps = grads(shape, seed, steps=STEPS + 1, scale=2.0, shrink=True)
            else:
                steps = grads(shape, seed)
            if recipe == "zeros":
                steps = with_zeros(steps)
            elif recipe == "scales":
                steps = with_scales(steps)
            out.append(case(f"{name}-s{seed}", op, args, rand(shape, seed), steps))
    for name, op, args in REFUSED:
        out.append(case(name, op, args, rand([3], 1), []))
    return out
