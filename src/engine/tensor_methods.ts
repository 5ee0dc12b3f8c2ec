// Tensor methods, attached to the prototype so ops/ can import Tensor without cycles.
// Each method forwards to the op that owns the behaviour; nothing is computed here.
import { Tensor, TensorHook } from "./tensor";
import { DType, bool, float32, float64, int64, get_default_dtype } from "./dtype";
import * as E from "./ops/elementwise";
import * as R from "./ops/reduce";
import * as V from "./ops/views";
import * as L from "./ops/linalg";
import * as S from "./ops/softmax";
import * as I from "./ops/indexing";
import { inplace, overwrite, checkInplace } from "./ops/inplace";
import { Operand } from "./ops/scalar";
import { Scalar, scalarValue } from "./float_literal";
import { backward as runBackward, BackwardOptions } from "./autograd/engine";
import { readDense } from "./ops/loops";
import { tensor as makeTensor, FactoryOptions, zeros, ones, full } from "./creation";
import { rng } from "./rng";
import { RuntimeError } from "./errors";
import { formatTensor } from "./printing";
import { edgeOf, op1 } from "./ops/define";
import type { Node } from "./autograd/node";

type Dims = R.Dims;
type SizeArgs = (number | number[])[];

declare module "./tensor" {
  interface Tensor {
    toString(): string;
    // arithmetic
    add(other: Operand, opts?: { alpha?: number } | number): Tensor;
    sub(other: Operand, opts?: { alpha?: number } | number): Tensor;
    subtract(other: Operand, opts?: { alpha?: number } | number): Tensor;
    mul(other: Operand): Tensor;
    multiply(other: Operand): Tensor;
    div(other: Operand, opts?: { rounding_mode?: "trunc" | "floor" | null }): Tensor;
    divide(other: Operand, opts?: { rounding_mode?: "trunc" | "floor" | null }): Tensor;
    true_divide(other: Operand): Tensor;
    floor_divide(other: Operand): Tensor;
    remainder(other: Operand): Tensor;
    rsub(other: Operand, opts?: { alpha?: number }): Tensor;
    pow(exponent: Operand): Tensor;
    square(): Tensor;
    neg(): Tensor; negative(): Tensor;
    exp(): Tensor; log(): Tensor; log2(): Tensor; log10(): Tensor; log1p(): Tensor; expm1(): Tensor;
    sqrt(): Tensor; rsqrt(): Tensor; reciprocal(): Tensor; abs(): Tensor; absolute(): Tensor;
    sin(): Tensor; cos(): Tensor; tan(): Tensor; tanh(): Tensor; sigmoid(): Tensor; relu(): Tensor;
    sign(): Tensor; floor(): Tensor; ceil(): Tensor; trunc(): Tensor; round(): Tensor;
    clamp(min?: Scalar | Tensor | null | { min?: Scalar | Tensor | null; max?: Scalar | Tensor | null }, max?: Scalar | Tensor | null): Tensor;
    clip(min?: Scalar | Tensor | null | { min?: Scalar | Tensor | null; max?: Scalar | Tensor | null }, max?: Scalar | Tensor | null): Tensor;
    clamp_min(min: Scalar): Tensor; clamp_max(max: Scalar): Tensor;
    maximum(other: Tensor): Tensor; minimum(other: Tensor): Tensor;
    where(cond: Tensor, other: Operand): Tensor;
    eq(o: Operand): Tensor; ne(o: Operand): Tensor; lt(o: Operand): Tensor; le(o: Operand): Tensor; gt(o: Operand): Tensor; ge(o: Operand): Tensor;
    logical_and(o: Tensor): Tensor; logical_or(o: Tensor): Tensor; logical_xor(o: Tensor): Tensor; logical_not(): Tensor;
    isnan(): Tensor; isinf(): Tensor; isfinite(): Tensor;
    equal(o: Tensor): boolean; allclose(o: Tensor, opts?: { rtol?: number; atol?: number; equal_nan?: boolean }): boolean;
    // reductions
    sum(dim?: Dims | R.ReduceOpts, keepdim?: boolean, opts?: R.ReduceOpts): Tensor;
    mean(dim?: Dims | R.ReduceOpts, keepdim?: boolean, opts?: R.ReduceOpts): Tensor;
    prod(dim?: number | R.ReduceOpts, keepdim?: boolean): Tensor;
    max(): Tensor; max(other: Tensor): Tensor; max(dim: number | { dim?: number; keepdim?: boolean }, keepdim?: boolean): R.ReturnTypes;
    min(): Tensor; min(other: Tensor): Tensor; min(dim: number | { dim?: number; keepdim?: boolean }, keepdim?: boolean): R.ReturnTypes;
    amax(dim?: Dims, keepdim?: boolean): Tensor; amin(dim?: Dims, keepdim?: boolean): Tensor;
    argmax(dim?: number | null | { dim?: number | null; keepdim?: boolean }, keepdim?: boolean): Tensor;
    argmin(dim?: number | null | { dim?: number | null; keepdim?: boolean }, keepdim?: boolean): Tensor;
    var(dim?: Dims | boolean | R.VarOpts, unbiased?: boolean, keepdim?: boolean): Tensor;
    std(dim?: Dims | boolean | R.VarOpts, unbiased?: boolean, keepdim?: boolean): Tensor;
    norm(p?: number | "fro" | R.NormOpts | null, dim?: Dims, keepdim?: boolean): Tensor;
    logsumexp(dim: Dims, keepdim?: boolean): Tensor;
    all(dim?: number, keepdim?: boolean): Tensor; any(dim?: number, keepdim?: boolean): Tensor;
    count_nonzero(dim?: Dims): Tensor;
    // linear algebra
    matmul(o: Tensor): Tensor; mm(o: Tensor): Tensor; mv(o: Tensor): Tensor; dot(o: Tensor): Tensor; bmm(o: Tensor): Tensor; outer(o: Tensor): Tensor;
    // views and shape
    view(...sizes: SizeArgs): Tensor; view_as(o: Tensor): Tensor;
    reshape(...sizes: SizeArgs): Tensor; reshape_as(o: Tensor): Tensor;
    flatten(start_dim?: number, end_dim?: number): Tensor; unflatten(dim: number, sizes: number[]): Tensor;
    t(): Tensor; readonly T: Tensor; readonly mT: Tensor;
    transpose(d0: number, d1: number): Tensor; swapaxes(d0: number, d1: number): Tensor;
    permute(...dims: SizeArgs): Tensor;
    unsqueeze(dim: number): Tensor; squeeze(dim?: number | null): Tensor;
    expand(...sizes: SizeArgs): Tensor; expand_as(o: Tensor): Tensor; broadcast_to(shape: number[]): Tensor;
    narrow(dim: number, start: number, length: number): Tensor; select(dim: number, index: number): Tensor;
    contiguous(): Tensor; clone(): Tensor;
    split(size: number | number[], dim?: number): Tensor[]; chunk(chunks: number, dim?: number): Tensor[]; unbind(dim?: number): Tensor[];
    repeat(...sizes: SizeArgs): Tensor;
    index(...specs: I.IndexSpec[]): Tensor; getitem(...specs: I.IndexSpec[]): Tensor;
    setitem(specs: I.IndexSpec | I.IndexSpec[], value: Tensor | Scalar): Tensor;
    index_select(dim: number, index: Tensor): Tensor; gather(dim: number, index: Tensor): Tensor;
    masked_select(mask: Tensor): Tensor; masked_fill(mask: Tensor, value: Scalar | Tensor): Tensor; take(index: Tensor): Tensor;
    softmax(dim?: number | S.SoftmaxOpts | null, opts?: S.SoftmaxOpts): Tensor;
    log_softmax(dim?: number | S.SoftmaxOpts | null, opts?: S.SoftmaxOpts): Tensor;
    // dtype
    to(dtype: DType | { dtype?: DType; copy?: boolean } | string, opts?: { copy?: boolean }): Tensor;
    type(dtype?: DType | string): Tensor | string;
    float(): Tensor; double(): Tensor; long(): Tensor; int(): Tensor; bool(): Tensor;
    cpu(): Tensor; cuda(): Tensor; numpy(): unknown;
    new_tensor(data: unknown, opts?: FactoryOptions): Tensor;
    new_zeros(...args: (number | number[] | FactoryOptions)[]): Tensor;
    new_ones(...args: (number | number[] | FactoryOptions)[]): Tensor;
    new_full(size: number[], value: Scalar, opts?: FactoryOptions): Tensor;
    // in place
    add_(o: Operand, opts?: { alpha?: number } | number): Tensor; sub_(o: Operand, opts?: { alpha?: number } | number): Tensor;
    mul_(o: Operand): Tensor; div_(o: Operand, opts?: { rounding_mode?: "trunc" | "floor" | null }): Tensor; pow_(o: Operand): Tensor;
    neg_(): Tensor; exp_(): Tensor; log_(): Tensor; sqrt_(): Tensor; abs_(): Tensor; sigmoid_(): Tensor; tanh_(): Tensor; relu_(): Tensor;
    clamp_(min?: Scalar | null | { min?: Scalar | null; max?: Scalar | null }, max?: Scalar | null): Tensor;
    clamp_min_(min: Scalar): Tensor; clamp_max_(max: Scalar): Tensor;
    addcmul_(t1: Tensor, t2: Tensor, opts?: { value?: number }): Tensor; addcdiv_(t1: Tensor, t2: Tensor, opts?: { value?: number }): Tensor;
    lerp_(end: Tensor, weight: number): Tensor;
    masked_fill_(mask: Tensor, value: Scalar | Tensor): Tensor;
    zero_(): Tensor; fill_(v: Scalar | Tensor): Tensor; copy_(src: Tensor | Scalar): Tensor;
    uniform_(from?: number, to?: number): Tensor; normal_(mean?: number, std?: number): Tensor; bernoulli_(p?: number): Tensor;
    random_(from?: number, to?: number): Tensor;
    _checkInplace(): void;
    // autograd
    backward(gradient?: Tensor | null | (BackwardOptions & { gradient?: Tensor | null }), opts?: BackwardOptions): void;
    register_hook(hook: TensorHook): { remove(): void };
  }
}

