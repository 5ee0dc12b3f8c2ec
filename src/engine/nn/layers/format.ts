// Python's repr of the values layers print in their extra_repr (ints, floats, tuples, bools).
import { pyFloatRepr } from "../../printing";

export type ReprValue = number | boolean | string | null | undefined | readonly ReprValue[];

/** JS cannot tell 1 from 1.0: `float` marks values PyTorch stores as Python floats. */
export function pyRepr(v: ReprValue, float = false): string {
  if (v === null || v === undefined) return "None";
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "string") return v;
  if (typeof v === "number") return float || !Number.isInteger(v) ? pyFloatRepr(v) : String(v);
  if (v.length === 1) return `(${pyRepr(v[0], float)},)`;
  return `(${v.map((x) => pyRepr(x, float)).join(", ")})`;
}
