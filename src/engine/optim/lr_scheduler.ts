// torch.optim.lr_scheduler: StepLR, MultiStepLR, ExponentialLR, CosineAnnealingLR, LambdaLR,
// with PyTorch's chainable (recursive) formulas so learning rates match it to the last bit.
import { warnOnce, ValueError } from "../errors";
import type { Optimizer } from "./optimizer";

type AnyOptimizer = Optimizer<{ lr: number }>;

/** Python's % (the result takes the divisor's sign). */
const pyMod = (a: number, b: number): number => ((a % b) + b) % b;

export abstract class LRScheduler {
  optimizer: AnyOptimizer;
  base_lrs: number[];
  last_epoch: number;
  _step_count = 0;
  protected _last_lr: number[] = [];
  verbose: boolean;

  constructor(optimizer: AnyOptimizer, last_epoch = -1, verbose = false) {
    this.optimizer = optimizer;
    if (last_epoch === -1) {
      for (const g of optimizer.param_groups) g.initial_lr ??= g.lr;
    } else {
      optimizer.param_groups.forEach((g, i) => {
        if (g.initial_lr === undefined) throw new Error(`param 'initial_lr' is not specified in param_groups[${i}] when resuming an optimizer`);
      });
    }
    this.base_lrs = optimizer.param_groups.map((g) => g.initial_lr as number);
    this.last_epoch = last_epoch;
    this.verbose = verbose;
  }

  /** Subclasses call this at the end of their constructor (PyTorch's _initial_step). */
  protected initialStep(): void {
    this.optimizer._step_count = 0;
    this._step_count = 0;
    this.step();
  }

  abstract get_lr(): number[];
  get_last_lr(): number[] { return this._last_lr.slice(); }

  step(): void {
    this._step_count++;
    if (this._step_count > 1 && this.optimizer._step_count < 1) {
      warnOnce("Detected call of `lr_scheduler.step()` before `optimizer.step()`. In PyTorch 1.1.0 and later, you should call them in the opposite order: `optimizer.step()` before `lr_scheduler.step()`.  Failure to do this will result in PyTorch skipping the first value of the learning rate schedule. See more details at https://pytorch.org/docs/stable/optim.html#how-to-adjust-learning-rate");
    }
    this.last_epoch++;
    const lrs = this.get_lr();
    this.optimizer.param_groups.forEach((g, i) => { g.lr = lrs[i]; });
    this._last_lr = this.optimizer.param_groups.map((g) => g.lr);
  }

  state_dict(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this)) if (k !== "optimizer") out[k] = v;
    return out;
  }
  load_state_dict(sd: Record<string, unknown>): void { Object.assign(this, sd); }
}

export class StepLR extends LRScheduler {
  step_size: number;
  gamma: number;
  constructor(optimizer: AnyOptimizer, step_size: number | { step_size: number; gamma?: number; last_epoch?: number }, gamma = 0.1, last_epoch = -1) {
    const o = typeof step_size === "object" ? step_size : { step_size, gamma, last_epoch };
    super(optimizer, o.last_epoch ?? -1);
    this.step_size = o.step_size;
    this.gamma = o.gamma ?? 0.1;
    this.initialStep();
  }
  get_lr(): number[] {
    const groups = this.optimizer.param_groups;
    if (this.last_epoch === 0 || this.last_epoch % this.step_size !== 0) return groups.map((g) => g.lr);
    return groups.map((g) => g.lr * this.gamma);
  }
}

export class MultiStepLR extends LRScheduler {
  milestones: Map<number, number>;
  gamma: number;
  constructor(optimizer: AnyOptimizer, milestones: number[] | { milestones: number[]; gamma?: number; last_epoch?: number }, gamma = 0.1, last_epoch = -1) {
    const o = Array.isArray(milestones) ? { milestones, gamma, last_epoch } : milestones;
    super(optimizer, o.last_epoch ?? -1);
    this.milestones = new Map();
    for (const m of o.milestones) this.milestones.set(m, (this.milestones.get(m) ?? 0) + 1);
    this.gamma = o.gamma ?? 0.1;
    this.initialStep();
  }
  get_lr(): number[] {
    const groups = this.optimizer.param_groups;
    const k = this.milestones.get(this.last_epoch);
    if (k === undefined) return groups.map((g) => g.lr);
    return groups.map((g) => g.lr * this.gamma ** k);
  }
}

export class ExponentialLR extends LRScheduler {
  gamma: number;
  constructor(optimizer: AnyOptimizer, gamma: number | { gamma: number; last_epoch?: number }, last_epoch = -1) {
    const o = typeof gamma === "object" ? gamma : { gamma, last_epoch };
    super(optimizer, o.last_epoch ?? -1);
    this.gamma = o.gamma;
    this.initialStep();
  }
  get_lr(): number[] {
    const groups = this.optimizer.param_groups;
    if (this.last_epoch === 0) return groups.map((g) => g.lr);
    return groups.map((g) => g.lr * this.gamma);
  }
}

export class CosineAnnealingLR extends LRScheduler {
  T_max: number;
  eta_min: number;
  constructor(optimizer: AnyOptimizer, T_max: number | { T_max: number; eta_min?: number; last_epoch?: number }, eta_min = 0, last_epoch = -1) {
    const o = typeof T_max === "object" ? T_max : { T_max, eta_min, last_epoch };
    super(optimizer, o.last_epoch ?? -1);
    this.T_max = o.T_max;
    this.eta_min = o.eta_min ?? 0;
    this.initialStep();
  }
  get_lr(): number[] {
    const groups = this.optimizer.param_groups;
    const { T_max: T, eta_min: eta, last_epoch: e } = this;
    if (e === 0) return groups.map((g) => g.lr);
    if (this._step_count === 1 && e > 0) {
      return this.base_lrs.map((b) => eta + ((b - eta) * (1 + Math.cos((e * Math.PI) / T))) / 2);
    }
    if (pyMod(e - 1 - T, 2 * T) === 0) {
      return groups.map((g, i) => g.lr + ((this.base_lrs[i] - eta) * (1 - Math.cos(Math.PI / T))) / 2);
    }
    return groups.map((g) => ((1 + Math.cos((Math.PI * e) / T)) / (1 + Math.cos((Math.PI * (e - 1)) / T))) * (g.lr - eta) + eta);
  }
}

export class LambdaLR extends LRScheduler {
  lr_lambdas: ((epoch: number) => number)[];
  constructor(optimizer: AnyOptimizer, lr_lambda: ((epoch: number) => number) | ((epoch: number) => number)[] | { lr_lambda: ((epoch: number) => number) | ((epoch: number) => number)[]; last_epoch?: number }, last_epoch = -1) {
    const o = typeof lr_lambda === "object" && !Array.isArray(lr_lambda) ? lr_lambda : { lr_lambda, last_epoch };
    super(optimizer, o.last_epoch ?? -1);
    const n = optimizer.param_groups.length;
    if (Array.isArray(o.lr_lambda)) {
      if (o.lr_lambda.length !== n) throw new ValueError(`Expected ${n} lr_lambdas, but got ${o.lr_lambda.length}`);
      this.lr_lambdas = o.lr_lambda.slice();
    } else {
      this.lr_lambdas = new Array(n).fill(o.lr_lambda);
    }
    this.initialStep();
  }
  get_lr(): number[] {
    return this.base_lrs.map((b, i) => b * this.lr_lambdas[i](this.last_epoch));
  }
}

export { LRScheduler as _LRScheduler };
