// ConvTranspose2d and F.conv_transpose2d (stride, padding, output_padding, groups, dilation, bias),
// initialised as PyTorch's _ConvNd (kaiming_uniform_(a=√5), bias from U(±1/√fan_in) where fan_in
// is weight.size(1)·kH·kW), printed as PyTorch prints it.
import { Tensor } from "../../tensor";
import { empty } from "../../creation";
import type { DType } from "../../dtype";
import { RuntimeError, ValueError } from "../../errors";
import { Module, keepNames } from "../module";
import { Parameter } from "../parameter";
import { resetConvParameters } from "./shared_init";
import { pair } from "../tensors";
import { isOptions, parseArgs } from "../args";
import { convTranspose2dOp } from "../transposed_conv_ops";
import { pyRepr } from "./format";

type IntOr2 = number | number[];
export interface ConvTranspose2dFnOpts { stride?: IntOr2; padding?: IntOr2; output_padding?: IntOr2; groups?: number; dilation?: IntOr2 }

export function conv_transpose2d(input: Tensor, weight: Tensor, bias?: Tensor | null | ConvTranspose2dFnOpts & { bias?: Tensor | null }, ...rest: (IntOr2 | ConvTranspose2dFnOpts | undefined)[]): Tensor {
  if (isOptions(bias)) return conv_transpose2d(input, weight, (bias as { bias?: Tensor | null }).bias ?? null, bias as ConvTranspose2dFnOpts);
  const b = bias as Tensor | null | undefined;
  const o = parseArgs<ConvTranspose2dFnOpts>(["stride", "padding", "output_padding", "groups", "dilation"], rest);
  if (input.dim() !== 3 && input.dim() !== 4) throw new RuntimeError(`Expected 3D (unbatched) or 4D (batched) input to conv_transpose2d, but got input of size: [${input._shape.join(", ")}]`);
  if (input.dim() === 3) return conv_transpose2d(input.unsqueeze(0), weight, b, o).squeeze(0);
  const groups = o.groups ?? 1;
  if (input._shape[1] !== weight._shape[0]) {
    throw new RuntimeError(`Given transposed=1, weight of size [${weight._shape.join(", ")}], expected input[${input._shape.join(", ")}] to have ${weight._shape[0]} channels, but got ${input._shape[1]} channels instead`);
  }
  const stride = pair(o.stride ?? 1, "stride"), dilation = pair(o.dilation ?? 1, "dilation"), outputPadding = pair(o.output_padding ?? 0, "output_padding");
  if (outputPadding[0] >= Math.max(stride[0], dilation[0]) || outputPadding[1] >= Math.max(stride[1], dilation[1])) {
    throw new RuntimeError("output padding must be smaller than either stride or dilation");
  }
  return convTranspose2dOp([input, weight, b ?? null], { stride, padding: pair(o.padding ?? 0, "padding"), outputPadding, dilation, groups });
}

export interface ConvTranspose2dOpts extends ConvTranspose2dFnOpts { bias?: boolean; padding_mode?: "zeros"; dtype?: DType; device?: string }
export class ConvTranspose2d extends Module {
  in_channels: number;
  out_channels: number;
  kernel_size: [number, number];
  stride: [number, number];
  padding: [number, number];
  output_padding: [number, number];
  groups: number;
  dilation: [number, number];
  padding_mode: string;
  weight: Tensor;
  bias: Tensor | null;
  constructor(in_channels: number, out_channels: number, kernel_size: IntOr2, ...args: (IntOr2 | boolean | string | ConvTranspose2dOpts | undefined)[]) {
    super();
    const o = parseArgs<ConvTranspose2dOpts>(["stride", "padding", "output_padding", "groups", "bias", "dilation", "padding_mode"], args);
    this.in_channels = in_channels;
    this.out_channels = out_channels;
    this.kernel_size = pair(kernel_size, "kernel_size");
    this.stride = pair(o.stride ?? 1, "stride");
    this.padding = pair(o.padding ?? 0, "padding");
    this.output_padding = pair(o.output_padding ?? 0, "output_padding");
    this.groups = o.groups ?? 1;
    this.dilation = pair(o.dilation ?? 1, "dilation");
    this.padding_mode = o.padding_mode ?? "zeros";
    if (this.groups <= 0) throw new ValueError("groups must be a positive integer");
    if (in_channels % this.groups !== 0) throw new ValueError("in_channels must be divisible by groups");
    if (out_channels % this.groups !== 0) throw new ValueError("out_channels must be divisible by groups");
    if (this.padding_mode !== "zeros") throw new ValueError(`Only "zeros" padding mode is supported for ConvTranspose2d`);
    this.weight = new Parameter(empty([in_channels, out_channels / this.groups, ...this.kernel_size], { dtype: o.dtype }));
    if (o.bias ?? true) this.bias = new Parameter(empty([out_channels], { dtype: o.dtype }));
    else { this.bias = null; this.register_parameter("bias", null); }
    this.reset_parameters();
  }
  reset_parameters(): void { resetConvParameters(this.weight, this.bias); }
  override forward(input: Tensor, output_size?: number[] | null): Tensor {
    if (output_size) throw new ValueError("ConvTranspose2d: output_size is not supported by Gradient Inspector; use output_padding");
    return conv_transpose2d(input, this.weight, this.bias, { stride: this.stride, padding: this.padding, output_padding: this.output_padding, groups: this.groups, dilation: this.dilation });
  }
  override extra_repr(): string {
    let s = `${this.in_channels}, ${this.out_channels}, kernel_size=${pyRepr(this.kernel_size)}, stride=${pyRepr(this.stride)}`;
    if (this.padding.some((v) => v !== 0)) s += `, padding=${pyRepr(this.padding)}`;
    if (this.dilation.some((v) => v !== 1)) s += `, dilation=${pyRepr(this.dilation)}`;
    if (this.output_padding.some((v) => v !== 0)) s += `, output_padding=${pyRepr(this.output_padding)}`;
    if (this.groups !== 1) s += `, groups=${this.groups}`;
    if (this.bias === null) s += ", bias=False";
    return s;
  }
}

keepNames({ ConvTranspose2d });
