// 1-D convolution and pooling of torch.nn.functional, and adaptive max pooling. conv1d is one
// ConvolutionBackward0 node (as PyTorch's); the 1-D pools run the 2-D ones on an unsqueezed
// height-1 dimension and squeeze it again, which is what PyTorch does (UnsqueezeBackward0,
// MaxPool2DWithIndicesBackward0 / AvgPool2DBackward0 / AdaptiveAvgPool2DBackward0, SqueezeBackward1).
import { Tensor } from "../tensor";
import { RuntimeError, ValueError, warnOnce } from "../errors";
import { conv1dOp, adaptiveMaxPool2dOp } from "./onedim_ops";
import { adaptive_avg_pool2d, avg_pool2d, max_pool2d_with_indices, pad } from "./functional";
import { isOptions, parseArgs } from "./args";

type Int1 = number | [number] | number[];
const one = (v: Int1, name: string): number => {
  if (typeof v === "number") return v;
  if (v.length !== 1) throw new RuntimeError(`expected ${name} to be a single integer value or a list of 1 value`);
  return v[0];
};

export interface Conv1dOpts { stride?: Int1; padding?: Int1 | "same" | "valid"; dilation?: Int1; groups?: number }
export function conv1d(input: Tensor, weight: Tensor, bias?: Tensor | null | Conv1dOpts & { bias?: Tensor | null }, ...rest: (Int1 | string | Conv1dOpts | undefined)[]): Tensor {
  // conv1d(x, w, { padding: 1 }): the options object may come in bias's place.
  if (isOptions(bias)) return conv1d(input, weight, (bias as { bias?: Tensor | null }).bias ?? null, bias as Conv1dOpts);
  const b = bias as Tensor | null | undefined;
  const o = parseArgs<Conv1dOpts>(["stride", "padding", "dilation", "groups"], rest);
  if (input.dim() !== 3 && input.dim() !== 2) {
    throw new RuntimeError(`Expected 2D (unbatched) or 3D (batched) input to conv1d, but got input of size: [${input._shape.join(", ")}]`);
  }
  if (input.dim() === 2) return conv1d(input.unsqueeze(0), weight, b, { ...o }).squeeze(0);
  const stride = one(o.stride ?? 1, "stride"), dilation = one(o.dilation ?? 1, "dilation"), groups = o.groups ?? 1;
  if (input._shape[1] !== weight._shape[1] * groups) {
    throw new RuntimeError(`Given groups=${groups}, weight of size [${weight._shape.join(", ")}], expected input[${input._shape.join(", ")}] to have ${weight._shape[1] * groups} channels, but got ${input._shape[1]} channels instead`);
  }
  let x = input, padding: number;
  if (o.padding === "valid") padding = 0;
  else if (o.padding === "same") {
    if (stride !== 1) throw new ValueError("padding='same' is not supported for strided convolutions");
    const total = dilation * (weight._shape[2] - 1);
    padding = Math.floor(total / 2);
    if (dilation % 2 === 1 && weight._shape[2] % 2 === 0) {
      warnOnce("Using padding='same' with even kernel lengths and odd dilation may require a zero-padded copy of the input be created");
    }
    if (total % 2) x = pad(x, [0, 1]);
  } else padding = one((o.padding as Int1 | undefined) ?? 0, "padding");
  return conv1dOp([x, weight, b ?? null], { stride: [1, stride], padding: [0, padding], dilation: [1, dilation], groups, inputNeedsGrad: x.requires_grad });
}

function pool1dInput(input: Tensor, what: string): void {
  if (input.dim() !== 2 && input.dim() !== 3) throw new RuntimeError(`${what}() Expected 2D or 3D input tensor, but got [${input._shape.join(", ")}]`);
}

