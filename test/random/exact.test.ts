// fma64/fmaf (the emulated FMA instructions PyTorch's kernels use) against an exact BigInt
// reference, on random operands and on constructed halfway cases where naive rounding fails.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fma64, fmaf } from "../../src/engine/random/exact";

const view = new DataView(new ArrayBuffer(8));

/** x = m * 2^e exactly, for a finite double. */
function decompose(x: number): [bigint, number] {
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const sign = bits >> 63n ? -1n : 1n;
  const ex = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  return ex === 0 ? [sign * frac, -1074] : [sign * (frac | (1n << 52n)), ex - 1075];
}

/** Round m * 2^e to `bits` significant bits, ties to even (normal range only). */
function roundExact(m: bigint, e: number, bits: number): number {
  if (m === 0n) return 0;
  const neg = m < 0n;
  let a = neg ? -m : m;
  const len = a.toString(2).length;
  if (len > bits) {
    const drop = BigInt(len - bits);
    const q = a >> drop;
    const rem = a - (q << drop);
    const half = 1n << (drop - 1n);
    a = rem > half || (rem === half && (q & 1n) === 1n) ? q + 1n : q;
    e += Number(drop);
  }
  const v = Number(a) * 2 ** e; // a has at most `bits` + 1 bits: exact
  return neg ? -v : v;
}

function exactFma(a: number, b: number, c: number, bits: number): number {
  const [ma, ea] = decompose(a);
  const [mb, eb] = decompose(b);
  const [mc, ec] = decompose(c);
  const ep = ea + eb;
  const e = Math.min(ep, ec);
  const sum = (ma * mb << BigInt(ep - e)) + (mc << BigInt(ec - e));
  return roundExact(sum, e, bits);
}

// Deterministic operands (no Math.random: a failure must reproduce).
let state = 12345;
function next(): number {
  state = (Math.imul(state, 1103515245) + 12345) >>> 0;
  return state / 4294967296;
}

test("fma64 equals the exactly rounded a*b+c", () => {
  for (let i = 0; i < 20000; i++) {
    const a = (next() - 0.5) * 2 ** Math.floor(next() * 20 - 10);
    const b = (next() - 0.5) * 2 ** Math.floor(next() * 20 - 10);
    const c = (next() - 0.5) * 2 ** Math.floor(next() * 40 - 20);
    assert.equal(fma64(a, b, c), exactFma(a, b, c, 53), `fma64(${a}, ${b}, ${c})`);
  }
  // a*b just past a tie of c's last place: double rounding gets these wrong.
  const a = 1 + 2 ** -30;
  const b = 1 + 2 ** -23;
  assert.equal(fma64(a, b, -1), exactFma(a, b, -1, 53));
  assert.equal(fma64(1 + 2 ** -52, 1 + 2 ** -52, 0), exactFma(1 + 2 ** -52, 1 + 2 ** -52, 0, 53));
});

test("fmaf equals the exactly rounded float32 a*b+c", () => {
  const f = Math.fround;
  for (let i = 0; i < 20000; i++) {
    const a = f((next() - 0.5) * 2 ** Math.floor(next() * 10 - 5));
    const b = f((next() - 0.5) * 2 ** Math.floor(next() * 10 - 5));
    const c = f((next() - 0.5) * 2 ** Math.floor(next() * 20 - 10));
    assert.equal(fmaf(a, b, c), exactFma(a, b, c, 24), `fmaf(${a}, ${b}, ${c})`);
  }
  // (1 + 2^-12)^2 = 1 + 2^-11 + 2^-24 is halfway between two float32 values; ± 2^-80 moves the
  // exact sum off the tie, but binary64 rounds it back onto it, so fround(a*b + c) is wrong.
  const a = 1 + 2 ** -12;
  assert.notEqual(f(a * a + 2 ** -80), exactFma(a, a, 2 ** -80, 24), "the case defeats naive rounding");
  for (const c of [2 ** -80, -(2 ** -80)]) {
    assert.equal(fmaf(a, a, c), exactFma(a, a, c, 24), `fmaf(${a}, ${a}, ${c})`);
  }
  assert.equal(fmaf(f(1 / 3), 3, -1), exactFma(f(1 / 3), 3, -1, 24));
});
