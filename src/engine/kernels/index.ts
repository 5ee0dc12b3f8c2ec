// The kernels' public API: synchronous functions on raw typed arrays (row-major, explicit
// offsets and leading dimensions) that the engine calls; they know nothing of Tensor or
// autograd. Float64 always runs the plain JS kernels. Float32 runs the WebAssembly SIMD kernels
// (multi-threaded for large GEMM/convolution) when this engine supports them, else the same JS
// kernels; setBackend("js") forces JS for tests and comparisons.
import { availableParallelism } from "node:os";
import { batchedGemm, gemmJs } from "./js/gemm";
import { col2imJs, im2colJs } from "./js/im2col";
import {
  conv2dBackwardBiasJs, conv2dBackwardInputWith, conv2dBackwardWeightWith, conv2dForwardWith, type ConvPrimitives,
} from "./js/conv";
import { binaryJs, expJs, kahanColumnSumsJs, maxJs, reluBackwardJs, reluJs, scalarJs, sumJs, type BinaryOp } from "./js/elementwise";
import { WasmBackend } from "./wasm/backend";
import { WasmHeapFull } from "./wasm/heap";
import { conv2dBackwardInputWasm, conv2dBackwardWeightWasm, conv2dForwardWasm } from "./wasm/conv";
import { binaryWasm, kahanColumnSumsWasm, maxWasm, reluBackwardWasm, reluWasm, scalarWasm, sumWasm } from "./wasm/elementwise";
import { sgdStepJs } from "./js/optim";
import { sgdStepWasm } from "./wasm/optim";
import type { WasmVariant } from "./wasm/loader";
import type {
  BatchedGemmParams, Conv2dBackwardInputParams, Conv2dBackwardWeightParams, Conv2dForwardParams, FloatArray, GemmParams,
} from "./types";

export type * from "./types";
export { convOutSize, poolOutSize } from "./types";
export type { BinaryOp } from "./js/elementwise";
export {
  avgPool2dBackward, avgPool2dForward, maxPool2dBackward, maxPool2dForward, poolOutShape,
  type AvgPool2dBackwardParams, type AvgPool2dForwardParams, type MaxPool2dBackwardParams, type MaxPool2dForwardParams,
} from "./js/pool";

export type Backend = "js" | "wasm";

function defaultThreads(): number {
  const env = Number(process.env.GI_KERNEL_THREADS);
  if (Number.isInteger(env) && env >= 1) return env;
  return Math.max(1, Math.min(2, availableParallelism()));
}

/** Most threads a backend is created for (setNumThreads can lower it at any time). */
const MAX_THREADS = 8;
let threads = defaultThreads();
let wasm: WasmBackend | null | undefined; // undefined: not tried yet; null: unavailable
let wanted: Backend = process.env.GI_KERNELS === "js" ? "js" : "wasm";
let preferVariant: WasmVariant | undefined;

function wasmBackend(): WasmBackend | null {
  if (wanted !== "wasm") return null;
  if (wasm === undefined) {
    try {
      wasm = WasmBackend.create(MAX_THREADS, preferVariant);
    } catch {
      wasm = null; // e.g. no shared memory here: the JS kernels serve float32 too
    }
    wasm?.setThreads(threads);
  }
  return wasm;
}

/**
 * Chooses the float32 kernels: "wasm" (default; falls back to JS where WebAssembly SIMD is
 * missing) or "js". `variant` restricts wasm to plain SIMD128 ("simd") or lets it use relaxed
 * SIMD's fused multiply-add where available (default).
 */
export function setBackend(backend: Backend, variant?: WasmVariant): void {
  wanted = backend;
  if (variant !== preferVariant && wasm) {
    wasm.close();
    wasm = undefined;
  }
  preferVariant = variant;
}

export interface BackendInfo {
  backend: Backend;
  /** Which wasm build runs: "relaxed" (fused multiply-add) or "simd"; null for JS. */
  variant: WasmVariant | null;
  /** Threads large calls may use, the caller's included. */
  threads: number;
  /** Worker threads started so far (they start on the first call large enough to share). */
  workers: number;
  /** Size of the wasm memory (0 for JS): flat once the largest call has been seen. */
  memoryBytes: number;
  /** GEMMs split over threads so far. */
  splitCalls: number;
}

/** The float32 backend in use. */
export function backendInfo(): BackendInfo {
  const be = wasmBackend();
  return { backend: be ? "wasm" : "js", variant: be ? be.variant : null, threads: be ? be.threadCount : 1, workers: be ? be.workersStarted : 0,
    memoryBytes: be ? be.memoryBytes : 0, splitCalls: be ? be.splitCalls : 0 };
}

/** Threads for large float32 GEMM/convolution, the caller's included (default min(2, cores)). */
export function setNumThreads(n: number): void {
  threads = Math.max(1, Math.min(MAX_THREADS, Math.floor(n)));
  wasm?.setThreads(threads);
}

export function getNumThreads(): number {
  return threads;
}

