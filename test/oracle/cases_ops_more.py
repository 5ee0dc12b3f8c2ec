"""Cases: the ops added for wider coverage (scans, sorting, rearranging, scatter, more pointwise, stats).

Each op: forward values/dtype/printing, grad_fn names, input grads, torch.X and method forms,
options objects (kwargs), negative dims and PyTorch's error messages.
"""
import torch

from build import B, F, I, inp, op, scenario, step

T = "torch."
M = "method."


def idx(data):
    return inp(data, "int64", False)


def scan():
    c = []
    add = c.append
    x = F([3, 4], 1001)
    add(op("cumsum/dim1", [x], T + "cumsum", "$0", 1))
    add(op("cumsum/method-neg-dim", [x], M + "cumsum", "$0", -2))
    add(op("cumsum/kw-dim", [x], M + "cumsum", "$0", dim=0))
    add(op("cumsum/int", [I([2, 3], 1002)], T + "cumsum", "$0", 1))
    add(op("cumsum/bool", [B([5], 1003)], T + "cumsum", "$0", 0))
    add(op("cumsum/dtype-float64", [x], T + "cumsum", "$0", 0, dtype=torch.float64))
    add(op("cumsum/0d", [F([], 1004)], T + "cumsum", "$0", 0))
    add(op("cumsum/bad-dim", [x], T + "cumsum", "$0", 2))
    add(op("cumsum/float64", [F([5], 1005, dtype="float64")], T + "cumsum", "$0", 0))
    add(op("cumprod/dim1", [x], T + "cumprod", "$0", 1))
    add(op("cumprod/with-zero", [inp([[1.5, 0.0, 2.0, -1.0], [0.0, 0.0, 3.0, 0.5]])], T + "cumprod", "$0", 1))
    add(op("cumprod/int", [I([4], 1006, 1, 4)], M + "cumprod", "$0", 0))
    add(op("cummax/dim1", [x], T + "cummax", "$0", 1, out_index=0))
    add(op("cummin/dim0", [x], M + "cummin", "$0", 0, out_index=0))
    add(op("cummax/ties-nan", [inp([1.0, 3.0, 2.0, 3.0, float("nan"), 5.0])], T + "cummax", "$0", 0, out_index=0))
    add(op("cummin/int", [I([6], 1007)], T + "cummin", "$0", 0, backward=False))
    add(op("logcumsumexp/dim1", [x], T + "logcumsumexp", "$0", 1))
    add(op("logcumsumexp/large", [inp([100.0, 101.0, -50.0])], T + "logcumsumexp", "$0", 0))
    add(op("diff/default", [x], T + "diff", "$0"))
    add(op("diff/n2-dim0", [F([4, 3], 1008)], T + "diff", "$0", n=2, dim=0))
    add(op("diff/prepend-append", [F([2, 3], 1009), F([2, 1], 1010), F([2, 2], 1011)], T + "diff", "$0", dim=1, prepend="$1", append="$2"))
    add(op("diff/bool", [B([5], 1012)], T + "diff", "$0"))
    add(op("diff/int", [inp([1, 4, 9, 16], "int64")], M + "diff", "$0"))
    add(op("diff/0d-error", [F([], 1013)], T + "diff", "$0"))
    return c


