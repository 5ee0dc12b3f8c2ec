// Finite differences in float64 against autograd, for every differentiable op in the registry.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/engine";
import type { Tensor } from "../../src/engine";
import { opRegistry } from "../../src/engine/ops/define";
import { samples as core } from "./gradcheck_samples";
import { samples as linalg } from "./gradcheck_samples_linalg";
import { samples as math } from "./gradcheck_samples_math";
import { samples as nnMore } from "./gradcheck_samples_nn_more";

const samples = { ...core, ...math, ...linalg, ...nnMore };

let seed = 12345;
function next(): number {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
}
/** Values in ±[0.2, 1.2]: away from the kinks of abs/relu/clamp and from ties. */
const input = (...shape: number[]): Tensor => {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = Array.from({ length: n }, () => (0.2 + next()) * (next() < 0.5 ? -1 : 1));
  return torch.tensor(v, { dtype: torch.float64 }).reshape(shape).requires_grad_();
};
const positive = (...shape: number[]): Tensor => input(...shape).abs().add(0.3).detach().requires_grad_();

function check(name: string, xs: Tensor[], f: (...xs: Tensor[]) => Tensor): void {
  const out = f(...xs);
  const w = torch.tensor(Array.from({ length: out.numel() }, () => next() - 0.5), { dtype: torch.float64 }).reshape(out.shape.length ? [...out.shape] : []);
  const analytic = torch.autograd.grad(out.mul(w).sum(), xs, { allow_unused: true });
  const eps = 1e-6;
  xs.forEach((x, k) => {
    const flat = x.detach().reshape(-1);
    for (let i = 0; i < flat.numel(); i++) {
      const orig = flat._storage.data[flat._offsetOf(i)];
      const at = (v: number): number => {
        x._storage.data[x._offsetOf(i)] = v;
        const r = torch.no_grad(() => Number(f(...xs).mul(w).sum().item()));
        x._storage.data[x._offsetOf(i)] = orig;
        return r;
      };
      const numeric = (at(orig + eps) - at(orig - eps)) / (2 * eps);
      const a = analytic[k] ? analytic[k]!._get(i) : 0;
      assert.ok(Math.abs(a - numeric) <= 1e-5 + 1e-4 * Math.abs(numeric), `${name}: input ${k} element ${i}: autograd ${a} vs finite difference ${numeric}`);
    }
  });
}

test("every differentiable op has a gradcheck sample", () => {
  const missing = [...opRegistry.keys()].filter((k) => !samples[k]);
  assert.deepEqual(missing, [], `ops without a sample in gradcheck_samples.ts: ${missing.join(", ")}`);
});

for (const [key, list] of Object.entries(samples)) {
  test(`gradcheck ${key}`, () => {
    list.forEach((s, i) => check(`${key}#${i}`, s.inputs(input, positive), s.call));
  });
}

test("second-order gradients through create_graph (x**3 → 6x)", () => {
  const x = torch.tensor([0.5, -1.5, 2.0], { dtype: torch.float64, requires_grad: true });
  const [g] = torch.autograd.grad(x.pow(3).sum(), [x], { create_graph: true });
  const [gg] = torch.autograd.grad(g!.sum(), [x]);
  assert.deepEqual(gg!.tolist(), [3, -9, 12]);
});
