// Reductions over all elements or over dims (keepdim), with PyTorch's grad_fn names:
// `sum()` is SumBackward0 and `sum(dim)` SumBackward1, `max()` MaxBackward1 and `max(dim)` MaxBackward0.
import { DType, bool, int64, float32, get_default_dtype } from "../dtype";
import { Tensor } from "../tensor";
import { op1, defineOp } from "./define";
import { elementOffsets, gatherInto, readDense, simplifyLayout } from "./loops";
import { numelOf, wrapDim } from "../shape";
import { IndexError, RuntimeError } from "../errors";
import { add, div, eq, mul, sub, sqrt, sign, abs, pow, exp, where, maskGrad, isnan as isnanT } from "./elementwise";
import { expand, reshape, unsqueeze } from "./views";
import { scalarTensor } from "./scalar";
import { kahanColumnSums } from "../kernels";

/** `dim` as PyTorch accepts it: nothing (all dims), one int, or a list. */
export type Dims = number | readonly number[] | null | undefined;
export interface ReduceOpts { dim?: Dims; keepdim?: boolean; dtype?: DType }

export function normDims(dim: Dims, ndim: number): number[] {
  if (dim === null || dim === undefined) return Array.from({ length: ndim }, (_v, i) => i);
  const ds = (typeof dim === "number" ? [dim] : [...dim]).map((d) => wrapDim(d, ndim));
  if (new Set(ds).size !== ds.length) throw new RuntimeError(`dim ${ds.find((d, i) => ds.indexOf(d) !== i)} appears multiple times in the list of dims`);
  return ds.sort((a, b) => a - b);
}

/** The tensor's elements grouped so each output element's inputs are contiguous. */
export function reduceLayout(t: Tensor, dims: readonly number[], keepdim: boolean): { outShape: number[]; inner: number; values: Float64Array | Float32Array | Uint8Array } {
  const nd = t._shape.length;
  const kept = Array.from({ length: nd }, (_v, i) => i).filter((i) => !dims.includes(i));
  const inner = numelOf(dims.map((d) => t._shape[d]));
  const outShape = keepdim ? t._shape.map((s, i) => (dims.includes(i) ? 1 : s)) : kept.map((d) => t._shape[d]);
  // Reducing trailing dims of a contiguous tensor: its row-major order is already grouped.
  if (dims.every((d, i) => d === nd - dims.length + i) && t.is_contiguous()) {
    return { outShape, inner, values: readDense(t) };
  }
  const order = [...kept, ...dims];
  const shape = order.map((d) => t._shape[d]);
  const strides = order.map((d) => t._strides[d]);
  const src = t._storage.data;
  const l = simplifyLayout(shape, strides, t._offset);
  if (l.shape.length <= 1 && (l.shape.length === 0 || l.strides[0] === 1)) {
    // Already grouped in storage (e.g. batch norm's [0, 2, 3] with batch 1): read it in place.
    return { outShape, inner, values: src.subarray(l.offset, l.offset + numelOf(shape)) as Float64Array };
  }
  const values = t._dtype.alloc(numelOf(shape));
  gatherInto(src, shape, strides, t._offset, values);
  return { outShape, inner, values };
}

function reduceWith(t: Tensor, dims: readonly number[], keepdim: boolean, outDtype: DType, f: (v: ArrayLike<number>, start: number, n: number) => number): Tensor {
  const { outShape, inner, values } = reduceLayout(t, dims, keepdim);
  const n = numelOf(outShape);
  const out = outDtype.alloc(n);
  for (let i = 0; i < n; i++) out[i] = outDtype.cast(f(values, i * inner, inner));
  return Tensor._make(out, outShape, outDtype);
}

/** Sum in double, then round: close to PyTorch's float32 cascade sum, exact where it matters for printing. */
function kahanSum(v: ArrayLike<number>, s: number, n: number): number {
  let sum = 0;
  let c = 0;
  for (let i = s; i < s + n; i++) {
    const y = v[i] - c;
    const t = sum + y;
    c = t - sum - y;
    sum = t;
  }
  return sum;
}

