// A second batch of PyTorch names: ravel, argwhere, fmax/fmin, copysign, signbit, isposinf/isneginf,
// isin, positive, masked_fill (MaskedFillBackward0/1), diagflat, addr, vander, combinations,
// trapezoid/trapz/cumulative_trapezoid, polygamma, i0, ldexp, gcd/lcm, index_put, select/slice/
// diagonal_scatter, scatter_reduce, unique_consecutive, fill_diagonal_, sum_to_size, result_type.
import { DType, bool, int64, promoteTypes, resultType } from "../dtype";
import { Tensor } from "../tensor";
import { defineOp, op1, opRegistry } from "./define";
import { mapBinary, mapUnary, readDense } from "./loops";
import { broadcastShapes, numelOf, parseSizes, wrapDim } from "../shape";
import { NotImplementedError, RuntimeError, warnOnce } from "../errors";
import {
  abs, add, div, eq, ge, gt, isnan, le, log1p, logicalAnd, logicalNot, logicalOr, reciprocal, sign, mul, pow, sub, toDtype, where, zerosLike, nonzero,
} from "./elementwise";
import { cat, contiguous, expand, narrow, reshape, select, slice, stack, unsqueeze, view } from "./views";
import { amax, amin, sum } from "./reduce";
import { gather, getitem, masked_select, take, IndexSpec } from "./indexing";
import { cumsum, cumprod } from "./scan";
import { diag, diagonal, flip, meshgrid, _diagonalBackward } from "./reshaping";
import { scatter, scatterPlan, scatter_add as scatterAdd } from "./scatter";
import { Operand, asTensor, promotionOf, resultTypeOf, scalarTensor } from "./scalar";
import { FloatLiteral, isScalar, scalarValue, Scalar } from "../float_literal";
import { dtypeTitleOf, floatOf, fromDense, isOpts, rounder, viewOf, Op } from "./math_common";
import * as SF from "./special_fns";
import { arange, ones, zeros } from "../creation";

// ---- simple predicates and aliases -----------------------------------------------------------------
export function ravel(a: Tensor): Tensor { return view(contiguous(a), -1); }
export function argwhere(a: Tensor): Tensor { return nonzero(a) as Tensor; }
export function signbit(a: Tensor): Tensor { return mapUnary(a, bool, (x) => (x < 0 || Object.is(x, -0) ? 1 : 0)); }
export function isposinf(a: Tensor): Tensor { return mapUnary(a, bool, (x) => (x === Infinity ? 1 : 0)); }
export function isneginf(a: Tensor): Tensor { return mapUnary(a, bool, (x) => (x === -Infinity ? 1 : 0)); }
export function positive(a: Tensor): Tensor {
  if (a._dtype === bool) throw new RuntimeError("The `+` operator, on a bool tensor is not supported.");
  return a;
}
export function isin(elements: Tensor | Scalar, test_elements: Tensor | Scalar, opts: { assume_unique?: boolean; invert?: boolean } = {}): Tensor {
  const e = elements instanceof Tensor ? elements : asTensor(elements, resultTypeOf(elements));
  const t = test_elements instanceof Tensor ? test_elements : asTensor(test_elements, resultTypeOf(test_elements));
  const set = new Set<number>(Array.from(readDense(t)));
  const inv = opts.invert ?? false;
  return mapUnary(e, bool, (x) => ((set.has(x) || (x === 0 && set.has(-0))) !== inv ? 1 : 0));
}
function gcdInt(a: number, b: number): number {
  a = Math.abs(a); b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}
function intOnly(name: string, a: Tensor, b: Tensor): DType {
  const d = resultTypeOf(a, b);
  if (d.isFloatingPoint) throw new RuntimeError(`"${name}_cpu" not implemented for '${dtypeTitleOf(d)}'`);
  return d;
}
export function gcd(a: Tensor, b: Tensor): Tensor { return mapBinary(a, b, intOnly("gcd", a, b), gcdInt); }
export function lcm(a: Tensor, b: Tensor): Tensor {
  return mapBinary(a, b, intOnly("lcm", a, b), (x, y) => { const g = gcdInt(x, y); return g === 0 ? 0 : Math.abs((x / g) * y); });
}
export function ldexp(a: Tensor, other: Tensor): Tensor { return mul(a, pow(new FloatLiteral(2), other)); }
export function result_type(a: Operand, b: Operand): DType { return resultType([promotionOf(a), promotionOf(b)]); }
export function promote_types(a: DType, b: DType): DType { return promoteTypes(a, b); }
export function can_cast(from: DType, to: DType): boolean { return from.category <= to.category; }

