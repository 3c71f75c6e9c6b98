"""RMSNorm cases (tests/golden/SCHEMA.md, "RMSNorm cases"): normalized_shape of one to four dims,
with and without the weight, eps null (torch.nn.RMSNorm's default) and explicit, the rows where eps
decides the result, and the shapes PyTorch refuses.

PyTorch 1.13 has no torch.nn.RMSNorm (it came in 2.4), so RMSNorm below has 2.4's arguments,
parameter and eps default and computes its formula, x * rsqrt(mean(x², normalized dims) + eps) *
weight, for autograd to differentiate in float64.

usage: /usr/bin/python3 scripts/golden/rms_norm.py   (the same as scripts/gen_golden.py rms_norm)
"""
import os
import sys

import torch

if __package__ in (None, ""):
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from golden.common import dims_id, rand, values  # noqa: E402

SEEDS = [7, 11]
# torch.nn.RMSNorm's eps=None is torch.finfo(input.dtype).eps; the cases' inputs are float32 (the
# module runs in float64 here only for the reference's precision)
FLOAT32_EPS = torch.finfo(torch.float32).eps


class RMSNorm(torch.nn.Module):
    """torch.nn.RMSNorm(normalized_shape, eps=None, elementwise_affine=True) of PyTorch >= 2.4."""

    def __init__(self, normalized_shape, eps=None, elementwise_affine=True):
        super().__init__()
        if isinstance(normalized_shape, int):
            normalized_shape = (normalized_shape,)
        self.normalized_shape = tuple(normalized_shape)
        self.eps = eps
        if elementwise_affine:
            # as 2.4: torch.empty(normalized_shape), then reset_parameters() fills it with ones
            self.weight = torch.nn.Parameter(torch.empty(self.normalized_shape))
            with torch.no_grad():
                self.weight.fill_(1.0)
        else:
            self.register_parameter("weight", None)

    def forward(self, x):
        # F.rms_norm checks its input with layer_norm's rule and message (_check_rms_norm_inputs
        # in 2.4 is _check_layer_norm_inputs' text): let layer_norm raise it
        torch.nn.functional.layer_norm(x.detach(), self.normalized_shape)
        eps = FLOAT32_EPS if self.eps is None else self.eps
        dims = tuple(range(-len(self.normalized_shape), 0))
        y = x * torch.rsqrt(x.pow(2).mean(dim=dims, keepdim=True) + eps)
        return y * self.weight if self.weight is not None else y


def case(cid, args, steps, params=None):
    c = {"id": cid, "op": "rms_norm",
         "args": dict({"eps": None, "elementwise_affine": True}, **args), "steps": steps}
    if params:
        c["params"] = params
    return c


def train(x, grad=True, seed=0):
    st = {"mode": "train", "input": x}
    if grad:
        st["grad_output"] = rand(x["shape"], seed + 1000)
    return st


def refused(shape):
    return {"mode": "train", "input": rand(shape, 1)}


