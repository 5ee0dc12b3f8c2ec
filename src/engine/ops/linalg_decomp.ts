// torch.linalg's factorizations as autograd ops: inv, det, slogdet, solve, cholesky, qr, eigh,
// svd, pinv, lstsq, matrix_exp, with PyTorch's node names (LinalgInvExBackward0, ...) and error
// texts. Forward runs the float64 kernels of linalg_kernels.ts on each matrix of the batch and
// rounds to the input's dtype at the end (float32 results therefore match LAPACK's float32 to
// rounding error, not bit for bit). Backward formulas are PyTorch's (FunctionsManual.cpp),
// written with differentiable ops so create_graph and double backward work.
import { Tensor } from "../tensor";
import { DType, bool, int64 } from "../dtype";
import { defineOp, op1 } from "./define";
import { RuntimeError, warnOnce } from "../errors";
import { broadcastShapes, numelOf } from "../shape";
import { add, div, mul, neg, sub, where } from "./elementwise";
import { dtypeTitle } from "./reduce";
import { cat, expand, mT, narrow, reshape, transpose, unsqueeze } from "./views";
import { diagonalView } from "./einsum";
import { matmul } from "./linalg";
import { readDense } from "./loops";
import { is_grad_enabled } from "../autograd/grad_mode";
import * as K from "./linalg_kernels";

/** PyTorch's torch.linalg.LinAlgError (named as in PyTorch 2.x; 1.13 calls the class _LinAlgError). */
export class LinAlgError extends RuntimeError {
  constructor(message: string) { super(message); this.name = "LinAlgError"; }
}

// ---- batches of matrices ----------------------------------------------------------------------
interface Batch { batch: number[]; count: number; rows: number; cols: number; data: Float64Array }
function batchOf(t: Tensor): Batch {
  const s = t._shape;
  const rows = s[s.length - 2], cols = s[s.length - 1];
  const d = readDense(t);
  return { batch: s.slice(0, -2), count: numelOf(s.slice(0, -2)), rows, cols, data: d instanceof Float64Array ? d : Float64Array.from(d) };
}
function matrixAt(b: Batch, i: number): Float64Array {
  const n = b.rows * b.cols;
  return b.data.subarray(i * n, (i + 1) * n);
}
/** Stacks per-batch float64 results into a tensor of `dtype` (rounding float32 once, at the end). */
function assemble(parts: Float64Array[], shape: number[], dtype: DType): Tensor {
  const total = numelOf(shape);
  const out = dtype.alloc(total);
  let k = 0;
  for (const p of parts) for (let i = 0; i < p.length; i++) out[k++] = dtype.cast(p[i]);
  return Tensor._make(out, shape, dtype);
}
function batchPrefix(b: Batch, i: number, ndim: number): string {
  return ndim > 2 ? `(Batch element ${i}): ` : "";
}

export function checkInputs(t: Tensor, fname: string, square: boolean): void {
  if (t._shape.length < 2) throw new RuntimeError(`${fname}: The input tensor A must have at least 2 dimensions.`);
  if (!t._dtype.isFloatingPoint) throw new RuntimeError(`${fname}: Expected a floating point or complex tensor as input. Got ${dtypeTitle(t._dtype)}`);
  const m = t._shape[t._shape.length - 2], n = t._shape[t._shape.length - 1];
  if (square && m !== n) throw new RuntimeError(`${fname}: A must be batches of square matrices, but they are ${m} by ${n} matrices`);
}

/** An output's gradient in the output's dtype (the engine fills absent ones with float32 zeros). */
function like(g: Tensor, out: Tensor): Tensor { return g._dtype === out._dtype ? g : g.to(out._dtype); }
/** g (batch shape) as [..., 1, 1] to scale matrices. */
function asMatrixScale(g: Tensor): Tensor { return unsqueeze(unsqueeze(g, -1), -1); }
/** The lower (or upper) triangle (k = 0 keeps the diagonal, k = -1 drops it). Differentiable. */
export function trilMul(x: Tensor, k = 0, upper = false): Tensor {
  const r = x._shape[x._shape.length - 2], c = x._shape[x._shape.length - 1];
  const m = new Uint8Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) m[i * c + j] = (upper ? j - i >= k : j - i <= k) ? 1 : 0;
  // where(), not a product with the mask: the other triangle is +0 as PyTorch's tril() makes it.
  return where(Tensor._make(m, [r, c], bool), x, Tensor._make(x._dtype.alloc(1), [], x._dtype));
}
function eyeLike(n: number, dtype: DType): Tensor { return Tensor._make(dtype.alloc(n * n).map((_v, i) => (i % (n + 1) === 0 ? 1 : 0)), [n, n], dtype); }
/** diag_embed of the last dim: [..., n] -> [..., n, n]. */
export function diagEmbed(v: Tensor): Tensor {
  const n = v._shape[v._shape.length - 1];
  return mul(unsqueeze(v, -1), eyeLike(n, v._dtype));
}

// ---- inv --------------------------------------------------------------------------------------
const invOp = op1<{ fname: string }>("linalg_inv_ex", {
  name: "LinalgInvExBackward0",
  forward: ([a], p) => {
    const b = batchOf(a);
    const n = b.rows;
    const parts: Float64Array[] = [];
    for (let i = 0; i < b.count; i++) {
      const f = K.luFactor(matrixAt(b, i), n);
      if (f.zeroAt >= 0) {
        throw new LinAlgError(`${p.fname}: ${batchPrefix(b, i, a._shape.length)}The diagonal element ${f.zeroAt + 1} is zero, the inversion could not be completed because the input matrix is singular.`);
      }
      const e = K.identity(n);
      K.luSolve(f, n, e, n);
      parts.push(e);
    }
    return assemble(parts, a._shape, a._dtype);
  },
  save: (_i, [out]) => [["inverse", out]],
  backward: ([g], [inv]) => [neg(matmul(mT(inv), matmul(g, mT(inv))))],
});
export function inv(a: Tensor): Tensor {
  checkInputs(a, "linalg.inv", true);
  return invOp([a], { fname: "linalg.inv" });
}

