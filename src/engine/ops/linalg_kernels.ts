// Dense float64 factorizations for torch.linalg, on one row-major matrix at a time. They know
// nothing of tensors or autograd (linalg_decomp.ts wraps them). Everything runs in float64 even
// for float32 inputs, and the caller rounds the results to float32 at the end: PyTorch calls
// LAPACK in the input's precision, so float32 results agree with PyTorch's to float32 rounding
// error, not bit for bit.
//
// Where a result is not unique (signs of eigenvectors and singular vectors), these pick their own
// convention; PyTorch's LAPACK picks another. Reconstructions agree, raw vectors may differ in sign.

/** LU with partial pivoting as LAPACK's getrf: the first largest |pivot| wins ties. */
export interface LU { lu: Float64Array; piv: Int32Array; sign: number; zeroAt: number }
export function luFactor(a: Float64Array, n: number): LU {
  const lu = a.slice();
  const piv = new Int32Array(n);
  let sign = 1, zeroAt = -1;
  for (let k = 0; k < n; k++) {
    let p = k, best = Math.abs(lu[k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(lu[i * n + k]);
      if (v > best) { best = v; p = i; }
    }
    piv[k] = p;
    if (p !== k) {
      sign = -sign;
      for (let j = 0; j < n; j++) { const t = lu[k * n + j]; lu[k * n + j] = lu[p * n + j]; lu[p * n + j] = t; }
    }
    const d = lu[k * n + k];
    if (d === 0) { if (zeroAt < 0) zeroAt = k; continue; }
    for (let i = k + 1; i < n; i++) {
      const f = (lu[i * n + k] /= d);
      if (f !== 0) for (let j = k + 1; j < n; j++) lu[i * n + j] -= f * lu[k * n + j];
    }
  }
  return { lu, piv, sign, zeroAt };
}

/** Solves A X = B in place of B (n x nrhs, row-major) from A's LU. */
export function luSolve(f: LU, n: number, b: Float64Array, nrhs: number): void {
  const { lu, piv } = f;
  for (let k = 0; k < n; k++) {
    const p = piv[k];
    if (p !== k) for (let j = 0; j < nrhs; j++) { const t = b[k * nrhs + j]; b[k * nrhs + j] = b[p * nrhs + j]; b[p * nrhs + j] = t; }
  }
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < i; k++) {
      const l = lu[i * n + k];
      if (l !== 0) for (let j = 0; j < nrhs; j++) b[i * nrhs + j] -= l * b[k * nrhs + j];
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let k = i + 1; k < n; k++) {
      const u = lu[i * n + k];
      if (u !== 0) for (let j = 0; j < nrhs; j++) b[i * nrhs + j] -= u * b[k * nrhs + j];
    }
    // As the reference trsm: a zero right-hand side is left alone (so 0 / negative pivot stays +0).
    const d = lu[i * n + i];
    for (let j = 0; j < nrhs; j++) if (b[i * nrhs + j] !== 0) b[i * nrhs + j] /= d;
  }
}

export function identity(n: number): Float64Array {
  const e = new Float64Array(n * n);
  for (let i = 0; i < n; i++) e[i * n + i] = 1;
  return e;
}

/** Lower Cholesky factor, reading the lower triangle only (as LAPACK's potrf 'L'); `failedOrder` is 1-based, 0 when it succeeded. */
export function cholesky(a: Float64Array, n: number): { l: Float64Array; failedOrder: number } {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j];
    for (let k = 0; k < j; k++) d -= l[j * n + k] * l[j * n + k];
    if (!(d > 0)) return { l, failedOrder: j + 1 };
    const ljj = Math.sqrt(d);
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = s / ljj;
    }
  }
  return { l, failedOrder: 0 };
}

/**
 * Householder QR as LAPACK's geqr2 + orgqr: reflector k maps column k below the diagonal to
 * beta = -sign(alpha)·norm, so R's diagonal signs match LAPACK's. Returns Q (m x qCols) and
 * R (rRows x n), rRows = qCols = min(m, n) for 'reduced' and m for 'complete'.
 */
