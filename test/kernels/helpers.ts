// Shared test helpers: a seeded generator (reproducible shapes and data) and comparisons.
import assert from "node:assert/strict";
import type { FloatArray } from "../../src/engine/kernels";

/** mulberry32: small, fast, good enough for test data. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

export function randomArray<T extends FloatArray>(r: () => number, n: number, make: (n: number) => T): T {
  const a = make(n);
  for (let i = 0; i < n; i++) a[i] = r() * 2 - 1;
  return a;
}

/**
 * Asserts |actual - expected| <= tol * scale elementwise, where scale is the largest |expected|
 * (at least 1): a float32 rounding tolerance that an indexing bug (an O(1) error) cannot meet.
 */
export function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  let scale = 1;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]));
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs(actual[i] - expected[i]);
    if (!(d <= tol * scale)) {
      assert.fail(`${what}: element ${i}: ${actual[i]} vs ${expected[i]} (|diff| ${d} > ${tol * scale})`);
    }
  }
}
