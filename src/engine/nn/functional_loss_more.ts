// More losses and distances of torch.nn.functional: huber_loss, kl_div, soft_margin_loss,
// margin_ranking_loss, cosine_embedding_loss, triplet_margin_loss, poisson_nll_loss,
// gaussian_nll_loss, multilabel_soft_margin_loss, normalize, cosine_similarity, pairwise_distance.
// Compositions follow PyTorch 1.13's own (ATen Loss.cpp / Distance.cpp, functional.py), op for op,
// so the graph shows the same nodes.
import { Tensor } from "../tensor";
import { RuntimeError, ValueError, warnOnce } from "../errors";
import { add, clamp_min, div, eq, exp, le, log, lt, ne, rsub, minimum, mul, neg, pow, sqrt, sub, where } from "../ops/elementwise";
import { xlogy } from "../ops/pointwise_more";
import { any, mean, norm, sum } from "../ops/reduce";
import { expand } from "../ops/views";
import { no_grad } from "../autograd/index";
import { broadcastShapes, Size, wrapDim } from "../shape";
import { scalarTensor } from "../ops/scalar";
import { parseArgs } from "./args";
import { logsigmoid } from "./functional_act";
import type { Reduction } from "./loss_ops";
import { addScalarOp, huberLossOp, multiMarginLossOp, softMarginLossOp, subScalarOp } from "./loss_more_ops";
import { readDense } from "../ops/loops";

interface LegacyOpts { size_average?: boolean | null; reduce?: boolean | null; reduction?: Reduction }
/** torch.nn._reduction.legacy_get_string, then a check of the name. */
function reductionOf(o: LegacyOpts): Reduction {
  if ((o.size_average !== undefined && o.size_average !== null) || (o.reduce !== undefined && o.reduce !== null)) {
    const sa = o.size_average ?? true, rd = o.reduce ?? true;
    return !rd ? "none" : sa ? "mean" : "sum";
  }
  const r = o.reduction ?? "mean";
  if (r !== "mean" && r !== "sum" && r !== "none") throw new ValueError(`${String(r)} is not a valid value for reduction`);
  return r;
}
/** ATen's apply_loss_reduction. */
function reduce(loss: Tensor, r: Reduction): Tensor { return r === "mean" ? mean(loss) : r === "sum" ? sum(loss) : loss; }

function sameSize(input: Tensor, target: Tensor): void {
  if (!Size.from_(input._shape).equals(target._shape)) {
    warnOnce(`Using a target size (${Size.from_(target._shape)}) that is different to the input size (${Size.from_(input._shape)}). This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.`);
  }
}
function broadcastPair(a: Tensor, b: Tensor): [Tensor, Tensor] {
  if (Size.from_(a._shape).equals(b._shape)) return [a, b];
  const shape = broadcastShapes(a._shape, b._shape);
  return [expand(a, shape), expand(b, shape)];
}

// ---- huber, soft margin ----------------------------------------------------------------------------
export interface HuberOpts { reduction?: Reduction; delta?: number }
export function huber_loss(input: Tensor, target: Tensor, ...rest: (string | number | HuberOpts | undefined)[]): Tensor {
  const o = parseArgs<HuberOpts>(["reduction", "delta"], rest);
  sameSize(input, target);
  const delta = o.delta ?? 1;
  if (delta <= 0) throw new RuntimeError("huber_loss does not support non-positive values for delta.");
  const [a, b] = broadcastPair(input, target);
  return huberLossOp([a, b], { reduction: reductionOf(o), beta: delta });
}

export function soft_margin_loss(input: Tensor, target: Tensor, ...rest: (boolean | null | string | LegacyOpts | undefined)[]): Tensor {
  const o = parseArgs<LegacyOpts>(["size_average", "reduce", "reduction"], rest);
  const [a, b] = broadcastPair(input, target);
  return softMarginLossOp([a], { target: b.detach().contiguous(), reduction: reductionOf(o) });
}

