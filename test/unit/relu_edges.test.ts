// torch.relu at its edges, as PyTorch 1.13 computes them (checked with /usr/bin/python3):
//   x = [nan, -0., 1., -2.]  ->  relu(x) = [nan, -0., 1., 0.]  and  x.grad = [1., 0., 1., 0.]
// (clamp_min keeps NaN and -0; threshold_backward zeroes the gradient where the result is <= 0).
// Checked on a short tensor (JS loop) and a long one (WebAssembly kernel), float32 and float64.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/engine";
import type { DType } from "../../src/engine/dtype";

function check(repeat: number, dtype: DType): void {
  const base = [NaN, -0, 1, -2];
  const values: number[] = [];
  for (let r = 0; r < repeat; r++) values.push(...base);
  const x = torch.tensor(values, { dtype }).requires_grad_();
  const y = torch.relu(x);
  y.backward(torch.ones_like(y));
  const out = y._storage.data, grad = (x.grad as torch.Tensor)._storage.data;
  const wantOut = [NaN, -0, 1, 0], wantGrad = [1, 0, 1, 0];
  for (let i = 0; i < values.length; i++) {
    assert.ok(Object.is(out[i], wantOut[i % 4]), `relu element ${i}: ${out[i]}`);
    assert.ok(Object.is(grad[i], wantGrad[i % 4]), `grad element ${i}: ${grad[i]}`);
  }
}

test("relu keeps NaN and -0 and passes the gradient through NaN, as PyTorch", () => {
  for (const dtype of [torch.float32, torch.float64]) {
    check(1, dtype);
    check(600, dtype);
  }
});
