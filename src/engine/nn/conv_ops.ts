// Convolution and pooling as primitives with PyTorch's grad_fn names (ConvolutionBackward0,
// MaxPool2DWithIndicesBackward0, AvgPool2DBackward0, AdaptiveAvgPool2DBackward0). Forward and
// backward call the kernel layer through ./kernels; gradients are computed as raw arrays, so
// these ops support first-order gradients (not create_graph through a convolution).
import { Tensor } from "../tensor";
import { int64 } from "../dtype";
import { op1, defineOp } from "../ops/define";
import { RuntimeError } from "../errors";
import * as K from "./kernels";
import { floatData, make } from "./tensors";

export interface ConvParams {
  stride: [number, number];
  padding: [number, number];
  dilation: [number, number];
  groups: number;
  /** Known at call time; skips the input-gradient GEMMs when the input needs none (an image). */
  inputNeedsGrad: boolean;
}

function geometry(x: readonly number[], w: readonly number[], p: ConvParams): K.Conv2dGeometry {
  return {
    batch: x[0], inChannels: x[1], inH: x[2], inW: x[3], outChannels: w[0], kH: w[2], kW: w[3],
    strideH: p.stride[0], strideW: p.stride[1], padH: p.padding[0], padW: p.padding[1],
    dilationH: p.dilation[0], dilationW: p.dilation[1], groups: p.groups,
  };
}
function convOutShape(g: K.Conv2dGeometry): number[] {
  return [g.batch, g.outChannels, K.convOutSize(g.inH, g.kH, g.strideH, g.padH, g.dilationH), K.convOutSize(g.inW, g.kW, g.strideW, g.padW, g.dilationW)];
}

/**
 * Moves a float32 weight parameter's storage into the kernels' wasm memory the first time it is used
 * (same values, same Storage object, so views and aliases follow, as the SGD kernels do with
 * parameters): forward and the input gradient then read it in place instead of copying it in
 * on every call (ResNet-18's convolutions hold 11 M weights, ~45 MB copied twice a step).
 */
function residentWeight(w: Tensor): void {
  const d = w._storage.data;
  // Parameters only: they live as long as their module, while a weight computed per call (or a
  // fresh tensor each step) would take a new block of wasm memory each time, freed only when
  // the event loop next runs finalizers (never inside a synchronous training loop).
  if (!w._isParameter || !(d instanceof Float32Array) || K.isResidentF32(d)) return;
  const home = K.residentF32(d.length);
  if (!home) return;
  home.set(d);
  w._storage.data = home;
}

export const conv2dOp = op1<ConvParams>("conv2d", {
  name: "ConvolutionBackward0",
  forward: ([x, w, b], p) => {
    residentWeight(w);
    const g = geometry(x._shape, w._shape, p);
    const shape = convOutShape(g);
    const out = x._dtype.alloc(shape[0] * shape[1] * shape[2] * shape[3]) as K.FloatArray;
    K.conv2dForward({
      ...g, input: floatData(x), inputOffset: 0, weight: floatData(w), weightOffset: 0,
      bias: b ? floatData(b) : undefined, biasOffset: 0, output: out, outputOffset: 0,
    });
    return make(out, shape, x._dtype);
  },
  save: ([x, w]) => [["input", x], ["weight", w]],
  backward: ([gOut], [x, w], p, inputs) => {
    const g = geometry(x._shape, w._shape, p);
    const go = floatData(gOut);
    let gx: Tensor | null = null;
    if (p.inputNeedsGrad) {
      const d = x._dtype.alloc(x.numel()) as K.FloatArray;
      K.conv2dBackwardInput({ ...g, gradOutput: go, gradOutputOffset: 0, weight: floatData(w), weightOffset: 0, gradInput: d, gradInputOffset: 0 });
      gx = make(d, x._shape, x._dtype);
    }
    const dw = w._dtype.alloc(w.numel()) as K.FloatArray;
    K.conv2dBackwardWeight({ ...g, input: floatData(x), inputOffset: 0, gradOutput: go, gradOutputOffset: 0, gradWeight: dw, gradWeightOffset: 0 });
    let gb: Tensor | null = null;
    // A missing bias is still an input slot (meta with shape []): only a real, 1-D bias has a gradient.
    if (inputs.length > 2 && inputs[2].shape.length === 1) {
      const db = new Float64Array(g.outChannels);
      K.conv2dBackwardBias(go, 0, g.batch, g.outChannels, gOut._shape[2] * gOut._shape[3], db, 0);
      const bd = x._dtype.alloc(g.outChannels) as K.FloatArray;
      bd.set(db);
      gb = make(bd, [g.outChannels], x._dtype);
    }
    return [gx, make(dw, w._shape, w._dtype), gb];
  },
});