// ---- fmax / fmin / copysign -------------------------------------------------------------------------
const fmaxOp = op1<{ dtype: DType; max: boolean }>("fmax", {
  name: (_i, p) => (p.max ? "FmaxBackward0" : "FminBackward0"),
  forward: ([a, b], p) => {
    const r = rounder(p.dtype);
    // NaN loses to a number (NumPy's fmax), unlike maximum.
    return mapBinary(a, b, p.dtype, (x, y) => r(x !== x ? y : y !== y ? x : p.max ? Math.max(x, y) : Math.min(x, y)));
  },
  save: ([a, b]) => [["self", a], ["other", b]],
  backward: ([g], [a, b], p) => {
    const selfWins = logicalOr(p.max ? ge(a, b) : le(a, b), isnan(b));
    const zero = scalarTensor(0, g._dtype);
    return [where(selfWins, g, zero), where(selfWins, zero, g)];
  },
});
export function fmax(a: Tensor, b: Tensor): Tensor { const d = resultTypeOf(a, b); return fmaxOp([toDtype(a, d), toDtype(b, d)], { dtype: d, max: true }); }
export function fmin(a: Tensor, b: Tensor): Tensor { const d = resultTypeOf(a, b); return fmaxOp([toDtype(a, d), toDtype(b, d)], { dtype: d, max: false }); }
const copysignF = (x: number, y: number): number => (y < 0 || Object.is(y, -0) || (y !== y && false) ? -Math.abs(x) : Math.abs(x));
const copysignOp = op1<{ dtype: DType; scalar: number | null }>("copysign", {
  name: (_i, p) => (p.scalar === null ? "CopysignBackward0" : "CopysignBackward1"),
  forward: (ins, p) => {
    const r = rounder(p.dtype);
    const b = p.scalar === null ? ins[1] : scalarTensor(p.scalar, p.dtype);
    return mapBinary(ins[0], b, p.dtype, (x, y) => r(copysignF(x, y)));
  },
  save: ([a], [out]) => [["self", a], ["result", out]],
  // PyTorch: grad * (result / self), 0 where self == 0; nothing flows to `other`.
  backward: ([g], [a, out], p) => {
    const ratio = where(eq(a, 0), scalarTensor(0, g._dtype), div(out, a));
    const gs = mul(g, ratio);
    return p.scalar === null ? [gs, zerosLike(g)] : [gs];
  },
});
export function copysign(a: Tensor, b: Tensor | Scalar): Tensor {
  const dtype = floatOf(resultTypeOf(a, b));
  if (b instanceof Tensor) return copysignOp([toDtype(a, dtype), toDtype(b, dtype)], { dtype, scalar: null });
  return copysignOp([toDtype(a, dtype)], { dtype, scalar: scalarValue(b) });
}

// ---- masked_fill ------------------------------------------------------------------------------------
const maskedFillOp = op1<{ mask: Tensor; value: number | null }>("masked_fill", {
  name: (_i, p) => (p.value === null ? "MaskedFillBackward1" : "MaskedFillBackward0"),
  forward: ([a, v], p) => {
    const val = p.value ?? Number(v._storage.data[v._offset]);
    const cast = a._dtype.cast.bind(a._dtype);
    const shape = broadcastShapes(a._shape, p.mask._shape);
    const src = readDense(expand(a.detach(), shape)), m = readDense(expand(p.mask, shape));
    const out = a._dtype.alloc(src.length);
    for (let i = 0; i < out.length; i++) out[i] = m[i] ? cast(val) : src[i];
    return Tensor._make(out, shape, a._dtype);
  },
  backward: ([g], _s, p) => {
    const zero = scalarTensor(0, g._dtype);
    const gSelf = where(p.mask, zero, g);
    return p.value === null ? [gSelf, sum(where(p.mask, g, zero))] : [gSelf];
  },
});
export function masked_fill(a: Tensor, mask: Tensor, value: Scalar | Tensor): Tensor {
  if (mask._dtype !== bool) {
    if (readDense(mask).some((v) => v !== 0 && v !== 1)) throw new RuntimeError("Mask tensor can take 0 and 1 values only");
    mask = toDtype(mask, bool);
  }
  if (value instanceof Tensor) {
    if (value._shape.length !== 0) throw new RuntimeError(`masked_fill_ only supports a 0-dimensional value tensor, but got tensor with ${value._shape.length} dimension(s).`);
    return maskedFillOp([a, toDtype(value, a._dtype)], { mask, value: null });
  }
  if (!a._dtype.isFloatingPoint && !isScalar(value)) throw new RuntimeError("value must be a number");
  return maskedFillOp([a], { mask, value: scalarValue(value) });
}

