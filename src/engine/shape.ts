// Shapes, strides, dimension wrapping and broadcasting, with PyTorch's error texts.
import { IndexError, RuntimeError } from "./errors";

/** torch.Size: an array of ints that prints as `torch.Size([2, 3])`. */
export class Size extends Array<number> {
  static from_(dims: readonly number[]): Size {
    const s = new Size();
    for (const d of dims) s.push(d);
    return s;
  }
  numel(): number { return numelOf(this); }
  equals(o: readonly number[]): boolean { return sameShape(this, o); }
  override toString(): string { return `torch.Size([${this.join(", ")}])`; }
  [Symbol.for("nodejs.util.inspect.custom")](): string { return this.toString(); }
  // Array methods like map/slice should give plain arrays, not Sizes.
  static override get [Symbol.species](): ArrayConstructor { return Array; }
}

export function numelOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
export function contiguousStrides(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= Math.max(shape[i], 1);
  }
  return s;
}
export function fmtShape(shape: readonly number[]): string { return `[${shape.join(", ")}]`; }

/** Wrap a possibly negative dim, with PyTorch's IndexError text. */
export function wrapDim(dim: number, ndim: number): number {
  const n = Math.max(ndim, 1);
  if (dim < -n || dim >= n) {
    throw new IndexError(`Dimension out of range (expected to be in range of [${-n}, ${n - 1}], but got ${dim})`);
  }
  return dim < 0 ? dim + n : dim;
}

export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = i < n - a.length ? 1 : a[i - (n - a.length)];
    const db = i < n - b.length ? 1 : b[i - (n - b.length)];
    if (da !== db && da !== 1 && db !== 1) {
      throw new RuntimeError(`The size of tensor a (${da}) must match the size of tensor b (${db}) at non-singleton dimension ${i}`);
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Sizes passed as varargs or as one array (`zeros(2, 3)` or `zeros([2, 3])`). */
export function parseSizes(args: readonly unknown[]): number[] {
  if (args.length === 1 && Array.isArray(args[0])) return (args[0] as unknown[]).map(toInt);
  return args.map(toInt);
}
function toInt(v: unknown): number {
  const n = typeof v === "object" && v !== null ? Number(v) : v;
  if (typeof n !== "number" || !Number.isInteger(n)) throw new TypeError(`expected an int in a size, got ${String(v)}`);
  return n;
}

/** Infer one -1 in a view/reshape shape, with PyTorch's error texts. */
export function inferSize(shape: readonly number[], numel: number): number[] {
  let infer = -1;
  let prod = 1;
  const out = shape.slice();
  for (let i = 0; i < out.length; i++) {
    if (out[i] === -1) {
      if (infer >= 0) throw new RuntimeError("only one dimension can be inferred");
      infer = i;
    } else if (out[i] < 0) {
      throw new RuntimeError(`invalid shape dimension ${out[i]}`);
    } else prod *= out[i];
  }
  if (infer >= 0) {
    if (prod === 0 || numel % prod !== 0) throw new RuntimeError(`shape '${fmtShape(shape)}' is invalid for input of size ${numel}`);
    out[infer] = numel / prod;
  } else if (prod !== numel) {
    throw new RuntimeError(`shape '${fmtShape(shape)}' is invalid for input of size ${numel}`);
  }
  return out;
}

/**
 * Strides for viewing (shape, strides) as newShape without copying, or null when impossible
 * (PyTorch's computeStride).
 */
export function viewStrides(oldShape: readonly number[], oldStrides: readonly number[], newShape: readonly number[]): number[] | null {
  const numel = numelOf(oldShape);
  if (numel === 0 || oldShape.length === 0) return contiguousStrides(newShape);
  const newStrides = new Array<number>(newShape.length).fill(0);
  let viewD = newShape.length - 1;
  let chunkBase = oldStrides[oldStrides.length - 1] ?? 1;
  let tensorNumel = 1;
  let viewNumel = 1;
  for (let d = oldShape.length - 1; d >= 0; d--) {
    tensorNumel *= oldShape[d];
    if (d === 0 || (oldShape[d - 1] !== 1 && oldStrides[d - 1] !== tensorNumel * chunkBase)) {
      while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] === 1)) {
        newStrides[viewD] = viewNumel * chunkBase;
        viewNumel *= newShape[viewD];
        viewD--;
      }
      if (viewNumel !== tensorNumel) return null;
      if (d > 0) {
        chunkBase = oldStrides[d - 1];
        tensorNumel = 1;
        viewNumel = 1;
      }
    }
  }
  if (viewD !== -1) return null;
  return newStrides;
}
