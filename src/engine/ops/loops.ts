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

/**
 * A strided layout with size-1 dims dropped and mergeable neighbours fused (dim d folds into
 * d+1 when stride[d] = stride[d+1] * shape[d+1]), so most views iterate as 1 or 2 plain loops.
 */
export interface Layout { shape: number[]; strides: number[]; offset: number }
export function simplifyLayout(shape: readonly number[], strides: readonly number[], offset: number): Layout {
  const sh: number[] = [], st: number[] = [];
  for (let d = 0; d < shape.length; d++) {
    if (shape[d] === 1) continue;
    const k = sh.length - 1;
    if (k >= 0 && st[k] === strides[d] * shape[d]) { sh[k] *= shape[d]; st[k] = strides[d]; }
    else { sh.push(shape[d]); st.push(strides[d]); }
  }
  return { shape: sh, strides: st, offset };
}

/** Calls body(srcOffset, dstStart, count, srcStride) for each innermost run of a strided layout. */
function forEachRun(l: Layout, body: (src: number, dst: number, count: number, stride: number) => void): void {
  const nd = l.shape.length;
  if (nd === 0) { body(l.offset, 0, 1, 1); return; }
  const last = nd - 1, ln = l.shape[last], ls = l.strides[last];
  if (nd === 1) { body(l.offset, 0, ln, ls); return; }
  const n = numelOf(l.shape);
  const idx = new Array<number>(nd).fill(0);
  let base = l.offset;
  for (let k = 0; k < n; k += ln) {
    body(base, k, ln, ls);
    for (let d = last - 1; d >= 0; d--) {
      idx[d]++;
      base += l.strides[d];
      if (idx[d] < l.shape[d]) break;
      base -= l.strides[d] * l.shape[d];
      idx[d] = 0;
    }
  }
}

/** Copies a strided view's elements into `out` (row-major), without an offset table. */
export function gatherInto(src: ArrayLike<number>, shape: readonly number[], strides: readonly number[], offset: number, out: TypedArray): void {
  const l = simplifyLayout(shape, strides, offset);
  if (l.shape.length === 2) {
    // The common transposed/sliced matrix: two plain loops.
    const [r, c] = l.shape, [rs, cs] = l.strides;
    if (Math.abs(cs) > Math.abs(rs) && r >= 16 && c >= 16) {
      // A transposed matrix: copy in tiles so reads and writes both stay in cache.
      const T = 32;
      for (let i0 = 0; i0 < r; i0 += T) {
        const i1 = Math.min(r, i0 + T);
        for (let j0 = 0; j0 < c; j0 += T) {
          const j1 = Math.min(c, j0 + T);
          for (let i = i0; i < i1; i++) {
            const o = l.offset + i * rs, k = i * c;
            for (let j = j0; j < j1; j++) out[k + j] = src[o + j * cs];
          }
        }
      }
      return;
    }
    let k = 0;
    for (let i = 0, o = l.offset; i < r; i++, o += rs) for (let j = 0, q = o; j < c; j++, q += cs) out[k++] = src[q];
    return;
  }
  forEachRun(l, (s, d, count, stride) => {
    if (stride === 1 && ArrayBuffer.isView(src)) out.set((src as TypedArray).subarray(s, s + count) as Float64Array, d);
    else for (let j = 0; j < count; j++, s += stride) out[d + j] = src[s];
  });
}

/** Writes dense `values` into a strided view's storage (row-major), without an offset table. */
function scatterFrom(values: ArrayLike<number>, dst: TypedArray, shape: readonly number[], strides: readonly number[], offset: number, cast: ((x: number) => number) | null): void {
  const l = simplifyLayout(shape, strides, offset);
  forEachRun(l, (s, d, count, stride) => {
    if (cast) for (let j = 0; j < count; j++, s += stride) dst[s] = cast(values[d + j]);
    else for (let j = 0; j < count; j++, s += stride) dst[s] = values[d + j];
  });
}

