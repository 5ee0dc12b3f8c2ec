// Optimizer updates in plain JS (float64, and float32 where WebAssembly is missing): the same
// roundings as the wasm kernel (wasm/assembly/optim.ts) and as PyTorch's single-tensor SGD.
import { fmaf32 } from "../../optim/arith";

/** See sgdStepF32 in ../index.ts. */
export function sgdStepJs(x: Float32Array, g: Float32Array, buf: Float32Array | null, m: number, nlr: number): void {
  const n = x.length;
  if (buf) {
    for (let i = 0; i < n; i++) {
      const bi = Math.fround(g[i] + Math.fround(buf[i] * m));
      buf[i] = bi;
      x[i] = fmaf32(bi, nlr, x[i]);
    }
  } else {
    for (let i = 0; i < n; i++) x[i] = fmaf32(g[i], nlr, x[i]);
  }
}
