// Tensor methods of the ops in ops/{scan,sorting,reshaping,scatter,pointwise_more,stats,blas_more}.ts
// (t.cumsum(1), t.sort({ descending: true }), t.scatter_(0, idx, src), ...), attached to the
// prototype like tensor_methods.ts does; each forwards to the op, nothing is computed here.
import { Tensor } from "./tensor";
import type { DType } from "./dtype";
import * as Sc from "./ops/scan";
import * as So from "./ops/sorting";
import * as Rs from "./ops/reshaping";
import * as Sx from "./ops/scatter";
import * as Pw from "./ops/pointwise_more";
import * as St from "./ops/stats";
import * as Bl from "./ops/blas_more";
import * as Mm from "./ops/more_misc";
import * as Iv from "./ops/inplace_views";
import * as E from "./ops/elementwise";
import * as L from "./ops/linalg";
import { split } from "./ops/views";
import { nonzero as nonzeroOp } from "./ops/elementwise";
import { inplace } from "./ops/inplace";
import type { ReturnTypes, Dims, ReduceOpts } from "./ops/reduce";
import type { Operand } from "./ops/scalar";
import type { Scalar } from "./float_literal";
import { zeros, FactoryOptions } from "./creation";

type ScanOpts = { dim?: number; dtype?: DType | null };
type DimKeep = { dim?: number; keepdim?: boolean };
type SizeArgs = (number | number[])[];
type BetaAlpha = { beta?: number; alpha?: number };