def sorting():
    c = []
    add = c.append
    x = F([3, 5], 1101)
    add(op("sort/default", [x], T + "sort", "$0", out_index=0))
    add(op("sort/dim0-desc", [x], M + "sort", "$0", dim=0, descending=True, out_index=0))
    add(op("sort/positional", [x], M + "sort", "$0", 0, True, out_index=0))
    add(op("sort/ties-stable", [inp([3.0, 1.0, 2.0, 1.0, 3.0])], T + "sort", "$0", out_index=0))
    add(op("sort/ties-desc", [inp([3.0, 1.0, 2.0, 1.0, 3.0])], T + "sort", "$0", descending=True, out_index=0))
    add(op("sort/nan", [inp([1.0, float("nan"), 0.0, -2.0])], T + "sort", "$0", out_index=0))
    add(op("sort/nan-desc", [inp([1.0, float("nan"), 0.0, -2.0])], T + "sort", "$0", descending=True, out_index=0))
    add(op("sort/int", [I([6], 1102)], T + "sort", "$0", backward=False))
    add(op("sort/stable-kw", [inp([2.0, 1.0, 2.0, 1.0])], T + "sort", "$0", stable=True, out_index=0))
    add(op("argsort/default", [x], T + "argsort", "$0", backward=False))
    add(op("argsort/desc", [x], M + "argsort", "$0", dim=0, descending=True, backward=False))
    add(op("msort/basic", [x], T + "msort", "$0"))
    add(op("topk/default", [x], T + "topk", "$0", 2, out_index=0))
    add(op("topk/smallest-dim0", [x], M + "topk", "$0", 2, dim=0, largest=False, out_index=0))
    add(op("topk/positional", [x], M + "topk", "$0", 3, 1, True, True, out_index=0))
    add(op("topk/k-too-big", [x], T + "topk", "$0", 6))
    add(op("topk/1d", [F([6], 1103)], T + "topk", "$0", 3, out_index=0))
    add(op("kthvalue/default", [x], T + "kthvalue", "$0", 2, out_index=0))
    add(op("kthvalue/keepdim", [x], M + "kthvalue", "$0", 2, 0, True, out_index=0))
    add(op("kthvalue/bad-k", [x], T + "kthvalue", "$0", 6))
    add(op("median/all", [x], T + "median", "$0"))
    add(op("median/all-even", [F([2, 2], 1104)], M + "median", "$0"))
    add(op("median/ties", [inp([1.0, 2.0, 2.0, 3.0, 2.0])], T + "median", "$0"))
    add(op("median/dim", [x], T + "median", "$0", 1, out_index=0))
    add(op("median/dim-keepdim", [x], M + "median", "$0", dim=0, keepdim=True, out_index=0))
    add(op("median/nan", [inp([1.0, float("nan"), 3.0])], T + "median", "$0"))
    add(op("nanmedian/all", [inp([1.0, float("nan"), 3.0, 2.0])], T + "nanmedian", "$0"))
    add(op("median/int", [I([5], 1105)], T + "median", "$0"))
    add(op("mode/default", [inp([[1.0, 2.0, 2.0, 1.0], [3.0, 3.0, 1.0, 0.5]])], T + "mode", "$0", out_index=0))
    add(op("mode/int", [inp([[1, 2, 2, 1], [3, 3, 1, 1]], "int64")], M + "mode", "$0", 1, backward=False))
    add(op("unique/default", [inp([3.0, 1.0, 2.0, 1.0, 3.0], rg=False)], T + "unique", "$0"))
    add(op("unique/inverse-counts", [inp([[3, 1], [2, 1], [3, 3]], "int64")], T + "unique", "$0", return_inverse=True, return_counts=True))
    add(op("unique/counts", [inp([3, 1, 2, 1, 3], "int64")], M + "unique", "$0", return_counts=True))
    add(op("unique/dim0", [inp([[1, 2], [3, 4], [1, 2]], "int64")], T + "unique", "$0", dim=0, return_inverse=True))
    add(op("unique/grad-fn", [inp([2.0, 1.0, 2.0])], T + "unique", "$0"))
    add(op("searchsorted/left", [idx([1, 3, 5, 7, 9]), idx([[3, 6, 9], [0, 10, 5]])], T + "searchsorted", "$0", "$1"))
    add(op("searchsorted/right", [idx([1, 3, 5, 7, 9]), idx([3, 6, 9])], T + "searchsorted", "$0", "$1", right=True))
    add(op("searchsorted/side", [inp([1.0, 2.0, 3.0], rg=False), inp([2.0, 2.5], rg=False)], T + "searchsorted", "$0", "$1", side="right"))
    add(op("searchsorted/2d", [idx([[1, 3, 5], [2, 4, 6]]), idx([[3, 6], [1, 4]])], T + "searchsorted", "$0", "$1"))
    add(op("bucketize/basic", [idx([3, 6, 9, 1]), idx([1, 3, 5, 7])], T + "bucketize", "$0", "$1"))
    add(op("bucketize/right", [inp([0.5, 3.0, 7.5], rg=False), inp([1.0, 3.0, 5.0, 7.0], rg=False)], T + "bucketize", "$0", "$1", right=True))
    return c