// ---- kl_div ------------------------------------------------------------------------------------------
export interface KlDivOpts { size_average?: boolean | null; reduce?: boolean | null; reduction?: Reduction | "batchmean"; log_target?: boolean }
export function kl_div(input: Tensor, target: Tensor, ...rest: (boolean | null | string | KlDivOpts | undefined)[]): Tensor {
  const o = parseArgs<KlDivOpts>(["size_average", "reduce", "reduction", "log_target"], rest);
  let red: Reduction | "batchmean";
  if ((o.size_average ?? null) !== null || (o.reduce ?? null) !== null) red = reductionOf(o as LegacyOpts);
  else {
    red = o.reduction ?? "mean";
    if (red === "mean") {
      warnOnce("reduction: 'mean' divides the total loss by both the batch size and the support size.'batchmean' divides only by the batch size, and aligns with the KL div math definition.'mean' will be changed to behave the same as 'batchmean' in the next major release.");
    }
  }
  if (red !== "mean" && red !== "sum" && red !== "none" && red !== "batchmean") throw new ValueError(`${String(red)} is not a valid value for reduction`);
  const [a, b] = broadcastPair(input, target);
  // at::kl_div: exp(t)·(t − x) for log targets, else xlogy(t, t) − t·x.
  const out = o.log_target ? mul(exp(b), sub(b, a)) : sub(xlogy(b, b), mul(b, a));
  if (red === "batchmean") return input.dim() !== 0 ? div(sum(out), input._shape[0]) : sum(out);
  return reduce(out, red);
}

// ---- margin losses -----------------------------------------------------------------------------------
export interface MarginOpts extends LegacyOpts { margin?: number }
type MarginArg = number | boolean | null | string | MarginOpts | undefined;

export function margin_ranking_loss(input1: Tensor, input2: Tensor, target: Tensor, ...rest: MarginArg[]): Tensor {
  const o = parseArgs<MarginOpts>(["margin", "size_average", "reduce", "reduction"], rest);
  const r = reductionOf(o);
  if (input1.dim() !== input2.dim() || input1.dim() !== target.dim()) {
    throw new RuntimeError(`margin_ranking_loss : All input tensors should have same dimension but got sizes: input1: ${Size.from_(input1._shape)}, input2: ${Size.from_(input2._shape)}, target: ${Size.from_(target._shape)} `);
  }
  // (-target * (input1 - input2) + margin).clamp_min_(0)
  const out = clamp_min(addScalarOp([mul(neg(target), sub(input1, input2))], { s: o.margin ?? 0 }), 0);
  return reduce(out, r);
}

export function cosine_embedding_loss(input1: Tensor, input2: Tensor, target: Tensor, ...rest: MarginArg[]): Tensor {
  const o = parseArgs<MarginOpts>(["margin", "size_average", "reduce", "reduction"], rest);
  const r = reductionOf(o);
  const td = target.dim();
  if (td > 1) throw new RuntimeError(`0D or 1D target tensor expected, multi-target not supported`);
  if (input1.dim() !== input2.dim() || input1.dim() !== td + 1) {
    throw new RuntimeError(td === 1 ? `1D target tensor expects 2D input tensors, but found inputs with sizes ${Size.from_(input1._shape)} and ${Size.from_(input2._shape)}.` : `0D target tensor expects 1D input tensors, but found inputs with sizes ${Size.from_(input1._shape)} and ${Size.from_(input2._shape)}.`);
  }
  const EPS = 1e-12;
  const prodSum = sum(mul(input1, input2), td);
  const mag1 = addScalarOp([sum(mul(input1, input1), td)], { s: EPS });
  const mag2 = addScalarOp([sum(mul(input2, input2), td)], { s: EPS });
  const cos = div(prodSum, sqrt(mul(mag1, mag2)));
  const zero = scalarTensor(0, cos._dtype);
  const pos = sub(scalarTensor(1, cos._dtype), cos);
  const negPart = clamp_min(subScalarOp([cos], { s: o.margin ?? 0 }), 0);
  const out = add(where(eq(target, 1), pos, zero), where(eq(target, -1), negPart, zero));
  return reduce(out, r);
}

