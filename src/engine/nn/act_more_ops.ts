// More pointwise activations as primitives with PyTorch's grad_fn names (EluBackward0,
// SiluBackward0, SoftplusBackward0, HardtanhBackward0, ...), plus PReLU and GLU, which have
// a second input or work along a dimension. Forward and gradient formulas follow ATen's CPU
// kernels (Activation.cpp, GatedLinearUnit.cpp), computed in double and stored in the dtype.
import { Tensor } from "../tensor";
import { op1 } from "../ops/define";
import { RuntimeError } from "../errors";
import { floatData } from "./tensors";
import { float32 } from "../dtype";

function mapWith(x: Tensor, f: (v: number, i: number) => number): Tensor {
  const src = floatData(x);
  const out = x._dtype.alloc(src.length);
  for (let i = 0; i < src.length; i++) out[i] = f(src[i], i);
  return Tensor._make(out, x._shape, x._dtype);
}

/**
 * A pointwise op y = f(x) whose gradient is g · df(x); it saves `self` as PyTorch's nodes do.
 * `name` may depend on the params (in-place ELU is EluBackward1).
 */
function pointwise<P>(key: string, name: string | ((p: P) => string), f: (x: number, p: P) => number, df: (x: number, p: P) => number,
  f32?: (x: number, p: P) => number) {
  return op1<P>(key, {
    name: typeof name === "string" ? name : (_i, p) => name(p),
    forward: ([x], p) => mapWith(x, f32 && x._dtype === float32 ? (v) => f32(v, p) : (v) => f(v, p)),
    save: ([x]) => [["self", x]],
    backward: ([g], [x], p) => {
      const xs = floatData(x);
      // A masked-out gradient is +0 (ATen writes a zero, never g * 0 = -0).
      return [mapWith(g, (gv, i) => { const d = df(xs[i], p); return d === 0 ? 0 : gv * d; })];
    },
  });
}
const fr = Math.fround;

const sigm = (v: number): number => 1 / (1 + Math.exp(-v));

export interface HardtanhParams { min: number; max: number }
/** hardtanh_backward: the gradient passes strictly inside (min, max). */
export const hardtanhOp = pointwise<HardtanhParams>("hardtanh", "HardtanhBackward0",
  (v, p) => (v !== v ? v : v < p.min ? p.min : v > p.max ? p.max : v),
  (v, p) => (v <= p.min || v >= p.max ? 0 : 1));

/** ELU as ATen parameterises it: scale·x for x > 0, else scale·alpha·(exp(input_scale·x) − 1). */
export interface EluParams { alpha: number; scale: number; inputScale: number; name: "EluBackward0" | "EluBackward1" | "CeluBackward0" | "CeluBackward1" }
export const eluOp = pointwise<EluParams>("elu", (p) => p.name,
  (v, p) => (v > 0 ? p.scale * v : p.scale * p.alpha * Math.expm1(v * p.inputScale)),
  (v, p) => (v > 0 ? p.scale : p.inputScale * p.scale * p.alpha * Math.exp(v * p.inputScale)));

export const siluOp = pointwise<undefined>("silu", "SiluBackward0",
  (v) => v * sigm(v),
  (v) => { const s = sigm(v); return s * (1 + v * (1 - s)); });

/** ATen's mish: x · tanh(log1p(exp(x))), each step rounded to float32 for float32 tensors. */
export const mishOp = pointwise<undefined>("mish", "MishBackward0",
  (v) => v * Math.tanh(Math.log1p(Math.exp(v))),
  (v) => { const t = Math.tanh(Math.log1p(Math.exp(v))); return t + v * sigm(v) * (1 - t * t); },
  (v) => v * fr(Math.tanh(fr(Math.log1p(fr(Math.exp(v)))))));

export interface SoftplusParams { beta: number; threshold: number }
export const softplusOp = pointwise<SoftplusParams>("softplus", "SoftplusBackward0",
  (v, p) => (v * p.beta > p.threshold ? v : Math.log1p(Math.exp(v * p.beta)) / p.beta),
  (v, p) => { if (v * p.beta > p.threshold) return 1; const z = Math.exp(v * p.beta); return z / (z + 1); });

export const hardswishOp = pointwise<undefined>("hardswish", "HardswishBackward0",
  (v) => (v * Math.min(Math.max(v + 3, 0), 6)) / 6,
  (v) => (v < -3 ? 0 : v <= 3 ? v / 3 + 0.5 : 1));

export const hardsigmoidOp = pointwise<undefined>("hardsigmoid", "HardsigmoidBackward0",
  (v) => Math.min(Math.max(v + 3, 0), 6) / 6,
  // ATen multiplies by the float literal 1.0f / 6.0f, also for double tensors.
  (v) => (v > -3 && v < 3 ? fr(1 / 6) : 0));