def cases():
    out = []
    for seed in SEEDS:
        for shape, ns in [([6], [6]), ([2, 3, 4], [4]), ([5, 3, 7], [3, 7]), ([4, 6], [6]),
                          ([2, 3, 4, 4], [3, 4, 4]), ([3, 17], [17]), ([2, 33], [33])]:
            params = {"weight": rand(ns, seed + 1, 0.5, 1.0)}
            x2 = rand(shape, seed + 4)
            out.append(case(f"rms-{dims_id(shape)}-ns{dims_id(ns)}-s{seed}", {"normalized_shape": ns},
                            [train(rand(shape, seed), seed=seed), train(rand(shape, seed + 3), seed=seed + 3),
                             {"mode": "eval", "input": x2, "grad_output": rand(shape, seed + 5)}],
                            params))
        out.append(case(f"rms-noaffine-s{seed}", {"normalized_shape": [5], "elementwise_affine": False},
                        [train(rand([3, 5], seed), seed=seed)]))
        out.append(case(f"rms-eps-explicit-s{seed}", {"normalized_shape": [8], "eps": 1e-5},
                        [train(rand([4, 8], seed), seed=seed)], {"weight": rand([8], seed + 1, 0.5, 1.0)}))
        out.append(case(f"rms-eps-large-s{seed}", {"normalized_shape": [8], "eps": 0.1},
                        [train(rand([4, 8], seed, 0.2), seed=seed)]))
        # mean(x²) near float32's epsilon: the default eps (1.19e-7) moves every output
        out.append(case(f"rms-tiny-values-eps-null-s{seed}", {"normalized_shape": [16]},
                        [train(rand([3, 16], seed, 3e-4), seed=seed)]))
        out.append(case(f"rms-tiny-values-eps-1e-5-s{seed}", {"normalized_shape": [16], "eps": 1e-5},
                        [train(rand([3, 16], seed, 3e-4), seed=seed)]))
        # no mean is taken out: data far from zero normalizes to nearly its sign
        out.append(case(f"rms-far-from-zero-s{seed}", {"normalized_shape": [64]},
                        [train(rand([4, 64], seed, 1e-2, 1e4), seed=seed)]))
        out.append(case(f"rms-long-row-s{seed}", {"normalized_shape": [1000]},
                        [train(rand([2, 1000], seed, 3.0, -2.0), seed=seed)]))
    # eps left out of the arguments altogether: the default, as eps null
    out.append({"id": "rms-eps-absent", "op": "rms_norm", "args": {"normalized_shape": [4]},
                "steps": [train(rand([3, 4], 5), seed=5)]})
    # four normalized dims: the whole tensor is one row
    out.append(case("rms-4d-whole", {"normalized_shape": [2, 2, 3, 2]},
                    [train(rand([2, 2, 3, 2], 9), seed=9)], {"weight": rand([2, 2, 3, 2], 10, 0.5, 1.0)}))
    # a zero row: 0 * rsqrt(eps) = 0, and its gradient is grad * weight * rsqrt(eps)
    out.append(case("rms-zero-row", {"normalized_shape": [4], "eps": 1e-2},
                    [train(values([2, 4], [0, 0, 0, 0, 1, -2, 3, -4]), seed=5)]))
    out.append(case("rms-length-one", {"normalized_shape": [1]}, [train(rand([6, 1], 3), seed=3)]))
    out.append(case("rms-eval-equals-train", {"normalized_shape": [5]},
                    [train(rand([3, 5], 4), seed=4),
                     {"mode": "eval", "input": rand([3, 5], 4), "grad_output": rand([3, 5], 1004)}],
                    {"weight": rand([5], 5, 0.5, 1.0)}))
    # refused inputs: LayerNorm's messages, with their numbers
    out.append(case("rms-mismatch", {"normalized_shape": [6, 3]},
                    [refused([8, 6, 3, 4]), train(rand([8, 6, 3], 2), seed=2)]))
    out.append(case("rms-too-few-dims", {"normalized_shape": [2, 3, 4]}, [refused([3, 4])]))
    out.append(case("rms-wrong-last-dim", {"normalized_shape": [4]},
                    [refused([2, 3, 5]), train(rand([2, 3, 4], 4), seed=4)]))
    out.append(case("rms-empty-normalized-shape", {"normalized_shape": []}, [refused([2, 3])]))
    out.append(case("rms-negative-size", {"normalized_shape": [-2]}, []))
    out.append(case("rms-negative-size-no-affine", {"normalized_shape": [-2], "elementwise_affine": False},
                    [refused([3, 2])]))
    out.append(case("rms-scalar-input", {"normalized_shape": [3]},
                    [{"mode": "train", "input": values([], [0.5])}, train(rand([3], 2), seed=2)]))
    out.append(case("rms-empty-rows", {"normalized_shape": [3]}, [train(rand([0, 3], 1), seed=1)]))
    return out


if __name__ == "__main__":
    import gen_golden  # noqa: E402  (scripts/ is on the path: this file's parent's parent)
    sys.argv = [sys.argv[0], "rms_norm"]
    gen_golden.main()
