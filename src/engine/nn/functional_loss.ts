// Loss functions of torch.nn.functional. Primitives are in loss_ops.ts; cross_entropy and
// l1_loss are compositions, as PyTorch 1.13 composes them (so their grad_fn names match).
import { Tensor } from "../tensor";
import { int64 } from "../dtype";
import { RuntimeError, ValueError, warnOnce } from "../errors";
import { abs, add, eq, logicalNot, mul, neg, sub } from "../ops/elementwise";
import { mean, sum } from "../ops/reduce";
import { expand } from "../ops/views";
import { readDense } from "../ops/loops";
import { broadcastShapes, Size } from "../shape";
import { log_softmax } from "../ops/softmax";
import { bceOp, bceWithLogitsOp, mseLossOp, nllLossOp, Reduction, smoothL1LossOp } from "./loss_ops";
import { divScalarOp, mulScalarOp } from "./scalar_ops";
import { parseArgs } from "./args";

export type { Reduction };

/** The legacy size_average/reduce flags, mapped as torch.nn._reduction.legacy_get_string does. */
function reductionOf(o: { reduction?: Reduction; size_average?: boolean | null; reduce?: boolean | null }): Reduction {
  if (o.size_average !== undefined && o.size_average !== null || o.reduce !== undefined && o.reduce !== null) {
    const sa = o.size_average ?? true, rd = o.reduce ?? true;
    return !rd ? "none" : sa ? "mean" : "sum";
  }
  const r = o.reduction ?? "mean";
  if (r !== "mean" && r !== "sum" && r !== "none") throw new ValueError(`${String(r)} is not a valid value for reduction`);
  return r;
}

function floatValues(t: Tensor | null | undefined, shape?: readonly number[]): Float64Array | null {
  if (!t) return null;
  const src = shape ? expand(t.detach(), [...shape]) : t;
  return new Float64Array(readDense(src));
}

// ---- nll_loss and cross_entropy -------------------------------------------------------------------
export interface NllOpts { weight?: Tensor | null; size_average?: boolean | null; ignore_index?: number; reduce?: boolean | null; reduction?: Reduction }
type NllArg = Tensor | null | boolean | number | string | NllOpts | CrossEntropyOpts | undefined;

function checkNllShapes(input: Tensor, target: Tensor): void {
  if (input.dim() < 1) throw new RuntimeError("input tensor should be 1D or 2D");
  if (input.dim() === 1 ? target.dim() > 0 : target._shape[0] !== input._shape[0]) {
    throw new ValueError(`Expected input batch_size (${input._shape[0]}) to match target batch_size (${target._shape[0]}).`);
  }
  if (input.dim() > 2) {
    const want = [input._shape[0], ...input._shape.slice(2)];
    if (!Size.from_(target._shape).equals(want)) throw new RuntimeError(`Expected target size ${Size.from_(want)}, got ${Size.from_(target._shape)}`);
  }
  if (target._dtype !== int64) throw new RuntimeError(`expected scalar type Long but found ${target._dtype.name === "float32" ? "Float" : target._dtype.name === "float64" ? "Double" : "Bool"}`);
}

export function nll_loss(input: Tensor, target: Tensor, ...rest: NllArg[]): Tensor {
  const o = parseArgs<NllOpts>(["weight", "size_average", "ignore_index", "reduce", "reduction"], rest);
  checkNllShapes(input, target);
  return nllLossOp([input], {
    target: readDense(target), weight: floatValues(o.weight), reduction: reductionOf(o), ignoreIndex: o.ignore_index ?? -100,
  })[0];
}

export interface CrossEntropyOpts extends NllOpts { label_smoothing?: number }

export function cross_entropy(input: Tensor, target: Tensor, ...rest: NllArg[]): Tensor {
  const o = parseArgs<CrossEntropyOpts>(["weight", "size_average", "ignore_index", "reduce", "reduction", "label_smoothing"], rest);
  const reduction = reductionOf(o);
  const ls = o.label_smoothing ?? 0;
  if (ls < 0 || ls > 1) throw new RuntimeError(`label_smoothing must be between 0.0 and 1.0. Got: ${ls}`);
  const classDim = input.dim() === 1 ? 0 : 1;
  const C = input._shape[classDim];
  const weight = o.weight ?? null;
  const wShape = input._shape.map((d, i) => (i === classDim ? d : 1));
  if (target._dtype.isFloatingPoint) {
    // Class probabilities (cross_entropy_loss_prob_target).
    if (!Size.from_(target._shape).equals(input._shape)) throw new RuntimeError(`Expected input batch_size (${input._shape[0]}) to match target batch_size (${target._shape[0]}).`);
    const logp = log_softmax(input, classDim);
    const tgt = ls > 0 ? add(mulScalarOp([target], { s: 1 - ls }), ls / C) : target;
    let prod = mul(logp, tgt);
    if (weight) prod = mul(prod, weight.view(wShape));
    if (reduction === "none") return neg(sum(prod, classDim));
    if (reduction === "sum") return neg(sum(prod));
    return divScalarOp([neg(sum(prod))], { s: input.numel() / C });
  }
  const logp = log_softmax(input, classDim);
  const nll = nll_loss(logp, target, { weight, ignore_index: o.ignore_index ?? -100, reduction });
  if (ls === 0) return nll;
  // cross_entropy_loss_label_smoothing: mix the NLL with the mean negative log-probability.
  const ignoreMask = eq(target, o.ignore_index ?? -100);
  let smooth = weight ? neg(sum(mul(logp, weight.view(wShape)), classDim)) : neg(sum(logp, classDim));
  smooth = smooth.masked_fill(ignoreMask, 0);
  let ret: Tensor;
  if (reduction === "mean") {
    if (weight) {
      const kept = readDense(target).filter((_t, i) => !ignoreMask._get(i));
      const wd = readDense(weight);
      let total = 0;
      for (const t of kept) total += wd[t];
      ret = divScalarOp([sum(smooth)], { s: total });
    } else {
      ret = divScalarOp([sum(smooth)], { s: Number(sum(logicalNot(ignoreMask)).item()) });
    }
  } else ret = reduction === "sum" ? sum(smooth) : smooth;
  return add(mulScalarOp([nll], { s: 1 - ls }), mulScalarOp([ret], { s: ls / C }));
}