// ---- diagflat / addr / vander / combinations --------------------------------------------------------
export function diagflat(a: Tensor, offset: number | { offset?: number } = 0): Tensor {
  const k = isOpts(offset) ? offset.offset ?? 0 : offset;
  return diag(view(contiguous(a), -1), k);
}
const addrOp = op1<{ beta: number; alpha: number; dtype: DType }>("addr", {
  name: "AddrBackward0",
  forward: ([input, v1, v2], p) => {
    const outer = mapBinary(reshape(v1.detach(), [-1, 1]), reshape(v2.detach(), [1, -1]), p.dtype, (x, y) => x * y);
    const r = rounder(p.dtype);
    return mapBinary(input, outer, p.dtype, (x, o) => r(p.beta === 0 ? p.alpha * o : p.beta * x + p.alpha * o));
  },
  save: ([, v1, v2]) => [["vec1", v1], ["vec2", v2]],
  backward: ([g], [v1, v2], p) => {
    const scale = (t: Tensor, s: number): Tensor => (s === 1 ? t : mul(t, s));
    const gv1 = scale(sum(mul(g, unsqueeze(v2, 0)), 1), p.alpha);
    const gv2 = scale(sum(mul(g, unsqueeze(v1, 1)), 0), p.alpha);
    return [scale(g, p.beta), gv1, gv2];
  },
});
export function addr(input: Tensor, vec1: Tensor, vec2: Tensor, opts: { beta?: number; alpha?: number } = {}): Tensor {
  if (vec1._shape.length !== 1 || vec2._shape.length !== 1) {
    throw new RuntimeError(`addr: Expected 1-D argument vec1, but got ${vec1._shape.length}-D`);
  }
  const dtype = resultTypeOf(input, vec1, vec2);
  return addrOp([input, vec1, vec2].map((t) => toDtype(t, dtype)), { beta: opts.beta ?? 1, alpha: opts.alpha ?? 1, dtype });
}
export function vander(x: Tensor, N?: number | null | { N?: number | null; increasing?: boolean }, increasing = false): Tensor {
  let n = N as number | null | undefined;
  if (isOpts(N)) { n = N.N; increasing = N.increasing ?? false; }
  if (x._shape.length !== 1) throw new RuntimeError("x must be a one-dimensional tensor.");
  const cols = n ?? x._shape[0];
  if (cols < 0) throw new RuntimeError("N must be non-negative.");
  const dtype = x._dtype === bool ? int64 : promoteTypes(x._dtype, int64);
  // PyTorch 1.13's steps, in place on views of the result: column 0 filled with 1, x copied into the
  // other columns, and their cumprod copied back over them. (Its backward then fails, as PyTorch's
  // does: cumprod saved the view that the last copy_ modified.)
  const result = zeros([x._shape[0], cols], { dtype });
  if (cols > 0) {
    select(result, 1, 0).fill_(1);
    if (cols > 1) {
      slice(result, 1, 1, null).copy_(unsqueeze(x, 1));
      slice(result, 1, 1, null).copy_(cumprod(slice(result, 1, 1, null), 1));
    }
  }
  return increasing ? result : flip(result, [1]);
}
export function combinations(a: Tensor, r: number | { r?: number; with_replacement?: boolean } = 2, with_replacement = false): Tensor {
  let rr = r as number;
  if (isOpts(r)) { rr = r.r ?? 2; with_replacement = r.with_replacement ?? false; }
  if (a._shape.length !== 1) throw new RuntimeError(`Expect a 1D vector, but got shape [${a._shape.join(", ")}]`);
  if (rr < 0) throw new RuntimeError(`Expect a non-negative number, but got ${rr}`);
  if (rr === 0) return zeros([0], { dtype: a._dtype });
  const n = a._shape[0];
  const grids = meshgrid(...new Array<Tensor>(rr).fill(a), { indexing: "ij" });
  // The mask keeps index tuples i1 < i2 < ... (<= with replacement), as PyTorch builds it from index grids.
  const shape = new Array<number>(rr).fill(n);
  const m = new Uint8Array(numelOf(shape));
  const c = new Array<number>(rr).fill(0);
  for (let i = 0; i < m.length; i++) {
    let ok = true;
    for (let k = 1; k < rr; k++) if (with_replacement ? c[k] < c[k - 1] : c[k] <= c[k - 1]) ok = false;
    m[i] = ok ? 1 : 0;
    for (let d = rr - 1; d >= 0; d--) { if (++c[d] < n) break; c[d] = 0; }
  }
  const mask = Tensor._make(m, shape, bool);
  return stack(grids.map((g) => masked_select(g, mask)), 1);
}

// ---- trapezoid / cumulative_trapezoid ---------------------------------------------------------------
/** `tensor * scalar` as PyTorch's C++ composites call it (mul.Scalar: MulBackward1, div.Scalar: DivBackward1). */
const scalarMulOp = op1<{ s: number; div: boolean }>("mul_scalar_overload", {
  name: (_i, p) => (p.div ? "DivBackward1" : "MulBackward1"),
  forward: ([a], p) => { const d = floatOf(a._dtype); const r = rounder(d); return mapUnary(a, d, (x) => r(p.div ? x / p.s : x * p.s)); },
  backward: ([g], _s, p) => [p.div ? div(g, p.s) : mul(g, p.s)],
});
const mulS = (t: Tensor, s: number): Tensor => scalarMulOp([t], { s, div: false });
const divS = (t: Tensor, s: number): Tensor => scalarMulOp([t], { s, div: true });
type TrapOpts = { x?: Tensor | null; dx?: number | null; dim?: number };
function trapArgs(y: Tensor, x?: Tensor | TrapOpts | null, opts?: TrapOpts): { x: Tensor | null; dx: number; dim: number } {
  let o: TrapOpts = { ...opts };
  if (x instanceof Tensor) o.x = x;
  else if (isOpts(x)) o = { ...x };
  return { x: o.x ?? null, dx: o.dx ?? 1, dim: wrapDim(o.dim ?? -1, y._shape.length) };
}
function dxAlong(x: Tensor, y: Tensor, dim: number): Tensor {
  if (x._shape.length === 1) {
    if (x._shape[0] !== y._shape[dim]) throw new RuntimeError(`trapezoid: There must be one \`x\` value for each sample point`);
    const d = sub(narrow(x, 0, 1, x._shape[0] - 1), narrow(x, 0, 0, x._shape[0] - 1));
    return view(d, y._shape.map((_s, i) => (i === dim ? -1 : 1)));
  }
  const n = x._shape[x._shape.length - 1 - (y._shape.length - 1 - dim)];
  const xd = dim - (y._shape.length - x._shape.length);
  return sub(narrow(x, xd, 1, n - 1), narrow(x, xd, 0, n - 1));
}
export function trapezoid(y: Tensor, x?: Tensor | TrapOpts | null, opts?: TrapOpts): Tensor {
  const a = trapArgs(y, x, opts);
  const n = y._shape[a.dim];
  if (n === 0) return sum(y, a.dim);
  if (a.x) {
    const dx = dxAlong(a.x, y, a.dim);
    return divS(sum(mul(dx, add(narrow(y, a.dim, 1, n - 1), narrow(y, a.dim, 0, n - 1))), a.dim), 2);
  }
  return mulS(sub(sum(y, a.dim), mulS(add(select(y, a.dim, 0), select(y, a.dim, -1)), 0.5)), a.dx);
}
export const trapz = trapezoid;
export function cumulative_trapezoid(y: Tensor, x?: Tensor | TrapOpts | null, opts?: TrapOpts): Tensor {
  const a = trapArgs(y, x, opts);
  const n = y._shape[a.dim];
  const pairs = add(narrow(y, a.dim, 0, Math.max(n - 1, 0)), narrow(y, a.dim, 1 > n - 1 ? 0 : 1, Math.max(n - 1, 0)));
  if (a.x) return divS(cumsum(mul(dxAlong(a.x, y, a.dim), pairs), a.dim), 2);
  return cumsum(mulS(pairs, a.dx / 2), a.dim);
}

