// The optimizers' float32 fused multiply-add (optim/arith.ts fmaf32) must round exactly like the
// round-to-odd reference (random/exact.ts fmaf), halfway cases included.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fmaf32 } from "../../src/engine/optim/arith";
import { fmaf } from "../../src/engine/random/exact";

const f = Math.fround;

test("fmaf32 equals the reference fmaf on random and halfway float32 inputs", () => {
  let seed = 12345;
  const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  let halfway = 0;
  for (let i = 0; i < 200000; i++) {
    const scaleA = 2 ** Math.floor(rnd() * 20 - 10), scaleC = 2 ** Math.floor(rnd() * 20 - 10);
    const a = f((rnd() - 0.5) * scaleA);
    const b = i % 3 === 0 ? 1 : i % 3 === 1 ? f(0.9) : f((rnd() - 0.5) * 4);
    const c = f((rnd() - 0.5) * scaleC);
    const s = a * b + c, r = f(s), t = r + 2 * (s - r);
    if (t !== r && f(t) === t) halfway++;
    const want = fmaf(a, b, c), got = fmaf32(a, b, c);
    assert.ok(Object.is(got, want), `fmaf32(${a}, ${b}, ${c}) = ${got}, want ${want}`);
  }
  assert.ok(halfway > 1000, `too few halfway cases exercised (${halfway})`);
});

test("fmaf32 keeps infinities, NaN, signed zeros and overflow as the reference", () => {
  const big = f(3e38);
  const cases: [number, number, number][] = [
    [Infinity, 1, 1], [1, -Infinity, 0], [NaN, 1, 2], [0, 5, -0], [-0, 5, -0], [big, 2, 0], [big, 2, -big], [f(1e-30), f(1e-30), 0],
    [1, f(2 ** -24), 1], [1, f(2 ** -24), f(1 + 2 ** -23)], [-1, f(2 ** -24), -1], [f(1 + 2 ** -23), f(2 ** -24), 1],
  ];
  for (const [a, b, c] of cases) assert.ok(Object.is(fmaf32(a, b, c), fmaf(a, b, c)), `fmaf32(${a}, ${b}, ${c})`);
});
