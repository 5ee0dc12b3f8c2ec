// Pointwise activations, embedding lookup and constant padding as primitives with PyTorch's
// grad_fn names (LeakyReluBackward0, GeluBackward0, EmbeddingBackward0, ConstantPadNdBackward0).
import { Tensor } from "../tensor";
import { op1 } from "../ops/define";
import { RuntimeError } from "../errors";
import { floatData } from "./tensors";

function mapWith(x: Tensor, f: (v: number, i: number) => number): Tensor {
  const src = floatData(x);
  const out = x._dtype.alloc(src.length);
  for (let i = 0; i < src.length; i++) out[i] = f(src[i], i);
  return Tensor._make(out, x._shape, x._dtype);
}

export const leakyReluOp = op1<{ slope: number }>("leaky_relu", {
  name: "LeakyReluBackward0",
  forward: ([x], p) => mapWith(x, (v) => (v > 0 ? v : v * p.slope)),
  save: ([x]) => [["self", x]],
  backward: ([g], [x], p) => {
    const xs = floatData(x);
    return [mapWith(g, (v, i) => (xs[i] > 0 ? v : v * p.slope))];
  },
});

/** erf in double: its Maclaurin series below 3 (|error| ~1e-13), the erfc continued fraction above. */
export function erf(x: number): number {
  const ax = Math.abs(x);
  if (ax >= 6) return Math.sign(x);
  if (ax < 3) {
    let term = x, sum = x;
    const x2 = x * x;
    for (let n = 1; n < 200; n++) {
      term *= -x2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
  }
  // erfc(x) = exp(-x²)/√π · 1/(x + 1/2/(x + 1/(x + 3/2/(x + ...)))), evaluated bottom-up.
  let f = ax;
  for (let k = 60; k >= 1; k--) f = ax + k / 2 / f;
  const erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
  return Math.sign(x) * (1 - erfc);
}

const SQRT1_2 = Math.SQRT1_2;
const K_BETA = Math.SQRT2 * (2 / Math.sqrt(Math.PI)) * 0.5;
const K_KAPPA = 0.044715;

export const geluOp = op1<{ tanh: boolean }>("gelu", {
  name: "GeluBackward0",
  forward: ([x], p) => mapWith(x, p.tanh
    ? (v) => 0.5 * v * (1 + Math.tanh(K_BETA * (v + K_KAPPA * v * v * v)))
    : (v) => v * 0.5 * (1 + erf(v * SQRT1_2))),
  save: ([x]) => [["self", x]],
  backward: ([g], [x], p) => {
    const xs = floatData(x);
    return [mapWith(g, p.tanh
      ? (gv, i) => {
        const v = xs[i];
        const t = Math.tanh(K_BETA * (v + K_KAPPA * v * v * v));
        return gv * (0.5 * (1 + t) + 0.5 * v * (1 - t * t) * K_BETA * (1 + 3 * K_KAPPA * v * v));
      }
      : (gv, i) => {
        const v = xs[i];
        return gv * (0.5 * (1 + erf(v * SQRT1_2)) + v * Math.exp(-0.5 * v * v) / Math.sqrt(2 * Math.PI));
      })];
  },
});

export interface EmbeddingParams { indices: ArrayLike<number>; indexShape: number[]; paddingIdx: number | null; scaleGradByFreq: boolean }

export const embeddingOp = op1<EmbeddingParams>("embedding", {
  name: "EmbeddingBackward0",
  forward: ([w], p) => {
    const [V, D] = w._shape;
    const src = floatData(w);
    const n = p.indices.length;
    const out = w._dtype.alloc(n * D);
    for (let i = 0; i < n; i++) {
      const r = p.indices[i];
      if (r < 0 || r >= V) throw new RuntimeError("index out of range in self");
      out.set(src.subarray(r * D, r * D + D), i * D);
    }
    return Tensor._make(out, [...p.indexShape, D], w._dtype);
  },
  backward: ([g], _s, p, [w]) => {
    const [V, D] = w.shape;
    const gd = floatData(g);
    const acc = new Float64Array(V * D);
    const counts = new Float64Array(V);
    for (let i = 0; i < p.indices.length; i++) counts[p.indices[i]]++;
    for (let i = 0; i < p.indices.length; i++) {
      const r = p.indices[i];
      if (r === p.paddingIdx) continue;
      const s = p.scaleGradByFreq ? 1 / counts[r] : 1;
      for (let j = 0; j < D; j++) acc[r * D + j] += gd[i * D + j] * s;
    }
    const out = g._dtype.alloc(V * D);
    out.set(acc);
    return [Tensor._make(out, [V, D], g._dtype)];
  },
});

/** pads = [last_lo, last_hi, prev_lo, prev_hi, ...] as F.pad takes them; negative values crop. */
export type PadMode = "constant" | "reflect" | "replicate";
export interface PadParams { pads: number[]; value: number; mode: PadMode }
function padLayout(shape: readonly number[], pads: readonly number[]): { out: number[]; lo: number[] } {
  const nd = shape.length;
  const out = shape.slice(), lo = new Array<number>(nd).fill(0);
  for (let k = 0; k < pads.length / 2; k++) {
    const d = nd - 1 - k;
    lo[d] = pads[2 * k];
    out[d] = shape[d] + pads[2 * k] + pads[2 * k + 1];
    if (out[d] < 0) throw new RuntimeError(`The input size ${shape[d]}, plus negative padding ${pads[2 * k]} and ${pads[2 * k + 1]} resulted in a negative output size, which is invalid. Check dimension ${d} of your input.`);
  }
  return { out, lo };
}
/** Where index j (relative to the input) reads from in an input of size n, or -1 (constant padding). */
function source(j: number, n: number, mode: PadMode): number {
  if (j >= 0 && j < n) return j;
  switch (mode) {
    case "constant": return -1;
    case "replicate": return j < 0 ? 0 : n - 1;
    case "reflect": {
      const period = 2 * (n - 1);
      let r = ((j % period) + period) % period;
      if (r >= n) r = period - r;
      return r;
    }
  }
}
/** For each output element, the flat input index it reads (or -1 for constant padding). */
function padSources(inShape: readonly number[], outShape: readonly number[], lo: readonly number[], mode: PadMode): Int32Array {
  const n = outShape.reduce((a, b) => a * b, 1);
  const res = new Int32Array(n);
  const nd = outShape.length;
  const inStrides = new Array<number>(nd);
  let acc = 1;
  for (let d = nd - 1; d >= 0; d--) { inStrides[d] = acc; acc *= inShape[d]; }
  for (let i = 0; i < n; i++) {
    let rem = i, src = 0;
    for (let d = nd - 1; d >= 0; d--) {
      const o = rem % outShape[d];
      rem = Math.floor(rem / outShape[d]);
      const j = source(o - lo[d], inShape[d], mode);
      if (j < 0) { src = -1; break; }
      src += j * inStrides[d];
    }
    res[i] = src;
  }
  return res;
}
const padNames: Record<PadMode, string> = { constant: "ConstantPadNd", reflect: "ReflectionPad", replicate: "ReplicationPad" };
export const padOp = op1<PadParams>("pad", {
  // Reflection/replication name the padded rank: ReflectionPad2DBackward0 for 4 pad values.
  name: (_i, p) => (p.mode === "constant" ? "ConstantPadNdBackward0" : `${padNames[p.mode]}${p.pads.length / 2}DBackward0`),
  forward: ([x], p) => {
    const { out, lo } = padLayout(x._shape, p.pads);
    const map = padSources(x._shape, out, lo, p.mode);
    const src = x._dtype.isFloatingPoint ? floatData(x) : x.contiguous()._storage.data;
    const res = x._dtype.alloc(map.length);
    for (let i = 0; i < map.length; i++) res[i] = map[i] < 0 ? x._dtype.cast(p.value) : src[map[i]];
    return Tensor._make(res, out, x._dtype);
  },
  backward: ([g], _s, p, [inp]) => {
    const { out, lo } = padLayout(inp.shape, p.pads);
    const map = padSources(inp.shape, out, lo, p.mode);
    const gd = floatData(g);
    const acc = new Float64Array(inp.shape.reduce((a, b) => a * b, 1));
    for (let i = 0; i < map.length; i++) if (map[i] >= 0) acc[map[i]] += gd[i];
    const res = g._dtype.alloc(acc.length);
    res.set(acc);
    return [Tensor._make(res, inp.shape, g._dtype)];
  },
});
