// Loss primitives with PyTorch's grad_fn names: NllLossBackward0, MseLossBackward0,
// SmoothL1LossBackward0, BinaryCrossEntropyBackward0, BinaryCrossEntropyWithLogitsBackward0.
// (cross_entropy and l1_loss are compositions, as in PyTorch; see functional.ts.)
import { Tensor } from "../tensor";
import { defineOp, op1 } from "../ops/define";
import { RuntimeError } from "../errors";
import { floatData } from "./tensors";
import { readDense } from "../ops/loops";

export type Reduction = "none" | "mean" | "sum";

/** Reduce per-element losses (double) to the op's output in `like`'s dtype. */
function reduceLoss(loss: Float64Array, shape: readonly number[], like: Tensor, reduction: Reduction): Tensor {
  if (reduction === "none") {
    const out = like._dtype.alloc(loss.length);
    out.set(loss);
    return Tensor._make(out, shape, like._dtype);
  }
  let s = 0;
  // Round each element to the dtype first: PyTorch reduces the stored float losses.
  const r = like._dtype.alloc(loss.length);
  r.set(loss);
  for (let i = 0; i < r.length; i++) s += r[i];
  const v = reduction === "mean" ? s / loss.length : s;
  const out = like._dtype.alloc(1);
  out[0] = v;
  return Tensor._make(out, [], like._dtype);
}

/** The upstream gradient per element: g itself for "none", g / n or g broadcast otherwise. */
function upstream(g: Tensor, n: number, reduction: Reduction): (i: number) => number {
  const gd = floatData(g);
  if (reduction === "none") return (i) => gd[i];
  const v = reduction === "mean" ? gd[0] / n : gd[0];
  return () => v;
}

function gradOf(like: { shape: number[] }, dtype: Tensor["_dtype"], f: (i: number) => number): Tensor {
  const n = like.shape.reduce((a, b) => a * b, 1);
  const out = dtype.alloc(n);
  for (let i = 0; i < n; i++) out[i] = f(i);
  return Tensor._make(out, like.shape, dtype);
}

// ---- nll_loss ---------------------------------------------------------------------------------
export interface NllParams { target: ArrayLike<number>; weight: ArrayLike<number> | null; reduction: Reduction; ignoreIndex: number }

/** input (C), (N, C) or (N, C, d1, ...): element k of the target picks input[n, t, rest]. */
function nllLayout(shape: readonly number[]): { C: number; inner: number; count: number } {
  if (shape.length === 1) return { C: shape[0], inner: 1, count: 1 };
  const inner = shape.slice(2).reduce((a, b) => a * b, 1);
  return { C: shape[1], inner, count: shape[0] * inner };
}
function nllIndex(k: number, C: number, inner: number, t: number): number {
  const n = Math.floor(k / inner), s = k % inner;
  return (n * C + t) * inner + s;
}

export const nllLossOp = defineOp<NllParams>("nll_loss", {
  // Spatial input (N, C, d1, ...) goes through nll_loss2d in PyTorch.
  name: ([x]) => (x && x._shape.length >= 3 ? "NllLoss2DBackward0" : "NllLossBackward0"),
  forward: ([x], p) => {
    const { C, inner, count } = nllLayout(x._shape);
    const src = floatData(x);
    const losses = new Float64Array(count);
    let total = 0;
    for (let k = 0; k < count; k++) {
      const t = p.target[k];
      if (t === p.ignoreIndex) continue;
      if (t < 0 || t >= C) throw new RuntimeError(`Target ${t} is out of bounds.`);
      const w = p.weight ? p.weight[t] : 1;
      losses[k] = -w * src[nllIndex(k, C, inner, t)];
      total += w;
    }
    const tw = Tensor._make(x._dtype.alloc(1).fill(total), [], x._dtype);
    if (p.reduction === "none") {
      const out = x._dtype.alloc(count);
      out.set(losses);
      const shape = x._shape.length === 1 ? [] : [x._shape[0], ...x._shape.slice(2)];
      return [Tensor._make(out, shape, x._dtype), tw];
    }
    const r = x._dtype.alloc(count);
    r.set(losses);
    let s = 0;
    for (let i = 0; i < r.length; i++) s += r[i];
    const out = x._dtype.alloc(1);
    out[0] = p.reduction === "mean" ? s / total : s;
    return [Tensor._make(out, [], x._dtype), tw];
  },
  nonDifferentiableOutputs: [1],
  save: ([x], [, tw]) => [["self", x], ["total_weight", tw]],
  backward: ([g], [x, tw], p) => {
    const { C, inner, count } = nllLayout(x._shape);
    const gd = floatData(g);
    const total = tw._storage.data[0];
    const out = x._dtype.alloc(x.numel());
    for (let k = 0; k < count; k++) {
      const t = p.target[k];
      if (t === p.ignoreIndex) continue;
      const w = p.weight ? p.weight[t] : 1;
      const up = p.reduction === "none" ? gd[k] : p.reduction === "mean" ? gd[0] / total : gd[0];
      out[nllIndex(k, C, inner, t)] = -w * up;
    }
    return [Tensor._make(out, x._shape, x._dtype)];
  },
});

