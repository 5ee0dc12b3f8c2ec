// GEMMs for convolutions with few output positions (batch 1, late ResNet stages: 16 or 4
// positions against thousands of weights per output channel). The general sgemm packs both
// operands into panels; when one side is that thin, packing the weights costs as much as the
// arithmetic, and its 4 x 8 register tile runs mostly empty. These read both operands in
// place, so the weights stream through once. Pointers are in bytes, leading dimensions and
// strides in elements. Results differ from sgemm only in float32 summation order.
import { madd } from "./simd";

// Horizontal sums of four vectors: [sum(x0), sum(x1), sum(x2), sum(x3)].
// @ts-ignore: decorator
@inline
function hsum4(x0: v128, x1: v128, x2: v128, x3: v128): v128 {
  const u = f32x4.add(v128.shuffle<f32>(x0, x1, 0, 4, 1, 5), v128.shuffle<f32>(x0, x1, 2, 6, 3, 7));
  const v = f32x4.add(v128.shuffle<f32>(x2, x3, 0, 4, 1, 5), v128.shuffle<f32>(x2, x3, 2, 6, 3, 7));
  return f32x4.add(v128.shuffle<f32>(u, v, 0, 1, 4, 5), v128.shuffle<f32>(u, v, 2, 3, 6, 7));
}

// Dot product of k contiguous floats at a and b.
function dot(k: i32, a: usize, b: usize): f32 {
  let acc = f32x4.splat(0);
  let t = 0;
  for (; t + 4 <= k; t += 4) {
    const o = <usize>t << 2;
    acc = madd(v128.load(a + o), v128.load(b + o), acc);
  }
  let s = f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1) + (f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3));
  for (; t < k; t++) s += load<f32>(a + (<usize>t << 2)) * load<f32>(b + (<usize>t << 2));
  return s;
}

// @ts-ignore: decorator
@inline
function put(c: usize, v: f32, accumulate: i32): void {
  store<f32>(c, accumulate ? load<f32>(c) + v : v);
}

/**
 * C[i, j] (=, or += when `accumulate`) sum over t < k of A[i*lda + t] * B[j*ldb + t], for i < m,
 * j < n: both operands' rows are contiguous along the summed dimension (C = A x B^T). Tiles of
 * two rows of A against four rows of B keep eight accumulators; each group of four sums goes to
 * C as one vector.
 */
export function sgemmDotNT(m: i32, n: i32, k: i32, a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32, accumulate: i32): void {
  const k4 = k & ~3;
  const rsA = <usize>lda << 2, rsB = <usize>ldb << 2, rsC = <usize>ldc << 2;
  let i = 0;
  for (; i + 2 <= m; i += 2) {
    const a0 = a + <usize>i * rsA, a1 = a0 + rsA;
    const c0 = c + <usize>i * rsC, c1 = c0 + rsC;
    let j = 0;
    for (; j + 4 <= n; j += 4) {
      const b0 = b + <usize>j * rsB, b1 = b0 + rsB, b2 = b1 + rsB, b3 = b2 + rsB;
      let s00 = f32x4.splat(0), s01 = f32x4.splat(0), s02 = f32x4.splat(0), s03 = f32x4.splat(0);
      let s10 = f32x4.splat(0), s11 = f32x4.splat(0), s12 = f32x4.splat(0), s13 = f32x4.splat(0);
      for (let t = 0; t < k4; t += 4) {
        const o = <usize>t << 2;
        const x0 = v128.load(a0 + o), x1 = v128.load(a1 + o);
        let y = v128.load(b0 + o);
        s00 = madd(x0, y, s00); s10 = madd(x1, y, s10);
        y = v128.load(b1 + o);
        s01 = madd(x0, y, s01); s11 = madd(x1, y, s11);
        y = v128.load(b2 + o);
        s02 = madd(x0, y, s02); s12 = madd(x1, y, s12);
        y = v128.load(b3 + o);
        s03 = madd(x0, y, s03); s13 = madd(x1, y, s13);
      }
      let r0 = hsum4(s00, s01, s02, s03), r1 = hsum4(s10, s11, s12, s13);
      const p0 = c0 + (<usize>j << 2), p1 = c1 + (<usize>j << 2);
      if (accumulate) {
        r0 = f32x4.add(v128.load(p0), r0);
        r1 = f32x4.add(v128.load(p1), r1);
      }
      v128.store(p0, r0);
      v128.store(p1, r1);
      // The k % 4 tail, element by element.
      for (let t = k4; t < k; t++) {
        const o = <usize>t << 2;
        const x0 = load<f32>(a0 + o), x1 = load<f32>(a1 + o);
        for (let jj = 0; jj < 4; jj++) {
          const y = load<f32>(b + <usize>(j + jj) * rsB + o);
          const q0 = p0 + (<usize>jj << 2), q1 = p1 + (<usize>jj << 2);
          store<f32>(q0, load<f32>(q0) + x0 * y);
          store<f32>(q1, load<f32>(q1) + x1 * y);
        }
      }
    }
    for (; j < n; j++) {
      const bj = b + <usize>j * rsB;
      put(c0 + (<usize>j << 2), dot(k, a0, bj), accumulate);
      put(c1 + (<usize>j << 2), dot(k, a1, bj), accumulate);
    }
  }
  for (; i < m; i++) {
    const ai = a + <usize>i * rsA, ci = c + <usize>i * rsC;
    for (let j = 0; j < n; j++) put(ci + (<usize>j << 2), dot(k, ai, b + <usize>j * rsB), accumulate);
  }
}

/** Rows of B (values of t) per pass of sgemmSplatNN; see there. */
let SPLAT_TC: i32 = 16;
export function setSplatChunk(tc: i32): void { SPLAT_TC = tc; }

