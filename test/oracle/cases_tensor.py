"""Cases: creation functions, tensor information, views, printing."""
import torch

from build import B, F, I, inp, op, scenario, step, values

T = "torch."
M = "method."


def creation():
    c = []
    add = c.append
    # torch.tensor infers like PyTorch: bool, int64, float32; explicit dtype wins.
    add(op("tensor/ints", [], T + "tensor", [1, 2, 3]))
    add(op("tensor/floats", [], T + "tensor", [1.0, 2.5, -3.0]))
    add(op("tensor/mixed-int-float", [], T + "tensor", [1, 2.5]))
    add(op("tensor/integral-floats", [], T + "tensor", [[1.0, 2.0], [3.0, 4.0]]))
    add(op("tensor/bools", [], T + "tensor", [True, False, True]))
    add(op("tensor/scalar-float", [], T + "tensor", 3.5))
    add(op("tensor/scalar-int", [], T + "tensor", 7))
    add(op("tensor/scalar-bool", [], T + "tensor", True))
    add(op("tensor/empty", [], T + "tensor", []))
    add(op("tensor/empty-2x0", [], T + "tensor", [[], []]))
    add(op("tensor/nested-3d", [], T + "tensor", [[[1, 2], [3, 4]], [[5, 6], [7, 8]]]))
    add(op("tensor/dtype-float64", [], T + "tensor", [1, 2], dtype=torch.float64))
    add(op("tensor/dtype-int64-from-float", [], T + "tensor", [1.7, -2.7], dtype=torch.int64))
    add(op("tensor/dtype-bool", [], T + "tensor", [0, 2, 0], dtype=torch.bool))
    add(op("tensor/dtype-float32-from-int", [], T + "tensor", [1, 2], dtype=torch.float32))
    add(op("tensor/requires-grad", [], T + "tensor", [1.0, 2.0], requires_grad=True))
    add(op("tensor/float64-requires-grad", [], T + "tensor", [0.5], dtype=torch.float64, requires_grad=True))
    add(op("tensor/ragged-error", [], T + "tensor", [[1, 2], [3]]))
    for name in ("zeros", "ones"):
        add(op(f"{name}/varargs", [], T + name, 2, 3))
        add(op(f"{name}/list", [], T + name, [2, 3]))
        add(op(f"{name}/scalar-shape", [], T + name, []))
        add(op(f"{name}/1d", [], T + name, 4))
        add(op(f"{name}/dtype-int64", [], T + name, 2, 2, dtype=torch.int64))
        add(op(f"{name}/dtype-bool", [], T + name, 3, dtype=torch.bool))
        add(op(f"{name}/dtype-float64", [], T + name, 2, dtype=torch.float64))
        add(op(f"{name}/requires-grad", [], T + name, 2, 2, requires_grad=True))
        add(op(f"{name}/zero-size", [], T + name, 2, 0))
        add(op(f"{name}/negative-size-error", [], T + name, 2, -1))
    add(op("full/float", [], T + "full", [2, 3], 1.5))
    add(op("full/integral-float", [], T + "full", [2, 2], 7.0))
    add(op("full/int", [], T + "full", [2, 2], 7))
    add(op("full/bool", [], T + "full", [3], True))
    add(op("full/dtype", [], T + "full", [2], 3, dtype=torch.float64))
    add(op("full/requires-grad", [], T + "full", [2], 0.25, requires_grad=True))
    add(op("arange/end-int", [], T + "arange", 5))
    add(op("arange/end-float", [], T + "arange", 5.0))
    add(op("arange/start-end", [], T + "arange", 2, 7))
    add(op("arange/step", [], T + "arange", 0, 10, 3))
    add(op("arange/negative-step", [], T + "arange", 5, 0, -2))
    add(op("arange/float-step", [], T + "arange", 0, 2, 0.5))
    add(op("arange/float-start", [], T + "arange", 0.5, 3))
    add(op("arange/sixteen-float", [], T + "arange", 16.0))
    add(op("arange/dtype", [], T + "arange", 4, dtype=torch.float32))
    add(op("arange/requires-grad", [], T + "arange", 3.0, requires_grad=True))
    add(op("arange/empty", [], T + "arange", 0))
    add(op("arange/wrong-sign-error", [], T + "arange", 0, 5, -1))
    add(op("linspace/basic", [], T + "linspace", 0, 1, 5))
    add(op("linspace/floats", [], T + "linspace", -1.5, 2.5, 9))
    add(op("linspace/steps-kw", [], T + "linspace", 0, 10, steps=4))
    add(op("linspace/one-step", [], T + "linspace", 3, 7, 1))
    add(op("linspace/dtype", [], T + "linspace", 0, 1, 3, dtype=torch.float64))
    add(op("linspace/thirds", [], T + "linspace", 0, 1, 7))
    add(op("eye/n", [], T + "eye", 3))
    add(op("eye/n-m", [], T + "eye", 2, 4))
    add(op("eye/dtype", [], T + "eye", 2, dtype=torch.int64))
    add(op("eye/requires-grad", [], T + "eye", 2, requires_grad=True))
    # empty/rand*: only shape, dtype and flags are deterministic.
    add(op("empty/varargs", [], T + "empty", 2, 3, nondeterministic=True))
    add(op("empty/dtype", [], T + "empty", [4], dtype=torch.int64, nondeterministic=True))
    add(op("empty/requires-grad", [], T + "empty", 2, requires_grad=True, nondeterministic=True))
    add(op("rand/shape", [], T + "rand", 2, 3, nondeterministic=True))
    add(op("rand/list", [], T + "rand", [4], nondeterministic=True))
    add(op("rand/requires-grad", [], T + "rand", 5, 5, requires_grad=True, nondeterministic=True))
    add(op("rand/float64", [], T + "rand", 2, dtype=torch.float64, nondeterministic=True))
    add(op("randn/shape", [], T + "randn", 3, 3, nondeterministic=True))
    add(op("randn/requires-grad", [], T + "randn", 3, requires_grad=True, nondeterministic=True))
    add(op("randint/high", [], T + "randint", 10, [2, 3], nondeterministic=True))
    add(op("randint/low-high", [], T + "randint", 3, 10, [4], nondeterministic=True))
    # *_like follow the input's shape and dtype.
    for src, sid in ((F([2, 3], 1, rg=False), "float32"), (I([3], 2), "int64"),
                     (F([2], 3, dtype="float64", rg=False), "float64"), (B([2, 2], 4), "bool")):
        add(op(f"zeros_like/{sid}", [src], T + "zeros_like", "$0"))
        add(op(f"ones_like/{sid}", [src], T + "ones_like", "$0"))
        add(op(f"full_like/{sid}", [src], T + "full_like", "$0", 3))
        add(op(f"empty_like/{sid}", [src], T + "empty_like", "$0", nondeterministic=True))
        add(op(f"rand_like/{sid}", [src], T + "rand_like", "$0", nondeterministic=True))
    add(op("full_like/float-fill-float", [F([2], 5, rg=False)], T + "full_like", "$0", 2.5))
    add(op("zeros_like/dtype", [I([2], 6)], T + "zeros_like", "$0", dtype=torch.float32))
    add(op("ones_like/requires-grad", [F([2], 7)], T + "ones_like", "$0", requires_grad=True))
    add(op("zeros_like/of-requires-grad", [F([2], 7)], T + "zeros_like", "$0"))
    return c