// ---- det / slogdet --------------------------------------------------------------------------
function dets(a: Tensor): { sign: Float64Array; logabs: Float64Array; det: Float64Array } {
  const b = batchOf(a);
  const sign = new Float64Array(b.count), logabs = new Float64Array(b.count), det = new Float64Array(b.count);
  for (let i = 0; i < b.count; i++) {
    const f = K.luFactor(matrixAt(b, i), b.rows);
    let s = f.sign, l = 0, d = f.sign;
    for (let k = 0; k < b.rows; k++) {
      const u = f.lu[k * b.rows + k];
      d *= u;
      if (u < 0) s = -s;
      l += Math.log(Math.abs(u));
    }
    if (f.zeroAt >= 0) { s = 0; l = -Infinity; }
    sign[i] = s; logabs[i] = l; det[i] = d;
  }
  return { sign, logabs, det };
}
/** The cofactor matrix (the gradient of det), for singular inputs where det·A^{-T} is not available. */
function cofactors(a: Tensor): Tensor {
  const b = batchOf(a);
  const n = b.rows;
  const parts: Float64Array[] = [];
  for (let z = 0; z < b.count; z++) {
    const m = matrixAt(b, z), c = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      const minor = new Float64Array((n - 1) * (n - 1));
      let k = 0;
      for (let r = 0; r < n; r++) if (r !== i) for (let q = 0; q < n; q++) if (q !== j) minor[k++] = m[r * n + q];
      let d = 1;
      if (n > 1) { const f = K.luFactor(minor, n - 1); d = f.sign; for (let t = 0; t < n - 1; t++) d *= f.lu[t * (n - 1) + t]; }
      c[i * n + j] = ((i + j) % 2 ? -1 : 1) * d;
    }
    parts.push(c);
  }
  return assemble(parts, a._shape, a._dtype);
}
/** A^{-1} from an LU whose zero pivots are replaced by the dtype's eps (PyTorch's linalg_det_backward). */
function perturbedInverse(a: Tensor): Tensor {
  const b = batchOf(a);
  const n = b.rows;
  const parts: Float64Array[] = [];
  for (let i = 0; i < b.count; i++) {
    const f = K.luFactor(matrixAt(b, i), n);
    for (let k = 0; k < n; k++) if (f.lu[k * n + k] === 0) f.lu[k * n + k] = epsOf(a._dtype);
    const e = K.identity(n);
    K.luSolve(f, n, e, n);
    parts.push(e);
  }
  return assemble(parts, a._shape, a._dtype);
}
const detOp = op1("linalg_det", {
  name: "LinalgDetBackward0",
  forward: ([a]) => assemble([dets(a).det], a._shape.slice(0, -2), a._dtype),
  save: ([a], [out]) => [["A", a], ["result", out]],
  backward: ([g], [a, det]) => {
    // det·A^{-T} where A is invertible. Singular A, as PyTorch: a first-order backward solves with
    // zero pivots of the LU replaced by eps, so g·det (= ±0) times a huge finite inverse gives
    // signed zeros; with create_graph it takes the true gradient, the cofactor matrix (here a
    // constant: no third derivative).
    const singular = readDense(det).some((v) => v === 0);
    if (!singular) return [mul(asMatrixScale(mul(g, det)), mT(inv(a)))];
    if (is_grad_enabled()) return [mul(asMatrixScale(g), cofactors(a.detach()))];
    return [mul(asMatrixScale(mul(g, det)), mT(perturbedInverse(a)))];
  },
});
export function det(a: Tensor): Tensor {
  checkInputs(a, "linalg.det", true);
  return detOp([a], undefined);
}
const slogdetOp = defineOp("linalg_slogdet", {
  name: "LinalgSlogdetBackward0",
  forward: ([a]) => {
    const r = dets(a);
    const shape = a._shape.slice(0, -2);
    return [assemble([r.sign], shape, a._dtype), assemble([r.logabs], shape, a._dtype)];
  },
  save: ([a]) => [["A", a]],
  // The sign carries the node too (as PyTorch), but only logabsdet's gradient flows: A^{-T}·g by a solve.
  backward: ([, g], [a]) => {
    const n = a._shape[a._shape.length - 1];
    const gl = like(g, a);
    return [solveOp([mT(a), diagEmbed(expand(unsqueeze(gl, -1), [...gl._shape, n]))], { vector: false, fname: "linalg.solve" })];
  },
});
export function slogdet(a: Tensor): SlogdetResult {
  checkInputs(a, "linalg.slogdet", true);
  const [s, l] = slogdetOp([a], undefined);
  return named("linalg_slogdet", ["sign", "logabsdet"], [s, l]);
}
export function logdet(a: Tensor): Tensor {
  checkInputs(a, "logdet", true);
  const [s, l] = slogdetOp([a], undefined);
  // PyTorch: where(sign == -1, nan, logabsdet).
  const neg1 = readDense(s).map((v) => (v === -1 ? 1 : 0));
  return whereConst(Tensor._make(Uint8Array.from(neg1), s._shape, bool), NaN, l);
}
function whereConst(cond: Tensor, value: number, t: Tensor): Tensor { return where(cond, Tensor._make(t._dtype.alloc(1).fill(value), [], t._dtype), t); }

