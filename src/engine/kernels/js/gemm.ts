// Plain JS GEMM: the float64 kernel, the float32 fallback where WebAssembly SIMD is missing, and
// the reference the WebAssembly kernel is tested against. Products are summed in float64 (JS
// numbers) and rounded once when stored, so float32 results are at least as accurate as SIMD.
import type { BatchedGemmParams, FloatArray, GemmParams } from "../types";

// One row of float64 partial sums, grown on demand and reused (no per-call garbage).
let rowAcc = new Float64Array(256);

export function gemmJs(p: GemmParams): void {
  const { transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc } = p;
  const alpha = p.alpha ?? 1;
  const beta = p.beta ?? 0;
  if (m <= 0 || n <= 0) return;
  scaleRows(c, cOffset, m, n, ldc, beta);
  if (k <= 0 || alpha === 0) return;
  // A(i, p) sits at aRow + p * aStep.
  const aRowStep = transA ? 1 : lda;
  const aStep = transA ? lda : 1;
  if (!transB) {
    // i-p-j order: B's rows and C's row are walked contiguously.
    if (rowAcc.length < n) rowAcc = new Float64Array(Math.max(n, rowAcc.length * 2));
    const acc = rowAcc;
    for (let i = 0; i < m; i++) {
      acc.fill(0, 0, n);
      const aRow = aOffset + i * aRowStep;
      for (let q = 0; q < k; q++) {
        const aiq = a[aRow + q * aStep];
        const bRow = bOffset + q * ldb;
        for (let j = 0; j < n; j++) acc[j] += aiq * b[bRow + j];
      }
      const cRow = cOffset + i * ldc;
      for (let j = 0; j < n; j++) c[cRow + j] += alpha * acc[j];
    }
  } else {
    // B stored n x k: each C entry is a dot product of two contiguous runs when A is not transposed.
    for (let i = 0; i < m; i++) {
      const aRow = aOffset + i * aRowStep;
      const cRow = cOffset + i * ldc;
      for (let j = 0; j < n; j++) {
        const bRow = bOffset + j * ldb;
        let s = 0;
        for (let q = 0; q < k; q++) s += a[aRow + q * aStep] * b[bRow + q];
        c[cRow + j] += alpha * s;
      }
    }
  }
}

/** C = beta * C over an m x n block; beta 0 writes zeros (old NaN/Inf are dropped, as BLAS does). */
export function scaleRows(c: FloatArray, off: number, m: number, n: number, ld: number, beta: number): void {
  if (beta === 1) return;
  for (let i = 0; i < m; i++) {
    const row = off + i * ld;
    if (beta === 0) c.fill(0, row, row + n);
    else for (let j = row; j < row + n; j++) c[j] *= beta;
  }
}

/** Runs `gemm` once per batch entry, moving each array's offset by its stride. */
export function batchedGemm<T extends FloatArray>(p: BatchedGemmParams<T>, gemm: (q: GemmParams<T>) => void): void {
  const q: GemmParams<T> = { ...p };
  for (let i = 0; i < p.batch; i++) {
    q.aOffset = p.aOffset + i * p.strideA;
    q.bOffset = p.bOffset + i * p.strideB;
    q.cOffset = p.cOffset + i * p.strideC;
    gemm(q);
  }
}
