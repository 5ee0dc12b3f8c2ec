// Small helpers shared by the ops added for wider PyTorch coverage (scan, sorting, shaping,
// scatter, pointwise_more, stats): a tensor seen as lines along one dim, dtype rounding, views.
import { DType, bool, float32, int64, get_default_dtype } from "../dtype";
import { Tensor } from "../tensor";
import { numelOf, wrapDim } from "../shape";
import { readDense } from "./loops";
import { RuntimeError } from "../errors";
import { FloatLiteral } from "../float_literal";

/** A tensor's dense elements seen as `outer` lines of `n` elements along `dim`, `inner` apart. */
export interface Lines {
  outer: number;
  n: number;
  inner: number;
  /** Index into the dense row-major data of element `i` of line `o` (o in [0, outer*inner)). */
  at: (o: number, i: number) => number;
}
export function linesOf(shape: readonly number[], dim: number): Lines {
  const n = shape.length === 0 ? 1 : shape[dim];
  const outer = shape.length === 0 ? 1 : numelOf(shape.slice(0, dim));
  const inner = shape.length === 0 ? 1 : numelOf(shape.slice(dim + 1));
  return {
    outer: outer * inner,
    n,
    inner,
    at: inner === 1 ? (o, i) => o * n + i : (o, i) => Math.floor(o / inner) * n * inner + (o % inner) + i * inner,
  };
}

/** Round per dtype so float32 results equal what PyTorch's float32 kernels store. */
export function rounder(d: DType): (x: number) => number {
  return d === float32 ? Math.fround : d === int64 ? Math.trunc : d === bool ? (x) => (x ? 1 : 0) : (x) => x;
}
/** Integer and bool inputs of float-valued ops give the default float dtype. */
export function floatOf(d: DType): DType { return d.isFloatingPoint ? d : get_default_dtype(); }

/** A view over `t`'s storage (shares the version counter; in-place writes reach the base). */
export function viewOf(t: Tensor, shape: number[], strides: number[], offset: number): Tensor {
  const v = new Tensor(t._storage, shape, strides, offset, t._dtype, t._vc);
  v._base = t._base ?? t;
  return v;
}

/** A fresh tensor from dense values. */
export function fromDense(values: ArrayLike<number>, shape: readonly number[], dtype: DType): Tensor {
  const out = dtype.alloc(values.length);
  for (let i = 0; i < values.length; i++) out[i] = dtype.cast(values[i]);
  return Tensor._make(out, shape, dtype);
}

/** `dim` wrapped for a tensor, treating a 0-dim tensor as having one dim (as PyTorch's scans do). */
export function dimOf(t: Tensor, dim: number): number { return wrapDim(dim, t._shape.length); }

/** The values of an int64 index tensor, with PyTorch's message for another dtype. */
export function indexData(index: Tensor, opName: string): ArrayLike<number> {
  if (index._dtype !== int64) throw new RuntimeError(`${opName}(): Expected dtype int64 for index`);
  return readDense(index);
}

/** The dtype as PyTorch's C++ messages spell it ("expected dtype float ... but got dtype double"). */
export function dtypeCppName(d: DType): string {
  return { float32: "float", float64: "double", int64: "long int", bool: "bool" }[d.name];
}
export function dtypeTitleOf(d: DType): string {
  return { float32: "Float", float64: "Double", int64: "Long", bool: "Bool" }[d.name];
}

/** Options objects come last; the positional form stays as PyTorch's argument order. */
export function isOpts<T>(v: T): v is Exclude<T, number | string | boolean | null | undefined | Tensor | readonly unknown[] | DType> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Tensor) && !(v instanceof DType) && !(v instanceof FloatLiteral);
}

/** A single-output op's call signature (annotated where an op's backward calls the op itself). */
export type Op<P> = (inputs: readonly (Tensor | null)[], params: P) => Tensor;
