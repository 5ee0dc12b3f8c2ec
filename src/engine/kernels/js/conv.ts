// Convolution as im2col + GEMM, written once over a small set of primitives so the JS backend
// (caller's arrays) and the WebAssembly backend (arrays in wasm memory) share the loop nest.
// All transposes go to the GEMM, so backward needs no copies:
//   forward:        out[n,g]  = W[g] (Og x K)       x col[n,g] (K x P)
//   grad input:     dcol      = W[g]^T (K x Og)     x dY[n,g] (Og x P),  then col2im
//   grad weight:    dW[g]    += dY[n,g] (Og x P)    x col[n,g]^T (P x K)
// with K = Cin/groups * kH * kW and P = outH * outW. A 1x1, stride-1, unpadded convolution
// reads the input directly as its col matrix.
import type {
  Conv2dBackwardInputParams, Conv2dBackwardWeightParams, Conv2dForwardParams, Conv2dGeometry, FloatArray, GemmParams,
} from "../types";
import { convOutSize } from "../types";
import type { PatchGeometry } from "./im2col";

export interface ConvPrimitives<T extends FloatArray> {
  gemm(p: GemmParams<T>): void;
  im2col(x: T, xOff: number, col: T, colOff: number, g: PatchGeometry): void;
  col2im(col: T, colOff: number, x: T, xOff: number, g: PatchGeometry): void;
  /** A buffer of at least `length` elements for the col matrix (reused between calls). */
  scratch(length: number): { array: T; offset: number };
}

interface Plan {
  g: PatchGeometry;
  cG: number; oG: number; k: number; p: number; direct: boolean;
}

export function convPlan(q: Conv2dGeometry): Plan {
  if (q.inChannels % q.groups !== 0 || q.outChannels % q.groups !== 0) {
    throw new Error(`conv2d: channels ${q.inChannels}/${q.outChannels} not divisible by groups ${q.groups}`);
  }
  const oH = convOutSize(q.inH, q.kH, q.strideH, q.padH, q.dilationH);
  const oW = convOutSize(q.inW, q.kW, q.strideW, q.padW, q.dilationW);
  const cG = q.inChannels / q.groups;
  const g: PatchGeometry = {
    c: cG, h: q.inH, w: q.inW, kH: q.kH, kW: q.kW, sH: q.strideH, sW: q.strideW,
    pH: q.padH, pW: q.padW, dH: q.dilationH, dW: q.dilationW, oH: Math.max(oH, 0), oW: Math.max(oW, 0),
  };
  const direct = q.kH === 1 && q.kW === 1 && q.strideH === 1 && q.strideW === 1 && q.padH === 0 && q.padW === 0;
  return { g, cG, oG: q.outChannels / q.groups, k: cG * q.kH * q.kW, p: g.oH * g.oW, direct };
}

export function conv2dForwardWith<T extends FloatArray>(ops: ConvPrimitives<T>, q: Conv2dForwardParams<T>): void {
  const { g, cG, oG, k, p, direct } = convPlan(q);
  const inPlane = q.inH * q.inW;
  const col = direct ? null : ops.scratch(k * p);
  for (let n = 0; n < q.batch; n++) {
    for (let grp = 0; grp < q.groups; grp++) {
      const xOff = q.inputOffset + (n * q.inChannels + grp * cG) * inPlane;
      const yOff = q.outputOffset + (n * q.outChannels + grp * oG) * p;
      if (q.bias) {
        for (let o = 0; o < oG; o++) {
          const b = q.bias[(q.biasOffset ?? 0) + grp * oG + o];
          q.output.fill(b, yOff + o * p, yOff + (o + 1) * p);
        }
      }
      if (col) ops.im2col(q.input, xOff, col.array, col.offset, g);
      ops.gemm({
        transA: false, transB: false, m: oG, n: p, k, alpha: 1, beta: q.bias ? 1 : 0,
        a: q.weight, aOffset: q.weightOffset + grp * oG * k, lda: k,
        b: col ? col.array : q.input, bOffset: col ? col.offset : xOff, ldb: p,
        c: q.output, cOffset: yOff, ldc: p,
      });
    }
  }
}

export function conv2dBackwardInputWith<T extends FloatArray>(ops: ConvPrimitives<T>, q: Conv2dBackwardInputParams<T>): void {
  const { g, cG, oG, k, p, direct } = convPlan(q);
  const inPlane = q.inH * q.inW;
  const col = direct ? null : ops.scratch(k * p);
  for (let n = 0; n < q.batch; n++) {
    for (let grp = 0; grp < q.groups; grp++) {
      const dxOff = q.gradInputOffset + (n * q.inChannels + grp * cG) * inPlane;
      const dyOff = q.gradOutputOffset + (n * q.outChannels + grp * oG) * p;
      ops.gemm({
        transA: true, transB: false, m: k, n: p, k: oG, alpha: 1, beta: 0,
        a: q.weight, aOffset: q.weightOffset + grp * oG * k, lda: k,
        b: q.gradOutput, bOffset: dyOff, ldb: p,
        c: col ? col.array : q.gradInput, cOffset: col ? col.offset : dxOff, ldc: p,
      });
      if (col) {
        q.gradInput.fill(0, dxOff, dxOff + cG * inPlane);
        ops.col2im(col.array, col.offset, q.gradInput, dxOff, g);
      }
    }
  }
}

export function conv2dBackwardWeightWith<T extends FloatArray>(ops: ConvPrimitives<T>, q: Conv2dBackwardWeightParams<T>): void {
  const { g, cG, oG, k, p, direct } = convPlan(q);
  const inPlane = q.inH * q.inW;
  const col = direct ? null : ops.scratch(k * p);
  if (q.batch === 0) q.gradWeight.fill(0, q.gradWeightOffset, q.gradWeightOffset + q.outChannels * k);
  for (let n = 0; n < q.batch; n++) {
    for (let grp = 0; grp < q.groups; grp++) {
      const xOff = q.inputOffset + (n * q.inChannels + grp * cG) * inPlane;
      const dyOff = q.gradOutputOffset + (n * q.outChannels + grp * oG) * p;
      if (col) ops.im2col(q.input, xOff, col.array, col.offset, g);
      ops.gemm({
        transA: false, transB: true, m: oG, n: k, k: p, alpha: 1, beta: n === 0 ? 0 : 1,
        a: q.gradOutput, aOffset: dyOff, lda: p,
        b: col ? col.array : q.input, bOffset: col ? col.offset : xOff, ldb: p,
        c: q.gradWeight, cOffset: q.gradWeightOffset + grp * oG * k, ldc: k,
      });
    }
  }
}

/** gradBias[o] = sum of gradOutput over batch and positions (written, not accumulated). */
export function conv2dBackwardBiasJs(
  gradOutput: FloatArray, gradOutputOffset: number, batch: number, outChannels: number, positions: number,
  gradBias: FloatArray, gradBiasOffset: number,
): void {
  for (let o = 0; o < outChannels; o++) {
    let s = 0;
    for (let n = 0; n < batch; n++) {
      const base = gradOutputOffset + (n * outChannels + o) * positions;
      for (let i = 0; i < positions; i++) s += gradOutput[base + i];
    }
    gradBias[gradBiasOffset + o] = s;
  }
}