def info():
    c = []
    add = c.append
    x = F([2, 3], 11)
    add(op("shape", [x], "attr.shape", "$0"))
    add(op("size/none", [x], M + "size", "$0"))
    add(op("size/dim", [x], M + "size", "$0", 1))
    add(op("size/negative-dim", [x], M + "size", "$0", -1))
    add(op("size/dim-error", [x], M + "size", "$0", 2))
    add(op("dim", [x], M + "dim", "$0"))
    add(op("dim/scalar", [inp(2.0)], M + "dim", "$0"))
    add(op("numel", [x], M + "numel", "$0"))
    add(op("numel/empty", [inp([[], []])], M + "numel", "$0"))
    add(op("dtype/float32", [x], "attr.dtype", "$0"))
    add(op("dtype/int64", [I([2], 1)], "attr.dtype", "$0"))
    add(op("dtype/bool", [B([2], 1)], "attr.dtype", "$0"))
    add(op("dtype/float64", [F([1], 1, dtype="float64")], "attr.dtype", "$0"))
    add(op("item/float", [inp(2.5)], M + "item", "$0"))
    add(op("item/one-element", [inp([[0.125]])], M + "item", "$0"))
    add(op("item/int", [inp(7, "int64")], M + "item", "$0"))
    add(op("item/bool", [inp(True, "bool")], M + "item", "$0"))
    add(op("item/float32-rounding", [inp(0.1)], M + "item", "$0"))
    add(op("item/error", [x], M + "item", "$0"))
    add(op("tolist/float", [x], M + "tolist", "$0"))
    add(op("tolist/int", [I([2, 2], 3)], M + "tolist", "$0"))
    add(op("tolist/bool", [B([3], 3)], M + "tolist", "$0"))
    add(op("tolist/scalar", [inp(1.5)], M + "tolist", "$0"))
    add(op("is_leaf/leaf", [x], "attr.is_leaf", "$0"))
    add(op("requires_grad/leaf", [x], "attr.requires_grad", "$0"))
    add(op("requires_grad/int", [I([2], 4)], "attr.requires_grad", "$0"))
    add(op("grad_fn/leaf", [x], "attr.grad_fn", "$0"))
    add(op("grad/leaf-none", [x], "attr.grad", "$0"))
    add(op("detach", [x], M + "detach", "$0"))
    add(op("data", [x], "attr.data", "$0"))
    add(op("requires_grad_/default", [F([2], 3, rg=False)], M + "requires_grad_", "$0"))
    add(op("requires_grad_/false", [F([2], 3)], M + "requires_grad_", "$0", False))
    add(op("requires_grad_/int-error", [I([2], 4)], M + "requires_grad_", "$0"))
    add(op("requires_grad_/bool-error", [B([2], 4)], M + "requires_grad_", "$0"))
    add(op("requires_grad_/int-false-ok", [I([2], 4)], M + "requires_grad_", "$0", False))
    add(op("tensor/int-requires-grad-error", [], T + "zeros", 2, dtype=torch.int64, requires_grad=True))
    add(op("Variable/alias", [x], T + "autograd.Variable", "$0"))
    add(op("is_contiguous/yes", [x], M + "is_contiguous", "$0"))
    add(op("is_contiguous/permuted", [F([3, 2], 12, permute=[1, 0])], M + "is_contiguous", "$0"))
    add(op("is_floating_point", [x], M + "is_floating_point", "$0"))
    add(op("is_floating_point/int", [I([2], 1)], M + "is_floating_point", "$0"))
    return c