// ---- solve ----------------------------------------------------------------------------------
interface SolveP { vector: boolean; fname: string }
function solveForward(a: Tensor, b: Tensor, p: SolveP): Tensor {
  const bm = p.vector ? unsqueeze(b.detach(), -1) : b.detach();
  const n = a._shape[a._shape.length - 1], k = bm._shape[bm._shape.length - 1];
  const batch = broadcastShapes(a._shape.slice(0, -2), bm._shape.slice(0, -2));
  const A = batchOf(expand(a.detach(), [...batch, n, n]));
  const B = batchOf(expand(bm, [...batch, n, k]));
  const parts: Float64Array[] = [];
  for (let i = 0; i < A.count; i++) {
    const f = K.luFactor(matrixAt(A, i), n);
    if (f.zeroAt >= 0) throw new LinAlgError(`torch.linalg.solve: ${batch.length ? `(Batch element ${i}): ` : ""}The solver failed because the input matrix is singular.`);
    const x = matrixAt(B, i).slice();
    K.luSolve(f, n, x, k);
    parts.push(x);
  }
  return assemble(parts, p.vector ? [...batch, n] : [...batch, n, k], a._dtype);
}
type Op1<P> = (inputs: readonly (Tensor | null)[], params: P) => Tensor;
const solveOp: Op1<SolveP> = op1<SolveP>("linalg_solve_ex", {
  name: "LinalgSolveExBackward0",
  forward: ([a, b], p) => solveForward(a, b, p),
  save: ([a], [x]) => [["A", a], ["result", x]],
  backward: ([g], [a, x], p) => {
    const gB = solveOp([mT(a), g], p);
    const gA = p.vector ? neg(mul(unsqueeze(gB, -1), unsqueeze(x, -2))) : neg(matmul(gB, mT(x)));
    return [gA, gB];
  },
});
export function solve(a: Tensor, b: Tensor, opts?: { left?: boolean }): Tensor {
  checkInputs(a, "linalg.solve", true);
  if (opts?.left === false) return mT(solve(mT(a), mT(b)));
  if (a._dtype !== b._dtype) throw new RuntimeError(`linalg.solve: Expected A and B to have the same dtype, but found A of type ${dtypeTitle(a._dtype)} and B of type ${dtypeTitle(b._dtype)} instead`);
  const n = a._shape[a._shape.length - 1];
  const vector = b._shape.length === 1 || (b._shape.length === a._shape.length - 1 && b._shape.every((s, i) => s === a._shape[i]));
  const rowsB = vector ? b._shape[b._shape.length - 1] : b._shape[b._shape.length - 2];
  if (rowsB !== n) {
    const kb = vector ? 1 : b._shape[b._shape.length - 1];
    throw new RuntimeError(`linalg.solve: Incompatible shapes of A and B for the equation AX = B (${n}x${n} and ${rowsB}x${kb})`);
  }
  return solveOp([a, b], { vector, fname: "linalg.solve" });
}

// ---- cholesky -------------------------------------------------------------------------------
interface CholP { upper: boolean; fname: string; name: string }
const choleskyOp = op1<CholP>("linalg_cholesky_ex", {
  name: (_i, p) => p.name,
  forward: ([a], p) => {
    const b = batchOf(a);
    const n = b.rows;
    const parts: Float64Array[] = [];
    for (let i = 0; i < b.count; i++) {
      const r = K.cholesky(matrixAt(b, i), n);
      if (r.failedOrder) {
        throw new LinAlgError(`${p.fname}: ${batchPrefix(b, i, a._shape.length)}The factorization could not be completed because the input is not positive-definite (the leading minor of order ${r.failedOrder} is not positive-definite).`);
      }
      parts.push(p.upper ? K.transposed(r.l, n, n) : r.l);
    }
    return assemble(parts, a._shape, a._dtype);
  },
  save: (_i, [out]) => [["L", out]],
  backward: ([g], [out], p) => {
    const L = p.upper ? mT(out) : out;
    const gL = p.upper ? mT(g) : g;
    const phi = trilMul(matmul(mT(L), gL));
    const sym = mul(add(phi, mT(trilMul(phi, -1))), 0.5);
    const Linv = inv(L);
    return [matmul(mT(Linv), matmul(sym, Linv))];
  },
});
export function cholesky(a: Tensor, opts?: { upper?: boolean }): Tensor {
  checkInputs(a, "linalg.cholesky", true);
  return choleskyOp([a], { upper: opts?.upper ?? false, fname: "linalg.cholesky", name: "LinalgCholeskyExBackward0" });
}
/** torch.cholesky (deprecated): CholeskyBackward0, `upper` positional. */
export function choleskyLegacy(a: Tensor, upper: boolean | { upper?: boolean } = false): Tensor {
  const up = typeof upper === "boolean" ? upper : upper.upper ?? false;
  warnOnce("torch.cholesky is deprecated in favor of torch.linalg.cholesky and will be removed in a future PyTorch release.\nL = torch.cholesky(A)\nshould be replaced with\nL = torch.linalg.cholesky(A)\nand\nU = torch.cholesky(A, upper=True)\nshould be replaced with\nU = torch.linalg.cholesky(A).mH().\nThis transform will produce equivalent results for all valid (symmetric positive definite) inputs.");
  checkInputs(a, "cholesky", true);
  return choleskyOp([a], { upper: up, fname: "cholesky", name: "CholeskyBackward0" });
}

