// torch.nn.functional: the functional form of every layer. Primitives (one autograd node each)
// live in *_ops.ts; compositions here follow PyTorch's own (e.g. dropout is input * noise).
// Arguments: PyTorch's positional order, or a trailing options object with its keyword names.
import { Tensor } from "../tensor";
import { int64 } from "../dtype";
import { RuntimeError, ValueError, NotImplementedError } from "../errors";
import { rng } from "../rng";
import { mul, relu as reluOp, sigmoid as sigmoidOp, tanh as tanhOp } from "../ops/elementwise";
import { mean } from "../ops/reduce";
import { addmm, linear as linalgLinear } from "../ops/linalg";
import { reshape, t as transposeT } from "../ops/views";
import { inplace } from "../ops/inplace";
import { readDense } from "../ops/loops";
import { softmax as softmaxOp, log_softmax as logSoftmaxOp, type SoftmaxOpts } from "../ops/softmax";
import { warnOnce } from "../errors";
import { adaptiveAvgPool2dOp, avgPool2dOp, conv2dOp, maxPool2dOp } from "./conv_ops";
import { batchNormOp, layerNormOp } from "./norm_ops";
import { embeddingOp, geluOp, leakyReluOp, padOp, PadMode } from "./act_ops";
import { pair } from "./tensors";
import { parseArgs } from "./args";

/** F.softmax without a dim warns as torch/nn/functional.py's _get_softmax_dim does (torch.softmax does not). */
function implicitDim(name: string, dim: number | SoftmaxOpts | null | undefined, opts?: SoftmaxOpts): void {
  const d = typeof dim === "object" && dim !== null ? dim.dim : dim ?? opts?.dim;
  if (d === undefined || d === null) warnOnce(`Implicit dimension choice for ${name} has been deprecated. Change the call to include dim=X as an argument.`);
}
export function softmax(input: Tensor, dim?: number | SoftmaxOpts | null, opts?: SoftmaxOpts): Tensor {
  implicitDim("softmax", dim, opts);
  return softmaxOp(input, dim, opts);
}
export function log_softmax(input: Tensor, dim?: number | SoftmaxOpts | null, opts?: SoftmaxOpts): Tensor {
  implicitDim("log_softmax", dim, opts);
  return logSoftmaxOp(input, dim, opts);
}
export * from "./functional_loss";
export * from "./functional_act";
export * from "./functional_loss_more";
export * from "./functional_attention";
export * from "./functional_onedim";
export * from "./functional_shape";
export * from "./functional_norm_more";
export { conv_transpose2d } from "./layers/transposed_conv";
export { bilinear } from "./layers/bilinear";
export { unfold, fold } from "./layers/fold";

type IntOr2 = number | [number, number] | number[];

export function linear(input: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  // PyTorch folds >2-D input into one addmm and views the result back (ViewBackward0).
  if (input.dim() > 2 && bias && input.is_contiguous()) {
    const k = input._shape[input._shape.length - 1];
    const out = addmm(bias, reshape(input, [-1, k]), transposeT(weight));
    return out.view([...input._shape.slice(0, -1), weight._shape[0]]);
  }
  return linalgLinear(input, weight, bias);
}

// ---- convolution and pooling ------------------------------------------------------------------
export interface Conv2dOpts { stride?: IntOr2; padding?: IntOr2 | "same" | "valid"; dilation?: IntOr2; groups?: number }

export function conv2d(input: Tensor, weight: Tensor, bias?: Tensor | null, ...rest: (IntOr2 | string | Conv2dOpts | undefined)[]): Tensor {
  const o = parseArgs<Conv2dOpts>(["stride", "padding", "dilation", "groups"], rest);
  const stride = pair(o.stride ?? 1, "stride"), dilation = pair(o.dilation ?? 1, "dilation");
  const groups = o.groups ?? 1;
  if (input.dim() !== 4 && input.dim() !== 3) {
    throw new RuntimeError(`Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [${input._shape.join(", ")}]`);
  }
  if (input.dim() === 3) return conv2d(input.unsqueeze(0), weight, bias, { ...o }).squeeze(0);
  if (input._dtype !== weight._dtype) {
    throw new RuntimeError(`Input type (${input._dtype === weight._dtype ? "" : input._dtype.name === "float64" ? "double" : "float"}) and weight type (${weight._dtype.name === "float64" ? "double" : "float"}) should be the same`);
  }
  if (input._shape[1] !== weight._shape[1] * groups) {
    throw new RuntimeError(`Given groups=${groups}, weight of size [${weight._shape.join(", ")}], expected input[${input._shape.join(", ")}] to have ${weight._shape[1] * groups} channels, but got ${input._shape[1]} channels instead`);
  }
  let x = input;
  let padding: [number, number];
  if (o.padding === "valid") padding = [0, 0];
  else if (o.padding === "same") {
    if (stride[0] !== 1 || stride[1] !== 1) throw new ValueError("padding='same' is not supported for strided convolutions");
    const total = [dilation[0] * (weight._shape[2] - 1), dilation[1] * (weight._shape[3] - 1)];
    padding = [Math.floor(total[0] / 2), Math.floor(total[1] / 2)];
    const extra = [total[0] - 2 * padding[0], total[1] - 2 * padding[1]];
    if (extra[0] || extra[1]) x = pad(x, [0, extra[1], 0, extra[0]]);
  } else padding = pair((o.padding as IntOr2 | undefined) ?? 0, "padding");
  return conv2dOp([x, weight, bias ?? null], { stride, padding, dilation, groups, inputNeedsGrad: x.requires_grad });
}

