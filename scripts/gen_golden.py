#!/usr/bin/python3
"""Write the golden cases of tests/golden/ with PyTorch (Debian's python3-torch, run it with
/usr/bin/python3). The format is described in tests/golden/SCHEMA.md.

usage: /usr/bin/python3 scripts/gen_golden.py [FAMILY ...]

Each family lives in scripts/golden/FAMILY.py and lists case SPECS (op, args, params, steps with
inputs); this driver runs them through torch.nn / torch.optim in float64, from float32 inputs, and
records what PyTorch computed or raised. Nothing here is read by the tests except its output.
"""
import contextlib
import importlib
import json
import math
import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
OUT = os.path.join(HERE, "..", "tests", "golden")
FAMILIES = ["layer_norm", "batch_norm", "instance_norm", "group_norm", "rms_norm", "optim",
            "train_layers", "train_networks", "pitfalls"]
# a family module may set its own TOLERANCE, and DIGITS (significant digits kept per value)
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
    if op == "rms_norm":
        from golden.rms_norm import RMSNorm  # PyTorch 1.13 has no torch.nn.RMSNorm
        return RMSNorm(a["normalized_shape"], eps=a.get("eps"),
                       elementwise_affine=a.get("elementwise_affine", True))
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
    dims = a.pop("dims", 2)  # as NormLab: 2 when a layer spec leaves it out
    cls = {("batch_norm", 1): torch.nn.BatchNorm1d, ("batch_norm", 2): torch.nn.BatchNorm2d,
           ("batch_norm", 3): torch.nn.BatchNorm3d, ("instance_norm", 1): torch.nn.InstanceNorm1d,
           ("instance_norm", 2): torch.nn.InstanceNorm2d,
           ("instance_norm", 3): torch.nn.InstanceNorm3d}[(op, dims)]
    return cls(a["num_features"], **{k: v for k, v in a.items() if k != "num_features"})


def stat_count(op, module, shape):
    """How many mean/variance pairs one forward pass computes."""
    if op in ("layer_norm", "rms_norm"):
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
        # "grad": false runs the forward under torch.no_grad() (what a validation loop does)
        grad = st.get("grad", True)
        x = from_json(st["input"]).requires_grad_(grad)
        for p in m.parameters():
            p.grad = None
        before = {n: b.clone() for n, b in m.named_buffers()}
        exp = {}
        try:
            with contextlib.nullcontext() if grad else torch.no_grad():
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


# ---- training layers, cross-entropy and whole networks -------------------------------------

LAYERS = {"linear", "conv2d", "relu", "gelu", "avg_pool2d", "flatten"}


def make_layer(op, args):
    a = dict(args)
    if op == "linear":
        return torch.nn.Linear(a["in_features"], a["out_features"], bias=a.get("bias", True))
    if op == "conv2d":
        return torch.nn.Conv2d(a["in_channels"], a["out_channels"], a["kernel_size"],
                               stride=a.get("stride", 1), padding=a.get("padding", 0),
                               bias=a.get("bias", True))
    if op == "relu":
        return torch.nn.ReLU()
    if op == "gelu":
        return torch.nn.GELU(approximate=a.get("approximate", "none"))
    if op == "avg_pool2d":
        return torch.nn.AvgPool2d(a["kernel_size"], stride=a.get("stride"),
                                  padding=a.get("padding", 0))
    if op == "flatten":
        return torch.nn.Flatten()
    return make_norm(op, a)


def run_layer(case):
    torch.manual_seed(0)
    try:
        m = make_layer(case["op"], case.get("args", {}))
    except Exception as e:
        return {"expect": {"error": message(e)}}
    m = m.double()
    with torch.no_grad():
        for name, t in case.get("params", {}).items():
            getattr(m, name).copy_(from_json(t))
    out = {"expect_param_shapes": {n: list(p.shape) for n, p in m.named_parameters()}}
    steps = []
    for st in case["steps"]:
        m.train(st["mode"] == "train")
        x = from_json(st["input"]).requires_grad_(True)
        for p in m.parameters():
            p.grad = None
        try:
            y = m(x)
        except Exception as e:
            steps.append(dict(st, expect={"error": message(e)}))
            continue
        exp = {"output": tensor_json(y)}
        if "grad_output" in st:
            y.backward(from_json(st["grad_output"]))
            exp["grad_input"] = tensor_json(x.grad)
            for n, p in m.named_parameters():
                exp["grad_" + n] = tensor_json(p.grad)
        steps.append(dict(st, expect=exp))
    out["steps"] = steps
    return out


def target_of(t):
    return torch.tensor(t["data"], dtype=torch.long).reshape(t["shape"])


def loss_kwargs(args):
    return {k: args[k] for k in ("reduction", "label_smoothing", "ignore_index") if k in args}


def run_cross_entropy(case):
    steps = []
    for st in case["steps"]:
        x = from_json(st["input"]).requires_grad_(True)
        try:
            y = torch.nn.functional.cross_entropy(x, target_of(st["target"]),
                                                  **loss_kwargs(case.get("args", {})))
        except Exception as e:
            steps.append(dict(st, expect={"error": message(e)}))
            continue
        exp = {"output": tensor_json(y)}
        if "grad_output" in st:
            y.backward(from_json(st["grad_output"]))
            exp["grad_input"] = tensor_json(x.grad)
        steps.append(dict(st, expect=exp))
    return {"steps": steps}


def make_sequential(args):
    layers = []
    for spec in args["layers"]:
        spec = dict(spec)
        layers.append(make_layer(spec.pop("type"), spec))
    return torch.nn.Sequential(*layers)


def make_optimizer(model, spec):
    spec = dict(spec)
    op = spec.pop("op")
    if "betas" in spec:
        spec["betas"] = tuple(spec["betas"])
    return OPTIMIZERS[op](model.parameters(), foreach=False, **spec)


