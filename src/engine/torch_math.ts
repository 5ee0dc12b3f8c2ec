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
  heaviside, isclose, addcmul, addcdiv, lerp, special,
} from "./ops/pointwise_more";
export { std_mean, var_mean, nansum, nanmean, quantile, nanquantile, histc, bincount } from "./ops/stats";
export { addmv, addbmm, baddbmm } from "./ops/blas_more";
export { nonzero } from "./ops/elementwise";
