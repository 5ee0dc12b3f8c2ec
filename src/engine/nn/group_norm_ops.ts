// native_group_norm as one primitive (NativeGroupNormBackward0): per (sample, group) mean and
// biased variance over C/G channels × spatial positions, in double, then the optional per-channel
// affine. The backward is the standard normalisation gradient, per group.
import { Tensor } from "../tensor";
import { defineOp } from "../ops/define";
import { floatData, fromF64 } from "./tensors";

export interface GroupNormParams { groups: number; eps: number; hasWeight: boolean; hasBias: boolean }

function layout(shape: readonly number[], groups: number): { N: number; C: number; HW: number; D: number } {
  const N = shape[0], C = shape[1];
  const HW = shape.slice(2).reduce((a, b) => a * b, 1);
  return { N, C, HW, D: (C / groups) * HW };
}
/** mean and 1/std of each (n, g) block (blocks are contiguous: channels of a group are adjacent). */
function stats(x: ArrayLike<number>, blocks: number, D: number, eps: number): [Float64Array, Float64Array] {
  const mean = new Float64Array(blocks), rstd = new Float64Array(blocks);
  for (let b = 0; b < blocks; b++) {
    let s = 0;
    for (let i = b * D; i < (b + 1) * D; i++) s += x[i];
    const m = s / D;
    let v = 0;
    for (let i = b * D; i < (b + 1) * D; i++) v += (x[i] - m) * (x[i] - m);
    mean[b] = m;
    rstd[b] = 1 / Math.sqrt(v / D + eps);
  }
  return [mean, rstd];
}

export const groupNormOp = defineOp<GroupNormParams>("group_norm", {
  name: "NativeGroupNormBackward0",
  forward: (ins, p) => {
    const [x] = ins;
    const w = p.hasWeight ? floatData(ins[1]) : null, bb = p.hasBias ? floatData(ins[p.hasWeight ? 2 : 1]) : null;
    const { N, C, HW, D } = layout(x._shape, p.groups);
    const xs = floatData(x);
    const [mean, rstd] = stats(xs, N * p.groups, D, p.eps);
    const out = new Float64Array(xs.length);
    for (let i = 0; i < xs.length; i++) {
      const blk = Math.floor(i / D), c = Math.floor(i / HW) % C;
      const y = (xs[i] - mean[blk]) * rstd[blk];
      out[i] = (w ? y * w[c] : y) + (bb ? bb[c] : 0);
    }
    return [fromF64(out, x._shape, x._dtype), fromF64(mean, [N, p.groups], x._dtype), fromF64(rstd, [N, p.groups], x._dtype)];
  },
  save: (ins, [, mean, rstd], p) => [["input", ins[0]], ...(p.hasWeight ? [["weight", ins[1]] as [string, Tensor]] : []), ["result1", mean], ["result2", rstd]],
  nonDifferentiableOutputs: [1, 2],
  backward: ([g], saved, p) => {
    const x = saved[0], w = p.hasWeight ? floatData(saved[1]) : null;
    const { N, C, HW, D } = layout(x._shape, p.groups);
    const xs = floatData(x), gs = floatData(g);
    const [mean, rstd] = stats(xs, N * p.groups, D, p.eps);
    const gx = new Float64Array(xs.length), gw = new Float64Array(C), gb = new Float64Array(C);
    for (let blk = 0; blk < N * p.groups; blk++) {
      let sd = 0, sdx = 0;
      for (let i = blk * D; i < (blk + 1) * D; i++) {
        const c = Math.floor(i / HW) % C, xh = (xs[i] - mean[blk]) * rstd[blk];
        const d = gs[i] * (w ? w[c] : 1);
        sd += d; sdx += d * xh;
        gw[c] += gs[i] * xh; gb[c] += gs[i];
      }
      for (let i = blk * D; i < (blk + 1) * D; i++) {
        const c = Math.floor(i / HW) % C, xh = (xs[i] - mean[blk]) * rstd[blk];
        gx[i] = rstd[blk] * (gs[i] * (w ? w[c] : 1) - sd / D - (xh * sdx) / D);
      }
    }
    const res: (Tensor | null)[] = [fromF64(gx, x._shape, g._dtype)];
    if (p.hasWeight) res.push(fromF64(gw, [C], g._dtype));
    if (p.hasBias) res.push(fromF64(gb, [C], g._dtype));
    return res;
  },
});