// ---- named results ------------------------------------------------------------------------------
/** PyTorch's torch.return_types.<kind>: indexable and destructurable as a tuple, fields by name. */
export class NamedTensors extends Array<Tensor> {
  static override get [Symbol.species](): ArrayConstructor { return Array; }
  /** @internal */
  _kind = "";
  /** @internal */
  _fields: string[] = [];
  override toString(): string {
    return `torch.return_types.${this._kind}(\n${this._fields.map((f, i) => `${f}=${String(this[i])}`).join(",\n")})`;
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string { return this.toString(); }
}
export type SlogdetResult = NamedTensors & { readonly sign: Tensor; readonly logabsdet: Tensor };
export type QrResult = NamedTensors & { readonly Q: Tensor; readonly R: Tensor };
export type EighResult = NamedTensors & { readonly eigenvalues: Tensor; readonly eigenvectors: Tensor };
export type SvdResult = NamedTensors & { readonly U: Tensor; readonly S: Tensor; readonly Vh: Tensor };
export type SvdLegacyResult = NamedTensors & { readonly U: Tensor; readonly S: Tensor; readonly V: Tensor };
export type LstsqResult = NamedTensors & { readonly solution: Tensor; readonly residuals: Tensor; readonly rank: Tensor; readonly singular_values: Tensor };
export function named<T extends NamedTensors>(kind: string, fields: string[], values: Tensor[]): T {
  const r = new NamedTensors();
  values.forEach((v) => r.push(v));
  r._kind = kind;
  r._fields = fields;
  fields.forEach((f, i) => Object.defineProperty(r, f, { value: values[i], enumerable: false }));
  return r as T;
}

// ---- qr ----------------------------------------------------------------------------------------
type QrMode = "reduced" | "complete" | "r";
const qrOp = defineOp<{ mode: QrMode }>("linalg_qr", {
  name: "LinalgQrBackward0",
  forward: ([a], p) => {
    const b = batchOf(a);
    const { rows: m, cols: n } = b;
    const k = Math.min(m, n);
    const qs: Float64Array[] = [], rs: Float64Array[] = [];
    let qCols = 0;
    for (let i = 0; i < b.count; i++) {
      const r = K.householderQR(matrixAt(b, i), m, n, p.mode === "complete");
      qs.push(r.q); rs.push(r.r); qCols = r.qCols;
    }
    if (b.count === 0) qCols = p.mode === "complete" ? m : k;
    const rRows = p.mode === "complete" ? m : k;
    const Q = p.mode === "r" ? Tensor._make(a._dtype.alloc(0), [0], a._dtype) : assemble(qs, [...b.batch, m, qCols], a._dtype);
    return [Q, assemble(rs, [...b.batch, rRows, n], a._dtype)];
  },
  save: (_i, [q, r]) => [["Q", q], ["R", r]],
  backward: ([gQ0, gR0], [Q, R], p) => {
    const gQ = like(gQ0, R), gR = like(gR0, R);
    if (p.mode === "r") throw new RuntimeError("The derivative of linalg.qr depends on Q, which is not computed when mode='r'. Please use linalg.qr(A, mode='reduced') if you are going to differentiate through linalg.qr.");
    const m = Q._shape[Q._shape.length - 2], n = R._shape[R._shape.length - 1];
    if (p.mode === "complete" && m > n) throw new RuntimeError("The QR decomposition is not differentiable when mode='complete' and nrows > ncols.");
    if (m >= n) return [qrBackwardTall(gQ, gR, Q, R)];
    // Wide: A = [X | Y], X = Q U (square), Y = Q V. Then gY = Q gV and X sees gQ + Y gV^T.
    const U = narrow(R, -1, 0, m), V = narrow(R, -1, m, n - m);
    const gU = narrow(gR, -1, 0, m), gV = narrow(gR, -1, m, n - m);
    const Y = matmul(Q, V);
    const gX = qrBackwardTall(add(gQ, matmul(Y, mT(gV))), gU, Q, U);
    return [cat([gX, matmul(Q, gV)], -1)];
  },
});
/** gA = (gQ + Q syminvadj(triu(gR R^T - Q^T gQ))) R^{-T}, PyTorch's linalg_qr_backward for m >= n. */
function qrBackwardTall(gQ: Tensor, gR: Tensor, Q: Tensor, R: Tensor): Tensor {
  const M = sub(matmul(gR, mT(R)), matmul(mT(Q), gQ));
  const t = trilMul(M, 0, true);
  // syminvadj(X) = X + X^T with the diagonal halved back to X's.
  const sym = sub(add(t, mT(t)), diagEmbed(diagonalOf(t)));
  const gA = add(gQ, matmul(Q, sym));
  return matmul(gA, mT(inv(R)));
}
function diagonalOf(x: Tensor): Tensor { return diagonalView(x, -2, -1); }
export function qr(a: Tensor, mode: QrMode | { mode?: QrMode } = "reduced"): QrResult {
  const md = typeof mode === "string" ? mode : mode.mode ?? "reduced";
  if (md !== "reduced" && md !== "complete" && md !== "r") throw new RuntimeError(`qr received unrecognized mode '${md as string}' but expected one of 'reduced' (default), 'r', or 'complete'`);
  checkInputs(a, "linalg.qr", false);
  const [Q, R] = qrOp([a], { mode: md });
  return named("linalg_qr", ["Q", "R"], [Q, R]);
}
export function qrLegacy(a: Tensor, some: boolean | { some?: boolean } = true): QrResult {
  const s = typeof some === "boolean" ? some : some.some ?? true;
  warnOnce("torch.qr is deprecated in favor of torch.linalg.qr and will be removed in a future PyTorch release.\nThe boolean parameter 'some' has been replaced with a string parameter 'mode'.\nQ, R = torch.qr(A, some)\nshould be replaced with\nQ, R = torch.linalg.qr(A, 'reduced' if some else 'complete')");
  checkInputs(a, "linalg.qr", false);
  const [Q, R] = qrOp([a], { mode: s ? "reduced" : "complete" });
  return named("qr", ["Q", "R"], [Q, R]);
}

// ---- eigh ---------------------------------------------------------------------------------------
const eighOp = defineOp<{ upper: boolean }>("linalg_eigh", {
  name: "LinalgEighBackward0",
  forward: ([a], p) => {
    const b = batchOf(a);
    const n = b.rows;
    const vals: Float64Array[] = [], vecs: Float64Array[] = [];
    for (let i = 0; i < b.count; i++) {
      const m = p.upper ? K.transposed(matrixAt(b, i), n, n) : matrixAt(b, i);
      const r = K.symmetricEigen(m, n);
      vals.push(r.values); vecs.push(r.vectors);
    }
    return [assemble(vals, [...b.batch, n], a._dtype), assemble(vecs, a._shape, a._dtype)];
  },
  save: (_i, [L, V]) => [["eigenvalues", L], ["eigenvectors", V]],
  backward: ([gL0, gV0], [L, V]) => {
    const gL = like(gL0, L), gV = like(gV0, L);
    // gA = V (diag(gL) + skew(V^T gV)/2 / E) V^T with E_ij = L_j - L_i (1 on the diagonal).
    const VtgV = matmul(mT(V), gV);
    const skew = mul(sub(VtgV, mT(VtgV)), 0.5);
    const n = L._shape[L._shape.length - 1];
    const E = add(sub(unsqueeze(L, -2), unsqueeze(L, -1)), eyeLike(n, L._dtype));
    const inner = add(div(skew, E), diagEmbed(gL));
    return [matmul(V, matmul(inner, mT(V)))];
  },
});
function uploOf(o?: string | { UPLO?: string }): boolean {
  const u = typeof o === "string" ? o : o?.UPLO ?? "L";
  if (u !== "L" && u !== "U") throw new RuntimeError(`Expected UPLO argument to be 'L' or 'U', but got ${u}`);
  return u === "U";
}
export function eigh(a: Tensor, UPLO?: string | { UPLO?: string }): EighResult {
  checkInputs(a, "linalg.eigh", true);
  const [L, V] = eighOp([a], { upper: uploOf(UPLO) });
  return named("linalg_eigh", ["eigenvalues", "eigenvectors"], [L, V]);
}
export function eigvalsh(a: Tensor, UPLO?: string | { UPLO?: string }): Tensor {
  checkInputs(a, "linalg.eigvalsh", true);
  return eighOp([a], { upper: uploOf(UPLO) })[0];
}

// ---- svd ----------------------------------------------------------------------------------------
const svdOp = defineOp<{ full: boolean }>("linalg_svd", {
  name: "LinalgSvdBackward0",
  forward: ([a], p) => {
    const b = batchOf(a);
    const { rows: m, cols: n } = b;
    const k = Math.min(m, n);
    const us: Float64Array[] = [], ss: Float64Array[] = [], vs: Float64Array[] = [];
    for (let i = 0; i < b.count; i++) {
      const r = K.svd(matrixAt(b, i), m, n, p.full);
      us.push(r.u); ss.push(r.s); vs.push(r.vh);
    }
    const uc = p.full ? m : k, vr = p.full ? n : k;
    return [assemble(us, [...b.batch, m, uc], a._dtype), assemble(ss, [...b.batch, k], a._dtype), assemble(vs, [...b.batch, vr, n], a._dtype)];
  },
  save: (_i, [U, S, Vh]) => [["U", U], ["S", S], ["Vh", Vh]],
  backward: ([gU1, gS1, gVh1], [U0, S, Vh0], p) => {
    const gU0 = like(gU1, S), gS = like(gS1, S), gVh0 = like(gVh1, S);
    const k = S._shape[S._shape.length - 1];
    // full_matrices: only the first k columns of U / rows of Vh enter the formula (as PyTorch).
    const U = p.full ? narrow(U0, -1, 0, k) : U0, Vh = p.full ? narrow(Vh0, -2, 0, k) : Vh0;
    const gU = p.full ? narrow(gU0, -1, 0, k) : gU0, gVh = p.full ? narrow(gVh0, -2, 0, k) : gVh0;
    const m = U._shape[U._shape.length - 2], n = Vh._shape[Vh._shape.length - 1];
    const skew = (x: Tensor): Tensor => sub(x, mT(x));
    const UhgU = skew(matmul(mT(U), gU));
    const VhgV = skew(matmul(Vh, mT(gVh)));
    const S2 = mul(S, S);
    const E = add(sub(unsqueeze(S2, -2), unsqueeze(S2, -1)), eyeLike(k, S._dtype));
    let gA = div(add(mul(UhgU, unsqueeze(S, -2)), mul(unsqueeze(S, -1), VhgV)), E);
    gA = add(gA, diagEmbed(gS));
    if (m > n) {
      gA = matmul(U, gA);
      const gUSinv = div(gU, unsqueeze(S, -2));
      gA = sub(add(gA, gUSinv), matmul(U, matmul(mT(U), gUSinv)));
      return [matmul(gA, Vh)];
    }
    if (m < n) {
      gA = matmul(gA, Vh);
      const SinvgVh = div(gVh, unsqueeze(S, -1));
      gA = sub(add(gA, SinvgVh), matmul(matmul(SinvgVh, mT(Vh)), Vh));
      return [matmul(U, gA)];
    }
    return [matmul(U, matmul(gA, Vh))];
  },
});
export function svd(a: Tensor, full_matrices: boolean | { full_matrices?: boolean } = true): SvdResult {
  const full = typeof full_matrices === "boolean" ? full_matrices : full_matrices.full_matrices ?? true;
  checkInputs(a, "linalg.svd", false);
  const [U, S, Vh] = svdOp([a], { full });
  return named("linalg_svd", ["U", "S", "Vh"], [U, S, Vh]);
}
export function svdvals(a: Tensor): Tensor {
  checkInputs(a, "linalg.svdvals", false);
  return svdOp([a], { full: false })[1];
}
/** torch.svd (old API): V instead of Vh, `some` for the reduced form. */
export function svdLegacy(a: Tensor, some: boolean | { some?: boolean; compute_uv?: boolean } = true, compute_uv = true): SvdLegacyResult {
  const s = typeof some === "boolean" ? some : some.some ?? true;
  const uv = typeof some === "boolean" ? compute_uv : some.compute_uv ?? true;
  checkInputs(a, "linalg.svd", false);
  const [U, S, Vh] = svdOp([a], { full: !s });
  if (!uv) {
    const m = a._shape[a._shape.length - 2], n = a._shape[a._shape.length - 1];
    const z = (r: number, c: number) => Tensor._make(a._dtype.alloc(numelOf([...a._shape.slice(0, -2), r, c])), [...a._shape.slice(0, -2), r, c], a._dtype);
    return named("svd", ["U", "S", "V"], [z(m, m), S, z(n, n)]);
  }
  return named("svd", ["U", "S", "V"], [U, S, transposeLast(Vh)]);
}
function transposeLast(x: Tensor): Tensor { return transpose(x, -2, -1); }

// ---- pinv / matrix_rank / lstsq -------------------------------------------------------------------
function epsOf(d: DType): number { return d.name === "float64" ? 2.220446049250313e-16 : 1.1920928955078125e-7; }
export interface RankTol { atol?: number | null; rtol?: number | null; hermitian?: boolean; rcond?: number | null; tol?: number | null }
/** Singular values kept: s > max(atol, rtol · s_max), rtol defaulting to eps · max(m, n) when neither is given. */
function threshold(smax: number, m: number, n: number, dtype: DType, o: RankTol): number {
  const atol = o.atol ?? o.tol ?? 0;
  const rtol = o.rtol ?? o.rcond ?? ((o.atol ?? o.tol) !== undefined && (o.atol ?? o.tol) !== null && (o.atol ?? o.tol)! > 0 ? 0 : epsOf(dtype) * Math.max(m, n));
  return Math.max(atol, rtol * smax);
}
function pinvRaw(a: Float64Array, m: number, n: number, dtype: DType, o: RankTol): { p: Float64Array; rank: number } {
  const r = K.svd(a, m, n, false);
  const k = Math.min(m, n);
  const smax = k ? r.s[0] : 0;
  const tol = threshold(smax, m, n, dtype, o);
  const p = new Float64Array(n * m);
  let rank = 0;
  for (let t = 0; t < k; t++) {
    // Compare in the input's precision, as LAPACK's singular values are.
    if (!(dtype.cast(r.s[t]) > tol)) continue;
    rank++;
    const inv = 1 / r.s[t];
    for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) p[i * m + j] += r.vh[t * n + i] * inv * r.u[j * k + t];
  }
  return { p, rank };
}
const pinvOp = op1<RankTol>("linalg_pinv", {
  name: "LinalgPinvBackward0",
  forward: ([a], o) => {
    const b = batchOf(a);
    const parts: Float64Array[] = [];
    for (let i = 0; i < b.count; i++) parts.push(pinvRaw(matrixAt(b, i), b.rows, b.cols, a._dtype, o).p);
    return assemble(parts, [...b.batch, b.cols, b.rows], a._dtype);
  },
  save: ([a], [out]) => [["self", a], ["result", out]],
  backward: ([g], [a, P]) => [pinvBackward(g, P, a)],
});
/** d pinv: gA = -P^T G P^T + (I - A P)^T G^T P P^T ... as (I - AP) G^T P P^T + P^T P G^T (I - PA) (constant rank). */
function pinvBackward(g: Tensor, P: Tensor, A: Tensor): Tensor {
  const m = A._shape[A._shape.length - 2], n = A._shape[A._shape.length - 1];
  const t1 = neg(matmul(mT(P), matmul(g, mT(P))));
  const IminusAP = sub(eyeLike(m, A._dtype), matmul(A, P));
  const IminusPA = sub(eyeLike(n, A._dtype), matmul(P, A));
  const t2 = matmul(IminusAP, matmul(mT(g), matmul(P, mT(P))));
  const t3 = matmul(matmul(mT(P), P), matmul(mT(g), IminusPA));
  return add(add(t1, t2), t3);
}
export function pinv(a: Tensor, opts?: RankTol | number): Tensor {
  checkInputs(a, "linalg.pinv", false);
  const o = typeof opts === "number" ? { rtol: opts } : opts ?? {};
  return pinvOp([a], o);
}
export function matrix_rank(a: Tensor, opts?: RankTol | number): Tensor {
  checkInputs(a, "linalg.matrix_rank", false);
  const o = typeof opts === "number" ? { tol: opts } : opts ?? {};
  const b = batchOf(a);
  const ranks = new Float64Array(b.count);
  for (let i = 0; i < b.count; i++) ranks[i] = pinvRaw(matrixAt(b, i), b.rows, b.cols, a._dtype, o).rank;
  return Tensor._make(ranks, b.batch, int64);
}

