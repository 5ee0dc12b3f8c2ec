"""Generate test/printing/fixtures.json: PyTorch 1.13's exact str(tensor) text for many tensors.

Run with the interpreter that has torch:  /usr/bin/python3 test/printing/gen_fixtures.py

Each tensor case stores the exact element values (float32 values as the exact doubles they widen
to; "nan"/"inf"/"-inf" as strings since JSON has no such numbers) or, for huge tensors, a formula
both sides evaluate exactly; the print options in force; the suffix facts (requires_grad, grad_fn
class name, Parameter, default dtype); and PyTorch's own str(t).
"""

import json
import math
import os
import random

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures.json")

cases = []
DTYPES = {torch.float32: "float32", torch.float64: "float64", torch.int64: "int64", torch.bool: "bool"}


def enc(v):
    if isinstance(v, bool):
        return 1 if v else 0
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
    return v


def record(name, t, options=None, default_dtype=None, gen=None):
    """Print t under the given options / default dtype, and store everything needed to redo it."""
    if default_dtype is not None:
        torch.set_default_dtype(default_dtype)
    if options is not None:
        torch.set_printoptions(**options)
    try:
        text = str(t)
    finally:
        torch.set_printoptions(profile="default")
        torch.set_default_dtype(torch.float32)
    case = {
        "name": name,
        "shape": list(t.shape),
        "dtype": DTYPES[t.dtype],
        "requires_grad": bool(t.requires_grad),
        "grad_fn": type(t.grad_fn).__name__ if t.grad_fn is not None else None,
        "is_parameter": isinstance(t, torch.nn.Parameter),
        "default_dtype": DTYPES[default_dtype] if default_dtype is not None else "float32",
        "options": options,
        "expected": text,
    }
    if gen is not None:
        case["gen"] = gen
    else:
        case["values"] = [enc(v) for v in t.detach().reshape(-1).tolist()]
    cases.append(case)


def hash_tensor(shape, dtype, mul=7919, add=13, mod=10007, offset=-5003, scale=1 / 256, specials=None):
    """Deterministic values ((i*mul+add) % mod + offset) * scale, exact in float32; specials override."""
    n = 1
    for s in shape:
        n *= s
    i = torch.arange(n, dtype=torch.int64)
    base = ((i * mul + add) % mod + offset).to(torch.float64) * scale
    if dtype == torch.bool:
        t = ((i * mul + add) % mod) % 2 == 1
    elif dtype == torch.int64:
        t = ((i * mul + add) % mod + offset)
    else:
        t = base.to(dtype)
    sp = {}
    for k, v in (specials or {}).items():
        t[k] = v
        sp[str(k)] = enc(float(v))
    gen = {"kind": "hash", "mul": mul, "add": add, "mod": mod, "offset": offset, "scale": scale, "specials": sp}
    return t.reshape(shape), gen


def t_(values, dtype=torch.float32):
    return torch.tensor(values, dtype=dtype)


# --- 1. The seed tutorials -------------------------------------------------------------------
torch.manual_seed(0)
x = torch.ones(2, 2, requires_grad=True)
record("seed000 ones requires_grad", x)
y = x + 2
record("seed000 y=x+2", y)
z = y * y * 3
out = z.mean()
record("seed000 z", z)
record("seed000 out mean 0-d", out)
out.backward()
record("seed000 x.grad", x.grad)
for v in ([2.0], [6.0], [3.0]):
    record("seed001 grad %r" % v, t_(v))
