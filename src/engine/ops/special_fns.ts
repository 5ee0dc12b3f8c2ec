// Scalar special functions in double precision (erf, erfc, erfinv, lgamma, digamma, trigamma),
// from their defining series, continued fractions and asymptotic expansions. float32 results
// round these, as PyTorch's float kernels are accurate to about an ulp.
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/** erf via the all-positive series erf(x) = 2/√π e^{-x²} Σ 2ⁿ x^{2n+1} / (1·3···(2n+1)). */
function erfSeries(x: number): number {
  let term = x, sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x * x) / (2 * n + 1);
    sum += term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-x * x) * sum;
}
/** erfc for x ≥ 1 via its continued fraction (modified Lentz). */
function erfcFraction(x: number): number {
  // erfc(x) = e^{-x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...)))))
  const tiny = 1e-300;
  let f = x, C = x, D = 0;
  for (let n = 1; n < 5000; n++) {
    const a = n / 2;
    D = x + a * D; if (D === 0) D = tiny; D = 1 / D;
    C = x + a / C; if (C === 0) C = tiny;
    const delta = C * D;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}
export function erf(x: number): number {
  if (x !== x) return NaN;
  const ax = Math.abs(x);
  if (ax < 2) return erfSeries(x);
  if (ax > 6) return Math.sign(x);
  const r = 1 - erfcFraction(ax);
  return x < 0 ? -r : r;
}
export function erfc(x: number): number {
  if (x !== x) return NaN;
  if (x < 1) return 1 - erf(x);
  if (x > 27) return 0;
  return erfcFraction(x);
}
export function erfinv(y: number): number {
  if (y !== y || y < -1 || y > 1) return NaN;
  if (y === 1) return Infinity;
  if (y === -1) return -Infinity;
  if (y === 0) return y;
  // Winitzki's closed-form estimate, then Newton steps on erf (or erfc near ±1, where erf is flat).
  const a = 0.147, l = Math.log((1 - y) * (1 + y));
  const t = 2 / (Math.PI * a) + l / 2;
  let x = Math.sign(y) * Math.sqrt(Math.sqrt(t * t - l / a) - t);
  const ay = Math.abs(y);
  for (let i = 0; i < 50; i++) {
    const ax = Math.abs(x);
    const err = ay > 0.5 ? -(erfc(ax) - (1 - ay)) : erf(ax) - ay;
    const step = err / (TWO_OVER_SQRT_PI * Math.exp(-ax * ax));
    // Halley's correction for the curvature of erf.
    const next = ax - step / (1 + ax * step);
    x = Math.sign(y) * next;
    if (Math.abs(next - ax) <= 1e-16 * Math.abs(next)) break;
  }
  return x;
}

/** ln Γ(x) from Stirling's series after shifting x up to ≥ 15; reflection below 0.5. */
export function lgamma(x: number): number {
  if (x !== x) return NaN;
  if (x === Infinity || x === -Infinity) return Infinity;
  if (x <= 0 && Number.isInteger(x)) return Infinity;
  if (x === 1 || x === 2) return 0;
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
  let shift = 0, z = x;
  let prod = 1;
  while (z < 15) { prod *= z; z += 1; if (prod > 1e280) { shift += Math.log(prod); prod = 1; } }
  shift += Math.log(prod);
  const z2 = 1 / (z * z);
  const series = (1 / z) * (1 / 12 + z2 * (-1 / 360 + z2 * (1 / 1260 + z2 * (-1 / 1680 + z2 * (1 / 1188 + z2 * (-691 / 360360 + z2 / 156))))));
  return (z - 0.5) * Math.log(z) - z + 0.5 * Math.log(2 * Math.PI) + series - shift;
}
/** ψ(x) = d/dx ln Γ(x): recurrence up to ≥ 15, then the asymptotic series; reflection for x < 0. */
export function digamma(x: number): number {
  if (x !== x) return NaN;
  if (x === 0) return Object.is(x, -0) ? Infinity : -Infinity;
  if (x < 0) {
    if (Number.isInteger(x)) return NaN;
    return digamma(1 - x) - Math.PI / Math.tan(Math.PI * x);
  }
  if (x === Infinity) return Infinity;
  let acc = 0, z = x;
  while (z < 15) { acc -= 1 / z; z += 1; }
  const z2 = 1 / (z * z);
  const series = z2 * (1 / 12 - z2 * (1 / 120 - z2 * (1 / 252 - z2 * (1 / 240 - z2 * (1 / 132 - z2 * (691 / 32760 - z2 / 12))))));
  return acc + Math.log(z) - 0.5 / z - series;
}
/** ψ₁(x) = d/dx ψ(x). */
export function trigamma(x: number): number {
  if (x !== x) return NaN;
  if (x <= 0 && Number.isInteger(x)) return Infinity;
  if (x < 0) {
    // Reflection: ψ₁(1-x) + ψ₁(x) = π² / sin²(πx)
    const s = Math.sin(Math.PI * x);
    return (Math.PI * Math.PI) / (s * s) - trigamma(1 - x);
  }
  let acc = 0, z = x;
  while (z < 15) { acc += 1 / (z * z); z += 1; }
  const z2 = 1 / (z * z);
  const series = 1 / z + z2 / 2 + (1 / z) * z2 * (1 / 6 - z2 * (1 / 30 - z2 * (1 / 42 - z2 * (1 / 30 - z2 * (5 / 66 - z2 * (691 / 2730 - z2 * 7 / 6))))));
  return acc + series;
}
