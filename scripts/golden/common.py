"""Helpers for the case lists: float32 random tensors, seeded per case."""
import torch


def rand(shape, seed, scale=1.0, shift=0.0):
    g = torch.Generator().manual_seed(seed)
    t = (torch.randn(*shape, generator=g, dtype=torch.float32) * scale + shift).float()
    return {"shape": list(shape), "data": [float(v) for v in t.reshape(-1).tolist()]}


def const(shape, value):
    n = 1
    for d in shape:
        n *= d
    return {"shape": list(shape), "data": [float(torch.tensor(value, dtype=torch.float32))] * n}


def values(shape, data):
    return {"shape": list(shape), "data": [float(torch.tensor(v, dtype=torch.float32)) for v in data]}


def dims_id(shape):
    return "x".join(str(d) for d in shape)


# ---- the steps of a normalization case --------------------------------------------------------

def norm_case(op, defaults, cid, args, steps, params=None):
    """A case of `op` whose constructor arguments are `defaults` overridden by `args`."""
    c = {"id": cid, "op": op, "args": dict(defaults, **args), "steps": steps}
    if params:
        c["params"] = params
    return c


def step(mode, x, seed=None):
    """A forward in `mode`; with a seed, also a backward with a random grad_output."""
    st = {"mode": mode, "input": x}
    if seed is not None:
        st["grad_output"] = rand(x["shape"], seed + 1000)
    return st


def train(shape, seed, **kw):
    return step("train", rand(shape, seed, **kw), seed)


def evaluate(shape, seed, **kw):
    return step("eval", rand(shape, seed, **kw), seed)


def affine_params(c, seed):
    """Per-channel weight near 1 and bias near 0, not PyTorch's init, so the affine shows."""
    return {"weight": rand([c], seed + 1, 0.5, 1.0), "bias": rand([c], seed + 2, 0.5)}


def refused(shape, mode="train"):
    """A step PyTorch refuses: the input alone, its expect will be the error."""
    return {"mode": mode, "input": rand(shape, 1)}