export interface MaxPool2dOpts { stride?: IntOr2 | null; padding?: IntOr2; dilation?: IntOr2; ceil_mode?: boolean; return_indices?: boolean }
function as4d(input: Tensor, what: string): [Tensor, boolean] {
  if (input.dim() === 4) return [input, false];
  if (input.dim() === 3) return [input.unsqueeze(0), true];
  throw new RuntimeError(`${what}: Expected 3D or 4D tensor, but got [${input._shape.join(", ")}]`);
}
export function max_pool2d(input: Tensor, kernel_size: IntOr2, ...rest: (IntOr2 | boolean | null | MaxPool2dOpts | undefined)[]): Tensor {
  const o = parseArgs<MaxPool2dOpts>(["stride", "padding", "dilation", "ceil_mode", "return_indices"], rest);
  const r = maxPool2dWithIndices(input, kernel_size, o);
  if (o.return_indices) throw new ValueError("use max_pool2d_with_indices for return_indices=True (a pair of tensors)");
  return r[0];
}
export function max_pool2d_with_indices(input: Tensor, kernel_size: IntOr2, ...rest: (IntOr2 | boolean | null | MaxPool2dOpts | undefined)[]): [Tensor, Tensor] {
  return maxPool2dWithIndices(input, kernel_size, parseArgs<MaxPool2dOpts>(["stride", "padding", "dilation", "ceil_mode"], rest));
}
function maxPool2dWithIndices(input: Tensor, kernel_size: IntOr2, o: Partial<MaxPool2dOpts>): [Tensor, Tensor] {
  const [x, unbatched] = as4d(input, "max_pool2d");
  const kernel = pair(kernel_size, "kernel_size");
  const stride = o.stride === null || o.stride === undefined || (Array.isArray(o.stride) && o.stride.length === 0) ? kernel : pair(o.stride, "stride");
  const [out, idx] = maxPool2dOp([x], { kernel, stride, padding: pair(o.padding ?? 0), dilation: pair(o.dilation ?? 1), ceilMode: o.ceil_mode ?? false });
  return unbatched ? [out.squeeze(0), idx.squeeze(0)] : [out, idx];
}

export interface AvgPool2dOpts { stride?: IntOr2 | null; padding?: IntOr2; ceil_mode?: boolean; count_include_pad?: boolean; divisor_override?: number | null }
export function avg_pool2d(input: Tensor, kernel_size: IntOr2, ...rest: (IntOr2 | boolean | number | null | AvgPool2dOpts | undefined)[]): Tensor {
  const o = parseArgs<AvgPool2dOpts>(["stride", "padding", "ceil_mode", "count_include_pad", "divisor_override"], rest);
  const [x, unbatched] = as4d(input, "avg_pool2d");
  const kernel = pair(kernel_size, "kernel_size");
  const stride = o.stride === null || o.stride === undefined ? kernel : pair(o.stride, "stride");
  if (o.divisor_override === 0) throw new RuntimeError("divisor must be not zero");
  const out = avgPool2dOp([x], {
    kernel, stride, padding: pair(o.padding ?? 0), dilation: [1, 1], ceilMode: o.ceil_mode ?? false,
    countIncludePad: o.count_include_pad ?? true, divisorOverride: o.divisor_override ?? null,
  });
  return unbatched ? out.squeeze(0) : out;
}

