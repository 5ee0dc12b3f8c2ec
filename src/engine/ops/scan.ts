// Scans along a dim: cumsum, cumprod, cummax, cummin, logcumsumexp, and diff. PyTorch's CPU
// kernels accumulate float32 scans in double and round each output, which is what we do too.
import { DType, bool, int64, dtypeFromName } from "../dtype";
import { Tensor } from "../tensor";
import { op1, defineOp } from "./define";
import { readDense } from "./loops";
import { wrapDim } from "../shape";
import { RuntimeError } from "../errors";
import { div, exp, mul, sub, logicalXor, eq, toDtype, where } from "./elementwise";
import { cat, narrow } from "./views";
import { ReturnTypes, amax } from "./reduce";
import { flip } from "./reshaping";
import { scatter_add } from "./scatter";
import { isOpts, linesOf, Op } from "./math_common";
import { zeros } from "../creation";
import { scalarTensor } from "./scalar";

/** Applies `f` to every line along `dim`, reading `src` and writing `dst` (both dense, row-major). */
function scanLines(a: Tensor, dim: number, outDtype: DType, f: (src: ArrayLike<number>, dst: number[], n: number) => void): Tensor {
  const src = readDense(a);
  const out = outDtype.alloc(src.length);
  const L = linesOf(a._shape, dim);
  const line = new Array<number>(L.n), res = new Array<number>(L.n);
  for (let o = 0; o < L.outer; o++) {
    for (let i = 0; i < L.n; i++) line[i] = src[L.at(o, i)];
    f(line, res, L.n);
    for (let i = 0; i < L.n; i++) out[L.at(o, i)] = outDtype.cast(res[i]);
  }
  return Tensor._make(out, a._shape, outDtype);
}
function scanDim(a: Tensor, dim: number | undefined, name: string): number {
  if (dim === undefined || dim === null) {
    throw new TypeError(`${name}() received an invalid combination of arguments - got (), but expected one of:\n * (int dim, *, torch.dtype dtype)\n * (name dim, *, torch.dtype dtype)\n`);
  }
  return wrapDim(dim, a._shape.length);
}
type ScanOpts = { dim?: number; dtype?: DType | null };
function scanArgs(a: Tensor, dim: number | ScanOpts | undefined, opts: ScanOpts | undefined, name: string): { d: number; dtype: DType } {
  const o: ScanOpts = isOpts(dim) ? (dim as ScanOpts) : { ...opts, dim: dim as number | undefined };
  const d = scanDim(a, o.dim, name);
  const dtype = o.dtype ?? (a._dtype.isFloatingPoint ? a._dtype : int64);
  return { d, dtype };
}

// ---- cumsum / cumprod ---------------------------------------------------------------------------
const cumsumOp: Op<{ dim: number; dtype: DType }> = op1<{ dim: number; dtype: DType }>("cumsum", {
  name: "CumsumBackward0",
  // A dtype argument converts inside the kernel (no ToCopy node), so values are cast as they are read.
  forward: ([a], p) => scanLines(a, p.dim, p.dtype, (s, r, n) => { let acc = 0; for (let i = 0; i < n; i++) { acc += p.dtype.cast(s[i]); r[i] = acc; } }),
  // The gradient is the reversed cumulative sum of the gradient, in the input's dtype.
  backward: ([g], _s, p, [inp]) => {
    const gi = toDtype(g, dtypeFromName(inp.dtype));
    return [flip(cumsumOp([flip(gi, [p.dim])], { dim: p.dim, dtype: gi._dtype }), [p.dim])];
  },
});
export function cumsum(a: Tensor, dim?: number | ScanOpts, opts?: ScanOpts): Tensor {
  const { d, dtype } = scanArgs(a, dim, opts, "cumsum");
  return cumsumOp([a], { dim: d, dtype });
}
/**
 * d out_k / d x_i = prod_{j<=k, j!=i} x_j for k >= i. With S_i = g_i + x_{i+1} S_{i+1} (from the
 * end) and P_i the running product, grad_i = P_{i-1} S_i: exact with zeros in the input.
 */
function cumprodGradRaw(g: Tensor, x: Tensor, dim: number): Tensor {
  const gv = readDense(g), xv = readDense(x);
  const out = g._dtype.alloc(gv.length);
  const L = linesOf(x._shape, dim);
  for (let o = 0; o < L.outer; o++) {
    let s = 0;
    const S = new Array<number>(L.n);
    for (let i = L.n - 1; i >= 0; i--) { s = gv[L.at(o, i)] + (i + 1 < L.n ? xv[L.at(o, i + 1)] * s : 0); S[i] = s; }
    let pr = 1;
    // (+ 0 turns PyTorch-impossible -0 products into +0)
    for (let i = 0; i < L.n; i++) { out[L.at(o, i)] = pr * S[i] + 0; pr *= xv[L.at(o, i)]; }
  }
  return Tensor._make(out, x._shape, g._dtype);
}
const cumprodOp = op1<{ dim: number; dtype: DType }>("cumprod", {
  name: "CumprodBackward0",
  forward: ([a], p) => scanLines(a, p.dim, p.dtype, (s, r, n) => { let acc = 1; for (let i = 0; i < n; i++) { acc *= s[i]; r[i] = acc; } }),
  save: ([a], [out]) => [["self", a], ["result", out]],
  backward: ([g], [a, out], p) => {
    // Without zeros: reversed cumsum of g*out, divided by x (in ops, so create_graph works).
    const hasZero = readDense(a).some((v) => v === 0);
    if (hasZero) return [cumprodGradRaw(g, a, p.dim)];
    return [div(flip(cumsum(flip(mul(g, out), [p.dim]), p.dim), [p.dim]), a)];
  },
});
export function cumprod(a: Tensor, dim?: number | ScanOpts, opts?: ScanOpts): Tensor {
  const { d, dtype } = scanArgs(a, dim, opts, "cumprod");
  return cumprodOp([a._dtype === dtype ? a : toDtype(a, dtype)], { dim: d, dtype });
}

