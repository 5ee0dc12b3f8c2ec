# Writes test/unit/autograd_functional_fixtures.json from PyTorch 1.13 (run with /usr/bin/python3):
# torch.autograd.functional jacobian / hessian / vjp / jvp / vhp / hvp on float64 inputs (single
# and tuple inputs and outputs, create_graph), and torch.autograd.gradcheck's result and message.
import json, os
import torch
from torch.autograd.functional import jacobian, hessian, vjp, jvp, vhp, hvp

HERE = os.path.dirname(os.path.abspath(__file__))
torch.manual_seed(0)
D = torch.float64
x = torch.randn(3, dtype=D)
y = torch.randn(3, dtype=D)
m = torch.randn(2, 3, dtype=D)
v3 = torch.randn(3, dtype=D)
v2 = torch.randn(2, dtype=D)


def T(t):
    return {"shape": list(t.shape), "values": [float(a) for a in t.detach().reshape(-1).tolist()], "requires_grad": t.requires_grad,
            "grad_fn": type(t.grad_fn).__name__ if t.grad_fn is not None else None}


def nest(r):
    if isinstance(r, torch.Tensor):
        return T(r)
    return [nest(e) for e in r]


f1 = lambda a: a.exp() * a.sin()
f2 = lambda a, b: (a * b, a.sum() + b.pow(2))
f3 = lambda a: m.matmul(a).tanh()
s1 = lambda a: (a.pow(3) * a.sin()).sum()
s2 = lambda a, b: (a.pow(2) * b).sum() + (a * b.exp()).sum()

out = {
    "inputs": {"x": T(x), "y": T(y), "m": T(m), "v3": T(v3), "v2": T(v2)},
    "jac_f1": nest(jacobian(f1, x)),
    "jac_f2": nest(jacobian(f2, (x, y))),
    "jac_f3": nest(jacobian(f3, x)),
    "jac_f1_tuple_in": nest(jacobian(f1, (x,))),
    "jac_f1_graph": nest(jacobian(f1, x.clone().requires_grad_(), create_graph=True)),
    "hess_s1": nest(hessian(s1, x)),
    "hess_s2": nest(hessian(s2, (x, y))),
    "vjp_f3": nest(vjp(f3, x, v2)),
    "vjp_f2": nest(vjp(f2, (x, y), (v3, v2.sum() * v3))),
    "jvp_f3": nest(jvp(f3, x, v3)),
    "jvp_f2": nest(jvp(f2, (x, y), (v3, v3))),
    "vhp_s1": nest(vhp(s1, x, v3)),
    "hvp_s2": nest(hvp(s2, (x, y), (v3, v3))),
}
try:
    vjp(f3, x, v3)
except RuntimeError as e:
    out["vjp_bad_v"] = str(e)


class BadSquare(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(a)
        return a * a

    @staticmethod
    def backward(ctx, g):
        (a,) = ctx.saved_tensors
        return g * a * 3


xa = torch.tensor([0.5, -1.0, 2.0], dtype=D, requires_grad=True)
out["gradcheck_ok"] = torch.autograd.gradcheck(lambda a, b: (a.sin() * b).sum(), (xa, torch.tensor([1.0, 2.0, 3.0], dtype=D, requires_grad=True)))
try:
    torch.autograd.gradcheck(BadSquare.apply, (xa,))
except RuntimeError as e:
    out["gradcheck_bad"] = str(e)
    out["gradcheck_bad_type"] = type(e).__name__
out["gradcheck_bad_quiet"] = torch.autograd.gradcheck(BadSquare.apply, (xa,), raise_exception=False)


class DetachedSquare(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(a)
        return a * a

    @staticmethod
    def backward(ctx, g):
        (a,) = ctx.saved_tensors
        return g * a.detach() * 2


torch.manual_seed(5)
out["gradgradcheck_ok"] = torch.autograd.gradgradcheck(lambda a, b: a.pow(3) * b, (xa, torch.tensor([1.0, -2.0, 0.5], dtype=D, requires_grad=True)))
out["gradgradcheck_after"] = torch.rand(3).tolist()
torch.manual_seed(6)
try:
    torch.autograd.gradgradcheck(DetachedSquare.apply, (xa,))
except RuntimeError as e:
    out["gradgradcheck_bad"] = str(e)
json.dump(out, open(os.path.join(HERE, "autograd_functional_fixtures.json"), "w"), indent=0)
print(out["gradcheck_bad"])