interface LstsqP { vector: boolean; rcond: number | null }
const lstsqOp = defineOp<LstsqP>("linalg_lstsq", {
  name: "LinalgLstsqBackward0",
  forward: ([a, b], p) => {
    const bm = p.vector ? unsqueeze(b.detach(), -1) : b.detach();
    const m = a._shape[a._shape.length - 2], n = a._shape[a._shape.length - 1], k = bm._shape[bm._shape.length - 1];
    const batch = broadcastShapes(a._shape.slice(0, -2), bm._shape.slice(0, -2));
    const A = batchOf(expand(a.detach(), [...batch, m, n]));
    const B = batchOf(expand(bm, [...batch, m, k]));
    const xs: Float64Array[] = [];
    const ranks = new Float64Array(A.count);
    for (let i = 0; i < A.count; i++) {
      const r = pinvRaw(matrixAt(A, i), m, n, a._dtype, { rtol: p.rcond });
      xs.push(K.matmulRaw(r.p, matrixAt(B, i), n, m, k));
      ranks[i] = r.rank;
    }
    const dt = a._dtype;
    return [
      assemble(xs, p.vector ? [...batch, n] : [...batch, n, k], dt),
      Tensor._make(dt.alloc(0), [0], dt),
      Tensor._make(ranks, batch, int64),
      Tensor._make(dt.alloc(0), [0], dt),
    ];
  },
  save: ([a, b]) => [["self", a], ["b", b]],
  nonDifferentiableOutputs: [1, 2, 3],
  backward: ([g], [a, b], p) => {
    // X = P B with P = pinv(A): gB = P^T G, and A's gradient is pinv's for gP = G B^T.
    const P = pinvOp([a], {});
    const G = p.vector ? unsqueeze(g, -1) : g;
    const Bm = p.vector ? unsqueeze(b, -1) : b;
    const gB = matmul(mT(P), G);
    const gA = pinvBackward(matmul(G, mT(Bm)), P, a);
    return [gA, p.vector ? reshape(gB, gB._shape.slice(0, -1)) : gB];
  },
});
export function lstsq(a: Tensor, b: Tensor, opts?: { rcond?: number | null; driver?: string | null }): LstsqResult {
  checkInputs(a, "linalg.lstsq", false);
  const vector = b._shape.length === a._shape.length - 1;
  const m = a._shape[a._shape.length - 2];
  const rowsB = vector ? b._shape[b._shape.length - 1] : b._shape[b._shape.length - 2];
  if (rowsB !== m) throw new RuntimeError(vector ? "torch.linalg.lstsq: input.size(-2) should match other.size(-1)" : "torch.linalg.lstsq: input.size(-2) should match other.size(-2)");
  if (a._dtype !== b._dtype) throw new RuntimeError(`torch.linalg.lstsq: Expected input and other to have the same dtype, but got input's dtype ${dtypeTitle(a._dtype)} and other's dtype ${dtypeTitle(b._dtype)}`);
  const [x, res, rank, sv] = lstsqOp([a, b], { vector, rcond: opts?.rcond ?? null });
  return named("linalg_lstsq", ["solution", "residuals", "rank", "singular_values"], [x, res, rank, sv]);
}