// ---- special.xlog1py ------------------------------------------------------------------------------------
const xlog1pyOp = op1<{ dtype: DType }>("xlog1py", {
  name: "SpecialXlog1PyBackward0",
  forward: ([a, b], p) => { const r = rounder(p.dtype); return mapBinary(a, b, p.dtype, (x, y) => r(y !== y ? NaN : x === 0 ? 0 : x * Math.log1p(y))); },
  save: ([a, b]) => [["self", a], ["other", b]],
  backward: ([g], [a, b]) => [
    where(logicalAnd(eq(a, 0), le(b, -1)), scalarTensor(0, g._dtype), mul(g, log1p(b))),
    div(mul(g, a), add(b, 1)),
  ],
});
export function xlog1py(a: Operand, b: Operand): Tensor {
  const dtype = floatOf(resultTypeOf(a, b));
  return xlog1pyOp([asTensor(a, dtype), asTensor(b, dtype)].map((t) => toDtype(t, dtype)), { dtype });
}

// ---- polygamma / i0 ------------------------------------------------------------------------------
type PolyOp = (inputs: readonly (Tensor | null)[], params: { n: number; dtype: DType }) => Tensor;
const polygammaOp: PolyOp = op1<{ n: number; dtype: DType }>("polygamma", {
  name: "PolygammaBackward0",
  forward: ([a], p) => { const r = rounder(p.dtype); return mapUnary(a, p.dtype, (x) => r(SF.polygamma(p.n, x))); },
  save: ([a]) => [["self", a]],
  backward: ([g], [a], p) => [mul(g, polygammaOp([a], { n: p.n + 1, dtype: a._dtype }))],
});
export function polygamma(n: number, a: Tensor): Tensor {
  if (n < 0) throw new RuntimeError("polygamma(n, x) does not support negative n.");
  return polygammaOp([a], { n, dtype: floatOf(a._dtype) });
}
const i1Op = op1<{ dtype: DType }>("i1", {
  name: "SpecialI1Backward0",
  forward: ([a], p) => { const r = rounder(p.dtype); return mapUnary(a, p.dtype, (x) => r(SF.i1(x))); },
  save: ([a], [out]) => [["self", a], ["result", out]],
  // d/dx I1 = I0 - I1 / x (the limit 1/2 at 0).
  backward: ([g], [a, out]) => [mul(g, where(eq(a, 0), scalarTensor(0.5, a._dtype), sub(i0(a), div(out, a))))],
});
const i0Op = op1<{ dtype: DType }>("i0", {
  name: "I0Backward0",
  forward: ([a], p) => { const r = rounder(p.dtype); return mapUnary(a, p.dtype, (x) => r(SF.i0(x))); },
  save: ([a]) => [["self", a]],
  backward: ([g], [a]) => [mul(g, i1Op([a], { dtype: a._dtype }))],
});
export function i0(a: Tensor): Tensor { return i0Op([a], { dtype: floatOf(a._dtype) }); }
export function special_i1(a: Tensor): Tensor { return i1Op([a], { dtype: floatOf(a._dtype) }); }

// ---- index_put --------------------------------------------------------------------------------------
/** Flat positions selected by PyTorch-style indices: indexing an arange of the tensor's positions. */
function positionsOf(a: Tensor, indices: readonly (Tensor | null)[]): Tensor {
  const ar = view(arange(a.numel()), a._shape.length ? a._shape : []);
  const specs: IndexSpec[] = indices.map((t) => (t === null ? ":" : t));
  return getitem(ar, ...specs);
}
const indexPutOp = op1<{ pos: Tensor; accumulate: boolean }>("index_put_more", {
  name: "IndexPutBackward0",
  forward: ([a, v], p) => {
    const pos = readDense(p.pos);
    const vals = readDense(expand(v.detach(), p.pos._shape));
    const out = readDense(a).slice();
    const cast = a._dtype.cast.bind(a._dtype);
    for (let i = 0; i < pos.length; i++) out[pos[i]] = cast(p.accumulate ? out[pos[i]] + vals[i] : vals[i]);
    return Tensor._make(out, a._shape, a._dtype);
  },
  backward: ([g], _s, p) => {
    const flat = view(contiguous(g), -1);
    const gSelf = p.accumulate ? g : reshape(scatter(flat, 0, view(p.pos, -1), 0), g._shape);
    return [gSelf, take(g, p.pos)];
  },
});
export function index_put(a: Tensor, indices: readonly (Tensor | null)[], values: Tensor | Scalar, accumulate: boolean | { accumulate?: boolean } = false): Tensor {
  const acc = isOpts(accumulate) ? accumulate.accumulate ?? false : accumulate;
  const v = values instanceof Tensor ? values : asTensor(values, a._dtype);
  if (v._dtype !== a._dtype) throw new RuntimeError(`Index put requires the source and destination dtypes match, got ${dtypeTitleOf(a._dtype)} for the destination and ${dtypeTitleOf(v._dtype)} for the source.`);
  const pos = positionsOf(a, indices);
  broadcastShapes(v._shape, pos._shape);
  return indexPutOp([a, v], { pos, accumulate: acc });
}

