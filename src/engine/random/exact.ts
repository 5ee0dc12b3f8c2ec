// Exact floating-point building blocks. PyTorch's CPU kernels are compiled with FMA contraction
// (AVX2 build, GCC's default -ffp-contract=fast), so several of its products-plus-sums round once,
// not twice. JavaScript has no fma; these emulate it exactly with error-free transformations.

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer); // little-endian: u32[0] = low word, u32[1] = high word

/** Veltkamp splitter for binary64: 2^27 + 1. */
const SPLIT = 134217729;

/**
 * Where twoSum/twoProd leave their rounding error. A typed-array slot, not a `let`: V8 boxes a
 * double stored in a module variable on every assignment, which made these helpers 10x slower.
 */
export const ERR = new Float64Array(1);

/** s + err = a + b exactly (Knuth's TwoSum). Returns s; the error is left in ERR[0]. */
export function twoSum(a: number, b: number): number {
  const s = a + b;
  const bb = s - a;
  ERR[0] = (a - (s - bb)) + (b - bb);
  return s;
}

/** p + err = a * b exactly (Dekker's product; valid far from overflow). Error in ERR[0]. */
export function twoProd(a: number, b: number): number {
  const p = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  ERR[0] = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
  return p;
}

/**
 * a + b rounded to odd: the truncated sum with its last bit forced to 1 when inexact. Rounding to
 * odd first and to nearest afterwards equals one rounding to nearest (Boldo & Melquiond), which is
 * how both fma emulations below avoid double-rounding errors.
 */
export function addRoundOdd(a: number, b: number): number {
  const s = twoSum(a, b);
  const e = ERR[0];
  if (e === 0 || !Number.isFinite(s)) return s;
  f64[0] = s;
  if ((u32[0] & 1) !== 0) return s;
  // s is even: the exact sum lies strictly between s and its neighbour towards e; that one is odd.
  const awayFromZero = (s > 0) === (e > 0);
  if (awayFromZero) {
    if (u32[0] === 0xffffffff) { u32[0] = 0; u32[1] += 1; } else u32[0] += 1;
  } else {
    if (u32[0] === 0) { u32[0] = 0xffffffff; u32[1] -= 1; } else u32[0] -= 1;
  }
  return f64[0];
}

/** Correctly rounded binary64 a*b + c, as the x86 `vfmadd...sd` instructions compute it. */
export function fma64(a: number, b: number, c: number): number {
  const p = a * b;
  if (p === 0 || !Number.isFinite(p) || !Number.isFinite(c) || c === 0) return p + c;
  const ph = twoProd(a, b);
  const pl = ERR[0];
  const uh = twoSum(c, ph);
  const ul = ERR[0];
  return uh + addRoundOdd(ul, pl);
}

/**
 * Correctly rounded binary32 a*b + c for float32 inputs (`vfmadd...ss/ps`). The product of two
 * float32 values is exact in binary64, so w = a*b + c is the exact result rounded once, to 53
 * bits, and rounding w again to 24 bits is wrong only in the `halfway` case; fmafHalfway then
 * rounds to odd first.
 */
export function fmaf(a: number, b: number, c: number): number {
  const w = a * b + c;
  const r = Math.fround(w);
  return halfway(w, r) ? fmafHalfway(a, b, c) : r;
}

/**
 * Whether r = fround(w) may be a wrong second rounding: w lies exactly halfway between r and
 * the next float32, i.e. r + 2(w - r) is that neighbour. Small enough for V8 to inline at each
 * of the many FMAs of the samplers' loops, which call fmafHalfway only when this holds.
 */
export function halfway(w: number, r: number): boolean {
  const t = r + 2 * (w - r);
  return t !== r && Math.fround(t) === t;
}

/** fmaf's rare slow path: a*b + c rounded to odd in binary64, then to float32 (exact). */
export function fmafHalfway(a: number, b: number, c: number): number {
  return Math.fround(addRoundOdd(a * b, c));
}