def train_network(case, dtype):
    """The case's steps on a network in `dtype`: [(expect or error)]."""
    args = case["args"]
    torch.manual_seed(0)
    model = make_sequential(args).to(dtype)
    with torch.no_grad():
        params = dict(model.named_parameters())
        for name, t in case.get("params", {}).items():
            params[name].copy_(from_json(t).to(dtype))
    opt = make_optimizer(model, args["optimizer"])
    loss_fn = torch.nn.CrossEntropyLoss(**loss_kwargs(args.get("loss", {})))
    results = []
    for st in case["steps"]:
        training = st["mode"] == "train"
        model.train(training)
        x = from_json(st["input"]).to(dtype)
        before = {k: v.clone() for k, v in model.state_dict().items()}
        try:
            if training:
                opt.zero_grad()
                out = model(x)
                loss = loss_fn(out, target_of(st["target"]))
                loss.backward()
                opt.step()
            else:
                with torch.no_grad():
                    out = model(x)
                    loss = loss_fn(out, target_of(st["target"]))
        except Exception as e:
            # the project's contract: a refused step changes nothing (torch may have moved an
            # earlier BatchNorm's running statistics before a later layer refused the input)
            model.load_state_dict(before)
            results.append({"error": message(e)})
            continue
        exp = {"output": tensor_json(out), "loss": tensor_json(loss)}
        for n, p in model.named_parameters():
            exp["param:" + n] = tensor_json(p)
        for n, b in model.named_buffers():
            exp["buffer:" + n] = int(b.item()) if n.endswith("num_batches_tracked") else tensor_json(b)
        results.append(exp)
    return model, results


def check_conditioning(cid, want, got, tol):
    """float32 training must land within a tenth of the tolerance of float64's, or the case is
    too sensitive (a ReLU kink, an Adam step on a near-zero gradient) to be a fair golden case."""
    for i, (w, g) in enumerate(zip(want, got)):
        if "error" in w:
            continue
        for k, v in w.items():
            if not isinstance(v, dict):
                continue
            for a, b in zip(v["data"], g[k]["data"]):
                assert abs(a - b) <= (tol["atol"] + tol["rtol"] * abs(a)) / 10, \
                    f"{cid}: step {i} {k}: float32 {b} vs float64 {a}: pick another seed"


def run_sequential(case, tol):
    try:
        model, results = train_network(case, torch.float64)
    except Exception as e:
        return {"expect": {"error": message(e)}}
    _, results32 = train_network(case, torch.float32)
    check_conditioning(case["id"], results, results32, tol)
    return {
        "expect_param_shapes": {n: list(p.shape) for n, p in model.named_parameters()},
        "expect_buffer_shapes": {n: list(b.shape) for n, b in model.named_buffers()},
        "steps": [dict(st, expect=exp) for st, exp in zip(case["steps"], results)],
    }


def round_values(obj, digits):
    """Every float to `digits` significant digits (the files stay small; float32 inputs survive
    9 digits exactly)."""
    if isinstance(obj, float):
        return float(f"{obj:.{digits}g}")
    if isinstance(obj, list):
        return [round_values(v, digits) for v in obj]
    if isinstance(obj, dict):
        return {k: round_values(v, digits) for k, v in obj.items()}
    return obj


def round_case(case, digits, expect_digits):
    """Inputs to `digits` (9 keeps every float32 exact), expected values to `expect_digits`."""
    out = {}
    for k, v in case.items():
        if k == "steps":
            out[k] = [{sk: round_values(sv, expect_digits if sk == "expect" else digits)
                       for sk, sv in st.items()} for st in v]
        else:
            out[k] = round_values(v, expect_digits if k == "expect" else digits)
    return out


def run(case, tol=TOLERANCE):
    op = case["op"]
    if op in OPTIMIZERS:
        result = run_optim(case)
    elif op in LAYERS or (op in ("batch_norm", "layer_norm", "instance_norm", "group_norm")
                          and case.get("layer")):
        result = run_layer(case)
    elif op == "cross_entropy":
        result = run_cross_entropy(case)
    elif op == "sequential":
        result = run_sequential(case, tol)
    else:
        result = run_norm(case)
    full = {k: v for k, v in case.items() if k != "steps"}
    full["steps"] = result.pop("steps", [])
    full.update(result)
    return full


def main():
    families = sys.argv[1:] or FAMILIES
    torch.set_default_dtype(torch.float64)
    for family in families:
        mod = importlib.import_module("golden." + family)
        tol = getattr(mod, "TOLERANCE", TOLERANCE)
        cases = [run(c, tol) for c in mod.cases()]
        if hasattr(mod, "check"):  # a family's own claims about what PyTorch computed
            mod.check(cases)
        ids = [c["id"] for c in cases]
        assert len(ids) == len(set(ids)), f"{family}: duplicate case ids"
        source = f"PyTorch {torch.__version__}, float64 from float32 inputs, scripts/golden/{family}.py"
        digits, expect_digits = getattr(mod, "DIGITS", None), getattr(mod, "EXPECT_DIGITS", None)
        if digits:
            cases = [round_case(c, digits, expect_digits or digits) for c in cases]
            source += (f", inputs to {digits} and expected values to {expect_digits or digits} "
                       "significant digits")
        doc = {"source": source, "tolerance": tol, "cases": cases}
        path = os.path.join(OUT, family + ".json")
        with open(path, "w") as f:
            json.dump(doc, f, separators=(",", ":"), allow_nan=False)  # NaN is not JSON
            f.write("\n")
        print(f"{path}: {len(cases)} cases")


if __name__ == "__main__":
    main()
