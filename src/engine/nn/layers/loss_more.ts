// More loss modules and the distance modules (CosineSimilarity, PairwiseDistance): each stores
// its options (positional in PyTorch's order, or one options object) and calls its functional form.
import { Tensor } from "../../tensor";
import { Module, keepNames } from "../module";
import * as F from "../functional_loss_more";
import type { Reduction } from "../loss_ops";
import { parseArgs } from "../args";

interface LegacyOpts { size_average?: boolean | null; reduce?: boolean | null; reduction?: Reduction }
type Arg = number | boolean | string | null | Tensor | object | undefined;
/** torch.nn._reduction.legacy_get_string, as _Loss.__init__ applies it. */
function reductionFrom(o: LegacyOpts): Reduction {
  if ((o.size_average ?? null) !== null || (o.reduce ?? null) !== null) {
    return o.reduce === false ? "none" : o.size_average === false ? "sum" : "mean";
  }
  return o.reduction ?? "mean";
}
const LEGACY = ["size_average", "reduce", "reduction"] as const;

export class HuberLoss extends Module {
  reduction: Reduction;
  delta: number;
  constructor(...args: Arg[]) {
    super();
    const o = parseArgs<{ reduction: Reduction; delta: number }>(["reduction", "delta"], args);
    this.reduction = o.reduction ?? "mean";
    this.delta = o.delta ?? 1;
  }
  override forward(input: Tensor, target: Tensor): Tensor { return F.huber_loss(input, target, { reduction: this.reduction, delta: this.delta }); }
}

export class KLDivLoss extends Module {
  reduction: Reduction | "batchmean";
  log_target: boolean;
  constructor(...args: Arg[]) {
    super();
    const o = parseArgs<F.KlDivOpts>(["size_average", "reduce", "reduction", "log_target"], args);
    this.reduction = (o.size_average ?? null) !== null || (o.reduce ?? null) !== null ? reductionFrom(o as LegacyOpts) : o.reduction ?? "mean";
    this.log_target = o.log_target ?? false;
  }
  override forward(input: Tensor, target: Tensor): Tensor { return F.kl_div(input, target, { reduction: this.reduction, log_target: this.log_target }); }
}

export class SoftMarginLoss extends Module {
  reduction: Reduction;
  constructor(...args: Arg[]) { super(); this.reduction = reductionFrom(parseArgs<LegacyOpts>(LEGACY, args)); }
  override forward(input: Tensor, target: Tensor): Tensor { return F.soft_margin_loss(input, target, { reduction: this.reduction }); }
}

export class MultiLabelSoftMarginLoss extends Module {
  reduction: Reduction;
  weight: Tensor | null;
  constructor(...args: Arg[]) {
    super();
    const o = parseArgs<F.MultiLabelSoftMarginOpts>(["weight", ...LEGACY], args);
    this.reduction = reductionFrom(o);
    this.weight = null;
    this.register_buffer("weight", o.weight ?? null);
  }
  override forward(input: Tensor, target: Tensor): Tensor { return F.multilabel_soft_margin_loss(input, target, { weight: this.weight, reduction: this.reduction }); }
}

export class MarginRankingLoss extends Module {
  reduction: Reduction;
  margin: number;
  constructor(...args: Arg[]) {
    super();
    const o = parseArgs<F.MarginOpts>(["margin", ...LEGACY], args);
    this.reduction = reductionFrom(o);
    this.margin = o.margin ?? 0;
  }
  override forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return F.margin_ranking_loss(input1, input2, target, { margin: this.margin, reduction: this.reduction });
  }
}
export class CosineEmbeddingLoss extends MarginRankingLoss {
  override forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return F.cosine_embedding_loss(input1, input2, target, { margin: this.margin, reduction: this.reduction });
  }
}

export class HingeEmbeddingLoss extends MarginRankingLoss {
  constructor(...args: Arg[]) {
    super(...args);
    const o = parseArgs<F.MarginOpts>(["margin", ...LEGACY], args);
    this.margin = o.margin ?? 1;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.hinge_embedding_loss(input, target, { margin: this.margin, reduction: this.reduction });
  }
}

