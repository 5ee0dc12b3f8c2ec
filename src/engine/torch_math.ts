// The torch.* functions of the ops added for wider coverage (one export line in index.ts).
export { cumsum, cumprod, cummax, cummin, logcumsumexp, diff } from "./ops/scan";
export { sort, argsort, msort, topk, kthvalue, median, nanmedian, mode, unique, searchsorted, bucketize } from "./ops/sorting";
export {
  flip, fliplr, flipud, roll, rot90, tril, triu, diag, diagonal, diag_embed, trace, tile, repeat_interleave, meshgrid, cartesian_prod,
  atleast_1d, atleast_2d, atleast_3d, hstack, vstack, row_stack, dstack, column_stack, tensor_split, hsplit, vsplit, dsplit,
  movedim, moveaxis, tril_indices, triu_indices, take_along_dim,
} from "./ops/reshaping";
export { scatter, scatter_add, index_add, index_copy, index_fill, masked_scatter } from "./ops/scatter";
export {
  asin, acos, atan, sinh, cosh, asinh, acosh, atanh, arcsin, arccos, arctan, arcsinh, arccosh, arctanh, erf, erfc, erfinv, lgamma, digamma,
  exp2, frac, sgn, sinc, deg2rad, rad2deg, logit, nan_to_num, atan2, arctan2, fmod, hypot, xlogy, logaddexp, logaddexp2, float_power,
  heaviside, isclose, addcmul, addcdiv, lerp,
} from "./ops/pointwise_more";
export { std_mean, var_mean, nansum, nanmean, quantile, nanquantile, histc, bincount, cov, corrcoef } from "./ops/stats";
export { addmv, addbmm, baddbmm } from "./ops/blas_more";
export { nonzero } from "./ops/elementwise";
export {
  ravel, argwhere, signbit, isposinf, isneginf, positive, isin, gcd, lcm, ldexp, result_type, promote_types, can_cast, fmax, fmin,
  copysign, masked_fill, diagflat, addr, vander, combinations, trapezoid, trapz, cumulative_trapezoid, polygamma, i0, index_put,
  select_scatter, slice_scatter, diagonal_scatter, scatter_reduce, unique_consecutive, gradient, aminmax, histogram, renorm,
} from "./ops/more_misc";
export { trunc as fix } from "./ops/elementwise";

import * as Pw from "./ops/pointwise_more";
import * as Mm from "./ops/more_misc";
import { expit, xlog1py, log1p, expm1, exp2_, round as roundT, log_softmax, softmax } from "./special_extras";
/** torch.special: the SciPy-style names of the special functions. */
export const special = {
  erf: Pw.erf, erfc: Pw.erfc, erfinv: Pw.erfinv, digamma: Pw.digamma, psi: Pw.digamma, gammaln: Pw.lgamma, exp2: exp2_, expm1, log1p,
  sinc: Pw.sinc, logit: Pw.logit, expit, xlogy: Pw.xlogy, xlog1py, i0: Mm.i0, i1: Mm.special_i1, polygamma: Mm.polygamma,
  round: roundT, log_softmax, softmax,
};