export interface TripletOpts extends MarginOpts { p?: number; eps?: number; swap?: boolean }
export function triplet_margin_loss(anchor: Tensor, positive: Tensor, negative: Tensor, ...rest: (number | boolean | null | string | TripletOpts | undefined)[]): Tensor {
  const o = parseArgs<TripletOpts>(["margin", "p", "eps", "swap", "size_average", "reduce", "reduction"], rest);
  const r = reductionOf(o);
  const ad = anchor.dim(), pd = positive.dim(), nd = negative.dim();
  if (ad !== pd || ad !== nd) {
    throw new RuntimeError(`The anchor, positive, and negative tensors are expected to have the same number of dimensions, but got: anchor ${ad}D, positive ${pd}D, and negative ${nd}D inputs`);
  }
  const p = o.p ?? 2, eps = o.eps ?? 1e-6;
  const dPos = pairwise_distance(anchor, positive, p, eps);
  let dNeg = pairwise_distance(anchor, negative, p, eps);
  if (o.swap) dNeg = minimum(dNeg, pairwise_distance(positive, negative, p, eps));
  const out = clamp_min(sub(addScalarOp([dPos], { s: o.margin ?? 1 }), dNeg), 0);
  return reduce(out, r);
}

export interface MultiLabelSoftMarginOpts extends LegacyOpts { weight?: Tensor | null }
export function multilabel_soft_margin_loss(input: Tensor, target: Tensor, ...rest: (Tensor | null | boolean | string | MultiLabelSoftMarginOpts | undefined)[]): Tensor {
  const o = parseArgs<MultiLabelSoftMarginOpts>(["weight", "size_average", "reduce", "reduction"], rest);
  const r = reductionOf(o);
  // functional.py: -(target * logsigmoid(input) + (1 - target) * logsigmoid(-input))
  let loss = neg(add(mul(target, logsigmoid(input)), mul(sub(1, target), logsigmoid(neg(input)))));
  if (o.weight) loss = mul(loss, o.weight);
  const classDim = input.dim() - 1;
  loss = div(sum(loss, classDim), input._shape[classDim]);
  return r === "none" ? loss : r === "mean" ? mean(loss) : sum(loss);
}

export function hinge_embedding_loss(input: Tensor, target: Tensor, ...rest: MarginArg[]): Tensor {
  const o = parseArgs<MarginOpts>(["margin", "size_average", "reduce", "reduction"], rest);
  const r = reductionOf(o);
  // ATen: where(target != 1, (margin - self).clamp_min_(0), 0) + where(target != -1, self, 0)
  const zero = scalarTensor(0, input._dtype);
  const marginClamp = clamp_min(rsub(input, o.margin ?? 1), 0);
  const out = add(where(ne(target, 1), marginClamp, zero), where(ne(target, -1), input, zero));
  return reduce(out, r);
}

export interface MultiMarginOpts extends MarginOpts { p?: number; weight?: Tensor | null }
export function multi_margin_loss(input: Tensor, target: Tensor, ...rest: (number | Tensor | boolean | null | string | MultiMarginOpts | undefined)[]): Tensor {
  const o = parseArgs<MultiMarginOpts>(["p", "margin", "weight", "size_average", "reduce", "reduction"], rest);
  const r = reductionOf(o);
  const p = o.p ?? 1;
  if (p !== 1 && p !== 2) throw new ValueError("only p == 1 and p == 2 supported");
  if (input.dim() > 2 || input.dim() < 1) throw new RuntimeError(`Expected non-empty vector or matrix with optional 0-dim batch size, but got: [${input._shape.join(", ")}]`);
  const C = input._shape[input.dim() - 1];
  const t = readDense(target);
  for (let i = 0; i < t.length; i++) if (t[i] < 0 || t[i] >= C) throw new RuntimeError(`target out of range`);
  return multiMarginLossOp([input], { target: t, p, margin: o.margin ?? 1, weight: o.weight ? readDense(o.weight) : null, reduction: r });
}