// ---- pointwise losses over (input, target) of one shape ------------------------------------------
export interface PairParams { reduction: Reduction; beta?: number }
export function pairLoss(key: string, name: string,
  loss: (x: number, y: number, p: PairParams) => number,
  dLoss: (x: number, y: number, p: PairParams) => [number, number]) {
  return op1<PairParams>(key, {
    name,
    forward: ([x, y], p) => {
      const a = floatData(x), b = floatData(y);
      const l = new Float64Array(a.length);
      for (let i = 0; i < a.length; i++) l[i] = loss(a[i], b[i], p);
      return reduceLoss(l, x._shape, x, p.reduction);
    },
    save: ([x, y]) => [["self", x], ["target", y]],
    backward: ([g], [x, y], p) => {
      const a = floatData(x), b = floatData(y);
      const up = upstream(g, a.length, p.reduction);
      const gx = x._dtype.alloc(a.length), gy = x._dtype.alloc(a.length);
      for (let i = 0; i < a.length; i++) {
        const [dx, dy] = dLoss(a[i], b[i], p);
        gx[i] = dx * up(i); gy[i] = dy * up(i);
      }
      return [Tensor._make(gx, x._shape, x._dtype), Tensor._make(gy, y._shape, y._dtype)];
    },
  });
}

export const mseLossOp = pairLoss("mse_loss", "MseLossBackward0",
  (x, y) => (x - y) * (x - y), (x, y) => [2 * (x - y), -2 * (x - y)]);

export const smoothL1LossOp = pairLoss("smooth_l1_loss", "SmoothL1LossBackward0",
  (x, y, p) => { const d = Math.abs(x - y); const b = p.beta ?? 1; return d < b ? (0.5 * d * d) / b : d - 0.5 * b; },
  (x, y, p) => { const d = x - y; const b = p.beta ?? 1; const v = Math.abs(d) < b ? d / b : Math.sign(d); return [v, -v]; });

// ---- binary cross entropy ------------------------------------------------------------------------
export interface BceParams extends PairParams { weight: ArrayLike<number> | null; posWeight: ArrayLike<number> | null }

export const bceOp = op1<BceParams>("binary_cross_entropy", {
  name: "BinaryCrossEntropyBackward0",
  forward: ([x, y], p) => {
    const a = floatData(x), b = floatData(y);
    const l = new Float64Array(a.length);
    for (let i = 0; i < a.length; i++) {
      if (!(a[i] >= 0 && a[i] <= 1)) throw new RuntimeError("all elements of input should be between 0 and 1");
      const lx = Math.max(Math.log(a[i]), -100), l1x = Math.max(Math.log(1 - a[i]), -100);
      l[i] = -(p.weight ? p.weight[i] : 1) * (b[i] * lx + (1 - b[i]) * l1x);
    }
    return reduceLoss(l, x._shape, x, p.reduction);
  },
  save: ([x, y]) => [["self", x], ["target", y]],
  backward: ([g], [x, y], p) => {
    const a = floatData(x), b = floatData(y);
    const up = upstream(g, a.length, p.reduction);
    const w = (i: number) => (p.weight ? p.weight[i] : 1);
    return [
      gradOf({ shape: x._shape }, x._dtype, (i) => (w(i) * up(i) * (a[i] - b[i])) / Math.max((1 - a[i]) * a[i], 1e-12)),
      gradOf({ shape: y._shape }, y._dtype, (i) => w(i) * up(i) * (Math.log(1 - a[i]) - Math.log(a[i]))),
    ];
  },
});

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
export const bceWithLogitsOp = op1<BceParams>("binary_cross_entropy_with_logits", {
  name: "BinaryCrossEntropyWithLogitsBackward0",
  forward: ([x, y], p) => {
    const a = floatData(x), b = floatData(y);
    const l = new Float64Array(a.length);
    for (let i = 0; i < a.length; i++) {
      const v = a[i], t = b[i];
      const m = Math.max(-v, 0);
      const lse = Math.log(Math.exp(-m) + Math.exp(-v - m)) + m; // log(1 + exp(-v)), stably
      const lw = p.posWeight ? (p.posWeight[i] - 1) * t + 1 : 1;
      l[i] = ((1 - t) * v + lw * lse) * (p.weight ? p.weight[i] : 1);
    }
    return reduceLoss(l, x._shape, x, p.reduction);
  },
  save: ([x, y]) => [["self", x], ["target", y]],
  backward: ([g], [x, y], p) => {
    const a = floatData(x), b = floatData(y);
    const up = upstream(g, a.length, p.reduction);
    const w = (i: number) => (p.weight ? p.weight[i] : 1);
    return [
      gradOf({ shape: x._shape }, x._dtype, (i) => {
        const s = sigmoid(a[i]);
        if (!p.posWeight) return (s - b[i]) * up(i) * w(i);
        const t = p.posWeight[i] * b[i];
        return ((t + 1 - b[i]) * s - t) * up(i) * w(i);
      }),
      gradOf({ shape: y._shape }, y._dtype, (i) => {
        if (!p.posWeight) return -a[i] * up(i) * w(i);
        const s = sigmoid(a[i]);
        return (Math.log(1 - s) - p.posWeight[i] * Math.log(s)) * up(i) * w(i);
      }),
    ];
  },
});

export { readDense };
