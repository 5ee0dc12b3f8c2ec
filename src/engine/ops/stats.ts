// Statistics: std_mean / var_mean (one node, two outputs, as PyTorch), nansum, nanmean,
// quantile / nanquantile (composed as PyTorch 1.13 composes them), histc, bincount.
import { DType, bool, float64, int64 } from "../dtype";
import { Tensor } from "../tensor";
import { defineOp, op1 } from "./define";
import { readDense } from "./loops";
import { numelOf } from "../shape";
import { RuntimeError, warnOnce } from "../errors";
import { mm } from "./linalg";
import { diag } from "./reshaping";
import { add, div, eq, isnan, logicalNot, lt, mul, sub, sqrt, clamp, toDtype, where, floor, ceil, round } from "./elementwise";
import { Dims, ReduceOpts, any, mean, normDims, reduceLayout, std, sum, unreduce, var_, dtypeTitle } from "./reduce";
import { flatten, squeeze, transpose, unsqueeze, view } from "./views";
import { squeeze_, transpose_, unsqueeze_ } from "./inplace_views";
import { gather } from "./indexing";
import { inplace } from "./inplace";
import { sort } from "./sorting";
import { lerp } from "./pointwise_more";
import { isOpts } from "./math_common";
import { scalarTensor } from "./scalar";
import { tensor as makeTensor } from "../creation";
import { Scalar, scalarValue } from "../float_literal";

// ---- std_mean / var_mean --------------------------------------------------------------------------
export interface VarMeanOpts { dim?: Dims; unbiased?: boolean; correction?: number; keepdim?: boolean }
function varMeanArgs(a?: Dims | boolean | VarMeanOpts, b?: boolean, c?: boolean): VarMeanOpts {
  if (typeof a === "boolean") return { unbiased: a };
  if (isOpts(a)) return a as VarMeanOpts;
  return { dim: a as Dims, unbiased: b, keepdim: c };
}
const varMeanOp = defineOp<{ dims: number[]; correction: number; keepdim: boolean; std: boolean; all: boolean }>("var_mean", {
  name: (_i, p) => (p.std ? "StdMeanBackward0" : "VarMeanBackward0"),
  forward: ([a], p) => {
    const o = { dim: p.all ? undefined : p.dims, correction: p.correction, keepdim: p.keepdim };
    const d = a.detach();
    return [p.std ? std(d, o) : var_(d, o), mean(d, p.all ? undefined : p.dims, p.keepdim)];
  },
  save: ([a], [v]) => [["self", a], ["result0", v]],
  backward: ([gv, gm], [a, v], p) => {
    const n = numelOf(p.dims.map((d) => a._shape[d]));
    const dof = Math.max(0, n - p.correction);
    const centered = sub(a, mean(a, p.dims, true));
    const gFull = unreduce(gv, a._shape, p.dims, p.keepdim);
    const fromMean = div(unreduce(gm, a._shape, p.dims, p.keepdim), n);
    // PyTorch skips an output whose gradient is undefined (only the mean used); the engine hands us
    // zeros for it, so all-zero is taken as undefined (else a NaN std, e.g. of one element, poisons the mean's gradient).
    if (readDense(gv).every((x) => x === 0)) return [fromMean];
    const fromVar = p.std ? div(mul(gFull, centered), mul(unreduce(v, a._shape, p.dims, p.keepdim), dof)) : mul(gFull, mul(centered, 2 / dof));
    return [add(fromVar, fromMean)];
  },
});
function varMean(isStd: boolean, t: Tensor, a?: Dims | boolean | VarMeanOpts, b?: boolean, c?: boolean): Tensor[] {
  if (!t._dtype.isFloatingPoint) throw new RuntimeError(`${isStd ? "std_mean" : "var_mean"} only support floating point and complex dtypes`);
  const o = varMeanArgs(a, b, c);
  const correction = o.correction ?? (o.unbiased === false ? 0 : 1);
  const all = o.dim === undefined || o.dim === null;
  return varMeanOp([t], { dims: normDims(o.dim, t._shape.length), correction, keepdim: o.keepdim ?? false, std: isStd, all });
}
export function std_mean(t: Tensor, a?: Dims | boolean | VarMeanOpts, b?: boolean, c?: boolean): Tensor[] { return varMean(true, t, a, b, c); }
export function var_mean(t: Tensor, a?: Dims | boolean | VarMeanOpts, b?: boolean, c?: boolean): Tensor[] { return varMean(false, t, a, b, c); }