declare module "./tensor" {
  interface Tensor {
    cumsum(dim?: number | ScanOpts, opts?: ScanOpts): Tensor; cumsum_(dim?: number | ScanOpts, opts?: ScanOpts): Tensor;
    cumprod(dim?: number | ScanOpts, opts?: ScanOpts): Tensor; cumprod_(dim?: number | ScanOpts, opts?: ScanOpts): Tensor;
    cummax(dim?: number | { dim?: number }): ReturnTypes; cummin(dim?: number | { dim?: number }): ReturnTypes;
    logcumsumexp(dim: number | { dim: number }): Tensor;
    diff(n?: number | Sc.DiffOpts, dim?: number, prepend?: Tensor | null, append?: Tensor | null): Tensor;
    sort(dim?: number | boolean | So.SortOpts, descending?: boolean): ReturnTypes;
    argsort(dim?: number | boolean | So.SortOpts, descending?: boolean): Tensor;
    msort(): Tensor;
    topk(k: number | So.TopkOpts, dim?: number | So.TopkOpts, largest?: boolean, sorted?: boolean): ReturnTypes;
    kthvalue(k: number, dim?: number | DimKeep, keepdim?: boolean): ReturnTypes;
    median(): Tensor; median(dim: number | DimKeep, keepdim?: boolean): ReturnTypes;
    nanmedian(): Tensor; nanmedian(dim: number | DimKeep, keepdim?: boolean): ReturnTypes;
    mode(dim?: number | DimKeep, keepdim?: boolean): ReturnTypes;
    unique(sorted?: boolean | So.UniqueOpts, return_inverse?: boolean, return_counts?: boolean, dim?: number | null): Tensor | Tensor[];
    nonzero(opts?: { as_tuple?: boolean }): Tensor | Tensor[];
    flip(...dims: (number | number[])[]): Tensor; fliplr(): Tensor; flipud(): Tensor;
    roll(shifts: number | number[] | { shifts: number | number[]; dims?: number | number[] | null }, dims?: number | number[] | null): Tensor;
    rot90(k?: number | { k?: number; dims?: number[] }, dims?: number[]): Tensor;
    tril(diagonal?: number | { diagonal?: number }): Tensor; triu(diagonal?: number | { diagonal?: number }): Tensor;
    tril_(diagonal?: number | { diagonal?: number }): Tensor; triu_(diagonal?: number | { diagonal?: number }): Tensor;
    diag(diagonal?: number | { diagonal?: number }): Tensor;
    diagonal(offset?: number | { offset?: number; dim1?: number; dim2?: number }, dim1?: number, dim2?: number): Tensor;
    diag_embed(offset?: number | { offset?: number; dim1?: number; dim2?: number }, dim1?: number, dim2?: number): Tensor;
    trace(): Tensor;
    tile(...dims: SizeArgs): Tensor;
    repeat_interleave(repeats: number | Tensor | Rs.RepeatInterleaveOpts, dim?: number | null | Rs.RepeatInterleaveOpts): Tensor;
    tensor_split(indices_or_sections: number | number[] | Tensor, dim?: number | { dim?: number }): Tensor[];
    hsplit(sections: number | number[]): Tensor[]; vsplit(sections: number | number[]): Tensor[]; dsplit(sections: number | number[]): Tensor[];
    movedim(source: number | number[], destination: number | number[]): Tensor;
    moveaxis(source: number | number[], destination: number | number[]): Tensor;
    take_along_dim(indices: Tensor, dim?: number | null | { dim?: number | null }): Tensor;
    type_as(other: Tensor): Tensor;
    new_empty(...args: (number | number[] | FactoryOptions)[]): Tensor;
    scatter(dim: number, index: Tensor, src: Tensor | Scalar | Sx.ScatterOpts, opts?: Sx.ScatterOpts): Tensor;
    scatter_(dim: number, index: Tensor, src: Tensor | Scalar | Sx.ScatterOpts, opts?: Sx.ScatterOpts): Tensor;
    scatter_add(dim: number, index: Tensor, src: Tensor): Tensor; scatter_add_(dim: number, index: Tensor, src: Tensor): Tensor;
    index_add(dim: number, index: Tensor, source: Tensor, opts?: { alpha?: number } | number): Tensor;
    index_add_(dim: number, index: Tensor, source: Tensor, opts?: { alpha?: number } | number): Tensor;
    index_copy(dim: number, index: Tensor, source: Tensor): Tensor; index_copy_(dim: number, index: Tensor, source: Tensor): Tensor;
    index_fill(dim: number, index: Tensor, value: Scalar | Tensor): Tensor; index_fill_(dim: number, index: Tensor, value: Scalar | Tensor): Tensor;
    masked_scatter(mask: Tensor, source: Tensor): Tensor; masked_scatter_(mask: Tensor, source: Tensor): Tensor;
    asin(): Tensor; acos(): Tensor; atan(): Tensor; sinh(): Tensor; cosh(): Tensor; asinh(): Tensor; acosh(): Tensor; atanh(): Tensor;
    arcsin(): Tensor; arccos(): Tensor; arctan(): Tensor; arcsinh(): Tensor; arccosh(): Tensor; arctanh(): Tensor;
    erf(): Tensor; erfc(): Tensor; erfinv(): Tensor; lgamma(): Tensor; digamma(): Tensor; exp2(): Tensor; frac(): Tensor; sgn(): Tensor;
    sinc(): Tensor; deg2rad(): Tensor; rad2deg(): Tensor;
    asin_(): Tensor; acos_(): Tensor; atan_(): Tensor; sinh_(): Tensor; cosh_(): Tensor; asinh_(): Tensor; acosh_(): Tensor; atanh_(): Tensor;
    erf_(): Tensor; erfc_(): Tensor; erfinv_(): Tensor; lgamma_(): Tensor; digamma_(): Tensor; exp2_(): Tensor; frac_(): Tensor; sgn_(): Tensor;
    sinc_(): Tensor; deg2rad_(): Tensor; rad2deg_(): Tensor;
    logit(eps?: number | null | { eps?: number | null }): Tensor; logit_(eps?: number | null | { eps?: number | null }): Tensor;
    nan_to_num(nan?: number | Pw.NanToNumOpts, posinf?: number | null, neginf?: number | null): Tensor;
    nan_to_num_(nan?: number | Pw.NanToNumOpts, posinf?: number | null, neginf?: number | null): Tensor;
    atan2(other: Tensor): Tensor; arctan2(other: Tensor): Tensor; atan2_(other: Tensor): Tensor;
    fmod(other: Operand): Tensor; fmod_(other: Operand): Tensor;
    hypot(other: Tensor): Tensor; hypot_(other: Tensor): Tensor;
    xlogy(other: Operand): Tensor; xlogy_(other: Operand): Tensor;
    logaddexp(other: Tensor): Tensor; logaddexp2(other: Tensor): Tensor;
    float_power(exponent: Operand): Tensor;
    heaviside(values: Tensor): Tensor;
    isclose(other: Tensor, rtol?: number | Pw.IsCloseOpts, atol?: number, equal_nan?: boolean): Tensor;
    addcmul(t1: Tensor, t2: Tensor, value?: number | { value?: number }): Tensor;
    addcdiv(t1: Tensor, t2: Tensor, value?: number | { value?: number }): Tensor;
    lerp(end: Tensor, weight: Tensor | Scalar): Tensor;
    nansum(dim?: Dims | ReduceOpts, keepdim?: boolean, opts?: ReduceOpts): Tensor;
    nanmean(dim?: Dims | ReduceOpts, keepdim?: boolean, opts?: ReduceOpts): Tensor;
    quantile(q: Tensor | Scalar, dim?: number | null | St.QuantileOpts, keepdim?: boolean): Tensor;
    nanquantile(q: Tensor | Scalar, dim?: number | null | St.QuantileOpts, keepdim?: boolean): Tensor;
    histc(bins?: number | St.HistcOpts, min?: number, max?: number): Tensor;
    bincount(weights?: Tensor | null | { weights?: Tensor | null; minlength?: number }, minlength?: number): Tensor;
    addmv(mat: Tensor, vec: Tensor, opts?: BetaAlpha): Tensor;
    addbmm(batch1: Tensor, batch2: Tensor, opts?: BetaAlpha): Tensor;
    baddbmm(batch1: Tensor, batch2: Tensor, opts?: BetaAlpha): Tensor;
    addmm_(m1: Tensor, m2: Tensor, opts?: BetaAlpha): Tensor; addmm(m1: Tensor, m2: Tensor, opts?: BetaAlpha): Tensor;
    addmv_(mat: Tensor, vec: Tensor, opts?: BetaAlpha): Tensor; addbmm_(b1: Tensor, b2: Tensor, opts?: BetaAlpha): Tensor;
    baddbmm_(b1: Tensor, b2: Tensor, opts?: BetaAlpha): Tensor;
    cov(opts?: St.CovOpts): Tensor; corrcoef(): Tensor;
    unsqueeze_(dim: number): Tensor; squeeze_(dim?: number | null): Tensor; t_(): Tensor;
    transpose_(dim0: number, dim1: number): Tensor; swapaxes_(dim0: number, dim1: number): Tensor; swapdims_(dim0: number, dim1: number): Tensor;
    renorm(p: number, dim: number, maxnorm: number): Tensor; renorm_(p: number, dim: number, maxnorm: number): Tensor;
    aminmax(opts?: { dim?: number | null; keepdim?: boolean }): Mm.NamedPair;
    histogram(bins?: number | Tensor | Mm.HistogramOpts, opts?: Mm.HistogramOpts): Mm.NamedPair;
    ravel(): Tensor; argwhere(): Tensor; signbit(): Tensor; isposinf(): Tensor; isneginf(): Tensor; positive(): Tensor;
    fix(): Tensor; fix_(): Tensor; ndimension(): number;
    gcd(other: Tensor): Tensor; gcd_(other: Tensor): Tensor; lcm(other: Tensor): Tensor; lcm_(other: Tensor): Tensor;
    ldexp(other: Tensor): Tensor; ldexp_(other: Tensor): Tensor;
    fmax(other: Tensor): Tensor; fmin(other: Tensor): Tensor;
    copysign(other: Tensor | Scalar): Tensor; copysign_(other: Tensor | Scalar): Tensor;
    diagflat(offset?: number | { offset?: number }): Tensor;
    addr(vec1: Tensor, vec2: Tensor, opts?: BetaAlpha): Tensor; addr_(vec1: Tensor, vec2: Tensor, opts?: BetaAlpha): Tensor;
    polygamma(n: number): Tensor; polygamma_(n: number): Tensor; i0(): Tensor; i0_(): Tensor;
    index_put(indices: readonly (Tensor | null)[], values: Tensor | Scalar, accumulate?: boolean | { accumulate?: boolean }): Tensor;
    index_put_(indices: readonly (Tensor | null)[], values: Tensor | Scalar, accumulate?: boolean | { accumulate?: boolean }): Tensor;
    select_scatter(src: Tensor, dim: number, index: number): Tensor;
    slice_scatter(src: Tensor, dim?: number | { dim?: number; start?: number | null; end?: number | null; step?: number }, start?: number | null, end?: number | null, step?: number): Tensor;
    diagonal_scatter(src: Tensor, offset?: number | { offset?: number; dim1?: number; dim2?: number }, dim1?: number, dim2?: number): Tensor;
    scatter_reduce(dim: number, index: Tensor, src: Tensor, reduce: "sum" | "prod" | "mean" | "amax" | "amin", opts?: { include_self?: boolean }): Tensor;
    scatter_reduce_(dim: number, index: Tensor, src: Tensor, reduce: "sum" | "prod" | "mean" | "amax" | "amin", opts?: { include_self?: boolean }): Tensor;
    unique_consecutive(opts?: { return_inverse?: boolean; return_counts?: boolean; dim?: number | null }): Tensor | Tensor[];
    fill_diagonal_(value: Scalar, wrap?: boolean | { wrap?: boolean }): Tensor;
    sum_to_size(...size: (number | number[])[]): Tensor;
    split_with_sizes(sizes: number[], dim?: number): Tensor[];
    new_empty_strided(size: number[], stride: number[], opts?: FactoryOptions): Tensor;
    expm1_(): Tensor; log1p_(): Tensor; log2_(): Tensor; log10_(): Tensor; rsqrt_(): Tensor; tan_(): Tensor; trunc_(): Tensor;
    negative_(): Tensor; absolute_(): Tensor; clip_(min?: Scalar | null, max?: Scalar | null): Tensor;
    float_power_(exponent: Operand): Tensor; heaviside_(values: Tensor): Tensor; arctan2_(other: Tensor): Tensor;
    multiply_(other: Operand): Tensor; divide_(other: Operand, opts?: { rounding_mode?: "trunc" | "floor" | null }): Tensor;
    subtract_(other: Operand, opts?: { alpha?: number } | number): Tensor; true_divide_(other: Operand): Tensor;
    floor_divide_(other: Operand): Tensor; remainder_(other: Operand): Tensor;
    eq_(other: Operand): Tensor; ne_(other: Operand): Tensor; lt_(other: Operand): Tensor; le_(other: Operand): Tensor;
    gt_(other: Operand): Tensor; ge_(other: Operand): Tensor;
    logical_and_(other: Tensor): Tensor; logical_or_(other: Tensor): Tensor; logical_xor_(other: Tensor): Tensor; logical_not_(): Tensor;
  }
}

