// Distances and small products that PyTorch records as nodes of their own: cdist (CdistBackward0),
// dist (DistBackward0), vdot (VdotBackward0), block_diag (BlockDiagBackward0), cross
// (LinalgCrossBackward0); plus broadcast_tensors and vecdot, which PyTorch composes from
// expand and mul/sum. Backward formulas use differentiable ops, so create_graph works.
import { Tensor } from "../tensor";
import { op1 } from "./define";
import { RuntimeError } from "../errors";
import { broadcastShapes, numelOf, wrapDim } from "../shape";
import { abs, div, eq, mul, neg, pow, sign, sub, where } from "./elementwise";
import { sum, dtypeTitle, linalg_vector_norm } from "./reduce";
import { withGradMode } from "../autograd/grad_mode";
import { expand, narrow, reshape, unsqueeze, view } from "./views";
import { matmul } from "./linalg";
import { get_default_dtype } from "../dtype";
import { readDense, broadcastOffsets } from "./loops";
import { scalarTensor } from "./scalar";

// ---- cdist / dist -------------------------------------------------------------------------------
function pNorm(diffs: ArrayLike<number>, p: number): number {
  const n = diffs.length;
  if (p === Infinity) { let m = 0; for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(diffs[i])); return m; }
  if (p === 0) { let c = 0; for (let i = 0; i < n; i++) if (diffs[i] !== 0) c++; return c; }
  if (p === 1) { let s = 0; for (let i = 0; i < n; i++) s += Math.abs(diffs[i]); return s; }
  if (p === 2) { let s = 0; for (let i = 0; i < n; i++) s += diffs[i] * diffs[i]; return Math.sqrt(s); }
  let s = 0; for (let i = 0; i < n; i++) s += Math.pow(Math.abs(diffs[i]), p); return Math.pow(s, 1 / p);
}

/** d|x|_p / dx for x = diff, given the norm value (broadcast against diff). */
function pNormGrad(diff: Tensor, normv: Tensor, p: number): Tensor {
  const zero = scalarTensor(0, diff._dtype);
  if (p === 0) return mul(diff, 0);
  if (p === 1) return sign(diff);
  if (p === 2) return where(eq(normv, 0), zero, div(diff, normv));
  if (p === Infinity) return where(eq(abs(diff), normv), sign(diff), zero);
  // sign(d)|d|^(p-1) / norm^(p-1); p < 1 would divide by zero at zero differences, as PyTorch guards.
  const num = mul(sign(diff), pow(abs(diff), p - 1));
  return where(eq(normv, 0), zero, div(num, pow(normv, p - 1)));
}