// ---- nansum / nanmean ----------------------------------------------------------------------------
function reduceArgs(t: Tensor, a?: Dims | ReduceOpts, keepdim?: boolean, opts?: ReduceOpts): { dims: number[]; keepdim: boolean; dtype?: DType; all: boolean } {
  const o: ReduceOpts = isOpts(a) ? (a as ReduceOpts) : { ...opts, dim: a as Dims, keepdim: keepdim ?? opts?.keepdim };
  return { dims: normDims(o.dim, t._shape.length), keepdim: o.keepdim ?? false, dtype: o.dtype, all: o.dim === undefined || o.dim === null };
}
const nansumOp = op1<{ dims: number[]; keepdim: boolean; dtype: DType }>("nansum", {
  name: "NansumBackward0",
  forward: ([a], p) => {
    const { outShape, inner, values } = reduceLayout(a, p.dims, p.keepdim);
    const n = numelOf(outShape);
    const out = p.dtype.alloc(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = i * inner; j < (i + 1) * inner; j++) if (values[j] === values[j]) s += values[j];
      out[i] = p.dtype.cast(s);
    }
    return Tensor._make(out, outShape, p.dtype);
  },
  save: ([a]) => [["self", a]],
  // PyTorch multiplies by the mask (a negative gradient gives -0 at NaN positions).
  backward: ([g], [a], p) => [mul(unreduce(g, a._shape, p.dims, p.keepdim), logicalNot(isnan(a)))],
});
export function nansum(t: Tensor, dim?: Dims | ReduceOpts, keepdim?: boolean, opts?: ReduceOpts): Tensor {
  const p = reduceArgs(t, dim, keepdim, opts);
  const dtype = p.dtype ?? (t._dtype.isFloatingPoint ? t._dtype : int64);
  return nansumOp([dtype === t._dtype ? t : toDtype(t, dtype)], { dims: p.dims, keepdim: p.keepdim, dtype });
}
export function nanmean(t: Tensor, dim?: Dims | ReduceOpts, keepdim?: boolean, opts?: ReduceOpts): Tensor {
  const p = reduceArgs(t, dim, keepdim, opts);
  if (!(p.dtype ?? t._dtype).isFloatingPoint) {
    throw new RuntimeError(`nanmean(): expected input to have floating point dtype but got ${dtypeTitle(t._dtype)}`);
  }
  const count = sum(logicalNot(isnan(t)), p.all ? undefined : p.dims, p.keepdim);
  return div(nansum(t, p.all ? undefined : p.dims, p.keepdim, { dtype: p.dtype }), count);
}