export function householderQR(a: Float64Array, m: number, n: number, complete: boolean): { q: Float64Array; r: Float64Array; qCols: number } {
  const w = a.slice();
  const k = Math.min(m, n);
  const vs: Float64Array[] = [], taus: number[] = [];
  for (let j = 0; j < k; j++) {
    const alpha = w[j * n + j];
    let xnorm = 0;
    for (let i = j + 1; i < m; i++) xnorm = Math.hypot(xnorm, w[i * n + j]);
    const v = new Float64Array(m);
    v[j] = 1;
    if (xnorm === 0) { vs.push(v); taus.push(0); continue; }
    const beta = -(alpha >= 0 ? 1 : -1) * Math.hypot(alpha, xnorm);
    const tau = (beta - alpha) / beta;
    const scale = 1 / (alpha - beta);
    for (let i = j + 1; i < m; i++) v[i] = w[i * n + j] * scale;
    // Apply H = I - tau v v^T to the remaining columns.
    for (let c = j; c < n; c++) {
      let s = 0;
      for (let i = j; i < m; i++) s += v[i] * w[i * n + c];
      s *= tau;
      for (let i = j; i < m; i++) w[i * n + c] -= s * v[i];
    }
    w[j * n + j] = beta;
    for (let i = j + 1; i < m; i++) w[i * n + j] = 0;
    vs.push(v); taus.push(tau);
  }
  const qCols = complete ? m : k;
  const q = new Float64Array(m * qCols);
  for (let i = 0; i < Math.min(m, qCols); i++) q[i * qCols + i] = 1;
  for (let j = k - 1; j >= 0; j--) {
    const v = vs[j], tau = taus[j];
    if (tau === 0) continue;
    for (let c = 0; c < qCols; c++) {
      let s = 0;
      for (let i = j; i < m; i++) s += v[i] * q[i * qCols + c];
      s *= tau;
      for (let i = j; i < m; i++) q[i * qCols + c] -= s * v[i];
    }
  }
  const rRows = complete ? m : k;
  const r = new Float64Array(rRows * n);
  for (let i = 0; i < Math.min(rRows, m); i++) for (let c = i; c < n; c++) r[i * n + c] = w[i * n + c];
  return { q, r, qCols };
}

/**
 * Symmetric eigendecomposition (reads the lower triangle, as PyTorch's default UPLO='L'):
 * Householder tridiagonalisation and implicit QL (tred2/tql2 as in EISPACK/JAMA), with cyclic
 * Jacobi as a fallback should QL not converge. Eigenvalues ascending; eigenvector columns
 * normalised so that their largest-magnitude component is positive (our convention, not LAPACK's).
 */
export function symmetricEigen(a: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const s = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) { s[i * n + j] = a[i * n + j]; s[j * n + i] = a[i * n + j]; }
  const r = tridiagonalQL(s.slice(), n) ?? jacobiEigen(s, n);
  const order = Array.from({ length: n }, (_x, i) => i).sort((x, y) => r.d[x] - r.d[y]);
  const values = new Float64Array(n), vectors = new Float64Array(n * n);
  order.forEach((src, dst) => {
    values[dst] = r.d[src];
    for (let k = 0; k < n; k++) vectors[k * n + dst] = r.v[k * n + src];
  });
  normaliseColumnSigns(vectors, n, n);
  return { values, vectors };
}

/** tred2 + tql2 on a full symmetric matrix `v` (overwritten by the eigenvectors); null if QL does not converge. */
function tridiagonalQL(v: Float64Array, n: number): { d: Float64Array; v: Float64Array } | null {
  const d = new Float64Array(n), e = new Float64Array(n);
  if (n === 0) return { d, v };
  const V = (i: number, j: number): number => v[i * n + j];
  const set = (i: number, j: number, x: number): void => { v[i * n + j] = x; };
  for (let j = 0; j < n; j++) d[j] = V(n - 1, j);
  for (let i = n - 1; i > 0; i--) {
    let scale = 0, h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
    if (scale === 0) {
      e[i] = d[i - 1];
      for (let j = 0; j < i; j++) { d[j] = V(i - 1, j); set(i, j, 0); set(j, i, 0); }
    } else {
      for (let k = 0; k < i; k++) { d[k] /= scale; h += d[k] * d[k]; }
      let f = d[i - 1];
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j];
        set(j, i, f);
        g = e[j] + V(j, j) * f;
        for (let k = j + 1; k <= i - 1; k++) { g += V(k, j) * d[k]; e[k] += V(k, j) * f; }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) { e[j] /= h; f += e[j] * d[j]; }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      for (let j = 0; j < i; j++) {
        f = d[j]; g = e[j];
        for (let k = j; k <= i - 1; k++) set(k, j, V(k, j) - (f * e[k] + g * d[k]));
        d[j] = V(i - 1, j);
        set(i, j, 0);
      }
    }
    d[i] = h;
  }
  for (let i = 0; i < n - 1; i++) {
    set(n - 1, i, V(i, i));
    set(i, i, 1);
    const h = d[i + 1];
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = V(k, i + 1) / h;
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let k = 0; k <= i; k++) g += V(k, i + 1) * V(k, j);
        for (let k = 0; k <= i; k++) set(k, j, V(k, j) - g * d[k]);
      }
    }
    for (let k = 0; k <= i; k++) set(k, i + 1, 0);
  }
  for (let j = 0; j < n; j++) { d[j] = V(n - 1, j); set(n - 1, j, 0); }
  set(n - 1, n - 1, 1);
  e[0] = 0;
  // tql2
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  let f = 0, tst1 = 0;
  const eps = Math.pow(2, -52);
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n) { if (Math.abs(e[m]) <= eps * tst1) break; m++; }
    if (m > l) {
      let iter = 0;
      do {
        if (++iter > 60) return null;
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        p = d[m];
        let c = 1, c2 = c, c3 = c;
        const el1 = e[l + 1];
        let sn = 0, s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2; c2 = c; s2 = sn;
          g = c * e[i];
          h = c * p;
          r = Math.hypot(p, e[i]);
          e[i + 1] = sn * r;
          sn = e[i] / r;
          c = p / r;
          p = c * d[i] - sn * g;
          d[i + 1] = h + sn * (c * g + sn * d[i]);
          for (let k = 0; k < n; k++) {
            h = V(k, i + 1);
            set(k, i + 1, sn * V(k, i) + c * h);
            set(k, i, c * V(k, i) - sn * h);
          }
        }
        p = (-sn * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = sn * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > eps * tst1);
    }
    d[l] += f;
    e[l] = 0;
  }
  return { d, v };
}