const proto = Tensor.prototype as unknown as Record<string, unknown>;
function def(name: string, fn: (this: Tensor, ...args: never[]) => unknown): void {
  Object.defineProperty(proto, name, { value: fn, writable: true, configurable: true, enumerable: false });
}
/** `name` and `name_`: the out-of-place op, and the same op written into the tensor (PyTorch's in-place rule). */
function both(name: string, fn: (this: Tensor, ...args: never[]) => Tensor): void {
  def(name, fn);
  def(`${name}_`, function (this: Tensor, ...args: never[]) { return inplace(this, () => fn.apply(this, args)); });
}

// ---- scans ---------------------------------------------------------------------------------------
both("cumsum", function (d?: number | ScanOpts, o?: ScanOpts) { return Sc.cumsum(this, d, o); });
both("cumprod", function (d?: number | ScanOpts, o?: ScanOpts) { return Sc.cumprod(this, d, o); });
def("cummax", function (d?: number | { dim?: number }) { return Sc.cummax(this, d); });
def("cummin", function (d?: number | { dim?: number }) { return Sc.cummin(this, d); });
def("logcumsumexp", function (d: number | { dim: number }) { return Sc.logcumsumexp(this, d); });
def("diff", function (n?: number | Sc.DiffOpts, d?: number, p?: Tensor | null, a?: Tensor | null) { return Sc.diff(this, n, d, p, a); });