// ---- cummax / cummin ------------------------------------------------------------------------------
const cumExtOp = defineOp<{ dim: number; max: boolean }>("cummax", {
  name: (_i, p) => (p.max ? "CummaxBackward0" : "CumminBackward0"),
  forward: ([a], p) => {
    const idx = new Float64Array(a.numel());
    const L = linesOf(a._shape, p.dim);
    const src = readDense(a);
    const vals = a._dtype.alloc(src.length);
    for (let o = 0; o < L.outer; o++) {
      let best = NaN, bi = 0;
      for (let i = 0; i < L.n; i++) {
        const k = L.at(o, i), v = src[k];
        // Ties take the later index; a NaN wins and stays (PyTorch's cummax_cummin_helper).
        if (i === 0) { best = v; bi = 0; }
        else if (best === best && (v !== v || (p.max ? v >= best : v <= best))) { best = v; bi = i; }
        vals[k] = best; idx[k] = bi;
      }
    }
    return [Tensor._make(vals, a._shape, a._dtype), Tensor._make(idx, a._shape, int64)];
  },
  save: (_i, [, indices]) => [["indices", indices]],
  nonDifferentiableOutputs: [1],
  backward: ([g], [indices], p) => [scatter_add(zeros(g._shape, { dtype: g._dtype }), p.dim, indices, g)],
});
function cumExt(a: Tensor, dim: number | { dim?: number } | undefined, isMax: boolean): ReturnTypes {
  const dd = isOpts(dim) ? (dim as { dim?: number }).dim : (dim as number | undefined);
  const d = scanDim(a, dd, isMax ? "cummax" : "cummin");
  const [values, indices] = cumExtOp([a], { dim: d, max: isMax });
  return new ReturnTypes(isMax ? "cummax" : "cummin", values, indices);
}
export function cummax(a: Tensor, dim?: number | { dim?: number }): ReturnTypes { return cumExt(a, dim, true); }
export function cummin(a: Tensor, dim?: number | { dim?: number }): ReturnTypes { return cumExt(a, dim, false); }

// ---- logcumsumexp ------------------------------------------------------------------------------
const logcumsumexpOp = op1<{ dim: number }>("logcumsumexp", {
  name: "LogcumsumexpBackward0",
  forward: ([a], p) => scanLines(a, p.dim, a._dtype, (s, r, n) => {
    let acc = -Infinity;
    for (let i = 0; i < n; i++) {
      const x = s[i];
      const m = Math.max(acc, x);
      acc = m === -Infinity ? -Infinity : m === Infinity ? Infinity : m + Math.log(Math.exp(acc - m) + Math.exp(x - m));
      r[i] = acc;
    }
  }),
  save: ([a], [out]) => [["self", a], ["result", out]],
  // grad_i = sum_{k>=i} g_k exp(x_i - out_k), shifted by a constant so the exponentials stay in range.
  backward: ([g], [a, out], p) => {
    const c = amax(a.detach());
    const safe = where(eq(c, Infinity), scalarTensor(0, a._dtype), c);
    const w = mul(g, exp(sub(safe, out)));
    return [mul(exp(sub(a, safe)), flip(cumsum(flip(w, [p.dim]), p.dim), [p.dim]))];
  },
});
export function logcumsumexp(a: Tensor, dim: number | { dim: number }): Tensor {
  const dd = isOpts(dim) ? (dim as { dim: number }).dim : (dim as number);
  if (!a._dtype.isFloatingPoint) throw new RuntimeError(`"logcumsumexp_out_cpu" not implemented for '${a._dtype === bool ? "Bool" : "Long"}'`);
  return logcumsumexpOp([a], { dim: scanDim(a, dd, "logcumsumexp") });
}

// ---- diff ----------------------------------------------------------------------------------------
export interface DiffOpts { n?: number; dim?: number; prepend?: Tensor | null; append?: Tensor | null }
export function diff(a: Tensor, n: number | DiffOpts = 1, dim = -1, prepend?: Tensor | null, append?: Tensor | null): Tensor {
  if (isOpts(n)) { const o = n as DiffOpts; dim = o.dim ?? -1; prepend = o.prepend; append = o.append; n = o.n ?? 1; }
  if (a._shape.length === 0) throw new RuntimeError("diff expects input to be at least one-dimensional");
  if (n < 0) throw new RuntimeError(`order must be non-negative but got ${n}`);
  const d = wrapDim(dim, a._shape.length);
  let x = a;
  if (prepend || append) x = cat([...(prepend ? [prepend] : []), a, ...(append ? [append] : [])], d);
  let len = x._shape[d] - 1;
  const steps = Math.min(n, x._shape[d]);
  for (let i = 0; i < steps; i++) {
    const hi = narrow(x, d, 1, len), lo = narrow(x, d, 0, len);
    x = x._dtype === bool ? logicalXor(hi, lo) : sub(hi, lo);
    len--;
  }
  return x;
}
