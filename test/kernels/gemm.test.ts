// GEMM: the JS kernel against a naive triple loop (float64), and the WebAssembly SIMD kernel
// (both builds) against the JS kernel on random shapes: odd sizes, 1, primes, sizes that cross
// the cache blocks (k > 256, m > 128, n > 2048), every transpose variant, leading dimensions
// larger than the rows and non-zero offsets. Entries of C outside the block must stay untouched.
import { test } from "node:test";
import assert from "node:assert/strict";
import { backendInfo, gemm, gemmBatched, setBackend, type FloatArray, type GemmParams } from "../../src/engine/kernels";
import { assertClose, pick, randomArray, rng } from "./helpers";

interface Case { transA: boolean; transB: boolean; m: number; n: number; k: number; alpha: number; beta: number;
  lda: number; ldb: number; ldc: number; aOffset: number; bOffset: number; cOffset: number }

const SIZES = [1, 2, 3, 4, 5, 7, 8, 9, 13, 16, 17, 31, 33, 64, 97, 131, 257, 300];

function randomCase(r: () => number): Case {
  const transA = r() < 0.5, transB = r() < 0.5;
  const m = pick(r, SIZES), n = pick(r, SIZES), k = pick(r, SIZES);
  const pad = (): number => (r() < 0.5 ? 0 : 1 + Math.floor(r() * 9));
  return {
    transA, transB, m, n, k,
    alpha: pick(r, [1, 1, -0.5, 2.25, 0]), beta: pick(r, [0, 0, 1, 0.5, -1.5]),
    lda: (transA ? m : k) + pad(), ldb: (transB ? k : n) + pad(), ldc: n + pad(),
    aOffset: Math.floor(r() * 7), bOffset: Math.floor(r() * 7), cOffset: Math.floor(r() * 7),
  };
}

function operands<T extends FloatArray>(r: () => number, c: Case, make: (n: number) => T): GemmParams<T> {
  const aLen = c.aOffset + c.lda * (c.transA ? c.k : c.m) + 3;
  const bLen = c.bOffset + c.ldb * (c.transB ? c.n : c.k) + 3;
  const cLen = c.cOffset + c.ldc * c.m + 3;
  return { ...c, a: randomArray(r, aLen, make), b: randomArray(r, bLen, make), c: randomArray(r, cLen, make) };
}

function naive(p: GemmParams): Float64Array {
  const out = Float64Array.from(p.c);
  for (let i = 0; i < p.m; i++) {
    for (let j = 0; j < p.n; j++) {
      let s = 0;
      for (let q = 0; q < p.k; q++) {
        const a = p.transA ? p.a[p.aOffset + q * p.lda + i] : p.a[p.aOffset + i * p.lda + q];
        const b = p.transB ? p.b[p.bOffset + j * p.ldb + q] : p.b[p.bOffset + q * p.ldb + j];
        s += a * b;
      }
      const ci = p.cOffset + i * p.ldc + j;
      out[ci] = (p.alpha ?? 1) * s + ((p.beta ?? 0) === 0 ? 0 : (p.beta ?? 0) * p.c[ci]);
    }
  }
  return out;
}

test("JS gemm equals a naive triple loop (float64, all transposes, offsets, leading dims)", () => {
  setBackend("js");
  const r = rng(1);
  for (let t = 0; t < 150; t++) {
    const c = randomCase(r);
    if (c.m * c.n * c.k > 3e5) continue;
    const p = operands(r, c, (n) => new Float64Array(n));
    const want = naive(p);
    gemm(p);
    assertClose(p.c, want, 1e-12, `case ${JSON.stringify(c)}`);
  }
  setBackend("wasm");
});

test("the WebAssembly SIMD kernels are available on this machine", () => {
  setBackend("wasm");
  assert.equal(backendInfo().backend, "wasm");
});

for (const variant of ["relaxed", "simd"] as const) {
  test(`wasm (${variant}) float32 gemm equals the JS kernel on random shapes`, (t) => {
    setBackend("wasm", variant);
    if (variant === "relaxed" && backendInfo().variant !== "relaxed") {
      t.skip("this V8 does not accept relaxed SIMD (the plain SIMD128 build is tested below)");
      setBackend("wasm");
      return;
    }
    assert.equal(backendInfo().variant, variant);
    const r = rng(variant === "simd" ? 2 : 3);
    for (let t = 0; t < 120; t++) {
      const c = randomCase(r);
      const p = operands(r, c, (n) => new Float32Array(n));
      const ref = { ...p, c: p.c.slice() };
      setBackend("js");
      gemm(ref);
      setBackend("wasm", variant);
      gemm(p);
      // Float32 sums over k terms: a few units of 2^-24 per term at worst.
      assertClose(p.c, ref.c, 4e-7 * Math.max(c.k, 1) + 1e-6, `case ${JSON.stringify(c)}`);
      // Entries of c outside the m x n block (gaps, before, after) are bit-identical.
      for (let i = 0; i < p.c.length; i++) {
        const row = Math.floor((i - c.cOffset) / c.ldc), col = (i - c.cOffset) % c.ldc;
        const inside = i >= c.cOffset && row < c.m && col < c.n;
        if (!inside) assert.equal(p.c[i], ref.c[i], `outside element ${i} changed`);
      }
    }
  });
}

