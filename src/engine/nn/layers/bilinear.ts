// nn.Bilinear and F.bilinear: y = x1ᵀ A x2 + b for each output feature. PyTorch computes the
// product with one _trilinear op (TrilinearBackward0); we compose it from matmul, mul and sum, so
// the nodes inside differ while the result node (AddBackward0 with a bias) is PyTorch's.
import { Tensor } from "../../tensor";
import { empty } from "../../creation";
import type { DType } from "../../dtype";
import { RuntimeError } from "../../errors";
import { add, mul } from "../../ops/elementwise";
import { matmul } from "../../ops/linalg";
import { sum } from "../../ops/reduce";
import { Module, keepNames } from "../module";
import { Parameter } from "../parameter";
import * as init from "../init";
import { parseArgs } from "../args";
import { pyRepr } from "./format";

export function bilinear(input1: Tensor, input2: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  const [O, I, J] = weight._shape;
  if (input1._shape[input1.dim() - 1] !== I) throw new RuntimeError(`bilinear(): input1 size does not match weight size: got ${input1._shape[input1.dim() - 1]} but expected ${I}`);
  if (input2._shape[input2.dim() - 1] !== J) throw new RuntimeError(`bilinear(): input2 size does not match weight size: got ${input2._shape[input2.dim() - 1]} but expected ${J}`);
  const lead = input1._shape.slice(0, -1);
  // (N, I) @ (I, O·J) -> (N, O, J), times x2 broadcast over O, summed over J.
  const proj = matmul(input1.reshape(-1, I), weight.permute(1, 0, 2).reshape(I, O * J)).view(-1, O, J);
  const out = sum(mul(proj, input2.reshape(-1, 1, J)), -1).view([...lead, O]);
  return bias ? add(out, bias) : out;
}

export interface BilinearOpts { bias?: boolean; dtype?: DType; device?: string }
export class Bilinear extends Module {
  in1_features: number;
  in2_features: number;
  out_features: number;
  weight: Tensor;
  bias: Tensor | null;
  constructor(in1_features: number, in2_features: number, out_features: number, ...args: (boolean | BilinearOpts | undefined)[]) {
    super();
    const o = parseArgs<BilinearOpts>(["bias", "device", "dtype"], args);
    this.in1_features = in1_features;
    this.in2_features = in2_features;
    this.out_features = out_features;
    this.weight = new Parameter(empty([out_features, in1_features, in2_features], { dtype: o.dtype }));
    if (o.bias ?? true) this.bias = new Parameter(empty([out_features], { dtype: o.dtype }));
    else { this.bias = null; this.register_parameter("bias", null); }
    this.reset_parameters();
  }
  reset_parameters(): void {
    const bound = 1 / Math.sqrt(this.weight._shape[1]);
    init.uniform_(this.weight, -bound, bound);
    if (this.bias) init.uniform_(this.bias, -bound, bound);
  }
  override forward(input1: Tensor, input2: Tensor): Tensor { return bilinear(input1, input2, this.weight, this.bias); }
  override extra_repr(): string {
    return `in1_features=${this.in1_features}, in2_features=${this.in2_features}, out_features=${this.out_features}, bias=${pyRepr(this.bias !== null)}`;
  }
}

keepNames({ Bilinear });
