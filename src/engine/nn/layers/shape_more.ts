// Shape and utility layers: Unflatten, PixelShuffle/PixelUnshuffle, Upsample, the padding layers
// (ZeroPad2d, ConstantPad1d/2d, ReflectionPad1d/2d, ReplicationPad1d/2d) and Dropout1d/Dropout2d,
// printed as PyTorch 1.13 prints them.
import { Tensor } from "../../tensor";
import { Module, keepNames } from "../module";
import { pad } from "../functional";
import * as F from "../functional_shape";
import { parseArgs } from "../args";
import { pyRepr, type ReprValue } from "./format";

export class Unflatten extends Module {
  dim: number | string;
  unflattened_size: number[];
  constructor(dim: number, unflattened_size: number[]) {
    super();
    this.dim = dim;
    this.unflattened_size = unflattened_size;
  }
  override forward(input: Tensor): Tensor { return input.unflatten(this.dim as number, this.unflattened_size); }
  override extra_repr(): string { return `dim=${pyRepr(this.dim as ReprValue)}, unflattened_size=${pyRepr(this.unflattened_size)}`; }
}

export class PixelShuffle extends Module {
  upscale_factor: number;
  constructor(upscale_factor: number) { super(); this.upscale_factor = upscale_factor; }
  override forward(input: Tensor): Tensor { return F.pixel_shuffle(input, this.upscale_factor); }
  override extra_repr(): string { return `upscale_factor=${this.upscale_factor}`; }
}
export class PixelUnshuffle extends Module {
  downscale_factor: number;
  constructor(downscale_factor: number) { super(); this.downscale_factor = downscale_factor; }
  override forward(input: Tensor): Tensor { return F.pixel_unshuffle(input, this.downscale_factor); }
  override extra_repr(): string { return `downscale_factor=${this.downscale_factor}`; }
}

type Pair = number | number[];
export interface UpsampleOpts { size?: Pair | null; scale_factor?: Pair | null; mode?: string; align_corners?: boolean | null; recompute_scale_factor?: boolean | null }
export class Upsample extends Module {
  size: Pair | null;
  scale_factor: Pair | null;
  mode: string;
  align_corners: boolean | null;
  recompute_scale_factor: boolean | null;
  constructor(...args: (Pair | string | boolean | null | UpsampleOpts | undefined)[]) {
    super();
    const o = parseArgs<UpsampleOpts>(["size", "scale_factor", "mode", "align_corners", "recompute_scale_factor"], args);
    this.size = o.size ?? null;
    this.scale_factor = o.scale_factor ?? null;
    this.mode = o.mode ?? "nearest";
    this.align_corners = o.align_corners ?? null;
    this.recompute_scale_factor = o.recompute_scale_factor ?? null;
  }
  override forward(input: Tensor): Tensor {
    return F.interpolate(input, { size: this.size, scale_factor: this.scale_factor, mode: this.mode, align_corners: this.align_corners, recompute_scale_factor: this.recompute_scale_factor });
  }
  // Upsample.__init__ stores float(scale_factor): printed as a float.
  override extra_repr(): string {
    const info = this.scale_factor !== null ? `scale_factor=${pyRepr(this.scale_factor as ReprValue, true)}` : `size=${pyRepr(this.size as ReprValue)}`;
    return `${info}, mode=${this.mode}`;
  }
}

/** The padding layers store their padding as a tuple (left, right[, top, bottom]). */
abstract class PadNd extends Module {
  padding: number[];
  constructor(padding: Pair, n: number) {
    super();
    this.padding = typeof padding === "number" ? new Array<number>(2 * n).fill(padding) : padding.slice();
  }
}
abstract class ConstantPadNd extends PadNd {
  value: number;
  constructor(padding: Pair, value: number, n: number) { super(padding, n); this.value = value; }
  override forward(input: Tensor): Tensor { return pad(input, this.padding, "constant", this.value); }
  override extra_repr(): string { return `padding=${pyRepr(this.padding)}, value=${pyRepr(this.value, true)}`; }
}
export class ConstantPad1d extends ConstantPadNd { constructor(padding: Pair, value: number) { super(padding, value, 1); } }
export class ConstantPad2d extends ConstantPadNd { constructor(padding: Pair, value: number) { super(padding, value, 2); } }
export class ZeroPad2d extends ConstantPadNd {
  constructor(padding: Pair) { super(padding, 0, 2); }
  override extra_repr(): string { return pyRepr(this.padding); }
}
abstract class ModePadNd extends PadNd {
  abstract readonly mode: "reflect" | "replicate";
  override forward(input: Tensor): Tensor { return pad(input, this.padding, this.mode); }
  override extra_repr(): string { return pyRepr(this.padding); }
}
export class ReflectionPad1d extends ModePadNd { readonly mode = "reflect"; constructor(padding: Pair) { super(padding, 1); } }
export class ReflectionPad2d extends ModePadNd { readonly mode = "reflect"; constructor(padding: Pair) { super(padding, 2); } }
export class ReplicationPad1d extends ModePadNd { readonly mode = "replicate"; constructor(padding: Pair) { super(padding, 1); } }
export class ReplicationPad2d extends ModePadNd { readonly mode = "replicate"; constructor(padding: Pair) { super(padding, 2); } }

type DropOpts = { p?: number; inplace?: boolean };
abstract class FeatureDropout extends Module {
  p: number;
  inplace: boolean;
  constructor(p: number | DropOpts = 0.5, inplace = false) {
    super();
    const o = typeof p === "object" ? p : { p, inplace };
    this.p = o.p ?? 0.5;
    this.inplace = o.inplace ?? false;
    if (this.p < 0 || this.p > 1) throw new RangeError(`dropout probability has to be between 0 and 1, but got ${this.p}`);
  }
  override extra_repr(): string { return `p=${pyRepr(this.p, true)}, inplace=${pyRepr(this.inplace)}`; }
}
export class Dropout1d extends FeatureDropout {
  override forward(input: Tensor): Tensor { return F.dropout1d(input, this.p, this.training, this.inplace); }
}
export class Dropout2d extends FeatureDropout {
  override forward(input: Tensor): Tensor { return F.dropout2d(input, this.p, this.training, this.inplace); }
}

keepNames({
  Unflatten, PixelShuffle, PixelUnshuffle, Upsample, ConstantPad1d, ConstantPad2d, ZeroPad2d, ReflectionPad1d, ReflectionPad2d,
  ReplicationPad1d, ReplicationPad2d, Dropout1d, Dropout2d,
});
