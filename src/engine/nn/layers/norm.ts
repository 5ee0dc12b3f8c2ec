// BatchNorm1d/2d (running statistics, train/eval, momentum=None's cumulative average) and
// LayerNorm, initialised as PyTorch does: weight ones, bias zeros, running_mean zeros,
// running_var ones, num_batches_tracked 0.
import { Tensor } from "../../tensor";
import { empty, ones, tensor, zeros } from "../../creation";
import { int64, type DType } from "../../dtype";
import { no_grad } from "../../autograd/index";
import { ValueError } from "../../errors";
import { Module, keepNames } from "../module";
import { Parameter } from "../parameter";
import * as init from "../init";
import * as F from "../functional";
import { pyRepr } from "./format";

export interface BatchNormOpts { eps?: number; momentum?: number | null; affine?: boolean; track_running_stats?: boolean; dtype?: DType; device?: string }

abstract class BatchNormBase extends Module {
  num_features: number;
  eps: number;
  momentum: number | null;
  affine: boolean;
  track_running_stats: boolean;
  weight: Tensor | null;
  bias: Tensor | null;
  running_mean: Tensor | null;
  running_var: Tensor | null;
  num_batches_tracked: Tensor | null;
  constructor(num_features: number, eps: number | BatchNormOpts = 1e-5, momentum: number | null = 0.1, affine = true, track_running_stats = true) {
    super();
    const o: BatchNormOpts = typeof eps === "object" ? eps : { eps, momentum, affine, track_running_stats };
    this.num_features = num_features;
    this.eps = o.eps ?? 1e-5;
    this.momentum = o.momentum === undefined ? 0.1 : o.momentum;
    this.affine = o.affine ?? true;
    this.track_running_stats = o.track_running_stats ?? true;
    if (this.affine) {
      this.weight = new Parameter(empty([num_features], { dtype: o.dtype }));
      this.bias = new Parameter(empty([num_features], { dtype: o.dtype }));
    } else {
      this.weight = null; this.bias = null;
      this.register_parameter("weight", null);
      this.register_parameter("bias", null);
    }
    if (this.track_running_stats) {
      this.running_mean = null; this.running_var = null; this.num_batches_tracked = null;
      this.register_buffer("running_mean", zeros([num_features], { dtype: o.dtype }));
      this.register_buffer("running_var", ones([num_features], { dtype: o.dtype }));
      this.register_buffer("num_batches_tracked", tensor(0, { dtype: int64 }));
    } else {
      this.running_mean = null; this.running_var = null; this.num_batches_tracked = null;
      this.register_buffer("running_mean", null);
      this.register_buffer("running_var", null);
      this.register_buffer("num_batches_tracked", null);
    }
    this.reset_parameters();
  }
  reset_running_stats(): void {
    if (!this.track_running_stats) return;
    no_grad(() => {
      this.running_mean?.zero_();
      this.running_var?.fill_(1);
      this.num_batches_tracked?.zero_();
    });
  }
  reset_parameters(): void {
    this.reset_running_stats();
    if (this.weight && this.bias) {
      init.ones_(this.weight);
      init.zeros_(this.bias);
    }
  }
  protected abstract checkInputDim(input: Tensor): void;
  override forward(input: Tensor): Tensor {
    this.checkInputDim(input);
    let factor = 0;
    if (this.training && this.track_running_stats && this.num_batches_tracked) {
      no_grad(() => this.num_batches_tracked!.add_(1));
      factor = this.momentum === null ? 1 / Number(this.num_batches_tracked.item()) : this.momentum;
    }
    // Batch statistics in training, or whenever there are no running stats to use.
    const useBatch = this.training || (this.running_mean === null && this.running_var === null);
    const track = !this.training || this.track_running_stats;
    return F.batchNormWith(input, track ? this.running_mean : null, track ? this.running_var : null,
      { weight: this.weight, bias: this.bias, training: useBatch, momentum: this.momentum, eps: this.eps }, factor);
  }
  override extra_repr(): string {
    return `${this.num_features}, eps=${pyRepr(this.eps, true)}, momentum=${pyRepr(this.momentum, true)}, affine=${pyRepr(this.affine)}, track_running_stats=${pyRepr(this.track_running_stats)}`;
  }
}

export class BatchNorm1d extends BatchNormBase {
  protected checkInputDim(input: Tensor): void {
    if (input.dim() !== 2 && input.dim() !== 3) throw new ValueError(`expected 2D or 3D input (got ${input.dim()}D input)`);
  }
}
export class BatchNorm2d extends BatchNormBase {
  protected checkInputDim(input: Tensor): void {
    if (input.dim() !== 4) throw new ValueError(`expected 4D input (got ${input.dim()}D input)`);
  }
}

export interface LayerNormOpts { eps?: number; elementwise_affine?: boolean; dtype?: DType; device?: string }
export class LayerNorm extends Module {
  normalized_shape: number[];
  eps: number;
  elementwise_affine: boolean;
  weight: Tensor | null;
  bias: Tensor | null;
  constructor(normalized_shape: number | number[], eps: number | LayerNormOpts = 1e-5, elementwise_affine = true) {
    super();
    const o: LayerNormOpts = typeof eps === "object" ? eps : { eps, elementwise_affine };
    this.normalized_shape = typeof normalized_shape === "number" ? [normalized_shape] : normalized_shape.slice();
    this.eps = o.eps ?? 1e-5;
    this.elementwise_affine = o.elementwise_affine ?? true;
    if (this.elementwise_affine) {
      this.weight = new Parameter(empty(this.normalized_shape, { dtype: o.dtype }));
      this.bias = new Parameter(empty(this.normalized_shape, { dtype: o.dtype }));
      init.ones_(this.weight);
      init.zeros_(this.bias);
    } else {
      this.weight = null; this.bias = null;
      this.register_parameter("weight", null);
      this.register_parameter("bias", null);
    }
  }
  override forward(input: Tensor): Tensor { return F.layer_norm(input, this.normalized_shape, this.weight, this.bias, this.eps); }
  override extra_repr(): string {
    return `${pyRepr(this.normalized_shape)}, eps=${pyRepr(this.eps, true)}, elementwise_affine=${pyRepr(this.elementwise_affine)}`;
  }
}

keepNames({ BatchNorm1d, BatchNorm2d, LayerNorm });
