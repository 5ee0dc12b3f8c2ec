// Matrix products with PyTorch's matmul dispatch (1-D/2-D/batched) and grad_fn names:
// mm → MmBackward0, mv → MvBackward0, dot → DotBackward0, bmm → BmmBackward0, and matmul's
// reshapes as UnsafeViewBackward0 / SqueezeBackward3 exactly where PyTorch records them.
import { Tensor } from "../tensor";
import { op1 } from "./define";
import { readDense } from "./loops";
import { float32, type TypedArray } from "../dtype";
import { RuntimeError } from "../errors";
import { gemm } from "./gemm";
import { add, mul } from "./elementwise";
import { _squeezeForMatmul, _unsafeView, contiguous, expand, mT, reshape, t as tr, transpose, unsqueeze } from "./views";
import { dtypeTitle } from "./reduce";
import { broadcastShapes, numelOf } from "../shape";
import { is_grad_enabled } from "../autograd/grad_mode";

/** Whether a matrix is the transpose of a dense one (what nn.Linear's weight.t() is). */
function isTransposedDense(t: Tensor): boolean {
  return t._shape.length === 2 && t._strides[0] === 1 && t._strides[1] === t._shape[0] && t._shape[0] > 1 && t._shape[1] > 1;
}

/**
 * The gradient of the right operand, a^T·g. When `like` is a transposed dense matrix (a
 * Linear weight's .t()) and no graph is being built, it is computed as (g^T·a)^T, so the result
 * is itself a transposed view of a dense matrix and the weight's gradient arrives dense, with
 * no transposing copy later. Each element is the same dot product over the same k order, and
 * the kernels give bit-identical results for both forms (checked in test/unit/linalg_grad).
 */
function rightGrad(a: Tensor, g: Tensor, like: Tensor): Tensor {
  if (!is_grad_enabled() && isTransposedDense(like)) return transpose(mm(transpose(g, 0, 1), a), 0, 1);
  return mm(transpose(a, 0, 1), g);
}
/** x * alpha, skipped (as PyTorch's maybe_multiply) when alpha is 1 and no graph is being built. */
function scaled(x: Tensor, alpha: number): Tensor {
  return alpha === 1 && !is_grad_enabled() ? x : mul(x, alpha);
}

function sameDtype(a: Tensor, b: Tensor): void {
  if (a._dtype !== b._dtype) throw new RuntimeError(`expected scalar type ${dtypeTitle(a._dtype)} but found ${dtypeTitle(b._dtype)}`);
}

/**
 * How a (batch of) matrix view(s) can be handed to GEMM without a copy: row-major (unit column
 * stride) or transposed (unit row stride). Anything else is copied to dense first.
 */
interface MatrixLayout { data: TypedArray; offset: number; ld: number; trans: boolean; batchStride: number }
function layoutOf(t: Tensor): MatrixLayout {
  const nd = t._shape.length;
  const rows = t._shape[nd - 2], cols = t._shape[nd - 1];
  const rs = t._strides[nd - 2], cs = t._strides[nd - 1];
  const batchOk = nd === 2 || t._shape[0] === 1 || t._strides[0] >= 0;
  if (batchOk && (cs === 1 || cols === 1) && rs >= cols) return { data: t._storage.data, offset: t._offset, ld: Math.max(rs, 1), trans: false, batchStride: nd === 3 ? t._strides[0] : 0 };
  if (batchOk && (rs === 1 || rows === 1) && cs >= rows) return { data: t._storage.data, offset: t._offset, ld: Math.max(cs, 1), trans: true, batchStride: nd === 3 ? t._strides[0] : 0 };
  const d = readDense(t);
  return { data: d, offset: 0, ld: cols, trans: false, batchStride: rows * cols };
}

/**
 * From this many elements a product's float32 storage is not zero-filled first: the GEMM below
 * writes every element of C (beta 0), and zeroing ~1 MB (nn.Linear's weight gradient) costs
 * about what the GEMM's copy into it does.
 */
const UNINIT_MIN = 1 << 14;
function uninitF32(n: number): Float32Array {
  return new Float32Array(Buffer.allocUnsafeSlow(n * 4).buffer, 0, n);
}