/**
 * kahanSum over leading dims of a contiguous tensor (a bias gradient: sum over the batch), one
 * running sum and compensation per output column: each column sees the same operations in the
 * same order as kahanSum over its gathered values, without the transposing gather.
 */
function leadingSums(t: Tensor, dims: readonly number[]): Float64Array | null {
  if (!dims.length || !dims.every((d, i) => d === i) || dims.length === t._shape.length || !t.is_contiguous()) return null;
  const rows = numelOf(t._shape.slice(0, dims.length)), cols = numelOf(t._shape.slice(dims.length));
  if (rows < 2 || cols < 2) return null;
  const sum = new Float64Array(cols);
  kahanColumnSums(rows, cols, t._storage.data as Float32Array | Float64Array, t._offset, sum);
  return sum;
}

function sumForward(a: Tensor, p: RP, scale: number | null): Tensor {
  const sums = a._dtype.isFloatingPoint && p.dtype.isFloatingPoint ? leadingSums(a, p.dims) : null;
  if (!sums) return reduceWith(a, p.dims, p.keepdim, p.dtype, scale === null ? kahanSum : (v, s, n) => kahanSum(v, s, n) / n);
  const outShape = p.keepdim ? a._shape.map((n, i) => (p.dims.includes(i) ? 1 : n)) : a._shape.slice(p.dims.length);
  const out = p.dtype.alloc(sums.length);
  for (let i = 0; i < sums.length; i++) out[i] = scale === null ? sums[i] : sums[i] / scale;
  return Tensor._make(out, outShape, p.dtype);
}

/** A reduced gradient (or result) brought back to the input's shape for broadcasting against it. */
export function unreduce(g: Tensor, inputShape: readonly number[], dims: readonly number[], keepdim: boolean): Tensor {
  let r = g;
  if (!keepdim) for (const d of [...dims].sort((a, b) => a - b)) r = unsqueeze(r, d);
  return expand(r, [...inputShape]);
}

interface RP { dims: number[]; keepdim: boolean; dtype: DType }
function parse(t: Tensor, a?: Dims | ReduceOpts, keepdim?: boolean, opts?: ReduceOpts): { dims: number[]; all: boolean; keepdim: boolean; dtype?: DType } {
  const o: ReduceOpts = a !== null && typeof a === "object" && !Array.isArray(a)
    ? (a as ReduceOpts)
    : { ...opts, dim: a as Dims, keepdim: keepdim ?? opts?.keepdim };
  const all = o.dim === null || o.dim === undefined;
  return { dims: normDims(o.dim, t._shape.length), all, keepdim: o.keepdim ?? false, dtype: o.dtype };
}

// ---- sum / mean ------------------------------------------------------------------------------
const sumOp = op1<RP & { all: boolean }>("sum", {
  name: (_i, p) => (p.all ? "SumBackward0" : "SumBackward1"),
  forward: ([a], p) => sumForward(a, p, null),
  backward: ([g], _s, p, [inp]) => [unreduce(g, inp.shape, p.dims, p.keepdim)],
});
export function sum(t: Tensor, dim?: Dims | ReduceOpts, keepdim?: boolean, opts?: ReduceOpts): Tensor {
  const p = parse(t, dim, keepdim, opts);
  const dtype = p.dtype ?? (t._dtype.isFloatingPoint ? t._dtype : int64);
  const src = p.dtype && p.dtype !== t._dtype ? t.to(p.dtype) : t;
  return sumOp([src], { dims: p.dims, keepdim: p.keepdim, dtype, all: p.all });
}
const meanOp = op1<RP & { all: boolean; n: number }>("mean", {
  name: (_i, p) => (p.all ? "MeanBackward0" : "MeanBackward1"),
  forward: ([a], p) => sumForward(a, p, numelOf(p.dims.map((d) => a._shape[d]))),
  backward: ([g], _s, p, [inp]) => [div(unreduce(g, inp.shape, p.dims, p.keepdim), p.n)],
});
export function mean(t: Tensor, dim?: Dims | ReduceOpts, keepdim?: boolean, opts?: ReduceOpts): Tensor {
  const p = parse(t, dim, keepdim, opts);
  const dtype = p.dtype ?? t._dtype;
  if (!dtype.isFloatingPoint) {
    throw new RuntimeError(`mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: ${dtypeTitle(t._dtype)}`);
  }
  const n = numelOf(p.dims.map((d) => t._shape[d]));
  return meanOp([dtype === t._dtype ? t : t.to(dtype)], { dims: p.dims, keepdim: p.keepdim, dtype, all: p.all, n });
}
export function dtypeTitle(d: DType): string {
  return { float32: "Float", float64: "Double", int64: "Long", bool: "Bool" }[d.name];
}

