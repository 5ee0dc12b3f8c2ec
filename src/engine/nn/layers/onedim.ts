// Conv1d and the 1-D pooling layers, plus AdaptiveMaxPool1d/2d, printed as PyTorch prints them
// (Conv1d and AvgPool1d store 1-tuples, MaxPool1d and the adaptive pools keep ints as given).
import { Tensor } from "../../tensor";
import { empty } from "../../creation";
import type { DType } from "../../dtype";
import { ValueError } from "../../errors";
import { Module, keepNames } from "../module";
import { Parameter } from "../parameter";
import { resetConvParameters } from "./shared_init";
import * as F from "../functional_onedim";
import { parseArgs } from "../args";
import { pyRepr, type ReprValue } from "./format";

type Int1 = number | [number] | number[];
const single = (v: Int1): [number] => [typeof v === "number" ? v : v[0]];

export interface Conv1dOpts {
  stride?: Int1; padding?: Int1 | "same" | "valid"; dilation?: Int1; groups?: number; bias?: boolean;
  padding_mode?: "zeros"; dtype?: DType; device?: string;
}
export class Conv1d extends Module {
  in_channels: number;
  out_channels: number;
  kernel_size: [number];
  stride: [number];
  padding: [number] | "same" | "valid";
  dilation: [number];
  groups: number;
  padding_mode: string;
  weight: Tensor;
  bias: Tensor | null;
  constructor(in_channels: number, out_channels: number, kernel_size: Int1, ...args: (Int1 | string | boolean | Conv1dOpts | undefined)[]) {
    super();
    const o = parseArgs<Conv1dOpts>(["stride", "padding", "dilation", "groups", "bias", "padding_mode"], args);
    this.in_channels = in_channels;
    this.out_channels = out_channels;
    this.kernel_size = single(kernel_size);
    this.stride = single(o.stride ?? 1);
    const p = o.padding ?? 0;
    this.padding = p === "same" || p === "valid" ? p : single(p);
    this.dilation = single(o.dilation ?? 1);
    this.groups = o.groups ?? 1;
    this.padding_mode = o.padding_mode ?? "zeros";
    if (this.groups <= 0) throw new ValueError("groups must be a positive integer");
    if (in_channels % this.groups !== 0) throw new ValueError("in_channels must be divisible by groups");
    if (out_channels % this.groups !== 0) throw new ValueError("out_channels must be divisible by groups");
    if (this.padding_mode !== "zeros") throw new ValueError(`padding_mode '${this.padding_mode}' is not supported by Gradient Inspector (only 'zeros')`);
    this.weight = new Parameter(empty([out_channels, in_channels / this.groups, this.kernel_size[0]], { dtype: o.dtype }));
    if (o.bias ?? true) this.bias = new Parameter(empty([out_channels], { dtype: o.dtype }));
    else { this.bias = null; this.register_parameter("bias", null); }
    this.reset_parameters();
  }
  reset_parameters(): void { resetConvParameters(this.weight, this.bias); }
  override forward(input: Tensor): Tensor {
    return F.conv1d(input, this.weight, this.bias, { stride: this.stride, padding: this.padding, dilation: this.dilation, groups: this.groups });
  }
  override extra_repr(): string {
    let s = `${this.in_channels}, ${this.out_channels}, kernel_size=${pyRepr(this.kernel_size)}, stride=${pyRepr(this.stride)}`;
    if (typeof this.padding === "string") s += `, padding=${this.padding}`;
    else if (this.padding[0] !== 0) s += `, padding=${pyRepr(this.padding)}`;
    if (this.dilation[0] !== 1) s += `, dilation=${pyRepr(this.dilation)}`;
    if (this.groups !== 1) s += `, groups=${this.groups}`;
    if (this.bias === null) s += ", bias=False";
    return s;
  }
}

