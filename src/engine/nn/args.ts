// PyTorch call conventions in TypeScript: positional arguments in PyTorch's order, optionally
// followed by one options object with PyTorch's keyword names (snake_case).
import { Tensor } from "../tensor";

export function isOptions(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !(v instanceof Tensor) && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

/** Merge positional `args` (named by `names`, in order) with a trailing options object. */
export function parseArgs<T extends object>(names: readonly (keyof T & string)[], args: readonly unknown[]): Partial<T> {
  const out: Record<string, unknown> = {};
  let list = args;
  const last = args[args.length - 1];
  if (args.length && isOptions(last)) {
    list = args.slice(0, -1);
    for (const [k, v] of Object.entries(last)) if (v !== undefined) out[k] = v;
  }
  list.forEach((v, i) => {
    if (i >= names.length) throw new TypeError(`too many positional arguments (expected at most ${names.length})`);
    if (v !== undefined) out[names[i]] = v;
  });
  return out as Partial<T>;
}