// ---- sorting --------------------------------------------------------------------------------------
def("sort", function (d?: number | boolean | So.SortOpts, desc?: boolean) { return So.sort(this, d, desc); });
def("argsort", function (d?: number | boolean | So.SortOpts, desc?: boolean) { return So.argsort(this, d, desc); });
def("msort", function () { return So.msort(this); });
def("topk", function (k: number | So.TopkOpts, d?: number | So.TopkOpts, l?: boolean, s?: boolean) { return So.topk(this, k, d, l, s); });
def("kthvalue", function (k: number, d?: number | DimKeep, kd?: boolean) { return So.kthvalue(this, k, d, kd); });
def("median", function (d?: number | DimKeep, kd?: boolean) { return d === undefined ? So.median(this) : So.median(this, d, kd); });
def("nanmedian", function (d?: number | DimKeep, kd?: boolean) { return d === undefined ? So.nanmedian(this) : So.nanmedian(this, d, kd); });
def("mode", function (d?: number | DimKeep, kd?: boolean) { return So.mode(this, d, kd); });
def("unique", function (s?: boolean | So.UniqueOpts, ri?: boolean, rc?: boolean, d?: number | null) { return So.unique(this, s, ri, rc, d); });
def("nonzero", function (o?: { as_tuple?: boolean }) { return nonzeroOp(this, o); });

