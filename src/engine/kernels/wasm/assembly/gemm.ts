// Single-precision GEMM, row-major: C = alpha * op(A) * op(B) + beta * C.
// BLIS-style: B is packed into KC x NR column panels (kept in L1/L2), A into MR x KC row panels
// (L2), and a register-blocked MR x NR micro-kernel keeps the C tile in eight v128 registers.
// Edge tiles are computed on zero-padded panels into a small scratch tile, then added to C.
// Threads split C into disjoint blocks and call sgemm on each; every thread packs into its own
// scratch (packA/packB pointers), so nothing here is shared or synchronised.
import { madd } from "./simd";

export const MR: i32 = 4;
export const NR: i32 = 8;
export const KC: i32 = 256;
export const MC: i32 = 128; // multiple of MR; MC*KC*4 = 128 KB of packed A stays in L2
export const NC: i32 = 2048;

/** Bytes of scratch one sgemm call needs: packed A, packed B, and one MR x NR edge tile. */
export function gemmScratchBytes(): i32 {
  return (MC * KC + KC * NC + MR * NR) * 4;
}

function scaleC(m: i32, n: i32, beta: f32, c: usize, ldc: i32): void {
  for (let i = 0; i < m; i++) {
    const row = c + (<usize>i * <usize>ldc << 2);
    if (beta == 0) {
      memory.fill(row, 0, <usize>n << 2);
    } else {
      const vb = f32x4.splat(beta);
      let j = 0;
      for (; j + 4 <= n; j += 4) {
        const p = row + (<usize>j << 2);
        v128.store(p, f32x4.mul(v128.load(p), vb));
      }
      for (; j < n; j++) {
        const p = row + (<usize>j << 2);
        store<f32>(p, load<f32>(p) * beta);
      }
    }
  }
}

// Four rows of four float32 (r0..r3) transposed, stored as 16 consecutive floats at dst:
// dst[q*4 + i] = r_i[q], multiplied by `va` (alpha splat) when `scale` (alpha != 1).
// @ts-ignore: decorator
@inline
function storeTransposed4x4(r0: v128, r1: v128, r2: v128, r3: v128, va: v128, scale: bool, dst: usize, step: usize): void {
  const t0 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5);
  const t1 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
  const t2 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
  const t3 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
  let o0 = v128.shuffle<i64>(t0, t1, 0, 2), o1 = v128.shuffle<i64>(t0, t1, 1, 3);
  let o2 = v128.shuffle<i64>(t2, t3, 0, 2), o3 = v128.shuffle<i64>(t2, t3, 1, 3);
  if (scale) {
    o0 = f32x4.mul(o0, va); o1 = f32x4.mul(o1, va); o2 = f32x4.mul(o2, va); o3 = f32x4.mul(o3, va);
  }
  v128.store(dst, o0);
  v128.store(dst + step, o1);
  v128.store(dst + 2 * step, o2);
  v128.store(dst + 3 * step, o3);
}

// Packs op(A)[i0:i0+mc, p0:p0+kc] * alpha into MR-row panels: panel r holds, for each p, the
// MR values op(A)[r*MR + 0..MR-1, p] side by side (rows past mc are zero). Full panels move
// four values at a time (4x4 transposes when A is row-major), which is pure data movement:
// the packed values are the same as the scalar loop's.
function packA(transA: i32, mc: i32, kc: i32, alpha: f32, a: usize, lda: i32, out: usize): void {
  const va = f32x4.splat(alpha);
  for (let r = 0; r < mc; r += MR) {
    const rows = min(MR, mc - r);
    const panel = out + (<usize>r * <usize>kc << 2);
    if (transA == 0) {
      // op(A)(i, p) = A[i*lda + p]: walk each row, scatter with stride MR.
      let p0 = 0;
      if (rows == MR) {
        const s0 = a + (<usize>r * <usize>lda << 2), rs = <usize>lda << 2;
        for (; p0 + 4 <= kc; p0 += 4) {
          const o = <usize>p0 << 2;
          storeTransposed4x4(v128.load(s0 + o), v128.load(s0 + rs + o), v128.load(s0 + 2 * rs + o), v128.load(s0 + 3 * rs + o),
            va, alpha != 1, panel + (<usize>(p0 * MR) << 2), <usize>MR << 2);
        }
      }
      for (let ii = 0; ii < MR; ii++) {
        if (ii < rows) {
          const src = a + (<usize>(r + ii) * <usize>lda << 2);
          for (let p = p0; p < kc; p++) {
            store<f32>(panel + (<usize>(p * MR + ii) << 2), load<f32>(src + (<usize>p << 2)) * alpha);
          }
        } else {
          for (let p = p0; p < kc; p++) store<f32>(panel + (<usize>(p * MR + ii) << 2), 0);
        }
      }
    } else if (rows == MR) {
      // op(A)(i, p) = A[p*lda + i]: each p reads MR consecutive values.
      for (let p = 0; p < kc; p++) {
        const src = a + ((<usize>p * <usize>lda + <usize>r) << 2);
        v128.store(panel + (<usize>(p * MR) << 2), f32x4.mul(v128.load(src), va));
      }
    } else {
      for (let p = 0; p < kc; p++) {
        const src = a + ((<usize>p * <usize>lda + <usize>r) << 2);
        const dst = panel + (<usize>(p * MR) << 2);
        for (let ii = 0; ii < MR; ii++) {
          store<f32>(dst + (<usize>ii << 2), ii < rows ? load<f32>(src + (<usize>ii << 2)) * alpha : 0);
        }
      }
    }
  }
}