const cdistOp = op1<{ p: number }>("cdist", {
  name: "CdistBackward0",
  forward: ([x1, x2], q) => {
    const s1 = x1._shape, s2 = x2._shape;
    const P = s1[s1.length - 2], R = s2[s2.length - 2], M = s1[s1.length - 1];
    const batch = broadcastShapes(s1.slice(0, -2), s2.slice(0, -2));
    const nb = numelOf(batch);
    const a = readDense(expand(x1.detach(), [...batch, P, M]));
    const b = readDense(expand(x2.detach(), [...batch, R, M]));
    const out = x1._dtype.alloc(nb * P * R);
    const diff = new Float64Array(M);
    for (let z = 0; z < nb; z++) {
      for (let i = 0; i < P; i++) for (let j = 0; j < R; j++) {
        for (let k = 0; k < M; k++) diff[k] = a[(z * P + i) * M + k] - b[(z * R + j) * M + k];
        out[(z * P + i) * R + j] = pNorm(diff, q.p);
      }
    }
    return Tensor._make(out, [...batch, P, R], x1._dtype);
  },
  save: ([x1, x2], [out]) => [["x1", x1], ["x2", x2], ["result", out]],
  backward: ([g], [x1, x2, out], q) => {
    const diff = sub(unsqueeze(x1, -2), unsqueeze(x2, -3)); // [..., P, R, M]
    const term = mul(pNormGrad(diff, unsqueeze(out, -1), q.p), unsqueeze(g, -1));
    return [sum(term, -2), neg(sum(term, -3))];
  },
});
// PyTorch computes p=2 distances by matrix products when either set has more than 25 rows (or
// compute_mode asks for it): sqrt(clamp_min(|x|^2 + |y|^2 - 2 x.y, 0)), node EuclideanDistBackward0
// under a view. The values follow that formula (evaluated in float64, rounded once).
const euclideanOp = op1("euclidean_dist", {
  name: "EuclideanDistBackward0",
  forward: ([x1, x2]) => {
    const s1 = x1._shape, s2 = x2._shape;
    const P = s1[s1.length - 2], R = s2[s2.length - 2], M = s1[s1.length - 1];
    const batch = broadcastShapes(s1.slice(0, -2), s2.slice(0, -2));
    const nb = numelOf(batch);
    const a = readDense(expand(x1.detach(), [...batch, P, M]));
    const b = readDense(expand(x2.detach(), [...batch, R, M]));
    const out = x1._dtype.alloc(nb * P * R);
    for (let z = 0; z < nb; z++) {
      for (let i = 0; i < P; i++) for (let j = 0; j < R; j++) {
        let xx = 0, yy = 0, xy = 0;
        for (let k = 0; k < M; k++) {
          const u = a[(z * P + i) * M + k], v = b[(z * R + j) * M + k];
          xx += u * u; yy += v * v; xy += u * v;
        }
        out[(z * P + i) * R + j] = Math.sqrt(Math.max(xx + yy - 2 * xy, 0));
      }
    }
    return Tensor._make(out, [...batch, P, R], x1._dtype);
  },
  save: ([x1, x2], [out]) => [["x1", x1], ["x2", x2], ["result", out]],
  backward: ([g], [x1, x2, res]) => {
    const zero = scalarTensor(0, g._dtype);
    const ratio = where(eq(res, 0), zero, div(g, res));
    return [
      sub(mul(x1, sum(ratio, -1, true)), matmul(ratio, x2)),
      sub(mul(x2, unsqueeze(sum(ratio, -2), -1)), matmul(ratio.mT, x1)),
    ];
  },
});

export function cdist(x1: Tensor, x2: Tensor, p: number | { p?: number; compute_mode?: string } = 2, compute_mode?: string): Tensor {
  const pp = typeof p === "number" ? p : p.p ?? 2;
  const mode = (typeof p === "object" ? p.compute_mode : compute_mode) ?? "use_mm_for_euclid_dist_if_necessary";
  if (x1._shape.length < 2) throw new RuntimeError(`cdist only supports at least 2D tensors, X1 got: ${x1._shape.length}D`);
  if (x2._shape.length < 2) throw new RuntimeError(`cdist only supports at least 2D tensors, X2 got: ${x2._shape.length}D`);
  const c1 = x1._shape[x1._shape.length - 1], c2 = x2._shape[x2._shape.length - 1];
  if (c1 !== c2) throw new RuntimeError(`X1 and X2 must have the same number of columns. X1: ${c1} X2: ${c2}`);
  if (!x1._dtype.isFloatingPoint) throw new RuntimeError(`cdist only supports floating-point dtypes, X1 got: ${dtypeTitle(x1._dtype)}`);
  if (!x2._dtype.isFloatingPoint) throw new RuntimeError(`cdist only supports floating-point dtypes, X2 got: ${dtypeTitle(x2._dtype)}`);
  if (pp < 0) throw new RuntimeError(`cdist only supports non-negative p values`);
  const P = x1._shape[x1._shape.length - 2], R = x2._shape[x2._shape.length - 2];
  const useMm = mode === "use_mm_for_euclid_dist" || (mode === "use_mm_for_euclid_dist_if_necessary" && (P > 25 || R > 25));
  if (pp === 2 && useMm) {
    const d = euclideanOp([x1, x2], undefined);
    return view(d, d._shape);
  }
  return cdistOp([x1, x2], { p: pp });
}

const distOp = op1<{ p: number }>("dist", {
  name: "DistBackward0",
  forward: ([a, b], q) => {
    const shape = broadcastShapes(a._shape, b._shape);
    const dtype = a._dtype;
    const oa = broadcastOffsets(a, shape), ob = broadcastOffsets(b, shape);
    const da = a._storage.data, db = b._storage.data;
    const diff = new Float64Array(oa.length);
    for (let i = 0; i < oa.length; i++) diff[i] = dtype.cast(da[oa[i]] - db[ob[i]]);
    return Tensor._make(dtype.alloc(1).fill(pNorm(diff, q.p)), [], dtype);
  },
  save: ([a, b], [out]) => [["self", a], ["other", b], ["result", out]],
  backward: ([g], [a, b, out], q) => {
    const ga = mul(pNormGrad(sub(a, b), out, q.p), g);
    return [ga, neg(ga)];
  },
});
export function dist(a: Tensor, b: Tensor, p = 2): Tensor {
  if (a._dtype !== b._dtype) throw new RuntimeError(`expected scalar type ${dtypeTitle(a._dtype)} but found ${dtypeTitle(b._dtype)}`);
  broadcastShapes(a._shape, b._shape);
  return distOp([a, b], { p });
}

