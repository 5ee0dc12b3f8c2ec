"""Cases: in-place ops (and their errors) and autograd behaviour, as multi-step scenarios."""
from build import B, F, I, block, inp, loose, op, scenario, step

T = "torch."
M = "method."
G = "attr.grad"


def inplace():
    c = []
    add = c.append
    x = F([2, 3], 801)
    pos = F([2, 3], 802, 0.2, 2)

    def on_clone(name, src, fn, *args, **kw):
        """y = src.clone(); y.<fn>(*args); backward through y: the in-place node and its grads."""
        return scenario(f"{name}", [src],
                        step(M + "clone", "$0", out="y"),
                        step(M + fn, "$y", *args, out="r", **kw),
                        step("attr.grad_fn", "$y"),
                        step(M + "sum", "$y", out="s"),
                        step(M + "backward", "$s"),
                        step(G, "$0"))
    add(on_clone("add_/tensor", x, "add_", 2))
    add(on_clone("add_/alpha", x, "add_", 1.5, alpha=2))
    add(on_clone("sub_/scalar", x, "sub_", 0.5))
    add(on_clone("mul_/scalar", x, "mul_", 3))
    add(on_clone("div_/scalar", x, "div_", 4))
    add(on_clone("pow_/scalar", x, "pow_", 2))
    add(on_clone("exp_", x, "exp_"))
    add(on_clone("neg_", x, "neg_"))
    add(on_clone("sqrt_", pos, "sqrt_"))
    add(on_clone("abs_", x, "abs_"))
    add(on_clone("relu_", x, "relu_"))
    add(on_clone("sigmoid_", x, "sigmoid_"))
    add(on_clone("tanh_", x, "tanh_"))
    add(on_clone("clamp_", x, "clamp_", -0.5, 0.5))
    add(on_clone("clamp_/min-kw", x, "clamp_", min=0))
    add(on_clone("zero_", x, "zero_"))
    add(on_clone("fill_", x, "fill_", 2.5))
    add(scenario("mul_/tensor", [x, F([2, 3], 803)],
                 step(M + "mul", "$0", 2, out="y"), step(M + "mul_", "$y", "$1", out="r"),
                 step("attr.grad_fn", "$y"), step(M + "sum", "$y", out="s"),
                 step(M + "backward", "$s"), step(G, "$0"), step(G, "$1")))
    add(scenario("add_/broadcast-tensor", [x, F([3], 804)],
                 step(M + "mul", "$0", 1, out="y"), step(M + "add_", "$y", "$1"),
                 step(M + "sum", "$y", out="s"), step(M + "backward", "$s"),
                 step(G, "$0"), step(G, "$1")))
    add(scenario("copy_/from-requires-grad", [F([2, 3], 805, rg=False), x],
                 step(M + "copy_", "$0", "$1", out="r"),
                 step("attr.grad_fn", "$0"), step("attr.is_leaf", "$0"),
                 step(M + "sum", "$0", out="s"), step(M + "backward", "$s"), step(G, "$1")))
    add(scenario("copy_/broadcast", [F([2, 3], 806, rg=False), F([3], 807, rg=False)],
                 step(M + "copy_", "$0", "$1", out="r"), step("str", "$0")))
    add(scenario("copy_/dtype-cast", [inp([0, 0], "int64"), inp([1.7, -2.7], rg=False)],
                 step(M + "copy_", "$0", "$1", out="r"), step("str", "$0")))
    add(op("error/leaf-add_", [x], M + "add_", "$0", 1))
    add(op("error/leaf-zero_", [x], M + "zero_", "$0"))
    add(op("error/leaf-copy_", [x, F([2, 3], 808, rg=False)], M + "copy_", "$0", "$1"))
    add(scenario("error/view-of-leaf", [x],
                 step(M + "view", "$0", -1, out="v"), step(M + "mul_", "$v", 2)))
    add(scenario("error/int-add_-float", [I([3], 809), F([3], 810, rg=False)],
                 step(M + "add_", "$0", "$1")))
    add(scenario("error/int-mul_-float-scalar", [I([3], 811)],
                 step(M + "mul_", "$0", 1.5)))
    add(scenario("error/bool-add_-int", [B([3], 812)],
                 step(M + "add_", "$0", 1)))
    add(scenario("error/expanded-write", [F([3, 1], 813, rg=False)],
                 step(M + "expand", "$0", 3, 2, out="e"), step(M + "add_", "$e", 1)))
    add(scenario("ok/float-add_-int", [F([3], 814, rg=False), I([3], 815)],
                 step(M + "add_", "$0", "$1", out="r"), step("str", "$0")))
    add(scenario("no_grad/leaf-update", [x],
                 block("no_grad", step(M + "sub_", "$0", 0.5, out="r")),
                 step("attr.is_leaf", "$0"), step("attr.requires_grad", "$0"),
                 step("attr.grad_fn", "$0"), step("str", "$0")))
    add(scenario("data/leaf-update", [x],
                 step("attr.data", "$0", out="d"), step(M + "mul_", "$d", 2),
                 step("str", "$0"), step("attr.grad_fn", "$0")))
    # Views share storage: writing through one is visible through the other.
    add(scenario("views/write-through-transpose", [F([2, 3], 816, rg=False)],
                 step(M + "t", "$0", out="v"), step(M + "add_", "$v", 1),
                 step("str", "$0"), step(M + "is_contiguous", "$v")))
    add(scenario("views/write-through-narrow", [F([4, 2], 817, rg=False)],
                 step(M + "narrow", "$0", 0, 1, 2, out="v"), step(M + "fill_", "$v", 9),
                 step("str", "$0")))
    add(scenario("views/write-through-select", [F([3, 2], 818, rg=False)],
                 step(M + "select", "$0", 1, 0, out="v"), step(M + "zero_", "$v"),
                 step("str", "$0")))
    add(scenario("views/base-write-seen-by-view", [F([2, 2], 819, rg=False)],
                 step(M + "view", "$0", 4, out="v"), step(M + "mul_", "$0", 10),
                 step("str", "$v")))
    add(scenario("views/detach-shares-storage", [x],
                 step(M + "detach", "$0", out="d"), step(M + "zero_", "$d"),
                 step("str", "$0")))
    add(scenario("views/reshape-copy-does-not-share", [F([3, 2], 820, rg=False, permute=[1, 0])],
                 step(M + "reshape", "$0", 6, out="r"), step(M + "zero_", "$r"), step("str", "$0")))
    add(scenario("views/clone-does-not-share", [F([2], 821, rg=False)],
                 step(M + "clone", "$0", out="r"), step(M + "zero_", "$r"), step("str", "$0")))
    add(scenario("views/inplace-on-view-of-nonleaf", [x],
                 step(M + "clone", "$0", out="y"), step(M + "select", "$y", 0, 1, out="v"),
                 step(M + "mul_", "$v", 2), step("attr.grad_fn", "$y"),
                 step(M + "sum", "$y", out="s"), step(M + "backward", "$s"), step(G, "$0")))
    # Version counter: modifying a tensor that backward needs is caught at backward time.
    add(scenario("version/saved-output-sigmoid", [F([3], 822)],
                 step(M + "sigmoid", "$0", out="y"), step(M + "mul_", "$y", 2),
                 step(M + "sum", "$y", out="s"), step(M + "backward", "$s")))
    add(scenario("version/saved-output-exp", [F([3], 823)],
                 step(M + "exp", "$0", out="y"), step(M + "add_", "$y", 1),
                 step(M + "sum", "$y", out="s"), step(M + "backward", "$s")))
    add(scenario("version/saved-input-mul", [F([3], 824), F([3], 825)],
                 step(M + "mul", "$0", 1, out="a"), step(M + "mul", "$a", "$1", out="z"),
                 step(M + "add_", "$a", 1), step(M + "sum", "$z", out="s"), step(M + "backward", "$s")))
    add(scenario("version/saved-leaf", [F([3], 826)],
                 step(M + "mul", "$0", "$0", out="y"),
                 block("no_grad", step(M + "add_", "$0", 1)),
                 step(M + "sum", "$y", out="s"), step(M + "backward", "$s")))
    add(scenario("version/twice", [F([3], 827)],
                 step(M + "tanh", "$0", out="y"), step(M + "mul_", "$y", 2), step(M + "mul_", "$y", 2),
                 step(M + "sum", "$y", out="s"), step(M + "backward", "$s")))
    add(scenario("version/unsaved-is-fine", [F([3], 828)],
                 step(M + "add", "$0", 1, out="y"), step(M + "mul_", "$y", 2),
                 step(M + "sum", "$y", out="s"), step(M + "backward", "$s"), step(G, "$0")))
    add(scenario("version/via-view", [F([4], 829)],
                 step(M + "exp", "$0", out="y"), step(M + "narrow", "$y", 0, 0, 2, out="v"),
                 step(M + "zero_", "$v"), step(M + "sum", "$y", out="s"), step(M + "backward", "$s")))
    return c


