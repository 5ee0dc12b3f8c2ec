// Dtypes and PyTorch's type promotion. int64 values live in a Float64Array: exact up to 2^53,
// which every realistic index or count fits; the README lists this as a deliberate difference.
import type { DTypeName } from "../protocol";

export type TypedArray = Float32Array | Float64Array | Uint8Array;

export class DType {
  private constructor(
    readonly name: DTypeName,
    readonly isFloatingPoint: boolean,
    /** bool < int < float: the categories PyTorch promotes across. */
    readonly category: 0 | 1 | 2,
    readonly itemsize: number,
  ) {}
  static readonly float32 = new DType("float32", true, 2, 4);
  static readonly float64 = new DType("float64", true, 2, 8);
  static readonly int64 = new DType("int64", false, 1, 8);
  static readonly bool = new DType("bool", false, 0, 1);
  get is_floating_point(): boolean { return this.isFloatingPoint; }
  toString(): string { return `torch.${this.name}`; }
  [Symbol.for("nodejs.util.inspect.custom")](): string { return this.toString(); }
  /** Storage for n elements of this dtype. */
  alloc(n: number): TypedArray {
    switch (this.name) {
      case "float32": return new Float32Array(n);
      case "bool": return new Uint8Array(n);
      default: return new Float64Array(n);
    }
  }
  /** Convert a JS number to the value this dtype stores (int64 truncates toward zero as PyTorch's casts do). */
  cast(v: number): number {
    switch (this.name) {
      case "float32": return Math.fround(v);
      case "float64": return v;
      case "int64": return Number.isFinite(v) ? Math.trunc(v) : v !== v ? 0 : v > 0 ? 2 ** 63 - 1 : -(2 ** 63);
      case "bool": return v !== 0 ? 1 : 0;
    }
  }
}

export const float32 = DType.float32;
export const float64 = DType.float64;
export const int64 = DType.int64;
export const bool = DType.bool;
export const float = float32;
export const double = float64;
export const long = int64;

let defaultFloat: DType = float32;
export function get_default_dtype(): DType { return defaultFloat; }
export function set_default_dtype(d: DType): void {
  if (!d.isFloatingPoint) throw new TypeError("only floating-point types are supported as the default type");
  defaultFloat = d;
}

export function dtypeFromName(n: DTypeName): DType {
  return { float32, float64, int64, bool }[n];
}

/** Promote two dtypes of the same priority class (both dimensioned tensors, say). */
export function promoteTypes(a: DType, b: DType): DType {
  if (a === b) return a;
  if (a.category !== b.category) return a.category > b.category ? a : b;
  return a.itemsize >= b.itemsize ? a : b;
}

/** One operand of a promoting op: a tensor (with its dim) or a Python-like scalar. */
export type PromotionOperand =
  | { kind: "tensor"; dtype: DType; dim: number }
  | { kind: "scalar"; category: 0 | 1 | 2 };

/**
 * PyTorch's result_type: dimensioned tensors win over 0-dim tensors, which win over scalars,
 * unless a lower-priority operand belongs to a higher category (bool < int < float).
 */
export function resultType(ops: PromotionOperand[]): DType {
  let dimT: DType | null = null;
  let zeroT: DType | null = null;
  let scalarCat = -1;
  for (const o of ops) {
    if (o.kind === "scalar") scalarCat = Math.max(scalarCat, o.category);
    else if (o.dim > 0) dimT = dimT ? promoteTypes(dimT, o.dtype) : o.dtype;
    else zeroT = zeroT ? promoteTypes(zeroT, o.dtype) : o.dtype;
  }
  let r: DType | null = dimT;
  if (zeroT && (!r || zeroT.category > r.category)) r = zeroT;
  if (scalarCat >= 0 && (!r || scalarCat > r.category)) r = scalarCat === 2 ? defaultFloat : scalarCat === 1 ? int64 : bool;
  return r ?? defaultFloat;
}