torch.manual_seed(1)
xx = torch.ones(5)
yy = torch.zeros(3)
w = torch.randn(5, 3, requires_grad=True)
b = torch.randn(3, requires_grad=True)
zz = torch.matmul(xx, w) + b
loss = torch.nn.functional.binary_cross_entropy_with_logits(zz, yy)
record("seed002 z", zz)
record("seed002 loss", loss)
loss.backward()
record("seed002 w.grad", w.grad)
record("seed002 b.grad", b.grad)
record("seed002 w param-like", w)
for seed in (2, 3, 4):
    torch.manual_seed(seed)
    xs = torch.randn(3, requires_grad=True)
    ys = xs * 2
    while ys.data.norm() < 1000:
        ys = ys * 2
    record("seed002/004 x seed %d" % seed, xs)
    record("seed002/004 y seed %d" % seed, ys)
    ys.backward(torch.tensor([0.1, 1.0, 0.0001], dtype=torch.float))
    record("seed004 x.grad seed %d" % seed, xs.grad)
    record("seed002 ones grad seed %d" % seed, torch.full((3,), 2048.0))
record("seed003 rand 5", torch.rand(5))
a = torch.tensor([2.0, 3.0], requires_grad=True)
b = torch.tensor([6.0, 4.0], requires_grad=True)
Q = 3 * a**3 - b**2
record("seed003 Q", Q)
Q.backward(gradient=torch.tensor([1.0, 1.0]))
record("seed003 eq bool", 9 * a**2 == a.grad)
record("seed003 eq bool 2", -2 * b == b.grad)
record("seed003 a.grad", a.grad)
record("seed003 b.grad", b.grad)
record("seed004 literal", torch.tensor([0.1, 1.0, 0.0001], dtype=torch.float))
record("seed004 literal x.grad", torch.tensor([2.0480e02, 2.0480e03, 2.0480e-01]))

# --- 2. Value families across shapes and float dtypes ----------------------------------------
families = {
    "ints": [1, 2, 3, -4, 0, 10],
    "ints_big": [1, 2, 1500],
    "ints_ratio_1000": [1, 1000],
    "ints_1e8": [1e8, 5e7, 3],
    "ints_over_1e8": [123456789, 2, 3],
    "zeros": [0, 0, -0.0],
    "halves": [4.5, 0.5, -1.25, 3],
    "tenths": [0.1, 0.2, 0.3, -0.7],
    "tutorial": [-0.6610, 1.3232, 0.0371],
    "large_mix": [-676.8461, 1354.9585, 38.0050],
    "tiny": [1e-5, 2.5e-6, -3e-7],
    "tiny_and_one": [1e-5, 1.0, 0.5],
    "borderline_1e-4": [1e-4, 0.5, 0.25],
    "below_1e-4": [9.99e-5, 0.5],
    "big": [1e10, 1.5, -2.25],
    "big8": [1.5e8, 0.5],
    "ratio": [0.001, 1.5],
    "ratio_edge": [0.0015, 1.5],
    "thousands": [1234.5678, 0.5, -999.99],
    "sci_needed": [1e-8, 1e8, 1.0],
    "nan_only": [float("nan")],
    "inf_mix": [float("-inf"), 1.5, float("inf")],
    "nan_int": [float("nan"), 1, 2],
    "nonfinite": [float("nan"), float("inf"), float("-inf")],
    "zero_nan": [0.0, float("nan")],
    "tiny_nan": [1e-5, float("nan"), float("inf")],
    "big_nan": [float("nan"), 1e10],
    "int_inf_wide": [float("inf"), 12345, -7],
    "neg_zero": [-0.0],
    "ties_32nds": [j / 32 for j in range(1, 16, 2)],
    "ties_sci": [1.03125, 1e-5, 2.5, 3.03125e8],
    "pi": [math.pi, -math.e, math.sqrt(2)],
    "round_up_carry": [9.99995, 0.99999, 99.99996],
    "round_sci_carry": [9.99996e-5, 1.0],
}
shapes = [(), (1,), (3,), (6,), (2, 3), (3, 1), (1, 4), (2, 2, 3), (2, 1, 2, 3), (1, 2, 1, 2, 2)]
for fname, vals in families.items():
    for dtype in (torch.float32, torch.float64):
        for shape in shapes:
            n = 1
            for s in shape:
                n *= s
            data = [vals[i % len(vals)] for i in range(n)]
            t = torch.tensor(data, dtype=dtype).reshape(shape)
            record("family %s %s %s" % (fname, DTYPES[dtype], shape), t)
        # every family once as the full list, alone
        record("family %s %s flat" % (fname, DTYPES[dtype]), t_(vals, dtype))