export function adaptive_avg_pool2d(input: Tensor, output_size: number | null | (number | null)[]): Tensor {
  if (input.dim() !== 3 && input.dim() !== 4) throw new RuntimeError(`adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got [${input._shape.join(", ")}]`);
  const sz = Array.isArray(output_size) ? output_size : [output_size, output_size];
  const H = input._shape[input.dim() - 2], W = input._shape[input.dim() - 1];
  const out: [number, number] = [sz[0] ?? H, sz[1] ?? W];
  // PyTorch computes a 1x1 adaptive average as a mean over the last two dims (MeanBackward1).
  if (out[0] === 1 && out[1] === 1) return mean(input, [-1, -2], true);
  return adaptiveAvgPool2dOp([input], { out });
}

// ---- normalisation ------------------------------------------------------------------------------
export interface BatchNormOpts { weight?: Tensor | null; bias?: Tensor | null; training?: boolean; momentum?: number | null; eps?: number }
export function batch_norm(input: Tensor, running_mean: Tensor | null, running_var: Tensor | null, ...rest: (Tensor | null | boolean | number | BatchNormOpts | undefined)[]): Tensor {
  const o = parseArgs<BatchNormOpts>(["weight", "bias", "training", "momentum", "eps"], rest);
  return batchNormWith(input, running_mean, running_var, o, 0);
}
/** batch_norm with momentum=None's cumulative factor (what BatchNorm layers pass). */
export function batchNormWith(input: Tensor, running_mean: Tensor | null, running_var: Tensor | null, o: Partial<BatchNormOpts>, cumulativeFactor: number): Tensor {
  const training = o.training ?? false;
  if (!training && (!running_mean || !running_var)) throw new RuntimeError("running_mean and running_var must be defined in evaluation mode");
  const C = input._shape[1];
  for (const [name, t] of [["weight", o.weight], ["bias", o.bias], ["running_mean", running_mean], ["running_var", running_var]] as const) {
    if (t && t.numel() !== C) throw new RuntimeError(`${name} should contain ${C} elements not ${t.numel()}`);
  }
  const w = o.weight ?? null, b = o.bias ?? null;
  const inputs = w ? [input, w, b] : [input, b];
  return batchNormOp(inputs, {
    training, momentum: o.momentum === undefined ? 0.1 : o.momentum, eps: o.eps ?? 1e-5,
    runningMean: running_mean, runningVar: running_var, cumulativeFactor, hasWeight: w !== null,
  })[0];
}

export function layer_norm(input: Tensor, normalized_shape: number | number[], weight?: Tensor | null | { weight?: Tensor | null; bias?: Tensor | null; eps?: number }, bias?: Tensor | null, eps = 1e-5): Tensor {
  if (weight && !(weight instanceof Tensor)) return layer_norm(input, normalized_shape, weight.weight, weight.bias, weight.eps);
  const shape = typeof normalized_shape === "number" ? [normalized_shape] : normalized_shape;
  const tail = input._shape.slice(input._shape.length - shape.length);
  if (shape.length > input._shape.length || tail.some((d, i) => d !== shape[i])) {
    throw new RuntimeError(`Given normalized_shape=[${shape.join(", ")}], expected input with shape [*, ${shape.join(", ")}], but got input of size[${input._shape.join(", ")}]`);
  }
  const w = weight ?? null, b = bias ?? null;
  const inputs = [input, ...(w ? [w] : []), ...(b ? [b] : [])];
  return layerNormOp(inputs, { normalized: shape.reduce((a, c) => a * c, 1), shape, eps, hasWeight: w !== null, hasBias: b !== null })[0];
}

// ---- embedding, dropout, activations ----------------------------------------------------------------
export interface EmbeddingOpts { padding_idx?: number | null; max_norm?: number | null; norm_type?: number; scale_grad_by_freq?: boolean; sparse?: boolean }
export function embedding(input: Tensor, weight: Tensor, ...rest: (number | boolean | null | EmbeddingOpts | undefined)[]): Tensor {
  const o = parseArgs<EmbeddingOpts>(["padding_idx", "max_norm", "norm_type", "scale_grad_by_freq", "sparse"], rest);
  if (input._dtype !== int64) throw new RuntimeError("Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got torch.FloatTensor instead (while checking arguments for embedding)");
  if (o.max_norm !== undefined && o.max_norm !== null) throw new NotImplementedError("embedding: max_norm is not supported by Gradient Inspector");
  let pad = o.padding_idx ?? null;
  if (pad !== null && pad < 0) pad += weight._shape[0];
  return embeddingOp([weight], { indices: readDense(input), indexShape: input._shape.slice(), paddingIdx: pad, scaleGradByFreq: o.scale_grad_by_freq ?? false });
}

