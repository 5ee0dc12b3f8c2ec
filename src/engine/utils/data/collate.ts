// default_collate (torch/utils/data/_utils/collate.py) for the values a TypeScript dataset
// returns: tensors are stacked along a new dim 0; numbers become one tensor (JavaScript has a
// single number type, so a batch of integers gives int64 and any non-integer gives float64, as
// Python ints and floats do); booleans a bool tensor; strings stay a list; arrays and tuples are
// collated position by position; plain objects key by key.
import { Tensor } from "../../tensor";
import { stack } from "../../ops/views";
import { tensor } from "../../creation";
import { bool, float64, int64 } from "../../dtype";
import { RuntimeError, TorchTypeError } from "../../errors";

export type Collated<T> =
  T extends Tensor ? Tensor :
    T extends number | boolean ? Tensor :
      T extends string ? string[] :
        T extends readonly unknown[] ? { [K in keyof T]: Collated<T[K]> } :
          T extends object ? { [K in keyof T]: Collated<T[K]> } :
            never;

function typeName(v: unknown): string {
  if (v === null) return "<class 'NoneType'>";
  return `<class '${typeof v === "object" ? (v as object).constructor?.name ?? "object" : typeof v}'>`;
}

export function default_collate<T>(batch: readonly T[]): Collated<T> {
  return collate(batch as readonly unknown[]) as Collated<T>;
}

function collate(batch: readonly unknown[]): unknown {
  const elem = batch[0];
  if (elem instanceof Tensor) return stack(batch as Tensor[], 0);
  if (typeof elem === "number") {
    const nums = batch as number[];
    return tensor(nums, { dtype: nums.every((v) => Number.isInteger(v)) ? int64 : float64 });
  }
  if (typeof elem === "boolean") return tensor(batch as boolean[], { dtype: bool });
  if (typeof elem === "string") return batch.slice();
  if (Array.isArray(elem)) {
    const size = elem.length;
    if (!batch.every((b) => Array.isArray(b) && b.length === size)) throw new RuntimeError("each element in list of batch should be of equal size");
    return Array.from({ length: size }, (_v, i) => collate(batch.map((b) => (b as unknown[])[i])));
  }
  if (elem !== null && typeof elem === "object" && Object.getPrototypeOf(elem) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(elem)) out[k] = collate(batch.map((b) => (b as Record<string, unknown>)[k]));
    return out;
  }
  throw new TorchTypeError(`default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; found ${typeName(elem)}`);
}
