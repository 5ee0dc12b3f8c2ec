// Loss modules: each stores its options and calls its nn.functional form.
import { Tensor } from "../../tensor";
import { Module, keepNames } from "../module";
import * as F from "../functional";
import type { Reduction } from "../functional_loss";

interface LossOpts { size_average?: boolean | null; reduce?: boolean | null; reduction?: Reduction }
function reductionFrom(o: LossOpts): Reduction {
  if ((o.size_average ?? null) !== null || (o.reduce ?? null) !== null) {
    return o.reduce === false ? "none" : o.size_average === false ? "sum" : "mean";
  }
  return o.reduction ?? "mean";
}

abstract class Loss extends Module {
  reduction: Reduction;
  constructor(o: LossOpts) { super(); this.reduction = reductionFrom(o); }
}

export interface WeightedOpts extends LossOpts { weight?: Tensor | null; ignore_index?: number; label_smoothing?: number }
export class CrossEntropyLoss extends Loss {
  ignore_index: number;
  label_smoothing: number;
  weight: Tensor | null;
  constructor(o: WeightedOpts = {}) {
    super(o);
    this.weight = null;
    this.register_buffer("weight", o.weight ?? null);
    this.ignore_index = o.ignore_index ?? -100;
    this.label_smoothing = o.label_smoothing ?? 0;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.cross_entropy(input, target, { weight: this.weight, ignore_index: this.ignore_index, reduction: this.reduction, label_smoothing: this.label_smoothing });
  }
}
export class NLLLoss extends Loss {
  ignore_index: number;
  weight: Tensor | null;
  constructor(o: WeightedOpts = {}) {
    super(o);
    this.weight = null;
    this.register_buffer("weight", o.weight ?? null);
    this.ignore_index = o.ignore_index ?? -100;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.nll_loss(input, target, { weight: this.weight, ignore_index: this.ignore_index, reduction: this.reduction });
  }
}
export class MSELoss extends Loss {
  constructor(o: LossOpts = {}) { super(o); }
  override forward(input: Tensor, target: Tensor): Tensor { return F.mse_loss(input, target, { reduction: this.reduction }); }
}
export class L1Loss extends Loss {
  constructor(o: LossOpts = {}) { super(o); }
  override forward(input: Tensor, target: Tensor): Tensor { return F.l1_loss(input, target, { reduction: this.reduction }); }
}
export class SmoothL1Loss extends Loss {
  beta: number;
  constructor(o: LossOpts & { beta?: number } = {}) { super(o); this.beta = o.beta ?? 1.0; }
  override forward(input: Tensor, target: Tensor): Tensor { return F.smooth_l1_loss(input, target, { reduction: this.reduction, beta: this.beta }); }
}
export class BCELoss extends Loss {
  weight: Tensor | null;
  constructor(o: LossOpts & { weight?: Tensor | null } = {}) {
    super(o);
    this.weight = null;
    this.register_buffer("weight", o.weight ?? null);
  }
  override forward(input: Tensor, target: Tensor): Tensor { return F.binary_cross_entropy(input, target, { weight: this.weight, reduction: this.reduction }); }
}
export class BCEWithLogitsLoss extends Loss {
  weight: Tensor | null;
  pos_weight: Tensor | null;
  constructor(o: LossOpts & { weight?: Tensor | null; pos_weight?: Tensor | null } = {}) {
    super(o);
    this.weight = null;
    this.pos_weight = null;
    this.register_buffer("weight", o.weight ?? null);
    this.register_buffer("pos_weight", o.pos_weight ?? null);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.binary_cross_entropy_with_logits(input, target, { weight: this.weight, pos_weight: this.pos_weight, reduction: this.reduction });
  }
}

keepNames({ CrossEntropyLoss, NLLLoss, MSELoss, L1Loss, SmoothL1Loss, BCELoss, BCEWithLogitsLoss });