// ---- likelihood losses -------------------------------------------------------------------------------
export interface PoissonOpts extends LegacyOpts { log_input?: boolean; full?: boolean; eps?: number }
export function poisson_nll_loss(input: Tensor, target: Tensor, ...rest: (boolean | null | number | string | PoissonOpts | undefined)[]): Tensor {
  const o = parseArgs<PoissonOpts>(["log_input", "full", "size_average", "eps", "reduce", "reduction"], rest);
  const r = reductionOf(o);
  let loss = (o.log_input ?? true) ? sub(exp(input), mul(target, input)) : sub(input, mul(target, log(addScalarOp([input], { s: o.eps ?? 1e-8 }))));
  if (o.full) {
    // Stirling's approximation of log(target!), masked where target <= 1.
    const stirling = add(sub(mul(target, log(target)), target), mul(log(mul(target, 2 * Math.PI)), 0.5));
    loss = add(loss, stirling.masked_fill(le(target, 1), 0));
  }
  return reduce(loss, r);
}

export interface GaussianNllOpts { full?: boolean; eps?: number; reduction?: Reduction }
export function gaussian_nll_loss(input: Tensor, target: Tensor, variance: Tensor, ...rest: (boolean | number | string | GaussianNllOpts | undefined)[]): Tensor {
  const o = parseArgs<GaussianNllOpts>(["full", "eps", "reduction"], rest);
  let v = variance;
  if (!Size.from_(v._shape).equals(input._shape)) {
    const lead = input._shape.slice(0, -1);
    if (Size.from_(lead).equals(v._shape)) v = v.unsqueeze(-1);
    else if (!(Size.from_(lead).equals(v._shape.slice(0, -1)) && v._shape[v._shape.length - 1] === 1)) throw new ValueError("var is of incorrect size");
  }
  const r = o.reduction ?? "mean";
  if (r !== "none" && r !== "mean" && r !== "sum") throw new ValueError(`${String(r)} is not valid`);
  if (any(lt(v, 0)).item()) throw new ValueError("var has negative entry/entries");
  v = v.clone();
  no_grad(() => v.clamp_min_(o.eps ?? 1e-6));
  let loss = mul(add(log(v), div(pow(sub(input, target), 2), v)), 0.5);
  if (o.full) loss = add(loss, 0.5 * Math.log(2 * Math.PI));
  return reduce(loss, r);
}

// ---- distances ---------------------------------------------------------------------------------------
export interface NormalizeOpts { p?: number; dim?: number; eps?: number }
export function normalize(input: Tensor, ...rest: (number | NormalizeOpts | undefined)[]): Tensor {
  const o = parseArgs<NormalizeOpts>(["p", "dim", "eps"], rest);
  const denom = expand(clamp_min(norm(input, o.p ?? 2, o.dim ?? 1, true), o.eps ?? 1e-12), input._shape);
  return div(input, denom);
}

export interface PairwiseOpts { p?: number; eps?: number; keepdim?: boolean }
export function pairwise_distance(x1: Tensor, x2: Tensor, ...rest: (number | boolean | PairwiseOpts | undefined)[]): Tensor {
  const o = parseArgs<PairwiseOpts>(["p", "eps", "keepdim"], rest);
  const dim = Math.max(x1.dim(), x2.dim()) - 1;
  return norm(addScalarOp([sub(x1, x2)], { s: o.eps ?? 1e-6 }), o.p ?? 2, dim, o.keepdim ?? false);
}

export interface CosineOpts { dim?: number; eps?: number }
export function cosine_similarity(x1: Tensor, x2: Tensor, ...rest: (number | CosineOpts | undefined)[]): Tensor {
  const o = parseArgs<CosineOpts>(["dim", "eps"], rest);
  const shape = broadcastShapes(x1._shape, x2._shape);
  const dim = wrapDim(o.dim ?? 1, shape.length);
  const eps = o.eps ?? 1e-8;
  const a = expand(x1, shape), b = expand(x2, shape);
  // 1.13's cosine_similarity: each input over its norm, the squared norms clamped to eps² without grad.
  const normOf = (t: Tensor): Tensor => {
    const sq = sum(pow(t, 2), dim, true);
    no_grad(() => sq.clamp_min_(eps * eps));
    return sqrt(sq);
  };
  return sum(mul(div(a, normOf(a)), div(b, normOf(b))), dim);
}

