// Strided element loops under the ops: reading a tensor's logical elements in row-major order,
// and mapping unary/binary functions with broadcasting. Contiguous inputs take a plain loop.
// These know nothing of autograd; ops call them inside forward/backward.
import type { DType, TypedArray } from "../dtype";
import { Tensor } from "../tensor";
import { broadcastShapes, contiguousStrides, numelOf } from "../shape";

/** Whether the tensor's elements are exactly its storage in order (zero-copy reads). */
export function isDense(t: Tensor): boolean {
  return t._offset === 0 && t._storage.data.length === numelOf(t._shape) && t.is_contiguous();
}

/** Storage offsets of the logical elements of a strided view, in row-major order. */
export function elementOffsets(shape: readonly number[], strides: readonly number[], offset: number): Int32Array {
  const n = numelOf(shape);
  const out = new Int32Array(n);
  const nd = shape.length;
  if (n === 0) return out;
  if (nd === 0) { out[0] = offset; return out; }
  const idx = new Array<number>(nd).fill(0);
  const last = nd - 1;
  const ls = strides[last];
  const ln = shape[last];
  let base = offset;
  let k = 0;
  for (;;) {
    for (let j = 0, o = base; j < ln; j++, o += ls) out[k++] = o;
    if (k >= n) break;
    let d = last - 1;
    for (; d >= 0; d--) {
      idx[d]++;
      base += strides[d];
      if (idx[d] < shape[d]) break;
      base -= strides[d] * shape[d];
      idx[d] = 0;
    }
    if (d < 0) break;
  }
  return out;
}

/** The logical elements as a dense array (the storage itself when dense: do not mutate it). */
export function readDense(t: Tensor): TypedArray {
  if (isDense(t)) return t._storage.data;
  const src = t._storage.data;
  const out = t._dtype.alloc(numelOf(t._shape));
  if (t.is_contiguous()) {
    out.set(src.subarray(t._offset, t._offset + out.length));
    return out;
  }
  const offs = elementOffsets(t._shape, t._strides, t._offset);
  for (let i = 0; i < offs.length; i++) out[i] = src[offs[i]];
  return out;
}

/** Reads converted to another dtype (e.g. int64 → float32 for promotion). */
export function readAs(t: Tensor, dtype: DType): TypedArray {
  const d = readDense(t);
  if (t._dtype === dtype) return d;
  const out = dtype.alloc(d.length);
  for (let i = 0; i < d.length; i++) out[i] = dtype.cast(d[i]);
  return out;
}

export function mapUnary(t: Tensor, outDtype: DType, f: (x: number) => number): Tensor {
  const src = readDense(t);
  const out = outDtype.alloc(src.length);
  for (let i = 0; i < src.length; i++) out[i] = f(src[i]);
  return Tensor._make(out, t._shape, outDtype);
}

/** Offsets of `t`'s elements when broadcast to `shape` (stride 0 along broadcast dims). */
export function broadcastOffsets(t: Tensor, shape: readonly number[]): Int32Array {
  const nd = shape.length;
  const strides = new Array<number>(nd).fill(0);
  const lead = nd - t._shape.length;
  for (let i = 0; i < t._shape.length; i++) strides[lead + i] = t._shape[i] === 1 ? 0 : t._strides[i];
  return elementOffsets(shape, strides, t._offset);
}

export function mapBinary(a: Tensor, b: Tensor, outDtype: DType, f: (x: number, y: number) => number): Tensor {
  const shape = broadcastShapes(a._shape, b._shape);
  const n = numelOf(shape);
  const out = outDtype.alloc(n);
  const sameShape = a._shape.length === b._shape.length && a._shape.every((d, i) => d === b._shape[i]);
  if (sameShape && isDense(a) && isDense(b)) {
    const x = a._storage.data, y = b._storage.data;
    for (let i = 0; i < n; i++) out[i] = f(x[i], y[i]);
  } else if (b._shape.length === 0 || numelOf(b._shape) === 1 && b._shape.length <= a._shape.length && sameShapeAs(a, shape)) {
    const x = readDense(a);
    const y = b._storage.data[b._offset];
    for (let i = 0; i < n; i++) out[i] = f(x[i], y);
  } else {
    const xs = a._storage.data, ys = b._storage.data;
    const ao = broadcastOffsets(a, shape), bo = broadcastOffsets(b, shape);
    for (let i = 0; i < n; i++) out[i] = f(xs[ao[i]], ys[bo[i]]);
  }
  return Tensor._make(out, shape, outDtype);
}

function sameShapeAs(t: Tensor, shape: readonly number[]): boolean {
  return t._shape.length === shape.length && t._shape.every((d, i) => d === shape[i]);
}

export function mapTernary(a: Tensor, b: Tensor, c: Tensor, outDtype: DType, f: (x: number, y: number, z: number) => number): Tensor {
  const shape = broadcastShapes(broadcastShapes(a._shape, b._shape), c._shape);
  const n = numelOf(shape);
  const out = outDtype.alloc(n);
  const ao = broadcastOffsets(a, shape), bo = broadcastOffsets(b, shape), co = broadcastOffsets(c, shape);
  const xs = a._storage.data, ys = b._storage.data, zs = c._storage.data;
  for (let i = 0; i < n; i++) out[i] = f(xs[ao[i]], ys[bo[i]], zs[co[i]]);
  return Tensor._make(out, shape, outDtype);
}

/** Write dense values into a (possibly strided) tensor's storage, casting to its dtype. */
export function writeDense(t: Tensor, values: ArrayLike<number>): void {
  const dst = t._storage.data;
  const cast = t._dtype.name === "float32" || t._dtype.name === "float64" ? null : t._dtype;
  if (isDense(t) && !cast) {
    (dst as Float64Array).set(values as Float64Array);
    return;
  }
  const offs = elementOffsets(t._shape, t._strides, t._offset);
  for (let i = 0; i < offs.length; i++) dst[offs[i]] = cast ? cast.cast(values[i]) : values[i];
}

export { contiguousStrides };