# random data across magnitudes
g = torch.Generator().manual_seed(1234)
for scale in (1e-9, 1e-5, 1e-3, 0.01, 1.0, 7.0, 100.0, 1e4, 1e7, 1e9, 1e20):
    for dtype in (torch.float32, torch.float64):
        for shape in ((4,), (3, 5), (2, 3, 2)):
            t = (torch.randn(shape, generator=g, dtype=torch.float64) * scale).to(dtype)
            record("randn scale %g %s %s" % (scale, DTYPES[dtype], shape), t)
        t = (torch.rand((6,), generator=g, dtype=torch.float64) * scale).to(dtype)
        record("rand scale %g %s" % (scale, DTYPES[dtype]), t)

# random doubles with many digits, exercising rounding of both formats
rng = random.Random(42)
for k in range(30):
    e = rng.randint(-12, 12)
    vals = [rng.uniform(-1, 1) * 10 ** (e + rng.randint(-2, 2)) for _ in range(5)]
    record("random mixed %d f64" % k, t_(vals, torch.float64))
    record("random mixed %d f32" % k, t_(vals, torch.float32))

# --- 3. Integers and booleans -----------------------------------------------------------------
int_sets = {
    "small": [1, 2],
    "neg": [-1, 0, 1, -100],
    "wide": [123456789, -5, 0],
    "pow2_62": [2**62, -(2**63), 7],
    "pow2_53": [2**53, -(2**53), 1],
}
for name, vals in int_sets.items():
    for shape in ((len(vals),), (1, len(vals)), (len(vals), 1)):
        record("int64 %s %s" % (name, shape), t_(vals, torch.int64).reshape(shape))
record("int64 0-d", t_(5, torch.int64))
record("int64 0-d neg", t_(-12, torch.int64))
record("int64 2x3x2", torch.arange(12).reshape(2, 3, 2))
record("int64 3x2x2x2", torch.arange(-12, 12).reshape(3, 2, 2, 2))
record("bool 2", t_([True, False], torch.bool))
record("bool 0-d", t_(True, torch.bool))
record("bool 0-d false", t_(False, torch.bool))
record("bool 2x3", t_([[True, False, True], [False, False, True]], torch.bool))
record("bool 2x2x2", torch.arange(8).reshape(2, 2, 2) % 3 == 0)
record("bool all true", torch.ones(4, dtype=torch.bool))

# --- 4. 0-d floats --------------------------------------------------------------------------
for v in (27.0, 0.0, -0.0, 4.5, 1e-5, 1e10, 123456.789, float("nan"), float("inf"), float("-inf"), -3.0, 0.1):
    for dtype in (torch.float32, torch.float64):
        record("0-d %r %s" % (v, DTYPES[dtype]), t_(v, dtype))
        record("0-d %r %s rg" % (v, DTYPES[dtype]), t_(v, dtype).requires_grad_())
xm = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
record("0-d MeanBackward0", (xm * 3).mean())
record("0-d SumBackward0", (xm * 3).sum())
record("0-d float64 grad_fn", (xm.double() * 3).sum())

# --- 5. Empty tensors -----------------------------------------------------------------------
for shape in ((0,), (2, 0), (0, 3, 2), (3, 0, 1), (0, 0)):
    for dtype in DTYPES:
        record("empty %s %s" % (shape, DTYPES[dtype]), torch.zeros(shape, dtype=dtype))
    record("empty %s rg" % (shape,), torch.zeros(shape, requires_grad=True))
    record("empty %s grad_fn" % (shape,), torch.zeros(shape, requires_grad=True) * 2)
    record("empty %s f64 grad_fn" % (shape,), torch.zeros(shape, dtype=torch.float64, requires_grad=True) + 1)
    record("empty %s param" % (shape,), torch.nn.Parameter(torch.zeros(shape)))