def rearrange():
    c = []
    add = c.append
    x = F([3, 4], 1201)
    x3 = F([2, 3, 4], 1202)
    add(op("flip/dim0", [x], T + "flip", "$0", [0]))
    add(op("flip/method-varargs", [x3], M + "flip", "$0", 0, 2))
    add(op("flip/neg-dim", [x3], M + "flip", "$0", [-1]))
    add(op("flip/dup-error", [x], T + "flip", "$0", [0, 0]))
    add(op("fliplr/basic", [x], T + "fliplr", "$0"))
    add(op("flipud/basic", [x], M + "flipud", "$0"))
    add(op("roll/dim1", [x], T + "roll", "$0", 1, 1))
    add(op("roll/no-dim", [x], T + "roll", "$0", 5))
    add(op("roll/multi", [x3], M + "roll", "$0", [1, -1], [0, 2]))
    add(op("roll/kw", [x], M + "roll", "$0", shifts=-1, dims=0))
    add(op("roll/mismatch", [x], T + "roll", "$0", [1, 2], [0]))
    add(op("roll/int", [I([2, 3], 1203)], T + "roll", "$0", 1, 0))
    add(op("rot90/default", [x], T + "rot90", "$0"))
    add(op("rot90/k2", [x], M + "rot90", "$0", 2))
    add(op("rot90/k-neg-dims", [x3], T + "rot90", "$0", -1, [1, 2]))
    add(op("rot90/same-dims", [x], T + "rot90", "$0", 1, [0, 0]))
    add(op("tril/default", [x], T + "tril", "$0"))
    add(op("tril/diag1", [x], M + "tril", "$0", 1))
    add(op("triu/neg", [x3], T + "triu", "$0", -1))
    add(op("triu/kw", [x], M + "triu", "$0", diagonal=2))
    add(op("tril/1d-error", [F([3], 1204)], T + "tril", "$0"))
    add(op("tril/int", [I([3, 3], 1205)], T + "tril", "$0"))
    add(op("triu_/inplace", [F([3, 3], 1206, rg=False)], M + "triu_", "$0"))
    add(op("diag/vector", [F([3], 1207)], T + "diag", "$0"))
    add(op("diag/vector-offset", [F([3], 1207)], T + "diag", "$0", -1))
    add(op("diag/matrix", [x], M + "diag", "$0"))
    add(op("diag/matrix-offset", [x], T + "diag", "$0", 2))
    add(op("diag/3d-error", [x3], T + "diag", "$0"))
    add(op("diagonal/default", [x], T + "diagonal", "$0"))
    add(op("diagonal/offset-dims", [x3], M + "diagonal", "$0", 1, 0, 2))
    add(op("diagonal/kw", [x3], T + "diagonal", "$0", offset=-1, dim1=1, dim2=-1))
    add(op("diag_embed/default", [F([2, 3], 1208)], T + "diag_embed", "$0"))
    add(op("diag_embed/offset", [F([2, 3], 1208)], M + "diag_embed", "$0", 1, 0, 2))
    add(op("trace/basic", [x], T + "trace", "$0"))
    add(op("trace/int", [I([3, 3], 1209)], M + "trace", "$0"))
    add(op("trace/3d-error", [x3], T + "trace", "$0"))
    add(op("tile/basic", [x], T + "tile", "$0", [2, 1]))
    add(op("tile/fewer-dims", [x3], M + "tile", "$0", 2))
    add(op("tile/more-dims", [F([3], 1210)], M + "tile", "$0", 2, 1, 2))
    add(op("repeat/method", [F([2, 3], 1211)], M + "repeat", "$0", 2, 1, 2))
    add(op("repeat_interleave/int-dim", [x], T + "repeat_interleave", "$0", 2, dim=0))
    add(op("repeat_interleave/flat", [x], M + "repeat_interleave", "$0", 2))
    add(op("repeat_interleave/tensor", [x, idx([1, 0, 2])], T + "repeat_interleave", "$0", "$1", dim=0))
    add(op("repeat_interleave/repeats-only", [idx([1, 2, 0, 3])], T + "repeat_interleave", "$0"))
    add(op("repeat_interleave/bad-size", [x, idx([1, 2])], T + "repeat_interleave", "$0", "$1", dim=0))
    add(scenario("meshgrid/ij", [F([2], 1212), F([3], 1213)],
                 step(T + "meshgrid", "$0", "$1", indexing="ij", out="g"),
                 step("index", "$g", 0), step("index", "$g", 1)))
    add(scenario("meshgrid/xy", [F([2], 1212), F([3], 1213)],
                 step(T + "meshgrid", "$0", "$1", indexing="xy", out="g"),
                 step("index", "$g", 0), step("index", "$g", 1)))
    add(op("meshgrid/default-warns", [idx([1, 2]), idx([3, 4, 5])], T + "meshgrid", "$0", "$1"))
    add(op("meshgrid/list", [idx([1, 2]), idx([3, 4, 5])], T + "meshgrid", ["$0", "$1"], indexing="ij"))
    add(op("meshgrid/bad-indexing", [idx([1, 2])], T + "meshgrid", "$0", indexing="foo"))
    add(op("cartesian_prod/basic", [idx([1, 2]), idx([3, 4, 5])], T + "cartesian_prod", "$0", "$1"))
    add(op("hstack/1d", [F([3], 1214), F([2], 1215)], T + "hstack", ["$0", "$1"]))
    add(op("hstack/2d", [F([2, 3], 1216), F([2, 1], 1217)], T + "hstack", ["$0", "$1"]))
    add(op("vstack/1d", [F([3], 1214), F([3], 1218)], T + "vstack", ["$0", "$1"]))
    add(op("vstack/2d", [F([2, 3], 1216), F([1, 3], 1219)], T + "vstack", ["$0", "$1"]))
    add(op("dstack/2d", [F([2, 3], 1216), F([2, 3], 1220)], T + "dstack", ["$0", "$1"]))
    add(op("column_stack/1d", [F([3], 1214), F([3], 1218)], T + "column_stack", ["$0", "$1"]))
    add(op("column_stack/mixed", [F([3], 1214), F([3, 2], 1221)], T + "column_stack", ["$0", "$1"]))
    add(op("vstack/size-error", [F([3], 1214), F([2], 1215)], T + "vstack", ["$0", "$1"]))
    add(op("atleast_1d/0d", [F([], 1222)], T + "atleast_1d", "$0"))
    add(op("atleast_2d/1d", [F([3], 1223)], T + "atleast_2d", "$0"))
    add(op("atleast_3d/2d", [F([2, 3], 1224)], T + "atleast_3d", "$0"))
    add(op("atleast_3d/1d", [F([3], 1223)], T + "atleast_3d", "$0"))
    add(op("tensor_split/sections", [F([7], 1225)], T + "tensor_split", "$0", 3, backward=False))
    add(op("tensor_split/indices-dim1", [F([2, 5], 1226)], M + "tensor_split", "$0", [1, 3], dim=1, backward=False))
    add(op("hsplit/2d", [F([2, 4], 1227)], T + "hsplit", "$0", 2, backward=False))
    add(op("hsplit/not-divisible", [F([7], 1225)], T + "hsplit", "$0", 3))
    add(op("vsplit/indices", [F([4, 2], 1228)], M + "vsplit", "$0", [1], backward=False))
    add(op("vsplit/1d-error", [F([6], 1229)], T + "vsplit", "$0", 3))
    add(op("movedim/int", [x3], T + "movedim", "$0", 0, 2))
    add(op("movedim/lists", [x3], M + "movedim", "$0", [0, 1], [2, 0]))
    add(op("moveaxis/neg", [x3], T + "moveaxis", "$0", -1, 0))
    add(op("movedim/len-error", [x3], T + "movedim", "$0", [0, 1], [0]))
    add(op("tril_indices/basic", [], T + "tril_indices", 3, 3))
    add(op("triu_indices/offset", [], T + "triu_indices", 3, 4, 1))
    add(op("tril_indices/neg-offset", [], T + "tril_indices", 4, 3, -1))
    add(op("take_along_dim/dim1", [F([2, 3], 1230), idx([[0], [2]])], T + "take_along_dim", "$0", "$1", dim=1))
    add(op("take_along_dim/flat", [F([2, 3], 1230), idx([0, 5, 2])], M + "take_along_dim", "$0", "$1"))
    add(op("take_along_dim/broadcast", [F([2, 3], 1230), idx([[0, 1, 2, 0]])], T + "take_along_dim", "$0", "$1", 0, backward=False))
    add(op("type_as/float64", [x, F([1], 1231, dtype="float64")], M + "type_as", "$0", "$1"))
    add(op("new_empty/shape", [x], M + "new_empty", "$0", [2, 3], backward=False, nondeterministic=True))
    return c