// ---- matrix_exp / matrix_power ------------------------------------------------------------------
const matrixExpOp: Op1<undefined> = op1("linalg_matrix_exp", {
  name: "LinalgMatrixExpBackward0",
  forward: ([a]) => {
    const b = batchOf(a);
    const parts: Float64Array[] = [];
    for (let i = 0; i < b.count; i++) parts.push(K.matrixExp(matrixAt(b, i), b.rows));
    return assemble(parts, a._shape, a._dtype);
  },
  save: ([a]) => [["self", a]],
  backward: ([g], [a]) => {
    // The Fréchet derivative in direction G^T...: exp([[A^T, G], [0, A^T]]) holds it top right.
    const n = a._shape[a._shape.length - 1];
    const at = mT(a);
    const zero = mul(at, 0);
    const big = cat([cat([at, g], -1), cat([zero, at], -1)], -2);
    return [narrow(narrow(matrixExpOp([big], undefined), -2, 0, n), -1, n, n)];
  },
});
export function matrix_exp(a: Tensor): Tensor {
  checkInputs(a, "linalg.matrix_exp", true);
  return matrixExpOp([a], undefined);
}

/** PyTorch's linalg_matrix_power: clone for 1, (a·a)·a for 3, binary powers beyond; inverse first for n < 0. */
export function matrix_power(a: Tensor, n: number): Tensor {
  if (a._shape.length < 2) throw new RuntimeError(`linalg.matrix_power: The input tensor A must have at least 2 dimensions.`);
  const r = a._shape[a._shape.length - 2], c = a._shape[a._shape.length - 1];
  if (r !== c) throw new RuntimeError(`linalg.matrix_power: A must be batches of square matrices, but they are ${r} by ${c} matrices`);
  // n = 0: PyTorch copies the identity into a clone of A (CopyBackwards; A's gradient is zero).
  if (n === 0) return a.clone().copy_(expand(eyeLike(r, a._dtype), a._shape));
  let x = a;
  if (n < 0) { x = inv(a); n = -n; }
  if (n === 1) return x.clone();
  if (n === 2) return matmul(x, x);
  if (n === 3) return matmul(matmul(x, x), x);
  let z: Tensor | null = null, result: Tensor | null = null;
  while (n > 0) {
    const bit = n % 2;
    n = Math.floor(n / 2);
    z = z === null ? x : matmul(z, z);
    if (bit === 1) result = result === null ? z : matmul(result, z);
  }
  return result!;
}

