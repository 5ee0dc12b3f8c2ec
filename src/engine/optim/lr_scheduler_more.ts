// More of torch.optim.lr_scheduler (PyTorch 1.13's formulas, chainable forms and closed forms):
// MultiplicativeLR, ConstantLR, LinearLR, PolynomialLR (new in 1.13), SequentialLR,
// ChainedScheduler, ReduceLROnPlateau, CyclicLR, CosineAnnealingWarmRestarts, OneCycleLR.
// Positional arguments follow PyTorch's order; a final options object takes the same names.
import { ValueError, warnOnce } from "../errors";
import type { Optimizer } from "./optimizer";
import { EPOCH_DEPRECATION_WARNING, LRScheduler, pyExp4 } from "./lr_scheduler";

type AnyOptimizer = Optimizer<{ lr: number }>;
type Group = AnyOptimizer["param_groups"][number] & Record<string, unknown>;
type LrLambda = (epoch: number) => number;
const groupsOf = (o: AnyOptimizer): Group[] => o.param_groups as Group[];

function formatParam<T>(name: string, optimizer: AnyOptimizer, param: T | T[]): T[] {
  const n = optimizer.param_groups.length;
  if (Array.isArray(param)) {
    if (param.length !== n) throw new ValueError(`expected ${n} values for ${name}, got ${param.length}`);
    return param.slice();
  }
  return new Array<T>(n).fill(param);
}

export class MultiplicativeLR extends LRScheduler {
  lr_lambdas: LrLambda[];
  constructor(optimizer: AnyOptimizer, lr_lambda: LrLambda | LrLambda[] | { lr_lambda: LrLambda | LrLambda[]; last_epoch?: number; verbose?: boolean }, last_epoch = -1, verbose = false) {
    const o = typeof lr_lambda === "object" && !Array.isArray(lr_lambda) ? lr_lambda : { lr_lambda, last_epoch, verbose };
    super(optimizer, o.last_epoch ?? -1, o.verbose ?? false);
    const n = optimizer.param_groups.length;
    if (Array.isArray(o.lr_lambda)) {
      if (o.lr_lambda.length !== n) throw new ValueError(`Expected ${n} lr_lambdas, but got ${o.lr_lambda.length}`);
      this.lr_lambdas = o.lr_lambda.slice();
    } else {
      this.lr_lambdas = new Array<LrLambda>(n).fill(o.lr_lambda);
    }
    this.initialStep();
  }
  get_lr(): number[] {
    this.warnIfOutsideStep();
    const groups = this.optimizer.param_groups;
    if (this.last_epoch > 0) return groups.map((g, i) => g.lr * this.lr_lambdas[i](this.last_epoch));
    return groups.map((g) => g.lr);
  }
}

export interface ConstantLROptions { factor?: number; total_iters?: number; last_epoch?: number; verbose?: boolean }
export class ConstantLR extends LRScheduler {
  factor: number;
  total_iters: number;
  constructor(optimizer: AnyOptimizer, factor: number | ConstantLROptions = 1.0 / 3, total_iters = 5, last_epoch = -1, verbose = false) {
    const o = typeof factor === "object" ? factor : { factor, total_iters, last_epoch, verbose };
    const f = o.factor ?? 1.0 / 3;
    if (f > 1.0 || f < 0) throw new ValueError("Constant multiplicative factor expected to be between 0 and 1.");
    super(optimizer, o.last_epoch ?? -1, o.verbose ?? false);
    this.factor = f;
    this.total_iters = o.total_iters ?? 5;
    this.initialStep();
  }
  get_lr(): number[] {
    this.warnIfOutsideStep();
    const groups = this.optimizer.param_groups;
    if (this.last_epoch === 0) return groups.map((g) => g.lr * this.factor);
    if (this.last_epoch !== this.total_iters) return groups.map((g) => g.lr);
    return groups.map((g) => g.lr * (1.0 / this.factor));
  }
  override _get_closed_form_lr(): number[] {
    return this.base_lrs.map((b) => b * (this.factor + (this.last_epoch >= this.total_iters ? 1 : 0) * (1 - this.factor)));
  }
}