export interface ThresholdParams { threshold: number; value: number; name: "ThresholdBackward0" | "ThresholdBackward1" }
export const thresholdOp = pointwise<ThresholdParams>("threshold", (p) => p.name,
  (v, p) => (v <= p.threshold ? p.value : v),
  (v, p) => (v <= p.threshold ? 0 : 1));

/** log_sigmoid_forward's stable form: min(x, 0) − log1p(exp(−|x|)). */
export const logSigmoidOp = pointwise<undefined>("log_sigmoid", "LogSigmoidBackward0",
  (v) => Math.min(v, 0) - Math.log1p(Math.exp(-Math.abs(v))),
  (v) => sigm(-v));

export const hardshrinkOp = pointwise<{ lambd: number }>("hardshrink", "HardshrinkBackward0",
  (v, p) => (v >= -p.lambd && v <= p.lambd ? 0 : v),
  (v, p) => (v >= -p.lambd && v <= p.lambd ? 0 : 1));

export const softshrinkOp = pointwise<{ lambd: number }>("softshrink", "SoftshrinkBackward0",
  (v, p) => (v > p.lambd ? v - p.lambd : v < -p.lambd ? v + p.lambd : 0),
  (v, p) => (v >= -p.lambd && v <= p.lambd ? 0 : 1));

/** Channel index of flat element i for PReLU: dim 1 when the input has ≥ 2 dims, else none. */
function preluChannel(shape: readonly number[], nWeights: number): (i: number) => number {
  if (nWeights === 1 || shape.length < 2) return () => 0;
  const inner = shape.slice(2).reduce((a, b) => a * b, 1);
  const C = shape[1];
  return (i) => Math.floor(i / inner) % C;
}

export const preluOp = op1<undefined>("prelu", {
  name: "PreluBackward0",
  forward: ([x, w]) => {
    const ws = floatData(w), ch = preluChannel(x._shape, ws.length);
    return mapWith(x, (v, i) => (v > 0 ? v : ws[ch(i)] * v));
  },
  save: ([x, w]) => [["self", x], ["weight", w]],
  backward: ([g], [x, w]) => {
    const xs = floatData(x), ws = floatData(w), gs = floatData(g), ch = preluChannel(x._shape, ws.length);
    const gx = mapWith(g, (gv, i) => (xs[i] > 0 ? gv : ws[ch(i)] * gv));
    const acc = new Float64Array(ws.length);
    for (let i = 0; i < xs.length; i++) if (!(xs[i] > 0)) acc[ch(i)] += xs[i] * gs[i];
    const gw = w._dtype.alloc(ws.length);
    gw.set(acc);
    return [gx, Tensor._make(gw, w._shape, w._dtype)];
  },
});

/** GLU along `dim`: first half a, second half b, out = a · sigmoid(b). */
function gluLayout(shape: readonly number[], dim: number): { outer: number; half: number; inner: number } {
  const outer = shape.slice(0, dim).reduce((a, b) => a * b, 1);
  const inner = shape.slice(dim + 1).reduce((a, b) => a * b, 1);
  return { outer, half: shape[dim] / 2, inner };
}
export const gluOp = op1<{ dim: number }>("glu", {
  name: "GluBackward0",
  forward: ([x], p) => {
    const { outer, half, inner } = gluLayout(x._shape, p.dim);
    const xs = floatData(x);
    const out = x._dtype.alloc(outer * half * inner);
    for (let o = 0; o < outer; o++) {
      for (let k = 0; k < half * inner; k++) {
        const a = xs[o * 2 * half * inner + k], b = xs[o * 2 * half * inner + half * inner + k];
        out[o * half * inner + k] = a * sigm(b);
      }
    }
    const shape = x._shape.slice();
    shape[p.dim] = half;
    return Tensor._make(out, shape, x._dtype);
  },
  save: ([x]) => [["self", x]],
  backward: ([g], [x], p) => {
    const { outer, half, inner } = gluLayout(x._shape, p.dim);
    const xs = floatData(x), gs = floatData(g);
    const res = x._dtype.alloc(xs.length);
    for (let o = 0; o < outer; o++) {
      for (let k = 0; k < half * inner; k++) {
        const ia = o * 2 * half * inner + k, ib = ia + half * inner;
        const s = sigm(xs[ib]), gv = gs[o * half * inner + k];
        res[ia] = gv * s;
        res[ib] = gv * xs[ia] * s * (1 - s);
      }
    }
    return [Tensor._make(res, x._shape, x._dtype)];
  },
});

export function checkGlu(x: Tensor, dim: number): void {
  if (x.dim() === 0) throw new RuntimeError("glu does not support scalars because halving size must be even");
  if (x._shape[dim] % 2 !== 0) throw new RuntimeError(`Halving dimension must be even, but dimension ${dim} is size ${x._shape[dim]}`);
}
