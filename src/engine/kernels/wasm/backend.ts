// The float32 WebAssembly backend: one instance on a shared memory, its arena, and the worker
// threads. Callers pass their own typed arrays; operands are copied into wasm memory (O(n^2)
// next to GEMM's O(n^3)), computed there, and the result copied back.
import { performance } from "node:perf_hooks";
import { copyMatrixIn, copyMatrixOut, WasmHeap, WasmHeapFull, type HeapMatrix } from "./heap";
import { compileKernels, type KernelExports, type WasmVariant } from "./loader";
import { KernelThreads, MAX_ARGS, OP_SGEMM_CHUNKS } from "./threads";
import type { WasmApi, WasmModule } from "./wasm-api";
import type { GemmParams } from "../types";

// Register tile of the micro-kernel (src/engine/kernels/wasm/assembly/gemm.ts): thread shares
// are cut at multiples of these so no tile straddles two threads.
const MR = 4;
const NR = 8;
/** Multiply-adds below which a GEMM stays on one thread (waking a worker costs ~10-50 us; a
 * 128^3 GEMM, 2^21, measured slower on two threads than on one). */
const THREAD_MIN_MACS = 1 << 22;
const CHUNKS_PER_THREAD = 2;
/** Split calls in a row where the workers helped too little before the caller stops splitting... */
const MISSES_BEFORE_BACKOFF = 2;
/** ...for this many large calls (then it tries again). */
const BACKOFF_CALLS = 32;

export class WasmBackend {
  readonly heap: WasmHeap;
  readonly ex: KernelExports;
  private readonly threads: KernelThreads;
  /** gemm scratch per thread: index 0 is the calling thread's. */
  private readonly scratch: number[] = [];
  private numThreads = 1;
  /** Split calls in a row where the caller did every chunk itself (the other cores were busy). */
  private misses = 0;
  /** Large calls left to run on the caller alone after repeated misses. */
  private backoff = 0;
  /** Whether relaxed_madd is one fused multiply-add here (then the SGD kernel uses it). */
  readonly fusedMadd: boolean;
  /** GEMMs split over threads so far (tests check that large calls really are shared). */
  splitCalls = 0;
  private readonly args = new Float64Array(MAX_ARGS);
  private readonly ma: HeapMatrix = { ptr: 0, ld: 0 };
  private readonly mb: HeapMatrix = { ptr: 0, ld: 0 };
  private readonly mc: HeapMatrix = { ptr: 0, ld: 0 };

  constructor(wa: WasmApi, readonly module: WasmModule, readonly variant: WasmVariant, maxThreads: number) {
    this.heap = new WasmHeap(wa);
    const instance = new wa.Instance(module, { env: { memory: this.heap.memory } });
    this.ex = instance.exports as unknown as KernelExports;
    this.threads = new KernelThreads(module, this.heap.memory, Math.max(maxThreads - 1, 0));
    this.scratch.push(this.heap.allocPermanent(this.ex.gemmScratchBytes()));
    this.fusedMadd = this.ex.hasFusedMadd() === 1;
  }

  static create(maxThreads: number, prefer?: WasmVariant): WasmBackend | null {
    const compiled = compileKernels(prefer);
    if (!compiled) return null;
    const be = new WasmBackend(compiled.wa, compiled.module, compiled.variant, maxThreads);
    if (!compiled.optimizedUpFront) be.warmUp();
    return be;
  }

  // With dynamic tiering (Electron, where we leave V8's flags alone) a function runs baseline
  // code until it has used its tier-up budget, and a running call never switches: without this
  // the first large GEMM would run 3-5x slow. A few small GEMMs (~2 ms) trigger the optimiser.
  private warmUp(): void {
    const n = 64;
    this.heap.reset();
    const a = this.heap.alloc(n * n * 4), b = this.heap.alloc(n * n * 4), c = this.heap.alloc(n * n * 4);
    this.heap.f32.fill(0, a >> 2, (c >> 2) + n * n);
    for (let i = 0; i < 8; i++) this.ex.sgemm(i & 1, (i >> 1) & 1, n, n, n, 1, 0, a, n, b, n, c, n, this.scratch[0]);
    this.heap.reset();
  }