type Proto = Record<string, unknown>;
const P = Tensor.prototype as unknown as Proto;
function def(name: string, fn: (this: Tensor, ...a: never[]) => unknown): void {
  Object.defineProperty(P, name, { value: fn, writable: true, configurable: true, enumerable: false });
}
const same = (names: string[], f: (this: Tensor, ...a: never[]) => unknown) => names.forEach((n) => def(n, f));

def("toString", function () {
  return formatTensor(
    { shape: this._shape, dtype: this._dtype.name, get: (i: number) => this._get(i) },
    { requiresGrad: this.requires_grad, gradFn: this._gradFn ? this._gradFn._displayName() : null, isParameter: this._isParameter, defaultDtype: get_default_dtype().name as "float32" | "float64" },
  );
});

// ---- arithmetic ---------------------------------------------------------------------------
same(["add"], function (o: Operand, opts?: { alpha?: number } | number) { return E.add(this, o, opts); });
same(["sub", "subtract"], function (o: Operand, opts?: { alpha?: number } | number) { return E.sub(this, o, opts); });
same(["mul", "multiply"], function (o: Operand) { return E.mul(this, o); });
same(["div", "divide"], function (o: Operand, opts?: { rounding_mode?: "trunc" | "floor" | null }) { return E.div(this, o, opts); });
def("true_divide", function (o: Operand) { return E.div(this, o); });
def("floor_divide", function (o: Operand) { return E.floor_divide(this, o); });
def("remainder", function (o: Operand) { return E.remainder(this, o); });
def("rsub", function (o: Operand, opts?: { alpha?: number }) { return E.rsub(this, o, opts); });
def("pow", function (o: Operand) { return E.pow(this, o); });
const unaryNames: [string, (t: Tensor) => Tensor][] = [
  ["square", E.square], ["neg", E.neg], ["negative", E.neg], ["exp", E.exp], ["log", E.log], ["log2", E.log2], ["log10", E.log10],
  ["log1p", E.log1p], ["expm1", E.expm1], ["sqrt", E.sqrt], ["rsqrt", E.rsqrt], ["reciprocal", E.reciprocal], ["abs", E.abs],
  ["absolute", E.abs], ["sin", E.sin], ["cos", E.cos], ["tan", E.tan], ["tanh", E.tanh], ["sigmoid", E.sigmoid], ["relu", E.relu],
  ["sign", E.sign], ["floor", E.floor], ["ceil", E.ceil], ["trunc", E.trunc], ["round", E.round],
  ["logical_not", E.logicalNot], ["isnan", E.isnan], ["isinf", E.isinf], ["isfinite", E.isfinite],
  ["contiguous", V.contiguous], ["clone", V.clone], ["t", V.t],
];
for (const [n, f] of unaryNames) def(n, function () { return f(this); });
same(["clamp", "clip"], function (a?: Scalar | Tensor | null | { min?: Scalar | Tensor | null; max?: Scalar | Tensor | null }, b?: Scalar | Tensor | null) { return E.clamp(this, a, b); });
def("clamp_min", function (m: Scalar) { return E.clamp_min(this, m); });
def("clamp_max", function (m: Scalar) { return E.clamp_max(this, m); });
def("maximum", function (o: Tensor) { return E.maximum(this, o); });
def("minimum", function (o: Tensor) { return E.minimum(this, o); });
def("where", function (c: Tensor, o: Operand) { return E.where(c, this, o); });
const cmp: [string, (a: Operand, b: Operand) => Tensor][] = [["eq", E.eq], ["ne", E.ne], ["lt", E.lt], ["le", E.le], ["gt", E.gt], ["ge", E.ge],
  ["greater", E.gt], ["less", E.lt], ["greater_equal", E.ge], ["less_equal", E.le], ["not_equal", E.ne]];
