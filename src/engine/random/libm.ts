// Correctly rounded binary64 log, sin and cos for PyTorch's double-precision Box-Muller.
//
// PyTorch calls glibc's log() and sincos() there. V8's Math.log/sin/cos (fdlibm) differ from
// glibc in the last bit for ~7% / ~3% of the arguments Box-Muller uses; glibc itself is within
// ~0.52 ulp and misrounds roughly 0.1% of them. Evaluating in double-double (~104 bits) and
// rounding once gives the correctly rounded value, so we agree with glibc wherever glibc is
// correctly rounded. NOTE: the remaining ~0.1% (glibc's own misroundings) cannot be reproduced
// without glibc's exact algorithm; float32 results are unaffected (a 1-ulp binary64 difference
// almost never survives the rounding to float32).
import { ERR, twoProd, twoSum } from "./exact";

// Result registers of the double-double helpers below: R[0] + R[1]. (Typed-array slots because
// V8 allocates a heap number for every double assigned to a module-level `let`.)
const R = new Float64Array(2);

function norm(h: number, l: number): void {
  R[0] = h + l;
  R[1] = l - (R[0] - h);
}
function ddAdd(ah: number, al: number, bh: number, bl: number): void {
  const s = twoSum(ah, bh);
  norm(s, ERR[0] + al + bl);
}
function ddMul(ah: number, al: number, bh: number, bl: number): void {
  const p = twoProd(ah, bh);
  norm(p, ERR[0] + (ah * bl + al * bh));
}
function ddDiv(ah: number, al: number, bh: number, bl: number): void {
  const q1 = ah / bh;
  ddMul(bh, bl, q1, 0);
  ddAdd(ah, al, -R[0], -R[1]);
  const q2 = R[0] / bh;
  const r1h = R[0];
  const r1l = R[1];
  ddMul(bh, bl, q2, 0);
  ddAdd(r1h, r1l, -R[0], -R[1]);
  const q3 = R[0] / bh;
  ddAdd(q1, 0, q2, 0);
  ddAdd(R[0], R[1], q3, 0);
}

const LN2_HI = 0.6931471805599453;
const LN2_MID = 2.3190468138462996e-17;
const LN2_LO = 5.707708438416212e-34;
const PIO2_1 = 1.5707963267948966;
const PIO2_2 = 6.123233995736766e-17;
const PIO2_3 = -1.4973849048591698e-33;

/** log(j/64) in double-double for j = 45..91, the table points of the reduced argument. */
const LOGC_HI = new Float64Array(92);
const LOGC_LO = new Float64Array(92);
/** (-1)^k / (2k+1)! and (-1)^k / (2k)! in double-double, k = 0..15, for sin and cos. */
const TERMS = 16;
const SIN_HI = new Float64Array(TERMS);
const SIN_LO = new Float64Array(TERMS);
const COS_HI = new Float64Array(TERMS);
const COS_LO = new Float64Array(TERMS);

/** 2·atanh(s) = log((1+s)/(1-s)) by its series, all in double-double; used for the tables. */
function atanh2Series(sh: number, sl: number, terms: number): void {
  ddMul(sh, sl, sh, sl);
  const th = R[0];
  const tl = R[1];
  let ah = 1 / (2 * terms + 1);
  let al = 0;
  for (let n = terms - 1; n >= 0; n--) {
    ddMul(ah, al, th, tl);
    const ph = R[0];
    const pl = R[1];
    ddDiv(1, 0, 2 * n + 1, 0);
    ddAdd(ph, pl, R[0], R[1]);
    ah = R[0];
    al = R[1];
  }
  ddMul(ah, al, sh, sl);
  ddMul(R[0], R[1], 2, 0);
}