// ---- inv_ex / cholesky_ex / solve_triangular ------------------------------------------------------
/** `info` as PyTorch's int32 tensor, held as int64 here (the engine has no int32 dtype). */
function infoTensor(batch: number[], codes: number[]): Tensor { return Tensor._make(Float64Array.from(codes), batch, int64); }
export type InvExResult = NamedTensors & { readonly inverse: Tensor; readonly info: Tensor };
export type CholeskyExResult = NamedTensors & { readonly L: Tensor; readonly info: Tensor };
/** linalg.inv_ex: no error for singular input (unless check_errors); info holds LAPACK's code. */
export function inv_ex(a: Tensor, opts?: { check_errors?: boolean }): InvExResult {
  checkInputs(a, "linalg.inv_ex", true);
  const b = batchOf(a);
  const codes = Array.from({ length: b.count }, (_v, i) => K.luFactor(matrixAt(b, i), b.rows).zeroAt + 1);
  if (codes.some((c) => c > 0) && !opts?.check_errors) {
    // PyTorch returns LAPACK's partial result (inf/nan) here; we do not reproduce it exactly.
    const nan = Tensor._make(a._dtype.alloc(a.numel()).fill(NaN), a._shape, a._dtype);
    return named("linalg_inv_ex", ["inverse", "info"], [nan, infoTensor(b.batch, codes)]);
  }
  return named("linalg_inv_ex", ["inverse", "info"], [invOp([a], { fname: "linalg.inv_ex" }), infoTensor(b.batch, codes)]);
}
export function cholesky_ex(a: Tensor, opts?: { upper?: boolean; check_errors?: boolean }): CholeskyExResult {
  checkInputs(a, "linalg.cholesky_ex", true);
  const b = batchOf(a);
  const codes = Array.from({ length: b.count }, (_v, i) => K.cholesky(matrixAt(b, i), b.rows).failedOrder);
  if (codes.some((c) => c > 0) && !opts?.check_errors) {
    // The factor up to the failing minor, zeros after it (LAPACK leaves the rest unspecified).
    const parts = Array.from({ length: b.count }, (_v, i) => K.cholesky(matrixAt(b, i), b.rows).l);
    const L = assemble(parts.map((l) => (opts?.upper ? K.transposed(l, b.rows, b.rows) : l)), a._shape, a._dtype);
    return named("linalg_cholesky_ex", ["L", "info"], [L, infoTensor(b.batch, codes)]);
  }
  const L = choleskyOp([a], { upper: opts?.upper ?? false, fname: "linalg.cholesky_ex", name: "LinalgCholeskyExBackward0" });
  return named("linalg_cholesky_ex", ["L", "info"], [L, infoTensor(b.batch, codes)]);
}

