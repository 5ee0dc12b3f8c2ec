// More activation modules (ReLU6, ELU, SELU, CELU, SiLU, Mish, Softplus, ...): thin wrappers
// over nn.functional, printed as PyTorch 1.13 prints them.
import { Tensor } from "../../tensor";
import { empty } from "../../creation";
import type { DType } from "../../dtype";
import { Module, keepNames } from "../module";
import { Parameter } from "../parameter";
import * as init from "../init";
import * as F from "../functional_act";
import { softmax } from "../../ops/softmax";
import { pyRepr } from "./format";
import { parseArgs } from "../args";

type InplaceArg = boolean | { inplace?: boolean };
const inplaceOf = (v: InplaceArg | undefined): boolean => (typeof v === "object" ? v.inplace ?? false : v ?? false);
const inplaceStr = (ip: boolean): string => (ip ? "inplace=True" : "");

/** Modules whose only option is `inplace`. */
abstract class InplaceActivation extends Module {
  inplace: boolean;
  constructor(inplace: InplaceArg = false) {
    super();
    this.inplace = inplaceOf(inplace);
  }
  override extra_repr(): string { return inplaceStr(this.inplace); }
}

export interface HardtanhOpts { min_val?: number; max_val?: number; inplace?: boolean }
export class Hardtanh extends Module {
  min_val: number;
  max_val: number;
  inplace: boolean;
  constructor(min_val: number | HardtanhOpts = -1, max_val = 1, inplace = false) {
    super();
    const o = typeof min_val === "object" ? min_val : { min_val, max_val, inplace };
    this.min_val = o.min_val ?? -1;
    this.max_val = o.max_val ?? 1;
    this.inplace = o.inplace ?? false;
  }
  override forward(input: Tensor): Tensor { return F.hardtanh(input, this.min_val, this.max_val, this.inplace); }
  override extra_repr(): string {
    return `min_val=${pyRepr(this.min_val, true)}, max_val=${pyRepr(this.max_val, true)}${this.inplace ? ", inplace=True" : ""}`;
  }
}
export class ReLU6 extends InplaceActivation {
  override forward(input: Tensor): Tensor { return F.relu6(input, this.inplace); }
}

export interface EluOpts { alpha?: number; inplace?: boolean }
export class ELU extends Module {
  alpha: number;
  inplace: boolean;
  constructor(alpha: number | EluOpts = 1, inplace = false) {
    super();
    const o = typeof alpha === "object" ? alpha : { alpha, inplace };
    this.alpha = o.alpha ?? 1;
    this.inplace = o.inplace ?? false;
  }
  override forward(input: Tensor): Tensor { return F.elu(input, this.alpha, this.inplace); }
  override extra_repr(): string { return `alpha=${pyRepr(this.alpha, true)}${this.inplace ? ", inplace=True" : ""}`; }
}
export class CELU extends ELU {
  override forward(input: Tensor): Tensor { return F.celu(input, this.alpha, this.inplace); }
}
export class SELU extends InplaceActivation {
  override forward(input: Tensor): Tensor { return F.selu(input, this.inplace); }
}
export class SiLU extends InplaceActivation {
  override forward(input: Tensor): Tensor { return F.silu(input, this.inplace); }
}
export class Mish extends InplaceActivation {
  override forward(input: Tensor): Tensor { return F.mish(input, this.inplace); }
}
export class Hardswish extends InplaceActivation {
  override forward(input: Tensor): Tensor { return F.hardswish(input, this.inplace); }
}
export class Hardsigmoid extends InplaceActivation {
  override forward(input: Tensor): Tensor { return F.hardsigmoid(input, this.inplace); }
}

export interface SoftplusOpts { beta?: number; threshold?: number }
export class Softplus extends Module {
  beta: number;
  threshold: number;
  constructor(beta: number | SoftplusOpts = 1, threshold = 20) {
    super();
    const o = typeof beta === "object" ? beta : { beta, threshold };
    this.beta = o.beta ?? 1;
    this.threshold = o.threshold ?? 20;
  }
  override forward(input: Tensor): Tensor { return F.softplus(input, this.beta, this.threshold); }
  // 1.13's defaults are the ints 1 and 20 (printed `beta=1, threshold=20`).
  override extra_repr(): string { return `beta=${pyRepr(this.beta)}, threshold=${pyRepr(this.threshold)}`; }
}