export interface LinearLROptions { start_factor?: number; end_factor?: number; total_iters?: number; last_epoch?: number; verbose?: boolean }
export class LinearLR extends LRScheduler {
  start_factor: number;
  end_factor: number;
  total_iters: number;
  constructor(optimizer: AnyOptimizer, start_factor: number | LinearLROptions = 1.0 / 3, end_factor = 1.0, total_iters = 5, last_epoch = -1, verbose = false) {
    const o = typeof start_factor === "object" ? start_factor : { start_factor, end_factor, total_iters, last_epoch, verbose };
    const s = o.start_factor ?? 1.0 / 3, e = o.end_factor ?? 1.0;
    if (s > 1.0 || s < 0) throw new ValueError("Starting multiplicative factor expected to be between 0 and 1.");
    if (e > 1.0 || e < 0) throw new ValueError("Ending multiplicative factor expected to be between 0 and 1.");
    super(optimizer, o.last_epoch ?? -1, o.verbose ?? false);
    this.start_factor = s;
    this.end_factor = e;
    this.total_iters = o.total_iters ?? 5;
    this.initialStep();
  }
  get_lr(): number[] {
    this.warnIfOutsideStep();
    const groups = this.optimizer.param_groups;
    const { start_factor: s, end_factor: e, total_iters: T, last_epoch: k } = this;
    if (k === 0) return groups.map((g) => g.lr * s);
    if (k > T) return groups.map((g) => g.lr);
    return groups.map((g) => g.lr * (1.0 + (e - s) / (T * s + (k - 1) * (e - s))));
  }
  override _get_closed_form_lr(): number[] {
    const { start_factor: s, end_factor: e, total_iters: T, last_epoch: k } = this;
    return this.base_lrs.map((b) => b * (s + ((e - s) * Math.min(T, k)) / T));
  }
}

export interface PolynomialLROptions { total_iters?: number; power?: number; last_epoch?: number; verbose?: boolean }
/** New in PyTorch 1.13 (kept in 2.x). */
export class PolynomialLR extends LRScheduler {
  total_iters: number;
  power: number;
  constructor(optimizer: AnyOptimizer, total_iters: number | PolynomialLROptions = 5, power = 1.0, last_epoch = -1, verbose = false) {
    const o = typeof total_iters === "object" ? total_iters : { total_iters, power, last_epoch, verbose };
    super(optimizer, o.last_epoch ?? -1, o.verbose ?? false);
    this.total_iters = o.total_iters ?? 5;
    this.power = o.power ?? 1.0;
    this.initialStep();
  }
  get_lr(): number[] {
    this.warnIfOutsideStep();
    const groups = this.optimizer.param_groups;
    const { total_iters: T, last_epoch: k } = this;
    if (k === 0 || k > T) return groups.map((g) => g.lr);
    const decay = ((1.0 - k / T) / (1.0 - (k - 1) / T)) ** this.power;
    return groups.map((g) => g.lr * decay);
  }
  override _get_closed_form_lr(): number[] {
    return this.base_lrs.map((b) => b * (1.0 - Math.min(this.total_iters, this.last_epoch) / this.total_iters) ** this.power);
  }
}

/** A scheduler made of others (SequentialLR, ChainedScheduler): its state holds theirs, as PyTorch's does. */
abstract class SchedulerOfSchedulers extends LRScheduler {
  declare _schedulers: LRScheduler[];
  override state_dict(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this)) if (k !== "optimizer" && k !== "_schedulers") out[k] = v;
    out._schedulers = this._schedulers.map((s) => s.state_dict());
    return out;
  }
  override load_state_dict(sd: Record<string, unknown>): void {
    const { _schedulers: subs, ...rest } = sd;
    Object.assign(this, rest);
    (subs as Record<string, unknown>[]).forEach((s, i) => this._schedulers[i].load_state_dict(s));
  }
}

