// Shared by the nn/optim/vision tests: PyTorch fixture tensors and tolerant comparisons.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as torch from "../../src/engine";
import type { Tensor } from "../../src/engine";

export interface FixtureTensor { shape: number[]; dtype: "float32" | "float64" | "int64" | "bool"; values: number[] }

/** Fixtures live beside the sources (tests run from build/test/...). */
export function loadFixture<T>(folder: string, file: string): T {
  return JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "..", "test", folder, file), "utf8")) as T;
}

export function toTensor(f: FixtureTensor, requiresGrad = false): Tensor {
  const dtype = { float32: torch.float32, float64: torch.float64, int64: torch.int64, bool: torch.bool }[f.dtype];
  const t = torch.tensor(f.values, { dtype }).reshape(f.shape);
  return requiresGrad ? t.detach().requires_grad_() : t;
}

export function values(t: Tensor): number[] { return t._values(0, t.numel()); }

/** Elementwise |a - e| <= atol + rtol * |e|, with the worst element in the message. */
export function assertClose(actual: Tensor | number[], expected: FixtureTensor | number[], what: string, rtol = 1e-5, atol = 1e-6): void {
  const a = Array.isArray(actual) ? actual : values(actual);
  const e = Array.isArray(expected) ? expected : expected.values;
  if (!Array.isArray(actual) && !Array.isArray(expected)) assert.deepEqual([...actual.shape], expected.shape, `${what}: shape`);
  assert.equal(a.length, e.length, `${what}: element count`);
  let worst = -1, worstErr = 0;
  for (let i = 0; i < a.length; i++) {
    const err = Math.abs(a[i] - e[i]) - (atol + rtol * Math.abs(e[i]));
    if (!(err <= 0) && !(Number.isNaN(a[i]) && Number.isNaN(e[i])) && (worst < 0 || err > worstErr)) { worst = i; worstErr = err; }
  }
  assert.ok(worst < 0, `${what}: element ${worst}: got ${a[worst]}, PyTorch ${e[worst]}`);
}

/** Bit-for-bit equality (what the seeded generator guarantees). */
export function assertExact(actual: Tensor, expected: FixtureTensor, what: string): void {
  assert.deepEqual([...actual.shape], expected.shape, `${what}: shape`);
  const a = values(actual);
  for (let i = 0; i < a.length; i++) assert.ok(Object.is(a[i], expected.values[i]) || a[i] === expected.values[i], `${what}: element ${i}: got ${a[i]}, PyTorch ${expected.values[i]}`);
}