// ---- select / slice / diagonal scatter -----------------------------------------------------------------
interface EmbedP { kind: "select" | "slice" | "diagonal"; dim: number; index: number; start: number; end: number; step: number; offset: number; d1: number; d2: number }
function regionOf(t: Tensor, p: EmbedP): Tensor {
  if (p.kind === "select") return select(t, p.dim, p.index);
  if (p.kind === "slice") return slice(t, p.dim, p.start, p.end, p.step);
  return diagonal(t, p.offset, p.d1, p.d2);
}
const embedOp: Op<EmbedP> = op1<EmbedP>("select_scatter", {
  name: (_i, p) => (p.kind === "select" ? "SelectScatterBackward0" : p.kind === "slice" ? "SliceScatterBackward0" : "DiagonalScatterBackward0"),
  forward: ([a, src], p) => {
    const out = Tensor._make(readDense(a).slice(), a._shape, a._dtype);
    const region = regionOf(out, p);
    if (region._shape.length !== src._shape.length || region._shape.some((s, i) => s !== src._shape[i])) {
      throw new RuntimeError(`expected src to have a size equal to the slice of self. src size = [${src._shape.join(", ")}], slice size = [${region._shape.join(", ")}]`);
    }
    const vals = readDense(src);
    const dst = out._storage.data;
    const n = region.numel();
    for (let i = 0; i < n; i++) dst[region._offsetOf(i)] = a._dtype.cast(vals[i]);
    return out;
  },
  backward: ([g], _s, p) => [embedOp([g, zerosLike(regionOf(g, p))], p), regionOf(g, p)],
});
const embedDefaults = { dim: 0, index: 0, start: 0, end: 0, step: 1, offset: 0, d1: 0, d2: 1 };
export function select_scatter(a: Tensor, src: Tensor, dim: number, index: number): Tensor {
  const d = wrapDim(dim, a._shape.length);
  const n = a._shape[d];
  if (index < -n || index >= n) throw new RuntimeError(`select(): index ${index} out of range for tensor of size [${a._shape.join(", ")}] at dimension ${d}`);
  return embedOp([a, src], { ...embedDefaults, kind: "select", dim: d, index: index < 0 ? index + n : index });
}
export function slice_scatter(a: Tensor, src: Tensor, dim: number | { dim?: number; start?: number | null; end?: number | null; step?: number } = 0, start?: number | null, end?: number | null, step = 1): Tensor {
  let dd = dim as number;
  if (isOpts(dim)) { dd = dim.dim ?? 0; start = dim.start; end = dim.end; step = dim.step ?? 1; }
  const d = wrapDim(dd, a._shape.length);
  const n = a._shape[d];
  let s = start ?? 0, e = end ?? n;
  if (s < 0) s += n;
  if (e < 0) e += n;
  s = Math.min(Math.max(s, 0), n);
  e = Math.min(Math.max(e, s), n);
  return embedOp([a, src], { ...embedDefaults, kind: "slice", dim: d, start: s, end: e, step });
}
export function diagonal_scatter(a: Tensor, src: Tensor, offset: number | { offset?: number; dim1?: number; dim2?: number } = 0, dim1 = 0, dim2 = 1): Tensor {
  let off = offset as number;
  if (isOpts(offset)) { off = offset.offset ?? 0; dim1 = offset.dim1 ?? 0; dim2 = offset.dim2 ?? 1; }
  const n = a._shape.length;
  return embedOp([a, src], { ...embedDefaults, kind: "diagonal", offset: off, d1: wrapDim(dim1, n), d2: wrapDim(dim2, n) });
}

// ---- scatter_reduce --------------------------------------------------------------------------------
type ReduceKind = "sum" | "prod" | "mean" | "amax" | "amin";
const scatterReduceOp = op1<{ dim: number; index: Tensor; reduce: ReduceKind; includeSelf: boolean }>("scatter_reduce", {
  name: "ScatterReduceBackward0",
  forward: ([a, src], p) => {
    const out = readDense(a).slice();
    const { dst, src: srcPos } = scatterPlan("scatter_reduce", a._shape, p.dim, p.index, src._shape);
    const sv = readDense(src);
    const count = new Float64Array(out.length).fill(p.includeSelf ? 1 : 0);
    const touched = new Uint8Array(out.length);
    for (let i = 0; i < dst.length; i++) {
      const j = dst[i], v = sv[srcPos[i]];
      if (!p.includeSelf && !touched[j]) { out[j] = v; touched[j] = 1; count[j] = 1; continue; }
      touched[j] = 1;
      count[j]++;
      const o = out[j];
      out[j] = p.reduce === "sum" || p.reduce === "mean" ? o + v : p.reduce === "prod" ? o * v
        : p.reduce === "amax" ? (o !== o || v !== v ? NaN : Math.max(o, v)) : (o !== o || v !== v ? NaN : Math.min(o, v));
    }
    if (p.reduce === "mean") {
      for (let j = 0; j < out.length; j++) if (touched[j]) out[j] = a._dtype.isFloatingPoint ? out[j] / count[j] : Math.floor(out[j] / count[j]);
    }
    const res = a._dtype.alloc(out.length);
    for (let j = 0; j < out.length; j++) res[j] = a._dtype.cast(out[j]);
    return Tensor._make(res, a._shape, a._dtype);
  },
  save: ([a, src], [out]) => [["self", a], ["src", src], ["result", out]],
  backward: ([g], [a, src, out], p) => {
    const touched = scatter(zeros(a._shape, { dtype: bool }), p.dim, p.index, true);
    if (p.reduce === "sum") {
      return [p.includeSelf ? g : where(touched, scalarTensor(0, g._dtype), g), gather(g, p.dim, p.index)];
    }
    if (p.reduce === "mean") {
      const ones1 = ones(src._shape, { dtype: g._dtype });
      let count = scatterReduce(p.includeSelf ? ones(a._shape, { dtype: g._dtype }) : zeros(a._shape, { dtype: g._dtype }), p.dim, p.index, ones1, "sum");
      count = where(eq(count, 0), scalarTensor(1, g._dtype), count);
      const gc = div(g, count);
      return [p.includeSelf ? gc : where(touched, scalarTensor(0, g._dtype), g), gather(gc, p.dim, p.index)];
    }
    if (p.reduce === "prod") {
      // Without zeros: d out / d x = out / x (PyTorch handles zeros separately; not done here).
      const go = mul(g, out);
      return [p.includeSelf ? div(go, a) : where(touched, scalarTensor(0, g._dtype), g), div(gather(go, p.dim, p.index), src)];
    }
    // amax / amin: the gradient is shared evenly by every element equal to the result.
    // (PyTorch multiplies by the masks, so a negative share gives -0 where an element lost.)
    const selfHit = toDtype(p.includeSelf ? eq(a, out) : logicalNot(touched), g._dtype);
    const srcHit = toDtype(eq(src, gather(out, p.dim, p.index)), g._dtype);
    const count = add(selfHit, scatterReduce(zeros(a._shape, { dtype: g._dtype }), p.dim, p.index, srcHit, "sum"));
    const share = div(g, count);
    const gSelf = p.includeSelf ? mul(selfHit, share) : where(touched, scalarTensor(0, g._dtype), g);
    return [gSelf, mul(srcHit, gather(share, p.dim, p.index))];
  },
});
let scatterReduceWarned = false;
export function scatter_reduce(a: Tensor, dim: number, index: Tensor, src: Tensor, reduce: ReduceKind, opts: { include_self?: boolean } = {}): Tensor {
  // TORCH_WARN_ONCE: once per process, wherever it is called from.
  if (!scatterReduceWarned) warnOnce("scatter_reduce() is in beta and the API may change at any time.");
  scatterReduceWarned = true;
  if (!["sum", "prod", "mean", "amax", "amin"].includes(reduce)) throw new RuntimeError("reduce argument must be either sum, prod, mean, amax or amin.");
  if (src._dtype !== a._dtype) throw new RuntimeError("scatter_reduce(): Expected self.dtype to be equal to src.dtype");
  const d = wrapDim(dim, a._shape.length);
  if (index._shape.length !== a._shape.length || index._shape.some((s, i) => (i !== d && s > a._shape[i]) || s > src._shape[i])) {
    throw new RuntimeError(`Expected index [${index._shape.join(", ")}] to be smaller than self [${a._shape.join(", ")}] apart from dimension ${d} and to be smaller size than src [${src._shape.join(", ")}]`);
  }
  return scatterReduceOp([a, src], { dim: d, index, reduce, includeSelf: opts.include_self ?? true });
}
function scatterReduce(a: Tensor, dim: number, index: Tensor, src: Tensor, reduce: ReduceKind): Tensor {
  return scatterReduceOp([a, src], { dim, index, reduce, includeSelf: true });
}

