// The matrix-multiply entry the ops call. It routes to the kernel layer (src/engine/kernels),
// which owns the fast WebAssembly paths; this file holds only the call shape and the plain
// reference loop used where no kernel applies (float64, int64).
import type { DType, TypedArray } from "../dtype";
import { gemm as kernelGemm } from "../kernels";

export interface GemmCall {
  transA: boolean;
  transB: boolean;
  m: number;
  n: number;
  k: number;
  a: TypedArray;
  aOffset: number;
  lda: number;
  b: TypedArray;
  bOffset: number;
  ldb: number;
  c: TypedArray;
  cOffset: number;
  ldc: number;
  dtype: DType;
  /** Optional row vector added to every row of C after the product (float32/float64 only). */
  rowAdd?: TypedArray;
  rowAddOffset?: number;
  rowAddStride?: number;
}

type GemmImpl = (p: GemmCall) => boolean;
let fast: GemmImpl | null = null;
/** The kernel layer registers its implementation; it returns false for calls it does not take. */
export function registerGemm(impl: GemmImpl | null): void { fast = impl; }

/** C = op(A)·op(B), row-major, overwriting C. */
export function gemm(p: GemmCall): void {
  if (!p.rowAdd && fast && fast(p)) return;
  if (p.dtype.name === "float32" || p.dtype.name === "float64") {
    kernelGemm({ ...p, a: p.a as Float32Array, b: p.b as Float32Array, c: p.c as Float32Array, rowAdd: p.rowAdd as Float32Array | undefined });
    return;
  }
  const { m, n, k, a, b, c, aOffset, bOffset, cOffset, lda, ldb, ldc, transA, transB } = p;
  const row = new Float64Array(n);
  const cast = p.dtype.name === "int64" ? Math.trunc : (x: number) => x;
  for (let i = 0; i < m; i++) {
    row.fill(0);
    for (let kk = 0; kk < k; kk++) {
      const av = transA ? a[aOffset + kk * lda + i] : a[aOffset + i * lda + kk];
      if (!transB) {
        const bo = bOffset + kk * ldb;
        for (let j = 0; j < n; j++) row[j] += av * b[bo + j];
      } else {
        for (let j = 0; j < n; j++) row[j] += av * b[bOffset + j * ldb + kk];
      }
    }
    const co = cOffset + i * ldc;
    for (let j = 0; j < n; j++) c[co + j] = cast(row[j]);
  }
}
