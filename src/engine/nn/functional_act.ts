// torch.nn.functional activations beyond relu/leaky_relu/gelu/sigmoid/tanh. Where PyTorch's
// functional.py composes (softsign, tanhshrink, softmin), so do we, so the grad_fn names match.
import { Tensor } from "../tensor";
import { RuntimeError, warnOnce } from "../errors";
import { abs, add, div, neg, sub, tanh } from "../ops/elementwise";
import { softmax as softmaxOp, type SoftmaxOpts } from "../ops/softmax";
import { inplace } from "../ops/inplace";
import { wrapDim } from "../shape";
import { parseArgs } from "./args";
import {
  eluOp, gluOp, checkGlu, hardshrinkOp, hardsigmoidOp, hardswishOp, hardtanhOp, logSigmoidOp, mishOp, preluOp, siluOp,
  softplusOp, softshrinkOp, thresholdOp,
} from "./act_more_ops";

type Inplace = boolean | { inplace?: boolean } | undefined;
function flag(v: Inplace): boolean { return typeof v === "object" ? v.inplace ?? false : v ?? false; }
/** Run an op out of place, or in place on `x` (PyTorch's `inplace=True` variants). */
function maybeInplace(x: Tensor, ip: boolean, f: () => Tensor): Tensor { return ip ? inplace(x, f) : f(); }

export interface HardtanhOpts { min_val?: number; max_val?: number; inplace?: boolean }
export function hardtanh(input: Tensor, ...rest: (number | boolean | HardtanhOpts | undefined)[]): Tensor {
  const o = parseArgs<HardtanhOpts>(["min_val", "max_val", "inplace"], rest);
  const p = { min: o.min_val ?? -1, max: o.max_val ?? 1 };
  return maybeInplace(input, o.inplace ?? false, () => hardtanhOp([input], p));
}
export function relu6(input: Tensor, inplace_: Inplace = false): Tensor {
  const ip = flag(inplace_);
  return maybeInplace(input, ip, () => hardtanhOp([input], { min: 0, max: 6 }));
}

export interface EluOpts { alpha?: number; inplace?: boolean }
export function elu(input: Tensor, ...rest: (number | boolean | EluOpts | undefined)[]): Tensor {
  const o = parseArgs<EluOpts>(["alpha", "inplace"], rest);
  const ip = o.inplace ?? false;
  return maybeInplace(input, ip, () => eluOp([input], { alpha: o.alpha ?? 1, scale: 1, inputScale: 1, name: ip ? "EluBackward1" : "EluBackward0" }));
}
const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;
export function selu(input: Tensor, inplace_: Inplace = false): Tensor {
  const ip = flag(inplace_);
  return maybeInplace(input, ip, () => eluOp([input], { alpha: SELU_ALPHA, scale: SELU_SCALE, inputScale: 1, name: ip ? "EluBackward1" : "EluBackward0" }));
}
export function celu(input: Tensor, ...rest: (number | boolean | EluOpts | undefined)[]): Tensor {
  const o = parseArgs<EluOpts>(["alpha", "inplace"], rest);
  const alpha = o.alpha ?? 1, ip = o.inplace ?? false;
  if (alpha === 0) throw new RuntimeError("ZeroDivisionError");
  return maybeInplace(input, ip, () => eluOp([input], { alpha, scale: 1, inputScale: 1 / alpha, name: ip ? "CeluBackward1" : "CeluBackward0" }));
}
export function silu(input: Tensor, inplace_: Inplace = false): Tensor {
  return maybeInplace(input, flag(inplace_), () => siluOp([input], undefined));
}
export function mish(input: Tensor, inplace_: Inplace = false): Tensor {
  return maybeInplace(input, flag(inplace_), () => mishOp([input], undefined));
}
export function hardswish(input: Tensor, inplace_: Inplace = false): Tensor {
  return maybeInplace(input, flag(inplace_), () => hardswishOp([input], undefined));
}
export function hardsigmoid(input: Tensor, inplace_: Inplace = false): Tensor {
  return maybeInplace(input, flag(inplace_), () => hardsigmoidOp([input], undefined));
}

export interface SoftplusOpts { beta?: number; threshold?: number }
export function softplus(input: Tensor, ...rest: (number | SoftplusOpts | undefined)[]): Tensor {
  const o = parseArgs<SoftplusOpts>(["beta", "threshold"], rest);
  return softplusOp([input], { beta: o.beta ?? 1, threshold: o.threshold ?? 20 });
}
/** functional.py: input / (input.abs() + 1). */
export function softsign(input: Tensor): Tensor { return div(input, add(abs(input), 1)); }
/** functional.py: input - input.tanh(). */
export function tanhshrink(input: Tensor): Tensor { return sub(input, tanh(input)); }

export interface ThresholdOpts { threshold?: number; value?: number; inplace?: boolean }
export function threshold(input: Tensor, ...rest: (number | boolean | ThresholdOpts | undefined)[]): Tensor {
  const o = parseArgs<ThresholdOpts>(["threshold", "value", "inplace"], rest);
  if (o.threshold === undefined || o.value === undefined) throw new TypeError("threshold() missing required arguments: 'threshold' and 'value'");
  const ip = o.inplace ?? false;
  const p = { threshold: o.threshold, value: o.value, name: ip ? "ThresholdBackward1" as const : "ThresholdBackward0" as const };
  return maybeInplace(input, ip, () => thresholdOp([input], p));
}

export function prelu(input: Tensor, weight: Tensor): Tensor {
  const C = input.dim() >= 2 ? input._shape[1] : 1;
  if (weight.numel() !== 1 && weight.numel() !== C) {
    throw new RuntimeError(`Mismatch of parameter numbers and input channel size. Found parameter numbers = ${weight.numel()} and channel size = ${C}.`);
  }
  return preluOp([input, weight], undefined);
}
export function logsigmoid(input: Tensor): Tensor { return logSigmoidOp([input], undefined); }

export function glu(input: Tensor, dim: number | { dim?: number } = -1): Tensor {
  const d0 = typeof dim === "object" ? dim.dim ?? -1 : dim;
  const d = input.dim() === 0 ? 0 : wrapDim(d0, input.dim());
  checkGlu(input, d);
  return gluOp([input], { dim: d });
}

export function hardshrink(input: Tensor, lambd: number | { lambd?: number } = 0.5): Tensor {
  return hardshrinkOp([input], { lambd: typeof lambd === "object" ? lambd.lambd ?? 0.5 : lambd });
}
export function softshrink(input: Tensor, lambd: number | { lambd?: number } = 0.5): Tensor {
  const l = typeof lambd === "object" ? lambd.lambd ?? 0.5 : lambd;
  if (l < 0) throw new RuntimeError(`lambda must be greater or equal to 0, but found to be ${l}.`);
  return softshrinkOp([input], { lambd: l });
}

/** functional.py: (-input).softmax(dim). */
export function softmin(input: Tensor, dim?: number | SoftmaxOpts | null, opts?: SoftmaxOpts): Tensor {
  const d = typeof dim === "object" && dim !== null ? dim.dim : dim ?? opts?.dim;
  if (d === undefined || d === null) warnOnce("Implicit dimension choice for softmin has been deprecated. Change the call to include dim=X as an argument.");
  return softmaxOp(neg(input), dim, opts);
}
