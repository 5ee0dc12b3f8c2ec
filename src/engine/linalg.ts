// `torch.linalg`: the namespace user files call as torch.linalg.norm(...), torch.linalg.inv(...).
// Norms are composed as PyTorch composes them (matrix_norm('nuc') is a sum of svdvals, ord=±1/±inf
// an amax/amin of vector norms), so the recorded graph has PyTorch's nodes.
import { Tensor } from "./tensor";
import { RuntimeError } from "./errors";
import { DType } from "./dtype";
import { amax, amin, dtypeTitle, linalg_vector_norm, normDims, sum } from "./ops/reduce";
import { svdvals, inv_ex, checkInputs } from "./ops/linalg_decomp";
import { div, mul } from "./ops/elementwise";
import { nan_to_num } from "./ops/pointwise_more";
import { numelOf } from "./shape";
import { diagonal as torchDiagonal } from "./ops/reshaping";
import { vectorNormOrd0 } from "./ops/linalg_products";
import { wrapDim } from "./shape";
import { unsqueeze } from "./ops/views";

export {
  inv, det, slogdet, solve, cholesky, qr, eigh, eigvalsh, svd, svdvals, pinv, matrix_rank, lstsq,
  matrix_exp, matrix_power, LinAlgError, inv_ex, cholesky_ex, solve_triangular,
} from "./ops/linalg_decomp";
export type { SlogdetResult, QrResult, EighResult, SvdResult, LstsqResult, InvExResult, CholeskyExResult } from "./ops/linalg_decomp";
export { multi_dot } from "./ops/einsum";
export { linalg_cross as cross, vecdot } from "./ops/linalg_products";
export { matmul } from "./ops/linalg";

type Ord = number | "fro" | "nuc";
type DimArg = number | readonly number[] | null | undefined;
export interface VectorNormOpts { ord?: number; dim?: DimArg; keepdim?: boolean; dtype?: DType | null }
export interface MatrixNormOpts { ord?: Ord; dim?: readonly number[]; keepdim?: boolean; dtype?: DType | null }
export interface NormOpts { ord?: Ord | null; dim?: DimArg; keepdim?: boolean; dtype?: DType | null }

function floatCheck(t: Tensor, fname: string): void {
  if (!t._dtype.isFloatingPoint) throw new RuntimeError(`${fname}: Expected a floating point or complex tensor as input. Got ${dtypeTitle(t._dtype)}`);
}

/** Positional arguments, then (anywhere) one options object with PyTorch's keyword names. */
function mergeArgs<O>(names: readonly (keyof O & string)[], args: readonly unknown[]): O {
  const o: Record<string, unknown> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a !== null && typeof a === "object" && !Array.isArray(a) && !(a instanceof DType) && !(a instanceof Tensor)) {
      Object.assign(o, a);
      break;
    }
    if (a !== undefined) o[names[i]] = a;
  }
  return o as O;
}

export function vector_norm(x: Tensor, ord?: number | VectorNormOpts, dim?: DimArg | VectorNormOpts, keepdim?: boolean | VectorNormOpts, opts?: VectorNormOpts): Tensor {
  const o = mergeArgs<VectorNormOpts>(["ord", "dim", "keepdim", "dtype"], [ord, dim, keepdim, opts]);
  floatCheck(x, "linalg.vector_norm");
  const src = o.dtype && o.dtype !== x._dtype ? x.to(o.dtype) : x;
  const dims = o.dim === null || o.dim === undefined ? normDims(null, x._shape.length) : normDims(o.dim, x._shape.length);
  const p = o.ord ?? 2;
  // ord=0 counts nonzeros: PyTorch records the node but passes no gradient (the input's grad stays None).
  if (p === 0) return vectorNormOrd0(src, dims, o.keepdim ?? false);
  return linalg_vector_norm(src, p, dims, o.keepdim ?? false);
}