for (const [n, f] of cmp) def(n, function (o: Operand) { return f(this, o); });
def("logical_and", function (o: Tensor) { return E.logicalAnd(this, o); });
def("logical_or", function (o: Tensor) { return E.logicalOr(this, o); });
def("logical_xor", function (o: Tensor) { return E.logicalXor(this, o); });
def("equal", function (o: Tensor) { return E.equal(this, o); });
def("allclose", function (o: Tensor, opts?: { rtol?: number; atol?: number; equal_nan?: boolean }) { return E.allclose(this, o, opts); });

// ---- reductions ---------------------------------------------------------------------------
def("sum", function (d?: Dims | R.ReduceOpts, k?: boolean, o?: R.ReduceOpts) { return R.sum(this, d, k, o); });
def("mean", function (d?: Dims | R.ReduceOpts, k?: boolean, o?: R.ReduceOpts) { return R.mean(this, d, k, o); });
def("prod", function (d?: number | R.ReduceOpts, k?: boolean) { return R.prod(this, d, k); });
def("max", function (d?: number | Tensor | { dim?: number; keepdim?: boolean }, k?: boolean) { return (R.max as (t: Tensor, d?: unknown, k?: boolean) => unknown)(this, d, k); });
def("min", function (d?: number | Tensor | { dim?: number; keepdim?: boolean }, k?: boolean) { return (R.min as (t: Tensor, d?: unknown, k?: boolean) => unknown)(this, d, k); });
def("amax", function (d?: Dims, k?: boolean) { return R.amax(this, d, k); });
def("amin", function (d?: Dims, k?: boolean) { return R.amin(this, d, k); });
def("argmax", function (d?: number | null | { dim?: number | null; keepdim?: boolean }, k?: boolean) { return R.argmax(this, d, k); });
def("argmin", function (d?: number | null | { dim?: number | null; keepdim?: boolean }, k?: boolean) { return R.argmin(this, d, k); });
def("var", function (a?: Dims | boolean | R.VarOpts, b?: boolean, c?: boolean) { return R.var_(this, a, b, c); });
def("std", function (a?: Dims | boolean | R.VarOpts, b?: boolean, c?: boolean) { return R.std(this, a, b, c); });
def("norm", function (p?: number | "fro" | R.NormOpts | null, d?: Dims, k?: boolean) { return R.norm(this, p, d, k); });
def("logsumexp", function (d: Dims, k?: boolean) { return R.logsumexp(this, d, k); });
def("all", function (d?: number, k?: boolean) { return R.all(this, d, k); });
def("any", function (d?: number, k?: boolean) { return R.any(this, d, k); });
def("count_nonzero", function (d?: Dims) { return R.count_nonzero(this, d); });