  /** Bytes of wasm memory (it grows to the largest call and never shrinks). */
  get memoryBytes(): number {
    return this.heap.memory.buffer.byteLength;
  }

  /** Worker threads running now (started on the first large call). */
  get workersStarted(): number {
    return this.threads.started;
  }

  get threadCount(): number {
    return this.numThreads;
  }

  /**
   * Threads used for large GEMMs, the caller's included (workers start when first needed).
   * Lowering it leaves started workers asleep in Atomics.wait (no CPU), ready for a raise.
   */
  setThreads(n: number): void {
    this.numThreads = Math.max(1, Math.min(Math.floor(n), this.threads.maxWorkers + 1));
    this.misses = 0;
    this.backoff = 0;
  }

  /** GEMM on pointers into wasm memory, split over threads when it is large enough. */
  sgemmPtr(transA: boolean, transB: boolean, m: number, n: number, k: number, alpha: number, beta: number,
    a: number, lda: number, b: number, ldb: number, c: number, ldc: number): void {
    let t = m * n * k >= THREAD_MIN_MACS ? this.numThreads : 1;
    const splitRows = m >= n;
    const unit = splitRows ? MR : NR;
    t = Math.min(t, Math.ceil((splitRows ? m : n) / unit));
    if (t > 1) t = Math.min(t, this.threads.started + 1);
    // On a machine whose other cores are busy (shared with other processes), waking workers
    // that never get a core in time only costs: after repeated misses, stay on one thread for
    // a while, then try again.
    if (t > 1 && this.backoff > 0) {
      this.backoff--;
      t = 1;
    }
    const ta = transA ? 1 : 0, tb = transB ? 1 : 0;
    if (t <= 1) {
      this.ex.sgemm(ta, tb, m, n, k, alpha, beta, a, lda, b, ldb, c, ldc, this.scratch[0]);
      return;
    }
    this.splitCalls++;
    // CHUNKS_PER_THREAD chunks per thread, taken from one shared counter by every thread: when a
    // core is busy with something else, the other threads take over its chunks instead of
    // waiting for it (each chunk re-packs the other operand, a few % of the work).
    const total = splitRows ? m : n;
    const chunk = Math.ceil(total / unit / (t * CHUNKS_PER_THREAD)) * unit;
    const args = this.args;
    args[0] = ta; args[1] = tb; args[2] = m; args[3] = n; args[4] = k; args[5] = alpha; args[6] = beta;
    args[7] = a; args[8] = lda; args[9] = b; args[10] = ldb; args[11] = c; args[12] = ldc;
    args[14] = splitRows ? 1 : 0; args[15] = chunk;
    const t0 = performance.now();
    this.threads.resetChunks();
    for (let w = 0; w < t - 1; w++) {
      args[13] = this.scratch[w + 1];
      this.threads.post(w, OP_SGEMM_CHUNKS, args, 16);
    }
    const chunks = Math.ceil(total / chunk);
    let mine = 0, t1: number;
    try {
      for (;;) {
        const lo = this.threads.nextChunk() * chunk;
        if (lo >= total) break;
        mine++;
        const len = Math.min(chunk, total - lo);
        // Rows lo..lo+len of C (rows of op(A)) or its columns lo..lo+len (columns of op(B)).
        if (splitRows) {
          this.ex.sgemm(ta, tb, len, n, k, alpha, beta, a + (transA ? lo : lo * lda) * 4, lda, b, ldb, c + lo * ldc * 4, ldc, this.scratch[0]);
        } else {
          this.ex.sgemm(ta, tb, m, len, k, alpha, beta, a, lda, b + (transB ? lo * ldb : lo) * 4, ldb, c + lo * 4, ldc, this.scratch[0]);
        }
      }
    } finally {
      t1 = performance.now();
      for (let w = 0; w < t - 1; w++) this.threads.wait(w);
    }
    // A miss: the workers did nothing, or the caller then waited for them longer than half of
    // its own time (a worker descheduled mid-chunk): splitting gained little or lost.
    const helped = mine < chunks && performance.now() - t1 <= 0.5 * (t1 - t0);
    if (helped) this.misses = 0;
    else if (++this.misses >= MISSES_BEFORE_BACKOFF) {
      this.misses = 0;
      this.backoff = BACKOFF_CALLS;
    }
  }