# --- 6. Summarisation (> threshold elements), every dim ---------------------------------------
big_shapes = [(1001,), (2000,), (10, 200), (3, 400), (400, 3), (4, 5, 60), (7, 7, 7, 7), (1, 1001), (1001, 1),
              (2, 2, 2, 2, 2, 2, 2, 2, 2, 2), (6, 6, 6, 6), (13, 11, 9)]
for shape in big_shapes:
    for dtype in DTYPES:
        t, gen = hash_tensor(shape, dtype)
        record("big %s %s" % (shape, DTYPES[dtype]), t, gen=gen)
# only summarised values count for the formatter: a tiny value in the middle is not seen
t, gen = hash_tensor((2000,), torch.float32, specials={1000: 1e-7})
record("big hidden tiny", t, gen=gen)
t, gen = hash_tensor((2000,), torch.float32, specials={1: 1e-7})
record("big visible tiny", t, gen=gen)
t, gen = hash_tensor((50, 50), torch.float32, specials={0: float("nan"), 2499: float("inf"), 1275: 1e-9})
record("big nonfinite corners", t, gen=gen)
t, gen = hash_tensor((3000,), torch.float32, scale=1.0)
record("big integral floats", t, gen=gen)
t, gen = hash_tensor((1000,), torch.float32)
record("exactly threshold 1000 not summarised", t, gen=gen)
t, gen = hash_tensor((1000000,), torch.float32)
record("huge 1e6 1-d", t, gen=gen)
t, gen = hash_tensor((100, 100, 100), torch.float64)
record("huge 100^3 f64", t, gen=gen)
t, gen = hash_tensor((1000, 1000), torch.int64)
record("huge 1000^2 int64", t, gen=gen)
t, gen = hash_tensor((64, 3, 7, 7), torch.float32)
record("conv weight 64x3x7x7", t.requires_grad_(), gen=gen)
t, gen = hash_tensor((10, 512), torch.float32, scale=1 / 65536)
record("linear weight param", torch.nn.Parameter(t), gen=gen)
t, gen = hash_tensor((20, 100), torch.float32)
record("big grad_fn", t.requires_grad_() * 1, gen=gen)

# --- 7. Wide rows that wrap at linewidth ------------------------------------------------------
for n in (9, 10, 11, 30, 61):
    record("wrap halves %d" % n, t_([4.5 + i for i in range(n)]))
    record("wrap ints %d" % n, torch.arange(n))
    record("wrap sci %d" % n, t_([1e-5 * (i + 1) for i in range(n)]))
    record("wrap int floats %d" % n, t_([float(i * 100) for i in range(n)]))
record("wrap bool 50", torch.arange(50) % 3 == 0)
record("wrap 2-d 5x30", t_([[i * 0.25 - j for i in range(30)] for j in range(5)]))
record("wrap 3-d 2x3x40", torch.arange(240, dtype=torch.float32).reshape(2, 3, 40) / 8)
record("wrap 4-d", torch.arange(2 * 2 * 2 * 25, dtype=torch.float64).reshape(2, 2, 2, 25) - 50)
record("wrap rg", t_([0.5 * i for i in range(25)]).requires_grad_())
record("wrap grad_fn", t_([0.5 * i for i in range(25)], torch.float64).requires_grad_() * 2)

