// Elementwise arithmetic with the rounding of PyTorch's CPU kernels, for optimizer updates on
// raw arrays. Scalars are cast to the tensor's dtype first (Scalar.to<float>()); `add(a, b,
// alpha)` is one fused multiply-add (the AVX2 kernel's vec::fmadd); products and quotients
// round after every operation, as Vectorized<float>'s operators do.
import { fma64, fmaf } from "../random/exact";

export interface Arith {
  /** Round to the dtype. */
  r: (x: number) => number;
  /** a * b + c, rounded once. */
  fma: (a: number, b: number, c: number) => number;
}

const f32: Arith = { r: Math.fround, fma: fmaf };
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