// Packs op(B)[p0:p0+kc, j0:j0+nc] into NR-column panels: panel s holds, for each p, the NR
// values op(B)[p, s*NR + 0..NR-1] side by side (columns past nc are zero).
function packB(transB: i32, kc: i32, nc: i32, b: usize, ldb: i32, out: usize): void {
  const zero = f32x4.splat(0); // unused scale
  for (let s = 0; s < nc; s += NR) {
    const cols = min(NR, nc - s);
    const panel = out + (<usize>s * <usize>kc << 2);
    if (transB == 0) {
      if (cols == NR) {
        for (let p = 0; p < kc; p++) {
          const src = b + ((<usize>p * <usize>ldb + <usize>s) << 2);
          const dst = panel + (<usize>(p * NR) << 2);
          v128.store(dst, v128.load(src));
          v128.store(dst, v128.load(src, 16), 16);
        }
      } else {
        for (let p = 0; p < kc; p++) {
          const src = b + ((<usize>p * <usize>ldb + <usize>s) << 2);
          const dst = panel + (<usize>(p * NR) << 2);
          for (let jj = 0; jj < NR; jj++) {
            store<f32>(dst + (<usize>jj << 2), jj < cols ? load<f32>(src + (<usize>jj << 2)) : 0);
          }
        }
      }
    } else {
      // op(B)(p, j) = B[j*ldb + p]: full panels as 4x4 transposes of four rows of B, the rest
      // by walking each of the NR rows of B and scattering with stride NR.
      let p0 = 0;
      if (cols == NR) {
        const rs = <usize>ldb << 2;
        for (; p0 + 4 <= kc; p0 += 4) {
          const s0 = b + ((<usize>s * <usize>ldb + <usize>p0) << 2), s4 = s0 + 4 * rs;
          const dst = panel + (<usize>(p0 * NR) << 2);
          storeTransposed4x4(v128.load(s0), v128.load(s0 + rs), v128.load(s0 + 2 * rs), v128.load(s0 + 3 * rs), zero, false, dst, <usize>NR << 2);
          storeTransposed4x4(v128.load(s4), v128.load(s4 + rs), v128.load(s4 + 2 * rs), v128.load(s4 + 3 * rs), zero, false, dst + 16, <usize>NR << 2);
        }
      }
      for (let jj = 0; jj < NR; jj++) {
        if (jj < cols) {
          const src = b + (<usize>(s + jj) * <usize>ldb << 2);
          for (let p = p0; p < kc; p++) {
            store<f32>(panel + (<usize>(p * NR + jj) << 2), load<f32>(src + (<usize>p << 2)));
          }
        } else {
          for (let p = p0; p < kc; p++) store<f32>(panel + (<usize>(p * NR + jj) << 2), 0);
        }
      }
    }
  }
}

