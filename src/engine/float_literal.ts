// JavaScript has one number type; PyTorch infers dtypes from Python's int/float distinction.
// The runner wraps float-spelled literals (`1.0`, `1e-3`) in factory-call arguments in this
// marker, so `torch.tensor([1.0, 2.0])` is float32 while `torch.tensor([1, 2])` is int64.
export class FloatLiteral {
  constructor(readonly value: number) {}
  valueOf(): number { return this.value; }
  toString(): string { return String(this.value); }
}
export function _floatLiteral(v: number): FloatLiteral { return new FloatLiteral(v); }

/** A scalar argument as user code may pass it. */
export type Scalar = number | boolean | FloatLiteral;

export function scalarValue(s: Scalar): number {
  return typeof s === "boolean" ? (s ? 1 : 0) : typeof s === "number" ? s : s.value;
}
/** Category of a scalar for promotion: bool 0, int 1, float 2. */
export function scalarCategory(s: Scalar): 0 | 1 | 2 {
  if (typeof s === "boolean") return 0;
  if (s instanceof FloatLiteral) return 2;
  return Number.isInteger(s) ? 1 : 2;
}
export function isScalar(v: unknown): v is Scalar {
  return typeof v === "number" || typeof v === "boolean" || v instanceof FloatLiteral;
}