/** Rethrows unless the wasm call failed only for lack of wasm memory (2 GiB): the JS kernel then runs. */
function rethrowUnlessTooBig(e: unknown): void {
  if (!(e instanceof WasmHeapFull)) throw e;
}

function f32(x: FloatArray): x is Float32Array {
  return x instanceof Float32Array;
}

/** C = alpha * op(A) * op(B) + beta * C (row-major; all of a, b, c of one dtype). */
export function gemm(p: GemmParams): void {
  const be = f32(p.c) ? wasmBackend() : null;
  if (be) {
    try {
      be.sgemm(p as GemmParams<Float32Array>);
      return;
    } catch (e) {
      rethrowUnlessTooBig(e);
    }
  }
  gemmJs(p);
  if (p.rowAdd) addRowJs(p);
}

/** C[i, j] += rowAdd[j] after the product (JS kernels; the typed array store rounds). */
function addRowJs(p: GemmParams): void {
  const { m, n, c, cOffset, ldc } = p;
  const r = p.rowAdd as FloatArray, ro = p.rowAddOffset ?? 0, rs = p.rowAddStride ?? 1;
  for (let i = 0; i < m; i++) {
    const row = cOffset + i * ldc;
    for (let j = 0; j < n; j++) c[row + j] = c[row + j] + r[ro + j * rs];
  }
}

/** `batch` GEMMs, the i-th on offsets + i * stride (torch.bmm and batched matmul). */
export function gemmBatched(p: BatchedGemmParams): void {
  batchedGemm(p, gemm);
}

// JS convolution primitives with one reusable col buffer per dtype.
function jsPrimitives<T extends FloatArray>(make: (n: number) => T): ConvPrimitives<T> {
  let col = make(0);
  return {
    gemm: gemmJs,
    im2col: im2colJs,
    col2im: col2imJs,
    scratch: (length: number) => {
      if (col.length < length) col = make(Math.max(length, col.length * 2));
      return { array: col, offset: 0 };
    },
  };
}
const js32 = jsPrimitives((n) => new Float32Array(n));
const js64 = jsPrimitives((n) => new Float64Array(n));
function jsOps(x: FloatArray): ConvPrimitives<FloatArray> {
  return (f32(x) ? js32 : js64) as ConvPrimitives<FloatArray>;
}

/** NCHW convolution; output [batch, outChannels, outH, outW] is written. */
export function conv2dForward(p: Conv2dForwardParams): void {
  const be = f32(p.output) ? wasmBackend() : null;
  if (be) {
    try {
      conv2dForwardWasm(be, p as Conv2dForwardParams<Float32Array>);
      return;
    } catch (e) {
      rethrowUnlessTooBig(e);
    }
  }
  conv2dForwardWith(jsOps(p.output), p);
}

/** Gradient of conv2d with respect to its input (written, not accumulated). */
export function conv2dBackwardInput(p: Conv2dBackwardInputParams): void {
  const be = f32(p.gradInput) ? wasmBackend() : null;
  if (be) {
    try {
      conv2dBackwardInputWasm(be, p as Conv2dBackwardInputParams<Float32Array>);
      return;
    } catch (e) {
      rethrowUnlessTooBig(e);
    }
  }
  conv2dBackwardInputWith(jsOps(p.gradInput), p);
}

/** Gradient of conv2d with respect to its weight (written, not accumulated). */
export function conv2dBackwardWeight(p: Conv2dBackwardWeightParams): void {
  const be = f32(p.gradWeight) ? wasmBackend() : null;
  if (be) {
    try {
      conv2dBackwardWeightWasm(be, p as Conv2dBackwardWeightParams<Float32Array>);
      return;
    } catch (e) {
      rethrowUnlessTooBig(e);
    }
  }
  conv2dBackwardWeightWith(jsOps(p.gradWeight), p);
}

/** Gradient of conv2d's bias: gradOutput summed over batch and positions (outH * outW). */
export const conv2dBackwardBias = conv2dBackwardBiasJs;

// Elementwise float32 goes to wasm only from this length on: below it, copying in and out
// costs about what the SIMD loop saves (measured: at 1e5 elements wasm with its copies is 3x
// faster for add, 10x for relu, 2.5x for sum).
const ELEMENTWISE_WASM_MIN = 1024;

/** out[i] = a[i] (op) b[i] over n contiguous elements (out may alias a or b). */
export function binaryContiguous(op: BinaryOp, n: number, a: FloatArray, aOffset: number, b: FloatArray, bOffset: number, out: FloatArray, outOffset: number): void {
  const be = n >= ELEMENTWISE_WASM_MIN && f32(out) ? wasmBackend() : null;
  if (be) binaryWasm(be, op, n, a as Float32Array, aOffset, b as Float32Array, bOffset, out as Float32Array, outOffset);
  else binaryJs(op, n, a, aOffset, b, bOffset, out, outOffset);
}