// ---- unique_consecutive ---------------------------------------------------------------------------------
const uniqueConsecutiveOp = op1<{ values: Tensor }>("unique_consecutive", {
  name: "UniqueConsecutiveBackward0",
  forward: (_a, p) => p.values,
  backward: () => { throw new NotImplementedError("the derivative for 'unique_consecutive' is not implemented."); },
});
// Recorded, as PyTorch records it, but without a derivative: nothing for the gradient check.
opRegistry.delete("unique_consecutive");
export function unique_consecutive(a: Tensor, opts: { return_inverse?: boolean; return_counts?: boolean; dim?: number | null } = {}): Tensor | Tensor[] {
  if (opts.dim !== undefined && opts.dim !== null) throw new RuntimeError("unique_consecutive with dim is not supported by Gradient Inspector");
  const v = readDense(a);
  const vals: number[] = [], counts: number[] = [], inv = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    if (vals.length === 0 || vals[vals.length - 1] !== v[i]) { vals.push(v[i]); counts.push(0); }
    counts[counts.length - 1]++;
    inv[i] = vals.length - 1;
  }
  const vd = a._dtype.alloc(vals.length);
  vals.forEach((x, i) => (vd[i] = x));
  const values = Tensor._make(vd, [vals.length], a._dtype);
  const out = a.requires_grad ? uniqueConsecutiveOp([a], { values }) : values;
  if (!opts.return_inverse && !opts.return_counts) return out;
  return [out, ...(opts.return_inverse ? [Tensor._make(inv, a._shape, int64)] : []), ...(opts.return_counts ? [Tensor._make(Float64Array.from(counts), [counts.length], int64)] : [])];
}