// ---- vdot -----------------------------------------------------------------------------------
const vdotOp = op1("vdot", {
  name: "VdotBackward0",
  forward: ([a, b]) => {
    const x = readDense(a), y = readDense(b);
    let s = 0;
    for (let i = 0; i < x.length; i++) s += x[i] * y[i];
    return Tensor._make(a._dtype.alloc(1).fill(s), [], a._dtype);
  },
  save: ([a, b]) => [["self", a], ["other", b]],
  backward: ([g], [a, b]) => [mul(g, b), mul(g, a)],
});
export function vdot(a: Tensor, b: Tensor): Tensor {
  if (a._shape.length !== 1 || b._shape.length !== 1) {
    throw new RuntimeError(`1D tensors expected, but got ${a._shape.length}D and ${b._shape.length}D tensors`);
  }
  if (a._shape[0] !== b._shape[0]) {
    throw new RuntimeError(`inconsistent tensor size, expected tensor [${a._shape[0]}] and src [${b._shape[0]}] to have the same number of elements, but got ${a._shape[0]} and ${b._shape[0]} elements respectively`);
  }
  if (a._dtype !== b._dtype) throw new RuntimeError(`vdot : expected both vectors to have same dtype, but found ${dtypeTitle(a._dtype)} and ${dtypeTitle(b._dtype)}`);
  return vdotOp([a, b], undefined);
}

// ---- block_diag -------------------------------------------------------------------------------
const blockDiagOp = op1<{ shapes: number[][] }>("block_diag", {
  name: "BlockDiagBackward0",
  forward: (ins, q) => {
    const mats = q.shapes.map((s) => (s.length === 2 ? s : s.length === 1 ? [1, s[0]] : [1, 1]));
    const rows = mats.reduce((r, s) => r + s[0], 0), cols = mats.reduce((c, s) => c + s[1], 0);
    const dtype = ins.map((t) => t._dtype).reduce((x, y) => (x.category > y.category || (x.category === y.category && x.itemsize >= y.itemsize) ? x : y));
    const out = dtype.alloc(rows * cols);
    let r0 = 0, c0 = 0;
    ins.forEach((t, k) => {
      const [h, w] = mats[k];
      const v = readDense(t);
      for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) out[(r0 + i) * cols + c0 + j] = dtype.cast(v[i * w + j]);
      r0 += h; c0 += w;
    });
    return Tensor._make(out, [rows, cols], dtype);
  },
  backward: ([g], _s, q) => {
    let r0 = 0, c0 = 0;
    return q.shapes.map((s) => {
      const [h, w] = s.length === 2 ? s : s.length === 1 ? [1, s[0]] : [1, 1];
      const piece = narrow(narrow(g, 0, r0, h), 1, c0, w);
      r0 += h; c0 += w;
      return reshape(piece, s);
    });
  },
});
export function block_diag(...tensors: (Tensor | Tensor[])[]): Tensor {
  const ts = tensors.length === 1 && Array.isArray(tensors[0]) ? tensors[0] : (tensors as Tensor[]);
  ts.forEach((t, i) => {
    if (t._shape.length > 2) throw new RuntimeError(`torch.block_diag: Input tensors must have 2 or fewer dimensions. Input ${i} has ${t._shape.length} dimensions`);
  });
  if (ts.length === 0) return Tensor._make(get_default_dtype().alloc(0), [1, 0], get_default_dtype());
  return blockDiagOp(ts, { shapes: ts.map((t) => t._shape.slice()) });
}