def scatter():
    c = []
    add = c.append
    x, src = F([3, 4], 1301), F([3, 4], 1302)
    index = idx([[0, 1, 2, 0], [2, 0, 1, 1]])
    add(op("scatter/src", [x, index, F([2, 4], 1303)], T + "scatter", "$0", 0, "$1", "$2"))
    add(op("scatter/value", [x, index], M + "scatter", "$0", 0, "$1", 2.5))
    add(op("scatter/dim1-neg", [x, idx([[0, 3], [1, 1], [2, 0]]), F([3, 2], 1332)], T + "scatter", "$0", -1, "$1", "$2"))
    add(op("scatter/src-larger", [x, idx([[0, 3], [1, 1], [2, 0]]), src], T + "scatter", "$0", -1, "$1", "$2", backward=False))
    add(op("scatter/reduce-add", [F([3, 4], 1304, rg=False), index], T + "scatter", "$0", 0, "$1", 2.5, reduce="add"))
    add(op("scatter/bad-index", [F([3], 1305, rg=False), idx([5])], T + "scatter", "$0", 0, "$1", 1.5))
    add(op("scatter/float-index", [F([3], 1305, rg=False), inp([0.0], rg=False)], T + "scatter", "$0", 0, "$1", 1.5))
    add(op("scatter/dims-error", [F([3, 3], 1306, rg=False), idx([0])], T + "scatter", "$0", 0, "$1", 1.5))
    add(op("scatter_add/basic", [x, index, F([2, 4], 1307)], T + "scatter_add", "$0", 0, "$1", "$2"))
    add(op("scatter_add/method-dim1", [x, idx([[0, 0], [1, 3], [2, 2]]), F([3, 2], 1308)], M + "scatter_add", "$0", 1, "$1", "$2"))
    add(op("scatter_add/size-error", [F([3], 1309, rg=False), idx([0, 1, 2, 0]), F([2], 1310, rg=False)], T + "scatter_add", "$0", 0, "$1", "$2"))
    add(op("scatter_/inplace-nonleaf", [F([2, 3], 1311, rg=False), idx([[0], [1]]), F([2, 1], 1312, rg=False)], M + "scatter_", "$0", 1, "$1", "$2"))
    add(op("scatter_add_/inplace", [F([3], 1313, rg=False), idx([0, 0, 2]), F([3], 1314, rg=False)], M + "scatter_add_", "$0", 0, "$1", "$2"))
    add(op("index_add/basic", [x, idx([0, 2]), F([2, 4], 1315)], T + "index_add", "$0", 0, "$1", "$2"))
    add(op("index_add/alpha-dup", [x, idx([1, 1, 3]), F([3, 3], 1316)], M + "index_add", "$0", 1, "$1", "$2", alpha=2))
    add(op("index_add/count-error", [F([3, 2], 1317, rg=False), idx([0]), F([2, 2], 1318, rg=False)], T + "index_add", "$0", 0, "$1", "$2"))
    add(op("index_add_/inplace", [F([3, 2], 1319, rg=False), idx([2, 0]), F([2, 2], 1320, rg=False)], M + "index_add_", "$0", 0, "$1", "$2"))
    add(op("index_fill/scalar", [x, idx([0, 2])], T + "index_fill", "$0", 1, "$1", -1.5))
    add(op("index_fill/tensor", [x, idx([1]), F([], 1321)], M + "index_fill", "$0", 0, "$1", "$2"))
    add(op("index_fill_/inplace", [F([2, 3], 1322, rg=False), idx([0])], M + "index_fill_", "$0", 1, "$1", 0.5))
    add(op("index_copy/basic", [x, idx([2, 0]), F([2, 4], 1323)], T + "index_copy", "$0", 0, "$1", "$2"))
    add(op("index_copy/dim1", [x, idx([3, 1]), F([3, 2], 1324)], M + "index_copy", "$0", 1, "$1", "$2"))
    add(op("masked_scatter/basic", [x, B([3, 4], 1325), F([3, 4], 1326)], M + "masked_scatter", "$0", "$1", "$2"))
    add(op("masked_scatter/broadcast-mask", [F([2, 3], 1327), inp([True, False, True], "bool"), F([2, 3], 1328)], T + "masked_scatter", "$0", "$1", "$2"))
    add(op("masked_scatter_/inplace", [F([2, 3], 1329, rg=False), inp([True, False, True], "bool"), F([5], 1330, rg=False)], M + "masked_scatter_", "$0", "$1", "$2"))
    return c


