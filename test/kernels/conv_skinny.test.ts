// The skinny convolution GEMMs (src/engine/kernels/wasm/assembly/conv_skinny.ts), both wasm
// builds, against plain loops on random shapes: sizes 1, odd, primes, sizes past the 2x4 / 4x8
// tiles and the 16-row passes, leading dimensions larger than the rows, accumulate or overwrite.
// Entries of C outside the m x n block must stay untouched.
import { test } from "node:test";
import assert from "node:assert/strict";
import { WasmBackend } from "../../src/engine/kernels/wasm/backend";
import { assertClose, pick, randomArray, rng } from "./helpers";

interface SkinnyExports {
  sgemmDotNT(m: number, n: number, k: number, a: number, lda: number, b: number, ldb: number, c: number, ldc: number, accumulate: number): void;
  sgemmSplatNN(m: number, n: number, k: number, a: number, sai: number, sat: number, b: number, ldb: number, c: number, ldc: number, accumulate: number): void;
  transpose(rows: number, cols: number, src: number, dst: number): void;
}

const SIZES = [1, 2, 3, 4, 5, 7, 8, 9, 13, 16, 17, 31, 33, 64, 97];

/** Copies `src` into the heap; returns its byte pointer. */
function put(be: WasmBackend, src: Float32Array): number {
  const ptr = be.heap.alloc(src.length * 4);
  be.heap.f32.set(src, ptr >> 2);
  return ptr;
}
function get(be: WasmBackend, ptr: number, n: number): Float32Array {
  return be.heap.f32.slice(ptr >> 2, (ptr >> 2) + n);
}

for (const variant of ["relaxed", "simd"] as const) {
  const be = WasmBackend.create(1, variant);
  const skip = be === null ? `no ${variant} WebAssembly here` : false;

  test(`sgemmDotNT (${variant}) equals C = A B^T by plain loops`, { skip }, () => {
    const w = be as WasmBackend, ex = w.ex as unknown as SkinnyExports;
    const r = rng(variant === "relaxed" ? 31 : 32);
    for (let t = 0; t < 200; t++) {
      const m = pick(r, SIZES), n = pick(r, SIZES), k = pick(r, [...SIZES, 147, 576]);
      const lda = k + pick(r, [0, 0, 3]), ldb = k + pick(r, [0, 0, 1, 5]), ldc = n + pick(r, [0, 0, 2]);
      const accumulate = r() < 0.5 ? 1 : 0;
      const a = randomArray(r, m * lda, (x) => new Float32Array(x)), b = randomArray(r, n * ldb, (x) => new Float32Array(x));
      const c = randomArray(r, m * ldc, (x) => new Float32Array(x));
      const want = Float64Array.from(c);
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
        let s = 0;
        for (let q = 0; q < k; q++) s += a[i * lda + q] * b[j * ldb + q];
        want[i * ldc + j] = (accumulate ? c[i * ldc + j] : 0) + s;
      }
      w.heap.reset();
      const pa = put(w, a), pb = put(w, b), pc = put(w, c);
      ex.sgemmDotNT(m, n, k, pa, lda, pb, ldb, pc, ldc, accumulate);
      const got = get(w, pc, m * ldc);
      assertClose(got, want, 1e-5 * Math.sqrt(k), `dotNT m=${m} n=${n} k=${k} acc=${accumulate}`);
      for (let i = 0; i < m; i++) for (let j = n; j < ldc; j++) assert.equal(got[i * ldc + j], c[i * ldc + j], "outside C touched");
    }
  });

  test(`sgemmSplatNN (${variant}) equals C = op(A) B by plain loops, A with any strides`, { skip }, () => {
    const w = be as WasmBackend, ex = w.ex as unknown as SkinnyExports;
    const r = rng(variant === "relaxed" ? 33 : 34);
    for (let t = 0; t < 200; t++) {
      const m = pick(r, SIZES), n = pick(r, SIZES), k = pick(r, [...SIZES, 512]);
      // A stored m x k (sai = k, sat = 1) or k x m (sai = 1, sat = m), possibly padded.
      const transposedA = r() < 0.5, padA = pick(r, [0, 0, 2]);
      const sai = transposedA ? 1 : k + padA, sat = transposedA ? m + padA : 1;
      const aLen = transposedA ? k * sat : m * sai;
      const ldb = n + pick(r, [0, 0, 1, 4]), ldc = n + pick(r, [0, 0, 3]);
      const accumulate = r() < 0.5 ? 1 : 0;
      const a = randomArray(r, aLen, (x) => new Float32Array(x)), b = randomArray(r, k * ldb, (x) => new Float32Array(x));
      const c = randomArray(r, m * ldc, (x) => new Float32Array(x));
      const want = Float64Array.from(c);
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
        let s = 0;
        for (let q = 0; q < k; q++) s += a[i * sai + q * sat] * b[q * ldb + j];
        want[i * ldc + j] = (accumulate ? c[i * ldc + j] : 0) + s;
      }
      w.heap.reset();
      const pa = put(w, a), pb = put(w, b), pc = put(w, c);
      ex.sgemmSplatNN(m, n, k, pa, sai, sat, pb, ldb, pc, ldc, accumulate);
      const got = get(w, pc, m * ldc);
      assertClose(got, want, 1e-5 * Math.sqrt(k), `splatNN m=${m} n=${n} k=${k} acc=${accumulate} transposedA=${transposedA}`);
      for (let i = 0; i < m; i++) for (let j = n; j < ldc; j++) assert.equal(got[i * ldc + j], c[i * ldc + j], "outside C touched");
    }
  });

  test(`transpose (${variant}) moves every value`, { skip }, () => {
    const w = be as WasmBackend, ex = w.ex as unknown as SkinnyExports;
    const r = rng(35);
    for (let t = 0; t < 50; t++) {
      const rows = pick(r, SIZES), cols = pick(r, SIZES);
      const src = randomArray(r, rows * cols, (x) => new Float32Array(x));
      w.heap.reset();
      const ps = put(w, src), pd = w.heap.alloc(rows * cols * 4);
      ex.transpose(rows, cols, ps, pd);
      const got = get(w, pd, rows * cols);
      for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) assert.equal(got[j * rows + i], src[i * cols + j]);
    }
    w.close();
  });
}