// ---- broadcast_tensors ----------------------------------------------------------------------------
export function broadcast_tensors(...tensors: (Tensor | Tensor[])[]): Tensor[] {
  const ts = tensors.length === 1 && Array.isArray(tensors[0]) ? tensors[0] : (tensors as Tensor[]);
  const shape = ts.reduce((s, t) => broadcastShapes(s, t._shape), [] as number[]);
  return ts.map((t) => (t._shape.length === shape.length && t._shape.every((s, i) => s === shape[i]) ? t : expand(t, shape)));
}

// ---- cross / vecdot -------------------------------------------------------------------------------
const crossOp: (inputs: readonly (Tensor | null)[], params: { dim: number }) => Tensor = op1<{ dim: number }>("linalg_cross", {
  name: "LinalgCrossBackward0",
  forward: ([a, b], q) => {
    const shape = broadcastShapes(a._shape, b._shape);
    const x = readDense(expand(a.detach(), shape)), y = readDense(expand(b.detach(), shape));
    const dtype = a._dtype;
    const out = dtype.alloc(x.length);
    const inner = numelOf(shape.slice(q.dim + 1)), outer = numelOf(shape.slice(0, q.dim));
    for (let o = 0; o < outer; o++) for (let i = 0; i < inner; i++) {
      const b0 = o * 3 * inner + i, b1 = b0 + inner, b2 = b1 + inner;
      out[b0] = dtype.cast(x[b1] * y[b2] - x[b2] * y[b1]);
      out[b1] = dtype.cast(x[b2] * y[b0] - x[b0] * y[b2]);
      out[b2] = dtype.cast(x[b0] * y[b1] - x[b1] * y[b0]);
    }
    return Tensor._make(out, shape, dtype);
  },
  save: ([a, b]) => [["self", a], ["other", b]],
  backward: ([g], [a, b], q) => [crossOp([b, g], q), crossOp([g, a], q)],
});
export function linalg_cross(a: Tensor, b: Tensor, dim: number | { dim?: number } = -1): Tensor {
  const d0 = typeof dim === "number" ? dim : dim.dim ?? -1;
  if (a._shape.length !== b._shape.length) {
    throw new RuntimeError(`linalg.cross: inputs must have the same number of dimensions.`);
  }
  const d = wrapDim(d0, a._shape.length);
  if (a._shape[d] !== 3 || b._shape[d] !== 3) {
    throw new RuntimeError(`linalg.cross: inputs dimension ${d0} must have length 3. Got ${a._shape[d]} and ${b._shape[d]}`);
  }
  broadcastShapes(a._shape, b._shape);
  if (a._dtype !== b._dtype) throw new RuntimeError(`expected scalar type ${dtypeTitle(a._dtype)} but found ${dtypeTitle(b._dtype)}`);
  return crossOp([a, b], { dim: d });
}
/** torch.cross: without dim, the first dimension of size 3 (PyTorch 1.13's default). */
export function cross(a: Tensor, b: Tensor, dim?: number | null | { dim?: number | null }): Tensor {
  const d = typeof dim === "object" && dim !== null ? dim.dim : dim;
  if (d === undefined || d === null) {
    const found = broadcastShapes(a._shape, b._shape).findIndex((s) => s === 3);
    if (found < 0) throw new RuntimeError(`no dimension of size 3 in input`);
    return linalg_cross(a, b, found);
  }
  return linalg_cross(a, b, d);
}

export function vecdot(x: Tensor, y: Tensor, dim: number | { dim?: number } = -1): Tensor {
  const d = typeof dim === "number" ? dim : dim.dim ?? -1;
  if (x._dtype !== y._dtype) throw new RuntimeError(`linalg.vecdot: Expected x and y to have the same dtype, but found x of type ${dtypeTitle(x._dtype)} and y of type ${dtypeTitle(y._dtype)} instead`);
  return sum(mul(x, y), d);
}

// ---- vector_norm(ord=0) ---------------------------------------------------------------------------
const ord0Op = op1<{ dims: number[]; keepdim: boolean }>("linalg_vector_norm_ord0", {
  name: "LinalgVectorNormBackward0",
  forward: ([a], q) => withGradMode(false, () => linalg_vector_norm(a.detach(), 0, q.dims, q.keepdim)),
  // The count of nonzeros is piecewise constant; PyTorch returns an undefined gradient.
  backward: () => [null],
});
export function vectorNormOrd0(a: Tensor, dims: number[], keepdim: boolean): Tensor { return ord0Op([a], { dims, keepdim }); }
