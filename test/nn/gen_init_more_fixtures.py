# Writes test/nn/init_more_fixtures.json from PyTorch 1.13 (run with /usr/bin/python3): seeded
# nn.init.trunc_normal_, orthogonal_, sparse_, dirac_ values and the generator's next draws after them.
import json, os
import torch
import torch.nn.init as I

HERE = os.path.dirname(os.path.abspath(__file__))


def flat(t):
    return [float(v) for v in t.reshape(-1).tolist()]


cases = []
for seed, shape, kw in [(0, [5], {}), (1, [64, 33], {}), (2, [10, 10], {"mean": 0.5, "std": 0.2, "a": 0.0, "b": 1.0}),
                        (3, [300], {"std": 0.02, "a": -0.04, "b": 0.04}), (4, [7, 3], {"dtype": "float64"})]:
    torch.manual_seed(seed)
    kw = dict(kw)
    dtype = getattr(torch, kw.pop("dtype", "float32"))
    t = torch.empty(shape, dtype=dtype)
    I.trunc_normal_(t, **kw)
    cases.append({"fn": "trunc_normal_", "seed": seed, "shape": shape, "dtype": str(dtype)[6:], "kw": kw, "values": flat(t), "next": flat(torch.rand(4))})
for seed, shape, gain in [(0, [3, 5], 1.0), (1, [6, 4], 2.0), (2, [4, 2, 3], 1.0), (3, [8, 8], 0.5)]:
    torch.manual_seed(seed)
    t = torch.empty(shape)
    I.orthogonal_(t, gain)
    cases.append({"fn": "orthogonal_", "seed": seed, "shape": shape, "dtype": "float32", "kw": {"gain": gain}, "values": flat(t), "next": flat(torch.rand(4))})
torch.manual_seed(5)
t = torch.empty(6, 4)
I.sparse_(t, 0.5)
cases.append({"fn": "sparse_", "seed": 5, "shape": [6, 4], "dtype": "float32", "kw": {"sparsity": 0.5}, "values": flat(t), "next": flat(torch.rand(4))})
t = torch.empty(4, 2, 3, 3)
I.dirac_(t, 2)
cases.append({"fn": "dirac_", "seed": None, "shape": [4, 2, 3, 3], "dtype": "float32", "kw": {"groups": 2}, "values": flat(t), "next": []})
# glibc's erff (what ATen's float32 erfinv calls) and torch.erfinv itself on float32 samples
import ctypes
libm = ctypes.CDLL("libm.so.6")
libm.erff.restype = ctypes.c_float
libm.erff.argtypes = [ctypes.c_float]
torch.manual_seed(11)
xs = torch.cat([torch.linspace(-6.5, 6.5, 2601), torch.randn(2000) * 2]).tolist()
ys = (torch.rand(4000) * 2 - 1).tolist()
extra = {"erff_x": xs, "erff": [libm.erff(v) for v in xs], "erfinv_y": ys, "erfinv": torch.tensor(ys).erfinv().tolist()}
json.dump({"cases": cases, **extra}, open(os.path.join(HERE, "init_more_fixtures.json"), "w"))