export interface PoolParams {
  kernel: [number, number];
  stride: [number, number];
  padding: [number, number];
  dilation: [number, number];
  ceilMode: boolean;
}
function poolGeometry(x: readonly number[], p: PoolParams): K.Pool2dGeometry {
  return {
    batch: x[0], channels: x[1], inH: x[2], inW: x[3], kH: p.kernel[0], kW: p.kernel[1],
    strideH: p.stride[0], strideW: p.stride[1], padH: p.padding[0], padW: p.padding[1],
    dilationH: p.dilation[0], dilationW: p.dilation[1], ceilMode: p.ceilMode,
  };
}
function poolShape(x: readonly number[], p: PoolParams): number[] {
  return [x[0], x[1],
    K.poolOutSize(x[2], p.kernel[0], p.stride[0], p.padding[0], p.dilation[0], p.ceilMode),
    K.poolOutSize(x[3], p.kernel[1], p.stride[1], p.padding[1], p.dilation[1], p.ceilMode)];
}
function checkPool(x: Tensor, p: PoolParams, what: string): void {
  if (p.padding[0] * 2 > p.kernel[0] || p.padding[1] * 2 > p.kernel[1]) {
    throw new RuntimeError("pad should be at most half of effective kernel size, but got pad=" + p.padding[0] + ", kernel_size=" + p.kernel[0] + " and dilation=" + p.dilation[0]);
  }
  const s = poolShape(x._shape, p);
  if (s[2] <= 0 || s[3] <= 0) {
    throw new RuntimeError(`Given input size: (${x._shape.slice(1).join("x")}). Calculated output size: (${x._shape[1]}x${s[2]}x${s[3]}). Output size is too small`);
  }
  void what;
}

// Element-wise copies between the kernel's Int32Array indices and int64 storage (Float64Array):
// V8's typed-array constructor converts between element types through a slow generic path
// (about 0.7 us per element, 10 ms for ResNet's first pooling).
function int32ToFloat64(a: Int32Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i];
  return out;
}
function float64ToInt32(a: ArrayLike<number>): Int32Array {
  const out = new Int32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i];
  return out;
}

/** Max pooling on a 4-D NCHW tensor: [values, indices (int64, flat within each plane)]. */
export const maxPool2dOp = defineOp<PoolParams>("max_pool2d", {
  name: "MaxPool2DWithIndicesBackward0",
  forward: ([x], p) => {
    checkPool(x, p, "max_pool2d");
    const shape = poolShape(x._shape, p);
    const n = shape[0] * shape[1] * shape[2] * shape[3];
    const out = x._dtype.alloc(n) as K.FloatArray;
    const idx = new Int32Array(n);
    K.maxPool2dForward({ ...poolGeometry(x._shape, p), input: floatData(x), inputOffset: 0, output: out, outputOffset: 0, indices: idx, indicesOffset: 0 });
    return [make(out, shape, x._dtype), Tensor._make(int32ToFloat64(idx), shape, int64)];
  },
  save: ([x], [, idx]) => [["self", x], ["result1", idx]],
  nonDifferentiableOutputs: [1],
  backward: ([g], [x, idx], p) => {
    const gi = x._dtype.alloc(x.numel()) as K.FloatArray;
    K.maxPool2dBackward({
      ...poolGeometry(x._shape, p), gradOutput: floatData(g), gradOutputOffset: 0,
      indices: float64ToInt32(idx._storage.data), indicesOffset: 0, gradInput: gi, gradInputOffset: 0,
    });
    return [make(gi, x._shape, x._dtype)];
  },
});

