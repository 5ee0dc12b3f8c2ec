// Identity and Linear, with PyTorch's default initialisation (kaiming_uniform_(a=√5), then the
// bias from U(-1/√fan_in, 1/√fan_in)), drawn in PyTorch's order.
import { Tensor } from "../../tensor";
import { empty } from "../../creation";
import type { DType } from "../../dtype";
import { Module, keepNames } from "../module";
import { Parameter } from "../parameter";
import * as init from "../init";
import * as F from "../functional";
import { pyRepr } from "./format";

export class Identity extends Module {
  constructor(..._args: unknown[]) { super(); }
  override forward(input: Tensor): Tensor { return input; }
}

export interface LinearOpts { bias?: boolean; dtype?: DType; device?: string }

export class Linear extends Module {
  in_features: number;
  out_features: number;
  weight: Tensor;
  bias: Tensor | null;
  constructor(in_features: number, out_features: number, bias: boolean | LinearOpts = true) {
    super();
    const o = typeof bias === "object" ? bias : { bias };
    this.in_features = in_features;
    this.out_features = out_features;
    this.weight = new Parameter(empty([out_features, in_features], { dtype: o.dtype }));
    if (o.bias ?? true) this.bias = new Parameter(empty([out_features], { dtype: o.dtype }));
    else { this.bias = null; this.register_parameter("bias", null); }
    this.reset_parameters();
  }
  reset_parameters(): void {
    init.kaiming_uniform_(this.weight, { a: Math.sqrt(5) });
    if (this.bias) {
      const [fanIn] = init._calculate_fan_in_and_fan_out(this.weight);
      const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
      init.uniform_(this.bias, -bound, bound);
    }
  }
  override forward(input: Tensor): Tensor { return F.linear(input, this.weight, this.bias); }
  override extra_repr(): string {
    return `in_features=${this.in_features}, out_features=${this.out_features}, bias=${pyRepr(this.bias !== null)}`;
  }
}

keepNames({ Identity, Linear });