// ---- linear algebra -----------------------------------------------------------------------
def("matmul", function (o: Tensor) { return L.matmul(this, o); });
def("mm", function (o: Tensor) { return L.mm(this, o); });
def("mv", function (o: Tensor) { return L.mv(this, o); });
def("dot", function (o: Tensor) { return L.dot(this, o); });
def("bmm", function (o: Tensor) { return L.bmm(this, o); });
def("outer", function (o: Tensor) { return L.outer(this, o); });

// ---- views ----------------------------------------------------------------------------
def("view", function (...s: SizeArgs) {
  const first = (s as unknown[])[0];
  if (first instanceof Object && "name" in (first as object) && (first as DType).alloc) throw new RuntimeError("view(dtype) is not supported");
  return V.view(this, ...s);
});
def("view_as", function (o: Tensor) { return V.view_as(this, o); });
def("reshape", function (...s: SizeArgs) { return V.reshape(this, ...s); });
def("reshape_as", function (o: Tensor) { return V.reshape_as(this, o); });
def("flatten", function (a?: number, b?: number) { return V.flatten(this, a, b); });
def("unflatten", function (d: number, s: number[]) { return V.unflatten(this, d, s); });
Object.defineProperty(P, "T", { get(this: Tensor) { return V.T(this); }, configurable: true });
Object.defineProperty(P, "mT", { get(this: Tensor) { return V.mT(this); }, configurable: true });
same(["transpose", "swapaxes", "swapdims"], function (a: number, b: number) { return V.transpose(this, a, b); });
def("permute", function (...d: SizeArgs) { return V.permute(this, ...d); });
def("unsqueeze", function (d: number) { return V.unsqueeze(this, d); });
def("squeeze", function (d?: number | null) { return V.squeeze(this, d); });
def("expand", function (...s: SizeArgs) { return V.expand(this, ...s); });
def("expand_as", function (o: Tensor) { return V.expand_as(this, o); });
def("broadcast_to", function (s: number[]) { return V.expand(this, s); });
def("narrow", function (d: number, s: number, l: number) { return V.narrow(this, d, s, l); });
def("select", function (d: number, i: number) { return V.select(this, d, i); });
def("split", function (s: number | number[], d?: number) { return V.split(this, s, d); });
def("chunk", function (c: number, d?: number) { return V.chunk(this, c, d); });
def("unbind", function (d?: number) { return V.unbind(this, d); });
def("repeat", function (...s: SizeArgs) {
  const reps = (s.length === 1 && Array.isArray(s[0]) ? s[0] : s) as number[];
  if (reps.length < this._shape.length) throw new RuntimeError("Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor");
  const lead = reps.length - this._shape.length;
  const src = V.reshape(this, [...new Array<number>(lead).fill(1), ...this._shape]);
  // repeat = expand along new interleaved dims, then reshape (RepeatBackward0 in PyTorch's naming is approximated by the composite).
  const inter: number[] = [], exp: number[] = [];
  src._shape.forEach((d, i) => { inter.push(1, d); exp.push(reps[i], d); });
  const out = V.reshape(V.expand(V.reshape(src, inter), exp), src._shape.map((d, i) => d * reps[i]));
  return out;
});
same(["index", "getitem"], function (...specs: I.IndexSpec[]) { return I.getitem(this, ...specs); });
def("setitem", function (specs: I.IndexSpec | I.IndexSpec[], value: Tensor | Scalar) {
  // The first argument lists the indices (`x[0, 1] = v` is `x.setitem([0, 1], v)`).
  I.setitem(this, Array.isArray(specs) ? (specs as I.IndexSpec[]) : [specs], value);
  return this;
});
def("index_select", function (d: number, i: Tensor) { return I.index_select(this, d, i); });
def("gather", function (d: number, i: Tensor) { return I.gather(this, d, i); });
def("masked_select", function (m: Tensor) { return I.masked_select(this, m); });
def("take", function (i: Tensor) { return I.take(this, i); });
def("masked_fill", function (m: Tensor, v: Scalar | Tensor) {
  const val = v instanceof Tensor ? v : E.toDtype(makeTensor(scalarValue(v), { dtype: this._dtype }), this._dtype);
  return E.where(m, val, this);
});
def("softmax", function (d?: number | S.SoftmaxOpts | null, o?: S.SoftmaxOpts) { return S.softmax(this, d, o); });
def("log_softmax", function (d?: number | S.SoftmaxOpts | null, o?: S.SoftmaxOpts) { return S.log_softmax(this, d, o); });

