// normal_fill_16_AVX2 (PyTorch's float32 Box-Muller for tensors of 16+ elements), fast: the same
// float32 operations and FMAs as the lane functions in avx_mathfun.ts, in one flat loop.
//
// NOTE [speed]: resnet18() draws ~11.7M normals. The lane functions cost a call per log/sincos
// and an exact-FMA call per step (~20 per lane), and V8 boxes every double passed to a call it
// does not inline. Here nothing is called on the common path:
// - An FMA a*b + c of float32 operands is w = a*b + c in binary64 (the product is exact), then
//   fr(w). That second rounding can only be wrong when w lies exactly halfway between two
//   float32 values; `halfway` tests that, and a lane where any FMA hit it is recomputed by the
//   exact lane function (normalLane). Halfway results are almost always exact sums, so this
//   happens for roughly 1 lane in 10^5.
// - Where the exact sum provably fits in binary64, or is a sum of two float32 values (rounding
//   it to binary64 first and then to float32 is then harmless: 53 >= 2·24 + 2), fr(w) is the
//   correctly rounded FMA and no test is needed. Those steps are marked "exact".
// test/random/normal_f32.test.ts compares this with normalLane on millions of lanes, and
// test/random/exhaustive.ts on every possible radius and angle input.
import { normalLane } from "./avx_mathfun";
import { halfway } from "./exact";

const fr = Math.fround;

const SQRTHF = fr(0.7071067811865476); // 0x3f3504f3
const LOG_P0 = fr(7.0376836292e-2);
const LOG_P1 = fr(-1.1514610310e-1);
const LOG_P2 = fr(1.1676998740e-1);
const LOG_P3 = fr(-1.2420140846e-1);
const LOG_P4 = fr(1.4249322787e-1);
const LOG_P5 = fr(-1.6668057665e-1);
const LOG_P6 = fr(2.0000714765e-1);
const LOG_P7 = fr(-2.4999993993e-1);
const LOG_P8 = fr(3.3333331174e-1);
const LOG_Q1 = fr(-2.12194440e-4);
const LOG_Q2 = fr(0.693359375); // 355/512
const MINUS_DP1 = fr(-0.78515625); // -201/256
const MINUS_DP2 = fr(-2.4187564849853516e-4);
const MINUS_DP3 = fr(-3.774894977445941e-8);
const SIN_P0 = fr(-1.9515295891e-4);
const SIN_P1 = fr(8.3321608736e-3);
const SIN_P2 = fr(-1.6666654611e-1);
const COS_P0 = fr(2.443315711809948e-5);
const COS_P1 = fr(-1.388731625493765e-3);
const COS_P2 = fr(4.166664568298827e-2);
const FOPI = fr(1.27323954473516); // 4 / π
const TWO_PI_F = fr(6.283185307179586);

/** 2^-b for b = 0..32: scales an integer of b significant bits into [0.5, 1). */
const POW2_NEG = new Float64Array(33).map((_, b) => 2 ** -b);

/**
 * normal_fill_16_AVX2 on every whole block of 16 in d[from .. to), in place. d holds float32
 * uniforms u = k·2^-24 (k < 2^24); lane j of a block pairs d[j] (radius) with d[j + 8]
 * (angle) and writes radius·cos·std + mean to d[j], radius·sin·std + mean to d[j + 8].
 * mean and std must be float32 values.
 */
