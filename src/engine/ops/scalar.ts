// Turning user arguments (tensors, JS numbers, booleans, float-literal markers) into tensors
// with PyTorch's promotion. A scalar becomes a 0-dim "wrapped number" that never requires grad,
// which is why `x + 2` shows next_functions [AccumulateGrad, None] as in PyTorch.
import { DType, resultType, PromotionOperand, bool, int64, get_default_dtype } from "../dtype";
import { Tensor } from "../tensor";
import { isScalar, Scalar, scalarCategory, scalarValue } from "../float_literal";
import { TorchTypeError } from "../errors";

export type Operand = Tensor | Scalar;

export function promotionOf(o: Operand): PromotionOperand {
  return o instanceof Tensor ? { kind: "tensor", dtype: o._dtype, dim: o._shape.length } : { kind: "scalar", category: scalarCategory(o) };
}
export function resultTypeOf(...ops: Operand[]): DType {
  return resultType(ops.map(promotionOf));
}
export function scalarTensor(v: number, dtype: DType): Tensor {
  const d = dtype.alloc(1);
  d[0] = dtype.cast(v);
  return Tensor._make(d, [], dtype);
}
/** The operand as a tensor: tensors pass through, scalars become 0-dim tensors of `dtype`. */
export function asTensor(o: Operand, dtype: DType): Tensor {
  if (o instanceof Tensor) return o;
  if (!isScalar(o)) throw new TorchTypeError(`expected Tensor or number, but got ${describe(o)}`);
  return scalarTensor(scalarValue(o), dtype);
}
export function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "Array";
  return typeof v === "object" ? (v as object).constructor?.name ?? "object" : typeof v;
}
export function defaultDtypeForScalar(s: Scalar): DType {
  const c = scalarCategory(s);
  return c === 2 ? get_default_dtype() : c === 1 ? int64 : bool;
}