export class SequentialLR extends SchedulerOfSchedulers {
  _milestones: number[];
  constructor(optimizer: AnyOptimizer, schedulers: LRScheduler[] | { schedulers: LRScheduler[]; milestones: number[]; last_epoch?: number; verbose?: boolean }, milestones: number[] = [], last_epoch = -1, verbose = false) {
    const o = Array.isArray(schedulers) ? { schedulers, milestones, last_epoch, verbose } : schedulers;
    o.schedulers.forEach((s, i) => {
      if (s.optimizer !== optimizer) throw new ValueError(`Sequential Schedulers expects all schedulers to belong to the same optimizer, but got schedulers at index ${i} to be different than the optimizer passed in.`);
    });
    if (o.milestones.length !== o.schedulers.length - 1) {
      throw new ValueError(`Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers ${o.schedulers.length} and the number of milestones to be equal to ${o.milestones.length}`);
    }
    // PyTorch's SequentialLR does not run _LRScheduler.__init__: it only sets these fields.
    super(optimizer, -1, o.verbose ?? false);
    this._schedulers = o.schedulers;
    this._milestones = o.milestones;
    this.last_epoch = (o.last_epoch ?? -1) + 1;
    for (const g of optimizer.param_groups) g.lr = g.initial_lr as number;
    for (const s of this._schedulers) s.last_epoch -= 1;
    this._schedulers[0]._initial_step();
    this._last_lr = this._schedulers[0].get_last_lr();
  }
  get_lr(): number[] { return this._schedulers[this.current()].get_last_lr(); }
  private current(): number {
    let idx = 0;
    while (idx < this._milestones.length && this._milestones[idx] <= this.last_epoch) idx++; // bisect_right
    return idx;
  }
  override step(): void {
    this.last_epoch++;
    const idx = this.current();
    const s = this._schedulers[idx];
    if (idx > 0 && this._milestones[idx - 1] === this.last_epoch) s.step(0);
    else s.step();
    this._last_lr = s.get_last_lr();
  }
}

export class ChainedScheduler extends SchedulerOfSchedulers {
  constructor(schedulers: LRScheduler[]) {
    for (let i = 1; i < schedulers.length; i++) {
      if (schedulers[i].optimizer !== schedulers[0].optimizer) {
        throw new ValueError(`ChainedScheduler expects all schedulers to belong to the same optimizer, but got schedulers at index 0 and ${i} to be different`);
      }
    }
    super(schedulers[0].optimizer, -1);
    this._schedulers = schedulers.slice();
    this._last_lr = this._schedulers[this._schedulers.length - 1].optimizer.param_groups.map((g) => g.lr);
  }
  get_lr(): number[] { return this._last_lr.slice(); }
  override step(): void {
    for (const s of this._schedulers) s.step();
    this._last_lr = this._schedulers[this._schedulers.length - 1].optimizer.param_groups.map((g) => g.lr);
  }
}

export interface ReduceLROnPlateauOptions {
  mode?: "min" | "max"; factor?: number; patience?: number; threshold?: number; threshold_mode?: "rel" | "abs";
  cooldown?: number; min_lr?: number | number[]; eps?: number; verbose?: boolean;
}
/** Not an LRScheduler in 1.13 (a plain object with step(metrics)), as here. */
export class ReduceLROnPlateau {
  optimizer: AnyOptimizer;
  factor: number;
  min_lrs: number[];
  patience: number;
  verbose: boolean;
  cooldown: number;
  cooldown_counter = 0;
  mode: "min" | "max";
  threshold: number;
  threshold_mode: "rel" | "abs";
  best = Infinity;
  num_bad_epochs = 0;
  mode_worse = Infinity;
  eps: number;
  last_epoch = 0;
  _last_lr: number[] = [];

