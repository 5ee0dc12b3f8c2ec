// Conv2d (stride, padding incl. 'same'/'valid', dilation, groups, bias) with PyTorch's default
// initialisation: kaiming_uniform_(a=√5) on the weight, then U(±1/√fan_in) on the bias.
import { Tensor } from "../../tensor";
import { empty } from "../../creation";
import type { DType } from "../../dtype";
import { ValueError } from "../../errors";
import { Module, keepNames } from "../module";
import { Parameter } from "../parameter";
import * as init from "../init";
import * as F from "../functional";
import { pair } from "../tensors";
import { pyRepr } from "./format";

type IntOr2 = number | [number, number] | number[];
export interface Conv2dOpts {
  stride?: IntOr2; padding?: IntOr2 | "same" | "valid"; dilation?: IntOr2; groups?: number; bias?: boolean;
  padding_mode?: "zeros"; dtype?: DType; device?: string;
}

export class Conv2d extends Module {
  in_channels: number;
  out_channels: number;
  kernel_size: [number, number];
  stride: [number, number];
  padding: [number, number] | "same" | "valid";
  dilation: [number, number];
  groups: number;
  padding_mode: string;
  weight: Tensor;
  bias: Tensor | null;
  constructor(in_channels: number, out_channels: number, kernel_size: IntOr2, stride: IntOr2 | Conv2dOpts = 1,
    padding: IntOr2 | "same" | "valid" = 0, dilation: IntOr2 = 1, groups = 1, bias = true) {
    super();
    const o: Conv2dOpts = typeof stride === "object" && !Array.isArray(stride) ? stride : { stride, padding, dilation, groups, bias };
    this.in_channels = in_channels;
    this.out_channels = out_channels;
    this.kernel_size = pair(kernel_size, "kernel_size");
    this.stride = pair(o.stride ?? 1, "stride");
    const p = o.padding ?? 0;
    this.padding = p === "same" || p === "valid" ? p : pair(p, "padding");
    this.dilation = pair(o.dilation ?? 1, "dilation");
    this.groups = o.groups ?? 1;
    this.padding_mode = o.padding_mode ?? "zeros";
    if (this.groups <= 0) throw new ValueError("groups must be a positive integer");
    if (in_channels % this.groups !== 0) throw new ValueError("in_channels must be divisible by groups");
    if (out_channels % this.groups !== 0) throw new ValueError("out_channels must be divisible by groups");
    if (this.padding_mode !== "zeros") throw new ValueError(`padding_mode '${this.padding_mode}' is not supported by Gradient Inspector (only 'zeros')`);
    if (this.padding === "same" && (this.stride[0] !== 1 || this.stride[1] !== 1)) throw new ValueError("padding='same' is not supported for strided convolutions");
    this.weight = new Parameter(empty([out_channels, in_channels / this.groups, ...this.kernel_size], { dtype: o.dtype }));
    if (o.bias ?? true) this.bias = new Parameter(empty([out_channels], { dtype: o.dtype }));
    else { this.bias = null; this.register_parameter("bias", null); }
    this.reset_parameters();
  }
  reset_parameters(): void {
    init.kaiming_uniform_(this.weight, { a: Math.sqrt(5) });
    if (this.bias) {
      const [fanIn] = init._calculate_fan_in_and_fan_out(this.weight);
      if (fanIn !== 0) init.uniform_(this.bias, -1 / Math.sqrt(fanIn), 1 / Math.sqrt(fanIn));
    }
  }
  override forward(input: Tensor): Tensor {
    return F.conv2d(input, this.weight, this.bias, { stride: this.stride, padding: this.padding, dilation: this.dilation, groups: this.groups });
  }
  override extra_repr(): string {
    let s = `${this.in_channels}, ${this.out_channels}, kernel_size=${pyRepr(this.kernel_size)}, stride=${pyRepr(this.stride)}`;
    if (typeof this.padding === "string") s += `, padding=${this.padding}`;
    else if (this.padding.some((v) => v !== 0)) s += `, padding=${pyRepr(this.padding)}`;
    if (this.dilation.some((v) => v !== 1)) s += `, dilation=${pyRepr(this.dilation)}`;
    if (this.groups !== 1) s += `, groups=${this.groups}`;
    if (this.bias === null) s += ", bias=False";
    return s;
  }
}

keepNames({ Conv2d });