/** A row vector the GEMM adds to every row of its result (nn.Linear's bias). */
interface RowAdd { data: TypedArray; offset: number; stride: number }

/** C = A·B (+ a row vector) for a batch of matrices (2-D: batch 1), without copying transposed views. */
function batchedProduct(a: Tensor, b: Tensor, batch: number, m: number, k: number, n: number, outShape: number[], rowAdd?: RowAdd): Tensor {
  const A = layoutOf(a.dim() === 1 ? a.view(1, k) : a);
  const B = layoutOf(b.dim() === 1 ? b.view(k, 1) : b);
  const dtype = a._dtype;
  const C = dtype === float32 && batch * m * n >= UNINIT_MIN ? uninitF32(batch * m * n) : dtype.alloc(batch * m * n);
  for (let i = 0; i < batch; i++) {
    gemm({
      transA: A.trans, transB: B.trans, m, n, k,
      a: A.data, aOffset: A.offset + i * A.batchStride, lda: A.ld,
      b: B.data, bOffset: B.offset + i * B.batchStride, ldb: B.ld,
      c: C, cOffset: i * m * n, ldc: n, dtype,
      rowAdd: rowAdd?.data, rowAddOffset: rowAdd?.offset, rowAddStride: rowAdd?.stride,
    });
  }
  return Tensor._make(C, outShape, dtype);
}

const mmOp = op1("mm", {
  name: "MmBackward0",
  forward: ([a, b]) => batchedProduct(a, b, 1, a._shape[0], a._shape[1], b._shape[1], [a._shape[0], b._shape[1]]),
  save: ([a, b]) => [["self", a], ["mat2", b]],
  backward: ([g], [a, b]) => [mm(g, transpose(b, 0, 1)), rightGrad(a, g, b)],
});
export function mm(a: Tensor, b: Tensor): Tensor {
  if (a._shape.length !== 2) throw new RuntimeError(`self must be a matrix`);
  if (b._shape.length !== 2) throw new RuntimeError(`mat2 must be a matrix`);
  if (a._shape[1] !== b._shape[0]) {
    throw new RuntimeError(`mat1 and mat2 shapes cannot be multiplied (${a._shape[0]}x${a._shape[1]} and ${b._shape[0]}x${b._shape[1]})`);
  }
  sameDtype(a, b);
  return mmOp([a, b], undefined);
}

const mvOp = op1("mv", {
  name: "MvBackward0",
  forward: ([a, v]) => batchedProduct(a, v, 1, a._shape[0], a._shape[1], 1, [a._shape[0]]),
  save: ([a, v]) => [["self", a], ["vec", v]],
  backward: ([g], [a, v]) => [mul(unsqueeze(g, 1), v), mv(transpose(a, 0, 1), g)],
});
export function mv(a: Tensor, v: Tensor): Tensor {
  if (a._shape.length !== 2 || v._shape.length !== 1) {
    throw new RuntimeError(`vector + matrix @ vector expected, got 1, ${a._shape.length}, ${v._shape.length}`);
  }
  if (a._shape[1] !== v._shape[0]) {
    throw new RuntimeError(`size mismatch, got ${a._shape[0]}, ${a._shape[0]}x${a._shape[1]},${v._shape[0]}`);
  }
  sameDtype(a, v);
  return mvOp([a, v], undefined);
}

const dotOp = op1("dot", {
  name: "DotBackward0",
  forward: ([a, b]) => batchedProduct(a, b, 1, 1, a._shape[0], 1, []),
  save: ([a, b]) => [["self", a], ["tensor", b]],
  backward: ([g], [a, b]) => [mul(g, b), mul(g, a)],
});
export function dot(a: Tensor, b: Tensor): Tensor {
  if (a._shape.length !== 1 || b._shape.length !== 1) {
    throw new RuntimeError(`1D tensors expected, but got ${a._shape.length}D and ${b._shape.length}D tensors`);
  }
  if (a._shape[0] !== b._shape[0]) {
    throw new RuntimeError(`inconsistent tensor size, expected tensor [${a._shape[0]}] and src [${b._shape[0]}] to have the same number of elements, but got ${a._shape[0]} and ${b._shape[0]} elements respectively`);
  }
  if (a._dtype !== b._dtype) throw new RuntimeError(`dot : expected both vectors to have same dtype, but found ${dtypeTitle(a._dtype)} and ${dtypeTitle(b._dtype)}`);
  return dotOp([a, b], undefined);
}
export const inner = dot;

