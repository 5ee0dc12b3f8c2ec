// Ops for the 1-D layers and adaptive max pooling. conv1d is PyTorch's ConvolutionBackward0 on a
// 3-D input; we run the 2-D convolution (conv_ops.ts) on a height-1 view, forward and backward,
// so the graph shows one ConvolutionBackward0 node whose edges are the 3-D input and weight.
import { Tensor } from "../tensor";
import { op1, defineOp, opRegistry } from "../ops/define";
import { unsqueeze, squeeze } from "../ops/views";
import { adaptiveEnd, adaptiveStart, conv2dOp, type ConvParams } from "./conv_ops";
import { floatData } from "./tensors";
import { int64 } from "../dtype";
import type { InputMeta } from "../autograd/node";

const lift = (t: Tensor): Tensor => unsqueeze(t.detach(), 2);
const liftedMeta = (m: InputMeta): InputMeta => ({ ...m, shape: m.shape.length === 3 ? [m.shape[0], m.shape[1], 1, m.shape[2]] : m.shape });

export const conv1dOp = op1<ConvParams>("conv1d", {
  name: "ConvolutionBackward0",
  forward: ([x, w, b], p) => squeeze(conv2dOp([lift(x), lift(w), b ? b.detach() : null], p), 2),
  save: ([x, w]) => [["input", x], ["weight", w]],
  backward: ([g], [x, w], p, inputs) => {
    const spec = opRegistry.get("conv2d");
    if (!spec?.backward) throw new Error("conv2d backward is not registered");
    const [gx, gw, gb] = (spec.backward as (g: Tensor[], s: Tensor[], p: ConvParams, m: typeof inputs) => (Tensor | null)[])(
      [unsqueeze(g, 2)], [lift(x), lift(w)], p, inputs.map(liftedMeta));
    return [gx ? squeeze(gx, 2) : null, gw ? squeeze(gw, 2) : null, gb ?? null];
  },
});

// The same windows as adaptive average pooling.
const start = adaptiveStart, end = adaptiveEnd;

/** adaptive_max_pool2d over the last two dims: the window's max (the first maximum; a NaN wins, the last one) and its flat h·W+w index. */
export const adaptiveMaxPool2dOp = defineOp<{ out: [number, number] }>("adaptive_max_pool2d", {
  name: "AdaptiveMaxPool2DBackward0",
  forward: ([x], p) => {
    const nd = x._shape.length, H = x._shape[nd - 2], W = x._shape[nd - 1];
    const [oH, oW] = p.out;
    const planes = x.numel() / (H * W);
    const src = floatData(x);
    const out = x._dtype.alloc(planes * oH * oW);
    const idx = int64.alloc(planes * oH * oW);
    for (let pl = 0; pl < planes; pl++) {
      for (let i = 0; i < oH; i++) {
        for (let j = 0; j < oW; j++) {
          const h0 = start(i, oH, H), h1 = end(i, oH, H), w0 = start(j, oW, W), w1 = end(j, oW, W);
          let best = -Infinity, at = h0 * W + w0;
          for (let h = h0; h < h1; h++) {
            for (let w = w0; w < w1; w++) {
              const v = src[pl * H * W + h * W + w];
              if (v > best || v !== v) { best = v; at = h * W + w; }
            }
          }
          out[(pl * oH + i) * oW + j] = best;
          idx[(pl * oH + i) * oW + j] = at;
        }
      }
    }
    const shape = [...x._shape.slice(0, nd - 2), oH, oW];
    return [Tensor._make(out, shape, x._dtype), Tensor._make(idx, shape, int64)];
  },
  save: (_i, [, indices]) => [["result1", indices]],
  nonDifferentiableOutputs: [1],
  backward: ([g], [indices], _p, [inp]) => {
    const nd = inp.shape.length, H = inp.shape[nd - 2], W = inp.shape[nd - 1];
    const gd = floatData(g), id = indices._storage.data;
    const per = g._shape[nd - 2] * g._shape[nd - 1];
    const acc = new Float64Array((gd.length / per) * H * W);
    for (let k = 0; k < gd.length; k++) acc[Math.floor(k / per) * H * W + id[k]] += gd[k];
    const res = g._dtype.alloc(acc.length);
    res.set(acc);
    return [Tensor._make(res, inp.shape, g._dtype)];
  },
});