def autograd():
    c = []
    add = c.append
    x = F([3], 901)
    add(scenario("backward/scalar", [x],
                 step(M + "mul", "$0", "$0", out="y"), step(M + "sum", "$y", out="s"),
                 step(M + "backward", "$s"), step(G, "$0"), step("attr.is_leaf", "$y")))
    add(scenario("backward/second-time-error", [x],
                 step(M + "mul", "$0", "$0", out="y"), step(M + "sum", "$y", out="s"),
                 step(M + "backward", "$s"), step(M + "backward", "$s"), step(G, "$0")))
    add(scenario("backward/second-time-nothing-saved", [x],
                 step(M + "add", "$0", 1, out="y"), step(M + "sum", "$y", out="s"),
                 step(M + "backward", "$s"), step(M + "backward", "$s"), step(G, "$0")))
    add(scenario("backward/retain_graph", [x],
                 step(M + "mul", "$0", "$0", out="y"), step(M + "sum", "$y", out="s"),
                 step(M + "backward", "$s", retain_graph=True), step(G, "$0"),
                 step(M + "backward", "$s"), step(G, "$0"),
                 step(M + "backward", "$s")))
    add(scenario("backward/accumulates-over-two-graphs", [x],
                 step(M + "mul", "$0", 3, out="y"), step(M + "sum", "$y", out="s"),
                 step(M + "backward", "$s"),
                 step(M + "pow", "$0", 2, out="y2"), step(M + "sum", "$y2", out="s2"),
                 step(M + "backward", "$s2"), step(G, "$0")))
    add(scenario("backward/grad-reset-none", [x],
                 step(M + "mul", "$0", 3, out="y"), step(M + "sum", "$y", out="s"),
                 step(M + "backward", "$s"), step("setattr.grad", "$0", None), step(G, "$0"),
                 step(M + "mul", "$0", 2, out="y2"), step(M + "sum", "$y2", out="s2"),
                 step(M + "backward", "$s2"), step(G, "$0")))
    add(scenario("backward/grad-zero_", [x],
                 step(M + "mul", "$0", 3, out="y"), step(M + "sum", "$y", out="s"),
                 step(M + "backward", "$s"), step(G, "$0", out="g"), step(M + "zero_", "$g"),
                 step(M + "mul", "$0", 2, out="y2"), step(M + "sum", "$y2", out="s2"),
                 step(M + "backward", "$s2"), step(G, "$0")))
    add(scenario("backward/non-scalar-implicit-error", [x],
                 step(M + "mul", "$0", 2, out="y"), step(M + "backward", "$y")))
    add(scenario("backward/non-scalar-with-gradient", [x],
                 step(M + "mul", "$0", 2, out="y"),
                 step(M + "backward", "$y", "$1"), step(G, "$0")))
    c[-1]["inputs"].append(inp([0.1, 1.0, 0.0001], rg=False))
    add(scenario("backward/gradient-shape-error", [x, inp([1.0, 1.0], rg=False)],
                 step(M + "mul", "$0", 2, out="y"), step(M + "backward", "$y", "$1")))
    add(scenario("backward/scalar-explicit-gradient", [x, inp(2.0, rg=False)],
                 step(M + "sum", "$0", out="s"), step(M + "backward", "$s", "$1"), step(G, "$0")))
    add(scenario("backward/no-grad-fn-error", [F([3], 902, rg=False)],
                 step(M + "sum", "$0", out="s"), step(M + "backward", "$s")))
    add(scenario("backward/argmax-error", [inp([1.0], rg=True)],
                 step(M + "argmax", "$0", out="y"), step("attr.requires_grad", "$y"),
                 step("attr.grad_fn", "$y"), step(M + "backward", "$y"), step(G, "$0")))
    add(scenario("backward/comparison-error", [x],
                 step(M + "gt", "$0", 0, out="y"), step(M + "sum", "$y", out="s"),
                 step(M + "backward", "$s")))
    add(scenario("backward/leaf-itself", [x],
                 step(M + "backward", "$0", "$1"), step(G, "$0")))
    c[-1]["inputs"].append(inp([1.0, 2.0, 3.0], rg=False))
    add(scenario("backward/diamond", [x],
                 step(M + "exp", "$0", out="a"), step(M + "mul", "$a", "$a", out="b"),
                 step(M + "add", "$b", "$a", out="c"), step(M + "sum", "$c", out="s"),
                 step(M + "backward", "$s"), step(G, "$0")))
    add(scenario("backward/float64", [F([2, 2], 903, dtype="float64")],
                 step(M + "pow", "$0", 3, out="y"), step(M + "mean", "$y", out="s"),
                 step(M + "backward", "$s"), step(G, "$0")))
    add(scenario("backward/after-requires_grad-false", [inp([1.0])],
                 step(M + "pow", "$0", 2, out="y"), step("setattr.requires_grad", "$0", False),
                 step("attr.requires_grad", "$y"), step(M + "backward", "$y"), step(G, "$0")))
    add(scenario("backward/create_graph", [x],
                 step(M + "pow", "$0", 3, out="y"), step(M + "sum", "$y", out="s"),
                 step(M + "backward", "$s", create_graph=True), loose(step(G, "$0", out="g")),
                 loose(step(M + "sum", "$g", out="gs")), step("setattr.grad", "$0", None),
                 step(M + "backward", "$gs"), step(G, "$0")))
    # requires_grad flags
    add(scenario("requires_grad/setter-non-leaf-error", [x],
                 step(M + "mul", "$0", 2, out="y"), step("setattr.requires_grad", "$y", False)))
    add(scenario("requires_grad/setter-non-leaf-true-error", [x],
                 step(M + "mul", "$0", 2, out="y"), step("setattr.requires_grad", "$y", True),
                 step("attr.requires_grad", "$y")))
    add(scenario("requires_grad/setter-int-error", [I([2], 904)],
                 step("setattr.requires_grad", "$0", True)))
    add(scenario("requires_grad/setter-leaf", [F([2], 905, rg=False)],
                 step("setattr.requires_grad", "$0", True), step("attr.requires_grad", "$0"),
                 step("attr.is_leaf", "$0"), step(M + "mul", "$0", 2, out="y"), step("str", "$y")))
    add(scenario("requires_grad/requires_grad_-on-result", [F([3, 3], 906, rg=False)],
                 step(M + "mul", "$0", 3, out="a1"), step(M + "sub", "$0", 1, out="a2"),
                 step(M + "div", "$a1", "$a2", out="a"), step("attr.requires_grad", "$a"),
                 step(M + "requires_grad_", "$a", True), step("attr.requires_grad", "$a"),
                 step("attr.is_leaf", "$a"), step(M + "mul", "$a", "$a", out="b0"),
                 step(M + "sum", "$b0", out="b"), step("attr.grad_fn", "$b")))
    add(scenario("requires_grad/propagation", [F([2], 907, rg=False), F([2], 908, rg=False), F([2], 909)],
                 step(M + "add", "$0", "$1", out="a"), step("attr.requires_grad", "$a"),
                 step(M + "add", "$0", "$2", out="b"), step("attr.requires_grad", "$b")))
    add(scenario("detach", [x],
                 step(M + "mul", "$0", 2, out="y"), step(M + "detach", "$y", out="d"),
                 step("attr.requires_grad", "$d"), step("attr.is_leaf", "$d"), step("attr.grad_fn", "$d"),
                 step(M + "requires_grad_", "$d"), step("attr.is_leaf", "$d")))
    add(scenario("Variable/deprecated-alias", [F([5], 910, rg=False)],
                 step(T + "autograd.Variable", "$0", out="a"), step("str", "$a"),
                 step("attr.requires_grad", "$a")))
    # .grad of non-leaf tensors
    add(scenario("grad/non-leaf-warning", [inp([1.0])],
                 step(M + "pow", "$0", 2, out="y"), step(M + "mul", "$y", 3, out="z"),
                 step(M + "backward", "$z"), step(G, "$0"), step(G, "$y"), step(G, "$z")))
    add(scenario("grad/retain_grad", [inp([1.0])],
                 step(M + "pow", "$0", 2, out="y"), step(M + "retain_grad", "$y"),
                 step("attr.retains_grad", "$y"), step(M + "mul", "$y", 3, out="z"),
                 step(M + "backward", "$z"), step(G, "$0"), step(G, "$y"), step(G, "$z"),
                 step("attr.retains_grad", "$z"), step("attr.retains_grad", "$0")))
    add(scenario("grad/retain_grad-on-leaf-noop", [x],
                 step(M + "retain_grad", "$0"), step("attr.retains_grad", "$0"),
                 step(M + "sum", "$0", out="s"), step(M + "backward", "$s"), step(G, "$0")))
    add(scenario("grad/retain_grad-accumulates", [x],
                 step(M + "mul", "$0", 2, out="y"), step(M + "retain_grad", "$y"),
                 step(M + "sum", "$y", out="s"), step(M + "backward", "$s", retain_graph=True),
                 step(M + "backward", "$s"), step(G, "$y")))
    # torch.autograd.grad
    add(scenario("autograd.grad/basic", [x],
                 step(M + "pow", "$0", 2, out="y"), step(M + "sum", "$y", out="s"),
                 step(T + "autograd.grad", "$s", ["$0"], out="g"), step(G, "$0")))
    add(scenario("autograd.grad/single-tensor-input", [x],
                 step(M + "pow", "$0", 2, out="y"), step(M + "sum", "$y", out="s"),
                 step(T + "autograd.grad", "$s", "$0")))
    add(scenario("autograd.grad/grad_outputs", [x, inp([1.0, 0.5, -1.0], rg=False)],
                 step(M + "exp", "$0", out="y"),
                 step(T + "autograd.grad", ["$y"], ["$0"], grad_outputs=["$1"])))
    add(scenario("autograd.grad/two-inputs", [x, F([3], 911)],
                 step(M + "mul", "$0", "$1", out="y"), step(M + "sum", "$y", out="s"),
                 step(T + "autograd.grad", "$s", ["$0", "$1"])))
    add(scenario("autograd.grad/unused-error", [x, F([3], 912)],
                 step(M + "sum", "$0", out="s"),
                 step(T + "autograd.grad", "$s", ["$0", "$1"])))
    add(scenario("autograd.grad/allow_unused", [x, F([3], 912)],
                 step(M + "sum", "$0", out="s"),
                 step(T + "autograd.grad", "$s", ["$0", "$1"], allow_unused=True)))
    add(scenario("autograd.grad/second-call-error", [x],
                 step(M + "exp", "$0", out="y"), step(M + "sum", "$y", out="s"),
                 step(T + "autograd.grad", "$s", ["$0"]), step(T + "autograd.grad", "$s", ["$0"])))
    add(scenario("autograd.grad/retain_graph", [x],
                 step(M + "exp", "$0", out="y"), step(M + "sum", "$y", out="s"),
                 step(T + "autograd.grad", "$s", ["$0"], retain_graph=True),
                 step(T + "autograd.grad", "$s", ["$0"])))
    add(scenario("autograd.grad/create_graph-second-order", [x],
                 step(M + "pow", "$0", 3, out="y"), step(M + "sum", "$y", out="s"),
                 # the graph of a gradient is PyTorch's derivative formulas (MulBackward1, ...):
                 # we check its values and that it requires grad, not its node names
                 loose(step(T + "autograd.grad", "$s", ["$0"], create_graph=True, out="g")),
                 loose(step("index", "$g", 0, out="g0")),  # autograd.grad returns a tuple
                 loose(step(M + "sum", "$g0", out="gs")),
                 step(T + "autograd.grad", "$gs", ["$0"], out="h")))
    add(scenario("autograd.grad/create_graph-backward", [x],
                 step(M + "sin", "$0", out="y"), step(M + "sum", "$y", out="s"),
                 loose(step(T + "autograd.grad", "$s", ["$0"], create_graph=True, out="g")),
                 loose(step("index", "$g", 0, out="g0")),
                 loose(step(M + "sum", "$g0", out="gs")), step(M + "backward", "$gs"), step(G, "$0")))
    add(scenario("autograd.grad/non-scalar-error", [x],
                 step(M + "exp", "$0", out="y"), step(T + "autograd.grad", "$y", ["$0"])))
    add(scenario("autograd.grad/not-requiring-input-error", [x, F([3], 913, rg=False)],
                 step(M + "sum", "$0", out="s"), step(T + "autograd.grad", "$s", ["$1"])))
    # hooks
    add(scenario("hooks/double-on-leaf", [x],
                 step(M + "register_hook", "$0", {"$hook": "double"}, out="h"),
                 step(M + "mul", "$0", 3, out="y"), step(M + "sum", "$y", out="s"),
                 step(M + "backward", "$s"), step(G, "$0")))
    add(scenario("hooks/record-intermediate", [x],
                 step(M + "mul", "$0", 3, out="y"),
                 step(M + "register_hook", "$y", {"$hook": "record:seen"}, out="h"),
                 step(M + "pow", "$y", 2, out="z"), step(M + "sum", "$z", out="s"),
                 step(M + "backward", "$s"), step("str", "$seen"), step(G, "$0")))
    add(scenario("hooks/double-on-intermediate", [x],
                 step(M + "mul", "$0", 3, out="y"),
                 step(M + "register_hook", "$y", {"$hook": "double"}, out="h"),
                 step(M + "sum", "$y", out="s"), step(M + "backward", "$s"), step(G, "$0")))
    add(scenario("hooks/remove", [x],
                 step(M + "register_hook", "$0", {"$hook": "zero"}, out="h"),
                 step(M + "remove", "$h"),
                 step(M + "mul", "$0", 3, out="y"), step(M + "sum", "$y", out="s"),
                 step(M + "backward", "$s"), step(G, "$0")))
    add(scenario("hooks/two-hooks-in-order", [x],
                 step(M + "register_hook", "$0", {"$hook": "double"}, out="h1"),
                 step(M + "register_hook", "$0", {"$hook": "record:after"}, out="h2"),
                 step(M + "sum", "$0", out="s"), step(M + "backward", "$s"),
                 step("str", "$after"), step(G, "$0")))
    add(scenario("hooks/no-grad-tensor-error", [F([3], 914, rg=False)],
                 step(M + "register_hook", "$0", {"$hook": "double"})))
    # grad mode
    add(scenario("no_grad/basic", [x],
                 step(M + "pow", "$0", 2, out="a"), step("attr.requires_grad", "$a"),
                 block("no_grad",
                       step(M + "pow", "$0", 2, out="b"), step("attr.requires_grad", "$b"),
                       step("attr.grad_fn", "$b"), step("attr.is_leaf", "$b")),
                 step(M + "pow", "$0", 2, out="c"), step("attr.requires_grad", "$c")))
    add(scenario("no_grad/factory-requires-grad", [],
                 block("no_grad", step(T + "ones", 2, requires_grad=True, out="o"),
                       step("attr.requires_grad", "$o"))))
    add(scenario("no_grad/enable_grad-inside", [x],
                 block("no_grad",
                       block("enable_grad", step(M + "mul", "$0", 2, out="a"), step("attr.requires_grad", "$a")),
                       step(M + "mul", "$0", 2, out="b"), step("attr.requires_grad", "$b"))))
    add(scenario("no_grad/set_grad_enabled-false", [x],
                 block("grad_disabled", step(M + "exp", "$0", out="a"), step("attr.requires_grad", "$a"))))
    add(scenario("no_grad/is_grad_enabled", [],
                 step(T + "is_grad_enabled"),
                 block("no_grad", step(T + "is_grad_enabled"))))
    add(scenario("no_grad/backward-of-result-error", [x],
                 block("no_grad", step(M + "mul", "$0", 2, out="y")),
                 step(M + "sum", "$y", out="s"), step(M + "backward", "$s")))
    add(scenario("no_grad/leaf-inplace-ok", [x],
                 block("no_grad", step(M + "mul_", "$0", 2)), step("attr.is_leaf", "$0"), step("str", "$0")))
    # next_functions chains the panel draws
    add(scenario("graph/tutorial-000", [inp([[1.0, 1.0], [1.0, 1.0]])],
                 step(M + "add", "$0", 2, out="y"), step("str", "$y"), step("attr.grad_fn", "$y"),
                 step(M + "mul", "$y", "$y", out="yy"), step(M + "mul", "$yy", 3, out="z"),
                 step(M + "mean", "$z", out="out"), step("str", "$z"), step("str", "$out"),
                 step("attr.grad_fn", "$z"), step("attr.grad_fn", "$out"),
                 step(M + "backward", "$out"), step(G, "$0")))
    add(scenario("graph/tutorial-003-Q", [inp([2.0, 3.0]), inp([6.0, 4.0])],
                 step(M + "pow", "$0", 3, out="a3"), step(M + "mul", "$a3", 3, out="t1"),
                 step(M + "pow", "$1", 2, out="b2"), step(M + "sub", "$t1", "$b2", out="Q"),
                 step("attr.grad_fn", "$Q"), step(M + "backward", "$Q", "$2"),
                 step(G, "$0"), step(G, "$1")))
    c[-1]["inputs"].append(inp([1.0, 1.0], rg=False))
    add(scenario("graph/leaf-used-twice", [x],
                 step(M + "mul", "$0", "$0", out="y"), step("attr.grad_fn", "$y")))
    return c


FAMILIES = {"inplace": inplace, "autograd": autograd}