// ---- prod ----------------------------------------------------------------------------------
const prodOp = op1<RP & { all: boolean }>("prod", {
  name: (_i, p) => (p.all ? "ProdBackward0" : "ProdBackward1"),
  forward: ([a], p) => reduceWith(a, p.dims, p.keepdim, p.dtype, (v, s, n) => { let r = 1; for (let i = s; i < s + n; i++) r *= v[i]; return r; }),
  save: ([a], [out]) => [["self", a], ["result", out]],
  backward: ([g], [a], p) => {
    // Product of the other elements, computed directly so zeros in the input are handled.
    const others = prodOfOthers(a, p.dims);
    return [mul(unreduce(g, a._shape, p.dims, p.keepdim), others)];
  },
});
function prodOfOthers(a: Tensor, dims: number[]): Tensor {
  const { inner, values } = reduceLayout(a, dims, false);
  const nd = a._shape.length;
  const kept = Array.from({ length: nd }, (_v, i) => i).filter((i) => !dims.includes(i));
  const order = [...kept, ...dims];
  const res = new Float64Array(values.length);
  for (let s = 0; s < values.length; s += inner) {
    for (let i = 0; i < inner; i++) {
      let r = 1;
      for (let j = 0; j < inner; j++) if (j !== i) r *= values[s + j];
      res[s + i] = r;
    }
  }
  // `res` is in the permuted order; scatter back to row-major.
  const permShape = order.map((d) => a._shape[d]);
  const out = a._dtype.alloc(res.length);
  const inv = new Array<number>(nd);
  order.forEach((d, i) => (inv[d] = i));
  const permStrides = new Array<number>(nd);
  let acc = 1;
  for (let i = nd - 1; i >= 0; i--) { permStrides[i] = acc; acc *= permShape[i]; }
  const offs = elementOffsets(a._shape, a._shape.map((_s, d) => permStrides[inv[d]]), 0);
  for (let i = 0; i < offs.length; i++) out[i] = a._dtype.cast(res[offs[i]]);
  return Tensor._make(out, a._shape, a._dtype);
}
export function prod(t: Tensor, dim?: number | ReduceOpts, keepdim?: boolean, opts?: ReduceOpts): Tensor {
  const p = parse(t, dim as Dims | ReduceOpts, keepdim, opts);
  const dtype = p.dtype ?? (t._dtype.isFloatingPoint ? t._dtype : int64);
  return prodOp([t], { dims: p.dims, keepdim: p.keepdim, dtype, all: p.all });
}

// ---- max / min / argmax / argmin / amax / amin --------------------------------------------------
function argExt(v: ArrayLike<number>, s: number, n: number, better: (x: number, y: number) => boolean): number {
  let bi = s;
  for (let i = s; i < s + n; i++) {
    if (v[i] !== v[i]) return i - s; // NaN propagates and wins
    if (better(v[i], v[bi])) bi = i;
  }
  return bi - s;
}
const gtF = (x: number, y: number) => x > y, ltF = (x: number, y: number) => x < y;

