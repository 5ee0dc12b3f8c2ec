"""Helpers to write oracle cases compactly (see spec.py for the JSON format)."""
import random

import torch

from spec import enc_arg, enc_nested


def values(shape, seed, lo=-2.0, hi=2.0, decimals=4):
    """Deterministic values, rounded so they print readably; exact once cast to float32."""
    rng = random.Random(seed)
    n = 1
    for s in shape:
        n *= s
    flat = [round(rng.uniform(lo, hi), decimals) for _ in range(n)]
    return torch.tensor(flat, dtype=torch.float64).reshape(shape)


def ints(shape, seed, lo=-5, hi=5):
    rng = random.Random(seed)
    n = 1
    for s in shape:
        n *= s
    return torch.tensor([rng.randint(lo, hi) for _ in range(n)], dtype=torch.int64).reshape(shape)


def bools(shape, seed):
    rng = random.Random(seed)
    n = 1
    for s in shape:
        n *= s
    return torch.tensor([rng.random() < 0.5 for _ in range(n)]).reshape(shape)


def inp(data, dtype="float32", rg=None, permute=None):
    """An input tensor. data: nested list or a torch tensor. rg defaults to True for floats."""
    if isinstance(data, torch.Tensor):
        t = data.to(getattr(torch, dtype))
        data = t.tolist()
    else:
        t = torch.tensor(data, dtype=getattr(torch, dtype))
        data = t.tolist()  # exact values of the dtype (float32-rounded)
    if rg is None:
        rg = dtype in ("float32", "float64")
    spec = {"data": enc_nested(data), "shape": list(t.shape), "dtype": dtype, "requires_grad": rg}
    if permute is not None:
        spec["permute"] = list(permute)
    return spec


def F(shape, seed=0, lo=-2.0, hi=2.0, dtype="float32", rg=True, permute=None):
    return inp(values(shape, seed, lo, hi), dtype, rg, permute)


def I(shape, seed=0, lo=-5, hi=5):
    return inp(ints(shape, seed, lo, hi), "int64", False)


def B(shape, seed=0):
    return inp(bools(shape, seed), "bool", False)


def call(fn, *args, **kwargs):
    c = {"fn": fn, "args": enc_arg(list(args))}
    if kwargs:
        c["kwargs"] = enc_arg(kwargs)
    return c


def op(cid, inputs, fn, *args, backward=True, out_index=None, nondeterministic=False, **kwargs):
    """A one-call case: forward result, then out.backward(G) and the inputs' grads."""
    step = {"call": call(fn, *args, **kwargs)}
    if backward:
        step["backward"] = True
    if out_index is not None:
        step["out_index"] = out_index
    case = {"id": cid, "inputs": inputs, "steps": [step]}
    if nondeterministic:
        case["nondeterministic"] = True
    return case


def step(fn, *args, out=None, **kwargs):
    s = {"call": call(fn, *args, **kwargs)}
    if out is not None:
        s["out"] = out
    return s


def block(kind, *steps):
    return {"block": kind, "steps": list(steps)}


def scenario(cid, inputs, *steps):
    return {"id": cid, "inputs": inputs, "steps": list(steps)}


def loose(s):
    """Check only shape, dtype, values and requires_grad of this step's tensor: for results whose
    grad_fn is a PyTorch implementation detail we do not promise (e.g. CopyBackwards)."""
    s["loose"] = True
    return s
