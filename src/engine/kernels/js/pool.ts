// 2-d max and average pooling over NCHW planes, both dtypes (cheap next to convolution, so JS
// only). Max pooling records, per output, the flat index h * inW + w of the winning input in
// its plane, as PyTorch's return_indices does; NaN wins, like torch.
import type { FloatArray, Pool2dGeometry } from "../types";
import { poolOutSize } from "../types";

export function poolOutShape(g: Pool2dGeometry): [number, number] {
  return [
    poolOutSize(g.inH, g.kH, g.strideH, g.padH, g.dilationH, g.ceilMode),
    poolOutSize(g.inW, g.kW, g.strideW, g.padW, g.dilationW, g.ceilMode),
  ];
}

export interface MaxPool2dForwardParams<T extends FloatArray = FloatArray> extends Pool2dGeometry {
  input: T; inputOffset: number;
  output: T; outputOffset: number;
  /** Written: flat index in the input plane of each output's maximum. */
  indices: Int32Array; indicesOffset: number;
}

export function maxPool2dForward(q: MaxPool2dForwardParams): void {
  const [oH, oW] = poolOutShape(q);
  const inPlane = q.inH * q.inW;
  const planes = q.batch * q.channels;
  for (let pl = 0; pl < planes; pl++) {
    const xBase = q.inputOffset + pl * inPlane;
    let out = pl * oH * oW;
    for (let oh = 0; oh < oH; oh++) {
      const h0 = oh * q.strideH - q.padH;
      for (let ow = 0; ow < oW; ow++, out++) {
        const w0 = ow * q.strideW - q.padW;
        let best = -Infinity;
        let bestIdx = -1;
        for (let i = 0; i < q.kH; i++) {
          const h = h0 + i * q.dilationH;
          if (h < 0 || h >= q.inH) continue;
          for (let j = 0; j < q.kW; j++) {
            const w = w0 + j * q.dilationW;
            if (w < 0 || w >= q.inW) continue;
            const v = q.input[xBase + h * q.inW + w];
            if (v > best || Number.isNaN(v) || bestIdx < 0) {
              best = v;
              bestIdx = h * q.inW + w;
              if (Number.isNaN(v)) { i = q.kH; break; }
            }
          }
        }
        q.output[q.outputOffset + out] = best;
        q.indices[q.indicesOffset + out] = bestIdx;
      }
    }
  }
}

export interface MaxPool2dBackwardParams<T extends FloatArray = FloatArray> extends Pool2dGeometry {
  gradOutput: T; gradOutputOffset: number;
  indices: Int32Array; indicesOffset: number;
  /** Written (not accumulated). */
  gradInput: T; gradInputOffset: number;
}

export function maxPool2dBackward(q: MaxPool2dBackwardParams): void {
  const [oH, oW] = poolOutShape(q);
  const inPlane = q.inH * q.inW;
  const outPlane = oH * oW;
  const planes = q.batch * q.channels;
  q.gradInput.fill(0, q.gradInputOffset, q.gradInputOffset + planes * inPlane);
  for (let pl = 0; pl < planes; pl++) {
    const dx = q.gradInputOffset + pl * inPlane;
    for (let o = pl * outPlane; o < (pl + 1) * outPlane; o++) {
      const idx = q.indices[q.indicesOffset + o];
      if (idx >= 0) q.gradInput[dx + idx] += q.gradOutput[q.gradOutputOffset + o];
    }
  }
}

export interface AvgPool2dParams {
  /** PyTorch's count_include_pad (default true): padding counts toward the divisor. */
  countIncludePad: boolean;
}

// The window of output (oh, ow) clipped to the input, and its divisor per PyTorch's rules.
function avgWindow(q: Pool2dGeometry & AvgPool2dParams, oh: number, ow: number): [number, number, number, number, number] {
  let h0 = oh * q.strideH - q.padH;
  let w0 = ow * q.strideW - q.padW;
  let h1 = Math.min(h0 + q.kH, q.inH + q.padH);
  let w1 = Math.min(w0 + q.kW, q.inW + q.padW);
  const padded = (h1 - h0) * (w1 - w0);
  h0 = Math.max(h0, 0); w0 = Math.max(w0, 0);
  h1 = Math.min(h1, q.inH); w1 = Math.min(w1, q.inW);
  const div = q.countIncludePad ? padded : (h1 - h0) * (w1 - w0);
  return [h0, h1, w0, w1, div];
}

export interface AvgPool2dForwardParams<T extends FloatArray = FloatArray> extends Pool2dGeometry, AvgPool2dParams {
  input: T; inputOffset: number;
  output: T; outputOffset: number;
}

/** Average pooling (dilation must be 1, as in torch.nn.AvgPool2d). */
export function avgPool2dForward(q: AvgPool2dForwardParams): void {
  const [oH, oW] = poolOutShape(q);
  const inPlane = q.inH * q.inW;
  const planes = q.batch * q.channels;
  for (let pl = 0; pl < planes; pl++) {
    const xBase = q.inputOffset + pl * inPlane;
    let out = q.outputOffset + pl * oH * oW;
    for (let oh = 0; oh < oH; oh++) {
      for (let ow = 0; ow < oW; ow++, out++) {
        const [h0, h1, w0, w1, div] = avgWindow(q, oh, ow);
        let s = 0;
        for (let h = h0; h < h1; h++) for (let w = w0; w < w1; w++) s += q.input[xBase + h * q.inW + w];
        q.output[out] = s / div;
      }
    }
  }
}

export interface AvgPool2dBackwardParams<T extends FloatArray = FloatArray> extends Pool2dGeometry, AvgPool2dParams {
  gradOutput: T; gradOutputOffset: number;
  /** Written (not accumulated). */
  gradInput: T; gradInputOffset: number;
}

export function avgPool2dBackward(q: AvgPool2dBackwardParams): void {
  const [oH, oW] = poolOutShape(q);
  const inPlane = q.inH * q.inW;
  const planes = q.batch * q.channels;
  q.gradInput.fill(0, q.gradInputOffset, q.gradInputOffset + planes * inPlane);
  for (let pl = 0; pl < planes; pl++) {
    const dx = q.gradInputOffset + pl * inPlane;
    let out = q.gradOutputOffset + pl * oH * oW;
    for (let oh = 0; oh < oH; oh++) {
      for (let ow = 0; ow < oW; ow++, out++) {
        const [h0, h1, w0, w1, div] = avgWindow(q, oh, ow);
        const g = q.gradOutput[out] / div;
        for (let h = h0; h < h1; h++) for (let w = w0; w < w1; w++) q.gradInput[dx + h * q.inW + w] += g;
      }
    }
  }
}