  constructor(optimizer: AnyOptimizer, mode: "min" | "max" | ReduceLROnPlateauOptions = "min", factor = 0.1, patience = 10, threshold = 1e-4, threshold_mode: "rel" | "abs" = "rel", cooldown = 0, min_lr: number | number[] = 0, eps = 1e-8, verbose = false) {
    const o: ReduceLROnPlateauOptions = typeof mode === "object" ? mode : { mode, factor, patience, threshold, threshold_mode, cooldown, min_lr, eps, verbose };
    this.factor = o.factor ?? 0.1;
    if (this.factor >= 1.0) throw new ValueError("Factor should be < 1.0.");
    this.optimizer = optimizer;
    const minLr = o.min_lr ?? 0;
    const n = optimizer.param_groups.length;
    if (Array.isArray(minLr)) {
      if (minLr.length !== n) throw new ValueError(`expected ${n} min_lrs, got ${minLr.length}`);
      this.min_lrs = minLr.slice();
    } else {
      this.min_lrs = new Array<number>(n).fill(minLr);
    }
    this.patience = o.patience ?? 10;
    this.verbose = o.verbose ?? false;
    this.cooldown = o.cooldown ?? 0;
    this.eps = o.eps ?? 1e-8;
    this.mode = o.mode ?? "min";
    this.threshold = o.threshold ?? 1e-4;
    this.threshold_mode = o.threshold_mode ?? "rel";
    this._init_is_better();
    this._reset();
  }
  private _init_is_better(): void {
    if (this.mode !== "min" && this.mode !== "max") throw new ValueError(`mode ${String(this.mode)} is unknown!`);
    if (this.threshold_mode !== "rel" && this.threshold_mode !== "abs") throw new ValueError(`threshold mode ${String(this.threshold_mode)} is unknown!`);
    this.mode_worse = this.mode === "min" ? Infinity : -Infinity;
  }
  private _reset(): void {
    this.best = this.mode_worse;
    this.cooldown_counter = 0;
    this.num_bad_epochs = 0;
  }
  get in_cooldown(): boolean { return this.cooldown_counter > 0; }
  is_better(a: number, best: number): boolean {
    if (this.mode === "min" && this.threshold_mode === "rel") return a < best * (1 - this.threshold);
    if (this.mode === "min") return a < best - this.threshold;
    if (this.threshold_mode === "rel") return a > best * (this.threshold + 1);
    return a > best + this.threshold;
  }
  /** step(metrics): a number or a one-element tensor (float(metrics) in PyTorch). */
  step(metrics: number | { item(): number | boolean }, epoch?: number): void {
    const current = typeof metrics === "number" ? metrics : Number(metrics.item());
    if (epoch === undefined) epoch = this.last_epoch + 1;
    else warnOnce(EPOCH_DEPRECATION_WARNING);
    this.last_epoch = epoch;
    if (this.is_better(current, this.best)) {
      this.best = current;
      this.num_bad_epochs = 0;
    } else {
      this.num_bad_epochs += 1;
    }
    if (this.in_cooldown) {
      this.cooldown_counter -= 1;
      this.num_bad_epochs = 0;
    }
    if (this.num_bad_epochs > this.patience) {
      this._reduce_lr(epoch);
      this.cooldown_counter = this.cooldown;
      this.num_bad_epochs = 0;
    }
    this._last_lr = this.optimizer.param_groups.map((g) => g.lr);
  }
  private _reduce_lr(epoch: number): void {
    this.optimizer.param_groups.forEach((g, i) => {
      const old = g.lr;
      const next = Math.max(old * this.factor, this.min_lrs[i]);
      if (old - next > this.eps) {
        g.lr = next;
        if (this.verbose) console.log(`Epoch ${Number.isInteger(epoch) ? String(epoch).padStart(5, "0") : epoch.toFixed(2)}: reducing learning rate of group ${i} to ${pyExp4(next)}.`);
      }
    });
  }
  get_last_lr(): number[] { return this._last_lr.slice(); }
  state_dict(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this)) if (k !== "optimizer") out[k] = v;
    return out;
  }
  load_state_dict(sd: Record<string, unknown>): void {
    Object.assign(this, sd);
    this._init_is_better();
  }
}

