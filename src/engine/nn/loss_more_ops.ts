// Loss primitives PyTorch implements as single ATen ops (HuberLossBackward0,
// SoftMarginLossBackward0), and the Scalar overloads of add/sub that ATen's C++ compositions
// record (AddBackward1, SubBackward1: `x - y + eps` in pairwise_distance, `cos - margin`).
import { Tensor } from "../tensor";
import { op1 } from "../ops/define";
import { pairLoss } from "./loss_ops";
import { floatData, fromF64 } from "./tensors";
import type { Reduction } from "./loss_ops";

/** huber_loss: 0.5·d² inside |d| < delta, delta·(|d| − 0.5·delta) outside (delta in `beta`). */
export const huberLossOp = pairLoss("huber_loss", "HuberLossBackward0",
  (x, y, p) => { const d = Math.abs(x - y), b = p.beta ?? 1; return d < b ? 0.5 * d * d : b * (d - 0.5 * b); },
  (x, y, p) => { const d = x - y, b = p.beta ?? 1; const v = d < -b ? -b : d > b ? b : d; return [v, -v]; });

/** soft_margin_loss: log(1 + exp(−y·x)); the target is not differentiable (one edge, as PyTorch). */
export const softMarginLossOp = op1<{ target: Tensor; reduction: Reduction }>("soft_margin_loss", {
  name: "SoftMarginLossBackward0",
  forward: ([x], p) => {
    const a = floatData(x), y = floatData(p.target);
    const l = new Float64Array(a.length);
    for (let i = 0; i < a.length; i++) l[i] = Math.log1p(Math.exp(-y[i] * a[i]));
    if (p.reduction === "none") return fromF64(l, x._shape, x._dtype);
    // Reduce the stored (dtype-rounded) per-element losses, as ATen does.
    const r = x._dtype.alloc(l.length);
    r.set(l);
    let s = 0;
    for (let i = 0; i < r.length; i++) s += r[i];
    return fromF64(Float64Array.of(p.reduction === "mean" ? s / r.length : s), [], x._dtype);
  },
  save: ([x]) => [["self", x]],
  backward: ([g], [x], p) => {
    const a = floatData(x), y = floatData(p.target), gd = floatData(g);
    const out = new Float64Array(a.length);
    const scale = p.reduction === "mean" ? 1 / a.length : 1;
    for (let i = 0; i < a.length; i++) {
      const z = Math.exp(-y[i] * a[i]);
      out[i] = ((-y[i] * z) / (1 + z)) * (p.reduction === "none" ? gd[i] : gd[0] * scale);
    }
    return [fromF64(out, x._shape, x._dtype)];
  },
});

function shifted(x: Tensor, s: number): Tensor {
  const src = floatData(x);
  const out = x._dtype.alloc(src.length);
  const c = x._dtype.cast(s);
  for (let i = 0; i < src.length; i++) out[i] = src[i] + c;
  return Tensor._make(out, x._shape, x._dtype);
}
/** x + s with a Scalar s, as C++ `tensor + double` records it. */
export const addScalarOp = op1<{ s: number }>("add_scalar", {
  name: "AddBackward1",
  forward: ([x], p) => shifted(x, p.s),
  backward: ([g]) => [g],
});
/** x − s with a Scalar s. */
export const subScalarOp = op1<{ s: number }>("sub_scalar", {
  name: "SubBackward1",
  forward: ([x], p) => shifted(x, -p.s),
  backward: ([g]) => [g],
});

/** multi_margin_loss over (N, C) scores: Σ_{i≠y} max(0, margin − x[y] + x[i])^p · w[y] / C per sample. */
export interface MultiMarginParams { target: ArrayLike<number>; p: 1 | 2; margin: number; weight: ArrayLike<number> | null; reduction: Reduction }
export const multiMarginLossOp = op1<MultiMarginParams>("multi_margin_loss", {
  name: "MultiMarginLossBackward0",
  forward: ([x], p) => {
    const xs = floatData(x);
    const C = x._shape[x._shape.length - 1], N = xs.length / C;
    const l = new Float64Array(N);
    for (let n = 0; n < N; n++) {
      const y = p.target[n], xy = xs[n * C + y], w = p.weight ? p.weight[y] : 1;
      let s = 0;
      for (let i = 0; i < C; i++) {
        if (i === y) continue;
        const z = p.margin - xy + xs[n * C + i];
        if (z > 0) s += (p.p === 1 ? z : z * z) * w;
      }
      l[n] = s / C;
    }
    if (p.reduction === "none") return fromF64(l, x._shape.length === 1 ? [] : [N], x._dtype);
    let s = 0;
    for (let n = 0; n < N; n++) s += l[n];
    return fromF64(Float64Array.of(p.reduction === "mean" ? s / N : s), [], x._dtype);
  },
  save: ([x]) => [["self", x]],
  backward: ([g], [x], p) => {
    const xs = floatData(x), gd = floatData(g);
    const C = x._shape[x._shape.length - 1], N = xs.length / C;
    const out = new Float64Array(xs.length);
    for (let n = 0; n < N; n++) {
      const up = p.reduction === "none" ? gd[n] : p.reduction === "mean" ? gd[0] / N : gd[0];
      const y = p.target[n], xy = xs[n * C + y], w = p.weight ? p.weight[y] : 1;
      for (let i = 0; i < C; i++) {
        if (i === y) continue;
        const z = p.margin - xy + xs[n * C + i];
        if (z <= 0) continue;
        const d = ((p.p === 1 ? 1 : 2 * z) * w * up) / C;
        out[n * C + i] += d;
        out[n * C + y] -= d;
      }
    }
    return [fromF64(out, x._shape, x._dtype)];
  },
});
