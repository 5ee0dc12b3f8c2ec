// Resident arrays (kernels' residentF32): float32 data kept in the wasm memory so GEMM and the
// SGD kernel use it in place. Results must equal those on plain arrays bit for bit, in place
// outputs must land in the array itself, an operand that is also the output must still work,
// and a parameter moved into wasm memory by SGD keeps its aliases (.data, views) in step.
import { test } from "node:test";
import assert from "node:assert/strict";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import * as torch from "../../src/engine";
import { gemm, isResidentF32, residentF32, type GemmParams } from "../../src/engine/kernels";
import { randomArray, rng } from "./helpers";

function resident(src: Float32Array): Float32Array {
  const r = residentF32(src.length);
  assert.ok(r, "the wasm kernels should give resident arrays here");
  r.set(src);
  return r;
}

test("residentF32 gives zeroed arrays of any positive length", () => {
  for (const n of [1, 10, 5000]) {
    const a = residentF32(n);
    assert.ok(a && a.length === n && isResidentF32(a));
    assert.ok(a.every((v) => v === 0));
  }
  assert.equal(residentF32(0), null);
  assert.equal(isResidentF32(new Float32Array(5000)), false);
});

test("GEMM on resident operands and output equals GEMM on plain arrays bit for bit", () => {
  const r = rng(91);
  for (const [transA, transB, m, n, k] of [[false, true, 64, 130, 97], [true, false, 70, 33, 64], [false, false, 65, 66, 67]] as const) {
    const lda = (transA ? m : k) + 3, ldb = (transB ? k : n) + 1, ldc = n + 2;
    const a = randomArray(r, 5 + lda * (transA ? k : m) + 4100, (x) => new Float32Array(x));
    const b = randomArray(r, 7 + ldb * (transB ? n : k) + 4100, (x) => new Float32Array(x));
    const c0 = randomArray(r, 3 + ldc * m + 4100, (x) => new Float32Array(x));
    for (const beta of [0, 0.5]) {
      const p = (A: Float32Array, B: Float32Array, C: Float32Array): GemmParams => ({
        transA, transB, m, n, k, alpha: 1.25, beta, a: A, aOffset: 5, lda, b: B, bOffset: 7, ldb, c: C, cOffset: 3, ldc,
      });
      const want = c0.slice();
      gemm(p(a, b, want));
      const got = resident(c0);
      gemm(p(resident(a), resident(b), got));
      assert.ok(isResidentF32(got));
      assert.deepEqual(Array.from(got), Array.from(want), `${transA} ${transB} ${m}x${n}x${k} beta=${beta}`);
    }
  }
});

test("GEMM whose output is also an operand (resident) reads the operand before writing", () => {
  const r = rng(92);
  const n = 70;
  const a = randomArray(r, n * n, (x) => new Float32Array(x));
  const b = randomArray(r, n * n, (x) => new Float32Array(x));
  const want = new Float32Array(n * n);
  gemm({ transA: false, transB: false, m: n, n, k: n, a, aOffset: 0, lda: n, b, bOffset: 0, ldb: n, c: want, cOffset: 0, ldc: n });
  const ra = resident(a);
  gemm({ transA: false, transB: false, m: n, n, k: n, a: ra, aOffset: 0, lda: n, b, bOffset: 0, ldb: n, c: ra, cOffset: 0, ldc: n });
  assert.deepEqual(Array.from(ra), Array.from(want));
});

test("SGD moves a dense float32 parameter into wasm memory; values and aliases as with plain arrays", () => {
  const run = () => {
    torch.manual_seed(5);
    const lin = new torch.nn.Linear(300, 40);
    const alias = lin.weight.data; // shares the storage, as in PyTorch
    const opt = new torch.optim.SGD(lin.parameters(), { lr: 0.1, momentum: 0.9 });
    const x = torch.randn(8, 300);
    for (let i = 0; i < 3; i++) {
      opt.zero_grad();
      lin.forward(x).pow(2).sum().backward();
      opt.step();
    }
    return { w: Array.from(lin.weight._storage.data), alias: Array.from(alias._storage.data), resident: isResidentF32(lin.weight._storage.data as Float32Array) };
  };
  const got = run();
  assert.ok(got.resident, "the weight should now live in wasm memory");
  assert.deepEqual(got.alias, got.w, "an alias taken before the move sees the updates");
  // The same training on a parameter that cannot move (a non-dense view: the optimizer updates
  // a dense copy, which the kernels copy in and out).
  torch.manual_seed(5);
  const lin = new torch.nn.Linear(300, 40);
  const plainW = lin.weight.detach().clone();
  const wT = plainW.t().contiguous().t().requires_grad_(); // same values, a transposed (non-dense) layout
  const b = (lin.bias as torch.Tensor).detach().clone().requires_grad_();
  const opt = new torch.optim.SGD([wT, b], { lr: 0.1, momentum: 0.9 });
  const x = torch.randn(8, 300);
  for (let i = 0; i < 3; i++) {
    opt.zero_grad();
    torch.nn.functional.linear(x, wT, b).pow(2).sum().backward();
    opt.step();
  }
  assert.equal(isResidentF32(wT._storage.data as Float32Array), false);
  assert.deepEqual(Array.from(wT.contiguous()._storage.data), got.w, "same values as the resident run");
});

test("resident arrays are zeroed, also after blocks were freed (and possibly reused)", async () => {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as (() => void) | undefined;
  for (let round = 0; round < 3; round++) {
    (() => { const a = residentF32(6000); a?.fill(7); })();
    gc?.();
    await new Promise((resolve) => setImmediate(resolve));
    const b = residentF32(6000);
    assert.ok(b && b.every((v) => v === 0), "a new resident array must be zeroed");
  }
});