def views():
    c = []
    add = c.append
    x = F([2, 3], 21)
    x4 = F([2, 3, 4], 22)
    xt = F([3, 2], 23, permute=[1, 0])  # a non-contiguous (2, 3) leaf
    add(op("view/varargs", [x], M + "view", "$0", 3, 2))
    add(op("view/list", [x], M + "view", "$0", [6]))
    add(op("view/infer", [x4], M + "view", "$0", -1, 4))
    add(op("view/infer-middle", [x4], M + "view", "$0", 2, -1, 2))
    add(op("view/to-scalar", [inp([1.5])], M + "view", "$0", []))
    add(op("view/invalid-size-error", [x], M + "view", "$0", 4, 2))
    add(op("view/two-infer-error", [x], M + "view", "$0", -1, -1))
    add(op("view/non-contiguous-error", [xt], M + "view", "$0", 6))
    add(op("view/int", [I([2, 3], 24)], M + "view", "$0", 3, 2))
    add(op("reshape/contiguous", [x], M + "reshape", "$0", 3, 2))
    add(op("reshape/list", [x4], M + "reshape", "$0", [4, -1]))
    add(op("reshape/non-contiguous", [xt], M + "reshape", "$0", 6))
    add(op("reshape/torch", [x], T + "reshape", "$0", [3, 2]))
    add(op("reshape/invalid-error", [x], M + "reshape", "$0", 5))
    add(op("t/2d", [x], M + "t", "$0"))
    add(op("t/1d", [F([3], 25)], M + "t", "$0"))
    add(op("t/3d-error", [x4], M + "t", "$0"))
    add(op("t/torch", [x], T + "t", "$0"))
    add(op("T/2d", [x], "attr.T", "$0"))
    add(op("transpose/01", [x4], M + "transpose", "$0", 0, 1))
    add(op("transpose/negative", [x4], M + "transpose", "$0", -1, 0))
    add(op("transpose/same", [x], M + "transpose", "$0", 1, 1))
    add(op("transpose/torch", [x4], T + "transpose", "$0", 1, 2))
    add(op("transpose/dim-error", [x], M + "transpose", "$0", 0, 2))
    add(op("permute/varargs", [x4], M + "permute", "$0", 2, 0, 1))
    add(op("permute/list", [x4], M + "permute", "$0", [1, 2, 0]))
    add(op("permute/negative", [x4], M + "permute", "$0", -1, -3, -2))
    add(op("permute/torch", [x4], T + "permute", "$0", [2, 1, 0]))
    add(op("permute/repeated-error", [x4], M + "permute", "$0", 0, 0, 1))
    add(op("permute/wrong-count-error", [x4], M + "permute", "$0", 0, 1))
    add(op("unsqueeze/0", [x], M + "unsqueeze", "$0", 0))
    add(op("unsqueeze/last", [x], M + "unsqueeze", "$0", 2))
    add(op("unsqueeze/negative", [x], M + "unsqueeze", "$0", -1))
    add(op("unsqueeze/scalar", [inp(2.5)], M + "unsqueeze", "$0", 0))
    add(op("unsqueeze/torch", [x], T + "unsqueeze", "$0", 1))
    add(op("unsqueeze/error", [x], M + "unsqueeze", "$0", 3))
    s = F([1, 3, 1], 26)
    add(op("squeeze/all", [s], M + "squeeze", "$0"))
    add(op("squeeze/dim", [s], M + "squeeze", "$0", 0))
    add(op("squeeze/dim-not-one", [s], M + "squeeze", "$0", 1))
    add(op("squeeze/negative", [s], M + "squeeze", "$0", -1))
    add(op("squeeze/torch", [s], T + "squeeze", "$0"))
    add(op("squeeze/to-scalar", [inp([[1.25]])], M + "squeeze", "$0"))
    add(op("squeeze/dim-error", [s], M + "squeeze", "$0", 3))
    e = F([3, 1], 27)
    add(op("expand/varargs", [e], M + "expand", "$0", 3, 4))
    add(op("expand/list", [e], M + "expand", "$0", [2, 3, 4]))
    add(op("expand/minus-one", [e], M + "expand", "$0", -1, 2))
    add(op("expand/new-dim", [F([3], 28)], M + "expand", "$0", 2, 3))
    add(op("expand/error", [e], M + "expand", "$0", 4, 4))
    add(op("expand/fewer-dims-error", [e], M + "expand", "$0", 3))
    add(op("expand_as", [e, F([3, 2], 29)], M + "expand_as", "$0", "$1"))
    add(op("narrow/dim0", [F([4, 3], 30)], M + "narrow", "$0", 0, 1, 2))
    add(op("narrow/dim1", [F([4, 3], 30)], M + "narrow", "$0", 1, 0, 2))
    add(op("narrow/negative-dim", [F([4, 3], 30)], M + "narrow", "$0", -1, 2, 1))
    add(op("narrow/torch", [F([4, 3], 30)], T + "narrow", "$0", 0, 2, 2))
    add(op("narrow/error", [F([4, 3], 30)], M + "narrow", "$0", 0, 3, 2))
    add(op("select/dim0", [x4], M + "select", "$0", 0, 1))
    add(op("select/dim2", [x4], M + "select", "$0", 2, 3))
    add(op("select/negative-index", [x4], M + "select", "$0", 1, -1))
    add(op("select/1d-to-scalar", [F([3], 31)], M + "select", "$0", 0, 2))
    add(op("select/torch", [x4], T + "select", "$0", 1, 0))
    add(op("select/index-error", [x4], M + "select", "$0", 0, 2))
    add(op("flatten/all", [x4], M + "flatten", "$0"))
    add(op("flatten/start", [x4], M + "flatten", "$0", 1))
    add(op("flatten/start-end", [x4], M + "flatten", "$0", 0, 1))
    add(op("flatten/kwargs", [x4], M + "flatten", "$0", start_dim=1, end_dim=-1))
    add(op("flatten/torch", [x4], T + "flatten", "$0"))
    add(op("flatten/1d", [F([3], 32)], M + "flatten", "$0"))
    add(op("flatten/scalar", [inp(1.5)], M + "flatten", "$0"))
    add(op("flatten/non-contiguous", [xt], M + "flatten", "$0"))
    add(op("contiguous/already", [x], M + "contiguous", "$0"))
    add(op("contiguous/permuted", [xt], M + "contiguous", "$0"))
    add(op("clone", [x], M + "clone", "$0"))
    add(op("clone/torch", [xt], T + "clone", "$0"))
    add(op("clone/int", [I([3], 33)], M + "clone", "$0"))
    add(op("view_as", [x, F([3, 2], 34)], M + "view_as", "$0", "$1"))
    add(op("reshape_as", [xt, F([6], 34)], M + "reshape_as", "$0", "$1"))
    # chains: a view of a view, and the grad_fn chain they make
    c.append(scenario("chain/view-transpose-unsqueeze", [x4],
                      step(M + "transpose", "$0", 0, 2, out="a"),
                      step(M + "unsqueeze", "$a", 1, out="b"),
                      step(M + "reshape", "$b", -1, out="c"),
                      step(M + "sum", "$c", out="d"),
                      step(M + "backward", "$d"),
                      step("attr.grad", "$0"),
                      step(M + "is_contiguous", "$a")))
    return c