UNARY_MORE = ("asin", "acos", "atan", "sinh", "cosh", "asinh", "atanh", "erf", "erfc", "erfinv", "exp2", "frac", "sgn",
              "sinc", "deg2rad", "rad2deg", "arcsin", "arctan")


def pointwise_more():
    c = []
    add = c.append
    unit = F([2, 3], 1401, -0.9, 0.9)
    add(op("acosh/basic", [F([2, 3], 1402, 1.2, 3.0)], T + "acosh", "$0"))
    for fn in UNARY_MORE:
        # sgn's gradient is PyTorch's lazily-allocated zeros, which the oracle cannot serialise.
        add(op(f"{fn}/basic", [unit], T + fn, "$0", backward=fn != "sgn"))
        add(op(f"{fn}/method", [unit], M + fn, "$0", backward=fn != "sgn"))
    add(op("erf/float64", [F([5], 1403, -3, 3, dtype="float64")], T + "erf", "$0"))
    add(op("erfc/float64-tail", [F([4], 1404, 1, 5, dtype="float64")], T + "erfc", "$0"))
    add(op("erfinv/edges", [inp([-1.0, 1.0, 0.0, 0.999, -0.5], rg=False)], T + "erfinv", "$0"))
    add(op("lgamma/basic", [F([2, 3], 1405, 0.1, 6)], T + "lgamma", "$0"))
    add(op("lgamma/negative", [inp([-2.5, -0.5, 0.0, 1.0, 2.0], rg=False)], T + "lgamma", "$0"))
    add(op("lgamma/float64", [F([4], 1406, -3, 8, dtype="float64")], T + "lgamma", "$0"))
    add(op("digamma/basic", [F([2, 3], 1407, 0.3, 6)], M + "digamma", "$0"))
    add(op("digamma/negative", [inp([-2.5, -0.5, 0.0, 1.0], rg=False)], T + "digamma", "$0"))
    add(op("erf/int", [I([3], 1408)], T + "erf", "$0"))
    add(op("asin/int", [inp([0, 1, -1], "int64")], T + "asin", "$0"))
    add(op("sgn/int", [I([4], 1409)], T + "sgn", "$0"))
    add(op("frac/int-error", [I([3], 1410)], T + "frac", "$0"))
    add(op("deg2rad/int", [inp([180, 90], "int64")], T + "deg2rad", "$0"))
    add(op("asin/out-of-range", [inp([2.0, -0.5], rg=False)], T + "asin", "$0"))
    add(op("logit/basic", [F([2, 3], 1411, 0.05, 0.95)], T + "logit", "$0"))
    add(op("logit/eps", [inp([0.0, 0.3, 1.0, 0.5])], M + "logit", "$0", eps=1e-6))
    add(op("logit/eps-positional", [inp([0.1, 0.3, 0.99])], T + "logit", "$0", 0.2))
    add(op("nan_to_num/default", [inp([float("nan"), float("inf"), -float("inf"), 1.5])], T + "nan_to_num", "$0"))
    add(op("nan_to_num/kw", [inp([float("nan"), float("inf"), -float("inf"), 1.5])], M + "nan_to_num", "$0", nan=0.5, posinf=2.5, neginf=-2.5))
    add(op("nan_to_num/float64", [inp([float("nan"), float("inf")], "float64")], T + "nan_to_num", "$0"))
    a, b = F([2, 3], 1412), F([2, 3], 1413)
    add(op("atan2/basic", [a, b], T + "atan2", "$0", "$1"))
    add(op("arctan2/broadcast", [a, F([3], 1414)], M + "arctan2", "$0", "$1"))
    add(op("atan2/int", [I([3], 1415), I([3], 1416)], T + "atan2", "$0", "$1"))
    add(op("fmod/tensor", [a, F([2, 3], 1417, 0.5, 2)], T + "fmod", "$0", "$1"))
    add(op("fmod/scalar", [a], M + "fmod", "$0", 1.5))
    add(op("fmod/int", [inp([-7, 7, -3], "int64")], T + "fmod", "$0", 2))
    add(op("hypot/basic", [a, b], T + "hypot", "$0", "$1"))
    add(op("xlogy/tensor", [inp([0.0, 1.5, 2.0]), F([3], 1418, 0.1, 3)], T + "xlogy", "$0", "$1"))
    add(op("xlogy/scalar-other", [a], T + "xlogy", "$0", 2.5))
    add(op("xlogy/zero-zero", [inp([0.0, 0.0], rg=False), inp([0.0, float("nan")], rg=False)], T + "xlogy", "$0", "$1"))
    add(op("logaddexp/basic", [a, b], T + "logaddexp", "$0", "$1"))
    add(op("logaddexp/inf", [inp([float("-inf"), 1.0], rg=False), inp([float("-inf"), 1000.0], rg=False)], T + "logaddexp", "$0", "$1"))
    add(op("logaddexp2/basic", [a, b], M + "logaddexp2", "$0", "$1"))
    add(op("float_power/scalar", [a], T + "float_power", "$0", 2))
    add(op("float_power/tensor", [F([3], 1419, 0.5, 2), F([3], 1420)], M + "float_power", "$0", "$1"))
    add(op("float_power/int", [inp([2, 3], "int64")], T + "float_power", "$0", 2))
    add(op("heaviside/basic", [inp([-1.5, 0.0, 2.0], rg=False), inp([0.5], rg=False)], T + "heaviside", "$0", "$1"))
    add(op("isclose/default", [inp([1.0, float("nan"), 2.0, float("inf")], rg=False), inp([1.0000001, float("nan"), 2.1, float("inf")], rg=False)], T + "isclose", "$0", "$1"))
    add(op("isclose/kw", [inp([1.0, float("nan"), 2.0], rg=False), inp([1.01, float("nan"), 2.1], rg=False)], M + "isclose", "$0", "$1", rtol=0.02, equal_nan=True))
    add(op("addcmul/basic", [a, b, F([2, 3], 1421)], T + "addcmul", "$0", "$1", "$2"))
    add(op("addcmul/value-broadcast", [F([3], 1422), b, F([2, 1], 1423)], M + "addcmul", "$0", "$1", "$2", value=0.5))
    add(op("addcmul/int", [I([2], 1424), I([2], 1425), I([2], 1426)], T + "addcmul", "$0", "$1", "$2", value=2))
    add(op("addcdiv/basic", [a, b, F([2, 3], 1427, 0.5, 2)], T + "addcdiv", "$0", "$1", "$2", value=-2))
    add(op("addcdiv/int-error", [I([2], 1424), I([2], 1425), I([2], 1426, 1, 3)], T + "addcdiv", "$0", "$1", "$2"))
    add(op("lerp/scalar", [a, b], T + "lerp", "$0", "$1", 0.3))
    add(op("lerp/scalar-high", [a, b], M + "lerp", "$0", "$1", 0.75))
    add(op("lerp/tensor", [a, b, F([2, 3], 1428, 0, 1)], T + "lerp", "$0", "$1", "$2"))
    add(op("lerp/int-error", [I([2], 1424), I([2], 1425)], T + "lerp", "$0", "$1", 0.5))
    return c