// ---- rearranging -----------------------------------------------------------------------------------
def("flip", function (...d: (number | number[])[]) { return Rs.flip(this, ...d); });
def("fliplr", function () { return Rs.fliplr(this); });
def("flipud", function () { return Rs.flipud(this); });
def("roll", function (s: number | number[] | { shifts: number | number[]; dims?: number | number[] | null }, d?: number | number[] | null) { return Rs.roll(this, s, d); });
def("rot90", function (k?: number | { k?: number; dims?: number[] }, d?: number[]) { return Rs.rot90(this, k, d); });
both("tril", function (k?: number | { diagonal?: number }) { return Rs.tril(this, k); });
both("triu", function (k?: number | { diagonal?: number }) { return Rs.triu(this, k); });
def("diag", function (k?: number | { diagonal?: number }) { return Rs.diag(this, k); });
def("diagonal", function (o?: number | { offset?: number; dim1?: number; dim2?: number }, a?: number, b?: number) { return Rs.diagonal(this, o, a, b); });
def("diag_embed", function (o?: number | { offset?: number; dim1?: number; dim2?: number }, a?: number, b?: number) { return Rs.diag_embed(this, o, a, b); });
def("trace", function () { return Rs.trace(this); });
def("tile", function (...d: SizeArgs) { return Rs.tile(this, ...d); });
// Replaces tensor_methods.ts's composite repeat (expand + reshape) with the RepeatBackward0 node PyTorch records.
def("repeat", function (...d: SizeArgs) { return Rs.repeat(this, ...d); });
def("repeat_interleave", function (r: number | Tensor | Rs.RepeatInterleaveOpts, d?: number | null | Rs.RepeatInterleaveOpts) { return Rs.repeat_interleave(this, r, d); });
def("tensor_split", function (s: number | number[] | Tensor, d?: number | { dim?: number }) { return Rs.tensor_split(this, s, d); });
def("hsplit", function (s: number | number[]) { return Rs.hsplit(this, s); });
def("vsplit", function (s: number | number[]) { return Rs.vsplit(this, s); });
def("dsplit", function (s: number | number[]) { return Rs.dsplit(this, s); });
def("movedim", function (s: number | number[], d: number | number[]) { return Rs.movedim(this, s, d); });
def("moveaxis", function (s: number | number[], d: number | number[]) { return Rs.movedim(this, s, d); });
def("take_along_dim", function (i: Tensor, d?: number | null | { dim?: number | null }) { return Rs.take_along_dim(this, i, d); });
def("type_as", function (o: Tensor) { return Rs.type_as(this, o); });
def("new_empty", function (...a: (number | number[] | FactoryOptions)[]) {
  const last = a[a.length - 1];
  const opts = typeof last === "object" && !Array.isArray(last) ? last : {};
  const sizes = (typeof last === "object" && !Array.isArray(last) ? a.slice(0, -1) : a) as SizeArgs;
  return zeros(...sizes, { dtype: this._dtype, ...opts });
});