interface TriP { upper: boolean; left: boolean; unit: boolean }
/** X with A X = B (left) or X A = B, A triangular; substitution in float64. */
function triSolve(a: Float64Array, bm: Float64Array, n: number, k: number, p: TriP): Float64Array {
  // Right: X A = B  <=>  A^T X^T = B^T (A^T has the other triangle).
  const A = p.left ? a : K.transposed(a, n, n);
  const upper = p.left ? p.upper : !p.upper;
  const B = p.left ? bm.slice() : K.transposed(bm, k, n);
  const cols = p.left ? k : k;
  const order = upper ? Array.from({ length: n }, (_v, i) => n - 1 - i) : Array.from({ length: n }, (_v, i) => i);
  for (const i of order) {
    for (let j = 0; j < cols; j++) {
      let s = B[i * cols + j];
      if (upper) for (let t = i + 1; t < n; t++) s -= A[i * n + t] * B[t * cols + j];
      else for (let t = 0; t < i; t++) s -= A[i * n + t] * B[t * cols + j];
      B[i * cols + j] = p.unit ? s : s / A[i * n + i];
    }
  }
  return p.left ? B : K.transposed(B, n, k);
}
const solveTriangularOp: Op1<TriP> = op1<TriP>("linalg_solve_triangular", {
  name: "LinalgSolveTriangularBackward0",
  forward: ([a, b], p) => {
    const n = a._shape[a._shape.length - 1];
    const rows = b._shape[b._shape.length - 2], cols = b._shape[b._shape.length - 1];
    const batch = broadcastShapes(a._shape.slice(0, -2), b._shape.slice(0, -2));
    const A = batchOf(expand(a.detach(), [...batch, n, n]));
    const B = batchOf(expand(b.detach(), [...batch, rows, cols]));
    const k = p.left ? cols : rows;
    const parts: Float64Array[] = [];
    for (let i = 0; i < A.count; i++) parts.push(triSolve(matrixAt(A, i), matrixAt(B, i), n, k, p));
    return assemble(parts, [...batch, rows, cols], a._dtype);
  },
  save: ([a], [x]) => [["self", a], ["result", x]],
  backward: ([g], [a, x], p) => {
    const gB = solveTriangularOp([mT(a), g], { upper: !p.upper, left: p.left, unit: p.unit });
    const full = p.left ? neg(matmul(gB, mT(x))) : neg(matmul(mT(x), gB));
    // Only the triangle A's values come from gets a gradient (strictly, for unitriangular).
    return [trilMul(full, p.upper ? (p.unit ? 1 : 0) : (p.unit ? -1 : 0), p.upper), gB];
  },
});
export function solve_triangular(a: Tensor, b: Tensor, opts: { upper: boolean; left?: boolean; unitriangular?: boolean }): Tensor {
  if (a._shape.length < 2) throw new RuntimeError("linalg.solve_triangular: The input tensor A must have at least 2 dimensions.");
  if (b._shape.length < 2) throw new RuntimeError("linalg.solve_triangular: The input tensor B must have at least 2 dimensions.");
  checkInputs(a, "linalg.solve_triangular", true);
  if (a._dtype !== b._dtype) throw new RuntimeError(`linalg.solve_triangular: Expected A and B to have the same dtype, but found A of type ${dtypeTitle(a._dtype)} and B of type ${dtypeTitle(b._dtype)} instead`);
  const n = a._shape[a._shape.length - 1];
  const left = opts.left ?? true;
  const bn = left ? b._shape[b._shape.length - 2] : b._shape[b._shape.length - 1];
  if (bn !== n) {
    throw new RuntimeError(`linalg.solve_triangular: Incompatible shapes of A and B for the equation ${left ? "AX = B" : "XA = B"} (${n}x${n} and ${b._shape[b._shape.length - 2]}x${b._shape[b._shape.length - 1]})`);
  }
  return solveTriangularOp([a, b], { upper: opts.upper, left, unit: opts.unitriangular ?? false });
}
