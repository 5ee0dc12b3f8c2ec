// The float64 kernels under torch.linalg, on their own: factorizations reconstruct their input,
// factors are orthonormal/triangular, the tridiagonal-QL eigen solver agrees with plain Jacobi,
// and degenerate inputs (repeated eigenvalues, zero and rank-deficient matrices, 1x1) work.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as K from "../../src/engine/ops/linalg_kernels";

let seed = 7;
const rnd = (): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648 - 0.5; };
const random = (m: number, n: number): Float64Array => Float64Array.from({ length: m * n }, rnd);
const symmetric = (n: number): Float64Array => { const a = random(n, n); const s = new Float64Array(n * n); for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) s[i * n + j] = a[i * n + j] + a[j * n + i]; return s; };
function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number { let m = 0; for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i])); return m; }
function orthonormalColumns(q: Float64Array, rows: number, cols: number): number {
  return maxDiff(K.matmulRaw(K.transposed(q, rows, cols), q, cols, rows, cols), K.identity(cols));
}
function eigenCheck(a: Float64Array, n: number, what: string): Float64Array {
  const { values, vectors } = K.symmetricEigen(a, n);
  for (let i = 1; i < n; i++) assert.ok(values[i - 1] <= values[i], `${what}: ascending`);
  assert.ok(orthonormalColumns(vectors, n, n) < 1e-12, `${what}: V^T V = I`);
  const vl = vectors.map((x, i) => x * values[i % n]);
  assert.ok(maxDiff(K.matmulRaw(vl, K.transposed(vectors, n, n), n, n, n), a) < 1e-12 * Math.max(1, n), `${what}: V diag(L) V^T = A`);
  return values;
}

test("symmetric eigen: QL agrees with Jacobi and reconstructs, for sizes 1..12", () => {
  for (let n = 1; n <= 12; n++) {
    const a = symmetric(n);
    const values = eigenCheck(a, n, `n=${n}`);
    const j = K._jacobiSymmetricEigen(a, n);
    const sorted = Array.from(j.d).sort((x, y) => x - y);
    assert.ok(maxDiff(values, sorted) < 1e-12, `n=${n}: eigenvalues agree with Jacobi`);
  }
});

test("symmetric eigen: repeated eigenvalues, zero matrix, diagonal input", () => {
  eigenCheck(K.identity(4), 4, "identity");
  eigenCheck(new Float64Array(9), 3, "zero");
  const d = Float64Array.from([3, 0, 0, 0, -1, 0, 0, 0, 3]);
  assert.deepEqual(Array.from(eigenCheck(d, 3, "diagonal")), [-1, 3, 3]);
  // Rank one: u u^T.
  const u = [1, 2, -1, 0.5];
  eigenCheck(Float64Array.from({ length: 16 }, (_v, i) => u[Math.floor(i / 4)] * u[i % 4]), 4, "rank one");
});

test("svd: reconstruction and orthonormal factors for tall, wide, square, rank-deficient and zero matrices", () => {
  const cases: [number, number, Float64Array][] = [[5, 3, random(5, 3)], [3, 5, random(3, 5)], [4, 4, random(4, 4)], [3, 3, new Float64Array(9)],
    [4, 3, Float64Array.from([1, 2, 3, 2, 4, 6, 1, 1, 1, 3, 5, 7])]];
  for (const [m, n, a] of cases) {
    for (const full of [false, true]) {
      const k = Math.min(m, n);
      const { u, s, vh } = K.svd(a, m, n, full);
      const uc = full ? m : k, vr = full ? n : k;
      assert.ok(orthonormalColumns(u, m, uc) < 1e-12, `${m}x${n} full=${full}: U`);
      assert.ok(orthonormalColumns(K.transposed(vh, vr, n), n, vr) < 1e-12, `${m}x${n} full=${full}: V`);
      for (let i = 1; i < k; i++) assert.ok(s[i - 1] >= s[i] && s[i] >= 0, "descending, non-negative");
      const us = new Float64Array(m * k);
      for (let i = 0; i < m; i++) for (let j = 0; j < k; j++) us[i * k + j] = u[i * uc + j] * s[j];
      assert.ok(maxDiff(K.matmulRaw(us, vh.subarray(0, k * n), m, k, n), a) < 1e-12, `${m}x${n} full=${full}: U S Vh = A`);
    }
  }
});

test("qr: Q orthonormal, R upper triangular with LAPACK's signs (R[0][0] = -sign(a00)·|a_0|)", () => {
  for (const [m, n] of [[5, 3], [3, 5], [4, 4]]) {
    const a = random(m, n);
    for (const complete of [false, true]) {
      const { q, r, qCols } = K.householderQR(a, m, n, complete);
      assert.ok(orthonormalColumns(q, m, qCols) < 1e-12, `${m}x${n}: Q`);
      const rows = complete ? m : Math.min(m, n);
      for (let i = 0; i < rows; i++) for (let j = 0; j < Math.min(i, n); j++) assert.equal(r[i * n + j], 0, "R is upper triangular");
      assert.ok(maxDiff(K.matmulRaw(q, r, m, qCols, n), a) < 1e-12, `${m}x${n}: QR = A`);
      let col0 = 0;
      for (let i = 0; i < m; i++) col0 = Math.hypot(col0, a[i * n]);
      assert.ok(Math.abs(r[0] + Math.sign(a[0]) * col0) < 1e-12, "R[0][0] sign as LAPACK's geqrf");
    }
  }
});

test("lu, cholesky and matrix_exp on known values", () => {
  const a = Float64Array.from([4, 2, 2, 3]);
  const f = K.luFactor(a, 2);
  const inv = K.identity(2);
  K.luSolve(f, 2, inv, 2);
  assert.ok(maxDiff(inv, [0.375, -0.25, -0.25, 0.5]) < 1e-15);
  assert.equal(K.luFactor(Float64Array.from([1, 2, 2, 4]), 2).zeroAt, 1);
  const { l, failedOrder } = K.cholesky(a, 2);
  assert.equal(failedOrder, 0);
  assert.ok(maxDiff(l, [2, 0, 1, Math.sqrt(2)]) < 1e-15);
  assert.equal(K.cholesky(Float64Array.from([1, 2, 2, 1]), 2).failedOrder, 2);
  // exp of a rotation generator is the rotation; exp of a nilpotent matrix is I + N.
  const t = 2.5;
  assert.ok(maxDiff(K.matrixExp(Float64Array.from([0, -t, t, 0]), 2), [Math.cos(t), -Math.sin(t), Math.sin(t), Math.cos(t)]) < 1e-14);
  assert.ok(maxDiff(K.matrixExp(Float64Array.from([0, 3, 0, 0]), 2), [1, 3, 0, 1]) < 1e-15);
});