def stats_more():
    c = []
    add = c.append
    x = F([3, 4], 1501)
    add(scenario("std_mean/all", [x], step(T + "std_mean", "$0", out="r"), step("index", "$r", 0), step("index", "$r", 1)))
    add(op("std_mean/dim-backward-std", [x], T + "std_mean", "$0", 1, out_index=0))
    add(op("std_mean/dim-backward-mean", [x], T + "std_mean", "$0", 1, out_index=1))
    add(op("std_mean/kw", [x], T + "std_mean", "$0", dim=0, unbiased=False, keepdim=True, out_index=0))
    add(op("var_mean/all", [x], T + "var_mean", "$0", out_index=0))
    add(op("var_mean/dim-mean", [x], T + "var_mean", "$0", [0, 1], out_index=1))
    add(op("var_mean/int-error", [I([3], 1502)], T + "var_mean", "$0"))
    nanx = inp([[1.5, float("nan"), -2.0], [float("nan"), 0.5, 3.0]])
    add(op("nansum/all", [nanx], T + "nansum", "$0"))
    add(op("nansum/dim", [nanx], M + "nansum", "$0", 1))
    add(op("nansum/int", [I([4], 1503)], T + "nansum", "$0"))
    add(op("nanmean/all", [nanx], T + "nanmean", "$0"))
    add(op("nanmean/dim-keepdim", [nanx], M + "nanmean", "$0", 0, True))
    add(op("nanmean/int-error", [I([4], 1503)], T + "nanmean", "$0"))
    add(op("quantile/scalar", [x], T + "quantile", "$0", 0.3))
    add(op("quantile/dim", [x], M + "quantile", "$0", 0.75, dim=1))
    add(op("quantile/dim0-keepdim", [x], T + "quantile", "$0", 0.5, 0, True))
    add(op("quantile/lower", [x], T + "quantile", "$0", 0.4, dim=1, interpolation="lower"))
    add(op("quantile/midpoint", [F([5], 1505)], T + "quantile", "$0", 0.4, interpolation="midpoint"))
    add(op("quantile/nearest", [F([5], 1505)], T + "quantile", "$0", 0.4, interpolation="nearest"))
    add(op("quantile/higher", [F([5], 1505)], T + "quantile", "$0", 0.4, interpolation="higher"))
    add(op("quantile/nan", [inp([1.0, float("nan"), 3.0])], T + "quantile", "$0", 0.5))
    add(op("nanquantile/nan", [inp([1.0, float("nan"), 3.0, 2.0])], T + "nanquantile", "$0", 0.5))
    add(op("quantile/int-error", [I([3], 1506)], T + "quantile", "$0", 0.5))
    add(op("quantile/q-range-error", [x], T + "quantile", "$0", 1.5))
    add(op("histc/basic", [inp([1.0, 2.0, 1.0, 0.0, 3.0, 2.5], rg=False)], T + "histc", "$0", bins=4, min=0, max=3))
    add(op("histc/auto-range", [F([10], 1507, rg=False)], M + "histc", "$0", 5))
    add(op("histc/int-error", [I([3], 1508)], T + "histc", "$0"))
    add(op("bincount/basic", [idx([0, 1, 1, 3, 5])], T + "bincount", "$0"))
    add(op("bincount/weights", [idx([0, 1, 1, 3]), inp([0.5, 1.0, 1.25, 2.0], rg=False)], T + "bincount", "$0", weights="$1"))
    add(op("bincount/minlength", [idx([0, 1])], M + "bincount", "$0", minlength=5))
    add(op("bincount/negative-error", [idx([-1, 0])], T + "bincount", "$0"))
    add(op("addmv/basic", [F([2], 1509), F([2, 3], 1510), F([3], 1511)], T + "addmv", "$0", "$1", "$2"))
    add(op("addmv/beta-alpha", [F([2], 1509), F([2, 3], 1510), F([3], 1511)], M + "addmv", "$0", "$1", "$2", beta=0.5, alpha=2))
    add(op("baddbmm/basic", [F([2, 2, 2], 1512), F([2, 2, 3], 1513), F([2, 3, 2], 1514)], T + "baddbmm", "$0", "$1", "$2"))
    add(op("baddbmm/broadcast-input", [F([2], 1515), F([2, 2, 3], 1513), F([2, 3, 2], 1514)], T + "baddbmm", "$0", "$1", "$2", alpha=0.5))
    add(op("addbmm/basic", [F([2, 2], 1516), F([3, 2, 4], 1517), F([3, 4, 2], 1518)], T + "addbmm", "$0", "$1", "$2", beta=2))
    add(op("addbmm/batch-error", [F([2, 2], 1516), F([3, 2, 4], 1517), F([2, 4, 2], 1519)], T + "addbmm", "$0", "$1", "$2"))
    return c