// ---- quantile / nanquantile -----------------------------------------------------------------------
export type Interpolation = "linear" | "lower" | "higher" | "midpoint" | "nearest";
export interface QuantileOpts { dim?: number | null; keepdim?: boolean; interpolation?: Interpolation }
function quantileImpl(name: string, self: Tensor, q: Tensor | Scalar, a: number | null | QuantileOpts | undefined, keepdim: boolean, ignoreNan: boolean): Tensor {
  let o: QuantileOpts = { dim: a as number | null | undefined, keepdim };
  if (isOpts(a)) o = a as QuantileOpts;
  const interp = o.interpolation ?? "linear";
  if (!["linear", "lower", "higher", "midpoint", "nearest"].includes(interp)) {
    throw new RuntimeError(`${name}() interpolation must be one of linear, lower, higher, midpoint or nearest. Got ${interp}`);
  }
  if (self.numel() === 0) throw new RuntimeError(`${name}() input tensor must be non-empty`);
  if (!self._dtype.isFloatingPoint) throw new RuntimeError(`${name}() input tensor must be either float or double dtype`);
  const qt = q instanceof Tensor ? q : makeTensor(scalarValue(q), { dtype: self._dtype });
  if (qt._shape.length > 1) throw new RuntimeError(`${name}() q must be a scalar or 1D tensor`);
  if (qt._dtype !== self._dtype) throw new RuntimeError(`${name}() q tensor must be same dtype as the input tensor`);
  for (const v of readDense(qt)) {
    if (!(v >= 0 && v <= 1)) throw new RuntimeError(q instanceof Tensor ? `${name}() q values must be in the range [0, 1]` : `${name}() q must be in the range [0, 1] but got ${v}`);
  }
  const dim = o.dim === undefined || o.dim === null ? null : o.dim < 0 ? o.dim + Math.max(self._shape.length, 1) : o.dim;
  const kd = o.keepdim ?? false;
  // Output shape (before q's dim): the input reduced over dim (all dims when none).
  let outShape: number[];
  if (dim === null) outShape = kd ? self._shape.map(() => 1) : [];
  else outShape = self._shape.length === 0 ? [] : self._shape.map((s, i) => (i === dim ? 1 : s)).filter((_s, i) => kd || i !== dim);
  let sorted: Tensor;
  if (dim === null) sorted = sort(flatten(self)).values;
  else if (dim === self._shape.length - 1 || self._shape.length === 0) sorted = sort(self).values;
  else sorted = sort(transpose(unsqueeze(self, -1), dim, -1)).values;
  const shape = [qt.numel(), ...outShape];
  const inShape = [...shape.slice(1), 0];
  inShape[inShape.length - 1] = sorted._shape[sorted._shape.length - 1] ?? 1;
  sorted = view(sorted, inShape);
  const n = inShape[inShape.length - 1];
  const qv = view(qt, [qt.numel(), ...new Array<number>(inShape.length - 1).fill(1)]).detach();
  const qLast = view(qt.detach(), [...new Array<number>(inShape.length - 1).fill(1), qt.numel()]);
  let ranks: Tensor;
  if (ignoreNan) {
    const valid = sub(sum(logicalNot(isnan(sorted.detach())), -1, true), 1);
    ranks = mul(qLast, valid);
    ranks = where(lt(ranks, 0), scalarTensor(0, ranks._dtype), ranks);
  } else {
    const hasNan = any(isnan(sorted.detach()), -1, true);
    ranks = where(hasNan, scalarTensor(n - 1, self._dtype), mul(qLast, n - 1));
  }
  void qv;
  if (interp === "lower") ranks = floor(ranks);
  else if (interp === "higher") ranks = ceil(ranks);
  else if (interp === "nearest") ranks = round(ranks);
  const below = toDtype(ranks, int64);
  let values = gather(sorted, -1, below);
  if (interp === "linear" || interp === "midpoint") {
    const weights = interp === "midpoint" ? where(eq(ranks, ranks), scalarTensor(0.5, ranks._dtype), ranks) : sub(ranks, toDtype(below, ranks._dtype));
    const above = gather(sorted, -1, toDtype(ceil(ranks), int64));
    const vb = values;
    values = inplace(vb, () => lerp(vb, above, toDtype(weights, vb._dtype)));
  }
  // PyTorch: values.squeeze_(-1), or values.unsqueeze_(0).transpose_(0, -1).squeeze_(-1) for a tensor q.
  if (qt._shape.length !== 0) transpose_(unsqueeze_(values, 0), 0, -1);
  return squeeze_(values, -1);
}
export function quantile(self: Tensor, q: Tensor | Scalar, dim?: number | null | QuantileOpts, keepdim = false): Tensor {
  return quantileImpl("quantile", self, q, dim, keepdim, false);
}
export function nanquantile(self: Tensor, q: Tensor | Scalar, dim?: number | null | QuantileOpts, keepdim = false): Tensor {
  return quantileImpl("nanquantile", self, q, dim, keepdim, true);
}