export interface MaxPool1dOpts { stride?: Int1 | null; padding?: Int1; dilation?: Int1; ceil_mode?: boolean; return_indices?: boolean }
export function max_pool1d_with_indices(input: Tensor, kernel_size: Int1, ...rest: (Int1 | boolean | null | MaxPool1dOpts | undefined)[]): [Tensor, Tensor] {
  const o = parseArgs<MaxPool1dOpts>(["stride", "padding", "dilation", "ceil_mode"], rest);
  pool1dInput(input, "max_pool1d");
  const k = one(kernel_size, "kernel_size");
  const s = o.stride === null || o.stride === undefined || (Array.isArray(o.stride) && o.stride.length === 0) ? k : one(o.stride, "stride");
  const [out, idx] = max_pool2d_with_indices(input.unsqueeze(-2), [1, k], { stride: [1, s], padding: [0, one(o.padding ?? 0, "padding")], dilation: [1, one(o.dilation ?? 1, "dilation")], ceil_mode: o.ceil_mode ?? false });
  return [out.squeeze(-2), idx.squeeze(-2)];
}
export function max_pool1d(input: Tensor, kernel_size: Int1, ...rest: (Int1 | boolean | null | MaxPool1dOpts | undefined)[]): Tensor {
  const o = parseArgs<MaxPool1dOpts>(["stride", "padding", "dilation", "ceil_mode", "return_indices"], rest);
  if (o.return_indices) throw new ValueError("use max_pool1d_with_indices for return_indices=True (a pair of tensors)");
  return max_pool1d_with_indices(input, kernel_size, { ...o, return_indices: undefined })[0];
}

export interface AvgPool1dOpts { stride?: Int1 | null; padding?: Int1; ceil_mode?: boolean; count_include_pad?: boolean }
export function avg_pool1d(input: Tensor, kernel_size: Int1, ...rest: (Int1 | boolean | null | AvgPool1dOpts | undefined)[]): Tensor {
  const o = parseArgs<AvgPool1dOpts>(["stride", "padding", "ceil_mode", "count_include_pad"], rest);
  pool1dInput(input, "avg_pool1d");
  const k = one(kernel_size, "kernel_size");
  const s = o.stride === null || o.stride === undefined || (Array.isArray(o.stride) && o.stride.length === 0) ? k : one(o.stride, "stride");
  return avg_pool2d(input.unsqueeze(-2), [1, k], { stride: [1, s], padding: [0, one(o.padding ?? 0, "padding")], ceil_mode: o.ceil_mode ?? false, count_include_pad: o.count_include_pad ?? true }).squeeze(-2);
}

export function adaptive_avg_pool1d(input: Tensor, output_size: Int1): Tensor {
  pool1dInput(input, "adaptive_avg_pool1d");
  return adaptive_avg_pool2d(input.unsqueeze(-2), [1, one(output_size, "output_size")]).squeeze(-2);
}

type Size2 = number | null | (number | null)[];
export function adaptive_max_pool2d_with_indices(input: Tensor, output_size: Size2): [Tensor, Tensor] {
  if (input.dim() !== 3 && input.dim() !== 4) throw new RuntimeError(`adaptive_max_pool2d(): Expected 3D or 4D tensor, but got: [${input._shape.join(", ")}]`);
  const sz = Array.isArray(output_size) ? output_size : [output_size, output_size];
  const H = input._shape[input.dim() - 2], W = input._shape[input.dim() - 1];
  const [out, idx] = adaptiveMaxPool2dOp([input], { out: [sz[0] ?? H, sz[1] ?? W] });
  return [out, idx];
}
export function adaptive_max_pool2d(input: Tensor, output_size: Size2, return_indices: boolean | { return_indices?: boolean } = false): Tensor {
  const ri = typeof return_indices === "object" ? return_indices.return_indices ?? false : return_indices;
  if (ri) throw new ValueError("use adaptive_max_pool2d_with_indices for return_indices=True (a pair of tensors)");
  return adaptive_max_pool2d_with_indices(input, output_size)[0];
}
export function adaptive_max_pool1d(input: Tensor, output_size: Int1): Tensor {
  pool1dInput(input, "adaptive_max_pool1d");
  return adaptive_max_pool2d_with_indices(input.unsqueeze(-2), [1, one(output_size, "output_size")])[0].squeeze(-2);
}