export function dropout(input: Tensor, ...rest: (number | boolean | { p?: number; training?: boolean; inplace?: boolean } | undefined)[]): Tensor {
  const o = parseArgs<{ p: number; training: boolean; inplace: boolean }>(["p", "training", "inplace"], rest);
  const p = o.p ?? 0.5;
  if (p < 0 || p > 1) throw new ValueError(`dropout probability has to be between 0 and 1, but got ${p}`);
  // at::dropout returns the input itself when there is nothing to drop.
  if (!(o.training ?? true) || p === 0 || input.numel() === 0) return input;
  const noise = Tensor._make(rng().dropout(input.numel(), p, input._dtype), input._shape, input._dtype);
  return o.inplace ? input.mul_(noise) : mul(input, noise);
}

export function relu(input: Tensor, inplace: boolean | { inplace?: boolean } = false): Tensor {
  const ip = typeof inplace === "object" ? inplace.inplace ?? false : inplace;
  return ip ? input.relu_() : reluOp(input);
}
export function leaky_relu(input: Tensor, negative_slope: number | { negative_slope?: number; inplace?: boolean } = 0.01, inplace = false): Tensor {
  const o = typeof negative_slope === "object" ? negative_slope : { negative_slope, inplace };
  const slope = o.negative_slope ?? 0.01;
  return o.inplace ? inplace_(input, () => leakyReluOp([input], { slope })) : leakyReluOp([input], { slope });
}
function inplace_(t: Tensor, f: () => Tensor): Tensor { return inplace(t, f); }
export function gelu(input: Tensor, approximate: "none" | "tanh" | { approximate?: "none" | "tanh" } = "none"): Tensor {
  const a = typeof approximate === "object" ? approximate.approximate ?? "none" : approximate;
  if (a !== "none" && a !== "tanh") throw new RuntimeError(`approximate argument must be either none or tanh.`);
  return geluOp([input], { tanh: a === "tanh" });
}
export function sigmoid(input: Tensor): Tensor { return sigmoidOp(input); }
export function tanh(input: Tensor): Tensor { return tanhOp(input); }

// ---- one_hot and pad --------------------------------------------------------------------------------
export function one_hot(tensor: Tensor, num_classes: number | { num_classes?: number } = -1): Tensor {
  let n = typeof num_classes === "object" ? num_classes.num_classes ?? -1 : num_classes;
  if (tensor._dtype !== int64) throw new RuntimeError("one_hot is only applicable to index tensor.");
  const idx = readDense(tensor);
  let max = -1;
  for (let i = 0; i < idx.length; i++) {
    if (idx[i] < 0) throw new RuntimeError("Class values must be non-negative.");
    max = Math.max(max, idx[i]);
  }
  if (n === -1) {
    if (idx.length === 0) throw new RuntimeError("Can not infer total number of classes from empty tensor.");
    n = max + 1;
  } else if (max >= n) throw new RuntimeError("Class values must be smaller than num_classes.");
  const out = new Float64Array(idx.length * n);
  for (let i = 0; i < idx.length; i++) out[i * n + idx[i]] = 1;
  return Tensor._make(out, [...tensor._shape, n], int64);
}

export function pad(input: Tensor, padding: number[], mode: PadMode | "circular" | { mode?: PadMode | "circular"; value?: number } = "constant", value = 0): Tensor {
  const o = typeof mode === "object" ? mode : { mode, value };
  const m = o.mode ?? "constant";
  if (padding.length % 2 !== 0) throw new RuntimeError("Padding length must be divisible by 2");
  if (padding.length / 2 > input.dim()) throw new RuntimeError("Padding length too large");
  if (m === "circular") throw new NotImplementedError("F.pad: mode='circular' is not supported by Gradient Inspector");
  if (m !== "constant") {
    const dims = padding.length / 2;
    if (input.dim() !== dims + 1 && input.dim() !== dims + 2) {
      throw new NotImplementedError(`Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now`);
    }
    const [lo, hi] = [padding.filter((_v, i) => i % 2 === 0), padding.filter((_v, i) => i % 2 === 1)];
    const shape = input._shape.slice(input.dim() - dims).reverse();
    shape.forEach((n, i) => {
      if (m === "reflect" && (lo[i] >= n || hi[i] >= n)) {
        throw new RuntimeError(`Argument #4: Padding size should be less than the corresponding input dimension, but got: padding (${lo[i]}, ${hi[i]}) at dimension ${input.dim() - 1 - i} of input [${input._shape.join(", ")}]`);
      }
    });
  }
  return padOp([input], { pads: padding.slice(), value: o.value ?? 0, mode: m });
}
