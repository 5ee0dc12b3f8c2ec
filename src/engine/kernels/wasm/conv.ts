// Convolution on the WebAssembly backend: the shared loop nest of ../js/conv.ts run on arrays
// that live in wasm memory (the heap view, offsets = pointer / 4), with im2col/col2im and the
// (threaded) GEMM done in wasm. Convolutions with few output positions per image take the
// skinny path of ./conv_skinny.ts instead.
import type { WasmBackend } from "./backend";
import {
  conv2dBackwardInputWith, conv2dBackwardWeightWith, conv2dForwardWith, convPlan, type ConvPrimitives,
} from "../js/conv";
import { skinnyBackwardInput, skinnyBackwardWeight, skinnyForward, useSkinny } from "./conv_skinny";
import type { PatchGeometry } from "../js/im2col";
import type {
  Conv2dBackwardInputParams, Conv2dBackwardWeightParams, Conv2dForwardParams, Conv2dGeometry, GemmParams,
} from "../types";

function primitives(be: WasmBackend): ConvPrimitives<Float32Array> {
  const setGeometry = (g: PatchGeometry): void =>
    be.ex.convGeometry(g.c, g.h, g.w, g.kH, g.kW, g.sH, g.sW, g.pH, g.pW, g.dH, g.dW, g.oH, g.oW);
  return {
    gemm: (p: GemmParams<Float32Array>) => be.sgemmPtr(p.transA, p.transB, p.m, p.n, p.k, p.alpha ?? 1, p.beta ?? 0,
      p.aOffset * 4, p.lda, p.bOffset * 4, p.ldb, p.cOffset * 4, p.ldc),
    im2col: (_x, xOff, _col, colOff, g) => { setGeometry(g); be.ex.im2col(xOff * 4, colOff * 4); },
    col2im: (_col, colOff, _x, xOff, g) => { setGeometry(g); be.ex.col2im(colOff * 4, xOff * 4); },
    scratch: (length: number) => {
      const offset = be.heap.alloc(length * 4) >> 2;
      return { array: be.heap.f32, offset };
    },
  };
}

const cache = new WeakMap<WasmBackend, ConvPrimitives<Float32Array>>();
function primitivesOf(be: WasmBackend): ConvPrimitives<Float32Array> {
  let p = cache.get(be);
  if (!p) {
    p = primitives(be);
    cache.set(be, p);
  }
  return p;
}

function sizes(q: Conv2dGeometry): { x: number; w: number; y: number; macs: number } {
  const plan = convPlan(q);
  return {
    x: q.batch * q.inChannels * q.inH * q.inW,
    w: q.outChannels * plan.k,
    y: q.batch * q.outChannels * plan.p,
    // The largest single GEMM decides whether workers are worth starting.
    macs: plan.oG * plan.k * plan.p,
  };
}

// Copies `len` values into the arena and returns their element offset in the heap view; a
// resident array (already in wasm memory: weights, see residentF32) is read in place.
function stage(be: WasmBackend, src: Float32Array, off: number, len: number): number {
  const home = be.heap.residentPtr(src);
  if (home >= 0) return (home >> 2) + off;
  const at = be.heap.alloc(len * 4) >> 2;
  be.heap.f32.set(src.subarray(off, off + len), at);
  return at;
}

export function conv2dForwardWasm(be: WasmBackend, q: Conv2dForwardParams<Float32Array>): void {
  const s = sizes(q);
  be.begin(s.macs);
  const x = stage(be, q.input, q.inputOffset, s.x);
  const w = stage(be, q.weight, q.weightOffset, s.w);
  const b = q.bias ? stage(be, q.bias, q.biasOffset ?? 0, q.outChannels) : 0;
  const y = be.heap.alloc(s.y * 4) >> 2;
  // NOTE: the col scratch allocated inside may grow the memory; views taken before stay valid
  // for the ranges they cover because the memory is shared (growing never detaches it).
  const ops = primitivesOf(be);
  const f32 = be.heap.f32;
  if (useSkinny(q, "forward")) skinnyForward(be, ops, q, x, w, q.bias ? b : null, y);
  else conv2dForwardWith(ops, {
    ...q, input: f32, inputOffset: x, weight: f32, weightOffset: w,
    bias: q.bias ? f32 : undefined, biasOffset: b, output: f32, outputOffset: y,
  });
  q.output.set(be.heap.f32.subarray(y, y + s.y), q.outputOffset);
}

export function conv2dBackwardInputWasm(be: WasmBackend, q: Conv2dBackwardInputParams<Float32Array>): void {
  const s = sizes(q);
  be.begin(s.macs);
  const dy = stage(be, q.gradOutput, q.gradOutputOffset, s.y);
  const w = stage(be, q.weight, q.weightOffset, s.w);
  const dx = be.heap.alloc(s.x * 4) >> 2;
  const ops = primitivesOf(be);
  if (useSkinny(q, "input")) skinnyBackwardInput(be, ops, q, dy, w, dx);
  else conv2dBackwardInputWith(ops, {
    ...q, gradOutput: be.heap.f32, gradOutputOffset: dy, weight: be.heap.f32, weightOffset: w,
    gradInput: be.heap.f32, gradInputOffset: dx,
  });
  q.gradInput.set(be.heap.f32.subarray(dx, dx + s.x), q.gradInputOffset);
}

export function conv2dBackwardWeightWasm(be: WasmBackend, q: Conv2dBackwardWeightParams<Float32Array>): void {
  const s = sizes(q);
  be.begin(s.macs);
  const x = stage(be, q.input, q.inputOffset, s.x);
  const dy = stage(be, q.gradOutput, q.gradOutputOffset, s.y);
  const dw = be.heap.alloc(s.w * 4) >> 2;
  const ops = primitivesOf(be);
  if (useSkinny(q, "weight")) skinnyBackwardWeight(be, ops, q, x, dy, dw);
  else conv2dBackwardWeightWith(ops, {
    ...q, input: be.heap.f32, inputOffset: x, gradOutput: be.heap.f32, gradOutputOffset: dy,
    gradWeight: be.heap.f32, gradWeightOffset: dw,
  });
  q.gradWeight.set(be.heap.f32.subarray(dw, dw + s.w), q.gradWeightOffset);
}