/** Cyclic Jacobi rotations on a full symmetric matrix (slow, very robust). */
function jacobiEigen(a: Float64Array, n: number): { d: Float64Array; v: Float64Array } {
  const s = a.slice();
  const v = identity(n);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0, total = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) { const x = s[i * n + j] * s[i * n + j]; total += x; if (i !== j) off += x; }
    if (off <= 1e-30 * total || off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = s[p * n + q];
        if (apq === 0) continue;
        const theta = (s[q * n + q] - s[p * n + p]) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), sn = t * c;
        for (let k = 0; k < n; k++) {
          const skp = s[k * n + p], skq = s[k * n + q];
          s[k * n + p] = c * skp - sn * skq;
          s[k * n + q] = sn * skp + c * skq;
        }
        for (let k = 0; k < n; k++) {
          const spk = s[p * n + k], sqk = s[q * n + k];
          s[p * n + k] = c * spk - sn * sqk;
          s[q * n + k] = sn * spk + c * sqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p], vkq = v[k * n + q];
          v[k * n + p] = c * vkp - sn * vkq;
          v[k * n + q] = sn * vkp + c * vkq;
        }
      }
    }
  }
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = s[i * n + i];
  return { d, v };
}

/** The Jacobi path alone, for tests that compare both algorithms. */
export function _jacobiSymmetricEigen(a: Float64Array, n: number): { d: Float64Array; v: Float64Array } { return jacobiEigen(a, n); }

/** Flips each column so that its largest-magnitude entry (the first of equals) is positive. */
function normaliseColumnSigns(m: Float64Array, rows: number, cols: number): boolean[] {
  const flipped: boolean[] = [];
  for (let c = 0; c < cols; c++) {
    let bi = 0;
    for (let r = 1; r < rows; r++) if (Math.abs(m[r * cols + c]) > Math.abs(m[bi * cols + c]) + 1e-12) bi = r;
    const flip = m[bi * cols + c] < 0;
    flipped.push(flip);
    if (flip) for (let r = 0; r < rows; r++) m[r * cols + c] = -m[r * cols + c];
  }
  return flipped;
}

/**
 * Singular value decomposition by one-sided Jacobi (Hestenes) on the tall orientation.
 * Returns U (m x uCols), S (k, descending), Vh (vRows x n), with uCols = vRows = k for the
 * reduced form and m / n for full_matrices (extra columns completed by Householder QR).
 */