  /**
   * Starts a top-level call: frees the arena and, when the call is large enough to be threaded,
   * starts the workers it will use. Workers and their scratch are set up here, never inside
   * sgemmPtr, because their scratch is allocated below the arena (which must be empty).
   */
  begin(macs: number): void {
    this.heap.reset();
    if (macs >= THREAD_MIN_MACS && this.threads.started < this.numThreads - 1) {
      const have = this.threads.ensure(this.numThreads - 1);
      while (this.scratch.length < have + 1) this.scratch.push(this.heap.allocPermanent(this.ex.gemmScratchBytes()));
    }
  }

  /** GEMM on the caller's Float32Arrays (copied in and out of wasm memory). */
  sgemm(p: GemmParams<Float32Array>): void {
    const { transA, transB, m, n, k } = p;
    if (m <= 0 || n <= 0) return;
    const alpha = p.alpha ?? 1;
    const beta = p.beta ?? 0;
    const heap = this.heap;
    this.begin(m * n * k);
    const useAB = k > 0 && alpha !== 0;
    if (useAB) {
      copyMatrixIn(heap, p.a, p.aOffset, transA ? k : m, transA ? m : k, p.lda, this.ma);
      copyMatrixIn(heap, p.b, p.bOffset, transB ? n : k, transB ? k : n, p.ldb, this.mb);
    }
    const mc = this.mc;
    // A resident C (in wasm memory already) is computed in place, unless it is also an operand.
    const home = p.c !== p.a && p.c !== p.b ? heap.residentPtr(p.c) : -1;
    if (home >= 0) {
      mc.ptr = home + p.cOffset * 4;
      mc.ld = p.ldc;
    } else if (beta !== 0) {
      copyMatrixIn(heap, p.c, p.cOffset, m, n, p.ldc, mc);
    } else {
      mc.ptr = heap.alloc(m * n * 4);
      mc.ld = n;
    }
    if (useAB) {
      this.sgemmPtr(transA, transB, m, n, k, alpha, beta, this.ma.ptr, this.ma.ld, this.mb.ptr, this.mb.ld, mc.ptr, mc.ld);
    } else {
      // Only C = beta * C: sgemm with k = 0 does exactly that scaling.
      this.ex.sgemm(0, 0, m, n, 0, 0, beta, 0, 1, 0, 1, mc.ptr, mc.ld, this.scratch[0]);
    }
    if (p.rowAdd) {
      const row = heap.alloc(n * 4), f32 = heap.f32, r = p.rowAdd, ro = p.rowAddOffset ?? 0, rs = p.rowAddStride ?? 1;
      if (rs === 1) f32.set(r.subarray(ro, ro + n), row >> 2);
      else for (let j = 0; j < n; j++) f32[(row >> 2) + j] = r[ro + j * rs];
      this.ex.addRow(m, n, mc.ptr, mc.ld, row);
    }
    if (home < 0) copyMatrixOut(heap, mc, m, n, p.c, p.cOffset, p.ldc);
  }

  /** A zeroed float32 array kept in wasm memory (see WasmHeap.allocResident); null when full. */
  resident(n: number): Float32Array | null {
    try {
      return this.heap.allocResident(n);
    } catch (e) {
      if (e instanceof WasmHeapFull) return null;
      throw e;
    }
  }

  /** Stops the worker threads (they are unref'd, so this is only needed to free them early). */
  close(): void {
    this.threads.close();
  }
}