// ---- dtype ----------------------------------------------------------------------------------
const byName: Record<string, DType> = { float32, float: float32, float64, double: float64, int64, long: int64, bool, "torch.float32": float32, "torch.float64": float64, "torch.int64": int64, "torch.bool": bool };
def("to", function (a: DType | { dtype?: DType; copy?: boolean } | string, o?: { copy?: boolean }) {
  if (typeof a === "string") {
    if (a === "cpu") return this;
    const d = byName[a];
    if (!d) throw new RuntimeError(`Gradient Inspector runs on the CPU only; cannot move a tensor to '${a}'.`);
    return E.toDtype(this, d, o?.copy ?? false);
  }
  if (a instanceof DType) return E.toDtype(this, a, o?.copy ?? false);
  return a.dtype ? E.toDtype(this, a.dtype, a.copy ?? false) : this;
});
def("type", function (d?: DType | string) {
  if (d === undefined) return `torch.${{ float32: "FloatTensor", float64: "DoubleTensor", int64: "LongTensor", bool: "BoolTensor" }[this._dtype.name]}`;
  const dt = typeof d === "string" ? byName[d.replace("torch.", "").replace("Tensor", "").toLowerCase()] ?? byName[d] : d;
  return E.toDtype(this, dt);
});
def("float", function () { return E.toDtype(this, float32); });
def("double", function () { return E.toDtype(this, float64); });
same(["long", "int"], function () { return E.toDtype(this, int64); });
def("bool", function () { return E.toDtype(this, bool); });
def("cpu", function () { return this; });
def("cuda", function () { throw new RuntimeError("Torch not compiled with CUDA enabled"); });
def("numpy", function () {
  if (this.requires_grad) throw new RuntimeError("Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.");
  return this.tolist();
});
def("new_tensor", function (d: unknown, o?: FactoryOptions) { return makeTensor(d as number[], { dtype: this._dtype, ...o }); });
def("new_zeros", function (...a: (number | number[] | FactoryOptions)[]) { return withDtype(a, this._dtype, zeros); });
def("new_ones", function (...a: (number | number[] | FactoryOptions)[]) { return withDtype(a, this._dtype, ones); });
def("new_full", function (s: number[], v: Scalar, o?: FactoryOptions) { return full(s, v, { dtype: this._dtype, ...o }); });
function withDtype(a: (number | number[] | FactoryOptions)[], dtype: DType, f: (...x: (number | number[] | FactoryOptions)[]) => Tensor): Tensor {
  const last = a[a.length - 1];
  if (typeof last === "object" && !Array.isArray(last)) return f(...a.slice(0, -1), { dtype, ...last });
  return f(...a, { dtype });
}