(function buildTables(): void {
  for (let j = 45; j <= 91; j++) {
    const c = j / 64;
    const den = twoSum(c, 1);
    ddDiv(c - 1, 0, den, ERR[0]);
    atanh2Series(R[0], R[1], 30);
    LOGC_HI[j] = R[0];
    LOGC_LO[j] = R[1];
  }
  let sh = 1;
  let sl = 0;
  let ch = 1;
  let cl = 0;
  for (let k = 0; k < TERMS; k++) {
    SIN_HI[k] = sh; SIN_LO[k] = sl;
    COS_HI[k] = ch; COS_LO[k] = cl;
    ddDiv(-sh, -sl, (2 * k + 2) * (2 * k + 3), 0);
    sh = R[0]; sl = R[1];
    ddDiv(-ch, -cl, (2 * k + 1) * (2 * k + 2), 0);
    ch = R[0]; cl = R[1];
  }
})();

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** Correctly rounded natural logarithm (glibc's log() whenever glibc rounds correctly). */
export function log(x: number): number {
  if (!(x > 0) || x === Infinity) return Math.log(x);
  if (x === 1) return 0;
  let k = 0;
  if (x < 2.2250738585072014e-308) { x *= 18014398509481984; k = -54; } // subnormal: scale by 2^54
  f64[0] = x;
  const hi = u32[1];
  k += (hi >>> 20) - 1023;
  u32[1] = (hi & 0x000fffff) | 0x3ff00000;
  let m = f64[0]; // in [1, 2)
  if (m > Math.SQRT2) { m /= 2; k += 1; }
  // log(m) = log(c) + 2 atanh(s) with c = j/64 near m and s = (m - c)/(m + c), |s| < 1/180.
  const j = Math.round(m * 64);
  const c = j / 64;
  const den = twoSum(m, c);
  ddDiv(m - c, 0, den, ERR[0]); // m - c is exact (same binade, Sterbenz)
  const sh = R[0];
  const sl = R[1];
  ddMul(sh, sl, sh, sl);
  const th = R[0];
  const tl = R[1];
  // 1 + t/3 + t^2/5 + ...: t < 3.1e-5, so terms from t^2 on are below 1e-9 and a double suffices.
  const tail = th * th * (1 / 5 + th * (1 / 7 + th * (1 / 9 + th * (1 / 11))));
  ddDiv(th, tl, 3, 0);
  ddAdd(R[0], R[1], tail, 0);
  ddAdd(1, 0, R[0], R[1]);
  ddMul(R[0], R[1], sh, sl);
  ddMul(R[0], R[1], 2, 0);
  ddAdd(R[0], R[1], LOGC_HI[j], LOGC_LO[j]);
  if (k === 0) return R[0];
  const ph = R[0];
  const pl = R[1];
  const kh = twoProd(k, LN2_HI);
  const kl = ERR[0] + k * LN2_MID + k * LN2_LO;
  ddAdd(ph, pl, kh, kl);
  return R[0];
}

/** Outputs of `sincos`: [sin, cos]. */
export const SINCOS = new Float64Array(2);

/**
 * Correctly rounded sin(t) and cos(t) into SINCOS, for |t| < 2^20 (Box-Muller only
 * needs [0, 2π)); larger arguments fall back to Math.sin/cos.
 */
export function sincos(t: number): void {
  if (!(Math.abs(t) < 1048576)) { SINCOS[0] = Math.sin(t); SINCOS[1] = Math.cos(t); return; }
  const n = Math.round(t / PIO2_1);
  let r0 = t;
  let r1 = 0;
  if (n !== 0) {
    // t - n·π/2 with π/2 to ~160 bits; t - n·PIO2_1 is exact (Sterbenz).
    const p = twoProd(n, PIO2_1);
    const pe = ERR[0];
    const q = twoProd(n, PIO2_2);
    const qe = ERR[0];
    ddAdd(t - p, 0, -pe, 0);
    ddAdd(R[0], R[1], -q, -qe - n * PIO2_3);
    r0 = R[0];
    r1 = R[1];
  }
  ddMul(r0, r1, r0, r1);
  const zh = R[0];
  const zl = R[1];
  let sh = SIN_HI[TERMS - 1];
  let sl = SIN_LO[TERMS - 1];
  let ch = COS_HI[TERMS - 1];
  let cl = COS_LO[TERMS - 1];
  for (let k = TERMS - 2; k >= 0; k--) {
    ddMul(sh, sl, zh, zl);
    ddAdd(R[0], R[1], SIN_HI[k], SIN_LO[k]);
    sh = R[0]; sl = R[1];
    ddMul(ch, cl, zh, zl);
    ddAdd(R[0], R[1], COS_HI[k], COS_LO[k]);
    ch = R[0]; cl = R[1];
  }
  ddMul(sh, sl, r0, r1);
  const s = R[0];
  const c = ch + cl;
  switch (((n % 4) + 4) % 4) {
    case 0: SINCOS[0] = s; SINCOS[1] = c; break;
    case 1: SINCOS[0] = c; SINCOS[1] = -s; break;
    case 2: SINCOS[0] = -s; SINCOS[1] = -c; break;
    default: SINCOS[0] = -c; SINCOS[1] = s; break;
  }
}