export function normalFill16F32(d: Float32Array, from: number, to: number, mean: number, std: number): void {
  for (let at = from; at + 16 <= to; at += 16) {
    for (let j = at; j < at + 8; j++) {
      let bad = false;
      // ---- radius = sqrt(-2 · log256_ps(1 - u)) ----
      // 1 - u = K·2^-24 with the integer K in [1, 2^24]; log256_ps splits it into m in [0.5, 1)
      // and e with 1 - u = m·2^e: for K of bit length b, m = K·2^-b and e = b - 24.
      const big = 16777216 - d[j] * 16777216;
      const b = 32 - Math.clz32(big);
      let m = big * POW2_NEG[b];
      let e = b - 24;
      const tmp = m < SQRTHF ? m : 0;
      if (m < SQRTHF) e -= 1;
      m = fr(tmp + (m - 1)); // m - 1 is exact
      const z = fr(m * m);
      let w = m * LOG_P0 + LOG_P1; let y = fr(w); if (halfway(w, y)) bad = true;
      w = m * y + LOG_P2; y = fr(w); if (halfway(w, y)) bad = true;
      w = m * y + LOG_P3; y = fr(w); if (halfway(w, y)) bad = true;
      w = m * y + LOG_P4; y = fr(w); if (halfway(w, y)) bad = true;
      w = m * y + LOG_P5; y = fr(w); if (halfway(w, y)) bad = true;
      w = m * y + LOG_P6; y = fr(w); if (halfway(w, y)) bad = true;
      w = m * y + LOG_P7; y = fr(w); if (halfway(w, y)) bad = true;
      w = m * y + LOG_P8; y = fr(w); if (halfway(w, y)) bad = true;
      y = fr(m * y);
      const eq1 = fr(e * LOG_Q1);
      w = y * z + eq1; y = fr(w); if (halfway(w, y)) bad = true;
      y = fr(y - z * 0.5); // exact: fmaf(-z, 0.5, y) adds two float32 values (z ≥ 2^-48)
      m = fr(m + y);
      const log = fr(e * LOG_Q2 + m); // exact: e·355/512 (|e| ≤ 24) is a float32, plus m
      const radius = fr(Math.sqrt(fr(-2 * log)));

      // ---- sincos256_ps(θ = 2π·u'): θ ≥ 0, so only q's bits set the signs ----
      let x = fr(TWO_PI_F * d[j + 8]);
      const q = ((fr(x * FOPI) | 0) + 1) & ~1; // x·4/π in [0, 8] truncates, rounds up to even
      // Cody-Waite reduction, all three steps exact: for q > 0, x ≥ π/4 is a multiple of 2^-24;
      // q·DP1 is a float32, then the sums are multiples of 2^-36 and 2^-48 below 1 in size.
      x = fr(q * MINUS_DP1 + x);
      x = fr(q * MINUS_DP2 + x);
      x = fr(q * MINUS_DP3 + x);
      const zz = fr(x * x);
      // "cos" polynomial: 1 - z/2 + z^2 (p0 z^2 + p1 z + p2)
      w = zz * COS_P0 + COS_P1; let yc = fr(w); if (halfway(w, yc)) bad = true;
      w = zz * yc + COS_P2; yc = fr(w); if (halfway(w, yc)) bad = true;
      yc = fr(zz * yc);
      w = yc * zz - fr(zz * 0.5); yc = fr(w); if (halfway(w, yc)) bad = true;
      yc = fr(yc + 1);
      // "sin" polynomial: x + x z (q0 z^2 + q1 z + q2)
      w = SIN_P0 * zz + SIN_P1; let ys = fr(w); if (halfway(w, ys)) bad = true;
      w = zz * ys + SIN_P2; ys = fr(w); if (halfway(w, ys)) bad = true;
      ys = fr(zz * ys);
      w = ys * x + x; ys = fr(w); if (halfway(w, ys)) bad = true;
      // The kernel blends with masks: one addend is +0, which turns a -0 into +0.
      const direct = (q & 2) === 0; // sin from the sine polynomial, cos from the cosine one
      let sin = direct ? ys + 0 : yc + 0;
      let cos = direct ? yc + 0 : ys + 0;
      if ((q & 4) !== 0) sin = -sin;
      if ((~(q - 2) & 4) !== 0) cos = -cos;

      // ---- radius·cos·std + mean, radius·sin·std + mean ----
      const rc = fr(radius * cos);
      w = rc * std + mean; const outC = fr(w); if (halfway(w, outC)) bad = true;
      const rs = fr(radius * sin);
      w = rs * std + mean; const outS = fr(w); if (halfway(w, outS)) bad = true;
      if (bad) {
        normalLane(d, j, mean, std); // d[j], d[j + 8] still hold this lane's uniforms
      } else {
        d[j] = outC;
        d[j + 8] = outS;
      }
    }
  }
}