export function matrix_norm(A: Tensor, ord?: Ord | MatrixNormOpts, dim?: readonly number[] | MatrixNormOpts, keepdim?: boolean | MatrixNormOpts, opts?: MatrixNormOpts): Tensor {
  const o = mergeArgs<MatrixNormOpts>(["ord", "dim", "keepdim", "dtype"], [ord, dim, keepdim, opts]);
  const nd = A._shape.length;
  if (nd < 2) throw new RuntimeError("linalg.matrix_norm: The input tensor A must have at least 2 dimensions.");
  floatCheck(A, "linalg.matrix_norm");
  const p = o.ord ?? "fro";
  const [d0, d1] = (o.dim ?? [-2, -1]).map((d) => wrapDim(d, nd));
  const kd = o.keepdim ?? false;
  const x = o.dtype && o.dtype !== A._dtype ? A.to(o.dtype) : A;
  if (p === "fro") return linalg_vector_norm(x, 2, [d0, d1], kd);
  if (p === "nuc" || p === 2 || p === -2) {
    // Singular values of the (d0, d1) matrices: move them last.
    const nd2 = x._shape.length;
    const perm = [...Array.from({ length: nd2 }, (_v, i) => i).filter((i) => i !== d0 && i !== d1), d0, d1];
    const s = svdvals(x.permute(perm));
    const r = p === "nuc" ? sum(s, -1, kd) : p === 2 ? amax(s, -1, kd) : amin(s, -1, kd);
    if (!kd) return r;
    // keepdim: back to the input's dim order, as PyTorch does (a permute after the unsqueeze).
    const inv = new Array<number>(nd2);
    perm.forEach((d, i) => (inv[d] = i));
    return unsqueeze(r, -1).permute(inv);
  }
  if (p === 1 || p === -1 || p === Infinity || p === -Infinity) {
    // 1: max column sum (sum over rows d0); inf: max row sum (sum over columns d1).
    const sumDim = p === 1 || p === -1 ? d0 : d1;
    const other = sumDim === d0 ? d1 : d0;
    const v = linalg_vector_norm(x, 1, [sumDim], kd);
    const od = kd || other < sumDim ? other : other - 1;
    return p > 0 ? amax(v, od, kd) : amin(v, od, kd);
  }
  throw new RuntimeError(`linalg.matrix_norm: Order ${String(p)} not supported.`);
}
/** linalg.norm: vector norm of the flattened input without ord and dim; a matrix norm for ord with 2-D or a 2-tuple dim. */
export function norm(A: Tensor, ord?: Ord | null | NormOpts, dim?: DimArg | NormOpts, keepdim?: boolean | NormOpts, opts?: NormOpts): Tensor {
  const o = mergeArgs<NormOpts>(["ord", "dim", "keepdim", "dtype"], [ord, dim, keepdim, opts]);
  const d = o.dim;
  const kd = o.keepdim ?? false;
  if (d !== null && d !== undefined) {
    const ds = typeof d === "number" ? [d] : [...d];
    if (ds.length === 1) {
      if (typeof o.ord === "string") throw new RuntimeError(`linalg.vector_norm: Expected a valid vector norm order, but got ${o.ord}`);
      return vector_norm(A, { ord: o.ord ?? 2, dim: ds, keepdim: kd, dtype: o.dtype });
    }
    return matrix_norm(A, { ord: o.ord ?? "fro", dim: ds, keepdim: kd, dtype: o.dtype });
  }
  if (o.ord === null || o.ord === undefined) return vector_norm(A, { ord: 2, keepdim: kd, dtype: o.dtype });
  if (A._shape.length === 2 || typeof o.ord === "string") return matrix_norm(A, { ord: o.ord, keepdim: kd, dtype: o.dtype });
  if (A._shape.length === 1) return vector_norm(A, { ord: o.ord, keepdim: kd, dtype: o.dtype });
  throw new RuntimeError(`linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. Got ${A._shape.length}D.`);
}

/**
 * linalg.cond: σ_max/σ_min from svdvals for ord None/±2 (squeezed, as PyTorch); otherwise
 * ‖A‖·‖A⁻¹‖ in that norm, through nan_to_num for fro/±1/±inf (NanToNumBackward0) like PyTorch.
 * A singular matrix gives inf for the norm-based orders.
 */
export function cond(A: Tensor, p?: Ord | null | { p?: Ord | null }): Tensor {
  const ord = p !== null && typeof p === "object" ? p.p : p;
  if (ord === null || ord === undefined || ord === 2 || ord === -2) {
    if (A._shape.length < 2) throw new RuntimeError("linalg.cond: The input tensor A must have at least 2 dimensions.");
    const s = svdvals(A);
    const k = s._shape[s._shape.length - 1];
    const first = s.narrow(-1, 0, 1), last = s.narrow(-1, k - 1, 1);
    return (ord === -2 ? div(last, first) : div(first, last)).squeeze(-1);
  }
  checkInputs(A, `linalg.cond(ord=${String(ord)})`, true);
  const { inverse, info } = inv_ex(A);
  if (info._values(0, info.numel()).some((c) => c !== 0)) {
    return Tensor._make(A._dtype.alloc(numelOf(A._shape.slice(0, -2))).fill(Infinity), A._shape.slice(0, -2), A._dtype);
  }
  const r = mul(matrix_norm(A, ord), matrix_norm(inverse, ord));
  return ord === "nuc" ? r : nan_to_num(r, Infinity, Infinity, -Infinity);
}

/** linalg.diagonal: torch.diagonal over the last two dims by default. */
export function diagonal(A: Tensor, opts?: { offset?: number; dim1?: number; dim2?: number }): Tensor {
  return torchDiagonal(A, { offset: opts?.offset ?? 0, dim1: opts?.dim1 ?? -2, dim2: opts?.dim2 ?? -1 });
}

/** Complex results (linalg.eig, eigvals) need a complex dtype, which the engine does not have. */
function complexOnly(name: string): never {
  throw new RuntimeError(`torch.linalg.${name} returns complex tensors, and Gradient Inspector has no complex dtype; for symmetric matrices use torch.linalg.${name === "eig" ? "eigh" : "eigvalsh"}`);
}
export function eig(_A: Tensor): never { return complexOnly("eig"); }
export function eigvals(_A: Tensor): never { return complexOnly("eigvals"); }