// ---- scatter family ---------------------------------------------------------------------------------
both("scatter", function (d: number, i: Tensor, s: Tensor | Scalar | Sx.ScatterOpts, o?: Sx.ScatterOpts) { return Sx.scatter(this, d, i, s, o); });
both("scatter_add", function (d: number, i: Tensor, s: Tensor) { return Sx.scatter_add(this, d, i, s); });
both("index_add", function (d: number, i: Tensor, s: Tensor, o?: { alpha?: number } | number) { return Sx.index_add(this, d, i, s, o); });
both("index_copy", function (d: number, i: Tensor, s: Tensor) { return Sx.index_copy(this, d, i, s); });
both("index_fill", function (d: number, i: Tensor, v: Scalar | Tensor) { return Sx.index_fill(this, d, i, v); });
both("masked_scatter", function (m: Tensor, s: Tensor) { return Sx.masked_scatter(this, m, s); });

// ---- pointwise ---------------------------------------------------------------------------------------
const unary: [string, (t: Tensor) => Tensor][] = [
  ["asin", Pw.asin], ["acos", Pw.acos], ["atan", Pw.atan], ["sinh", Pw.sinh], ["cosh", Pw.cosh], ["asinh", Pw.asinh], ["acosh", Pw.acosh],
  ["atanh", Pw.atanh], ["arcsin", Pw.asin], ["arccos", Pw.acos], ["arctan", Pw.atan], ["arcsinh", Pw.asinh], ["arccosh", Pw.acosh],
  ["arctanh", Pw.atanh], ["erf", Pw.erf], ["erfc", Pw.erfc], ["erfinv", Pw.erfinv], ["lgamma", Pw.lgamma], ["digamma", Pw.digamma],
  ["exp2", Pw.exp2], ["frac", Pw.frac], ["sgn", Pw.sgn], ["sinc", Pw.sinc], ["deg2rad", Pw.deg2rad], ["rad2deg", Pw.rad2deg],
];
for (const [n, f] of unary) both(n, function () { return f(this); });
both("logit", function (e?: number | null | { eps?: number | null }) { return Pw.logit(this, e); });
both("nan_to_num", function (n?: number | Pw.NanToNumOpts, p?: number | null, m?: number | null) { return Pw.nan_to_num(this, n, p, m); });
both("atan2", function (o: Tensor) { return Pw.atan2(this, o); });
def("arctan2", function (o: Tensor) { return Pw.atan2(this, o); });
both("fmod", function (o: Operand) { return Pw.fmod(this, o); });
both("hypot", function (o: Tensor) { return Pw.hypot(this, o); });
both("xlogy", function (o: Operand) { return Pw.xlogy(this, o); });
def("logaddexp", function (o: Tensor) { return Pw.logaddexp(this, o); });
def("logaddexp2", function (o: Tensor) { return Pw.logaddexp2(this, o); });
def("float_power", function (o: Operand) { return Pw.float_power(this, o); });
def("heaviside", function (v: Tensor) { return Pw.heaviside(this, v); });
def("isclose", function (o: Tensor, r?: number | Pw.IsCloseOpts, a?: number, e?: boolean) { return Pw.isclose(this, o, r, a, e); });
def("addcmul", function (a: Tensor, b: Tensor, v?: number | { value?: number }) { return Pw.addcmul(this, a, b, v); });
def("addcdiv", function (a: Tensor, b: Tensor, v?: number | { value?: number }) { return Pw.addcdiv(this, a, b, v); });
def("lerp", function (e: Tensor, w: Tensor | Scalar) { return Pw.lerp(this, e, w); });