/** out[i] = a[i] (op) s, or s (op) a[i] when `reversed`. */
export function scalarContiguous(op: BinaryOp, n: number, a: FloatArray, aOffset: number, s: number, out: FloatArray, outOffset: number, reversed = false): void {
  const be = n >= ELEMENTWISE_WASM_MIN && f32(out) ? wasmBackend() : null;
  if (be) scalarWasm(be, op, n, a as Float32Array, aOffset, s, out as Float32Array, outOffset, reversed);
  else scalarJs(op, n, a, aOffset, s, out, outOffset, reversed);
}

export function reluContiguous(n: number, a: FloatArray, aOffset: number, out: FloatArray, outOffset: number): void {
  const be = n >= ELEMENTWISE_WASM_MIN && f32(out) ? wasmBackend() : null;
  if (be) reluWasm(be, n, a as Float32Array, aOffset, out as Float32Array, outOffset);
  else reluJs(n, a, aOffset, out, outOffset);
}

/** out[i] = y[i] <= 0 ? 0 : g[i]: relu's backward from its result (out may alias g). */
export function reluBackwardContiguous(n: number, g: FloatArray, gOffset: number, y: FloatArray, yOffset: number, out: FloatArray, outOffset: number): void {
  const be = n >= ELEMENTWISE_WASM_MIN && f32(out) && f32(y) ? wasmBackend() : null;
  if (be) reluBackwardWasm(be, n, g as Float32Array, gOffset, y as Float32Array, yOffset, out as Float32Array, outOffset);
  else reluBackwardJs(n, g, gOffset, y, yOffset, out, outOffset);
}

export function expContiguous(n: number, a: FloatArray, aOffset: number, out: FloatArray, outOffset: number): void {
  expJs(n, a, aOffset, out, outOffset);
}

/** Sum of n contiguous values, as a JS number (the caller rounds to the dtype). */
export function sumContiguous(n: number, a: FloatArray, aOffset: number): number {
  const be = n >= ELEMENTWISE_WASM_MIN && f32(a) ? wasmBackend() : null;
  return be ? sumWasm(be, n, a as Float32Array, aOffset) : sumJs(n, a, aOffset);
}

/**
 * Column sums of a contiguous rows x cols matrix from `offset` into `out` (cols float64): each
 * column a Kahan sum in float64 over the rows in order (a bias gradient's sum over the batch).
 * The wasm and JS kernels perform the same float64 operations, so they agree bit for bit.
 */
export function kahanColumnSums(rows: number, cols: number, a: FloatArray, offset: number, out: Float64Array): void {
  const be = rows * cols >= ELEMENTWISE_WASM_MIN && f32(a) ? wasmBackend() : null;
  if (be) {
    try {
      kahanColumnSumsWasm(be, rows, cols, a as Float32Array, offset, out);
      return;
    } catch (e) {
      rethrowUnlessTooBig(e);
    }
  }
  kahanColumnSumsJs(rows, cols, a, offset, out);
}

/** Largest of n contiguous values (NaN if any is NaN; -Infinity when n is 0). */
export function maxContiguous(n: number, a: FloatArray, aOffset: number): number {
  const be = n >= ELEMENTWISE_WASM_MIN && f32(a) ? wasmBackend() : null;
  return be ? maxWasm(be, n, a as Float32Array, aOffset) : maxJs(n, a, aOffset);
}

/**
 * A zeroed Float32Array of n elements that lives in the kernels' wasm memory, so GEMM and the
 * optimizer kernels use it in place instead of copying it in and out: for long-lived data
 * (parameters, optimizer state). Null when the wasm kernels are off, n is 0 or memory is full;
 * the caller then allocates a plain array. Do not keep subarrays of it beyond its life.
 */
export function residentF32(n: number): Float32Array | null {
  const be = n >= 1 ? wasmBackend() : null;
  return be ? be.resident(n) : null;
}

/** Whether `a` is a resident array (see residentF32). */
export function isResidentF32(a: Float32Array): boolean {
  return wasm ? wasm.heap.residentPtr(a) >= 0 : false;
}

/** Below this many parameters the SGD update stays in JS (the wasm call and copies cost more). */
const SGD_WASM_MIN = 256;

/**
 * torch.optim.SGD's float32 update without weight decay, dampening, Nesterov or maximize, in
 * place: with a momentum buffer, buf = g + buf * m and x = fma(buf, nlr, x); without one,
 * x = fma(g, nlr, x). `m` and `nlr` must already be float32 values (momentum and -lr cast to
 * the dtype). Every rounding is PyTorch's (float32 products and sums, one fused multiply-add),
 * so the wasm and JS kernels agree bit for bit. All arrays hold exactly x.length elements.
 */
export function sgdStepF32(x: Float32Array, g: Float32Array, buf: Float32Array | null, m: number, nlr: number): void {
  const be = x.length >= SGD_WASM_MIN ? wasmBackend() : null;
  if (be) {
    try {
      sgdStepWasm(be, x, g, buf, m, nlr);
      return;
    } catch (e) {
      rethrowUnlessTooBig(e);
    }
  }
  sgdStepJs(x, g, buf, m, nlr);
}

/** Stops worker threads and forgets the wasm instance (tests; a later call starts afresh). */
export function shutdownKernels(): void {
  wasm?.close();
  wasm = undefined;
}