def with_backward(s):
    s["backward"] = True
    return s


def ops_more_edges():
    c = []
    add = c.append
    x = F([2, 3], 1601)
    add(op("nonzero/2d", [idx([[0, 1], [2, 0]])], T + "nonzero", "$0"))
    add(op("nonzero/as_tuple", [idx([[0, 1], [2, 0]])], M + "nonzero", "$0", as_tuple=True))
    add(op("nonzero/float", [inp([0.0, 1.5, 0.0, -2.0], rg=False)], M + "nonzero", "$0"))
    add(op("topk/bool-error", [B([3], 1602)], T + "topk", "$0", 1))
    add(op("sort/bool", [inp([True, False, True], "bool")], T + "sort", "$0"))
    add(op("sort/empty", [F([0], 1603)], T + "sort", "$0", backward=False))
    add(op("sort/0d", [F([], 1604)], T + "sort", "$0", out_index=0))
    add(op("topk/0d", [F([], 1604)], T + "topk", "$0", 1, out_index=0))
    add(op("kthvalue/0d", [F([], 1604)], T + "kthvalue", "$0", 1, out_index=0))
    add(op("median/0d-dim", [F([], 1604)], T + "median", "$0", 0, out_index=0))
    add(op("median/empty", [F([0], 1603, rg=False)], T + "median", "$0"))
    add(op("topk/negative-k", [F([3], 1605)], T + "topk", "$0", -1))
    add(op("cumsum/empty", [F([0, 3], 1606)], T + "cumsum", "$0", 0, backward=False))
    add(op("cumprod/no-dim", [F([3], 1607)], M + "cumprod", "$0"))
    add(op("flip/bool", [inp([True, False], "bool")], T + "flip", "$0", [0]))
    add(op("tril/bool", [inp([[True, True], [True, True]], "bool")], T + "tril", "$0"))
    add(op("roll/0d", [F([], 1604)], T + "roll", "$0", 1))
    add(op("diag/bool", [inp([True, False], "bool")], T + "diag", "$0"))
    add(op("diag_embed/0d-error", [F([], 1604)], T + "diag_embed", "$0"))
    add(op("diagonal/same-dims", [x], T + "diagonal", "$0", 0, 1, 1))
    add(op("rot90/1d-error", [F([3], 1607)], T + "rot90", "$0"))
    add(op("hstack/empty-error", [], T + "hstack", []))
    add(op("tensor_split/zero-error", [F([5], 1608)], T + "tensor_split", "$0", 0))
    add(op("cartesian_prod/three", [idx([1, 2]), idx([3]), idx([4, 5])], T + "cartesian_prod", "$0", "$1", "$2"))
    add(op("atleast_1d/multi", [F([], 1604), F([2], 1609)], T + "atleast_1d", "$0", "$1", backward=False))
    add(op("cummax/bool", [inp([False, True, False], "bool")], T + "cummax", "$0", 0))
    add(op("cumsum/int-to-float", [I([3], 1610)], T + "cumsum", "$0", 0, dtype=torch.float32))
    add(op("scatter/int-float-value", [idx([0, 0, 0]), idx([1])], T + "scatter", "$0", 0, "$1", 2.7))
    add(op("scatter/dtype-error", [F([2], 1611, rg=False), idx([0]), F([1], 1612, dtype="float64", rg=False)], T + "scatter", "$0", 0, "$1", "$2"))
    add(op("index_add/int", [idx([0, 0, 0]), idx([1, 1]), idx([2, 3])], T + "index_add", "$0", 0, "$1", "$2"))
    add(op("index_fill/int-float", [idx([0, 0, 0]), idx([1])], T + "index_fill", "$0", 0, "$1", 2.7))
    add(op("index_fill/1d-value-error", [F([2, 3], 1613, rg=False), idx([0]), F([1], 1614, rg=False)], T + "index_fill", "$0", 0, "$1", "$2"))
    add(op("take_along_dim/ndim-error", [F([2, 3], 1615, rg=False), idx([0])], T + "take_along_dim", "$0", "$1", dim=1))
    add(op("movedim/dup-error", [F([2, 3], 1615, rg=False)], T + "movedim", "$0", [0, 0], [0, 1]))
    add(op("hypot/int-error", [I([2], 1616), I([2], 1617)], T + "hypot", "$0", "$1"))
    add(op("logaddexp/int-error", [I([2], 1616), I([2], 1617)], T + "logaddexp", "$0", "$1"))
    add(op("xlogy/int", [inp([3, 0], "int64"), inp([4, 0], "int64")], T + "xlogy", "$0", "$1"))
    add(op("addcmul/mixed", [idx([1, 2]), inp([1.0, 2.0], rg=False), idx([1, 2])], T + "addcmul", "$0", "$1", "$2"))
    add(op("isclose/int", [idx([1, 2]), idx([1, 3])], T + "isclose", "$0", "$1"))
    add(op("isclose/mixed-error", [idx([1, 2]), inp([1.0, 3.0], rg=False)], T + "isclose", "$0", "$1"))
    add(op("lerp/end-dtype-error", [F([1], 1618), F([1], 1619, dtype="float64")], T + "lerp", "$0", "$1", 0.5))
    add(op("searchsorted/float-into-int", [idx([1, 3, 5]), inp([2.5], rg=False)], T + "searchsorted", "$0", "$1"))
    add(op("searchsorted/scalar", [idx([1, 3, 5])], T + "searchsorted", "$0", 4))
    add(op("histc/float64", [inp([1.0, 2.0], "float64", rg=False)], T + "histc", "$0", bins=2))
    add(op("std_mean/one-element", [F([1], 1620)], T + "std_mean", "$0", out_index=1))
    add(op("erfinv/int", [idx([0])], T + "erfinv", "$0"))
    add(op("lgamma/int", [idx([3])], T + "lgamma", "$0"))
    add(op("quantile/tensor-q", [F([2, 4], 1621), inp([0.25, 0.5], rg=False)], T + "quantile", "$0", "$1", dim=1, backward=False))
    # printing of the named tuples
    add(scenario("sort/str", [F([2, 3], 1622)], step(T + "sort", "$0", out="r"), step("str", "$r")))
    add(scenario("topk/str", [F([4], 1623)], step(M + "topk", "$0", 2, out="r"), step("str", "$r")))
    add(scenario("cummax/str", [F([4], 1624, rg=False)], step(T + "cummax", "$0", 0, out="r"), step("str", "$r")))
    add(scenario("median/str", [F([2, 3], 1625, rg=False)], step(T + "median", "$0", 1, out="r"), step("str", "$r")))
    # in place on a non-leaf: the op's node becomes the tensor's grad_fn; on a leaf: PyTorch's error
    add(scenario("scatter_/nonleaf-grad", [F([2, 3], 1626), F([2, 1], 1627), idx([[2], [0]])],
                 step(M + "mul", "$0", 2, out="y"),
                 with_backward(step(M + "scatter_", "$y", 1, "$2", "$1"))))
    add(scenario("asin_/nonleaf-grad", [F([4], 1628, -0.9, 0.9)],
                 step(M + "mul", "$0", 0.5, out="y"), with_backward(step(M + "asin_", "$y"))))
    add(scenario("cumsum_/nonleaf-grad", [F([4], 1629)],
                 step(M + "mul", "$0", 2, out="y"), with_backward(step(M + "cumsum_", "$y", 0))))
    add(scenario("tril_/leaf-error", [F([3, 3], 1630)], step(M + "tril_", "$0")))
    add(scenario("index_add_/view", [F([3, 2], 1631), F([1, 2], 1632), idx([0])],
                 step(M + "mul", "$0", 1, out="y"), step(M + "narrow", "$y", 0, 1, 2, out="v"),
                 step(M + "index_add_", "$v", 0, "$2", "$1"), with_backward(step(M + "sum", "$y"))))
    return c


FAMILIES = {
    "scan": scan, "sorting": sorting, "rearrange": rearrange, "scatter": scatter,
    "pointwise_more": pointwise_more, "stats_more": stats_more, "ops_more_edges": ops_more_edges,
}