// ---- in place ---------------------------------------------------------------------------
def("_checkInplace", function () { checkInplace(this); });
def("add_", function (o: Operand, opts?: { alpha?: number } | number) { return inplace(this, () => E.add(this, o, opts)); });
def("sub_", function (o: Operand, opts?: { alpha?: number } | number) { return inplace(this, () => E.sub(this, o, opts)); });
def("mul_", function (o: Operand) { return inplace(this, () => E.mul(this, o)); });
def("div_", function (o: Operand, opts?: { rounding_mode?: "trunc" | "floor" | null }) { return inplace(this, () => E.div(this, o, opts)); });
def("pow_", function (o: Operand) { return inplace(this, () => E.pow(this, o)); });
const unaryInplace: [string, (t: Tensor) => Tensor][] = [["neg_", E.neg], ["exp_", E.exp], ["log_", E.log], ["sqrt_", E.sqrt], ["abs_", E.abs],
  ["sigmoid_", E.sigmoid], ["tanh_", E.tanh], ["relu_", E.relu], ["floor_", E.floor], ["ceil_", E.ceil], ["round_", E.round], ["sign_", E.sign],
  ["reciprocal_", E.reciprocal], ["square_", E.square], ["sin_", E.sin], ["cos_", E.cos]];
for (const [n, f] of unaryInplace) def(n, function () { return inplace(this, () => f(this)); });
def("clamp_", function (a?: Scalar | null | { min?: Scalar | null; max?: Scalar | null }, b?: Scalar | null) { return inplace(this, () => E.clamp(this, a, b)); });
def("clamp_min_", function (m: Scalar) { return inplace(this, () => E.clamp_min(this, m)); });
def("clamp_max_", function (m: Scalar) { return inplace(this, () => E.clamp_max(this, m)); });
def("addcmul_", function (a: Tensor, b: Tensor, o?: { value?: number }) { return inplace(this, () => E.add(this, E.mul(E.mul(a, b), o?.value ?? 1))); });
def("addcdiv_", function (a: Tensor, b: Tensor, o?: { value?: number }) { return inplace(this, () => E.add(this, E.mul(E.div(a, b), o?.value ?? 1))); });
def("lerp_", function (end: Tensor, w: number) { return inplace(this, () => E.add(this, E.mul(E.sub(end, this), w))); });
def("masked_fill_", function (m: Tensor, v: Scalar | Tensor) {
  return inplace(this, () => (this as unknown as { masked_fill(m: Tensor, v: Scalar | Tensor): Tensor }).masked_fill(m, v));
});
def("zero_", function () { return overwrite(this, new Float64Array(this.numel()), "ZeroBackward0"); });
def("fill_", function (v: Scalar | Tensor) {
  const x = v instanceof Tensor ? Number(v.item()) : scalarValue(v);
  // PyTorch's names: fill_(Scalar) is FillBackward2, fill_(Tensor) FillBackward3.
  return overwrite(this, new Float64Array(this.numel()).fill(x), v instanceof Tensor ? "FillBackward3" : "FillBackward2");
});
def("copy_", function (src: Tensor | Scalar) {
  const s = src instanceof Tensor ? src : makeTensor(scalarValue(src), { dtype: this._dtype });
  return inplace(this, () => copyOp([this, s], { dtype: this._dtype }));
});
/** copy_'s node: the destination's old values get no gradient, the source gets it (cast back). */
const copyOp = op1<{ dtype: DType }>("copy", {
  name: "torch::autograd::CopyBackwards",
  forward: ([t, s], p) => E.toDtype(V.expand(s.detach(), t._shape), p.dtype, true).detach(),
  backward: ([g]) => [E.zerosLike(g), g],
});
def("uniform_", function (from = 0, to = 1) { return overwrite(this, rng().uniform(this.numel(), from, to, this._dtype), "UniformBackward0"); });
def("normal_", function (mean = 0, std = 1) { return overwrite(this, rng().normal(this.numel(), mean, std, this._dtype), "NormalBackward0"); });
def("bernoulli_", function (p = 0.5) { return overwrite(this, rng().bernoulli(new Float64Array(this.numel()).fill(p), this._dtype), "BernoulliBackward0"); });
def("random_", function (from?: number, to?: number) {
  const lo = to === undefined ? 0 : from ?? 0, hi = to === undefined ? from ?? 2 ** 24 : to;
  return overwrite(this, rng().randint(this.numel(), lo, hi), "RandomBackward0");
});

