// Batch and layer normalisation as primitives (NativeBatchNormBackward0, NativeLayerNormBackward0).
// Statistics accumulate in double and round to the tensor's dtype once, as PyTorch's CPU kernels
// accumulate float in double. Like native_batch_norm, the batch statistics are extra outputs
// (save_mean, save_invstd) that carry no gradient.
import { Tensor } from "../tensor";
import { defineOp } from "../ops/define";
import { floatData } from "./tensors";

export interface BatchNormParams {
  training: boolean;
  momentum: number | null;
  eps: number;
  runningMean: Tensor | null;
  runningVar: Tensor | null;
  /** For momentum=None: the cumulative-average factor 1/num_batches_tracked. */
  cumulativeFactor: number;
  hasWeight: boolean;
}

/** Channel c of an (N, C, *) tensor: element i belongs to channel floor(i / inner) % C. */
function channelLayout(shape: readonly number[]): { C: number; inner: number; M: number } {
  const C = shape.length > 1 ? shape[1] : 1;
  const inner = shape.slice(2).reduce((a, b) => a * b, 1);
  return { C, inner, M: (shape[0] ?? 1) * inner };
}

// Per-channel passes over an (N, C, inner) layout, each a plain loop nest over (batch, channel,
// position) in storage order, so every channel's elements are visited in the same order as one
// flat pass (the double sums are the same to the bit). Separate small functions rather than one
// loop calling closures: a call site shared by several closures was megamorphic and the
// closures' loops read their arrays through contexts (a 65k-element batch norm took 1 ms).
type Floats = Float32Array | Float64Array;

function channelSum(src: Floats, N: number, C: number, inner: number, sum: Float64Array): void {
  for (let n = 0, i = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      let a = sum[c];
      for (const end = i + inner; i < end; i++) a += src[i];
      sum[c] = a;
    }
  }
}

function channelSqDev(src: Floats, N: number, C: number, inner: number, mean: Float64Array, sq: Float64Array): void {
  for (let n = 0, i = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      const m = mean[c];
      let a = sq[c];
      for (const end = i + inner; i < end; i++) { const d = src[i] - m; a += d * d; }
      sq[c] = a;
    }
  }
}

function normalize(src: Floats, out: Floats, N: number, C: number, inner: number, mean: Float64Array, invstd: Float64Array, wd: Floats | null, bd: Floats | null): void {
  for (let n = 0, i = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      const m = mean[c], is = invstd[c], wc = wd ? wd[c] : 1, bc = bd ? bd[c] : 0;
      for (const end = i + inner; i < end; i++) out[i] = (src[i] - m) * is * wc + bc;
    }
  }
}

function gradSums(src: Floats, gd: Floats, N: number, C: number, inner: number, mean: Floats, sg: Float64Array, sgx: Float64Array): void {
  for (let n = 0, i = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      const m = mean[c];
      let a = sg[c], b = sgx[c];
      for (const end = i + inner; i < end; i++) { a += gd[i]; b += gd[i] * (src[i] - m); }
      sg[c] = a; sgx[c] = b;
    }
  }
}

function gradInput(src: Floats, gd: Floats, gx: Floats, N: number, C: number, inner: number, M: number, training: boolean,
  mean: Floats, invstd: Floats, wd: Floats | null, sg: Float64Array, sgx: Float64Array): void {
  for (let n = 0, i = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      const m = mean[c], is = invstd[c], scale = is * (wd ? wd[c] : 1), sgM = sg[c] / M, sgxc = sgx[c];
      const end = i + inner;
      if (training) for (; i < end; i++) gx[i] = (gd[i] - sgM - (src[i] - m) * is * is * sgxc / M) * scale;
      else for (; i < end; i++) gx[i] = gd[i] * scale;
    }
  }
}

/** Writes running stats without bumping their version, as the native kernel writes buffers. */
function updateRunning(t: Tensor, values: Float64Array, factor: number): void {
  const d = t._storage.data;
  const cast = t._dtype.cast.bind(t._dtype);
  for (let c = 0; c < values.length; c++) {
    const at = t._offset + c * (t._strides[0] ?? 1);
    d[at] = cast(factor * values[c] + (1 - factor) * d[at]);
  }
}

