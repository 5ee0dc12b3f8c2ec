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

/** ψ⁽ⁿ⁾(x) for n ≥ 1: (-1)^{n+1} n! ζ(n+1, x), by recurrence up to ≥ 20 and the asymptotic series. */
export function polygamma(n: number, x: number): number {
  if (n === 0) return digamma(x);
  if (n === 1) return trigamma(x);
  if (x !== x) return NaN;
  if (x <= 0 && Number.isInteger(x)) return n % 2 === 1 ? Infinity : NaN;
  let fact = 1;
  for (let k = 2; k <= n; k++) fact *= k;
  const sign = n % 2 === 1 ? 1 : -1;
  if (x < 0) {
    // No simple reflection for general n: sum the recurrence up to positive arguments.
    let acc = 0, z = x;
    while (z < 20) { acc += 1 / Math.pow(z, n + 1); z += 1; }
    return sign * fact * acc + polygamma(n, z);
  }
  let acc = 0, z = x;
  while (z < 20) { acc += 1 / Math.pow(z, n + 1); z += 1; }
  // ζ(n+1, z) ~ z^{-n}/n + z^{-n-1}/2 + Σ_k B_{2k} (n+1)(n+2)…(n+2k-1) / (2k)! z^{-n-2k}
  const B = [1 / 6, -1 / 30, 1 / 42, -1 / 30, 5 / 66, -691 / 2730, 7 / 6];
  let tail = Math.pow(z, -n) / n + Math.pow(z, -n - 1) / 2;
  let fact2k = 1;
  for (let k = 1; k <= B.length; k++) {
    // (n+1)(n+2)…(n+2k-1) and (2k)!
    let r = 1;
    for (let j = 1; j <= 2 * k - 1; j++) r *= n + j;
    fact2k *= (2 * k - 1) * (2 * k);
    tail += ((B[k - 1] * r) / fact2k) * Math.pow(z, -n - 2 * k);
  }
  return sign * fact * (acc + tail);
}

/** Modified Bessel functions of the first kind, orders 0 and 1: their power series, or the asymptotic expansion for large |x|. */
export function i0(x: number): number {
  const ax = Math.abs(x);
  if (ax > 30) return besselLarge(ax, 0);
  const q = (x * x) / 4;
  let term = 1, sum = 1;
  for (let k = 1; k < 500; k++) { term *= q / (k * k); sum += term; if (term < 1e-17 * sum) break; }
  return sum;
}
export function i1(x: number): number {
  const ax = Math.abs(x);
  if (ax > 30) return Math.sign(x) * besselLarge(ax, 1);
  const q = (x * x) / 4;
  let term = x / 2, sum = term;
  for (let k = 1; k < 500; k++) { term *= q / (k * (k + 1)); sum += term; if (Math.abs(term) < 1e-17 * Math.abs(sum)) break; }
  return sum;
}
function besselLarge(x: number, order: number): number {
  // I_v(x) ~ e^x / √(2πx) Σ_k (-1)^k a_k(v) / x^k, a_k(v) = Π_{j=1..k} (4v² - (2j-1)²) / (k! 8^k)
  const mu = 4 * order * order;
  let term = 1, sum = 1;
  for (let k = 1; k < 30; k++) {
    term *= -(mu - (2 * k - 1) * (2 * k - 1)) / (k * 8 * x);
    sum += term;
    if (Math.abs(term) < 1e-17) break;
  }
  return (Math.exp(x) / Math.sqrt(2 * Math.PI * x)) * sum;
}