export function svd(a: Float64Array, m: number, n: number, full: boolean): { u: Float64Array; s: Float64Array; vh: Float64Array } {
  if (m < n) {
    // A^T = V S U^T: decompose the transpose and swap the factors.
    const at = transposed(a, m, n);
    const r = svd(at, n, m, full);
    const uCols = full ? m : Math.min(m, n), vRows = full ? n : Math.min(m, n);
    return { u: transposed(r.vh, uCols, m), s: r.s, vh: transposed(r.u, n, vRows) };
  }
  // m >= n: orthogonalise the columns of W = A V.
  const w = a.slice();
  const v = identity(n);
  for (let sweep = 0; sweep < 100; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        let alpha = 0, beta = 0, gamma = 0;
        for (let i = 0; i < m; i++) {
          const wp = w[i * n + p], wq = w[i * n + q];
          alpha += wp * wp; beta += wq * wq; gamma += wp * wq;
        }
        if (gamma === 0 || Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t), sn = c * t;
        for (let i = 0; i < m; i++) {
          const wp = w[i * n + p], wq = w[i * n + q];
          w[i * n + p] = c * wp - sn * wq;
          w[i * n + q] = sn * wp + c * wq;
        }
        for (let i = 0; i < n; i++) {
          const vp = v[i * n + p], vq = v[i * n + q];
          v[i * n + p] = c * vp - sn * vq;
          v[i * n + q] = sn * vp + c * vq;
        }
      }
    }
    if (!rotated) break;
  }
  const norms = Array.from({ length: n }, (_x, c) => { let s = 0; for (let i = 0; i < m; i++) s = Math.hypot(s, w[i * n + c]); return s; });
  const order = norms.map((_x, i) => i).sort((x, y) => norms[y] - norms[x]);
  const k = n;
  const s = new Float64Array(k);
  const uk = new Float64Array(m * k);
  const vk = new Float64Array(n * k);
  order.forEach((src, dst) => {
    s[dst] = norms[src];
    for (let i = 0; i < n; i++) vk[i * k + dst] = v[i * n + src];
    for (let i = 0; i < m; i++) uk[i * k + dst] = norms[src] > 0 ? w[i * n + src] / norms[src] : 0;
  });
  // Columns for zero singular values (rank deficiency) and the full_matrices completion come
  // from an orthonormal basis: QR of [U_nonzero | I].
  const rank = s.reduce((r, x) => r + (x > 0 ? 1 : 0), 0);
  const uCols = full ? m : k;
  let u: Float64Array;
  if (rank === k && !full) u = uk;
  else u = completeBasis(uk, m, k, rank, uCols);
  // Sign convention: V's columns get their largest entry positive; U follows.
  const flips = normaliseColumnSigns(vk, n, k);
  flips.forEach((f, c) => { if (f) for (let i = 0; i < m; i++) u[i * uCols + c] = -u[i * uCols + c]; });
  return { u, s, vh: transposed(vk, n, k) };
}

/** An m x cols orthonormal matrix whose first `rank` columns are those of `u` (m x k). */
function completeBasis(u: Float64Array, m: number, k: number, rank: number, cols: number): Float64Array {
  const aug = new Float64Array(m * (rank + m));
  for (let i = 0; i < m; i++) {
    for (let c = 0; c < rank; c++) aug[i * (rank + m) + c] = u[i * k + c];
    aug[i * (rank + m) + rank + i] = 1;
  }
  const { q, r } = householderQR(aug, m, rank + m, true);
  const out = new Float64Array(m * cols);
  for (let i = 0; i < m; i++) {
    for (let c = 0; c < cols; c++) {
      // Q's first columns equal ±u's: keep u's own sign (R's diagonal says which).
      const sgn = c < rank && r[c * (rank + m) + c] < 0 ? -1 : 1;
      out[i * cols + c] = c < rank ? u[i * k + c] : q[i * m + c] * sgn;
    }
  }
  return out;
}

export function transposed(a: Float64Array, rows: number, cols: number): Float64Array {
  const t = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) t[j * rows + i] = a[i * cols + j];
  return t;
}

export function matmulRaw(a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let p = 0; p < k; p++) {
    const x = a[i * k + p];
    if (x !== 0) for (let j = 0; j < n; j++) c[i * n + j] += x * b[p * n + j];
  }
  return c;
}

/** exp(A) by scaling and squaring with a degree-18 Taylor sum (float64 accurate for ||A|| scaled below 1/2). */
export function matrixExp(a: Float64Array, n: number): Float64Array {
  let norm = 0;
  for (let i = 0; i < n; i++) { let r = 0; for (let j = 0; j < n; j++) r += Math.abs(a[i * n + j]); norm = Math.max(norm, r); }
  const sq = norm > 0.5 ? Math.ceil(Math.log2(norm / 0.5)) : 0;
  const scale = Math.pow(2, -sq);
  const x = a.map((v) => v * scale);
  let term = identity(n);
  const sum = identity(n);
  for (let k = 1; k <= 18; k++) {
    term = matmulRaw(term, x, n, n, n).map((v) => v / k);
    for (let i = 0; i < n * n; i++) sum[i] += term[i];
  }
  let r = sum;
  for (let i = 0; i < sq; i++) r = matmulRaw(r, r, n, n, n);
  return r;
}