export interface CyclicLROptions {
  base_lr: number | number[]; max_lr: number | number[]; step_size_up?: number; step_size_down?: number | null;
  mode?: "triangular" | "triangular2" | "exp_range"; gamma?: number; scale_fn?: ((x: number) => number) | null; scale_mode?: "cycle" | "iterations";
  cycle_momentum?: boolean; base_momentum?: number | number[]; max_momentum?: number | number[]; last_epoch?: number; verbose?: boolean;
}
export class CyclicLR extends LRScheduler {
  max_lrs: number[];
  total_size: number;
  step_ratio: number;
  mode: string;
  gamma: number;
  scale_mode: "cycle" | "iterations";
  cycle_momentum: boolean;
  base_momentums: number[] = [];
  max_momentums: number[] = [];
  private readonly _scale: (x: number) => number;
  constructor(optimizer: AnyOptimizer, o: CyclicLROptions) {
    const lastEpoch = o.last_epoch ?? -1;
    const baseLrs = formatParam("base_lr", optimizer, o.base_lr);
    if (lastEpoch === -1) groupsOf(optimizer).forEach((g, i) => { g.lr = baseLrs[i]; });
    const mode = o.mode ?? "triangular";
    if (!["triangular", "triangular2", "exp_range"].includes(mode) && !o.scale_fn) throw new ValueError("mode is invalid and scale_fn is None");
    const cycleMomentum = o.cycle_momentum ?? true;
    let baseMomentums: number[] = [], maxMomentums: number[] = [];
    if (cycleMomentum) {
      if (!("momentum" in optimizer.defaults)) throw new ValueError("optimizer must support momentum with `cycle_momentum` option enabled");
      const bm = formatParam("base_momentum", optimizer, o.base_momentum ?? 0.8);
      if (lastEpoch === -1) groupsOf(optimizer).forEach((g, i) => { g.momentum = bm[i]; });
      baseMomentums = groupsOf(optimizer).map((g) => g.momentum as number);
      maxMomentums = formatParam("max_momentum", optimizer, o.max_momentum ?? 0.9);
    }
    super(optimizer, lastEpoch, o.verbose ?? false);
    this.max_lrs = formatParam("max_lr", optimizer, o.max_lr);
    const up = o.step_size_up ?? 2000;
    const down = o.step_size_down ?? up;
    this.total_size = up + down;
    this.step_ratio = up / this.total_size;
    this.mode = mode;
    this.gamma = o.gamma ?? 1.0;
    if (o.scale_fn) {
      this._scale = o.scale_fn;
      this.scale_mode = o.scale_mode ?? "cycle";
    } else if (mode === "triangular") {
      this._scale = () => 1.0;
      this.scale_mode = "cycle";
    } else if (mode === "triangular2") {
      this._scale = (x) => 1 / 2.0 ** (x - 1);
      this.scale_mode = "cycle";
    } else {
      this._scale = (x) => this.gamma ** x;
      this.scale_mode = "iterations";
    }
    this.cycle_momentum = cycleMomentum;
    this.base_momentums = baseMomentums;
    this.max_momentums = maxMomentums;
    this.initialStep();
    this.base_lrs = baseLrs;
  }
  scale_fn(x: number): number { return this._scale(x); }
  get_lr(): number[] {
    this.warnIfOutsideStep();
    const cycle = Math.floor(1 + this.last_epoch / this.total_size);
    const x = 1.0 + this.last_epoch / this.total_size - cycle;
    const scale = x <= this.step_ratio ? x / this.step_ratio : (x - 1) / (this.step_ratio - 1);
    const at = this.scale_mode === "cycle" ? cycle : this.last_epoch;
    // base_lrs are the groups' initial_lr until the constructor sets them to base_lr (as PyTorch)
    const lrs = this.base_lrs.map((b, i) => b + (this.max_lrs[i] - b) * scale * this.scale_fn(at));
    if (this.cycle_momentum) {
      groupsOf(this.optimizer).forEach((g, i) => {
        g.momentum = this.max_momentums[i] - (this.max_momentums[i] - this.base_momentums[i]) * scale * this.scale_fn(at);
      });
    }
    return lrs;
  }
}