// ---- statistics and products --------------------------------------------------------------------------
def("nansum", function (d?: Dims | ReduceOpts, k?: boolean, o?: ReduceOpts) { return St.nansum(this, d, k, o); });
def("nanmean", function (d?: Dims | ReduceOpts, k?: boolean, o?: ReduceOpts) { return St.nanmean(this, d, k, o); });
def("quantile", function (q: Tensor | Scalar, d?: number | null | St.QuantileOpts, k?: boolean) { return St.quantile(this, q, d, k); });
def("nanquantile", function (q: Tensor | Scalar, d?: number | null | St.QuantileOpts, k?: boolean) { return St.nanquantile(this, q, d, k); });
def("histc", function (b?: number | St.HistcOpts, lo?: number, hi?: number) { return St.histc(this, b, lo, hi); });
def("bincount", function (w?: Tensor | null | { weights?: Tensor | null; minlength?: number }, m?: number) { return St.bincount(this, w, m); });
def("addmv", function (m: Tensor, v: Tensor, o?: BetaAlpha) { return Bl.addmv(this, m, v, o); });
def("addbmm", function (a: Tensor, b: Tensor, o?: BetaAlpha) { return Bl.addbmm(this, a, b, o); });
def("baddbmm", function (a: Tensor, b: Tensor, o?: BetaAlpha) { return Bl.baddbmm(this, a, b, o); });

