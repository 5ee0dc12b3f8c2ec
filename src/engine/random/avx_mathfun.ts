// PyTorch's AVX2 Box-Muller for float32 tensors of 16+ elements (normal_fill_16_AVX2), emulated
// lane by lane. It uses the Cephes-derived log256_ps / sincos256_ps of avx_mathfun.h, and the
// compiler fused many of their multiply-adds into FMA instructions: every `fmaf` below is one
// `vfmadd` in libtorch_cpu 1.13's AVX2 kernel (read off its disassembly, then confirmed against
// the oracle), every `fr(a op b)` is a separately rounded float32 operation.
//
// These are the reference lane functions, simple and exact but slow (a call and an exact FMA
// per step). normal_f32.ts runs the same arithmetic flat and without the FMA's halfway test
// where it cannot matter, and comes back here for the rare lanes where it might.
import { fmaf } from "./exact";

const fr = Math.fround;

const f32 = new Float32Array(1);
const i32 = new Int32Array(f32.buffer);

const SQRTHF = fr(0.7071067811865476); // 0x3f3504f3
const LOG_P = [
  7.0376836292e-2, -1.1514610310e-1, 1.1676998740e-1, -1.2420140846e-1, 1.4249322787e-1,
  -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1,
].map(fr);
const LOG_Q1 = fr(-2.12194440e-4);
const LOG_Q2 = fr(0.693359375);
const MINUS_DP1 = fr(-0.78515625);
const MINUS_DP2 = fr(-2.4187564849853516e-4);
const MINUS_DP3 = fr(-3.774894977445941e-8);
const SIN_P0 = fr(-1.9515295891e-4);
const SIN_P1 = fr(8.3321608736e-3);
const SIN_P2 = fr(-1.6666654611e-1);
const COS_P0 = fr(2.443315711809948e-5);
const COS_P1 = fr(-1.388731625493765e-3);
const COS_P2 = fr(4.166664568298827e-2);
const FOPI = fr(1.27323954473516); // 4 / π
const MIN_NORM_POS = 1.1754943508222875e-38;

/** log256_ps for one lane (x > 0; Box-Muller passes 1 - u with u in [0, 1)). */
export function log256(x: number): number {
  if (!(x > 0)) return NaN;
  f32[0] = Math.max(x, MIN_NORM_POS);
  const bits = i32[0];
  let e = fr((bits >>> 23) - 127);
  i32[0] = (bits & ~0x7f800000) | 0x3f000000; // mantissa with 0.5's exponent: [0.5, 1)
  let m = f32[0];
  e = e + 1;
  const below = m < SQRTHF;
  const tmp = below ? m : 0;
  m = m - 1; // exact
  if (below) e = e - 1;
  m = fr(tmp + m);
  const z = fr(m * m);
  let y = LOG_P[0];
  for (let k = 1; k <= 8; k++) y = fmaf(m, y, LOG_P[k]);
  y = fr(m * y);
  y = fmaf(y, z, fr(e * LOG_Q1));
  y = fmaf(-z, 0.5, y);
  m = fr(m + y);
  return fmaf(e, LOG_Q2, m);
}

/** Outputs of `sincos256`: [sin, cos] (a typed array: no heap number per assignment). */
export const SINCOS = new Float32Array(2);

/** sincos256_ps for one lane (Box-Muller passes θ in [0, 2π)). */
export function sincos256(x: number): void {
  const negative = x < 0 || (x === 0 && 1 / x < 0);
  x = Math.abs(x);
  let j = Math.trunc(fr(x * FOPI)) | 0;
  j = (j + 1) & ~1;
  const y = j; // exact as float32 for the arguments we see
  const sinSwap = (j & 4) !== 0;
  const direct = (j & 2) === 0; // sin from the sine polynomial, cos from the cosine one
  x = fmaf(y, MINUS_DP1, x);
  x = fmaf(y, MINUS_DP2, x);
  x = fmaf(y, MINUS_DP3, x);
  const cosNeg = (~(j - 2) & 4) !== 0;
  const sinNeg = negative !== sinSwap;
  const z = fr(x * x);
  // "cos" polynomial: 1 - z/2 + z^2 (p0 z^2 + p1 z + p2)
  let yc = fmaf(z, COS_P0, COS_P1);
  yc = fmaf(z, yc, COS_P2);
  yc = fr(z * yc);
  yc = fmaf(yc, z, -fr(z * 0.5));
  yc = fr(yc + 1);
  // "sin" polynomial: x + x z (q0 z^2 + q1 z + q2)
  let ys = fmaf(SIN_P0, z, SIN_P1);
  ys = fmaf(z, ys, SIN_P2);
  ys = fr(z * ys);
  ys = fmaf(ys, x, x);
  // The kernel blends with masks: one addend is +0, which turns a -0 into +0.
  const s = direct ? ys + 0 : yc + 0;
  const c = direct ? yc + 0 : ys + 0;
  SINCOS[0] = sinNeg ? -s : s;
  SINCOS[1] = cosNeg ? -c : c;
}

const TWO_PI_F = fr(6.283185307179586);

/**
 * One lane of normal_fill_16_AVX2: d[j] (radius uniform) and d[j + 8] (angle uniform) become
 * radius·cos·std + mean and radius·sin·std + mean.
 */
export function normalLane(d: Float32Array, j: number, mean: number, std: number): void {
  const radius = fr(Math.sqrt(fr(-2 * log256(fr(1 - d[j])))));
  sincos256(fr(TWO_PI_F * d[j + 8]));
  d[j] = fmaf(fr(radius * SINCOS[1]), std, mean);
  d[j + 8] = fmaf(fr(radius * SINCOS[0]), std, mean);
}