export interface CosineAnnealingWarmRestartsOptions { T_0: number; T_mult?: number; eta_min?: number; last_epoch?: number; verbose?: boolean }
export class CosineAnnealingWarmRestarts extends LRScheduler {
  T_0: number;
  T_i: number;
  T_mult: number;
  eta_min: number;
  T_cur: number;
  constructor(optimizer: AnyOptimizer, T_0: number | CosineAnnealingWarmRestartsOptions, T_mult = 1, eta_min = 0, last_epoch = -1, verbose = false) {
    const o = typeof T_0 === "object" ? T_0 : { T_0, T_mult, eta_min, last_epoch, verbose };
    if (o.T_0 <= 0 || !Number.isInteger(o.T_0)) throw new ValueError(`Expected positive integer T_0, but got ${o.T_0}`);
    const mult = o.T_mult ?? 1;
    if (mult < 1 || !Number.isInteger(mult)) throw new ValueError(`Expected integer T_mult >= 1, but got ${mult}`);
    super(optimizer, o.last_epoch ?? -1, o.verbose ?? false);
    this.T_0 = o.T_0;
    this.T_i = o.T_0;
    this.T_mult = mult;
    this.eta_min = o.eta_min ?? 0;
    this.T_cur = o.last_epoch ?? -1;
    this.initialStep();
  }
  get_lr(): number[] {
    this.warnIfOutsideStep();
    return this.base_lrs.map((b) => this.eta_min + ((b - this.eta_min) * (1 + Math.cos((Math.PI * this.T_cur) / this.T_i))) / 2);
  }
  /** step() per epoch, or step(epoch) with a fractional epoch (e.g. epoch + i / iters) as PyTorch documents. */
  override step(epoch?: number): void {
    this._step_count++;
    if (epoch === undefined && this.last_epoch < 0) epoch = 0;
    if (epoch === undefined) {
      epoch = this.last_epoch + 1;
      this.T_cur = this.T_cur + 1;
      if (this.T_cur >= this.T_i) {
        this.T_cur = this.T_cur - this.T_i;
        this.T_i = this.T_i * this.T_mult;
      }
    } else {
      if (epoch < 0) throw new ValueError(`Expected non-negative epoch, but got ${epoch}`);
      if (epoch >= this.T_0) {
        if (this.T_mult === 1) {
          this.T_cur = ((epoch % this.T_0) + this.T_0) % this.T_0;
        } else {
          const n = Math.trunc(Math.log((epoch / this.T_0) * (this.T_mult - 1) + 1) / Math.log(this.T_mult));
          this.T_cur = epoch - (this.T_0 * (this.T_mult ** n - 1)) / (this.T_mult - 1);
          this.T_i = this.T_0 * this.T_mult ** n;
        }
      } else {
        this.T_i = this.T_0;
        this.T_cur = epoch;
      }
    }
    this.last_epoch = Math.floor(epoch);
    this._get_lr_called_within_step = true;
    let lrs: number[];
    try { lrs = this.get_lr(); } finally { this._get_lr_called_within_step = false; }
    this.optimizer.param_groups.forEach((g, i) => {
      g.lr = lrs[i];
      this.print_lr(this.verbose, i, g.lr, epoch);
    });
    this._last_lr = this.optimizer.param_groups.map((g) => g.lr);
  }
}

