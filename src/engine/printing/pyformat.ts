// Python's float formatting, reproduced exactly.
//
// PyTorch prints tensors through Python's `'{:.4f}'` / `'{:.4e}'` / `'{:.0f}'` and `repr(float)`.
// Python rounds the *exact* binary value of the double, ties to even, so
// `'{:.4f}'.format(0.03125) == '0.0312'`. JavaScript's toFixed/toExponential round ties up
// ('0.0313'), so we cannot use them: the rounding below works on the exact value with BigInt.

/** |x| = mantissa * 2^exp2, exactly (x finite). */
function decompose(x: number): { mantissa: bigint; exp2: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  const frac = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased === 0) return { mantissa: frac, exp2: -1074 }; // subnormal (or zero)
  return { mantissa: frac | (1n << 52n), exp2: biased - 1075 };
}

/** Python drops the sign of NaN and spells the non-finite values this way in 'f' and 'e' formats. */
function nonFinite(x: number): string | null {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  return null;
}

function signOf(x: number): string {
  return x < 0 || Object.is(x, -0) ? "-" : "";
}

/** round(num / den), ties to even; num >= 0, den > 0. */
function divRoundHalfEven(num: bigint, den: bigint): bigint {
  const q = num / den;
  const twiceR = (num - q * den) * 2n;
  if (twiceR > den || (twiceR === den && (q & 1n) === 1n)) return q + 1n;
  return q;
}

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** Python `'{:.<precision>f}'.format(x)`. */
export function pyFormatFixed(x: number, precision: number): string {
  // Fast paths, taken only where JavaScript provably gives Python's answer.
  if (Number.isSafeInteger(x) && !Object.is(x, -0)) {
    return precision === 0 ? String(x) : `${x}.${"0".repeat(precision)}`;
  }
  // toFixed rounds the exact value correctly but breaks ties upwards. A tie needs
  // 2 * x * 10^p to be an odd integer, which for a double needs x * 2^(p+1) to be an integer.
  if (Math.abs(x) < 1e21 && precision <= 100 && !Number.isInteger(x * 2 ** (precision + 1))) {
    return x.toFixed(precision);
  }
  return exactFormatFixed(x, precision);
}

/** pyFormatFixed by exact BigInt arithmetic on the double's binary value, ties to even. */
export function exactFormatFixed(x: number, precision: number): string {
  const special = nonFinite(x);
  if (special !== null) return special;
  const { mantissa, exp2 } = decompose(x);
  const scaled = mantissa * pow10(precision);
  const n = exp2 >= 0 ? scaled << BigInt(exp2) : divRoundHalfEven(scaled, 1n << BigInt(-exp2));
  let digits = n.toString();
  if (precision === 0) return signOf(x) + digits;
  if (digits.length <= precision) digits = "0".repeat(precision + 1 - digits.length) + digits;
  const cut = digits.length - precision;
  return `${signOf(x)}${digits.slice(0, cut)}.${digits.slice(cut)}`;
}

function exponentSuffix(e: number): string {
  const abs = Math.abs(e);
  return `e${e < 0 ? "-" : "+"}${abs < 10 ? "0" : ""}${abs}`;
}

/** Python `'{:.<precision>e}'.format(x)`. */
export function pyFormatExp(x: number, precision: number): string {
  // toExponential rounds the exact value correctly but breaks ties upwards. A tie needs
  // 2 * x * 10^(p-E) to be an odd integer (E the decimal exponent), so x * 2^(p-E+1) must be
  // an integer; one extra bit covers an estimate of E that is one too high.
  if (Number.isFinite(x) && x !== 0 && precision <= 100) {
    const k = Math.max(precision - Math.floor(Math.log10(Math.abs(x))) + 2, 1);
    if (k < 1000 && !Number.isInteger(x * 2 ** k)) {
      const [mant, exp] = x.toExponential(precision).split("e");
      return mant + exponentSuffix(Number(exp));
    }
  }
  return exactFormatExp(x, precision);
}

/** pyFormatExp by exact BigInt arithmetic on the double's binary value, ties to even. */
export function exactFormatExp(x: number, precision: number): string {
  const special = nonFinite(x);
  if (special !== null) return special;
  const sign = signOf(x);
  let digits: string;
  let e10: number;
  if (x === 0) {
    digits = "0".repeat(precision + 1);
    e10 = 0;
  } else {
    const { mantissa, exp2 } = decompose(x);
    // Estimate the decimal exponent, then correct it so that 10^p <= n < 10^(p+1) before rounding.
    e10 = Math.floor(Math.log10(Math.abs(x)));
    const low = pow10(precision);
    const high = pow10(precision + 1);
    let n: bigint;
    for (;;) {
      const shift = precision - e10; // n = |x| * 10^shift
      let num = mantissa;
      let den = 1n;
      if (exp2 >= 0) num <<= BigInt(exp2);
      else den <<= BigInt(-exp2);
      if (shift >= 0) num *= pow10(shift);
      else den *= pow10(-shift);
      const floor = num / den;
      if (floor < low) {
        e10 -= 1;
        continue;
      }
      if (floor >= high) {
        e10 += 1;
        continue;
      }
      n = divRoundHalfEven(num, den);
      break;
    }
    if (n === high) {
      n = low;
      e10 += 1;
    }
    digits = n.toString();
  }
  const body = precision === 0 ? digits : `${digits[0]}.${digits.slice(1)}`;
  return sign + body + exponentSuffix(e10);
}

/** Python `repr(x)` for a float: shortest round-trip digits, exponent form outside [1e-4, 1e16). */
export function pyFloatRepr(x: number): string {
  const special = nonFinite(x);
  if (special !== null) return special;
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  // toExponential() without an argument yields the shortest digits that round-trip, as repr does.
  const [mant, exp] = Math.abs(x).toExponential().split("e");
  const digits = mant.replace(".", "");
  const e10 = Number(exp);
  const decpt = e10 + 1;
  const sign = x < 0 ? "-" : "";
  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0) return `${sign}0.${"0".repeat(-decpt)}${digits}`;
    if (decpt >= digits.length) return `${sign}${digits}${"0".repeat(decpt - digits.length)}.0`;
    return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
  }
  const body = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return sign + body + exponentSuffix(e10);
}

/** Python `str(int)` for an integer held in a double (int64 tensors hold integers only). */
export function pyIntStr(x: number): string {
  if (Number.isSafeInteger(x)) return String(x);
  if (Number.isInteger(x)) return BigInt(x).toString();
  return pyFloatRepr(x); // not an integer: should not happen for int64 data, show it honestly
}

/** Python `str(bool)`. */
export function pyBoolStr(x: number | boolean): string {
  return x ? "True" : "False";
}

/** Python's right-aligned `'{:>width}'` padding. */
export function padStart(s: string, width: number): string {
  return s.length >= width ? s : " ".repeat(width - s.length) + s;
}