const extAllOp = op1<{ max: boolean }>("max_all", {
  name: (_i, p) => (p.max ? "MaxBackward1" : "MinBackward1"),
  forward: ([a], p) => {
    if (a.numel() === 0) {
      throw new RuntimeError(`${p.max ? "max" : "min"}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.`);
    }
    const v = readDense(a);
    const i = argExt(v, 0, v.length, p.max ? gtF : ltF);
    return Tensor._make(a._dtype.alloc(1).fill(v[i]), [], a._dtype);
  },
  save: ([a], [out]) => [["self", a], ["result", out]],
  // Ties share the gradient evenly (PyTorch's evenly_distribute_backward).
  backward: ([g], [a, out]) => {
    // A NaN maximum takes the gradient at the NaN positions.
    const mask = Number.isNaN(Number(out._get(0))) ? isnanT(a) : eq(a, out);
    const count = sum(mask);
    return [maskGrad(mask, div(g, count))];
  },
});
const extDimOp = defineOp<{ dim: number; keepdim: boolean; max: boolean }>("max_dim", {
  name: (_i, p) => (p.max ? "MaxBackward0" : "MinBackward0"),
  forward: ([a], p) => {
    const { outShape, inner, values } = reduceLayout(a, [p.dim], p.keepdim);
    const n = numelOf(outShape);
    const vals = a._dtype.alloc(n), idx = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const j = argExt(values, i * inner, inner, p.max ? gtF : ltF);
      idx[i] = j;
      vals[i] = values[i * inner + j];
    }
    return [Tensor._make(vals, outShape, a._dtype), Tensor._make(idx, outShape, int64)];
  },
  save: (_i, [, indices]) => [["indices", indices]],
  nonDifferentiableOutputs: [1],
  backward: ([g], [indices], p, [inp]) => [indexBackward(g, indices, inp.shape, p.dim, p.keepdim)],
});
/** Scatter `g` into zeros of `shape` at `indices` along `dim`. */
function indexBackward(g: Tensor, indices: Tensor, shape: number[], dim: number, keepdim: boolean): Tensor {
  const gi = keepdim ? g : unsqueeze(g, dim);
  const ii = keepdim ? indices : unsqueeze(indices, dim);
  const oneHot = eq(unreduceArange(shape, dim), ii);
  return maskGrad(oneHot, expand(gi, shape));
}
function unreduceArange(shape: number[], dim: number): Tensor {
  const n = shape[dim];
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = i;
  const s = shape.map((_v, i) => (i === dim ? n : 1));
  return Tensor._make(d, s, int64);
}

