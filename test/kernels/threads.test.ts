// Threaded GEMM and convolution give bit-identical results to one thread: threads split C
// into disjoint blocks, and every element is summed in the same order either way.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { backendInfo, conv2dForward, gemm, setBackend, setNumThreads, shutdownKernels, type GemmParams } from "../../src/engine/kernels";
import { randomArray, rng } from "./helpers";

after(() => shutdownKernels());

function run(p: GemmParams<Float32Array>, threads: number): Float32Array {
  setNumThreads(threads);
  const q = { ...p, c: p.c.slice() };
  gemm(q);
  return q.c;
}

test("2-thread gemm equals 1-thread gemm bit for bit (row and column splits, all transposes)", () => {
  setBackend("wasm");
  assert.equal(backendInfo().backend, "wasm");
  const r = rng(11);
  // Large enough to be split (m*n*k >= 2^22); m >= n splits rows, m < n splits columns.
  for (const [m, n, k] of [[301, 77, 250], [64, 515, 131], [1024, 1024, 8]]) {
    for (const transA of [false, true]) {
      for (const transB of [false, true]) {
        const lda = (transA ? m : k) + 1, ldb = (transB ? k : n) + 3, ldc = n + 2;
        const p: GemmParams<Float32Array> = {
          transA, transB, m, n, k, alpha: 0.75, beta: 0.5,
          a: randomArray(r, lda * (transA ? k : m), (x) => new Float32Array(x)), aOffset: 0, lda,
          b: randomArray(r, ldb * (transB ? n : k), (x) => new Float32Array(x)), bOffset: 0, ldb,
          c: randomArray(r, ldc * m, (x) => new Float32Array(x)), cOffset: 0, ldc,
        };
        const one = run(p, 1);
        const splitsBefore = backendInfo().splitCalls;
        const two = run(p, 2);
        assert.deepEqual(two, one, `m=${m} n=${n} k=${k} transA=${transA} transB=${transB}`);
        assert.equal(backendInfo().workers, 1, "one worker thread started");
        assert.equal(backendInfo().splitCalls, splitsBefore + 1, "the 2-thread call was split");
      }
    }
  }
  setNumThreads(2);
});

test("2-thread convolution equals 1-thread convolution bit for bit (its GEMMs split)", () => {
  const r = rng(12);
  const geom = { batch: 2, inChannels: 16, inH: 40, inW: 40, outChannels: 64, kH: 3, kW: 3, strideH: 1, strideW: 1,
    padH: 1, padW: 1, dilationH: 1, dilationW: 1, groups: 1 };
  const input = randomArray(r, 2 * 16 * 40 * 40, (x) => new Float32Array(x));
  const weight = randomArray(r, 64 * 16 * 9, (x) => new Float32Array(x));
  let splitsBefore = 0;
  const outs = [1, 2].map((t) => {
    setNumThreads(t);
    splitsBefore = backendInfo().splitCalls;
    const output = new Float32Array(2 * 64 * 40 * 40);
    conv2dForward({ ...geom, input, inputOffset: 0, weight, weightOffset: 0, output, outputOffset: 0 });
    return output;
  });
  assert.deepEqual(outs[1], outs[0]);
  assert.equal(backendInfo().splitCalls, splitsBefore + 2, "one split GEMM per image");
  setNumThreads(2);
});

test("wasm memory stays flat over repeated training-like calls (arena reuse)", () => {
  setBackend("wasm");
  setNumThreads(2);
  const r = rng(13);
  const x = randomArray(r, 8 * 3 * 32 * 32, (n) => new Float32Array(n));
  const w = randomArray(r, 16 * 3 * 9, (n) => new Float32Array(n));
  const y = new Float32Array(8 * 16 * 32 * 32);
  const a = randomArray(r, 64 * 784, (n) => new Float32Array(n));
  const b = randomArray(r, 784 * 256, (n) => new Float32Array(n));
  const c = new Float32Array(64 * 256);
  const step = (): void => {
    conv2dForward({ batch: 8, inChannels: 3, inH: 32, inW: 32, outChannels: 16, kH: 3, kW: 3, strideH: 1, strideW: 1,
      padH: 1, padW: 1, dilationH: 1, dilationW: 1, groups: 1, input: x, inputOffset: 0, weight: w, weightOffset: 0, output: y, outputOffset: 0 });
    gemm({ transA: false, transB: false, m: 64, n: 256, k: 784, a, aOffset: 0, lda: 784, b, bOffset: 0, ldb: 256, c, cOffset: 0, ldc: 256 });
  };
  step();
  const before = backendInfo().memoryBytes;
  assert.ok(before > 0);
  for (let i = 0; i < 200; i++) step();
  assert.equal(backendInfo().memoryBytes, before);
});
