// Pooling modules. They print their arguments as given (an int stays an int, as in PyTorch).
import { Tensor } from "../../tensor";
import { Module, keepNames } from "../module";
import * as F from "../functional";
import { pyRepr } from "./format";

type IntOr2 = number | [number, number];
export interface MaxPool2dOpts { stride?: IntOr2 | null; padding?: IntOr2; dilation?: IntOr2; return_indices?: boolean; ceil_mode?: boolean }

export class MaxPool2d extends Module {
  kernel_size: IntOr2;
  stride: IntOr2;
  padding: IntOr2;
  dilation: IntOr2;
  return_indices: boolean;
  ceil_mode: boolean;
  constructor(kernel_size: IntOr2, stride: IntOr2 | null | MaxPool2dOpts = null, padding: IntOr2 = 0, dilation: IntOr2 = 1, return_indices = false, ceil_mode = false) {
    super();
    const o: MaxPool2dOpts = typeof stride === "object" && stride !== null && !Array.isArray(stride) ? stride : { stride, padding, dilation, return_indices, ceil_mode };
    this.kernel_size = kernel_size;
    this.stride = o.stride ?? kernel_size;
    this.padding = o.padding ?? 0;
    this.dilation = o.dilation ?? 1;
    this.return_indices = o.return_indices ?? false;
    this.ceil_mode = o.ceil_mode ?? false;
  }
  override forward(input: Tensor): Tensor | [Tensor, Tensor] {
    const args = { stride: this.stride, padding: this.padding, dilation: this.dilation, ceil_mode: this.ceil_mode };
    return this.return_indices ? F.max_pool2d_with_indices(input, this.kernel_size, args) : F.max_pool2d(input, this.kernel_size, args);
  }
  override extra_repr(): string {
    return `kernel_size=${pyRepr(this.kernel_size)}, stride=${pyRepr(this.stride)}, padding=${pyRepr(this.padding)}, dilation=${pyRepr(this.dilation)}, ceil_mode=${pyRepr(this.ceil_mode)}`;
  }
}

export interface AvgPool2dOpts { stride?: IntOr2 | null; padding?: IntOr2; ceil_mode?: boolean; count_include_pad?: boolean; divisor_override?: number | null }
export class AvgPool2d extends Module {
  kernel_size: IntOr2;
  stride: IntOr2;
  padding: IntOr2;
  ceil_mode: boolean;
  count_include_pad: boolean;
  divisor_override: number | null;
  constructor(kernel_size: IntOr2, stride: IntOr2 | null | AvgPool2dOpts = null, padding: IntOr2 = 0, ceil_mode = false, count_include_pad = true, divisor_override: number | null = null) {
    super();
    const o: AvgPool2dOpts = typeof stride === "object" && stride !== null && !Array.isArray(stride) ? stride : { stride, padding, ceil_mode, count_include_pad, divisor_override };
    this.kernel_size = kernel_size;
    this.stride = o.stride ?? kernel_size;
    this.padding = o.padding ?? 0;
    this.ceil_mode = o.ceil_mode ?? false;
    this.count_include_pad = o.count_include_pad ?? true;
    this.divisor_override = o.divisor_override ?? null;
  }
  override forward(input: Tensor): Tensor {
    return F.avg_pool2d(input, this.kernel_size, { stride: this.stride, padding: this.padding, ceil_mode: this.ceil_mode, count_include_pad: this.count_include_pad, divisor_override: this.divisor_override });
  }
  override extra_repr(): string { return `kernel_size=${pyRepr(this.kernel_size)}, stride=${pyRepr(this.stride)}, padding=${pyRepr(this.padding)}`; }
}

export class AdaptiveAvgPool2d extends Module {
  output_size: number | null | (number | null)[];
  constructor(output_size: number | null | (number | null)[]) {
    super();
    this.output_size = output_size;
  }
  override forward(input: Tensor): Tensor { return F.adaptive_avg_pool2d(input, this.output_size); }
  override extra_repr(): string { return `output_size=${pyRepr(this.output_size)}`; }
}

keepNames({ MaxPool2d, AvgPool2d, AdaptiveAvgPool2d });