// ---- regression losses ----------------------------------------------------------------------------
export interface RegressionOpts { size_average?: boolean | null; reduce?: boolean | null; reduction?: Reduction }
type RegArg = boolean | null | string | number | RegressionOpts | SmoothL1Opts | undefined;

function broadcastPair(input: Tensor, target: Tensor): [Tensor, Tensor] {
  if (Size.from_(input._shape).equals(target._shape)) return [input, target];
  warnOnce(`Using a target size (${Size.from_(target._shape)}) that is different to the input size (${Size.from_(input._shape)}). This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.`);
  const shape = broadcastShapes(input._shape, target._shape);
  return [expand(input, shape), expand(target, shape)];
}

export function mse_loss(input: Tensor, target: Tensor, ...rest: RegArg[]): Tensor {
  const o = parseArgs<RegressionOpts>(["size_average", "reduce", "reduction"], rest);
  const [a, b] = broadcastPair(input, target);
  return mseLossOp([a, b], { reduction: reductionOf(o) });
}

export function l1_loss(input: Tensor, target: Tensor, ...rest: RegArg[]): Tensor {
  const o = parseArgs<RegressionOpts>(["size_average", "reduce", "reduction"], rest);
  const [a, b] = broadcastPair(input, target);
  const d = abs(sub(a, b));
  const r = reductionOf(o);
  return r === "none" ? d : r === "sum" ? sum(d) : mean(d);
}

export interface SmoothL1Opts extends RegressionOpts { beta?: number }
export function smooth_l1_loss(input: Tensor, target: Tensor, ...rest: RegArg[]): Tensor {
  const o = parseArgs<SmoothL1Opts>(["size_average", "reduce", "reduction", "beta"], rest);
  const beta = o.beta ?? 1.0;
  if (beta < 0) throw new RuntimeError("smooth_l1_loss does not support negative values for beta.");
  const [a, b] = broadcastPair(input, target);
  // beta = 0 is exactly l1_loss in PyTorch (which dispatches there).
  if (beta === 0) return l1_loss(a, b, { reduction: reductionOf(o) });
  return smoothL1LossOp([a, b], { reduction: reductionOf(o), beta });
}

// ---- binary cross entropy --------------------------------------------------------------------------
export interface BceOpts { weight?: Tensor | null; size_average?: boolean | null; reduce?: boolean | null; reduction?: Reduction; pos_weight?: Tensor | null }
type BceArg = Tensor | null | boolean | string | BceOpts | undefined;

export function binary_cross_entropy(input: Tensor, target: Tensor, ...rest: BceArg[]): Tensor {
  const o = parseArgs<BceOpts>(["weight", "size_average", "reduce", "reduction"], rest);
  if (!Size.from_(target._shape).equals(input._shape)) {
    throw new ValueError(`Using a target size (${Size.from_(target._shape)}) that is different to the input size (${Size.from_(input._shape)}) is deprecated. Please ensure they have the same size.`);
  }
  return bceOp([input, target], { reduction: reductionOf(o), weight: floatValues(o.weight, input._shape), posWeight: null });
}

export function binary_cross_entropy_with_logits(input: Tensor, target: Tensor, ...rest: BceArg[]): Tensor {
  const o = parseArgs<BceOpts>(["weight", "size_average", "reduce", "reduction", "pos_weight"], rest);
  if (!Size.from_(target._shape).equals(input._shape)) {
    throw new ValueError(`Target size (${Size.from_(target._shape)}) must be the same as input size (${Size.from_(input._shape)})`);
  }
  return bceWithLogitsOp([input, target], {
    reduction: reductionOf(o), weight: floatValues(o.weight, input._shape), posWeight: floatValues(o.pos_weight, input._shape),
  });
}