export interface AvgPoolParams extends PoolParams { countIncludePad: boolean; divisorOverride: number | null }
function avgGeom(x: readonly number[], p: AvgPoolParams): K.Pool2dGeometry & { countIncludePad: boolean } {
  return { ...poolGeometry(x, p), countIncludePad: p.countIncludePad };
}
/** divisor_override replaces the window size: rescale the kernel's plain average. */
function rescale(a: K.FloatArray, x: readonly number[], p: AvgPoolParams, outShape: readonly number[]): void {
  if (p.divisorOverride === null) return;
  const oH = outShape[2], oW = outShape[3];
  const f = (oh: number, ow: number): number => {
    let h0 = oh * p.stride[0] - p.padding[0], w0 = ow * p.stride[1] - p.padding[1];
    let h1 = Math.min(h0 + p.kernel[0], x[2] + p.padding[0]), w1 = Math.min(w0 + p.kernel[1], x[3] + p.padding[1]);
    const padded = (h1 - h0) * (w1 - w0);
    h0 = Math.max(h0, 0); w0 = Math.max(w0, 0); h1 = Math.min(h1, x[2]); w1 = Math.min(w1, x[3]);
    return (p.countIncludePad ? padded : (h1 - h0) * (w1 - w0)) / (p.divisorOverride as number);
  };
  for (let i = 0; i < a.length; i++) { const q = i % (oH * oW); a[i] *= f(Math.floor(q / oW), q % oW); }
}
export const avgPool2dOp = op1<AvgPoolParams>("avg_pool2d", {
  name: "AvgPool2DBackward0",
  forward: ([x], p) => {
    checkPool(x, p, "avg_pool2d");
    const shape = poolShape(x._shape, p);
    const out = x._dtype.alloc(shape[0] * shape[1] * shape[2] * shape[3]) as K.FloatArray;
    K.avgPool2dForward({ ...avgGeom(x._shape, p), input: floatData(x), inputOffset: 0, output: out, outputOffset: 0 });
    rescale(out, x._shape, p, shape);
    return make(out, shape, x._dtype);
  },
  save: ([x]) => [["self", x]],
  backward: ([g], [x], p) => {
    const gd = new Float64Array(floatData(g));
    rescale(gd, x._shape, p, g._shape);
    const gi = x._dtype.alloc(x.numel()) as K.FloatArray;
    const go = x._dtype.alloc(gd.length) as K.FloatArray;
    go.set(gd);
    K.avgPool2dBackward({ ...avgGeom(x._shape, p), gradOutput: go, gradOutputOffset: 0, gradInput: gi, gradInputOffset: 0 });
    return [make(gi, x._shape, x._dtype)];
  },
});

// Adaptive average pooling: output cell i covers [floor(i*in/out), ceil((i+1)*in/out)).
export const adaptiveStart = (i: number, o: number, n: number): number => Math.floor((i * n) / o);
export const adaptiveEnd = (i: number, o: number, n: number): number => Math.ceil(((i + 1) * n) / o);
const start = adaptiveStart, end = adaptiveEnd;
export const adaptiveAvgPool2dOp = op1<{ out: [number, number] }>("adaptive_avg_pool2d", {
  name: "AdaptiveAvgPool2DBackward0",
  forward: ([x], p) => {
    const nd = x._shape.length, H = x._shape[nd - 2], W = x._shape[nd - 1];
    const [oH, oW] = p.out;
    const planes = x.numel() / (H * W);
    const src = floatData(x);
    const out = x._dtype.alloc(planes * oH * oW);
    for (let pl = 0; pl < planes; pl++) {
      for (let i = 0; i < oH; i++) {
        for (let j = 0; j < oW; j++) {
          const h0 = start(i, oH, H), h1 = end(i, oH, H), w0 = start(j, oW, W), w1 = end(j, oW, W);
          let s = 0;
          for (let h = h0; h < h1; h++) for (let w = w0; w < w1; w++) s += src[pl * H * W + h * W + w];
          out[(pl * oH + i) * oW + j] = s / ((h1 - h0) * (w1 - w0));
        }
      }
    }
    return Tensor._make(out, [...x._shape.slice(0, nd - 2), oH, oW], x._dtype);
  },
  backward: ([g], _s, p, [inp]) => {
    const nd = inp.shape.length, H = inp.shape[nd - 2], W = inp.shape[nd - 1];
    const [oH, oW] = p.out;
    const gd = floatData(g);
    const planes = gd.length / (oH * oW);
    const gi = g._dtype.alloc(planes * H * W);
    for (let pl = 0; pl < planes; pl++) {
      for (let i = 0; i < oH; i++) {
        for (let j = 0; j < oW; j++) {
          const h0 = start(i, oH, H), h1 = end(i, oH, H), w0 = start(j, oW, W), w1 = end(j, oW, W);
          const v = gd[(pl * oH + i) * oW + j] / ((h1 - h0) * (w1 - w0));
          for (let h = h0; h < h1; h++) for (let w = w0; w < w1; w++) gi[pl * H * W + h * W + w] += v;
        }
      }
    }
    return [Tensor._make(gi, inp.shape, g._dtype)];
  },
});
