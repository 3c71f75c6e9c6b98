#!/usr/bin/python3
"""Write the golden cases of tests/golden/ with PyTorch (Debian's python3-torch, run it with
/usr/bin/python3). The format is described in tests/golden/SCHEMA.md.

usage: /usr/bin/python3 scripts/gen_golden.py [FAMILY ...]

Each family lives in scripts/golden/FAMILY.py and lists case SPECS (op, args, params, steps with
inputs); this driver runs them through torch.nn / torch.optim in float64, from float32 inputs, and
records what PyTorch computed or raised. Nothing here is read by the tests except its output.
"""
import importlib
import json
import math
import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
OUT = os.path.join(HERE, "..", "tests", "golden")
FAMILIES = ["layer_norm", "batch_norm", "instance_norm", "group_norm", "optim"]
TOLERANCE = {"rtol": 1e-4, "atol": 1e-5}


def tensor_json(t):
    t = t.detach().double().contiguous()
    return {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1).tolist()]}


def from_json(t):
    data = torch.tensor(t["data"], dtype=torch.float32).double()
    return data.reshape(t["shape"])


def message(e):
    return str(e)


# ---- normalization modules -------------------------------------------------------------------

def make_norm(op, args):
    a = dict(args)
    if op == "layer_norm":
        bias = a.pop("bias", True)
        m = torch.nn.LayerNorm(a["normalized_shape"], eps=a.get("eps", 1e-5),
                               elementwise_affine=a.get("elementwise_affine", True))
        if not bias and m.weight is not None:
            m.register_parameter("bias", None)  # newer PyTorch's bias=False
        return m
    if op == "group_norm":
        return torch.nn.GroupNorm(a["num_groups"], a["num_channels"], eps=a.get("eps", 1e-5),
                                  affine=a.get("affine", True))
    dims = a.pop("dims")
    cls = {("batch_norm", 1): torch.nn.BatchNorm1d, ("batch_norm", 2): torch.nn.BatchNorm2d,
           ("batch_norm", 3): torch.nn.BatchNorm3d, ("instance_norm", 1): torch.nn.InstanceNorm1d,
           ("instance_norm", 2): torch.nn.InstanceNorm2d,
           ("instance_norm", 3): torch.nn.InstanceNorm3d}[(op, dims)]
    return cls(a["num_features"], **{k: v for k, v in a.items() if k != "num_features"})


def stat_count(op, module, shape):
    """How many mean/variance pairs one forward pass computes."""
    if op == "layer_norm":
        k = len(module.normalized_shape)
        return math.prod(shape[: len(shape) - k])
    if op == "batch_norm":
        return shape[1]
    if op == "group_norm":
        return shape[0] * module.num_groups
    # instance_norm: per sample and channel; an unbatched (C, ...) input is one sample
    batched = len(shape) == module_dims(module) + 2
    return (shape[0] * shape[1]) if batched else shape[0]


def module_dims(module):
    name = type(module).__name__
    return int(name[-2]) if name[-1] == "d" else 0


def run_norm(case):
    torch.manual_seed(0)
    try:
        m = make_norm(case["op"], case["args"])
    except Exception as e:  # the constructor refused
        return {"expect": {"error": message(e)}}
    m = m.double()
    with torch.no_grad():
        for name, t in case.get("params", {}).items():
            getattr(m, name).copy_(from_json(t))
    out = {
        "expect_param_shapes": {n: list(p.shape) for n, p in m.named_parameters()},
        "expect_buffer_shapes": {n: list(b.shape) for n, b in m.named_buffers()},
    }
    steps = []
    for st in case["steps"]:
        m.train(st["mode"] == "train")
        x = from_json(st["input"]).requires_grad_(True)
        for p in m.parameters():
            p.grad = None
        before = {n: b.clone() for n, b in m.named_buffers()}
        exp = {}
        try:
            y = m(x)
        except Exception as e:
            # PyTorch 1.13 counts the batch in num_batches_tracked before it validates the input.
            # The project's contract (SCHEMA.md) is that a refused call changes nothing, so the
            # count is put back; nothing else may have moved.
            with torch.no_grad():
                for n, b in m.named_buffers():
                    if n == "num_batches_tracked":
                        b.copy_(before[n])
            for n, b in m.named_buffers():
                assert torch.equal(b, before[n]), f"{case['id']}: {n} changed by a failed call"
            steps.append(dict(st, expect={"error": message(e)}))
            continue
        exp["output"] = tensor_json(y)
        exp["stat_count"] = stat_count(case["op"], m, list(x.shape))
        if "grad_output" in st:
            y.backward(from_json(st["grad_output"]))
            exp["grad_input"] = tensor_json(x.grad)
            for n, p in m.named_parameters():
                exp["grad_" + n] = tensor_json(p.grad)
        for n, b in m.named_buffers():
            exp[n] = int(b.item()) if n == "num_batches_tracked" else tensor_json(b)
        steps.append(dict(st, expect=exp))
    out["steps"] = steps
    return out


# ---- optimizers ------------------------------------------------------------------------------

OPTIMIZERS = {"sgd": torch.optim.SGD, "adam": torch.optim.Adam, "adamw": torch.optim.AdamW,
              "adagrad": torch.optim.Adagrad, "rmsprop": torch.optim.RMSprop}


def run_optim(case):
    p = from_json(case["params"]["param"]).requires_grad_(True)
    args = dict(case["args"])
    if "betas" in args:
        args["betas"] = tuple(args["betas"])
    try:
        opt = OPTIMIZERS[case["op"]]([p], foreach=False, **args)
    except Exception as e:
        return {"expect": {"error": message(e)}}
    steps = []
    for st in case["steps"]:
        p.grad = from_json(st["grad"])
        opt.step()
        exp = {"param": tensor_json(p)}
        # optimizer.state[p] after the step: its buffers by torch's names, and the step counter
        # where torch keeps one (a tensor(3.) for Adam/AdamW/Adagrad, an int for RMSprop)
        for name, value in opt.state[p].items():
            if name == "step":
                exp["step"] = int(value)
            elif value is not None:  # SGD without momentum keeps momentum_buffer = None
                exp[name] = tensor_json(value)
        steps.append(dict(st, expect=exp))
    return {"steps": steps}


def run(case):
    result = run_optim(case) if case["op"] in OPTIMIZERS else run_norm(case)
    full = {k: v for k, v in case.items() if k != "steps"}
    full["steps"] = result.pop("steps", [])
    full.update(result)
    return full


def main():
    families = sys.argv[1:] or FAMILIES
    torch.set_default_dtype(torch.float64)
    for family in families:
        specs = importlib.import_module("golden." + family).cases()
        cases = [run(c) for c in specs]
        ids = [c["id"] for c in cases]
        assert len(ids) == len(set(ids)), f"{family}: duplicate case ids"
        doc = {"source": f"PyTorch {torch.__version__}, float64 from float32 inputs, "
                         f"scripts/golden/{family}.py", "tolerance": TOLERANCE, "cases": cases}
        path = os.path.join(OUT, family + ".json")
        with open(path, "w") as f:
            json.dump(doc, f, separators=(",", ":"), allow_nan=False)  # NaN is not JSON
            f.write("\n")
        print(f"{path}: {len(cases)} cases")


if __name__ == "__main__":
    main()
