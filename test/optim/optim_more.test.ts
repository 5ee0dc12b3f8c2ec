// Adadelta, Adamax, NAdam, RAdam, ASGD (and LBFGS, the added lr schedulers) against PyTorch 1.13
// (more_fixtures.json from gen_more_fixtures.py): parameter trajectories bit for bit over several
// steps with two param groups and a parameter that gets no gradient on odd steps.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/engine";
import { loadFixture, values } from "../nn/helpers";

interface OptCase {
  name: string; optimizer: string; options: Record<string, unknown>; dtype: "float32" | "float64"; shapes: number[][];
  init: number[][]; grads: number[][][]; history: number[][][]; state_keys: string[];
}
export interface MoreFixtures { optimizers: OptCase[] }
const fx = loadFixture<MoreFixtures>("optim", "more_fixtures.json");
type OptCtor = new (params: unknown, opts: Record<string, unknown>) => torch.optim.Optimizer<{ lr: number }>;

for (const c of fx.optimizers) {
  test(`optim.${c.name} ${c.dtype} ${JSON.stringify(c.options)}: ${c.history.length} steps bit for bit`, () => {
    const dtype = torch[c.dtype];
    const params = c.init.map((v, i) => new torch.nn.Parameter(torch.tensor(v, { dtype }).reshape(c.shapes[i])));
    const cls = (torch.optim as unknown as Record<string, OptCtor>)[c.optimizer];
    const opt = new cls([{ params: params.slice(0, 2) }, { params: params.slice(2), lr: 0.003 }], c.options);
    c.history.forEach((expected, s) => {
      params.forEach((p, j) => {
        p.grad = j === 2 && s % 2 === 1 ? null : torch.tensor(c.grads[s][j], { dtype }).reshape(c.shapes[j]);
      });
      const versions = params.map((p) => p._version);
      opt.step();
      params.forEach((p, j) => {
        const got = values(p);
        got.forEach((v, k) => assert.ok(Object.is(v, expected[j][k]), `step ${s + 1}, param ${j}, element ${k}: got ${v}, PyTorch ${expected[j][k]}`));
        assert.equal(p._version > versions[j], p.grad !== null, `param ${j} version`);
      });
    });
    assert.deepEqual(Object.keys(opt.state_dict().state[0]).sort(), c.state_keys);
  });
}

test("new optimizers reject PyTorch's invalid arguments with its messages", () => {
  const p = [torch.zeros(1).requires_grad_()];
  assert.throws(() => new torch.optim.Adadelta(p, { rho: 1.5 }), { message: "Invalid rho value: 1.5" });
  assert.throws(() => new torch.optim.Adamax(p, { betas: [0.9, 1] }), { message: "Invalid beta parameter at index 1: 1" });
  assert.throws(() => new torch.optim.NAdam(p, { momentum_decay: -1 }), { message: "Invalid momentum_decay value: -1" });
  assert.throws(() => new torch.optim.RAdam(p, { lr: -1 }), { message: "Invalid learning rate: -1" });
  assert.throws(() => new torch.optim.ASGD(p, { weight_decay: -1 }), { message: "Invalid weight_decay value: -1" });
});