def printing():
    """str(t) exactly as print(t)."""
    c = []
    add = c.append
    P = "str"
    cases = {
        "integral-floats": inp([1.0, 2.0, 3.0]),
        "mixed-decimals": inp([1.0, 4.5, -0.25]),
        "small-sci": inp([1e-5, 1.0, 2.0]),
        "large-sci": inp([1e10, 1.0]),
        "big-no-sci": inp([123456.0, 1.5]),
        "mixed-magnitude": inp([0.001, 1000.0]),
        "negative": inp([[-1.5, 2.0], [3.25, -4.0]]),
        "all-negative-int": inp([-1, -22, -333], "int64"),
        "int": inp([[1, 20], [300, -4]], "int64"),
        "bool": inp([True, False], "bool"),
        "bool-2d": inp([[True], [False]], "bool"),
        "scalar": inp(3.5),
        "scalar-int": inp(3, "int64"),
        "scalar-bool": inp(False, "bool"),
        "scalar-integral": inp(27.0),
        "float64": inp([1.0, 2.5], "float64"),
        "float64-integral": inp([1.0, 2.0], "float64"),
        "float64-scalar": inp(0.5, "float64"),
        "empty": inp([]),
        "empty-2x0": inp([[], []]),
        "empty-int": inp([], "int64"),
        "empty-float64": inp([], "float64"),
        "nan-inf": inp([float("nan"), float("inf"), float("-inf"), 1.5]),
        "nan-only": inp([float("nan"), 1.0]),
        "inf-integral": inp([float("inf"), 2.0]),
        "zeros": inp([0.0, -0.0]),
        "3d": inp(values([2, 2, 3], 41).tolist()),
        "4d": inp(values([2, 2, 2, 2], 42).tolist()),
        "precision-4": inp([0.123456, 1.0]),
        "long-row": inp(values([20], 43).tolist()),
        "wide-2d": inp(values([3, 12], 44, -100, 100).tolist()),
        "summarised-1d": inp(torch.arange(1001, dtype=torch.float32).tolist()),
        "summarised-2d": inp((torch.arange(1200, dtype=torch.float32) / 8).reshape(40, 30).tolist()),
        "summarised-int": inp(torch.arange(2000).reshape(2, 1000).tolist(), "int64"),
        "exactly-1000": inp(torch.arange(1000, dtype=torch.float32).tolist()),
        "requires-grad": inp([1.0, 2.0], rg=True),
        "tiny": inp([1e-8, 2e-8]),
        "huge-int-valued": inp([1e8, 1.0]),
        "one-element-2d": inp([[5.0]]),
    }
    for name, spec in cases.items():
        if name != "requires-grad":
            spec["requires_grad"] = False
        add(op(f"str/{name}", [spec], P, "$0", backward=False))
    # suffixes that need a graph
    add(op("str/grad_fn", [F([2], 45)], P, "$0"))
    c.append(scenario("str/grad_fn-suffix", [F([2, 2], 46)],
                      step(M + "mul", "$0", 2, out="y"), step("str", "$y"),
                      step(M + "mean", "$y", out="m"), step("str", "$m")))
    c.append(scenario("str/float64-grad", [F([2], 47, dtype="float64")],
                      step(M + "exp", "$0", out="y"), step("str", "$y")))
    c.append(scenario("str/size-and-dtype", [F([2, 3], 48)],
                      step("attr.shape", "$0", out="s"), step("str", "$s"),
                      step("attr.dtype", "$0", out="d"), step("str", "$d")))
    return c


FAMILIES = {"creation": creation, "info": info, "views": views, "printing": printing}