/** PyTorch's named tuple `torch.return_types.max(values=..., indices=...)`; destructures as `[values, indices]`. */
export class ReturnTypes {
  readonly 0: Tensor;
  readonly 1: Tensor;
  readonly length = 2;
  constructor(readonly _kind: string, readonly values: Tensor, readonly indices: Tensor) {
    this[0] = values;
    this[1] = indices;
  }
  *[Symbol.iterator](): IterableIterator<Tensor> { yield this.values; yield this.indices; }
  toString(): string {
    return `torch.return_types.${this._kind}(\nvalues=${this.values.toString()},\nindices=${this.indices.toString()})`;
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string { return this.toString(); }
}

function extremum(t: Tensor, isMax: boolean, dim?: number | Tensor | { dim?: number; keepdim?: boolean }, keepdim?: boolean): Tensor | ReturnTypes {
  if (dim instanceof Tensor) return isMax ? maximumLazy(t, dim) : minimumLazy(t, dim);
  const isObj = typeof dim === "object" && dim !== null;
  const d = isObj ? dim.dim : dim;
  const k = (isObj ? dim.keepdim : undefined) ?? keepdim ?? false;
  if (d === undefined) return extAllOp([t], { max: isMax });
  const w = wrapDim(d, t._shape.length);
  if (t._shape.length > 0 && t._shape[w] === 0) {
    throw new IndexError(`${isMax ? "max" : "min"}(): Expected reduction dim ${w} to have non-zero size.`);
  }
  const [values, indices] = extDimOp([t], { dim: w, keepdim: k, max: isMax });
  return new ReturnTypes(isMax ? "max" : "min", values, indices);
}
// maximum/minimum live in elementwise; imported lazily to keep this file's dependencies one-way.
import { maximum as maximumLazy, minimum as minimumLazy } from "./elementwise";

export function max(t: Tensor): Tensor;
export function max(t: Tensor, other: Tensor): Tensor;
export function max(t: Tensor, dim: number | { dim?: number; keepdim?: boolean }, keepdim?: boolean): ReturnTypes;
export function max(t: Tensor, dim?: number | Tensor | { dim?: number; keepdim?: boolean }, keepdim?: boolean): Tensor | ReturnTypes {
  return extremum(t, true, dim, keepdim);
}
export function min(t: Tensor): Tensor;
export function min(t: Tensor, other: Tensor): Tensor;
export function min(t: Tensor, dim: number | { dim?: number; keepdim?: boolean }, keepdim?: boolean): ReturnTypes;
export function min(t: Tensor, dim?: number | Tensor | { dim?: number; keepdim?: boolean }, keepdim?: boolean): Tensor | ReturnTypes {
  return extremum(t, false, dim, keepdim);
}

const amaxOp = op1<{ dims: number[]; keepdim: boolean; max: boolean }>("amax", {
  name: (_i, p) => (p.max ? "AmaxBackward0" : "AminBackward0"),
  forward: ([a], p) => reduceWith(a, p.dims, p.keepdim, a._dtype, (v, s, n) => v[s + argExt(v, s, n, p.max ? gtF : ltF)]),
  save: ([a], [out]) => [["self", a], ["result", out]],
  backward: ([g], [a, out], p) => {
    const mask = eq(a, unreduce(out, a._shape, p.dims, p.keepdim));
    const count = unreduce(sum(mask, p.dims, true), a._shape, p.dims, true);
    return [maskGrad(mask, div(unreduce(g, a._shape, p.dims, p.keepdim), count))];
  },
});
export function amax(t: Tensor, dim: Dims = [], keepdim = false): Tensor {
  const dims = Array.isArray(dim) && dim.length === 0 ? normDims(null, t._shape.length) : normDims(dim, t._shape.length);
  return amaxOp([t], { dims, keepdim, max: true });
}
export function amin(t: Tensor, dim: Dims = [], keepdim = false): Tensor {
  const dims = Array.isArray(dim) && dim.length === 0 ? normDims(null, t._shape.length) : normDims(dim, t._shape.length);
  return amaxOp([t], { dims, keepdim, max: false });
}

function argReduce(t: Tensor, isMax: boolean, dim?: number | null | { dim?: number | null; keepdim?: boolean }, keepdim = false): Tensor {
  let d: number | null | undefined = dim as number | null | undefined;
  if (typeof dim === "object" && dim !== null) { d = dim.dim; keepdim = dim.keepdim ?? keepdim; }
  if (d === null || d === undefined) {
    if (t.numel() === 0) throw new RuntimeError(`${isMax ? "argmax" : "argmin"}(): Expected reduction dim to be specified for input.numel() == 0.`);
    const v = readDense(t);
    const r = Tensor._make(new Float64Array([argExt(v, 0, v.length, isMax ? gtF : ltF)]), [], int64);
    return keepdim ? reshape(r, t._shape.map(() => 1)) : r;
  }
  const w = wrapDim(d, t._shape.length);
  return reduceWith(t, [w], keepdim, int64, (v, s, n) => argExt(v, s, n, isMax ? gtF : ltF));
}
export function argmax(t: Tensor, dim?: number | null | { dim?: number | null; keepdim?: boolean }, keepdim?: boolean): Tensor { return argReduce(t, true, dim, keepdim); }
export function argmin(t: Tensor, dim?: number | null | { dim?: number | null; keepdim?: boolean }, keepdim?: boolean): Tensor { return argReduce(t, false, dim, keepdim); }

// ---- var / std ---------------------------------------------------------------------------------
export interface VarOpts { dim?: Dims; unbiased?: boolean; correction?: number; keepdim?: boolean }
function varArgs(t: Tensor, a?: Dims | boolean | VarOpts, b?: boolean, c?: boolean): { dims: number[]; correction: number; keepdim: boolean } {
  let o: VarOpts;
  if (typeof a === "boolean") o = { unbiased: a };
  else if (a !== null && typeof a === "object" && !Array.isArray(a)) o = a as VarOpts;
  else o = { dim: a as Dims, unbiased: b, keepdim: c };
  const correction = o.correction ?? (o.unbiased === false ? 0 : 1);
  return { dims: normDims(o.dim, t._shape.length), correction, keepdim: o.keepdim ?? false };
}
function variance(v: ArrayLike<number>, s: number, n: number, corr: number): number {
  let m = 0;
  for (let i = s; i < s + n; i++) m += v[i];
  m /= n;
  let acc = 0;
  for (let i = s; i < s + n; i++) acc += (v[i] - m) * (v[i] - m);
  return acc / Math.max(0, n - corr);
}
const varOp = op1<{ dims: number[]; correction: number; keepdim: boolean; std: boolean }>("var", {
  name: (_i, p) => (p.std ? "StdBackward0" : "VarBackward0"),
  forward: ([a], p) => reduceWith(a, p.dims, p.keepdim, a._dtype, (v, s, n) => {
    const r = variance(v, s, n, p.correction);
    return p.std ? Math.sqrt(r) : r;
  }),
  save: ([a], [out]) => [["self", a], ["result", out]],
  backward: ([g], [a, out], p) => {
    const n = numelOf(p.dims.map((d) => a._shape[d]));
    const centered = sub(a, mean(a, p.dims, true));
    const gFull = unreduce(g, a._shape, p.dims, p.keepdim);
    if (!p.std) return [mul(gFull, mul(centered, 2 / Math.max(0, n - p.correction)))];
    const outFull = unreduce(out, a._shape, p.dims, p.keepdim);
    return [div(mul(gFull, centered), mul(outFull, Math.max(0, n - p.correction)))];
  },
});
function checkFloat(t: Tensor, what: string): void {
  if (!t._dtype.isFloatingPoint) throw new RuntimeError(`${what}: input dtype should be either floating point or complex. Got ${dtypeTitle(t._dtype)} instead.`);
}
export function var_(t: Tensor, a?: Dims | boolean | VarOpts, b?: boolean, c?: boolean): Tensor {
  if (!t._dtype.isFloatingPoint) throw new RuntimeError("std and var only support floating point and complex dtypes");
  const p = varArgs(t, a, b, c);
  return varOp([t], { ...p, std: false });
}
export function std(t: Tensor, a?: Dims | boolean | VarOpts, b?: boolean, c?: boolean): Tensor {
  if (!t._dtype.isFloatingPoint) throw new RuntimeError("std and var only support floating point and complex dtypes");
  const p = varArgs(t, a, b, c);
  return varOp([t], { ...p, std: true });
}

// ---- norm -----------------------------------------------------------------------------------
export interface NormOpts { p?: number | "fro"; dim?: Dims; keepdim?: boolean }
const normOp = op1<{ p: number; dims: number[]; keepdim: boolean; name: string }>("norm", {
  name: (_i, q) => q.name,
  forward: ([a], q) => reduceWith(a, q.dims, q.keepdim, a._dtype, (v, s, n) => {
    if (q.p === Infinity) { let m = 0; for (let i = s; i < s + n; i++) m = Math.max(m, Math.abs(v[i])); return m; }
    if (q.p === -Infinity) { let m = Infinity; for (let i = s; i < s + n; i++) m = Math.min(m, Math.abs(v[i])); return m; }
    if (q.p === 0) { let c = 0; for (let i = s; i < s + n; i++) if (v[i] !== 0) c++; return c; }
    if (q.p === 1) { let m = 0; for (let i = s; i < s + n; i++) m += Math.abs(v[i]); return m; }
    if (q.p === 2) {
      // Scaled sum of squares: no overflow for large values.
      let scale = 0; for (let i = s; i < s + n; i++) scale = Math.max(scale, Math.abs(v[i]));
      if (scale === 0 || !Number.isFinite(scale)) return scale;
      let acc = 0; for (let i = s; i < s + n; i++) { const x = v[i] / scale; acc += x * x; }
      return scale * Math.sqrt(acc);
    }
    let acc = 0; for (let i = s; i < s + n; i++) acc += Math.pow(Math.abs(v[i]), q.p);
    return Math.pow(acc, 1 / q.p);
  }),
  save: ([a], [out]) => [["self", a], ["result", out]],
  backward: ([g], [a, out], q) => {
    const gF = unreduce(g, a._shape, q.dims, q.keepdim);
    const oF = unreduce(out, a._shape, q.dims, q.keepdim);
    if (q.p === 2) {
      const zero = scalarTensor(0, a._dtype);
      return [where(eq(oF, 0), zero, div(mul(gF, a), oF))];
    }
    if (q.p === 1) return [mul(gF, sign(a))];
    if (q.p === Infinity || q.p === -Infinity) {
      const mask = eq(abs(a), oF);
      const count = unreduce(sum(mask, q.dims, true), a._shape, q.dims, true);
      return [div(mul(mul(gF, sign(a)), mask), count)];
    }
    // General p: x * |x|^(p-2) * g / norm^(p-1)
    return [div(mul(mul(gF, a), pow(abs(a), q.p - 2)), pow(oF, q.p - 1))];
  },
});
export function norm(t: Tensor, p?: number | "fro" | NormOpts | null, dim?: Dims, keepdim = false): Tensor {
  let o: NormOpts;
  if (p !== null && typeof p === "object") o = p;
  else o = { p: p ?? 2, dim, keepdim };
  checkFloat(t, "norm()");
  const pp = o.p === "fro" || o.p === undefined ? 2 : o.p;
  return normOp([t], { p: pp, dims: normDims(o.dim, t._shape.length), keepdim: o.keepdim ?? false, name: "NormBackward1" });
}
export function linalg_vector_norm(t: Tensor, ord: number = 2, dim?: Dims, keepdim = false): Tensor {
  checkFloat(t, "linalg.vector_norm");
  return normOp([t], { p: ord, dims: normDims(dim, t._shape.length), keepdim, name: "LinalgVectorNormBackward0" });
}

// ---- logsumexp, all, any, count_nonzero, cumsum --------------------------------------------------
export function logsumexp(t: Tensor, dim: Dims, keepdim = false): Tensor {
  const dims = normDims(dim, t._shape.length);
  const m = amax(t, dims, true).detach();
  const safeM = where(isInfT(m), scalarTensor(0, m._dtype), m);
  const s = sum(exp(sub(t, safeM)), dims, true);
  const r = add(logT(s), safeM);
  return keepdim ? r : sqz(r, dims);
}
import { log as logT, isinf as isInfT } from "./elementwise";
function sqz(t: Tensor, dims: number[]): Tensor {
  return reshape(t, t._shape.filter((_s, i) => !dims.includes(i)));
}
export function all(t: Tensor, dim?: number, keepdim = false): Tensor {
  if (dim === undefined) return Tensor._make(new Uint8Array([readDense(t).every((v) => v !== 0) ? 1 : 0]), [], bool);
  return reduceWith(t, [wrapDim(dim, t._shape.length)], keepdim, bool, (v, s, n) => { for (let i = s; i < s + n; i++) if (!v[i]) return 0; return 1; });
}
export function any(t: Tensor, dim?: number, keepdim = false): Tensor {
  if (dim === undefined) return Tensor._make(new Uint8Array([readDense(t).some((v) => v !== 0) ? 1 : 0]), [], bool);
  return reduceWith(t, [wrapDim(dim, t._shape.length)], keepdim, bool, (v, s, n) => { for (let i = s; i < s + n; i++) if (v[i]) return 1; return 0; });
}
export function count_nonzero(t: Tensor, dim?: Dims): Tensor {
  return reduceWith(t, normDims(dim, t._shape.length), false, int64, (v, s, n) => { let c = 0; for (let i = s; i < s + n; i++) if (v[i]) c++; return c; });
}
export { sqrt, float32, get_default_dtype };
