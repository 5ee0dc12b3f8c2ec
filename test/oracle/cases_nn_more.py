"""Cases: torch.nn.functional activations, losses and distance functions beyond the core set."""
from build import F, I, inp, op, scenario, step

T = "torch."
M = "method."
NNF = "torch.nn.functional."


def nn_activations():
    c = []
    add = c.append
    x = F([3, 4], 1101, -4, 4)
    wide = F([2, 3, 5], 1102, -25, 25)
    x64 = F([4], 1103, -3, 3, dtype="float64")
    for fn in ("relu6", "elu", "selu", "celu", "silu", "mish", "softplus", "softsign", "hardtanh", "hardswish",
               "hardsigmoid", "logsigmoid", "tanhshrink", "hardshrink", "softshrink"):
        add(op(f"{fn}/basic", [x], NNF + fn, "$0"))
        if fn != "softsign":  # its DivBackward0 grad rounds as the core div op does (1 ulp apart), tested on x
            add(op(f"{fn}/wide", [wide], NNF + fn, "$0"))
        add(op(f"{fn}/float64", [x64], NNF + fn, "$0"))
    add(op("relu6/edges", [inp([-1.0, 0.0, 3.0, 6.0, 7.0])], NNF + "relu6", "$0"))
    add(op("hardtanh/edges", [inp([-2.0, -1.0, 0.0, 1.0, 2.0])], NNF + "hardtanh", "$0"))
    add(op("hardtanh/min-max", [x], NNF + "hardtanh", "$0", -2.0, 2.5))
    add(op("hardtanh/kw", [x], NNF + "hardtanh", "$0", min_val=-0.5, max_val=0.5))
    add(op("hardswish/edges", [inp([-4.0, -3.0, 0.0, 3.0, 4.0])], NNF + "hardswish", "$0"))
    add(op("hardsigmoid/edges", [inp([-4.0, -3.0, 0.0, 3.0, 4.0])], NNF + "hardsigmoid", "$0"))
    add(op("elu/alpha", [x], NNF + "elu", "$0", 0.5))
    add(op("elu/alpha-kw", [x], NNF + "elu", "$0", alpha=2.0))
    add(op("celu/alpha", [x], NNF + "celu", "$0", alpha=1.5))
    add(op("softplus/beta-threshold", [x], NNF + "softplus", "$0", 2, 3))
    add(op("softplus/kw", [wide], NNF + "softplus", "$0", beta=0.5, threshold=10))
    add(op("threshold/basic", [x], NNF + "threshold", "$0", 0.1, 20.0))
    add(op("threshold/kw", [x], NNF + "threshold", "$0", threshold=-1.0, value=-5.0))
    add(op("hardshrink/lambd", [x], NNF + "hardshrink", "$0", 1.5))
    add(op("softshrink/lambd", [x], NNF + "softshrink", "$0", lambd=1.0))
    add(op("softshrink/negative-error", [x], NNF + "softshrink", "$0", -1.0))
    add(op("prelu/one", [x, inp([0.25])], NNF + "prelu", "$0", "$1"))
    add(op("prelu/channels", [F([2, 3, 2, 2], 1104), inp([0.1, -0.2, 0.3])], NNF + "prelu", "$0", "$1"))
    add(op("prelu/1d", [F([5], 1105), inp([0.3])], NNF + "prelu", "$0", "$1"))
    add(op("prelu/mismatch-error", [x, inp([0.1, 0.2])], NNF + "prelu", "$0", "$1"))
    add(op("glu/last", [x], NNF + "glu", "$0"))
    add(op("glu/dim0", [F([4, 3], 1106)], NNF + "glu", "$0", 0))
    add(op("glu/dim1-3d", [F([2, 4, 3], 1107)], NNF + "glu", "$0", dim=1))
    add(op("glu/odd-error", [F([3, 3], 1108)], NNF + "glu", "$0"))
    add(op("softmin/dim1", [x], NNF + "softmin", "$0", 1))
    add(op("softmin/dim0-kw", [x], NNF + "softmin", "$0", dim=0))
    add(op("softmin/implicit", [x], NNF + "softmin", "$0"))

    def on_clone(name, fn, *args, **kw):
        """y = x.clone(); F.fn(y, ..., inplace=True): the in-place node and the grads through it."""
        return scenario(name, [x],
                        step(M + "clone", "$0", out="y"),
                        step(NNF + fn, "$y", *args, out="r", **kw),
                        step("attr.grad_fn", "$y"),
                        step(M + "sum", "$y", out="s"),
                        step(M + "backward", "$s"),
                        step("attr.grad", "$0"))
    add(on_clone("elu_/inplace", "elu", inplace=True))
    add(on_clone("selu_/inplace", "selu", inplace=True))
    add(on_clone("celu_/inplace", "celu", alpha=2.0, inplace=True))
    add(on_clone("relu6_/inplace", "relu6", inplace=True))
    add(on_clone("hardtanh_/inplace", "hardtanh", -0.5, 0.5, True))
    add(on_clone("silu_/inplace", "silu", inplace=True))
    add(on_clone("hardswish_/inplace", "hardswish", inplace=True))
    add(on_clone("threshold_/inplace", "threshold", 0.5, 3.0, True))
    return c


FAMILIES = {"nn_activations": nn_activations}
