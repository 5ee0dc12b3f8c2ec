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
interface SchedCase { scheduler: string; optimizer: "sgd" | "adam"; options: Record<string, unknown>; lrs: number[][]; momentum: number[][]; last_lr: number[] }
interface LbfgsCase { options: Record<string, unknown>; init: number[]; history: number[][]; losses: number[]; calls: number; n_iter: number; func_evals: number }
export interface MoreFixtures { optimizers: OptCase[]; schedulers: SchedCase[]; lbfgs: LbfgsCase[] }
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

const METRICS = [1.0, 0.9, 0.95, 0.96, 0.97, 0.89, 0.9, 0.9, 0.9, 0.9, 0.9, 0.5, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6];
const S = torch.optim.lr_scheduler;
type Sched = { step(): void; get_last_lr(): number[] };

function build(c: SchedCase, opt: torch.optim.Optimizer<{ lr: number }>): Sched {
  const o = c.options as never;
  switch (c.scheduler) {
    case "MultiplicativeLR": return new S.MultiplicativeLR(opt, () => 0.95);
    case "ConstantLR": return new S.ConstantLR(opt, o);
    case "LinearLR": return new S.LinearLR(opt, o);
    case "PolynomialLR": return new S.PolynomialLR(opt, o);
    case "CosineAnnealingWarmRestarts": return new S.CosineAnnealingWarmRestarts(opt, o);
    case "CyclicLR": return new S.CyclicLR(opt, o);
    case "OneCycleLR": return new S.OneCycleLR(opt, o);
    case "SequentialLR":
      return new S.SequentialLR(opt, [new S.LinearLR(opt, { start_factor: 0.1, total_iters: 4 }), new S.ExponentialLR(opt, 0.9), new S.StepLR(opt, 3, 0.5)], [5, 12]);
    case "ChainedScheduler": return new S.ChainedScheduler([new S.ConstantLR(opt, { factor: 0.1, total_iters: 2 }), new S.ExponentialLR(opt, 0.9)]);
    case "ReduceLROnPlateau": {
      const r = new S.ReduceLROnPlateau(opt, o);
      let e = 0;
      return { step: () => r.step(METRICS[e++ % METRICS.length]), get_last_lr: () => r.get_last_lr() };
    }
    default: throw new Error(c.scheduler);
  }
}

const near = (a: number, e: number): boolean => Math.abs(a - e) <= 1e-15 * Math.abs(e) + 1e-18;

for (const c of fx.schedulers) {
  test(`lr_scheduler.${c.scheduler} ${JSON.stringify(c.options)}: rates per epoch`, () => {
    const ps = [torch.zeros(1).requires_grad_(), torch.zeros(1).requires_grad_()];
    const groups = [{ params: [ps[0]] }, { params: [ps[1]], lr: 0.01 }];
    const opt = (c.optimizer === "adam" ? new torch.optim.Adam(groups, { lr: 0.1 }) : new torch.optim.SGD(groups, { lr: 0.1, momentum: 0.9 })) as unknown as torch.optim.Optimizer<{ lr: number }>;
    const sched = build(c, opt);
    c.lrs.forEach((expected, e) => {
      opt.step();
      sched.step();
      opt.param_groups.forEach((g, i) => {
        assert.ok(near(g.lr, expected[i]), `epoch ${e + 1} group ${i}: lr ${g.lr} vs PyTorch ${expected[i]}`);
        const gr = g as unknown as { momentum?: number; betas?: number[] };
        const m = c.optimizer === "adam" ? (gr.betas as number[])[0] : (gr.momentum as number);
        assert.ok(near(m, c.momentum[e][i]), `epoch ${e + 1} group ${i}: momentum ${m} vs PyTorch ${c.momentum[e][i]}`);
      });
    });
    sched.get_last_lr().forEach((v, i) => assert.ok(near(v, c.last_lr[i]), "get_last_lr"));
  });
}

test("scheduler argument errors and the epoch deprecation are PyTorch's", () => {
  const opt = new torch.optim.SGD([torch.zeros(1).requires_grad_()], { lr: 0.1 }) as unknown as torch.optim.Optimizer<{ lr: number }>;
  assert.throws(() => new S.ConstantLR(opt, 2), { message: "Constant multiplicative factor expected to be between 0 and 1." });
  assert.throws(() => new S.LinearLR(opt, { end_factor: -1 }), { message: "Ending multiplicative factor expected to be between 0 and 1." });
  assert.throws(() => new S.CosineAnnealingWarmRestarts(opt, 0), { message: "Expected positive integer T_0, but got 0" });
  assert.throws(() => new S.OneCycleLR(opt, { max_lr: 1 }), { message: "You must define either total_steps OR (epochs AND steps_per_epoch)" });
  assert.throws(() => new S.ReduceLROnPlateau(opt, { factor: 1 }), { message: "Factor should be < 1.0." });
  const adam = new torch.optim.Adam([torch.zeros(1).requires_grad_()]) as unknown as torch.optim.Optimizer<{ lr: number }>;
  assert.throws(() => new S.CyclicLR(adam, { base_lr: 0.1, max_lr: 1 }), { message: "optimizer must support momentum with `cycle_momentum` option enabled" });
  const one = new S.OneCycleLR(opt, { max_lr: 1, total_steps: 2 });
  one.step(); one.step();
  assert.throws(() => one.step(), { message: "Tried to step 4 times. The specified number of total steps is 2" });
});

for (const c of fx.lbfgs) {
  test(`optim.LBFGS ${JSON.stringify(c.options)}: float64 Rosenbrock, 3 steps`, () => {
    const x = torch.tensor(c.init, { dtype: torch.float64 }).requires_grad_();
    const opt = new torch.optim.LBFGS([x], c.options);
    let calls = 0;
    const closure = (): torch.Tensor => {
      calls++;
      opt.zero_grad();
      const a = x.narrow(0, 0, 3), b = x.narrow(0, 1, 3);
      const loss = torch.tensor(1.0, { dtype: torch.float64 }).sub(a).pow(2).sum().add(b.sub(a.pow(2)).pow(2).sum().mul(10));
      loss.backward();
      return loss;
    };
    c.history.forEach((expected, s) => {
      const loss = opt.step(closure) as torch.Tensor;
      // dot products may sum in another order than OpenBLAS: compare to 1e-9 relative
      assert.ok(Math.abs((loss.item() as number) - c.losses[s]) <= 1e-9 * Math.abs(c.losses[s]) + 1e-12, `step ${s + 1} loss ${String(loss.item())} vs PyTorch ${c.losses[s]}`);
      values(x).forEach((v, k) => assert.ok(Math.abs(v - expected[k]) <= 1e-9 * Math.max(1, Math.abs(expected[k])), `step ${s + 1} x[${k}]: ${v} vs PyTorch ${expected[k]}`));
    });
    assert.equal(calls, c.calls, "closure calls");
    const st = opt.state_dict().state[0];
    assert.equal(st.n_iter, c.n_iter);
    assert.equal(st.func_evals, c.func_evals);
  });
}

test("LBFGS needs a closure and a single param group", () => {
  const p = torch.zeros(2).requires_grad_();
  assert.throws(() => new torch.optim.LBFGS([{ params: [p] }, { params: [torch.zeros(1).requires_grad_()] }]), { message: "LBFGS doesn't support per-parameter options (parameter groups)" });
  assert.throws(() => new torch.optim.LBFGS([p]).step(), { message: "step() missing 1 required positional argument: 'closure'" });
});