export const batchNormOp = defineOp<BatchNormParams>("batch_norm", {
  name: "NativeBatchNormBackward0",
  forward: ([x, ...rest], p) => {
    const w = p.hasWeight ? rest[0] : null;
    const b = p.hasWeight ? rest[1] ?? null : rest[0] ?? null;
    const { C, inner, M } = channelLayout(x._shape);
    const src = floatData(x);
    const N = C * inner === 0 ? 0 : src.length / (C * inner);
    const mean = new Float64Array(C), invstd = new Float64Array(C);
    if (p.training) {
      if (M <= 1) throw new Error(`Expected more than 1 value per channel when training, got input size [${x._shape.join(", ")}]`);
      const sum = new Float64Array(C), sq = new Float64Array(C);
      // Nested (batch, channel, position) loops visit each channel's elements in the same order
      // as one flat pass, so the double sums are the same to the bit.
      channelSum(src, N, C, inner, sum);
      for (let c = 0; c < C; c++) mean[c] = sum[c] / M;
      channelSqDev(src, N, C, inner, mean, sq);
      for (let c = 0; c < C; c++) invstd[c] = 1 / Math.sqrt(sq[c] / M + p.eps);
      const factor = p.momentum === null ? p.cumulativeFactor : p.momentum;
      if (p.runningMean) updateRunning(p.runningMean, mean, factor);
      if (p.runningVar) updateRunning(p.runningVar, sq.map((s) => s / (M - 1)), factor);
    } else {
      const rm = p.runningMean ? floatData(p.runningMean) : null, rv = p.runningVar ? floatData(p.runningVar) : null;
      for (let c = 0; c < C; c++) { mean[c] = rm ? rm[c] : 0; invstd[c] = 1 / Math.sqrt((rv ? rv[c] : 1) + p.eps); }
    }
    const wd = w ? floatData(w) : null, bd = b ? floatData(b) : null;
    const out = x._dtype.alloc(src.length) as Floats;
    normalize(src, out, N, C, inner, mean, invstd, wd, bd);
    const sm = x._dtype.alloc(C), si = x._dtype.alloc(C);
    sm.set(mean); si.set(invstd);
    return [Tensor._make(out, x._shape, x._dtype), Tensor._make(sm, [C], x._dtype), Tensor._make(si, [C], x._dtype)];
  },
  nonDifferentiableOutputs: [1, 2],
  save: ([x, ...rest], [, m, s], p) => [["input", x], ...(p.hasWeight ? [["weight", rest[0]] as [string, Tensor]] : []), ["result1", m], ["result2", s]],
  backward: ([g], saved, p) => {
    const x = saved[0];
    const w = p.hasWeight ? saved[1] : null;
    const mean = floatData(saved[saved.length - 2]), invstd = floatData(saved[saved.length - 1]);
    const { C, inner, M } = channelLayout(x._shape);
    const src = floatData(x), gd = floatData(g), wd = w ? floatData(w) : null;
    const sg = new Float64Array(C), sgx = new Float64Array(C);
    const N = C * inner === 0 ? 0 : src.length / (C * inner);
    gradSums(src, gd, N, C, inner, mean, sg, sgx);
    const gx = x._dtype.alloc(src.length) as Floats;
    gradInput(src, gd, gx, N, C, inner, M, p.training, mean, invstd, wd, sg, sgx);
    const gw = x._dtype.alloc(C), gb = x._dtype.alloc(C);
    for (let c = 0; c < C; c++) { gw[c] = sgx[c] * invstd[c]; gb[c] = sg[c]; }
    const grads: (Tensor | null)[] = [Tensor._make(gx, x._shape, x._dtype)];
    if (p.hasWeight) grads.push(Tensor._make(gw, [C], x._dtype));
    grads.push(Tensor._make(gb, [C], x._dtype));
    return grads;
  },
});

export interface LayerNormParams { normalized: number; shape: number[]; eps: number; hasWeight: boolean; hasBias: boolean }

export const layerNormOp = defineOp<LayerNormParams>("layer_norm", {
  name: "NativeLayerNormBackward0",
  forward: ([x, ...rest], p) => {
    const w = p.hasWeight ? rest[0] : null;
    const b = p.hasBias ? rest[p.hasWeight ? 1 : 0] : null;
    const N = p.normalized, src = floatData(x), rows = src.length / N;
    const wd = w ? floatData(w) : null, bd = b ? floatData(b) : null;
    const out = x._dtype.alloc(src.length), mean = x._dtype.alloc(rows), rstd = x._dtype.alloc(rows);
    for (let r = 0; r < rows; r++) {
      let s = 0;
      for (let j = 0; j < N; j++) s += src[r * N + j];
      const m = s / N;
      let v = 0;
      for (let j = 0; j < N; j++) { const d = src[r * N + j] - m; v += d * d; }
      const rs = 1 / Math.sqrt(v / N + p.eps);
      mean[r] = m; rstd[r] = rs;
      for (let j = 0; j < N; j++) out[r * N + j] = (src[r * N + j] - m) * rs * (wd ? wd[j] : 1) + (bd ? bd[j] : 0);
    }
    return [Tensor._make(out, x._shape, x._dtype), Tensor._make(mean, [rows], x._dtype), Tensor._make(rstd, [rows], x._dtype)];
  },
  nonDifferentiableOutputs: [1, 2],
  save: ([x, ...rest], [, m, s], p) => [
    ["input", x], ...(p.hasWeight ? [["weight", rest[0]] as [string, Tensor]] : []),
    ...(p.hasBias ? [["bias", rest[p.hasWeight ? 1 : 0]] as [string, Tensor]] : []), ["result1", m], ["result2", s],
  ],
  backward: ([g], saved, p) => {
    const x = saved[0], w = p.hasWeight ? saved[1] : null;
    const mean = floatData(saved[saved.length - 2]), rstd = floatData(saved[saved.length - 1]);
    const N = p.normalized, src = floatData(x), gd = floatData(g), rows = src.length / N;
    const wd = w ? floatData(w) : null;
    const gx = x._dtype.alloc(src.length);
    const gw = new Float64Array(N), gb = new Float64Array(N);
    for (let r = 0; r < rows; r++) {
      let a = 0, bsum = 0;
      for (let j = 0; j < N; j++) {
        const i = r * N + j;
        const xh = (src[i] - mean[r]) * rstd[r];
        const gwv = gd[i] * (wd ? wd[j] : 1);
        a += gwv; bsum += gwv * xh;
        gw[j] += gd[i] * xh; gb[j] += gd[i];
      }
      for (let j = 0; j < N; j++) {
        const i = r * N + j;
        const xh = (src[i] - mean[r]) * rstd[r];
        gx[i] = rstd[r] * (gd[i] * (wd ? wd[j] : 1) - a / N - xh * bsum / N);
      }
    }
    const grads: (Tensor | null)[] = [Tensor._make(gx, x._shape, x._dtype)];
    const f = (v: Float64Array) => { const o = x._dtype.alloc(N); o.set(v); return Tensor._make(o, p.shape, x._dtype); };
    if (p.hasWeight) grads.push(f(gw));
    if (p.hasBias) grads.push(f(gb));
    return grads;
  },
});