# --- 8. Suffixes on every shape kind, and where they wrap --------------------------------------
base = torch.tensor([1.5, -2.25, 3.0, 4.125, 0.5, 6.0], requires_grad=True)
ops = {
    "Mul": lambda t: t * 2,
    "Add": lambda t: t + 1,
    "Sub": lambda t: t - 1,
    "Div": lambda t: t / 4,
    "Neg": lambda t: -t,
    "Pow": lambda t: t**2,
    "Exp": lambda t: t.exp(),
    "Sigmoid": lambda t: t.sigmoid(),
    "Tanh": lambda t: t.tanh(),
    "Relu": lambda t: t.relu(),
    "Softmax": lambda t: torch.softmax(t, -1),
    "LogSoftmax": lambda t: torch.log_softmax(t, -1),
    "Clone": lambda t: t.clone(),
}
for shape in ((6,), (2, 3), (3, 2), (1, 2, 3), (1, 1, 2, 3)):
    leaf = base.detach().reshape(shape).requires_grad_()
    record("leaf rg %s" % (shape,), leaf)
    record("param %s" % (shape,), torch.nn.Parameter(base.detach().reshape(shape).clone()))
    record("param no grad %s" % (shape,), torch.nn.Parameter(base.detach().reshape(shape).clone(), requires_grad=False))
    record("param f64 %s" % (shape,), torch.nn.Parameter(base.detach().double().reshape(shape).clone()))
    record("view %s" % (shape,), base.view(shape))
    for oname, op in ops.items():
        record("op %s %s" % (oname, shape), op(leaf))
        record("op %s f64 %s" % (oname, shape), op(leaf.double()))
record("sum 0-d", base.sum())
record("mean 0-d f64", base.double().mean())
record("param 0-d", torch.nn.Parameter(torch.tensor(3.5)))
# suffix wrapping: lengths that cross linewidth with one, two suffixes
for n in range(1, 13):
    v = t_([4.5 + i for i in range(n)], torch.float64).requires_grad_()
    record("suffix wrap f64 rg %d" % n, v)
    record("suffix wrap f64 grad_fn %d" % n, v * 1)
    record("suffix wrap f32 grad_fn %d" % n, t_([4.5 + i for i in range(n)]).requires_grad_() * 1)
    record("suffix wrap softmax f64 %d" % n, torch.log_softmax(v, 0))

# --- 9. set_printoptions variants ------------------------------------------------------------
opt_tensors = {
    "mixed": t_([1.123456789, -22.5, 3.0, 0.000123]),
    "halves": t_([[4.5, 1.25], [3.0, -0.5]]),
    "ints": torch.arange(10),
    "int floats": t_([1.0, 2.0, 300.0]),
    "big int floats": t_([1.0, 2.0, 3e9]),
    "tiny": t_([1e-5, 2e-3], torch.float64),
    "range20": torch.arange(20, dtype=torch.float32) / 3,
    "2d 8x8": torch.arange(64, dtype=torch.float32).reshape(8, 8) * 1.5,
    "3d 4x4x4": torch.arange(64).reshape(4, 4, 4),
    "zeros nan": t_([0.0, float("nan")]),
    "bools": torch.arange(12) % 2 == 0,
    "rg f64": t_([1.5, 2.5, 1e-6], torch.float64).requires_grad_(),
}
option_sets = [
    {"precision": 2},
    {"precision": 0},
    {"precision": 1},
    {"precision": 8},
    {"precision": 10},
    {"threshold": 5},
    {"threshold": 10, "edgeitems": 2},
    {"threshold": 5, "edgeitems": 1},
    {"threshold": 5, "edgeitems": 0},
    {"edgeitems": 5, "threshold": 20},
    {"linewidth": 40},
    {"linewidth": 120},
    {"linewidth": 10},
    {"profile": "short"},
    {"profile": "full"},
    {"profile": "short", "precision": 6},
    {"sci_mode": True},
    {"sci_mode": False},
    {"sci_mode": True, "precision": 2},
    {"sci_mode": False, "precision": 6},
]
for oname, t in opt_tensors.items():
    for opts in option_sets:
        try:
            record("options %s %s" % (oname, json.dumps(opts, sort_keys=True)), t, options=opts)
        except RuntimeError as e:  # edgeitems=0 on >=2-d summarised tensors fails in PyTorch too
            cases.append({"name": "options %s %s" % (oname, json.dumps(opts, sort_keys=True)),
                          "shape": list(t.shape), "dtype": DTYPES[t.dtype], "requires_grad": bool(t.requires_grad),
                          "grad_fn": None, "is_parameter": False, "default_dtype": "float32", "options": opts,
                          "values": [enc(v) for v in t.detach().reshape(-1).tolist()], "error": str(e)})
