// matmul N x N for N = 128, 512, 1024 (float32), GFLOP/s = 2 N^3 / median seconds, our GEMM on
// 1 thread and on 2 threads.
import { backendInfo, gemm, getNumThreads, setNumThreads } from "../../../src/engine/kernels";
import { medianSeconds } from "./timing";
import type { Figure, Workload } from "./types";

function randn(n: number): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = Math.random() * 2 - 1;
  return a;
}

function ours(n: number): Figure[] {
  const a = randn(n * n), b = randn(n * n), c = new Float32Array(n * n);
  const p = { transA: false, transB: false, m: n, n, k: n, a, aOffset: 0, lda: n, b, bOffset: 0, ldb: n, c, cOffset: 0, ldc: n };
  const runs = n <= 128 ? 50 : n <= 512 ? 15 : 7;
  const saved = getNumThreads();
  const figures: Figure[] = [];
  for (const threads of [1, 2]) {
    setNumThreads(threads);
    const splitsBefore = backendInfo().splitCalls;
    const s = medianSeconds(() => gemm(p), runs, 3);
    const info = backendInfo();
    const impl = info.backend === "wasm" ? `wasm ${info.variant === "relaxed" ? "relaxed-SIMD FMA" : "SIMD128"}` : "JS";
    const note = threads > 1 && info.splitCalls === splitsBefore ? "not split: below the threading threshold" : undefined;
    figures.push({ label: `ours, ${threads} thread${threads > 1 ? "s" : ""} (${impl})`, value: (2 * n ** 3) / s / 1e9, note });
  }
  setNumThreads(saved);
  return figures;
}

export const matmulWorkloads: Workload[] = [128, 512, 1024].map((n) => ({
  title: `matmul ${n}x${n}`,
  unit: "GFLOP/s",
  higherIsBetter: true,
  peer: { id: `matmul-${n}`, kind: "matmul", n, runs: n <= 128 ? 50 : n <= 512 ? 9 : 5, maxSeconds: 90 },
  ours: () => ours(n),
}));
