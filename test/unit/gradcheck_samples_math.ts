// gradcheck samples for the ops of one area (see gradcheck_samples.ts for the format); merged by
// gradcheck.test.ts, kept apart so that people adding ops in different areas never edit one file.
// This area: ops/{scan,sorting,reshaping,scatter,pointwise_more,stats,blas_more}.ts.
import * as torch from "../../src/engine";
import type { Sample } from "./gradcheck_samples";
import { _diagonalBackward } from "../../src/engine/ops/reshaping";

const idx = (data: number[] | number[][]): torch.Tensor => torch.tensor(data);
const f64 = { dtype: torch.float64 };

export const samples: Record<string, Sample[]> = {
  // scans
  cumsum: [{ inputs: (r) => [r(3, 4)], call: (a) => a.cumsum(1) }, { inputs: (r) => [r(4, 2)], call: (a) => torch.cumsum(a, -2) }],
  cumprod: [
    { inputs: (r) => [r(2, 4)], call: (a) => a.cumprod(1) },
    // A zero in the input takes the exact (non-dividing) formula.
    { inputs: (r) => [r(5)], call: (a) => a.mul(torch.tensor([1, 0, 1, 1, 1], f64)).cumprod(0) },
  ],
  cummax: [{ inputs: (r) => [r(3, 4)], call: (a) => a.cummax(1).values }, { inputs: (r) => [r(4, 2)], call: (a) => a.cummin(0).values }],
  logcumsumexp: [{ inputs: (r) => [r(3, 4)], call: (a) => a.logcumsumexp(1) }],
  // sorting and selection
  sort: [
    { inputs: (r) => [r(3, 4)], call: (a) => a.sort({ dim: 1, descending: true }).values },
    { inputs: (r) => [r(3, 4)], call: (a) => a.topk(2, { dim: 0 }).values },
    { inputs: (r) => [r(3, 4)], call: (a) => a.kthvalue(2, 1).values },
    { inputs: (r) => [r(3, 5)], call: (a) => a.median(1).values },
    { inputs: (r) => [r(6)], call: (a) => a.quantile(0.3) },
  ],
  median_all: [{ inputs: (r) => [r(3, 3)], call: (a) => a.median() }],
  // rearranging
  flip: [{ inputs: (r) => [r(2, 3, 2)], call: (a) => a.flip(0, 2) }],
  roll: [{ inputs: (r) => [r(3, 4)], call: (a) => a.roll([1, -2], [0, 1]) }, { inputs: (r) => [r(2, 3)], call: (a) => a.roll(4) }],
  rot90: [{ inputs: (r) => [r(2, 3)], call: (a) => a.rot90() }, { inputs: (r) => [r(2, 3, 2)], call: (a) => a.rot90(3, [2, 0]) }],
  tril_triu: [{ inputs: (r) => [r(3, 4)], call: (a) => a.tril(1) }, { inputs: (r) => [r(2, 3, 3)], call: (a) => a.triu(-1) }],
  diagonal: [{ inputs: (r) => [r(3, 4)], call: (a) => a.diagonal(1) }, { inputs: (r) => [r(2, 3, 4)], call: (a) => a.diagonal(-1, 1, 2) }],
  diagonal_backward: [{ inputs: (r) => [r(2, 3)], call: (g) => _diagonalBackward(g, [2, 4, 3], 0, 1, 2) }],
  diag_embed: [{ inputs: (r) => [r(2, 3)], call: (a) => a.diag_embed(1) }],
  diag: [{ inputs: (r) => [r(3)], call: (a) => a.diag(-1) }, { inputs: (r) => [r(3, 4)], call: (a) => a.diag(1) }],
  trace: [{ inputs: (r) => [r(3, 4)], call: (a) => a.trace() }],
  repeat: [{ inputs: (r) => [r(2, 3)], call: (a) => a.tile([2, 1, 2]) }, { inputs: (r) => [r(3)], call: (a) => a.repeat(2, 2) }],
  // scatter family
  scatter: [
    { inputs: (r) => [r(3, 4), r(2, 4)], call: (a, s) => a.scatter(0, idx([[0, 1, 2, 0], [2, 0, 1, 1]]), s) },
    { inputs: (r) => [r(3, 4)], call: (a) => a.scatter(1, idx([[0], [3], [1]]), 1.5) },
    { inputs: (r) => [r(3, 2), r(2, 2)], call: (a, s) => a.scatter_add(0, idx([[0, 0], [0, 2]]), s) },
  ],
  index_write: [
    { inputs: (r) => [r(3, 4), r(3, 3)], call: (a, s) => a.index_add(1, idx([1, 1, 3]), s, { alpha: 2 }) },
    { inputs: (r) => [r(3, 4), r(2, 4)], call: (a, s) => a.index_copy(0, idx([2, 0]), s) },
    { inputs: (r) => [r(3, 4)], call: (a) => a.index_fill(1, idx([0, 2]), -1) },
    { inputs: (r) => [r(3, 4), r()], call: (a, v) => a.index_fill(0, idx([1]), v) },
  ],
  masked_scatter: [{ inputs: (r) => [r(2, 3), r(5)], call: (a, s) => a.masked_scatter(torch.tensor([true, false, true]), s) }],
  // pointwise
  asin: [{ inputs: (r) => [r(4)], call: (a) => a.mul(0.7).asin() }],
  acos: [{ inputs: (r) => [r(4)], call: (a) => a.mul(0.7).acos() }],
  atan: [{ inputs: (r) => [r(4)], call: (a) => a.atan() }],
  sinh: [{ inputs: (r) => [r(4)], call: (a) => a.sinh() }],
  cosh: [{ inputs: (r) => [r(4)], call: (a) => a.cosh() }],
  asinh: [{ inputs: (r) => [r(4)], call: (a) => a.asinh() }],
  acosh: [{ inputs: (_r, p) => [p(4)], call: (a) => a.add(1).acosh() }],
  atanh: [{ inputs: (r) => [r(4)], call: (a) => a.mul(0.7).atanh() }],
  erf: [{ inputs: (r) => [r(4)], call: (a) => a.erf() }],
  erfc: [{ inputs: (r) => [r(4)], call: (a) => a.erfc() }],
  erfinv: [{ inputs: (r) => [r(4)], call: (a) => a.mul(0.7).erfinv() }],
  lgamma: [{ inputs: (_r, p) => [p(4)], call: (a) => a.lgamma() }],
  digamma: [{ inputs: (_r, p) => [p(4)], call: (a) => a.digamma() }],
  exp2: [{ inputs: (r) => [r(4)], call: (a) => a.exp2() }],
  frac: [{ inputs: (r) => [r(4)], call: (a) => a.mul(0.5).frac() }],
  sgn: [{ inputs: (r) => [r(4)], call: (a) => a.sgn().mul(a) }],
  deg2rad: [{ inputs: (r) => [r(4)], call: (a) => a.deg2rad() }],
  rad2deg: [{ inputs: (r) => [r(4)], call: (a) => a.rad2deg() }],
  sinc: [{ inputs: (r) => [r(4)], call: (a) => a.sinc() }],
  logit: [{ inputs: (_r, p) => [p(4)], call: (a) => a.mul(0.4).logit() }, { inputs: (_r, p) => [p(4)], call: (a) => a.mul(0.4).logit(0.3) }],
  nan_to_num: [{ inputs: (r) => [r(4)], call: (a) => a.nan_to_num() }],
  atan2: [{ inputs: (r) => [r(2, 3), r(3)], call: (a, b) => torch.atan2(a, b) }],
  fmod: [{ inputs: (r) => [r(4)], call: (a) => a.fmod(2.5) }, { inputs: (r, p) => [r(4), p(4)], call: (a, b) => a.fmod(b.add(1.5)) }],
  hypot: [{ inputs: (r) => [r(2, 3), r(2, 3)], call: (a, b) => a.hypot(b) }],
  xlogy: [{ inputs: (r, p) => [r(4), p(4)], call: (a, b) => a.xlogy(b) }, { inputs: (r) => [r(4)], call: (a) => torch.xlogy(a, 2.5) }],
  logaddexp: [{ inputs: (r) => [r(2, 3), r(3)], call: (a, b) => a.logaddexp(b) }],
  logaddexp2: [{ inputs: (r) => [r(4), r(4)], call: (a, b) => a.logaddexp2(b) }],
  addcmul_addcdiv: [
    { inputs: (r) => [r(2, 3), r(3), r(2, 1)], call: (a, b, c) => a.addcmul(b, c, { value: 0.5 }) },
    { inputs: (r, p) => [r(2, 3), r(2, 3), p(3)], call: (a, b, c) => torch.addcdiv(a, b, c, { value: -2 }) },
  ],
  lerp_scalar: [{ inputs: (r) => [r(4), r(4)], call: (a, b) => a.lerp(b, 0.3) }, { inputs: (r) => [r(4), r(4)], call: (a, b) => a.lerp(b, 0.8) }],
  lerp_tensor: [{ inputs: (r) => [r(2, 3), r(2, 3), r(3)], call: (a, b, w) => a.lerp(b, w) }],
  // second batch (ops/more_misc.ts)
  fmax: [{ inputs: (r) => [r(2, 3), r(3)], call: (a, b) => torch.fmax(a, b) }, { inputs: (r) => [r(4), r(4)], call: (a, b) => a.fmin(b) }],
  copysign: [{ inputs: (r) => [r(4), r(4)], call: (a, b) => torch.copysign(a, b) }, { inputs: (r) => [r(4)], call: (a) => a.copysign(-1) }],
  masked_fill: [
    { inputs: (r) => [r(2, 3)], call: (a) => a.masked_fill(torch.tensor([true, false, true]), 0.5) },
    { inputs: (r) => [r(2, 3), r()], call: (a, v) => torch.masked_fill(a, torch.tensor([[true], [false]]), v) },
  ],
  addr: [{ inputs: (r) => [r(2, 3), r(2), r(3)], call: (i, a, b) => torch.addr(i, a, b, { beta: 0.5, alpha: 2 }) }],
  mul_scalar_overload: [
    { inputs: (r) => [r(2, 4)], call: (y) => torch.trapezoid(y, { dx: 0.5 }) },
    { inputs: (r) => [r(2, 4)], call: (y) => torch.trapezoid(y, torch.tensor([0, 1, 3, 4], f64)) },
    { inputs: (r) => [r(2, 4)], call: (y) => torch.cumulative_trapezoid(y, { dim: 1 }) },
  ],
  polygamma: [{ inputs: (_r, p) => [p(4)], call: (a) => torch.polygamma(2, a) }, { inputs: (_r, p) => [p(3)], call: (a) => a.polygamma(1) }],
  i0: [{ inputs: (r) => [r(4)], call: (a) => torch.i0(a) }],
  i1: [{ inputs: (r) => [r(4)], call: (a) => torch.special.i1(a) }],
  index_put_more: [
    { inputs: (r) => [r(3, 2), r(2, 2)], call: (a, v) => a.index_put([idx([0, 2])], v) },
    { inputs: (r) => [r(3, 2), r(2)], call: (a, v) => a.index_put([idx([1, 1]), idx([0, 0])], v, { accumulate: true }) },
  ],
  select_scatter: [
    { inputs: (r) => [r(3, 2), r(2)], call: (a, s) => torch.select_scatter(a, s, 0, 1) },
    { inputs: (r) => [r(3, 4), r(3, 2)], call: (a, s) => torch.slice_scatter(a, s, 1, 0, 4, 2) },
    { inputs: (r) => [r(3, 3), r(2)], call: (a, s) => torch.diagonal_scatter(a, s, 1) },
  ],
  scatter_reduce: [
    { inputs: (r) => [r(3, 2), r(2, 2)], call: (a, s) => a.scatter_reduce(0, idx([[0, 1], [0, 2]]), s, "sum") },
    { inputs: (r) => [r(3, 2), r(2, 2)], call: (a, s) => a.scatter_reduce(0, idx([[0, 1], [0, 2]]), s, "mean", { include_self: false }) },
    { inputs: (r) => [r(3, 2), r(2, 2)], call: (a, s) => a.scatter_reduce(0, idx([[0, 1], [0, 2]]), s, "amax") },
    { inputs: (r) => [r(3, 2), r(2, 2)], call: (a, s) => a.scatter_reduce(0, idx([[0, 1], [0, 2]]), s, "prod") },
  ],
  as_strided: [{ inputs: (r) => [r(3, 3)], call: (a) => a.mul(1).fill_diagonal_(0.5).mul(a) }],
  renorm: [
    { inputs: (r) => [r(3, 4)], call: (a) => a.renorm(2, 0, 1.0) },
    { inputs: (r) => [r(3, 4)], call: (a) => torch.renorm(a, 1, 1, 1.2) },
    { inputs: (r) => [r(2, 3, 2)], call: (a) => a.renorm(3, -1, 0.8) },
  ],
  view_inplace: [
    { inputs: (r) => [r(2, 3)], call: (a) => a.mul(2).unsqueeze_(0).mul(a) },
    { inputs: (r) => [r(2, 3)], call: (a) => a.mul(2).t_().mul(a.t()) },
    { inputs: (r) => [r(2, 1, 3)], call: (a) => a.mul(2).squeeze_().mul(a.squeeze(1)) },
    { inputs: (r) => [r(2, 5)], call: (a) => a.quantile(torch.tensor([0.2, 0.7], f64), { dim: 1 }) },
    { inputs: (r) => [r(6)], call: (a) => a.quantile(torch.tensor([0.2, 0.7], f64)) },
  ],
  xlog1py: [{ inputs: (r, p) => [r(4), p(4)], call: (a, b) => torch.special.xlog1py(a, b) }],
  // statistics and products (cov and corrcoef are compositions: covered through the ops they record)
  var_mean: [
    { inputs: (r) => [r(3, 4)], call: (a) => { const [s, m] = torch.std_mean(a, 1); return s.add(m.mul(2)); } },
    { inputs: (r) => [r(3, 4)], call: (a) => { const [v, m] = torch.var_mean(a, { dim: 0, keepdim: true }); return v.mul(m); } },
  ],
  nansum: [{ inputs: (r) => [r(3, 4)], call: (a) => a.nansum(1) }, { inputs: (r) => [r(3, 4)], call: (a) => a.nanmean() }],
  addmv: [{ inputs: (r) => [r(2), r(2, 3), r(3)], call: (i, m, v) => torch.addmv(i, m, v, { beta: 0.5, alpha: 2 }) }],
  baddbmm: [{ inputs: (r) => [r(2, 2), r(3, 2, 4), r(3, 4, 2)], call: (i, a, b) => torch.baddbmm(i, a, b, { alpha: 0.5 }) }],
  addbmm: [{ inputs: (r) => [r(2, 2), r(3, 2, 4), r(3, 4, 2)], call: (i, a, b) => torch.addbmm(i, a, b, { beta: 2 }) }],
};