t, gen = hash_tensor((1500,), torch.float32)
record("full profile 1500", t, options={"profile": "full"}, gen=gen)
t, gen = hash_tensor((30, 30), torch.float32)
record("short profile 30x30", t, options={"profile": "short"}, gen=gen)
record("sci_mode False huge", t_([1e20, 1.5, -3e15], torch.float64), options={"sci_mode": False})
record("sci_mode False tiny", t_([1e-20, -1e-9, 0.5], torch.float64), options={"sci_mode": False})
record("sci_mode False int huge", t_([1e20, 2.0], torch.float64), options={"sci_mode": False})
record("sci_mode True ints", t_([1.0, 2.0]), options={"sci_mode": True})
record("sci_mode True zeros only", t_([0.0, 0.0]), options={"sci_mode": True})
record("sci_mode True int64", torch.arange(3), options={"sci_mode": True})

# --- 10. Default dtype float64 ----------------------------------------------------------------
for name, t in {
    "f32": t_([1.5, 2.5]),
    "f64": t_([1.5, 2.5], torch.float64),
    "int64": torch.arange(3),
    "bool": t_([True], torch.bool),
    "empty f32": torch.zeros(0, dtype=torch.float32),
    "empty f64": torch.zeros(2, 0, dtype=torch.float64),
    "f32 grad_fn": t_([1.5, 2.5]).requires_grad_() * 2,
}.items():
    record("default float64 %s" % name, t, default_dtype=torch.float64)

# --- Python formatting primitives, checked directly --------------------------------------------
scalars = [0.0, -0.0, 0.5, 1.0, -1.0, 0.1, 0.03125, 0.09375, 1.03125, 2.5, 0.125, 0.375, 1e-5, 1e-4, 9.99995,
           99999.5, 1e16, 1e15, 1.5e16, 123456789.0, 1e22, 1e100, 1e300, 1.7976931348623157e308, 5e-324,
           2.2250738585072014e-308, 1e-320, float("nan"), float("inf"), float("-inf"), math.pi, -math.e,
           float(2**53), float(2**63), 0.3, 2 / 3, 1 / 3, 1e-7, 9.5, 10.5, 0.05, 0.15, 0.25, 0.35]
for k in range(200):
    scalars.append(rng.uniform(-1, 1) * 10 ** rng.randint(-30, 30))
for k in range(100):
    # float32 values, which are what float32 tensors hand to the formatter
    scalars.append(torch.tensor(rng.uniform(-1, 1) * 10 ** rng.randint(-8, 8), dtype=torch.float32).item())
for k in range(50):
    # exact ties at many precisions: odd multiples of small powers of two
    scalars.append(rng.randrange(1, 4000, 2) / 2 ** rng.randint(1, 12))
pyformat = []
for v in scalars:
    entry = {"x": enc(v), "repr": repr(v), "f": {}, "e": {}}
    for p in (0, 1, 2, 4, 8):
        entry["f"][str(p)] = ("{:.%df}" % p).format(v)
        entry["e"][str(p)] = ("{:.%de}" % p).format(v)
    pyformat.append(entry)

sizes = [[], [3], [2, 3], [0], [2, 0, 4], [64, 3, 7, 7]]
size_fixtures = [{"shape": s, "expected": str(torch.zeros(s).shape)} for s in sizes]

def dump_list(items):
    # one record per line: compact, yet a regenerated fixture diffs case by case
    return "[\n" + ",\n".join(json.dumps(x, allow_nan=False) for x in items) + "\n]"


with open(OUT, "w") as f:
    f.write('{"torch_version": %s,\n"cases": %s,\n"pyformat": %s,\n"sizes": %s}\n' % (
        json.dumps(torch.__version__), dump_list(cases), dump_list(pyformat), dump_list(size_fixtures)))
print("wrote %d tensor cases, %d scalar format cases to %s" % (len(cases), len(pyformat), OUT))
