// Small helpers nn's ops share: dense float data in and out of Tensors without autograd.
import { Tensor } from "../tensor";
import type { DType } from "../dtype";
import { readDense } from "../ops/loops";
import { RuntimeError } from "../errors";
import type { FloatArray } from "./kernels";

/** The tensor's elements as a dense row-major float array (the storage itself when dense: read only). */
export function floatData(t: Tensor): FloatArray {
  const d = readDense(t);
  if (d instanceof Float32Array || d instanceof Float64Array) return d;
  throw new RuntimeError(`expected a floating point tensor, got ${t._dtype}`);
}

/** A new tensor over `data` (taken, not copied). */
export function make(data: FloatArray, shape: readonly number[], dtype: DType): Tensor {
  return Tensor._make(data, shape, dtype);
}

/** A tensor from double-precision values, rounded to `dtype` on store. */
export function fromF64(values: Float64Array, shape: readonly number[], dtype: DType): Tensor {
  const out = dtype.alloc(values.length);
  out.set(values);
  return Tensor._make(out, shape, dtype);
}

export function pair(v: number | readonly number[], name = "argument"): [number, number] {
  if (typeof v === "number") return [v, v];
  if (v.length === 1) return [v[0], v[0]];
  if (v.length !== 2) throw new RuntimeError(`expected ${name} to be a single integer value or a list of 2 values`);
  return [v[0], v[1]];
}

export function sameFloatDtype(a: Tensor, b: Tensor | null | undefined, what: string): void {
  if (!a._dtype.isFloatingPoint) throw new RuntimeError(`"${what}" not implemented for '${a._dtype.name === "int64" ? "Long" : "Bool"}'`);
  if (b && b._dtype !== a._dtype) {
    const t = (d: DType) => ({ float32: "float", float64: "double", int64: "long int", bool: "bool" })[d.name];
    throw new RuntimeError(`expected scalar type ${t(a._dtype) === "float" ? "Float" : "Double"} but found ${t(b._dtype) === "float" ? "Float" : t(b._dtype) === "double" ? "Double" : t(b._dtype)}`);
  }
}
