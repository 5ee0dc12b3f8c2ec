// The linalg backward formulas are written with differentiable ops, so create_graph gives second
// derivatives. Checked in float64: the gradient of <w, grad f(x)> from autograd against central
// finite differences of the first-order gradient.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/engine";
import type { Tensor } from "../../src/engine";

const f64 = { dtype: torch.float64 };
const A0 = [[2.1, 0.3, -0.4], [0.2, 1.7, 0.5], [-0.6, 0.1, 2.4]];

function secondOrder(name: string, f: (x: Tensor) => Tensor): void {
  test(`second-order gradient through ${name}`, () => {
    const x = torch.tensor(A0, { ...f64, requires_grad: true });
    const w = torch.tensor([[0.3, -0.7, 0.2], [0.5, 0.1, -0.4], [-0.2, 0.6, 0.9]], f64);
    const [g] = torch.autograd.grad(f(x), [x], { create_graph: true });
    const [h] = torch.autograd.grad(g!.mul(w).sum(), [x]);
    const firstOrder = (v: Tensor): Tensor => {
      const xv = v.detach().requires_grad_();
      return torch.autograd.grad(f(xv), [xv])[0]!;
    };
    const eps = 1e-6;
    for (let i = 0; i < 9; i++) {
      const bump = (s: number): number => {
        const v = torch.tensor(A0, f64).reshape(-1);
        v._storage.data[i] += s * eps;
        return Number(firstOrder(v.reshape(3, 3)).mul(w).sum().item());
      };
      const numeric = (bump(1) - bump(-1)) / (2 * eps);
      const analytic = h!._get(i);
      assert.ok(Math.abs(analytic - numeric) <= 1e-5 + 1e-4 * Math.abs(numeric), `${name} [${i}]: ${analytic} vs ${numeric}`);
    }
  });
}

secondOrder("linalg.det", (x) => torch.linalg.det(x));
secondOrder("linalg.inv", (x) => torch.linalg.inv(x).sum());
secondOrder("linalg.slogdet", (x) => torch.linalg.slogdet(x).logabsdet);
secondOrder("linalg.solve", (x) => torch.linalg.solve(x, torch.tensor([1.0, -2.0, 0.5], f64)).pow(2).sum());
secondOrder("linalg.cholesky", (x) => torch.linalg.cholesky(x.matmul(x.mT)).pow(2).sum());
secondOrder("linalg.svdvals", (x) => torch.linalg.svdvals(x).pow(3).sum());
secondOrder("linalg.eigvalsh", (x) => torch.linalg.eigvalsh(x.add(x.mT)).pow(3).sum());
secondOrder("linalg.qr (R)", (x) => torch.linalg.qr(x).R.pow(2).mul(torch.arange(9, f64).reshape(3, 3)).sum());
secondOrder("linalg.pinv", (x) => torch.linalg.pinv(x).sum());
secondOrder("matrix_exp", (x) => torch.matrix_exp(x.mul(0.3)).sum());
secondOrder("einsum", (x) => torch.einsum("ij,jk,ki->", x, x, x));
secondOrder("cdist", (x) => torch.cdist(x, x.mul(0.5).add(1)).sum());