/** The logical elements as a dense array (the storage itself when dense: do not mutate it). */
export function readDense(t: Tensor): TypedArray {
  if (isDense(t)) return t._storage.data;
  const src = t._storage.data;
  const out = t._dtype.alloc(numelOf(t._shape));
  if (t.is_contiguous()) {
    out.set(src.subarray(t._offset, t._offset + out.length) as Float64Array);
    return out;
  }
  gatherInto(src, t._shape, t._strides, t._offset, out);
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

/** Strides of `t` viewed in the broadcast `shape` (0 along broadcast dims). */
function broadcastStrides(t: Tensor, shape: readonly number[]): number[] {
  const nd = shape.length;
  const strides = new Array<number>(nd).fill(0);
  const lead = nd - t._shape.length;
  for (let i = 0; i < t._shape.length; i++) strides[lead + i] = t._shape[i] === 1 ? 0 : t._strides[i];
  return strides;
}

/**
 * Calls body(aOffset, bOffset, outStart, count, aStride, bStride) for each innermost run of two
 * operands broadcast to `shape` (size-1 dims dropped, dims both operands can merge fused).
 */
function forEachRun2(shape: readonly number[], as: number[], ao: number, bs: number[], bo: number,
  body: (a: number, b: number, out: number, count: number, aStride: number, bStride: number) => void): void {
  const sh: number[] = [], sa: number[] = [], sb: number[] = [];
  for (let d = 0; d < shape.length; d++) {
    if (shape[d] === 1) continue;
    const k = sh.length - 1;
    if (k >= 0 && sa[k] === as[d] * shape[d] && sb[k] === bs[d] * shape[d]) { sh[k] *= shape[d]; sa[k] = as[d]; sb[k] = bs[d]; }
    else { sh.push(shape[d]); sa.push(as[d]); sb.push(bs[d]); }
  }
  const nd = sh.length;
  if (nd === 0) { body(ao, bo, 0, 1, 1, 1); return; }
  const last = nd - 1, ln = sh[last];
  const n = numelOf(sh);
  const idx = new Array<number>(nd).fill(0);
  for (let k = 0; k < n; k += ln) {
    body(ao, bo, k, ln, sa[last], sb[last]);
    for (let d = last - 1; d >= 0; d--) {
      idx[d]++;
      ao += sa[d]; bo += sb[d];
      if (idx[d] < sh[d]) break;
      ao -= sa[d] * sh[d]; bo -= sb[d] * sh[d];
      idx[d] = 0;
    }
  }
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
    forEachRun2(shape, broadcastStrides(a, shape), a._offset, broadcastStrides(b, shape), b._offset, (ao, bo, k, count, as, bs) => {
      for (let j = 0; j < count; j++, ao += as, bo += bs) out[k + j] = f(xs[ao], ys[bo]);
    });
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
  const xs = a._storage.data, ys = b._storage.data, zs = c._storage.data;
  const fits = (t: Tensor) => isDense(t) && sameShapeAs(t, shape);
  const one = (t: Tensor) => t._shape.length === 0 || numelOf(t._shape) === 1 && t._shape.length <= shape.length;
  if (fits(a) && (fits(b) || one(b)) && (fits(c) || one(c))) {
    // Dense operands and one-element ones (where(mask, g, 0)): no offset tables.
    const yb = fits(b) ? -1 : b._offset, zc = fits(c) ? -1 : c._offset;
    for (let i = 0; i < n; i++) out[i] = f(xs[i], ys[yb < 0 ? i : yb], zs[zc < 0 ? i : zc]);
    return Tensor._make(out, shape, outDtype);
  }
  const ao = broadcastOffsets(a, shape), bo = broadcastOffsets(b, shape), co = broadcastOffsets(c, shape);
  for (let i = 0; i < n; i++) out[i] = f(xs[ao[i]], ys[bo[i]], zs[co[i]]);
  return Tensor._make(out, shape, outDtype);
}

/** Write dense values into a (possibly strided) tensor's storage, casting to its dtype. */
export function writeDense(t: Tensor, values: ArrayLike<number>): void {
  const dst = t._storage.data;
  const floaty = t._dtype.name === "float32" || t._dtype.name === "float64";
  if (floaty && t.is_contiguous()) {
    (dst as Float64Array).set(values as Float64Array, t._offset);
    return;
  }
  const dt = t._dtype;
  scatterFrom(values, dst, t._shape, t._strides, t._offset, floaty ? null : (x) => dt.cast(x));
}

export { contiguousStrides };
