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
