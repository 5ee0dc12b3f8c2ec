// F.unfold / F.fold and nn.Unfold / nn.Fold (sliding blocks of 4-D batched or 3-D unbatched images).
import { Tensor } from "../../tensor";
import { RuntimeError } from "../../errors";
import { Module, keepNames } from "../module";
import { pair } from "../tensors";
import { parseArgs } from "../args";
import { blocks, col2imOp, im2colOp, type FoldParams } from "../fold_ops";
import { pyRepr, type ReprValue } from "./format";

type IntOr2 = number | number[];
export interface FoldOpts { dilation?: IntOr2; padding?: IntOr2; stride?: IntOr2 }

export function unfold(input: Tensor, kernel_size: IntOr2, ...rest: (IntOr2 | FoldOpts | undefined)[]): Tensor {
  const o = parseArgs<FoldOpts>(["dilation", "padding", "stride"], rest);
  if (input.dim() !== 3 && input.dim() !== 4) throw new RuntimeError(`Expected 3D or 4D (batch mode) tensor for input with possibly 0 batch size and non-zero dimensions for input, but got: [${input._shape.join(", ")}]`);
  const x = input.dim() === 3 ? input.unsqueeze(0) : input;
  const [, C, H, W] = x._shape;
  const q: FoldParams = { batched: input.dim() === 4, C, H, W, k: pair(kernel_size, "kernel_size"), d: pair(o.dilation ?? 1, "dilation"), p: pair(o.padding ?? 0, "padding"), s: pair(o.stride ?? 1, "stride") };
  return im2colOp([input.contiguous()], q);
}

export function fold(input: Tensor, output_size: IntOr2, kernel_size: IntOr2, ...rest: (IntOr2 | FoldOpts | undefined)[]): Tensor {
  const o = parseArgs<FoldOpts>(["dilation", "padding", "stride"], rest);
  if (input.dim() !== 2 && input.dim() !== 3) throw new RuntimeError(`Expected 2D or 3D (batch mode) tensor for input with possibly 0 batch size and non-zero dimensions for input, but got: [${input._shape.join(", ")}]`);
  const x = input.dim() === 2 ? input.unsqueeze(0) : input;
  const [H, W] = pair(output_size, "output_size");
  const k = pair(kernel_size, "kernel_size");
  const rows = x._shape[1];
  if (rows % (k[0] * k[1]) !== 0) throw new RuntimeError(`Expected size of input's dimension 1 to be divisible by the product of kernel_size, but got input.size(1)=${rows} and kernel_size=(${k.join(", ")})`);
  const q: FoldParams = { batched: input.dim() === 3, C: rows / (k[0] * k[1]), H, W, k, d: pair(o.dilation ?? 1, "dilation"), p: pair(o.padding ?? 0, "padding"), s: pair(o.stride ?? 1, "stride") };
  const [bh, bw] = blocks(q);
  if (x._shape[2] !== bh * bw) {
    throw new RuntimeError(`Given output_size=(${H}, ${W}), kernel_size=(${k.join(", ")}), dilation=(${q.d.join(", ")}), padding=(${q.p.join(", ")}), stride=(${q.s.join(", ")}), expected size of input's dimension 2 to match the calculated number of sliding blocks ${bh} * ${bw} = ${bh * bw}, but got input.size(2)=${x._shape[2]}.`);
  }
  return col2imOp([input.contiguous()], q);
}

export class Unfold extends Module {
  kernel_size: IntOr2;
  dilation: IntOr2;
  padding: IntOr2;
  stride: IntOr2;
  constructor(kernel_size: IntOr2, ...args: (IntOr2 | FoldOpts | undefined)[]) {
    super();
    const o = parseArgs<FoldOpts>(["dilation", "padding", "stride"], args);
    this.kernel_size = kernel_size;
    this.dilation = o.dilation ?? 1;
    this.padding = o.padding ?? 0;
    this.stride = o.stride ?? 1;
  }
  override forward(input: Tensor): Tensor { return unfold(input, this.kernel_size, { dilation: this.dilation, padding: this.padding, stride: this.stride }); }
  override extra_repr(): string {
    const r = (v: IntOr2) => pyRepr(v as ReprValue);
    return `kernel_size=${r(this.kernel_size)}, dilation=${r(this.dilation)}, padding=${r(this.padding)}, stride=${r(this.stride)}`;
  }
}
export class Fold extends Module {
  output_size: IntOr2;
  kernel_size: IntOr2;
  dilation: IntOr2;
  padding: IntOr2;
  stride: IntOr2;
  constructor(output_size: IntOr2, kernel_size: IntOr2, ...args: (IntOr2 | FoldOpts | undefined)[]) {
    super();
    const o = parseArgs<FoldOpts>(["dilation", "padding", "stride"], args);
    this.output_size = output_size;
    this.kernel_size = kernel_size;
    this.dilation = o.dilation ?? 1;
    this.padding = o.padding ?? 0;
    this.stride = o.stride ?? 1;
  }
  override forward(input: Tensor): Tensor { return fold(input, this.output_size, this.kernel_size, { dilation: this.dilation, padding: this.padding, stride: this.stride }); }
  override extra_repr(): string {
    const r = (v: IntOr2) => pyRepr(v as ReprValue);
    return `output_size=${r(this.output_size)}, kernel_size=${r(this.kernel_size)}, dilation=${r(this.dilation)}, padding=${r(this.padding)}, stride=${r(this.stride)}`;
  }
}

keepNames({ Unfold, Fold });