const bmmOp = op1("bmm", {
  name: "BmmBackward0",
  forward: ([a, b]) => batchedProduct(a, b, a._shape[0], a._shape[1], a._shape[2], b._shape[2], [a._shape[0], a._shape[1], b._shape[2]]),
  save: ([a, b]) => [["self", a], ["mat2", b]],
  backward: ([g], [a, b]) => [bmm(g, transpose(b, 1, 2)), bmm(transpose(a, 1, 2), g)],
});
export function bmm(a: Tensor, b: Tensor): Tensor {
  if (a._shape.length !== 3) throw new RuntimeError(`batch1 must be a 3D tensor`);
  if (b._shape.length !== 3) throw new RuntimeError(`batch2 must be a 3D tensor`);
  if (a._shape[0] !== b._shape[0] || a._shape[2] !== b._shape[1]) {
    throw new RuntimeError(`Expected size for first two dimensions of batch2 tensor to be: [${a._shape[0]}, ${a._shape[2]}] but got: [${b._shape[0]}, ${b._shape[1]}].`);
  }
  sameDtype(a, b);
  return bmmOp([a, b], undefined);
}

/** PyTorch's torch.matmul dispatch (aten/src/ATen/native/LinearAlgebra.cpp, matmul). */
export function matmul(a: Tensor, b: Tensor): Tensor {
  const da = a._shape.length, db = b._shape.length;
  if (da === 0 || db === 0) {
    throw new RuntimeError(`both arguments to matmul need to be at least 1D, but they are ${da}D and ${db}D`);
  }
  if (da === 1 && db === 1) return dot(a, b);
  if (da === 2 && db === 1) return mv(a, b);
  if (da === 1 && db === 2) return _squeezeForMatmul(mm(unsqueeze(a, 0), b), 0);
  if (da === 2 && db === 2) return mm(a, b);
  // PyTorch folds (..., n, k) @ (k[, m]) into one mm/mv; with the big operand on the right it
  // folds the transposed problem and transposes back (a contiguous copy: CloneBackward0).
  const fold = (x: Tensor, y: Tensor) => x._shape.length >= 3 && (y._shape.length === 1 || y._shape.length === 2);
  if (fold(a, b) || fold(b, a)) {
    const transposed = db > da;
    const t1 = transposed ? mT(b) : a;
    const t2 = transposed ? (da === 2 ? tr(a) : a) : b;
    const s1 = t1._shape;
    const rows = numelOf(s1.slice(0, -1));
    const k = s1[s1.length - 1];
    const outShape = [...s1.slice(0, -1), ...(t2._shape.length === 2 ? [t2._shape[1]] : [])];
    const folded = reshape(t1, [rows, k]);
    if (t2._shape.length === 1) {
      if (t2._shape[0] !== k) throw new RuntimeError(`size mismatch, got ${rows}, ${rows}x${k},${t2._shape[0]}`);
      return _unsafeView(mv(folded, t2), outShape);
    }
    if (t2._shape[0] !== k) throw new RuntimeError(`mat1 and mat2 shapes cannot be multiplied (${rows}x${k} and ${t2._shape[0]}x${t2._shape[1]})`);
    const out = _unsafeView(mm(folded, t2), outShape);
    return transposed ? contiguous(mT(out)) : out;
  }
  // Batched: broadcast batch dims, then bmm.
  const aM = da === 1 ? unsqueeze(a, 0) : a;
  const bM = db === 1 ? unsqueeze(b, -1) : b;
  const n = aM._shape[aM._shape.length - 2], k = aM._shape[aM._shape.length - 1];
  const k2 = bM._shape[bM._shape.length - 2], p = bM._shape[bM._shape.length - 1];
  if (k !== k2) {
    throw new RuntimeError(`Expected size for first two dimensions of batch2 tensor to be: [${numelOf(aM._shape.slice(0, -2))}, ${k}] but got: [${numelOf(bM._shape.slice(0, -2))}, ${k2}].`);
  }
  const batch = broadcastShapes(aM._shape.slice(0, -2), bM._shape.slice(0, -2));
  const nb = numelOf(batch);
  const a3 = reshape(expand(aM, [...batch, n, k]), [nb, n, k]);
  const b3 = reshape(expand(bM, [...batch, k, p]), [nb, k, p]);
  const outShape = [...batch, ...(da === 1 ? [] : [n]), ...(db === 1 ? [] : [p])];
  return _unsafeView(bmm(a3, b3), outShape);
}