// ---- fill_diagonal_ / sum_to_size -------------------------------------------------------------------
/** A strided view recorded as AsStridedBackward0 (fill_diagonal_ writes through one, as PyTorch does). */
const asStridedOp = op1<{ shape: number[]; strides: number[]; offset: number; pos: Tensor }>("as_strided", {
  name: "AsStridedBackward0",
  forward: ([a], p) => viewOf(a, p.shape, p.strides, p.offset),
  // The gradient goes back to the input elements the view covers (`pos`: their logical positions).
  backward: ([g], _s, p, [inp]) => {
    const flat = zeros([numelOf(inp.shape)], { dtype: g._dtype });
    return [reshape(scatterAdd(flat, 0, p.pos, reshape(g, [-1])), inp.shape)];
  },
});
/** A view of `a` with the given layout, and the logical positions in `a` of its elements. */
function asStrided(a: Tensor, shape: number[], strides: number[], offset: number): Tensor {
  const byOffset = new Map<number, number>();
  const n = a.numel();
  for (let i = 0; i < n; i++) byOffset.set(a._offsetOf(i), i);
  const m = numelOf(shape);
  const pos = new Float64Array(m);
  const c = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < m; i++) {
    let off = offset;
    for (let d = 0; d < c.length; d++) off += c[d] * strides[d];
    pos[i] = byOffset.get(off) ?? 0;
    for (let d = c.length - 1; d >= 0; d--) { if (++c[d] < shape[d]) break; c[d] = 0; }
  }
  return asStridedOp([a], { shape, strides, offset, pos: Tensor._make(pos, [m], int64) });
}
export function fill_diagonal_(a: Tensor, value: Scalar, wrap: boolean | { wrap?: boolean } = false): Tensor {
  const w = isOpts(wrap) ? wrap.wrap ?? false : wrap;
  const nd = a._shape.length;
  if (nd < 2) throw new RuntimeError("dimensions must larger than 1");
  if (nd > 2 && a._shape.some((s) => s !== a._shape[0])) throw new RuntimeError("all dimensions of input must be of equal length");
  const n = Math.min(...a._shape);
  const stride = a._strides.reduce((x, y) => x + y, 0);
  // Wrapped (tall matrices): the diagonal continues every (cols + 1) elements to the end.
  const len = nd === 2 && w && a._shape[0] > a._shape[1] + 1 ? Math.ceil(a.numel() / (a._shape[1] + 1)) : n;
  const v = asStrided(a, [len], [stride], a._offset);
  (v as unknown as { fill_(x: Scalar): Tensor }).fill_(value);
  return a;
}
export function sum_to_size(a: Tensor, ...size: (number | number[])[]): Tensor {
  const target = parseSizes(size);
  const lead = a._shape.length - target.length;
  if (lead < 0 || target.some((s, i) => s !== 1 && s !== a._shape[lead + i])) {
    throw new RuntimeError(`size {[${target.join(", ")}]} is not expandable to size {[${a._shape.join(", ")}]}.`);
  }
  const dims: number[] = [];
  for (let i = 0; i < a._shape.length; i++) if (i < lead || (target[i - lead] === 1 && a._shape[i] !== 1)) dims.push(i);
  if (dims.length === 0) return a;
  const s = sum(a, dims, true);
  return lead > 0 ? view(s, target) : s;
}

// ---- gradient (numerical derivative along dims, as NumPy/PyTorch define it) ---------------------------------
export interface GradientOpts { spacing?: number | number[]; dim?: number | number[] | null; edge_order?: number }
/** torch.gradient with scalar spacings, composed as PyTorch 1.13 composes it (central differences, cat of edges). */
export function gradient(self: Tensor, opts: GradientOpts = {}): Tensor[] {
  const edge = opts.edge_order ?? 1;
  if (edge !== 1 && edge !== 2) throw new RuntimeError("torch.gradient only supports edge_order=1 and edge_order=2.");
  const dims = opts.dim === undefined || opts.dim === null ? self._shape.map((_s, i) => i) : typeof opts.dim === "number" ? [opts.dim] : opts.dim;
  const sp = opts.spacing ?? 1;
  const spacings = typeof sp === "number" ? dims.map(() => sp) : sp;
  if (spacings.length !== dims.length) {
    throw new RuntimeError(`torch.gradient expected spacing to be unspecified, a scalar or it's spacing and dim arguments to have the same length, but got a spacing argument of length ${spacings.length} and a dim argument of length ${dims.length}.`);
  }
  return dims.map((d0, i) => {
    const d = wrapDim(d0, self._shape.length);
    if (self._shape[d] < edge + 1) {
      throw new RuntimeError(`torch.gradient expected each dimension size to be at least edge_order+1`);
    }
    const h = spacings[i];
    const sl = (s: number, e?: number): Tensor => slice(self, d, s, e ?? null);
    const center = divS(sub(sl(2), sl(0, -2)), h);
    let prepend: Tensor, append: Tensor;
    if (edge === 1) {
      prepend = divS(sub(sl(1, 2), sl(0, 1)), h);
      append = divS(sub(sl(-1), sl(-2, -1)), h);
    } else {
      prepend = divS(sub(add(mulS(sl(0, 1), -1.5), mulS(sl(1, 2), 2)), mulS(sl(2, 3), 0.5)), h);
      append = divS(add(sub(mulS(sl(-3, -2), 0.5), mulS(sl(-2, -1), 2)), mulS(sl(-1), 1.5)), h);
    }
    return cat([prepend, divS(center, 2), append], d);
  });
}