export interface OneCycleLROptions {
  max_lr: number | number[]; total_steps?: number | null; epochs?: number | null; steps_per_epoch?: number | null; pct_start?: number;
  anneal_strategy?: "cos" | "linear"; cycle_momentum?: boolean; base_momentum?: number | number[]; max_momentum?: number | number[];
  div_factor?: number; final_div_factor?: number; three_phase?: boolean; last_epoch?: number; verbose?: boolean;
}
interface Phase { end_step: number; start_lr: string; end_lr: string; start_momentum: string; end_momentum: string }
export class OneCycleLR extends LRScheduler {
  total_steps: number;
  _schedule_phases: Phase[];
  cycle_momentum: boolean;
  use_beta1 = false;
  anneal_func: (start: number, end: number, pct: number) => number;
  constructor(optimizer: AnyOptimizer, max_lr: number | number[] | OneCycleLROptions, total_steps?: number | null, epochs?: number | null, steps_per_epoch?: number | null) {
    const o: OneCycleLROptions = typeof max_lr === "object" && !Array.isArray(max_lr) ? max_lr : { max_lr, total_steps, epochs, steps_per_epoch };
    let total: number;
    if (o.total_steps == null && o.epochs == null && o.steps_per_epoch == null) {
      throw new ValueError("You must define either total_steps OR (epochs AND steps_per_epoch)");
    } else if (o.total_steps != null) {
      if (o.total_steps <= 0 || !Number.isInteger(o.total_steps)) throw new ValueError(`Expected positive integer total_steps, but got ${o.total_steps}`);
      total = o.total_steps;
    } else {
      const e = o.epochs as number, s = o.steps_per_epoch as number;
      if (!(e > 0) || !Number.isInteger(e)) throw new ValueError(`Expected positive integer epochs, but got ${String(o.epochs)}`);
      if (!(s > 0) || !Number.isInteger(s)) throw new ValueError(`Expected positive integer steps_per_epoch, but got ${String(o.steps_per_epoch)}`);
      total = e * s;
    }
    const pct = o.pct_start ?? 0.3;
    const phases: Phase[] = o.three_phase
      ? [
        { end_step: pct * total - 1, start_lr: "initial_lr", end_lr: "max_lr", start_momentum: "max_momentum", end_momentum: "base_momentum" },
        { end_step: 2 * pct * total - 2, start_lr: "max_lr", end_lr: "initial_lr", start_momentum: "base_momentum", end_momentum: "max_momentum" },
        { end_step: total - 1, start_lr: "initial_lr", end_lr: "min_lr", start_momentum: "max_momentum", end_momentum: "max_momentum" },
      ]
      : [
        { end_step: pct * total - 1, start_lr: "initial_lr", end_lr: "max_lr", start_momentum: "max_momentum", end_momentum: "base_momentum" },
        { end_step: total - 1, start_lr: "max_lr", end_lr: "min_lr", start_momentum: "base_momentum", end_momentum: "max_momentum" },
      ];
    if (pct < 0 || pct > 1) throw new ValueError(`Expected float between 0 and 1 pct_start, but got ${pct}`);
    const strategy = o.anneal_strategy ?? "cos";
    if (strategy !== "cos" && strategy !== "linear") throw new ValueError(`anneal_strategy must by one of 'cos' or 'linear', instead got ${String(strategy)}`);
    const lastEpoch = o.last_epoch ?? -1;
    const maxLrs = formatParam("max_lr", optimizer, o.max_lr);
    const groups = groupsOf(optimizer);
    if (lastEpoch === -1) {
      groups.forEach((g, i) => {
        g.initial_lr = maxLrs[i] / (o.div_factor ?? 25.0);
        g.max_lr = maxLrs[i];
        g.min_lr = (g.initial_lr as number) / (o.final_div_factor ?? 1e4);
      });
    }
    const cycleMomentum = o.cycle_momentum ?? true;
    let useBeta1 = false;
    if (cycleMomentum) {
      if (!("momentum" in optimizer.defaults) && !("betas" in optimizer.defaults)) throw new ValueError("optimizer must support momentum with `cycle_momentum` option enabled");
      useBeta1 = "betas" in optimizer.defaults;
      const maxM = formatParam("max_momentum", optimizer, o.max_momentum ?? 0.95);
      const baseM = formatParam("base_momentum", optimizer, o.base_momentum ?? 0.85);
      if (lastEpoch === -1) {
        groups.forEach((g, i) => {
          if (useBeta1) g.betas = [maxM[i], ...(g.betas as number[]).slice(1)];
          else g.momentum = maxM[i];
          g.max_momentum = maxM[i];
          g.base_momentum = baseM[i];
        });
      }
    }
    super(optimizer, lastEpoch, o.verbose ?? false);
    this.total_steps = total;
    this._schedule_phases = phases;
    this.cycle_momentum = cycleMomentum;
    this.use_beta1 = useBeta1;
    this.anneal_func = strategy === "cos"
      ? (start, end, p) => end + ((start - end) / 2.0) * (Math.cos(Math.PI * p) + 1)
      : (start, end, p) => (end - start) * p + start;
    this.initialStep();
  }
  get_lr(): number[] {
    this.warnIfOutsideStep();
    const step = this.last_epoch;
    if (step > this.total_steps) throw new ValueError(`Tried to step ${step + 1} times. The specified number of total steps is ${this.total_steps}`);
    return groupsOf(this.optimizer).map((g) => {
      let start = 0, lr = 0, mom = 0;
      for (let i = 0; i < this._schedule_phases.length; i++) {
        const ph = this._schedule_phases[i];
        if (step <= ph.end_step || i === this._schedule_phases.length - 1) {
          const pct = (step - start) / (ph.end_step - start);
          lr = this.anneal_func(g[ph.start_lr] as number, g[ph.end_lr] as number, pct);
          if (this.cycle_momentum) mom = this.anneal_func(g[ph.start_momentum] as number, g[ph.end_momentum] as number, pct);
          break;
        }
        start = ph.end_step;
      }
      if (this.cycle_momentum) {
        if (this.use_beta1) g.betas = [mom, ...(g.betas as number[]).slice(1)];
        else g.momentum = mom;
      }
      return lr;
    });
  }
}
