// nn.Linear's weight gradient is computed as (g^T·x)^T so it arrives dense (ops/linalg.ts
// rightGrad). That must equal x^T·g bit for bit, on the default (wasm) kernels and on JS.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/engine";
import { setBackend } from "../../src/engine/kernels";
import type { DType } from "../../src/engine/dtype";

function check(batch: number, inF: number, outF: number, dtype: DType): void {
  const x = torch.randn([batch, inF], { dtype });
  const w = torch.randn([outF, inF], { dtype }).requires_grad_();
  const b = torch.randn([outF], { dtype }).requires_grad_();
  const g = torch.randn([batch, outF], { dtype });
  torch.nn.functional.linear(x, w, b).backward(g);
  const wg = w.grad as torch.Tensor;
  assert.ok(wg.is_contiguous(), "the weight gradient should arrive dense");
  const want = torch.mm(x.t(), g).t().contiguous(); // x^T·g, transposed back to the weight's shape
  const got = wg._storage.data, exp = want._storage.data;
  assert.equal(got.length, exp.length);
  for (let i = 0; i < got.length; i++) assert.ok(Object.is(got[i], exp[i]), `[${batch},${inF},${outF}] element ${i}: ${got[i]} vs ${exp[i]}`);
  // The bias gradient is g summed over the batch.
  assert.deepEqual(Array.from((b.grad as torch.Tensor)._storage.data), Array.from(g.sum(0)._storage.data));
}

const shapes: [number, number, number][] = [[64, 784, 256], [64, 256, 10], [1, 7, 3], [5, 2, 2], [300, 33, 17], [3, 600, 9]];

test("Linear's weight gradient equals x^T·g bit for bit (float32, default kernels)", () => {
  for (const [b, i, o] of shapes) check(b, i, o, torch.float32);
});

test("Linear's weight gradient equals x^T·g bit for bit (JS kernels, float32 and float64)", () => {
  setBackend("js");
  try {
    for (const [b, i, o] of shapes) { check(b, i, o, torch.float32); check(b, i, o, torch.float64); }
  } finally {
    setBackend("wasm");
  }
});
