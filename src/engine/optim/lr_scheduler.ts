// torch.optim.lr_scheduler: StepLR, MultiStepLR, ExponentialLR, CosineAnnealingLR, LambdaLR,
// with PyTorch's chainable (recursive) formulas so learning rates match it to the last bit.
import { warnOnce, ValueError } from "../errors";
import type { Optimizer } from "./optimizer";

type AnyOptimizer = Optimizer<{ lr: number }>;

/** Python's % (the result takes the divisor's sign). */
const pyMod = (a: number, b: number): number => ((a % b) + b) % b;

/** Python's '{:.4e}'.format(x): at least two exponent digits. */
export const pyExp4 = (x: number): string => x.toExponential(4).replace(/e([+-])(\d)$/, "e$10$2");

export const EPOCH_DEPRECATION_WARNING = "The epoch parameter in `scheduler.step()` was not necessary and is being deprecated where possible. Please use `scheduler.step()` to step the scheduler. During the deprecation, if epoch is different from None, the closed form is used instead of the new chainable form, where available. Please open an issue if you are unable to replicate your use case: https://github.com/pytorch/pytorch/issues/new/choose.";

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

  /** Whether get_lr() runs inside step() (outside it PyTorch warns to use get_last_lr()). */
  _get_lr_called_within_step = false;
  /** Closed-form rate for an explicit `step(epoch)`, where a scheduler has one. */
  _get_closed_form_lr?(): number[];

  /** PyTorch's _initial_step, for schedulers that drive others (SequentialLR). */
  _initial_step(): void { this.initialStep(); }

  /** Subclasses' get_lr() calls this first, as PyTorch's do. */
  protected warnIfOutsideStep(): void {
    if (!this._get_lr_called_within_step) warnOnce("To get the last learning rate computed by the scheduler, please use `get_last_lr()`.");
  }

  step(epoch?: number): void {
    this._step_count++;
    if (this._step_count > 1 && this.optimizer._step_count < 1) {
      warnOnce("Detected call of `lr_scheduler.step()` before `optimizer.step()`. In PyTorch 1.1.0 and later, you should call them in the opposite order: `optimizer.step()` before `lr_scheduler.step()`.  Failure to do this will result in PyTorch skipping the first value of the learning rate schedule. See more details at https://pytorch.org/docs/stable/optim.html#how-to-adjust-learning-rate");
    }
    this._get_lr_called_within_step = true;
    let lrs: number[];
    try {
      if (epoch === undefined) {
        this.last_epoch++;
        lrs = this.get_lr();
      } else {
        warnOnce(EPOCH_DEPRECATION_WARNING);
        this.last_epoch = epoch;
        lrs = this._get_closed_form_lr ? this._get_closed_form_lr() : this.get_lr();
      }
    } finally {
      this._get_lr_called_within_step = false;
    }
    this.optimizer.param_groups.forEach((g, i) => {
      g.lr = lrs[i];
      this.print_lr(this.verbose, i, g.lr, epoch);
    });
    this._last_lr = this.optimizer.param_groups.map((g) => g.lr);
  }

  /** verbose=True's line, with Python's {:.4e} and %.5d formatting. */
  print_lr(is_verbose: boolean, group: number, lr: number, epoch?: number): void {
    if (!is_verbose) return;
    if (epoch === undefined) console.log(`Adjusting learning rate of group ${group} to ${pyExp4(lr)}.`);
    else console.log(`Epoch ${Number.isInteger(epoch) ? String(epoch).padStart(5, "0") : epoch.toFixed(2)}: adjusting learning rate of group ${group} to ${pyExp4(lr)}.`);
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
  override _get_closed_form_lr(): number[] {
    return this.base_lrs.map((b) => b * this.gamma ** Math.floor(this.last_epoch / this.step_size));
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
  override _get_closed_form_lr(): number[] {
    let passed = 0; // bisect_right over the sorted milestones, repeats counted
    for (const [m, count] of this.milestones) if (m <= this.last_epoch) passed += count;
    return this.base_lrs.map((b) => b * this.gamma ** passed);
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
  override _get_closed_form_lr(): number[] {
    return this.base_lrs.map((b) => b * this.gamma ** this.last_epoch);
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
  override _get_closed_form_lr(): number[] {
    return this.base_lrs.map((b) => this.eta_min + ((b - this.eta_min) * (1 + Math.cos((Math.PI * this.last_epoch) / this.T_max))) / 2);
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
