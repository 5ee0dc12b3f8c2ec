// 2-d max and average pooling over NCHW planes, both dtypes (cheap next to convolution, so JS
// only). Max pooling records, per output, the flat index h * inW + w of the winning input in
// its plane, as PyTorch's return_indices does; NaN wins (the window's last NaN), like torch.
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
  // The loops get plain numbers and arrays: the params object's shape varies between callers,
  // and reading its fields inside the window loop deoptimised it (20x slower).
  maxPoolPlanes(q.input, q.inputOffset, q.output, q.outputOffset, q.indices, q.indicesOffset, q.batch * q.channels,
    q.inH, q.inW, oH, oW, q.kH, q.kW, q.strideH, q.strideW, q.padH, q.padW, q.dilationH, q.dilationW);
}

function maxPoolPlanes(
  input: FloatArray, inOff: number, output: FloatArray, outOff: number, indices: Int32Array, idxOff: number, planes: number,
  inH: number, inW: number, oH: number, oW: number, kH: number, kW: number, sH: number, sW: number,
  pH: number, pW: number, dH: number, dW: number,
): void {
  const inPlane = inH * inW;
  let out = 0;
  for (let pl = 0; pl < planes; pl++) {
    const xBase = inOff + pl * inPlane;
    for (let oh = 0; oh < oH; oh++) {
      // The window's rows inside the input, as PyTorch's kernel clips them.
      let h0 = oh * sH - pH;
      const h1 = Math.min(h0 + (kH - 1) * dH + 1, inH);
      while (h0 < 0) h0 += dH;
      for (let ow = 0; ow < oW; ow++, out++) {
        let w0 = ow * sW - pW;
        const w1 = Math.min(w0 + (kW - 1) * dW + 1, inW);
        while (w0 < 0) w0 += dW;
        // As PyTorch: start at the first tap, replace on a larger value or on any NaN (so the
        // last NaN of a window wins); a window of -inf reports its first tap.
        let best = -Infinity;
        let bestIdx = h0 * inW + w0;
        for (let h = h0; h < h1; h += dH) {
          const row = h * inW;
          for (let w = w0; w < w1; w += dW) {
            const v = input[xBase + row + w];
            if (v > best || v !== v) {
              best = v;
              bestIdx = row + w;
            }
          }
        }
        output[outOff + out] = best;
        indices[idxOff + out] = bestIdx;
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
  maxPoolScatter(q.gradOutput, q.gradOutputOffset, q.indices, q.indicesOffset, q.gradInput, q.gradInputOffset,
    q.batch * q.channels, q.inH * q.inW, oH * oW);
}

function maxPoolScatter(go: FloatArray, goOff: number, indices: Int32Array, idxOff: number, gi: FloatArray, giOff: number,
  planes: number, inPlane: number, outPlane: number): void {
  gi.fill(0, giOff, giOff + planes * inPlane);
  for (let pl = 0; pl < planes; pl++) {
    const dx = giOff + pl * inPlane;
    for (let o = pl * outPlane; o < (pl + 1) * outPlane; o++) {
      const idx = indices[idxOff + o];
      if (idx >= 0) gi[dx + idx] += go[goOff + o];
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