test("wasm gemm crosses every cache block (m > 128, n > 2048, k > 256)", () => {
  setBackend("wasm");
  const r = rng(4);
  for (const [m, n, k] of [[133, 9, 515], [6, 2100, 3], [257, 260, 258]]) {
    for (const transA of [false, true]) {
      for (const transB of [false, true]) {
        const c: Case = { transA, transB, m, n, k, alpha: 1.5, beta: 0.5, lda: (transA ? m : k) + 1,
          ldb: (transB ? k : n) + 2, ldc: n + 3, aOffset: 1, bOffset: 2, cOffset: 3 };
        const p = operands(r, c, (x) => new Float32Array(x));
        const ref = { ...p, c: p.c.slice() };
        setBackend("js");
        gemm(ref);
        setBackend("wasm");
        gemm(p);
        assertClose(p.c, ref.c, 4e-7 * k + 1e-6, `case ${JSON.stringify(c)}`);
      }
    }
  }
});

test("beta = 0 ignores NaN in C, as BLAS does; alpha = 0 only scales C", () => {
  for (const backend of ["js", "wasm"] as const) {
    setBackend(backend);
    const a = new Float32Array([1, 2, 3, 4]);
    const b = new Float32Array([5, 6, 7, 8]);
    const c = new Float32Array([NaN, NaN, NaN, NaN]);
    gemm({ transA: false, transB: false, m: 2, n: 2, k: 2, a, aOffset: 0, lda: 2, b, bOffset: 0, ldb: 2, c, cOffset: 0, ldc: 2 });
    assert.deepEqual([...c], [19, 22, 43, 50], backend);
    gemm({ transA: false, transB: false, m: 2, n: 2, k: 2, alpha: 0, beta: 2, a, aOffset: 0, lda: 2, b, bOffset: 0, ldb: 2, c, cOffset: 0, ldc: 2 });
    assert.deepEqual([...c], [38, 44, 86, 100], backend);
  }
  setBackend("wasm");
});

test("batched gemm applies each stride, including a shared (stride 0) operand", () => {
  const r = rng(5);
  const [batch, m, n, k] = [3, 5, 7, 4];
  const a = randomArray(r, batch * m * k, (x) => new Float32Array(x));
  const b = randomArray(r, k * n, (x) => new Float32Array(x));
  const c = new Float32Array(batch * m * n);
  gemmBatched({ batch, strideA: m * k, strideB: 0, strideC: m * n, transA: false, transB: false, m, n, k,
    a, aOffset: 0, lda: k, b, bOffset: 0, ldb: n, c, cOffset: 0, ldc: n });
  for (let i = 0; i < batch; i++) {
    const want = naive({ transA: false, transB: false, m, n, k, a, aOffset: i * m * k, lda: k, b, bOffset: 0, ldb: n,
      c: new Float32Array(m * n), cOffset: 0, ldc: n });
    assertClose(c.subarray(i * m * n, (i + 1) * m * n), want, 1e-5, `batch ${i}`);
  }
});

test("rowAdd: the row vector added after the product equals a separate float32 add, wasm and JS", () => {
  const r = rng(93);
  for (const [m, n, k] of [[64, 256, 97], [5, 10, 3], [33, 7, 64]]) {
    const a = new Float32Array(m * k).map(() => r() * 2 - 1), b = new Float32Array(n * k).map(() => r() * 2 - 1);
    const bias = new Float32Array(2 * n + 1).map(() => r() * 2 - 1);
    for (const backend of ["wasm", "js"] as const) {
      setBackend(backend);
      const base = { transA: false, transB: true, m, n, k, a, aOffset: 0, lda: k, b, bOffset: 0, ldb: k, cOffset: 0, ldc: n };
      const want = new Float32Array(m * n);
      gemm({ ...base, c: want });
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) want[i * n + j] = Math.fround(want[i * n + j] + bias[1 + 2 * j]);
      const got = new Float32Array(m * n);
      gemm({ ...base, c: got, rowAdd: bias, rowAddOffset: 1, rowAddStride: 2 });
      assert.deepEqual(got, want, `${backend} ${m}x${n}x${k}`);
    }
    setBackend("wasm");
  }
});