// ---- histc / bincount ---------------------------------------------------------------------------
export interface HistcOpts { bins?: number; min?: number; max?: number }
export function histc(t: Tensor, bins: number | HistcOpts = 100, min = 0, max = 0): Tensor {
  if (isOpts(bins)) { const o = bins as HistcOpts; min = o.min ?? 0; max = o.max ?? 0; bins = o.bins ?? 100; }
  if (!t._dtype.isFloatingPoint) throw new RuntimeError(`"histogram_cpu" not implemented for '${dtypeTitle(t._dtype)}'`);
  if (bins <= 0) throw new RuntimeError("torch.histc: bins must be > 0, but got " + bins + " for bins");
  const v = readDense(t);
  let lo = min, hi = max;
  if (lo === hi && v.length > 0) {
    lo = Infinity; hi = -Infinity;
    for (const x of v) { if (x < lo) lo = x; if (x > hi) hi = x; }
  }
  if (lo === hi) { lo -= 1; hi += 1; }
  if (lo > hi) throw new RuntimeError(`torch.histc: max must be larger than min, but got min ${min} max ${max}`);
  const out = t._dtype.alloc(bins);
  for (const x of v) {
    if (!(x >= lo && x <= hi)) continue;
    let b = Math.floor(((x - lo) * bins) / (hi - lo));
    if (b === bins) b -= 1;
    out[b] += 1;
  }
  return Tensor._make(out, [bins], t._dtype);
}
export function bincount(t: Tensor, weights?: Tensor | null | { weights?: Tensor | null; minlength?: number }, minlength = 0): Tensor {
  let w = weights as Tensor | null | undefined;
  if (isOpts(weights)) { w = (weights as { weights?: Tensor | null }).weights; minlength = (weights as { minlength?: number }).minlength ?? 0; }
  if (t._dtype !== int64 && t._dtype !== bool) throw new RuntimeError(`"bincount_cpu" not implemented for '${dtypeTitle(t._dtype)}'`);
  const v = readDense(t);
  if (t._shape.length !== 1 || v.some((x) => x < 0)) throw new RuntimeError("bincount only supports 1-d non-negative integral inputs.");
  if (minlength < 0) throw new RuntimeError("minlength should be >= 0");
  if (w && (w._shape.length !== 1 || w.numel() !== v.length)) throw new RuntimeError("weights should be 1-d and have the same length as input");
  let n = minlength;
  for (const x of v) n = Math.max(n, x + 1);
  const dtype = w ? (w._dtype.isFloatingPoint ? w._dtype : float64) : int64;
  const out = dtype.alloc(n);
  const wv = w ? readDense(w) : null;
  v.forEach((x, i) => { out[x] = dtype.cast(out[x] + (wv ? wv[i] : 1)); });
  return Tensor._make(out, [n], dtype);
}

// ---- cov / corrcoef (composed as PyTorch 1.13 composes them, so the graph shows the same nodes) -----------
export interface CovOpts { correction?: number; fweights?: Tensor | null; aweights?: Tensor | null }
export function cov(self: Tensor, opts: CovOpts = {}): Tensor {
  const correction = opts.correction ?? 1;
  if (self._shape.length > 2) throw new RuntimeError(`cov(): expected input to have two or fewer dimensions but got an input with ${self._shape.length} dimensions`);
  if (self._dtype === bool) throw new RuntimeError("cov(): bool dtype is not supported for input");
  const input = self._shape.length < 2 ? view(self, [1, -1]) : self;
  const n = input._shape[1];
  let w: Tensor | null = null;
  for (const [name, t] of [["fweights", opts.fweights], ["aweights", opts.aweights]] as const) {
    if (!t) continue;
    if (t._shape.length > 1) throw new RuntimeError(`cov(): expected ${name} to have one or fewer dimensions but got ${name} with ${t._shape.length} dimensions`);
    if (t.numel() !== n) throw new RuntimeError(`cov(): expected ${name} to have the same numel as there are observations in the input but got ${t.numel()} != ${n}`);
    if (name === "fweights" && t._dtype.isFloatingPoint) throw new RuntimeError("cov(): expected fweights to have integral dtype");
    if (name === "aweights" && !t._dtype.isFloatingPoint) throw new RuntimeError("cov(): expected aweights to have floating point dtype");
    if (readDense(t).some((v) => v < 0)) throw new RuntimeError(`cov(): ${name} cannot be negative`);
    w = w ? mul(w, t) : t;
  }
  const wSum = w ? sum(w) : scalarTensor(n, int64);
  if (w && Number(wSum.item()) === 0) throw new RuntimeError("cov(): weights sum to zero, can't be normalized");
  const avg = div(sum(w ? mul(input, w) : input, 1), wSum);
  let norm: Tensor = w && correction !== 0 && opts.aweights
    ? sub(wSum, div(mul(sum(mul(w, opts.aweights)), correction), wSum))
    : sub(wSum, correction);
  if (Number(norm.item()) <= 0) {
    warnOnce("cov(): degrees of freedom is <= 0");
    norm = mul(norm, 0);
  }
  const centered = sub(input, unsqueeze(avg, 1));
  const c = mm(centered, transpose(w ? mul(centered, w) : centered, 0, 1));
  return squeeze(div(c, norm));
}
export function corrcoef(self: Tensor): Tensor {
  if (self._shape.length > 2) throw new RuntimeError(`corrcoef(): expected input to have two or fewer dimensions but got an input with ${self._shape.length} dimensions`);
  let c = cov(self);
  if (c._shape.length === 0) return div(c, c);
  const stddev = sqrt(diag(c));
  c = div(c, view(stddev, [-1, 1]));
  c = div(c, view(stddev, [1, -1]));
  return clamp(c, -1, 1);
}
