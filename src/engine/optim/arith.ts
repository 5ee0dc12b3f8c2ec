// Elementwise arithmetic with the rounding of PyTorch's CPU kernels, for optimizer updates on
// raw arrays. Scalars are cast to the tensor's dtype first (Scalar.to<float>()); `add(a, b,
// alpha)` is one fused multiply-add (the AVX2 kernel's vec::fmadd); products and quotients
// round after every operation, as Vectorized<float>'s operators do.
import { fma64 } from "../random/exact";

export interface Arith {
  /** Round to the dtype. */
  r: (x: number) => number;
  /** a * b + c, rounded once. */
  fma: (a: number, b: number, c: number) => number;
}

/**
 * Correctly rounded float32 a*b + c for float32 inputs, with no memory traffic. a*b is exact in
 * binary64, so s = a*b + c is the exact sum rounded once; rounding s to float32 is wrong only when
 * s lands exactly halfway between two float32 values (t = r + 2(s - r) is then r's float32
 * neighbour). That happens often in optimizer updates (a sum of two float32 values one binade
 * apart is a halfway point half the time), so the tie is settled here from the sign of the
 * TwoSum error of s instead of a slower round-to-odd detour: same results as random/exact's fmaf.
 */
export function fmaf32(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  const r = Math.fround(s);
  if (r === s) return r;
  const t = r + 2 * (s - r);
  if (t === r || Math.fround(t) !== t) return r;
  const bb = s - p;
  const e = (p - (s - bb)) + (c - bb);
  if (e === 0) return r; // a true tie: fround already rounded it to even
  return e > 0 ? (t > r ? t : r) : (t < r ? t : r);
}

const f32: Arith = { r: Math.fround, fma: fmaf32 };
const f64: Arith = { r: (x) => x, fma: fma64 };

export function arithFor(dtypeName: string): Arith {
  return dtypeName === "float32" ? f32 : f64;
}

/** self + value * t1 * t2 (addcmul): the final add contracts with the last product. */
export function addcmul(A: Arith, self: number, t1: number, t2: number, value: number): number {
  return A.fma(A.r(A.r(value) * t1), t2, self);
}

/** self + value * t1 / t2 (addcdiv). */
export function addcdiv(A: Arith, self: number, t1: number, t2: number, value: number): number {
  return A.r(self + A.r(A.r(A.r(value) * t1) / t2));
}