export interface MaxPool1dOpts { stride?: Int1 | null; padding?: Int1; dilation?: Int1; return_indices?: boolean; ceil_mode?: boolean }
export class MaxPool1d extends Module {
  kernel_size: Int1;
  stride: Int1;
  padding: Int1;
  dilation: Int1;
  return_indices: boolean;
  ceil_mode: boolean;
  constructor(kernel_size: Int1, ...args: (Int1 | boolean | null | MaxPool1dOpts | undefined)[]) {
    super();
    const o = parseArgs<MaxPool1dOpts>(["stride", "padding", "dilation", "return_indices", "ceil_mode"], args);
    this.kernel_size = kernel_size;
    this.stride = o.stride ?? kernel_size;
    this.padding = o.padding ?? 0;
    this.dilation = o.dilation ?? 1;
    this.return_indices = o.return_indices ?? false;
    this.ceil_mode = o.ceil_mode ?? false;
  }
  override forward(input: Tensor): Tensor | [Tensor, Tensor] {
    const r = F.max_pool1d_with_indices(input, this.kernel_size, { stride: this.stride, padding: this.padding, dilation: this.dilation, ceil_mode: this.ceil_mode });
    return this.return_indices ? r : r[0];
  }
  override extra_repr(): string {
    return `kernel_size=${pyRepr(this.kernel_size as ReprValue)}, stride=${pyRepr(this.stride as ReprValue)}, padding=${pyRepr(this.padding as ReprValue)}, dilation=${pyRepr(this.dilation as ReprValue)}, ceil_mode=${pyRepr(this.ceil_mode)}`;
  }
}

export interface AvgPool1dOpts { stride?: Int1 | null; padding?: Int1; ceil_mode?: boolean; count_include_pad?: boolean }
export class AvgPool1d extends Module {
  kernel_size: [number];
  stride: [number];
  padding: [number];
  ceil_mode: boolean;
  count_include_pad: boolean;
  constructor(kernel_size: Int1, ...args: (Int1 | boolean | null | AvgPool1dOpts | undefined)[]) {
    super();
    const o = parseArgs<AvgPool1dOpts>(["stride", "padding", "ceil_mode", "count_include_pad"], args);
    this.kernel_size = single(kernel_size);
    this.stride = single(o.stride ?? kernel_size);
    this.padding = single(o.padding ?? 0);
    this.ceil_mode = o.ceil_mode ?? false;
    this.count_include_pad = o.count_include_pad ?? true;
  }
  override forward(input: Tensor): Tensor {
    return F.avg_pool1d(input, this.kernel_size, { stride: this.stride, padding: this.padding, ceil_mode: this.ceil_mode, count_include_pad: this.count_include_pad });
  }
  override extra_repr(): string { return `kernel_size=${pyRepr(this.kernel_size)}, stride=${pyRepr(this.stride)}, padding=${pyRepr(this.padding)}`; }
}

export class AdaptiveAvgPool1d extends Module {
  output_size: Int1;
  constructor(output_size: Int1 | { output_size: Int1 }) {
    super();
    this.output_size = typeof output_size === "object" && !Array.isArray(output_size) ? output_size.output_size : output_size;
  }
  override forward(input: Tensor): Tensor { return F.adaptive_avg_pool1d(input, this.output_size); }
  override extra_repr(): string { return `output_size=${pyRepr(this.output_size as ReprValue)}`; }
}
export class AdaptiveMaxPool1d extends Module {
  output_size: Int1;
  return_indices: boolean;
  constructor(output_size: Int1, return_indices = false) {
    super();
    this.output_size = output_size;
    this.return_indices = return_indices;
    if (return_indices) throw new ValueError("AdaptiveMaxPool1d: return_indices=True is not supported by Gradient Inspector");
  }
  override forward(input: Tensor): Tensor { return F.adaptive_max_pool1d(input, this.output_size); }
  override extra_repr(): string { return `output_size=${pyRepr(this.output_size as ReprValue)}`; }
}

type Size2 = number | null | (number | null)[];
export class AdaptiveMaxPool2d extends Module {
  output_size: Size2;
  return_indices: boolean;
  constructor(output_size: Size2, return_indices: boolean | { return_indices?: boolean } = false) {
    super();
    this.output_size = output_size;
    this.return_indices = typeof return_indices === "object" ? return_indices.return_indices ?? false : return_indices;
  }
  override forward(input: Tensor): Tensor | [Tensor, Tensor] {
    const r = F.adaptive_max_pool2d_with_indices(input, this.output_size);
    return this.return_indices ? r : r[0];
  }
  override extra_repr(): string { return `output_size=${pyRepr(this.output_size as ReprValue)}`; }
}

keepNames({ Conv1d, MaxPool1d, AvgPool1d, AdaptiveAvgPool1d, AdaptiveMaxPool1d, AdaptiveMaxPool2d });