// C[0:4, 0:8] += Ap * Bp over kc. Eight accumulators, two B vectors and four A splats fit the
// fifteen vector registers V8 allocates on x64 (TurboFan hoists all four splats; a 6 x 8 tile
// spilled and measured 30% slower).
// @ts-ignore: decorator
@inline
function kernel(kc: i32, pa: usize, pb: usize, c: usize, ldc: i32, mr: i32, nr: i32, tile: usize, overwrite: bool): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let a = v128.load32_splat(pa);
    c00 = madd(a, b0, c00); c01 = madd(a, b1, c01);
    a = v128.load32_splat(pa, 4);
    c10 = madd(a, b0, c10); c11 = madd(a, b1, c11);
    a = v128.load32_splat(pa, 8);
    c20 = madd(a, b0, c20); c21 = madd(a, b1, c21);
    a = v128.load32_splat(pa, 12);
    c30 = madd(a, b0, c30); c31 = madd(a, b1, c31);
    pa += 16;
    pb += 32;
  }
  const full = mr == MR && nr == NR;
  const dst = full ? c : tile;
  const ld: usize = full ? <usize>ldc << 2 : <usize>NR << 2;
  if (full && overwrite) {
    // First k block with beta == 0: C = acc (what 0 + acc gives: acc is never -0, it starts at +0).
    v128.store(dst, c00); v128.store(dst, c01, 16);
    let row = dst + ld;
    v128.store(row, c10); v128.store(row, c11, 16);
    row += ld;
    v128.store(row, c20); v128.store(row, c21, 16);
    row += ld;
    v128.store(row, c30); v128.store(row, c31, 16);
  } else if (full) {
    v128.store(dst, f32x4.add(v128.load(dst), c00)); v128.store(dst, f32x4.add(v128.load(dst, 16), c01), 16);
    let row = dst + ld;
    v128.store(row, f32x4.add(v128.load(row), c10)); v128.store(row, f32x4.add(v128.load(row, 16), c11), 16);
    row += ld;
    v128.store(row, f32x4.add(v128.load(row), c20)); v128.store(row, f32x4.add(v128.load(row, 16), c21), 16);
    row += ld;
    v128.store(row, f32x4.add(v128.load(row), c30)); v128.store(row, f32x4.add(v128.load(row, 16), c31), 16);
  } else {
    v128.store(tile, c00); v128.store(tile, c01, 16);
    v128.store(tile, c10, 32); v128.store(tile, c11, 48);
    v128.store(tile, c20, 64); v128.store(tile, c21, 80);
    v128.store(tile, c30, 96); v128.store(tile, c31, 112);
    for (let i = 0; i < mr; i++) {
      const crow = c + (<usize>i * <usize>ldc << 2);
      const trow = tile + (<usize>(i * NR) << 2);
      for (let j = 0; j < nr; j++) {
        const p = crow + (<usize>j << 2);
        const v = load<f32>(trow + (<usize>j << 2));
        store<f32>(p, overwrite ? v : load<f32>(p) + v);
      }
    }
  }
}

/**
 * C[m x n] = alpha * op(A) * op(B) + beta * C, pointers in bytes, leading dimensions in
 * elements. op(A) is m x k (A stored k x m when transA), op(B) is k x n (B stored n x k when
 * transB). `scratch` must hold gemmScratchBytes().
 */
export function sgemm(
  transA: i32, transB: i32, m: i32, n: i32, k: i32, alpha: f32, beta: f32,
  a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32, scratch: usize,
): void {
  if (m <= 0 || n <= 0) return;
  const noProduct = k <= 0 || alpha == 0;
  // With beta == 0 the first k block writes C outright instead of zeroing it and adding.
  if (beta != 1 && (beta != 0 || noProduct)) scaleC(m, n, beta, c, ldc);
  if (noProduct) return;
  const packedA = scratch;
  const packedB = scratch + (<usize>(MC * KC) << 2);
  const tile = packedB + (<usize>(KC * NC) << 2);
  for (let jc = 0; jc < n; jc += NC) {
    const nc = min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = min(KC, k - pc);
      const bsrc = transB == 0
        ? b + ((<usize>pc * <usize>ldb + <usize>jc) << 2)
        : b + ((<usize>jc * <usize>ldb + <usize>pc) << 2);
      packB(transB, kc, nc, bsrc, ldb, packedB);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = min(MC, m - ic);
        const asrc = transA == 0
          ? a + ((<usize>ic * <usize>lda + <usize>pc) << 2)
          : a + ((<usize>pc * <usize>lda + <usize>ic) << 2);
        packA(transA, mc, kc, alpha, asrc, lda, packedA);
        for (let jr = 0; jr < nc; jr += NR) {
          const nr = min(NR, nc - jr);
          const pb = packedB + (<usize>jr * <usize>kc << 2);
          for (let ir = 0; ir < mc; ir += MR) {
            const mr = min(MR, mc - ir);
            const pa = packedA + (<usize>ir * <usize>kc << 2);
            const cp = c + ((<usize>(ic + ir) * <usize>ldc + <usize>(jc + jr)) << 2);
            kernel(kc, pa, pb, cp, ldc, mr, nr, tile, beta == 0 && pc == 0);
          }
        }
      }
    }
  }
}

/** C[i, j] = C[i, j] + row[j] (float32 adds): nn.Linear's bias after its product. */
export function addRow(m: i32, n: i32, c: usize, ldc: i32, row: usize): void {
  for (let i = 0; i < m; i++) {
    const crow = c + (<usize>i * <usize>ldc << 2);
    let j = 0;
    for (; j + 4 <= n; j += 4) {
      const o = <usize>j << 2;
      v128.store(crow + o, f32x4.add(v128.load(crow + o), v128.load(row + o)));
    }
    for (; j < n; j++) {
      const o = <usize>j << 2;
      store<f32>(crow + o, load<f32>(crow + o) + load<f32>(row + o));
    }
  }
}