// ---- autograd ---------------------------------------------------------------------------
def("backward", function (gradient?: Tensor | null | (BackwardOptions & { gradient?: Tensor | null }), opts?: BackwardOptions) {
  // `y.backward({ retain_graph: true })` and `y.backward({ gradient: g })` are natural in TypeScript too.
  if (gradient && !(gradient instanceof Tensor)) {
    runBackward(this, gradient.gradient ?? null, gradient);
    return;
  }
  runBackward(this, gradient ?? null, opts ?? {});
});
let hookId = 0;
def("register_hook", function (hook: TensorHook) {
  if (!this.requires_grad) throw new RuntimeError("cannot register a hook on a tensor that doesn't require gradient");
  const id = ++hookId;
  if (this.is_leaf) {
    this._hooks.set(id, hook);
    return { remove: () => { this._hooks.delete(id); } };
  }
  const node = this._gradFn as Node;
  const nr = this._outputNr;
  const m = (node._tensorPreHooks[nr] ??= new Map());
  m.set(id, hook);
  return { remove: () => { m.delete(id); } };
});
// retain_grad needs the node to know which tensor keeps its grad.
const baseRetain = Object.getOwnPropertyDescriptor(Tensor.prototype, "retain_grad")?.value as (this: Tensor) => void;
def("retain_grad", function () {
  baseRetain.call(this);
  if (this._gradFn) this._gradFn._retainGradTensors[this._outputNr] = new WeakRef(this);
});
void edgeOf;
void readDense;
export {};
