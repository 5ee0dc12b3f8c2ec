// torch.autograd.functional and torch.autograd.gradcheck against PyTorch 1.13
// (autograd_functional_fixtures.json from gen_autograd_functional_fixtures.py).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/engine";
import type { Tensor } from "../../src/engine";
import { loadFixture, values } from "../nn/helpers";

interface T { shape: number[]; values: number[]; requires_grad: boolean; grad_fn: string | null }
type Nest = T | Nest[];
const fx = loadFixture<Record<string, unknown>>("unit", "autograd_functional_fixtures.json");
const inp = fx.inputs as Record<string, T>;
const t = (f: T): Tensor => torch.tensor(f.values, { dtype: torch.float64 }).reshape(f.shape);
const [x, y, m, v3, v2] = ["x", "y", "m", "v3", "v2"].map((k) => t(inp[k]));
const F = torch.autograd.functional;

/** Same nesting, shapes, requires_grad, grad_fn; values within 1e-12 relative (libm may differ in the last bit). */
function same(got: unknown, exp: Nest, where: string): void {
  if (Array.isArray(exp)) {
    assert.ok(Array.isArray(got), `${where}: expected an array`);
    assert.equal(got.length, exp.length, `${where}: length`);
    exp.forEach((e, i) => same(got[i], e, `${where}[${i}]`));
    return;
  }
  const g = got as Tensor;
  assert.deepEqual([...g.shape], exp.shape, `${where}: shape`);
  assert.equal(g.requires_grad, exp.requires_grad, `${where}: requires_grad`);
  assert.equal(g.grad_fn ? g.grad_fn.name() : null, exp.grad_fn, `${where}: grad_fn`);
  values(g).forEach((v, i) => assert.ok(Math.abs(v - exp.values[i]) <= 1e-12 * Math.max(1, Math.abs(exp.values[i])), `${where}[${i}]: ${v} vs PyTorch ${exp.values[i]}`));
}

const f1 = (a: Tensor): Tensor => a.exp().mul(a.sin());
const f2 = (a: Tensor, b: Tensor): Tensor[] => [a.mul(b), a.sum().add(b.pow(2))];
const f3 = (a: Tensor): Tensor => m.matmul(a).tanh();
const s1 = (a: Tensor): Tensor => a.pow(3).mul(a.sin()).sum();
const s2 = (a: Tensor, b: Tensor): Tensor => a.pow(2).mul(b).sum().add(a.mul(b.exp()).sum());

test("jacobian: single and tuple inputs/outputs, create_graph", () => {
  same(F.jacobian(f1, x), fx.jac_f1 as Nest, "jac_f1");
  same(F.jacobian(f2 as (...a: Tensor[]) => Tensor[], [x, y]), fx.jac_f2 as Nest, "jac_f2");
  same(F.jacobian(f3, x), fx.jac_f3 as Nest, "jac_f3");
  same(F.jacobian(f1, [x]), fx.jac_f1_tuple_in as Nest, "jac_f1_tuple_in");
  same(F.jacobian(f1, x.clone().requires_grad_(), { create_graph: true }), fx.jac_f1_graph as Nest, "jac_f1_graph");
});

test("hessian of one and of two inputs", () => {
  same(F.hessian(s1, x), fx.hess_s1 as Nest, "hess_s1");
  same(F.hessian(s2 as (...a: Tensor[]) => Tensor, [x, y]), fx.hess_s2 as Nest, "hess_s2");
});

test("vjp, jvp, vhp, hvp", () => {
  same(F.vjp(f3, x, v2), fx.vjp_f3 as Nest, "vjp_f3");
  same(F.vjp(f2 as (...a: Tensor[]) => Tensor[], [x, y], [v3, v2.sum().mul(v3)]), fx.vjp_f2 as Nest, "vjp_f2");
  same(F.jvp(f3, x, v3), fx.jvp_f3 as Nest, "jvp_f3");
  same(F.jvp(f2 as (...a: Tensor[]) => Tensor[], [x, y], [v3, v3]), fx.jvp_f2 as Nest, "jvp_f2");
  same(F.vhp(s1, x, v3), fx.vhp_s1 as Nest, "vhp_s1");
  same(F.hvp(s2 as (...a: Tensor[]) => Tensor, [x, y], [v3, v3]), fx.hvp_s2 as Nest, "hvp_s2");
  assert.throws(() => F.vjp(f3, x, v3), { message: fx.vjp_bad_v as string });
});

class BadSquare extends torch.autograd.Function {
  static override forward(ctx: torch.autograd.FunctionCtx, ...args: unknown[]): Tensor { const a = args[0] as Tensor; ctx.save_for_backward(a); return a.mul(a); }
  static override backward(ctx: torch.autograd.FunctionCtx, ...grads: Tensor[]): Tensor { const g = grads[0]; const [a] = ctx.saved_tensors; return g.mul(a).mul(3); }
}

test("gradcheck: true for a correct gradient, PyTorch's GradcheckError text for a wrong one", () => {
  const xa = torch.tensor([0.5, -1.0, 2.0], { dtype: torch.float64, requires_grad: true });
  const b = torch.tensor([1.0, 2.0, 3.0], { dtype: torch.float64, requires_grad: true });
  assert.equal(torch.autograd.gradcheck((a, c) => (a as Tensor).sin().mul(c as Tensor).sum(), [xa, b]), fx.gradcheck_ok);
  const apply = (a: unknown): Tensor => BadSquare.apply(a) as Tensor;
  assert.throws(() => torch.autograd.gradcheck(apply, [xa]), (e: Error) => {
    assert.equal(e.name, fx.gradcheck_bad_type);
    assert.ok(e instanceof torch.RuntimeError);
    assert.equal(e.message, fx.gradcheck_bad);
    return true;
  });
  assert.equal(torch.autograd.gradcheck(apply, [xa], { raise_exception: false }), fx.gradcheck_bad_quiet);
  assert.throws(() => torch.autograd.gradcheck((a) => (a as Tensor).sum(), [torch.ones(2, { dtype: torch.float64 })]), {
    message: "gradcheck expects at least one input tensor to require gradient, but none of the them have requires_grad=True.",
  });
});

class DetachedSquare extends torch.autograd.Function {
  static override forward(ctx: torch.autograd.FunctionCtx, ...args: unknown[]): Tensor { const a = args[0] as Tensor; ctx.save_for_backward(a); return a.mul(a); }
  static override backward(ctx: torch.autograd.FunctionCtx, ...grads: Tensor[]): Tensor { const [a] = ctx.saved_tensors; return grads[0].mul(a.detach()).mul(2); }
}

test("gradgradcheck: random grad_outputs drawn as PyTorch's; a backward that is not differentiable fails", () => {
  const xa = torch.tensor([0.5, -1.0, 2.0], { dtype: torch.float64, requires_grad: true });
  torch.manual_seed(5);
  const b = torch.tensor([1.0, -2.0, 0.5], { dtype: torch.float64, requires_grad: true });
  assert.equal(torch.autograd.gradgradcheck((a, c) => (a as Tensor).pow(3).mul(c as Tensor), [xa, b]), fx.gradgradcheck_ok);
  assert.deepEqual(values(torch.rand(3)), fx.gradgradcheck_after);
  torch.manual_seed(6);
  assert.throws(() => torch.autograd.gradgradcheck((a) => DetachedSquare.apply(a) as Tensor, [xa]), { message: fx.gradgradcheck_bad as string });
});
