#!/usr/bin/python3
"""Fixtures for test/unit/linalg_vectors.test.ts: eigh and svd, whose vectors are unique only up
to sign (LAPACK and our Jacobi kernels pick different signs). Stored: inputs, PyTorch's values,
eigen/singular vectors normalised so that each column's largest-magnitude entry is positive (for
SVD, u_i and v_i flip together, normalised on v_i), and gradients of sign-invariant losses.

Run: /usr/bin/python3 test/unit/gen_linalg_vectors_fixtures.py
"""
import json
import os
import random

import torch


def mat(shape, seed, sym=False):
    rng = random.Random(seed)
    n = 1
    for s in shape:
        n *= s
    t = torch.tensor([round(rng.uniform(-2, 2), 4) for _ in range(n)], dtype=torch.float64).reshape(shape)
    if sym:
        t = torch.round((t + t.transpose(-2, -1)) * 5000) / 10000
    return t


def normalise(v):
    """Columns of v (..., m, k) flipped so the largest-|.| entry (first of equals) is positive."""
    idx = v.abs().argmax(dim=-2, keepdim=True)
    s = torch.sign(torch.gather(v, -2, idx))
    return v * s, s


def weights(shape):
    n = 1
    for s in shape:
        n *= s
    return torch.arange(1, n + 1, dtype=torch.float64).reshape(shape) / n


def flat(t):
    return t.detach().reshape(-1).tolist()


def eigh_case(name, a, dtype):
    x = a.to(dtype).requires_grad_()
    L, V = torch.linalg.eigh(x)
    Vn, _ = normalise(V.detach())
    W = weights(list(V.shape)).to(dtype)
    (V.abs().mul(W).sum() + L.mul(torch.arange(1, L.shape[-1] + 1, dtype=dtype)).sum()).backward()
    return {"name": name, "dtype": str(dtype).replace("torch.", ""), "shape": list(a.shape), "input": flat(x),
            "eigenvalues": flat(L), "eigenvectors": flat(Vn), "grad": flat(x.grad)}


def svd_case(name, a, dtype, full):
    x = a.to(dtype).requires_grad_()
    U, S, Vh = torch.linalg.svd(x, full_matrices=full)
    k = S.shape[-1]
    V = Vh.transpose(-2, -1)[..., :k]
    Vn, s = normalise(V.detach())
    Un = U.detach()[..., :k] * s
    WU = weights(list(U.shape)).to(dtype)
    Uk = U[..., :k] if full else U
    Vk = Vh[..., :k, :] if full else Vh
    WUk = weights(list(Uk.shape)).to(dtype)
    (Uk.abs().mul(WUk).sum() + Vk.abs().sum() + S.mul(torch.arange(1, k + 1, dtype=dtype)).sum()).backward()
    del WU
    return {"name": name, "dtype": str(dtype).replace("torch.", ""), "shape": list(a.shape), "full": full, "input": flat(x),
            "S": flat(S), "U": flat(Un), "V": flat(Vn), "U_shape": list(U.shape), "Vh_shape": list(Vh.shape), "grad": flat(x.grad)}


def main():
    cases = {"eigh": [], "svd": []}
    cases["eigh"].append(eigh_case("3x3 float32", mat([3, 3], 1, True), torch.float32))
    cases["eigh"].append(eigh_case("4x4 float64", mat([4, 4], 2, True), torch.float64))
    cases["eigh"].append(eigh_case("batched 2x3x3 float64", mat([2, 3, 3], 3, True), torch.float64))
    cases["svd"].append(svd_case("tall 4x3 float32 reduced", mat([4, 3], 4), torch.float32, False))
    cases["svd"].append(svd_case("wide 2x4 float64 full", mat([2, 4], 5), torch.float64, True))
    cases["svd"].append(svd_case("square 3x3 float64 full", mat([3, 3], 6), torch.float64, True))
    cases["svd"].append(svd_case("batched 2x3x2 float64 reduced", mat([2, 3, 2], 7), torch.float64, False))
    out = {"generator": "test/unit/gen_linalg_vectors_fixtures.py", "torch": torch.__version__, **cases}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "linalg_vectors_fixtures.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
