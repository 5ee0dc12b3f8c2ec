"""Writes test/random/fixtures.json: PyTorch 1.13's CPU random numbers for random.test.ts.

Run with the oracle interpreter: /usr/bin/python3 test/random/gen_fixtures.py
Each case seeds the default generator, runs a sequence of ops on it (so the mt19937 position and
the cached Box-Muller sample carry from op to op) and records every op's values plus the final
torch.get_rng_state() bytes. Floats are written with repr(), which round-trips binary64 exactly
(float32 values are widened exactly first), so the test can compare bit for bit.
"""
import hashlib
import json
import math
import os

import torch
import torch.nn.functional as F

SEEDS = [0, 1, 42, 1234, 2**40 + 7]
SIZES = [1, 2, 7, 15, 16, 17, 31, 32, 33, 100, 1000]
DTYPES = {"float32": torch.float32, "float64": torch.float64, "int64": torch.int64, "bool": torch.bool}


def values(t):
    t = t.reshape(-1)
    if t.dtype == torch.bool:
        return [int(v) for v in t.tolist()]
    return t.tolist()  # float32 widens exactly to Python floats; int64 stays int


def run(op):
    kind, n, dt = op["op"], op["n"], DTYPES[op.get("dtype", "float32")]
    if kind == "rand":
        return torch.rand(n, dtype=dt)
    if kind == "uniform":
        return torch.empty(n, dtype=dt).uniform_(op["from"], op["to"])
    if kind == "randn":
        return torch.randn(n, dtype=dt)
    if kind == "normal":
        return torch.empty(n, dtype=dt).normal_(op["mean"], op["std"])
    if kind == "randint":
        return torch.randint(op["low"], op["high"], (n,), dtype=dt)
    if kind == "random_full":
        return torch.empty(n, dtype=dt).random_()
    if kind == "randperm":
        return torch.randperm(n)
    if kind == "bernoulli_scalar":
        return torch.empty(n, dtype=dt).bernoulli_(op["p"])
    if kind == "bernoulli_tensor":
        probs = torch.tensor(op["probs"], dtype=DTYPES[op["probs_dtype"]])
        return torch.bernoulli(probs).to(dt) if probs.dtype != dt else torch.bernoulli(probs)
    if kind == "dropout":
        return F.dropout(torch.ones(n, dtype=dt), op["p"], training=True)
    if kind == "linear_init":
        layer = torch.nn.Linear(op["in"], op["out"])
        return torch.cat([layer.weight.detach().reshape(-1), layer.bias.detach()])
    if kind == "conv2d_init":
        layer = torch.nn.Conv2d(op["in"], op["out"], op["k"])
        return torch.cat([layer.weight.detach().reshape(-1), layer.bias.detach()])
    if kind == "kaiming_normal":
        t = torch.empty(op["out"], op["in"], dtype=dt)
        torch.nn.init.kaiming_normal_(t, mode="fan_out", nonlinearity="relu")
        return t
    if kind == "xavier_uniform":
        t = torch.empty(op["out"], op["in"], dtype=dt)
        torch.nn.init.xavier_uniform_(t)
        return t
    raise ValueError(kind)


def case(name, seed, ops, full_state=False):
    torch.manual_seed(seed)
    for op in ops:
        op["values"] = values(run(op))
    state = bytes(torch.get_rng_state().tolist())
    c = {"name": name, "seed": seed, "ops": ops, "state_sha256": hashlib.sha256(state).hexdigest()}
    if full_state:
        c["state"] = state.hex()  # the test also loads PyTorch's bytes with set_state()
    return c


def probs(n, k):
    # Fixed, non-random probabilities covering 0, 1 and values in between.
    return [((i * 37 + k) % 101) / 100.0 for i in range(n)]