export class MultiMarginLoss extends Module {
  reduction: Reduction;
  p: number;
  margin: number;
  weight: Tensor | null;
  constructor(...args: Arg[]) {
    super();
    const o = parseArgs<F.MultiMarginOpts>(["p", "margin", "weight", ...LEGACY], args);
    if (o.p !== undefined && o.p !== 1 && o.p !== 2) throw new Error("only p == 1 and p == 2 supported");
    this.reduction = reductionFrom(o);
    this.p = o.p ?? 1;
    this.margin = o.margin ?? 1;
    this.weight = null;
    this.register_buffer("weight", o.weight ?? null);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.multi_margin_loss(input, target, { p: this.p, margin: this.margin, weight: this.weight, reduction: this.reduction });
  }
}

export class TripletMarginLoss extends Module {
  reduction: Reduction;
  margin: number;
  p: number;
  eps: number;
  swap: boolean;
  constructor(...args: Arg[]) {
    super();
    const o = parseArgs<F.TripletOpts>(["margin", "p", "eps", "swap", ...LEGACY], args);
    this.reduction = reductionFrom(o);
    this.margin = o.margin ?? 1;
    this.p = o.p ?? 2;
    this.eps = o.eps ?? 1e-6;
    this.swap = o.swap ?? false;
  }
  override forward(anchor: Tensor, positive: Tensor, negative: Tensor): Tensor {
    return F.triplet_margin_loss(anchor, positive, negative, { margin: this.margin, p: this.p, eps: this.eps, swap: this.swap, reduction: this.reduction });
  }
}

export class PoissonNLLLoss extends Module {
  reduction: Reduction;
  log_input: boolean;
  full: boolean;
  eps: number;
  constructor(...args: Arg[]) {
    super();
    const o = parseArgs<F.PoissonOpts>(["log_input", "full", "size_average", "eps", "reduce", "reduction"], args);
    this.reduction = reductionFrom(o);
    this.log_input = o.log_input ?? true;
    this.full = o.full ?? false;
    this.eps = o.eps ?? 1e-8;
  }
  override forward(log_input: Tensor, target: Tensor): Tensor {
    return F.poisson_nll_loss(log_input, target, { log_input: this.log_input, full: this.full, eps: this.eps, reduction: this.reduction });
  }
}

export class GaussianNLLLoss extends Module {
  reduction: Reduction;
  full: boolean;
  eps: number;
  constructor(o: F.GaussianNllOpts = {}) {
    super();
    this.full = o.full ?? false;
    this.eps = o.eps ?? 1e-6;
    this.reduction = o.reduction ?? "mean";
  }
  override forward(input: Tensor, target: Tensor, variance: Tensor): Tensor {
    return F.gaussian_nll_loss(input, target, variance, { full: this.full, eps: this.eps, reduction: this.reduction });
  }
}

export class CosineSimilarity extends Module {
  dim: number;
  eps: number;
  constructor(...args: Arg[]) {
    super();
    const o = parseArgs<F.CosineOpts>(["dim", "eps"], args);
    this.dim = o.dim ?? 1;
    this.eps = o.eps ?? 1e-8;
  }
  override forward(x1: Tensor, x2: Tensor): Tensor { return F.cosine_similarity(x1, x2, this.dim, this.eps); }
}

export class PairwiseDistance extends Module {
  norm: number;
  eps: number;
  keepdim: boolean;
  constructor(...args: Arg[]) {
    super();
    const o = parseArgs<F.PairwiseOpts>(["p", "eps", "keepdim"], args);
    this.norm = o.p ?? 2;
    this.eps = o.eps ?? 1e-6;
    this.keepdim = o.keepdim ?? false;
  }
  override forward(x1: Tensor, x2: Tensor): Tensor { return F.pairwise_distance(x1, x2, this.norm, this.eps, this.keepdim); }
}

keepNames({
  HuberLoss, KLDivLoss, HingeEmbeddingLoss, MultiMarginLoss, SoftMarginLoss, MultiLabelSoftMarginLoss, MarginRankingLoss, CosineEmbeddingLoss, TripletMarginLoss,
  PoissonNLLLoss, GaussianNLLLoss, CosineSimilarity, PairwiseDistance,
});
