// GroupNorm and InstanceNorm1d/2d, registered and printed as PyTorch 1.13 does (affine weight ones,
// bias zeros; InstanceNorm's running buffers only with track_running_stats).
import { Tensor } from "../../tensor";
import { empty, tensor } from "../../creation";
import { int64, type DType } from "../../dtype";
import { ValueError, warnOnce } from "../../errors";
import { Module, keepNames } from "../module";
import * as init from "../init";
import { registerAffine } from "./shared_init";
import * as F from "../functional_norm_more";
import { parseArgs } from "../args";
import { pyRepr } from "./format";

export interface GroupNormOpts { eps?: number; affine?: boolean; dtype?: DType; device?: string }
export class GroupNorm extends Module {
  num_groups: number;
  num_channels: number;
  eps: number;
  affine: boolean;
  weight: Tensor | null;
  bias: Tensor | null;
  constructor(num_groups: number, num_channels: number, ...args: (number | boolean | GroupNormOpts | undefined)[]) {
    super();
    const o = parseArgs<GroupNormOpts>(["eps", "affine", "device", "dtype"], args);
    if (num_channels % num_groups !== 0) throw new ValueError("num_channels must be divisible by num_groups");
    this.num_groups = num_groups;
    this.num_channels = num_channels;
    this.eps = o.eps ?? 1e-5;
    this.affine = o.affine ?? true;
    this.weight = null;
    this.bias = null;
    registerAffine(this, this.affine, num_channels, o.dtype);
  }
  override forward(input: Tensor): Tensor { return F.group_norm(input, this.num_groups, this.weight, this.bias, this.eps); }
  override extra_repr(): string { return `${this.num_groups}, ${this.num_channels}, eps=${pyRepr(this.eps, true)}, affine=${pyRepr(this.affine)}`; }
}

export interface InstanceNormOpts { eps?: number; momentum?: number; affine?: boolean; track_running_stats?: boolean; dtype?: DType; device?: string }
abstract class InstanceNormNd extends Module {
  num_features: number;
  eps: number;
  momentum: number;
  affine: boolean;
  track_running_stats: boolean;
  weight: Tensor | null;
  bias: Tensor | null;
  running_mean: Tensor | null = null;
  running_var: Tensor | null = null;
  abstract readonly noBatchDim: number;
  constructor(num_features: number, args: (number | boolean | InstanceNormOpts | undefined)[]) {
    super();
    const o = parseArgs<InstanceNormOpts>(["eps", "momentum", "affine", "track_running_stats", "device", "dtype"], args);
    this.num_features = num_features;
    this.eps = o.eps ?? 1e-5;
    this.momentum = o.momentum ?? 0.1;
    this.affine = o.affine ?? false;
    this.track_running_stats = o.track_running_stats ?? false;
    this.weight = null;
    this.bias = null;
    registerAffine(this, this.affine, num_features, o.dtype);
    if (this.track_running_stats) {
      this.register_buffer("running_mean", init.zeros_(empty([num_features], { dtype: o.dtype })));
      this.register_buffer("running_var", init.ones_(empty([num_features], { dtype: o.dtype })));
      this.register_buffer("num_batches_tracked", tensor(0, { dtype: int64 }));
    } else {
      this.register_buffer("running_mean", null);
      this.register_buffer("running_var", null);
      this.register_buffer("num_batches_tracked", null);
    }
  }
  override forward(input: Tensor): Tensor {
    const nb = this.noBatchDim;
    if (input.dim() !== nb && input.dim() !== nb + 1) throw new ValueError(`expected ${nb}D or ${nb + 1}D input (got ${input.dim()}D input)`);
    const featureDim = input.dim() - nb;
    if (input._shape[featureDim] !== this.num_features) {
      const msg = `expected input's size at dim=${featureDim} to match num_features (${this.num_features}), but got: ${input._shape[featureDim]}.`;
      if (this.affine) throw new ValueError(msg);
      warnOnce(`input's size at dim=${featureDim} does not match num_features. You can silence this warning by not passing in num_features, which is not used because affine=False`);
    }
    const run = (x: Tensor) => F.instance_norm(x, this.running_mean, this.running_var, this.weight, this.bias,
      this.training || !this.track_running_stats, this.momentum, this.eps);
    return input.dim() === nb ? run(input.unsqueeze(0)).squeeze(0) : run(input);
  }
  override extra_repr(): string {
    return `${this.num_features}, eps=${pyRepr(this.eps, true)}, momentum=${pyRepr(this.momentum, true)}, affine=${pyRepr(this.affine)}, track_running_stats=${pyRepr(this.track_running_stats)}`;
  }
}
export class InstanceNorm1d extends InstanceNormNd {
  readonly noBatchDim = 2;
  constructor(num_features: number, ...args: (number | boolean | InstanceNormOpts | undefined)[]) { super(num_features, args); }
}
export class InstanceNorm2d extends InstanceNormNd {
  readonly noBatchDim = 3;
  constructor(num_features: number, ...args: (number | boolean | InstanceNormOpts | undefined)[]) { super(num_features, args); }
}

keepNames({ GroupNorm, InstanceNorm1d, InstanceNorm2d });