def main():
    cases = []
    for seed in SEEDS:
        for n in SIZES:
            for dt in ["float32", "float64"]:
                cases.append(case(f"rand {dt} n={n} seed={seed}", seed, [{"op": "rand", "n": n, "dtype": dt}]))
                cases.append(case(f"randn {dt} n={n} seed={seed}", seed, [{"op": "randn", "n": n, "dtype": dt}]))
                cases.append(case(f"uniform_ {dt} n={n} seed={seed}", seed,
                                  [{"op": "uniform", "n": n, "dtype": dt, "from": -2.5, "to": 3.7}]))
                cases.append(case(f"normal_ {dt} n={n} seed={seed}", seed,
                                  [{"op": "normal", "n": n, "dtype": dt, "mean": 0.3, "std": 2.1}]))
                cases.append(case(f"bernoulli_(0.3) {dt} n={n} seed={seed}", seed,
                                  [{"op": "bernoulli_scalar", "n": n, "dtype": dt, "p": 0.3}]))
                cases.append(case(f"bernoulli(probs) {dt} n={n} seed={seed}", seed,
                                  [{"op": "bernoulli_tensor", "n": n, "dtype": dt, "probs_dtype": dt, "probs": probs(n, seed % 7)}]))
                cases.append(case(f"dropout(p=0.25) {dt} n={n} seed={seed}", seed,
                                  [{"op": "dropout", "n": n, "dtype": dt, "p": 0.25}]))
            cases.append(case(f"randint(0, 10) n={n} seed={seed}", seed, [{"op": "randint", "n": n, "dtype": "int64", "low": 0, "high": 10}]))
            cases.append(case(f"randint(-5, 1000003) n={n} seed={seed}", seed,
                              [{"op": "randint", "n": n, "dtype": "int64", "low": -5, "high": 1000003}]))
            cases.append(case(f"randint(-2**40, 2**40) n={n} seed={seed}", seed,
                              [{"op": "randint", "n": n, "dtype": "int64", "low": -2**40, "high": 2**40}]))
            cases.append(case(f"randperm n={n} seed={seed}", seed, [{"op": "randperm", "n": n}]))
        # Mixed sequences: the generator position and the cached normal carry across ops.
        cases.append(case(f"mixed sequence seed={seed}", seed, [
            {"op": "rand", "n": 7, "dtype": "float32"},
            {"op": "randn", "n": 5, "dtype": "float32"},   # odd count: leaves a cached sample
            {"op": "randn", "n": 3, "dtype": "float64"},   # uses the cache first
            {"op": "randint", "n": 9, "dtype": "int64", "low": 3, "high": 17},
            {"op": "randperm", "n": 10},
            {"op": "randn", "n": 17, "dtype": "float32"},  # vector path: cache untouched
            {"op": "randn", "n": 1, "dtype": "float32"},   # takes the sample cached above
            {"op": "uniform", "n": 20, "dtype": "float64", "from": -1.0, "to": 1.0},
            {"op": "normal", "n": 33, "dtype": "float64", "mean": -1.5, "std": 0.5},
            {"op": "bernoulli_scalar", "n": 12, "dtype": "float32", "p": 0.5},
            {"op": "randn", "n": 1, "dtype": "float32"},   # leaves a cached sample in the state
        ], full_state=True))
        cases.append(case(f"random_() full range seed={seed}", seed, [
            {"op": "random_full", "n": 20, "dtype": "float32"},
            {"op": "random_full", "n": 20, "dtype": "float64"},
            {"op": "random_full", "n": 20, "dtype": "bool"},
            {"op": "randint", "n": 20, "dtype": "float32", "low": -3, "high": 2**33},
            {"op": "randint", "n": 20, "dtype": "bool", "low": 0, "high": 2},
            {"op": "bernoulli_scalar", "n": 20, "dtype": "bool", "p": 0.7},
            {"op": "bernoulli_tensor", "n": 20, "dtype": "float32", "probs_dtype": "float64", "probs": probs(20, 3)},
        ]))
        cases.append(case(f"layer init seed={seed}", seed, [
            {"op": "linear_init", "n": 6 * 5 + 6, "in": 5, "out": 6},
            {"op": "linear_init", "n": 512 * 10 + 10, "in": 512, "out": 10},
            {"op": "conv2d_init", "n": 4 * 3 * 3 * 3 + 4, "in": 3, "out": 4, "k": 3},
            {"op": "kaiming_normal", "n": 8 * 20, "in": 20, "out": 8, "dtype": "float32"},
            {"op": "xavier_uniform", "n": 7 * 9, "in": 9, "out": 7, "dtype": "float32"},
        ]))
    # Odd uniform bounds and large normal arguments exercise the FMA rounding.
    for seed in SEEDS[:2]:
        cases.append(case(f"uniform_ odd bounds seed={seed}", seed, [
            {"op": "uniform", "n": 1000, "dtype": "float32", "from": -0.37, "to": 1.9},
            {"op": "uniform", "n": 1000, "dtype": "float64", "from": -0.37, "to": 1.9},
            {"op": "uniform", "n": 100, "dtype": "float32", "from": 1e-3, "to": 1e6},
            {"op": "normal", "n": 1000, "dtype": "float32", "mean": 123.456, "std": 1e-3},
            {"op": "normal", "n": 10, "dtype": "float32", "mean": 123.456, "std": 1e-3},
        ]))
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures.json")
    with open(out, "w") as f:
        json.dump({"torch": torch.__version__, "cases": cases}, f, separators=(",", ":"))
    print(f"{len(cases)} cases, {sum(len(c['ops']) for c in cases)} ops -> {out}")


if __name__ == "__main__":
    main()