// ---- aminmax / histogram: named tuples with their own field names --------------------------------------------
/** `torch.return_types.<kind>(a=..., b=...)`: fields by PyTorch's names, and destructurable as [a, b]. */
export class NamedPair {
  readonly 0: Tensor;
  readonly 1: Tensor;
  readonly length = 2;
  [field: string]: unknown;
  constructor(readonly _kind: string, readonly _names: readonly [string, string], a: Tensor, b: Tensor) {
    this[0] = a;
    this[1] = b;
    this[_names[0]] = a;
    this[_names[1]] = b;
  }
  *[Symbol.iterator](): IterableIterator<Tensor> { yield this[0]; yield this[1]; }
  toString(): string {
    return `torch.return_types.${this._kind}(\n${this._names[0]}=${this[0].toString()},\n${this._names[1]}=${this[1].toString()})`;
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string { return this.toString(); }
}
/** Recorded like PyTorch 1.13 records aminmax: a node whose backward fails. */
const aminmaxOp = defineOp<{ values: Tensor[] }>("aminmax", {
  name: "NotImplemented",
  forward: (_a, p) => p.values,
  backward: () => { throw new RuntimeError("derivative for aten::aminmax is not implemented"); },
});
opRegistry.delete("aminmax");
export function aminmax(a: Tensor, opts: { dim?: number | null; keepdim?: boolean } = {}): NamedPair {
  const keepdim = opts.keepdim ?? false;
  let mn: Tensor, mx: Tensor;
  if (opts.dim === undefined || opts.dim === null) {
    if (a.numel() === 0) throw new RuntimeError("aminmax(): cannot compute aminmax over an empty dimension as the operation has no identity.");
    const d = a.detach();
    mn = amin(d, null, keepdim); mx = amax(d, null, keepdim);
  } else {
    const dim = wrapDim(opts.dim, a._shape.length);
    if (a._shape.length > 0 && a._shape[dim] === 0) throw new RuntimeError(`aminmax(): Expected reduction dim ${dim} to have non-zero size.`);
    const d = a.detach();
    mn = amin(d, dim, keepdim); mx = amax(d, dim, keepdim);
  }
  const [lo, hi] = a.requires_grad ? aminmaxOp([a], { values: [mn, mx] }) : [mn, mx];
  return new NamedPair("aminmax", ["min", "max"], lo, hi);
}
export interface HistogramOpts { bins?: number | Tensor; range?: [number, number] | null; weight?: Tensor | null; density?: boolean }
export function histogram(input: Tensor, bins: number | Tensor | HistogramOpts = 100, opts: HistogramOpts = {}): NamedPair {
  if (isOpts(bins)) { opts = bins; bins = opts.bins ?? 100; }
  if (!input._dtype.isFloatingPoint) throw new RuntimeError(`"histogramdd" not implemented for '${dtypeTitleOf(input._dtype)}'`);
  const v = readDense(input);
  const w = opts.weight ? readDense(opts.weight) : null;
  let edges: number[];
  if (bins instanceof Tensor) edges = Array.from(readDense(bins));
  else {
    let lo = opts.range ? opts.range[0] : Infinity, hi = opts.range ? opts.range[1] : -Infinity;
    if (!opts.range) { for (const x of v) { if (x < lo) lo = x; if (x > hi) hi = x; } if (v.length === 0) { lo = 0; hi = 0; } }
    if (lo === hi) { lo -= 0.5; hi += 0.5; }
    if (lo > hi) throw new RuntimeError(`torch.histogram(): min should not exceed max, but got min ${lo} max ${hi}`);
    const r = rounder(input._dtype);
    edges = Array.from({ length: bins + 1 }, (_x, i) => r(lo + ((hi - lo) * i) / bins));
  }
  const nb = edges.length - 1;
  const hist = new Float64Array(nb);
  const lo = edges[0], hi = edges[nb];
  v.forEach((x, i) => {
    if (!(x >= lo && x <= hi)) return;
    // Bins are [e_k, e_{k+1}), the last one closed: the last edge not above x.
    let a = 0, b = nb;
    while (b - a > 1) { const m = (a + b) >> 1; if (edges[m] <= x) a = m; else b = m; }
    hist[a] += w ? w[i] : 1;
  });
  if (opts.density) {
    const total = hist.reduce((s, x) => s + x, 0);
    for (let k = 0; k < nb; k++) hist[k] /= total * (edges[k + 1] - edges[k]);
  }
  const dt = input._dtype;
  return new NamedPair("histogram", ["hist", "bin_edges"], fromDense(hist, [nb], dt), fromDense(edges, [nb + 1], dt));
}

// ---- renorm ---------------------------------------------------------------------------------------------------
interface RenormP { p: number; dim: number; maxnorm: number }
/** p-norm of each slice along `dim` (over all other dims), kept as size-1 dims. */
function sliceNorms(a: Tensor, p: RenormP): Tensor {
  const dims = a._shape.map((_s, i) => i).filter((i) => i !== p.dim);
  return dims.length ? vectorNorm(a, p.p, dims) : abs(a);
}
function vectorNorm(a: Tensor, ord: number, dims: number[]): Tensor {
  if (ord === Infinity) return amax(abs(a), dims, true);
  if (ord === 1) return sum(abs(a), dims, true);
  return pow(sum(pow(abs(a), ord), dims, true), 1 / ord);
}
const renormOp = op1<RenormP>("renorm", {
  name: "RenormBackward0",
  forward: ([a], p) => {
    const norms = sliceNorms(a.detach(), p);
    const factor = where(gt(norms, p.maxnorm), div(p.maxnorm, add(norms, 1e-7)), scalarTensor(1, a._dtype));
    return mul(a.detach(), factor).detach();
  },
  save: ([a]) => [["self", a]],
  // PyTorch's renorm_backward: where(norm > maxnorm, factor * grad - (factor / (norm + 1e-7)) * norm_backward(sum(self * grad)), grad).
  backward: ([g], [a], p) => {
    const dims = a._shape.map((_s, i) => i).filter((i) => i !== p.dim);
    const norm = sliceNorms(a, p);
    const gsum = dims.length ? sum(mul(a, g), dims, true) : mul(a, g);
    let nb: Tensor;
    if (p.p === 2) nb = where(eq(norm, 0), scalarTensor(0, a._dtype), div(mul(gsum, a), norm));
    else if (p.p === 1) nb = mul(gsum, sign(a));
    else nb = div(mul(mul(gsum, a), pow(abs(a), p.p - 2)), pow(norm, p.p - 1));
    const invnorm = reciprocal(add(norm, 1e-7));
    const factor = mul(invnorm, p.maxnorm);
    return [where(gt(norm, p.maxnorm), sub(mul(factor, g), mul(mul(factor, invnorm), nb)), g)];
  },
});
export function renorm(a: Tensor, p: number, dim: number, maxnorm: number): Tensor {
  if (p <= 0) throw new RuntimeError("renorm: non-positive-norm not supported");
  if (maxnorm < 0) throw new RuntimeError(`renorm: expected maxnorm to be >= 0 but got ${maxnorm}`);
  if (!a._dtype.isFloatingPoint) throw new RuntimeError(`"renorm_cpu" not implemented for '${dtypeTitleOf(a._dtype)}'`);
  if (a._shape.length <= 1) throw new RuntimeError(`renorm: input needs at least 2 dimensions, got ${a._shape.length} dimensions`);
  return renormOp([a], { p, dim: wrapDim(dim, a._shape.length), maxnorm });
}
