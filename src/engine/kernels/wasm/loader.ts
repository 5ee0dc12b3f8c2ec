// Finds and compiles the kernels' WebAssembly (built by build-wasm.mjs into out/), choosing the
// relaxed-SIMD build (fused multiply-add) when this V8 accepts it, else plain SIMD128, else none
// (the caller then uses the JS kernels).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import * as v8 from "node:v8";
import { WA, type WasmApi, type WasmModule } from "./wasm-api";

export type WasmVariant = "relaxed" | "simd";

export interface CompiledKernels {
  module: WasmModule;
  variant: WasmVariant;
  wa: WasmApi;
  /** False when V8 compiles lazily (baseline first): the backend then warms the kernels up. */
  optimizedUpFront: boolean;
}

/** The exports of src/engine/kernels/wasm/assembly/index.ts (pointers are byte offsets). */
export interface KernelExports {
  sgemm(transA: number, transB: number, m: number, n: number, k: number, alpha: number, beta: number,
    a: number, lda: number, b: number, ldb: number, c: number, ldc: number, scratch: number): void;
  gemmScratchBytes(): number;
  convGeometry(c: number, h: number, w: number, kh: number, kw: number, sh: number, sw: number,
    ph: number, pw: number, dh: number, dw: number, oh: number, ow: number): void;
  im2col(x: number, col: number): void;
  col2im(col: number, x: number): void;
  binaryOp(op: number, n: number, a: number, b: number, out: number): void;
  scalarOp(op: number, reversed: number, n: number, a: number, s: number, out: number): void;
  relu(n: number, a: number, out: number): void;
  reluBackward(n: number, g: number, y: number, out: number): void;
  kahanColumnSums(rows: number, cols: number, a: number, sum: number, comp: number): void;
  addRow(m: number, n: number, c: number, ldc: number, row: number): void;
  sumValue(n: number, a: number): number;
  maxValue(n: number, a: number): number;
  sgdStep(n: number, x: number, g: number, buf: number, useBuf: number, m: number, nlr: number, fused: number): void;
  hasFusedMadd(): number;
}

// The .wasm sits beside the bundle (out/*.js) or, for the tsc build used by tests
// (build/src/engine/kernels/wasm/*.js), in the out/ folder of an ancestor directory.
function findWasm(name: string): string | null {
  let dir = __dirname;
  for (let i = 0; i < 10; i++) {
    for (const candidate of [join(dir, name), join(dir, "out", name)]) {
      if (existsSync(candidate)) return candidate;
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return null;
}

// V8 flags can be changed at run time in plain Node (which keeps them unfrozen for
// v8.setFlagsFromString); Electron hosts get neither flag and rely on their V8's defaults.
function canSetV8Flags(): boolean {
  return process.versions.electron === undefined && process.env.GI_KERNELS_NO_V8_FLAGS === undefined;
}

function setV8Flag(flag: string): boolean {
  try {
    v8.setFlagsFromString(flag);
    return true;
  } catch {
    return false;
  }
}

/** Tells whether this engine accepts relaxed SIMD, enabling Node 20's experimental flag if needed. */
function relaxedAccepted(wa: WasmApi, bytes: Uint8Array): boolean {
  if (wa.validate(bytes)) return true;
  if (!canSetV8Flags() || !setV8Flag("--experimental-wasm-relaxed-simd")) return false;
  return wa.validate(bytes);
}

/**
 * Compiles the best variant. `prefer` limits the choice (tests compare both). Returns null when
 * the files are missing or this engine lacks WebAssembly SIMD or threads (shared memory).
 */
export function compileKernels(prefer?: WasmVariant): CompiledKernels | null {
  const wa = WA;
  if (!wa || typeof SharedArrayBuffer !== "function") return null;
  const order: WasmVariant[] = prefer === "simd" ? ["simd"] : ["relaxed", "simd"];
  for (const variant of order) {
    const file = findWasm(`kernels-${variant}.wasm`);
    if (!file) continue;
    const bytes = new Uint8Array(readFileSync(file));
    if (variant === "relaxed" ? !relaxedAccepted(wa, bytes) : !wa.validate(bytes)) continue;
    // Compile eagerly with the optimising tier: with dynamic tiering the first large GEMM would
    // run entirely in the baseline compiler's code, 3-5x slower (V8 cannot swap code mid-call).
    const eager = canSetV8Flags() && setV8Flag("--no-wasm-dynamic-tiering");
    try {
      return { module: new wa.Module(bytes), variant, wa, optimizedUpFront: eager };
    } finally {
      if (eager) setV8Flag("--wasm-dynamic-tiering");
    }
  }
  return null;
}
