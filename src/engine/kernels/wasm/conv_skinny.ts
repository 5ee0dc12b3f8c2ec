// Convolution with few output positions per image (batch 1 at the late ResNet stages: 4x4 or
// 2x2 outputs against 1152-4608 weights per output channel), on operands already in wasm
// memory. The patch matrix is kept transposed (positions x patch, colT) so every product reads
// its operands in place (./assembly/conv_skinny.ts):
//   forward:      Y[o, p]    = dot(W[o, :], colT[p, :])          sgemmDotNT
//   grad input:   dcolT[p, :] = sum_o dY[o, p] * W[o, :]         sgemmSplatNN, then col2im
//   grad weight:  dW[o, :]  (+)= sum_p dY[o, p] * colT[p, :]     sgemmSplatNN
// Offsets are float32 element offsets into the heap view (pointer / 4).
import type { WasmBackend } from "./backend";
import { convPlan, type ConvPrimitives } from "../js/conv";
import type { Conv2dGeometry } from "../types";

interface SkinnyExports {
  sgemmDotNT(m: number, n: number, k: number, a: number, lda: number, b: number, ldb: number, c: number, ldc: number, accumulate: number): void;
  sgemmSplatNN(m: number, n: number, k: number, a: number, sai: number, sat: number, b: number, ldb: number, c: number, ldc: number, accumulate: number): void;
  transpose(rows: number, cols: number, src: number, dst: number): void;
}

function ex(be: WasmBackend): SkinnyExports {
  return be.ex as unknown as SkinnyExports;
}

// Output positions per image up to which the skinny kernels beat im2col + packed GEMM, per
// product (best-of-31 times on ResNet-18's late layers, one thread: at 4 positions the skinny
// kernels take 0.8 / 2.1 / 1.0 ms where the GEMM takes 2.2 / 3.2 / 4.4 ms; at 16 positions the
// GEMM wins the forward product, at 64 all three).
const SKINNY_MAX_POSITIONS = { forward: 8, input: 16, weight: 32 };

export function useSkinny(q: Conv2dGeometry, product: keyof typeof SKINNY_MAX_POSITIONS): boolean {
  const plan = convPlan(q);
  return plan.p > 0 && plan.p <= SKINNY_MAX_POSITIONS[product] && plan.k > 0 && plan.oG > 0;
}

/** colT [p x k] of image n, group grp, at element offset `colT` (col scratch at `col` when needed). */
function patchesT(be: WasmBackend, ops: ConvPrimitives<Float32Array>, q: Conv2dGeometry, x: number, n: number, grp: number, col: number, colT: number): void {
  const { g, cG, k, p, direct } = convPlan(q);
  const xOff = x + (n * q.inChannels + grp * cG) * q.inH * q.inW;
  const f32 = be.heap.f32;
  if (direct) {
    ex(be).transpose(k, p, xOff * 4, colT * 4);
  } else {
    ops.im2col(f32, xOff, f32, col, g);
    ex(be).transpose(k, p, col * 4, colT * 4);
  }
}

export function skinnyForward(be: WasmBackend, ops: ConvPrimitives<Float32Array>, q: Conv2dGeometry, x: number, w: number, b: number | null, y: number): void {
  const { oG, k, p, direct } = convPlan(q);
  const col = direct ? 0 : be.heap.alloc(k * p * 4) >> 2;
  const colT = be.heap.alloc(k * p * 4) >> 2;
  for (let n = 0; n < q.batch; n++) {
    for (let grp = 0; grp < q.groups; grp++) {
      const yOff = y + (n * q.outChannels + grp * oG) * p;
      if (b !== null) {
        const f32 = be.heap.f32;
        for (let o = 0; o < oG; o++) f32.fill(f32[b + grp * oG + o], yOff + o * p, yOff + (o + 1) * p);
      }
      patchesT(be, ops, q, x, n, grp, col, colT);
      ex(be).sgemmDotNT(oG, p, k, (w + grp * oG * k) * 4, k, colT * 4, k, yOff * 4, p, b !== null ? 1 : 0);
    }
  }
}

export function skinnyBackwardInput(be: WasmBackend, ops: ConvPrimitives<Float32Array>, q: Conv2dGeometry, dy: number, w: number, dx: number): void {
  const { g, cG, oG, k, p, direct } = convPlan(q);
  const inPlane = q.inH * q.inW;
  const col = direct ? 0 : be.heap.alloc(k * p * 4) >> 2;
  const colT = be.heap.alloc(k * p * 4) >> 2;
  for (let n = 0; n < q.batch; n++) {
    for (let grp = 0; grp < q.groups; grp++) {
      const dxOff = dx + (n * q.inChannels + grp * cG) * inPlane;
      const dyOff = dy + (n * q.outChannels + grp * oG) * p;
      // dcolT[p, :] = sum_o dY[o, p] * W[o, :]: A(i = p, t = o) = dY[o * P + p].
      ex(be).sgemmSplatNN(p, k, oG, dyOff * 4, 1, p, (w + grp * oG * k) * 4, k, colT * 4, k, 0);
      if (direct) {
        ex(be).transpose(p, k, colT * 4, dxOff * 4);
      } else {
        ex(be).transpose(p, k, colT * 4, col * 4);
        const f32 = be.heap.f32;
        f32.fill(0, dxOff, dxOff + cG * inPlane);
        ops.col2im(f32, col, f32, dxOff, g);
      }
    }
  }
}

export function skinnyBackwardWeight(be: WasmBackend, ops: ConvPrimitives<Float32Array>, q: Conv2dGeometry, x: number, dy: number, dw: number): void {
  const { oG, k, p, direct } = convPlan(q);
  const col = direct ? 0 : be.heap.alloc(k * p * 4) >> 2;
  const colT = be.heap.alloc(k * p * 4) >> 2;
  if (q.batch === 0) be.heap.f32.fill(0, dw, dw + q.outChannels * k);
  for (let n = 0; n < q.batch; n++) {
    for (let grp = 0; grp < q.groups; grp++) {
      const dyOff = dy + (n * q.outChannels + grp * oG) * p;
      patchesT(be, ops, q, x, n, grp, col, colT);
      // dW[o, :] (+)= sum_p dY[o, p] * colT[p, :]: A(i = o, t = p) = dY[o * P + p].
      ex(be).sgemmSplatNN(oG, k, p, dyOff * 4, p, 1, colT * 4, k, (dw + grp * oG * k) * 4, k, n === 0 ? 0 : 1);
    }
  }
}
