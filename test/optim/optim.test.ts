// Every optimizer against PyTorch 1.13's single-tensor updates, several steps from fixed params
// and grads (fixtures.json from gen_fixtures.py), bit for bit; lr schedulers; zero_grad; state_dict.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/engine";
import type { Tensor } from "../../src/engine";
import { loadFixture, values } from "../nn/helpers";

interface OptCase {
  name: string; optimizer: string; options: Record<string, unknown>; shapes: number[][];
  init: number[][]; grads: number[][][]; history: number[][][]; state_keys: string[];
}
interface SchedCase { scheduler: string; options: Record<string, unknown>; lrs: number[] }
const fx = loadFixture<{ optimizers: OptCase[]; schedulers: SchedCase[] }>("optim", "fixtures.json");

type OptCtor = new (params: unknown, opts: Record<string, unknown>) => torch.optim.Optimizer<{ lr: number }>;

for (const c of fx.optimizers) {
  test(`optim.${c.name} ${JSON.stringify(c.options)}: ${c.history.length} steps bit for bit`, () => {
    const params = c.init.map((v, i) => new torch.nn.Parameter(torch.tensor(v).reshape(c.shapes[i])));
    const cls = (torch.optim as unknown as Record<string, OptCtor>)[c.optimizer];
    const opt = new cls([{ params: params.slice(0, 2) }, { params: params.slice(2), lr: 0.003 }], c.options);
    c.history.forEach((expected, s) => {
      params.forEach((p, j) => {
        p.grad = j === 2 && s % 2 === 1 ? null : torch.tensor(c.grads[s][j]).reshape(c.shapes[j]);
      });
      const versions = params.map((p) => p._version);
      opt.step();
      params.forEach((p, j) => {
        const got = values(p);
        got.forEach((v, k) => assert.ok(Object.is(v, expected[j][k]), `step ${s + 1}, param ${j}, element ${k}: got ${v}, PyTorch ${expected[j][k]}`));
        // Updated in place (version bumped) only when the parameter had a gradient.
        assert.equal(p._version > versions[j], p.grad !== null, `param ${j} version`);
      });
    });
    assert.deepEqual(Object.keys(opt.state_dict().state[0]).sort(), c.state_keys);
  });
}

for (const c of fx.schedulers) {
  test(`lr_scheduler.${c.scheduler} ${JSON.stringify(c.options)}`, () => {
    const p = new torch.nn.Parameter(torch.zeros(1));
    const opt = new torch.optim.SGD([p], { lr: 0.1 });
    const S = torch.optim.lr_scheduler;
    const sched = c.scheduler === "StepLR" ? new S.StepLR(opt, c.options.step_size as number, c.options.gamma as number)
      : c.scheduler === "MultiStepLR" ? new S.MultiStepLR(opt, c.options.milestones as number[], c.options.gamma as number)
        : c.scheduler === "ExponentialLR" ? new S.ExponentialLR(opt, c.options.gamma as number)
          : c.scheduler === "CosineAnnealingLR" ? new S.CosineAnnealingLR(opt, { T_max: c.options.T_max as number, eta_min: c.options.eta_min as number | undefined })
            : new S.LambdaLR(opt, (e: number) => 0.95 ** e);
    const lrs: number[] = [];
    for (let i = 0; i < c.lrs.length; i++) {
      opt.step();
      sched.step();
      lrs.push(sched.get_last_lr()[0]);
    }
    lrs.forEach((lr, i) => assert.ok(Math.abs(lr - c.lrs[i]) <= 1e-15 * Math.abs(c.lrs[i]) + 1e-18, `epoch ${i + 1}: ${lr} vs PyTorch ${c.lrs[i]}`));
  });
}

test("zero_grad sets grads to null by default (PyTorch 2.x), or zeroes them in place", () => {
  const p = new torch.nn.Parameter(torch.ones(2));
  const opt = new torch.optim.SGD([p], { lr: 0.1 });
  p.grad = torch.ones(2);
  opt.zero_grad();
  assert.equal(p.grad, null);
  p.grad = torch.ones(2);
  const g = p.grad;
  opt.zero_grad(false);
  assert.equal(p.grad, g);
  assert.deepEqual(values(p.grad as Tensor), [0, 0]);
});

test("optimizer argument checks use PyTorch's messages", () => {
  assert.throws(() => new torch.optim.SGD([], { lr: 0.1 }), /optimizer got an empty parameter list/);
  const p = new torch.nn.Parameter(torch.ones(2));
  assert.throws(() => new torch.optim.SGD([p], { lr: -1 }), /Invalid learning rate: -1/);
  assert.throws(() => new torch.optim.SGD([{ params: [p] }, { params: [p] }], { lr: 0.1 }), /some parameters appear in more than one parameter group/);
  assert.throws(() => new torch.optim.SGD([p.mul(2)], { lr: 0.1 }), /can't optimize a non-leaf Tensor/);
});

test("state_dict lists param groups by index and holds per-parameter state", () => {
  const a = new torch.nn.Parameter(torch.ones(2)), b = new torch.nn.Parameter(torch.ones(3));
  const opt = new torch.optim.SGD([a, b], { lr: 0.1, momentum: 0.9 });
  a.grad = torch.ones(2);
  opt.step();
  const sd = opt.state_dict();
  assert.deepEqual(sd.param_groups[0].params, [0, 1]);
  assert.equal(sd.param_groups[0].momentum, 0.9);
  assert.deepEqual(Object.keys(sd.state), ["0"]);
  const opt2 = new torch.optim.SGD([a, b], { lr: 0.5 });
  opt2.load_state_dict(sd);
  assert.equal(opt2.param_groups[0].lr, 0.1);
});
