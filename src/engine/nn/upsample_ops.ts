// 2-D upsampling as primitives with 1.13's names (UpsampleNearest2DBackward1,
// UpsampleBilinear2DBackward1: the `.vec` overloads F.interpolate calls). Each output axis maps to
// one (nearest) or two (bilinear) source indices with weights, computed as ATen's
// UpSample.h does (float32 scales for nearest, area_pixel_compute_source_index for bilinear).
import { Tensor } from "../tensor";
import { op1 } from "../ops/define";
import { floatData } from "./tensors";

export interface UpsampleParams { mode: "nearest" | "bilinear"; out: [number, number]; alignCorners: boolean; scales: [number | null, number | null] }
interface Axis { i0: Int32Array; i1: Int32Array; w0: Float64Array; w1: Float64Array }
const f32 = Math.fround;

/** `r` rounds to the tensor's dtype: ATen computes scales, source indices and lambdas in float for float32. */
function axis(mode: UpsampleParams["mode"], inSize: number, outSize: number, alignCorners: boolean, scale: number | null, r: (v: number) => number): Axis {
  const a: Axis = { i0: new Int32Array(outSize), i1: new Int32Array(outSize), w0: new Float64Array(outSize), w1: new Float64Array(outSize) };
  for (let o = 0; o < outSize; o++) {
    if (mode === "nearest") {
      let idx: number;
      if (outSize === inSize) idx = o;
      else if (outSize === 2 * inSize) idx = o >> 1;
      else {
        const s = f32(scale !== null && scale > 0 ? 1 / scale : inSize / outSize);
        idx = Math.min(Math.floor(f32(o * s)), inSize - 1);
      }
      a.i0[o] = idx; a.i1[o] = idx; a.w0[o] = 1; a.w1[o] = 0;
      continue;
    }
    let s: number;
    if (alignCorners) s = outSize > 1 ? r((inSize - 1) / (outSize - 1)) : 0;
    else s = r(scale !== null && scale > 0 ? 1 / scale : inSize / outSize);
    const src = alignCorners ? r(s * o) : Math.max(r(r(s * r(o + 0.5)) - 0.5), 0);
    const i0 = Math.floor(src);
    const i1 = i0 + (i0 < inSize - 1 ? 1 : 0);
    const l1 = r(src - i0);
    a.i0[o] = i0; a.i1[o] = i1; a.w0[o] = r(1 - l1); a.w1[o] = l1;
  }
  return a;
}

function axes(shape: readonly number[], p: UpsampleParams, r: (v: number) => number): [Axis, Axis, number, number, number] {
  const nd = shape.length, H = shape[nd - 2], W = shape[nd - 1];
  return [axis(p.mode, H, p.out[0], p.alignCorners, p.scales[0], r), axis(p.mode, W, p.out[1], p.alignCorners, p.scales[1], r), H, W, shape.slice(0, nd - 2).reduce((x, y) => x * y, 1)];
}
const rounder = (t: { _dtype: { name: string } }): ((v: number) => number) => (t._dtype.name === "float32" ? f32 : (v) => v);

export const upsample2dOp = op1<UpsampleParams>("upsample2d", {
  name: (_i, p) => (p.mode === "nearest" ? "UpsampleNearest2DBackward1" : "UpsampleBilinear2DBackward1"),
  forward: ([x], p) => {
    const r = rounder(x);
    const [ah, aw, H, W, planes] = axes(x._shape, p, r);
    const [oH, oW] = p.out;
    const src = floatData(x);
    const out = x._dtype.alloc(planes * oH * oW);
    for (let pl = 0; pl < planes; pl++) {
      const base = pl * H * W;
      for (let i = 0; i < oH; i++) {
        const r0 = base + ah.i0[i] * W, r1 = base + ah.i1[i] * W;
        for (let j = 0; j < oW; j++) {
          const c0 = aw.i0[j], c1 = aw.i1[j];
          out[(pl * oH + i) * oW + j] = p.mode === "nearest" ? src[r0 + c0]
            : r(r(ah.w0[i] * r(r(aw.w0[j] * src[r0 + c0]) + r(aw.w1[j] * src[r0 + c1])))
              + r(ah.w1[i] * r(r(aw.w0[j] * src[r1 + c0]) + r(aw.w1[j] * src[r1 + c1]))));
        }
      }
    }
    return Tensor._make(out, [...x._shape.slice(0, x._shape.length - 2), oH, oW], x._dtype);
  },
  backward: ([g], _s, p, [inp]) => {
    const r = rounder(g);
    const [ah, aw, H, W, planes] = axes(inp.shape, p, r);
    const [oH, oW] = p.out;
    const gd = floatData(g);
    const acc = new Float64Array(planes * H * W);
    for (let pl = 0; pl < planes; pl++) {
      const base = pl * H * W;
      for (let i = 0; i < oH; i++) {
        const r0 = base + ah.i0[i] * W, r1 = base + ah.i1[i] * W;
        for (let j = 0; j < oW; j++) {
          const v = gd[(pl * oH + i) * oW + j], c0 = aw.i0[j], c1 = aw.i1[j];
          // Accumulated in the dtype, in output order, as ATen's backward kernel does.
          acc[r0 + c0] = r(acc[r0 + c0] + r(r(ah.w0[i] * aw.w0[j]) * v));
          if (p.mode === "bilinear") {
            acc[r0 + c1] = r(acc[r0 + c1] + r(r(ah.w0[i] * aw.w1[j]) * v));
            acc[r1 + c0] = r(acc[r1 + c0] + r(r(ah.w1[i] * aw.w0[j]) * v));
            acc[r1 + c1] = r(acc[r1 + c1] + r(r(ah.w1[i] * aw.w1[j]) * v));
          }
        }
      }
    }
    const res = g._dtype.alloc(acc.length);
    res.set(acc);
    return [Tensor._make(res, inp.shape, g._dtype)];
  },
});
