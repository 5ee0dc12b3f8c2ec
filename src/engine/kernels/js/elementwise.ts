// Contiguous elementwise ops and reductions in plain JS, for both dtypes. For float32 each
// result is computed in float64 and rounded once on store, which equals float32 arithmetic for
// + - * / (float64 has more than twice float32's precision), so these match the SIMD kernels
// bit for bit; exp rounds the float64 exp, i.e. is correctly rounded in practice.
import type { FloatArray } from "../types";

export type BinaryOp = "add" | "sub" | "mul" | "div";

export function binaryJs(op: BinaryOp, n: number, a: FloatArray, aOff: number, b: FloatArray, bOff: number, out: FloatArray, outOff: number): void {
  // One loop per op keeps each loop monomorphic and free of a per-element switch.
  switch (op) {
    case "add": for (let i = 0; i < n; i++) out[outOff + i] = a[aOff + i] + b[bOff + i]; break;
    case "sub": for (let i = 0; i < n; i++) out[outOff + i] = a[aOff + i] - b[bOff + i]; break;
    case "mul": for (let i = 0; i < n; i++) out[outOff + i] = a[aOff + i] * b[bOff + i]; break;
    case "div": for (let i = 0; i < n; i++) out[outOff + i] = a[aOff + i] / b[bOff + i]; break;
  }
}

/**
 * out = a (op) s, or s (op) a when `reversed` (rsub, rdiv). For float32 the scalar is first
 * rounded to float32, as PyTorch casts a Python scalar to the tensor's dtype.
 */
export function scalarJs(op: BinaryOp, n: number, a: FloatArray, aOff: number, scalar: number, out: FloatArray, outOff: number, reversed: boolean): void {
  const s = out instanceof Float32Array ? Math.fround(scalar) : scalar;
  switch (op) {
    case "add": for (let i = 0; i < n; i++) out[outOff + i] = a[aOff + i] + s; break;
    case "sub":
      if (reversed) for (let i = 0; i < n; i++) out[outOff + i] = s - a[aOff + i];
      else for (let i = 0; i < n; i++) out[outOff + i] = a[aOff + i] - s;
      break;
    case "mul": for (let i = 0; i < n; i++) out[outOff + i] = a[aOff + i] * s; break;
    case "div":
      if (reversed) for (let i = 0; i < n; i++) out[outOff + i] = s / a[aOff + i];
      else for (let i = 0; i < n; i++) out[outOff + i] = a[aOff + i] / s;
      break;
  }
}

/** x < 0 ? 0 : x: torch.relu (clamp_min) keeps NaN and -0. */
export function reluJs(n: number, a: FloatArray, aOff: number, out: FloatArray, outOff: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[aOff + i];
    out[outOff + i] = x < 0 ? 0 : x;
  }
}

/** y <= 0 ? 0 : g (threshold_backward on relu's result y; a NaN result passes the gradient). */
export function reluBackwardJs(n: number, g: FloatArray, gOff: number, y: FloatArray, yOff: number, out: FloatArray, outOff: number): void {
  for (let i = 0; i < n; i++) out[outOff + i] = y[yOff + i] <= 0 ? 0 : g[gOff + i];
}

/** See kahanColumnSums in ../index.ts. */
export function kahanColumnSumsJs(rows: number, cols: number, v: FloatArray, o: number, sum: Float64Array): void {
  const comp = new Float64Array(cols);
  sum.fill(0);
  for (let r = 0; r < rows; r++) {
    const base = o + r * cols;
    for (let j = 0; j < cols; j++) {
      const y = v[base + j] - comp[j];
      const s = sum[j] + y;
      comp[j] = s - sum[j] - y;
      sum[j] = s;
    }
  }
}

export function expJs(n: number, a: FloatArray, aOff: number, out: FloatArray, outOff: number): void {
  for (let i = 0; i < n; i++) out[outOff + i] = Math.exp(a[aOff + i]);
}

/** Sum accumulated in float64 (the caller rounds to the tensor's dtype). */
export function sumJs(n: number, a: FloatArray, aOff: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    s0 += a[aOff + i]; s1 += a[aOff + i + 1]; s2 += a[aOff + i + 2]; s3 += a[aOff + i + 3];
  }
  for (; i < n; i++) s0 += a[aOff + i];
  return (s0 + s1) + (s2 + s3);
}

/** Largest value; NaN if any is NaN (as torch.max); -Infinity for n = 0. */
export function maxJs(n: number, a: FloatArray, aOff: number): number {
  let m = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = a[aOff + i];
    if (x > m) m = x;
    else if (x !== x) return NaN;
  }
  return m;
}