/** beta*input + alpha*(m1 @ m2), recorded as AddmmBackward0 (what nn.Linear produces). */
const addmmOp = op1<{ beta: number; alpha: number }>("addmm", {
  name: "AddmmBackward0",
  forward: ([bias, m1, m2], p) => {
    const n = m2._shape[1];
    if (p.beta === 1 && p.alpha === 1 && m1._dtype === float32 && m2._dtype === float32 && bias._dtype === float32 && bias._shape.length === 1 && bias._shape[0] === n && n > 0) {
      // nn.Linear: the kernels add the bias row to the product before handing it back
      // (fround(bias + product), the same arithmetic as the loop below with alpha = beta = 1).
      return batchedProduct(m1, m2, 1, m1._shape[0], m1._shape[1], n, [m1._shape[0], n],
        { data: bias._storage.data, offset: bias._offset, stride: bias._strides[0] });
    }
    const prod = batchedProduct(m1, m2, 1, m1._shape[0], m1._shape[1], m2._shape[1], [m1._shape[0], m2._shape[1]]);
    const outShape = prod._shape;
    const C = prod._storage.data;
    const cols = outShape[1];
    if (C instanceof Float32Array && bias._dtype === prod._dtype && bias._shape.length === 1 && bias._shape[0] === cols && cols > 0) {
      // nn.Linear's bias row: no broadcast copy, no per-element cast call (same arithmetic).
      const bd = bias._storage.data, bo = bias._offset, bs = bias._strides[0], beta = p.beta, alpha = p.alpha;
      for (let i = 0; i < C.length; i += cols) {
        for (let j = 0; j < cols; j++) C[i + j] = Math.fround(beta * bd[bo + j * bs] + alpha * C[i + j]);
      }
      return prod;
    }
    const B = expandDense(bias, outShape);
    for (let i = 0; i < C.length; i++) C[i] = prod._dtype.cast(p.beta * B[i] + p.alpha * C[i]);
    return prod;
  },
  save: ([, m1, m2]) => [["mat1", m1], ["mat2", m2]],
  backward: ([g], [m1, m2], p) => [
    p.beta === 1 ? g : mul(g, p.beta),
    scaled(mm(g, transpose(m2, 0, 1)), p.alpha),
    scaled(rightGrad(m1, g, m2), p.alpha),
  ],
});
function expandDense(t: Tensor, shape: number[]): ArrayLike<number> {
  return readDense(expand(t.detach(), shape));
}
export function addmm(input: Tensor, m1: Tensor, m2: Tensor, opts?: { beta?: number; alpha?: number }): Tensor {
  if (m1._shape[1] !== m2._shape[0]) {
    throw new RuntimeError(`mat1 and mat2 shapes cannot be multiplied (${m1._shape[0]}x${m1._shape[1]} and ${m2._shape[0]}x${m2._shape[1]})`);
  }
  return addmmOp([input, m1, m2], { beta: opts?.beta ?? 1, alpha: opts?.alpha ?? 1 });
}

/** F.linear: addmm for 2-D input with bias, matmul (+ add) otherwise, as PyTorch records it. */
export function linear(input: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  const wt = tr(weight);
  if (input._shape.length === 2 && bias) return addmm(bias, input, wt);
  const out = matmul(input, wt);
  return bias ? add(out, bias) : out;
}
/** As ATen: `self.reshape({n, 1}) * vec2` (ViewBackward0 under MulBackward0; 1.13 printed ReshapeAliasBackward0). */
export function outer(a: Tensor, b: Tensor): Tensor { return mul(reshape(a, [a._shape[0] ?? 1, 1]), b); }