// ---- second batch ------------------------------------------------------------------------------------
both("addmm", function (a: Tensor, b: Tensor, o?: BetaAlpha) { return L.addmm(this, a, b, o); });
def("addmv_", function (this: Tensor, m: Tensor, v: Tensor, o?: BetaAlpha) { return inplace(this, () => Bl.addmv(this, m, v, o)); });
def("addbmm_", function (this: Tensor, a: Tensor, b: Tensor, o?: BetaAlpha) { return inplace(this, () => Bl.addbmm(this, a, b, o)); });
def("baddbmm_", function (this: Tensor, a: Tensor, b: Tensor, o?: BetaAlpha) { return inplace(this, () => Bl.baddbmm(this, a, b, o)); });
def("ravel", function () { return Mm.ravel(this); });
def("cov", function (o?: St.CovOpts) { return St.cov(this, o); });
def("unsqueeze_", function (d: number) { return Iv.unsqueeze_(this, d); });
def("squeeze_", function (d?: number | null) { return Iv.squeeze_(this, d); });
def("t_", function () { return Iv.t_(this); });
for (const n of ["transpose_", "swapaxes_", "swapdims_"]) def(n, function (this: Tensor, a: number, b: number) { return Iv.transpose_(this, a, b); });
both("renorm", function (p: number, d: number, m: number) { return Mm.renorm(this, p, d, m); });
def("aminmax", function (o?: { dim?: number | null; keepdim?: boolean }) { return Mm.aminmax(this, o); });
def("histogram", function (b?: number | Tensor | Mm.HistogramOpts, o?: Mm.HistogramOpts) { return Mm.histogram(this, b, o); });
def("corrcoef", function () { return St.corrcoef(this); });
def("argwhere", function () { return Mm.argwhere(this); });
def("signbit", function () { return Mm.signbit(this); });
def("isposinf", function () { return Mm.isposinf(this); });
def("isneginf", function () { return Mm.isneginf(this); });
def("positive", function () { return Mm.positive(this); });
both("fix", function () { return E.trunc(this); });
def("ndimension", function () { return this._shape.length; });
both("gcd", function (o: Tensor) { return Mm.gcd(this, o); });
both("lcm", function (o: Tensor) { return Mm.lcm(this, o); });
both("ldexp", function (o: Tensor) { return Mm.ldexp(this, o); });
def("fmax", function (o: Tensor) { return Mm.fmax(this, o); });
def("fmin", function (o: Tensor) { return Mm.fmin(this, o); });
both("copysign", function (o: Tensor | Scalar) { return Mm.copysign(this, o); });
def("diagflat", function (k?: number | { offset?: number }) { return Mm.diagflat(this, k); });
both("addr", function (a: Tensor, b: Tensor, o?: BetaAlpha) { return Mm.addr(this, a, b, o); });
both("polygamma", function (n: number) { return Mm.polygamma(n, this); });
both("i0", function () { return Mm.i0(this); });
both("index_put", function (i: readonly (Tensor | null)[], v: Tensor | Scalar, a?: boolean | { accumulate?: boolean }) { return Mm.index_put(this, i, v, a); });
def("select_scatter", function (s: Tensor, d: number, i: number) { return Mm.select_scatter(this, s, d, i); });
def("slice_scatter", function (s: Tensor, d?: number | { dim?: number; start?: number | null; end?: number | null; step?: number }, a?: number | null, b?: number | null, st?: number) {
  return Mm.slice_scatter(this, s, d, a, b, st);
});
def("diagonal_scatter", function (s: Tensor, o?: number | { offset?: number; dim1?: number; dim2?: number }, a?: number, b?: number) { return Mm.diagonal_scatter(this, s, o, a, b); });
both("scatter_reduce", function (d: number, i: Tensor, s: Tensor, r: "sum" | "prod" | "mean" | "amax" | "amin", o?: { include_self?: boolean }) {
  return Mm.scatter_reduce(this, d, i, s, r, o);
});
def("unique_consecutive", function (o?: { return_inverse?: boolean; return_counts?: boolean; dim?: number | null }) { return Mm.unique_consecutive(this, o); });
def("fill_diagonal_", function (v: Scalar, w?: boolean | { wrap?: boolean }) { return Mm.fill_diagonal_(this, v, w); });
def("sum_to_size", function (...s: (number | number[])[]) { return Mm.sum_to_size(this, ...s); });
def("split_with_sizes", function (s: number[], d?: number) { return split(this, s, d); });
def("new_empty_strided", function (s: number[], _st: number[], o?: FactoryOptions) { return zeros(s, { dtype: this._dtype, ...o }); });
// Replaces tensor_methods.ts's masked_fill (a where(), WhereBackward0) with PyTorch's MaskedFillBackward0/1 node.
def("masked_fill", function (m: Tensor, v: Scalar | Tensor) { return Mm.masked_fill(this, m, v); });
// In-place forms of existing ops that had none: the op's result written into the tensor.
const inplaceOf: [string, (t: Tensor, ...a: never[]) => Tensor][] = [
  ["expm1_", E.expm1], ["log1p_", E.log1p], ["log2_", E.log2], ["log10_", E.log10], ["rsqrt_", E.rsqrt], ["tan_", E.tan], ["trunc_", E.trunc],
  ["negative_", E.neg], ["absolute_", E.abs], ["clip_", E.clamp as (t: Tensor, ...a: never[]) => Tensor],
  ["float_power_", Pw.float_power as (t: Tensor, ...a: never[]) => Tensor], ["heaviside_", Pw.heaviside], ["arctan2_", Pw.atan2 as (t: Tensor, ...a: never[]) => Tensor],
  ["multiply_", E.mul as (t: Tensor, ...a: never[]) => Tensor], ["divide_", E.div as (t: Tensor, ...a: never[]) => Tensor],
  ["subtract_", E.sub as (t: Tensor, ...a: never[]) => Tensor], ["true_divide_", E.true_divide as (t: Tensor, ...a: never[]) => Tensor],
  ["floor_divide_", E.floor_divide as (t: Tensor, ...a: never[]) => Tensor], ["remainder_", E.remainder as (t: Tensor, ...a: never[]) => Tensor],
  ["eq_", E.eq as (t: Tensor, ...a: never[]) => Tensor], ["ne_", E.ne as (t: Tensor, ...a: never[]) => Tensor], ["lt_", E.lt as (t: Tensor, ...a: never[]) => Tensor],
  ["le_", E.le as (t: Tensor, ...a: never[]) => Tensor], ["gt_", E.gt as (t: Tensor, ...a: never[]) => Tensor], ["ge_", E.ge as (t: Tensor, ...a: never[]) => Tensor],
  ["logical_and_", E.logicalAnd], ["logical_or_", E.logicalOr], ["logical_xor_", E.logicalXor], ["logical_not_", E.logicalNot],
];
for (const [n, f] of inplaceOf) {
  if (n in proto) continue; // never shadow a method another file already defines
  def(n, function (this: Tensor, ...a: never[]) { return inplace(this, () => f(this, ...a)); });
}
export {};