export class Softsign extends Module {
  override forward(input: Tensor): Tensor { return F.softsign(input); }
}
export class Tanhshrink extends Module {
  override forward(input: Tensor): Tensor { return F.tanhshrink(input); }
}
export class LogSigmoid extends Module {
  override forward(input: Tensor): Tensor { return F.logsigmoid(input); }
}

export interface ThresholdOpts { threshold: number; value: number; inplace?: boolean }
export class Threshold extends Module {
  threshold: number;
  value: number;
  inplace: boolean;
  constructor(threshold: number | ThresholdOpts, value?: number, inplace = false) {
    super();
    const o = typeof threshold === "object" ? threshold : { threshold, value: value as number, inplace };
    this.threshold = o.threshold;
    this.value = o.value;
    this.inplace = o.inplace ?? false;
  }
  override forward(input: Tensor): Tensor { return F.threshold(input, this.threshold, this.value, this.inplace); }
  override extra_repr(): string {
    return `threshold=${pyRepr(this.threshold)}, value=${pyRepr(this.value)}${this.inplace ? ", inplace=True" : ""}`;
  }
}

export interface PReLUOpts { num_parameters?: number; init?: number; dtype?: DType; device?: string }
export class PReLU extends Module {
  num_parameters: number;
  init: number;
  weight: Tensor;
  constructor(...args: (number | string | DType | PReLUOpts | undefined)[]) {
    super();
    const o = parseArgs<PReLUOpts>(["num_parameters", "init", "device", "dtype"], args);
    this.num_parameters = o.num_parameters ?? 1;
    this.init = o.init ?? 0.25;
    this.weight = new Parameter(empty([this.num_parameters], { dtype: o.dtype }));
    this.reset_parameters();
  }
  reset_parameters(): void { init.constant_(this.weight, this.init); }
  override forward(input: Tensor): Tensor { return F.prelu(input, this.weight); }
  override extra_repr(): string { return `num_parameters=${this.num_parameters}`; }
}

export class GLU extends Module {
  dim: number;
  constructor(dim: number | { dim?: number } = -1) {
    super();
    this.dim = typeof dim === "object" ? dim.dim ?? -1 : dim;
  }
  override forward(input: Tensor): Tensor { return F.glu(input, this.dim); }
  override extra_repr(): string { return `dim=${this.dim}`; }
}

export class Hardshrink extends Module {
  lambd: number;
  constructor(lambd: number | { lambd?: number } = 0.5) {
    super();
    this.lambd = typeof lambd === "object" ? lambd.lambd ?? 0.5 : lambd;
  }
  override forward(input: Tensor): Tensor { return F.hardshrink(input, this.lambd); }
  override extra_repr(): string { return pyRepr(this.lambd, true); }
}
export class Softshrink extends Hardshrink {
  override forward(input: Tensor): Tensor { return F.softshrink(input, this.lambd); }
}

export class Softmin extends Module {
  dim: number | null;
  constructor(dim: number | null | { dim?: number | null } = null) {
    super();
    this.dim = typeof dim === "object" && dim !== null ? dim.dim ?? null : dim;
  }
  override forward(input: Tensor): Tensor { return F.softmin(input, this.dim); }
  override extra_repr(): string { return `dim=${pyRepr(this.dim)}`; }
}

/** Softmax over the channel dim (-3) of a 3-D or 4-D input. */
export class Softmax2d extends Module {
  override forward(input: Tensor): Tensor {
    if (input.dim() !== 3 && input.dim() !== 4) throw new AssertionError("Softmax2d requires a 3D or 4D tensor as input");
    return softmax(input, -3);
  }
}

export class AssertionError extends Error { constructor(m: string) { super(m); this.name = "AssertionError"; } }

keepNames({
  Hardtanh, ReLU6, ELU, CELU, SELU, SiLU, Mish, Hardswish, Hardsigmoid, Softplus, Softsign, Tanhshrink, LogSigmoid,
  Threshold, PReLU, GLU, Hardshrink, Softshrink, Softmin, Softmax2d,
});