/**
 * C[i, j] (=, or += when `accumulate`) sum over t < k of A[i*sai + t*sat] * B[t*ldb + j], for
 * i < m, j < n: B's rows are contiguous along j, A is read one value at a time with any
 * strides (so A may be stored transposed). Tiles of 4 x 8 as in sgemm, but on unpacked
 * operands: meant for small m (or small k), where packing B would cost more than it saves.
 * B is consumed SPLAT_TC rows at a time, each pass adding into C: walking all k rows of a large
 * B for each 8-column strip would read rows a fixed (often power-of-two-ish) stride apart,
 * which map to a few cache sets and evict each other before the next strip reuses their lines.
 */
export function sgemmSplatNN(m: i32, n: i32, k: i32, a: usize, sai: i32, sat: i32, b: usize, ldb: i32, c: usize, ldc: i32, accumulate: i32): void {
  if (k <= 0) {
    if (!accumulate) for (let i = 0; i < m; i++) memory.fill(c + (<usize>i * <usize>ldc << 2), 0, <usize>n << 2);
    return;
  }
  const tc = max(SPLAT_TC, 1);
  for (let t0 = 0; t0 < k; t0 += tc) {
    splatPass(m, n, min(tc, k - t0), a + (<usize>t0 * <usize>sat << 2), sai, sat, b + (<usize>t0 * <usize>ldb << 2), ldb, c, ldc, t0 > 0 ? 1 : accumulate);
  }
}

function splatPass(m: i32, n: i32, k: i32, a: usize, sai: i32, sat: i32, b: usize, ldb: i32, c: usize, ldc: i32, accumulate: i32): void {
  const rsB = <usize>ldb << 2, rsC = <usize>ldc << 2;
  const si = <usize>sai << 2, st = <usize>sat << 2;
  const n8 = n & ~7;
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const ai = a + <usize>i * si;
    const c0 = c + <usize>i * rsC;
    for (let j = 0; j < n8; j += 8) {
      let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
      let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
      let pb = b + (<usize>j << 2);
      let pa = ai;
      for (let t = 0; t < k; t++) {
        const b0 = v128.load(pb), b1 = v128.load(pb, 16);
        let x = v128.load32_splat(pa);
        c00 = madd(x, b0, c00); c01 = madd(x, b1, c01);
        x = v128.load32_splat(pa + si);
        c10 = madd(x, b0, c10); c11 = madd(x, b1, c11);
        x = v128.load32_splat(pa + 2 * si);
        c20 = madd(x, b0, c20); c21 = madd(x, b1, c21);
        x = v128.load32_splat(pa + 3 * si);
        c30 = madd(x, b0, c30); c31 = madd(x, b1, c31);
        pb += rsB;
        pa += st;
      }
      let row = c0 + (<usize>j << 2);
      if (accumulate) {
        c00 = f32x4.add(v128.load(row), c00); c01 = f32x4.add(v128.load(row, 16), c01);
        c10 = f32x4.add(v128.load(row + rsC), c10); c11 = f32x4.add(v128.load(row + rsC, 16), c11);
        c20 = f32x4.add(v128.load(row + 2 * rsC), c20); c21 = f32x4.add(v128.load(row + 2 * rsC, 16), c21);
        c30 = f32x4.add(v128.load(row + 3 * rsC), c30); c31 = f32x4.add(v128.load(row + 3 * rsC, 16), c31);
      }
      v128.store(row, c00); v128.store(row, c01, 16);
      row += rsC;
      v128.store(row, c10); v128.store(row, c11, 16);
      row += rsC;
      v128.store(row, c20); v128.store(row, c21, 16);
      row += rsC;
      v128.store(row, c30); v128.store(row, c31, 16);
    }
  }
  // Rows past the last group of four: one row against eight columns at a time.
  for (; i < m; i++) {
    const ai = a + <usize>i * si;
    const ci = c + <usize>i * rsC;
    for (let j = 0; j < n8; j += 8) {
      let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
      let pb = b + (<usize>j << 2);
      let pa = ai;
      for (let t = 0; t < k; t++) {
        const x = v128.load32_splat(pa);
        c00 = madd(x, v128.load(pb), c00); c01 = madd(x, v128.load(pb, 16), c01);
        pb += rsB;
        pa += st;
      }
      const row = ci + (<usize>j << 2);
      if (accumulate) {
        c00 = f32x4.add(v128.load(row), c00); c01 = f32x4.add(v128.load(row, 16), c01);
      }
      v128.store(row, c00); v128.store(row, c01, 16);
    }
  }
  // Columns past the last group of eight, element by element.
  if (n8 < n) {
    for (let r = 0; r < m; r++) {
      const ar = a + <usize>r * si;
      for (let j = n8; j < n; j++) {
        let s: f32 = 0;
        for (let t = 0; t < k; t++) s += load<f32>(ar + <usize>t * st) * load<f32>(b + <usize>t * rsB + (<usize>j << 2));
        put(c + <usize>r * rsC + (<usize>j << 2), s, accumulate);
      }
    }
  }
}

/** dst[j*rows + i] = src[i*cols + j]: a rows x cols matrix transposed (no overlap). */
export function transpose(rows: i32, cols: i32, src: usize, dst: usize): void {
  const rs = <usize>rows << 2;
  for (let i = 0; i < rows; i++) {
    const s = src + (<usize>(i * cols) << 2);
    let d = dst + (<usize>i << 2);
    for (let j = 0; j < cols; j++) {
      store<f32>(d, load<f32>(s + (<usize>j << 2)));
      d += rs;
    }
  }
}
