// Ops that rearrange elements: flip, roll, rot90, tril/triu, diag/diagonal/diag_embed/trace,
// repeat/tile/repeat_interleave, meshgrid, the *stack and *split families, movedim, atleast_Nd,
// cartesian_prod, tril/triu_indices, take_along_dim. Each records the node PyTorch records: a
// primitive of its own (FlipBackward0, RollBackward0, ...) or, where PyTorch composes the op
// from others (hstack is cat, movedim is permute), the composition.
import { DType, bool, int64 } from "../dtype";
import { Tensor } from "../tensor";
import { op1 } from "./define";
import { readDense, writeDense } from "./loops";
import { contiguousStrides, numelOf, parseSizes, wrapDim, broadcastShapes } from "../shape";
import { RuntimeError, warnOnce } from "../errors";
import { cat, expand, flatten, permute, reshape, slice, stack, unsqueeze, view } from "./views";
import { sum } from "./reduce";
import { gather, index_select } from "./indexing";
import { toDtype } from "./elementwise";
import { isOpts, viewOf, Op } from "./math_common";
import { zeros } from "../creation";

/** A dense copy of a (possibly strided) tensor's elements. */
function denseCopy(t: Tensor): Tensor {
  const d = readDense(t);
  return Tensor._make(d === t._storage.data ? d.slice() : d, t._shape, t._dtype);
}
/** Dims given as varargs or as one list: `flip(0, 1)` or `flip([0, 1])`. */
function dimList(args: readonly unknown[]): number[] {
  if (args.length === 1 && Array.isArray(args[0])) return (args[0] as number[]).slice();
  return args.filter((a) => typeof a === "number") as number[];
}
function checkUnique(dims: number[]): void {
  const seen = new Set<number>();
  for (const d of dims) {
    if (seen.has(d)) throw new RuntimeError(`dim ${d} appears multiple times in the list of dims`);
    seen.add(d);
  }
}

// ---- flip ------------------------------------------------------------------------------------
function flipRaw(a: Tensor, dims: readonly number[]): Tensor {
  const strides = a._strides.slice();
  let offset = a._offset;
  for (const d of dims) {
    if (d >= a._shape.length || a._shape[d] === 0) continue;
    offset += (a._shape[d] - 1) * strides[d];
    strides[d] = -strides[d];
  }
  return denseCopy(new Tensor(a._storage, a._shape.slice(), strides, offset, a._dtype));
}
const flipOp = op1<{ dims: number[] }>("flip", {
  name: "FlipBackward0",
  forward: ([a], p) => flipRaw(a, p.dims),
  backward: ([g], _s, p) => [flip(g, p.dims)],
});
export function flip(a: Tensor, ...dims: (number | number[])[]): Tensor {
  const ds = dimList(dims).map((d) => wrapDim(d, a._shape.length));
  checkUnique(ds);
  return flipOp([a], { dims: ds });
}
export function fliplr(a: Tensor): Tensor {
  if (a._shape.length < 2) throw new RuntimeError("Input must be >= 2-d.");
  return flip(a, [1]);
}
export function flipud(a: Tensor): Tensor {
  if (a._shape.length < 1) throw new RuntimeError("Input must be >= 1-d.");
  return flip(a, [0]);
}

// ---- roll ------------------------------------------------------------------------------------
function rollRaw(a: Tensor, shifts: readonly number[], dims: readonly number[]): Tensor {
  if (dims.length === 0) {
    const flat = Tensor._make(readDense(a), [a.numel()], a._dtype);
    return Tensor._make(rollRaw(flat, shifts, [0])._storage.data, a._shape, a._dtype);
  }
  let cur = denseCopy(a);
  dims.forEach((d, k) => {
    const n = cur._shape[d];
    if (n === 0) return;
    const s = ((shifts[k] % n) + n) % n;
    if (s === 0) return;
    const inner = numelOf(cur._shape.slice(d + 1)), outer = numelOf(cur._shape.slice(0, d));
    const src = cur._storage.data, out = cur._dtype.alloc(src.length);
    for (let o = 0; o < outer; o++) {
      const base = o * n * inner;
      for (let i = 0; i < n; i++) {
        const from = base + i * inner, to = base + ((i + s) % n) * inner;
        for (let j = 0; j < inner; j++) out[to + j] = src[from + j];
      }
    }
    cur = Tensor._make(out, cur._shape, cur._dtype);
  });
  return cur;
}
const rollOp: Op<{ shifts: number[]; dims: number[] }> = op1<{ shifts: number[]; dims: number[] }>("roll", {
  name: "RollBackward0",
  forward: ([a], p) => rollRaw(a, p.shifts, p.dims),
  backward: ([g], _s, p) => [rollOp([g], { shifts: p.shifts.map((s) => -s), dims: p.dims })],
});
export function roll(a: Tensor, shifts: number | number[] | { shifts: number | number[]; dims?: number | number[] | null }, dims?: number | number[] | null): Tensor {
  if (isOpts(shifts)) { dims = shifts.dims; shifts = shifts.shifts; }
  const sh = typeof shifts === "number" ? [shifts] : shifts.slice();
  const ds = dims === undefined || dims === null ? [] : typeof dims === "number" ? [dims] : dims.slice();
  if (ds.length === 0 && sh.length !== 1) throw new RuntimeError(`shifts and dimensions must align. shifts: ${sh.length}, dims:${ds.length}`);
  if (ds.length > 0 && sh.length !== ds.length) throw new RuntimeError(`shifts and dimensions must align. shifts: ${sh.length}, dims:${ds.length}`);
  return rollOp([a], { shifts: sh, dims: ds.map((d) => wrapDim(d, a._shape.length)) });
}

// ---- rot90 -----------------------------------------------------------------------------------
function transposedCopy(a: Tensor, d0: number, d1: number): Tensor {
  const shape = a._shape.slice(), strides = a._strides.slice();
  [shape[d0], shape[d1]] = [shape[d1], shape[d0]];
  [strides[d0], strides[d1]] = [strides[d1], strides[d0]];
  return denseCopy(new Tensor(a._storage, shape, strides, a._offset, a._dtype));
}
const rot90Op: Op<{ k: number; dims: [number, number] }> = op1<{ k: number; dims: [number, number] }>("rot90", {
  name: "Rot90Backward0",
  forward: ([a], p) => {
    const [d0, d1] = p.dims;
    const k = ((p.k % 4) + 4) % 4;
    if (k === 1) return transposedCopy(flipRaw(a, [d1]), d0, d1);
    if (k === 2) return flipRaw(a, [d0, d1]);
    if (k === 3) return transposedCopy(flipRaw(a, [d0]), d0, d1);
    return denseCopy(a);
  },
  backward: ([g], _s, p) => [rot90Op([g], { k: -p.k, dims: p.dims })],
});
export function rot90(a: Tensor, k: number | { k?: number; dims?: number[] } = 1, dims: number[] = [0, 1]): Tensor {
  if (isOpts(k)) { dims = k.dims ?? [0, 1]; k = k.k ?? 1; }
  if (dims.length !== 2) throw new RuntimeError(`expected total rotation dims == 2, but got dims = ${dims.length}`);
  if (a._shape.length < 2) throw new RuntimeError(`expected total dims >= 2, but got total dims = ${a._shape.length}`);
  const d0 = wrapDim(dims[0], a._shape.length), d1 = wrapDim(dims[1], a._shape.length);
  if (d0 === d1) throw new RuntimeError(`expected rotation dims to be different, but got dim0 = ${d0} and dim1 = ${d1}`);
  return rot90Op([a], { k, dims: [d0, d1] });
}

// ---- tril / triu -----------------------------------------------------------------------------
function triRaw(a: Tensor, k: number, lower: boolean): Tensor {
  const out = denseCopy(a);
  const nd = a._shape.length;
  const r = a._shape[nd - 2], c = a._shape[nd - 1];
  const d = out._storage.data;
  for (let b = 0; b < d.length; b += r * c) {
    for (let i = 0; i < r; i++) {
      for (let j = 0; j < c; j++) {
        const keep = lower ? j - i <= k : j - i >= k;
        if (!keep) d[b + i * c + j] = 0;
      }
    }
  }
  return out;
}
const triOp: Op<{ k: number; lower: boolean }> = op1<{ k: number; lower: boolean }>("tril_triu", {
  name: (_i, p) => (p.lower ? "TrilBackward0" : "TriuBackward0"),
  forward: ([a], p) => triRaw(a, p.k, p.lower),
  backward: ([g], _s, p) => [triOp([g], p)],
});
function tri(a: Tensor, diagonal: number | { diagonal?: number } | undefined, lower: boolean): Tensor {
  const k = isOpts(diagonal) ? diagonal.diagonal ?? 0 : diagonal ?? 0;
  wrapDim(-2, a._shape.length); // PyTorch's dim check: IndexError for fewer than 2 dims
  return triOp([a], { k, lower });
}
export function tril(a: Tensor, diagonal?: number | { diagonal?: number }): Tensor { return tri(a, diagonal, true); }
export function triu(a: Tensor, diagonal?: number | { diagonal?: number }): Tensor { return tri(a, diagonal, false); }

// ---- diagonal / diag / diag_embed / trace --------------------------------------------------
/** The diagonal as a strided view of `a` (no autograd): other dims first, the diagonal last. */
function diagonalRaw(a: Tensor, offset: number, d1: number, d2: number): Tensor {
  const s1 = a._shape[d1], s2 = a._shape[d2];
  let len: number, off = a._offset;
  if (offset >= 0) { len = Math.max(0, Math.min(s1, s2 - offset)); if (len > 0) off += offset * a._strides[d2]; }
  else { len = Math.max(0, Math.min(s1 + offset, s2)); if (len > 0) off -= offset * a._strides[d1]; }
  const keep = a._shape.map((_s, i) => i).filter((i) => i !== d1 && i !== d2);
  const shape = [...keep.map((i) => a._shape[i]), len];
  const strides = [...keep.map((i) => a._strides[i]), a._strides[d1] + a._strides[d2]];
  return viewOf(a, shape, strides, off);
}
interface DiagP { offset: number; d1: number; d2: number }
const diagonalOp = op1<DiagP>("diagonal", {
  name: "DiagonalBackward0",
  forward: ([a], p) => diagonalRaw(a, p.offset, p.d1, p.d2),
  backward: ([g], _s, p, [inp]) => [diagonalBackwardOp([g], { ...p, shape: inp.shape })],
});
/** Zeros of the input's shape with `g` written on the diagonal: the gradient of diagonal(). */
const diagonalBackwardOp = op1<DiagP & { shape: number[] }>("diagonal_backward", {
  name: "DiagonalBackwardBackward0",
  forward: ([g], p) => {
    const out = Tensor._make(g._dtype.alloc(numelOf(p.shape)), p.shape, g._dtype);
    writeDense(diagonalRaw(out, p.offset, p.d1, p.d2), readDense(g));
    return out;
  },
  backward: ([gg], _s, p) => [diagonal(gg, p.offset, p.d1, p.d2)],
});
/** Internal: zeros of `shape` with `g` on the diagonal (diagonal()'s gradient), for the gradient check. */
export function _diagonalBackward(g: Tensor, shape: number[], offset: number, d1: number, d2: number): Tensor {
  return diagonalBackwardOp([g], { offset, d1, d2, shape });
}
export function diagonal(a: Tensor, offset: number | { offset?: number; dim1?: number; dim2?: number } = 0, dim1 = 0, dim2 = 1): Tensor {
  if (isOpts(offset)) { dim1 = offset.dim1 ?? 0; dim2 = offset.dim2 ?? 1; offset = offset.offset ?? 0; }
  const n = a._shape.length;
  const d1 = wrapDim(dim1, n), d2 = wrapDim(dim2, n);
  if (d1 === d2) throw new RuntimeError(`diagonal dimensions cannot be identical ${dim1}, ${dim2}`);
  return diagonalOp([a], { offset, d1, d2 });
}
const diagEmbedOp = op1<DiagP>("diag_embed", {
  name: "DiagEmbedBackward0",
  forward: ([a], p) => {
    const nd = a._shape.length + 1;
    const n = (a._shape[a._shape.length - 1] ?? 1) + Math.abs(p.offset);
    const batch = a._shape.slice(0, -1);
    const shape: number[] = [];
    for (let i = 0, b = 0; i < nd; i++) shape.push(i === p.d1 || i === p.d2 ? n : batch[b++]);
    const out = Tensor._make(a._dtype.alloc(numelOf(shape)), shape, a._dtype);
    writeDense(diagonalRaw(out, p.offset, p.d1, p.d2), readDense(a));
    return out;
  },
  backward: ([g], _s, p) => [diagonal(g, p.offset, p.d1, p.d2)],
});
export function diag_embed(a: Tensor, offset: number | { offset?: number; dim1?: number; dim2?: number } = 0, dim1 = -2, dim2 = -1): Tensor {
  if (isOpts(offset)) { dim1 = offset.dim1 ?? -2; dim2 = offset.dim2 ?? -1; offset = offset.offset ?? 0; }
  const n = a._shape.length + 1;
  const d1 = wrapDim(dim1, n), d2 = wrapDim(dim2, n);
  if (d1 === d2) throw new RuntimeError(`diagonal dimensions cannot be identical ${dim1}, ${dim2}`);
  return diagEmbedOp([a], { offset, d1, d2 });
}
const diagOp = op1<{ offset: number }>("diag", {
  name: "DiagBackward0",
  forward: ([a], p) => {
    if (a._shape.length === 1) return diagEmbedOp([a], { offset: p.offset, d1: 0, d2: 1 });
    return denseCopy(diagonalRaw(a, p.offset, 0, 1));
  },
  backward: ([g], _s, p, [inp]) => [inp.shape.length === 1 ? diagonal(g, p.offset) : diagonalBackwardOp([g], { offset: p.offset, d1: 0, d2: 1, shape: inp.shape })],
});
export function diag(a: Tensor, diagonal: number | { diagonal?: number } = 0): Tensor {
  const k = isOpts(diagonal) ? diagonal.diagonal ?? 0 : diagonal;
  if (a._shape.length !== 1 && a._shape.length !== 2) throw new RuntimeError("matrix or a vector expected");
  return diagOp([a], { offset: k });
}
const traceOp = op1<{ dtype: DType }>("trace", {
  name: "TraceBackward0",
  forward: ([a], p) => {
    const d = readDense(diagonalRaw(a, 0, 0, 1));
    let s = 0;
    for (let i = 0; i < d.length; i++) s += d[i];
    const out = p.dtype.alloc(1);
    out[0] = p.dtype.cast(s);
    return Tensor._make(out, [], p.dtype);
  },
  backward: ([g], _s, _p, [inp]) => {
    const len = Math.min(inp.shape[0], inp.shape[1]);
    return [diagonalBackwardOp([expand(g, [len])], { offset: 0, d1: 0, d2: 1, shape: inp.shape })];
  },
});
export function trace(a: Tensor): Tensor {
  if (a._shape.length !== 2) throw new RuntimeError(`trace: expected a matrix, but got tensor with dim ${a._shape.length}`);
  return traceOp([a], { dtype: a._dtype.isFloatingPoint ? a._dtype : int64 });
}

// ---- repeat / tile / repeat_interleave -----------------------------------------------------
const repeatOp = op1<{ reps: number[] }>("repeat", {
  name: "RepeatBackward0",
  forward: ([a], p) => {
    const lead = p.reps.length - a._shape.length;
    const inShape = [...new Array<number>(lead).fill(1), ...a._shape];
    const outShape = inShape.map((s, i) => s * p.reps[i]);
    const src = readDense(a);
    const out = a._dtype.alloc(numelOf(outShape));
    const inStr = contiguousStrides(inShape), nd = outShape.length;
    const c = new Array<number>(nd).fill(0);
    for (let i = 0; i < out.length; i++) {
      let o = 0;
      for (let d = 0; d < nd; d++) o += (c[d] % inShape[d]) * inStr[d];
      out[i] = src[o];
      for (let d = nd - 1; d >= 0; d--) { if (++c[d] < outShape[d]) break; c[d] = 0; }
    }
    return Tensor._make(out, outShape, a._dtype);
  },
  // The gradient sums the copies: view as [r0, s0, r1, s1, ...] and sum the r dims.
  backward: ([g], _s, p, [inp]) => {
    const lead = p.reps.length - inp.shape.length;
    const inShape = [...new Array<number>(lead).fill(1), ...inp.shape];
    if (numelOf(inShape) === 0) return [zeros(inp.shape, { dtype: g._dtype })];
    const split: number[] = [];
    inShape.forEach((s, i) => split.push(p.reps[i], s));
    const dims = inShape.map((_s, i) => 2 * i);
    return [reshape(sum(reshape(g, split), dims), inp.shape)];
  },
});
export function repeat(a: Tensor, ...sizes: (number | number[])[]): Tensor {
  const reps = parseSizes(sizes);
  if (reps.length < a._shape.length) throw new RuntimeError("Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor");
  return repeatOp([a], { reps });
}
export function tile(a: Tensor, ...dims: (number | number[])[]): Tensor {
  const reps = parseSizes(dims);
  const full = reps.length < a._shape.length ? [...new Array<number>(a._shape.length - reps.length).fill(1), ...reps] : reps;
  return repeatOp([a], { reps: full });
}
function repeatIndex(counts: ArrayLike<number>): Tensor {
  const idx: number[] = [];
  for (let i = 0; i < counts.length; i++) {
    if (counts[i] < 0) throw new RuntimeError("repeats can not be negative");
    for (let k = 0; k < counts[i]; k++) idx.push(i);
  }
  return Tensor._make(Float64Array.from(idx), [idx.length], int64);
}
export interface RepeatInterleaveOpts { repeats?: number | Tensor; dim?: number | null; output_size?: number | null }
export function repeat_interleave(a: Tensor, repeats?: number | Tensor | RepeatInterleaveOpts, dim?: number | null | RepeatInterleaveOpts): Tensor {
  if (isOpts(repeats)) { dim = repeats.dim; repeats = repeats.repeats; }
  if (isOpts(dim)) dim = dim.dim;
  if (repeats === undefined) {
    // torch.repeat_interleave(repeats): each index i repeated repeats[i] times.
    if (a._shape.length > 1) throw new RuntimeError("repeat_interleave only accept 1D vector as repeat");
    if (a._dtype !== int64) throw new RuntimeError("repeats has to be Long or Int tensor");
    return repeatIndex(readDense(a));
  }
  let input = a;
  let d: number;
  if (dim === undefined || dim === null) { input = flatten(a); d = 0; }
  else d = wrapDim(dim, a._shape.length);
  const n = input._shape.length === 0 ? 1 : input._shape[d];
  let counts: number[];
  if (typeof repeats === "number") counts = new Array<number>(n).fill(repeats);
  else {
    if (repeats._shape.length > 1) throw new RuntimeError("repeat_interleave only accept 1D vector as repeat");
    if (repeats._dtype !== int64) throw new RuntimeError("repeats has to be Long or Int tensor");
    const r = Array.from(readDense(repeats));
    if (r.length === 1) counts = new Array<number>(n).fill(r[0]);
    else if (r.length !== n) throw new RuntimeError("repeats must have the same size as input along dim");
    else counts = r;
  }
  return index_select(input, d, repeatIndex(counts));
}

// ---- meshgrid / cartesian_prod ----------------------------------------------------------------
type TensorList = (Tensor | Tensor[] | { indexing?: string })[];
function splitTensorArgs(args: TensorList): { ts: Tensor[]; opts: { indexing?: string } | null } {
  let opts: { indexing?: string } | null = null;
  const ts: Tensor[] = [];
  for (const a of args) {
    if (a instanceof Tensor) ts.push(a);
    else if (Array.isArray(a)) ts.push(...a);
    else opts = a;
  }
  return { ts, opts };
}
export function meshgrid(...args: TensorList): Tensor[] {
  const { ts, opts } = splitTensorArgs(args);
  const indexing = opts?.indexing;
  if (indexing === undefined) {
    warnOnce("torch.meshgrid: in an upcoming release, it will be required to pass the indexing argument.");
  } else if (indexing !== "xy" && indexing !== "ij") {
    throw new RuntimeError(`torch.meshgrid: indexing must be one of "xy" or "ij", but received: ${indexing}`);
  }
  if (ts.length === 0) throw new RuntimeError("meshgrid expects a non-empty TensorList");
  ts.forEach((t) => {
    if (t._shape.length > 1) throw new RuntimeError(`torch.meshgrid: Expected 0D or 1D tensor in the tensor list but got: ${t.toString()}`);
    if (t._dtype !== ts[0]._dtype) throw new RuntimeError("torch.meshgrid: Expected all tensors in the tensor list to have the same dtype.");
  });
  // "xy" swaps the first two inputs, builds the grids, and swaps the first two grids back (as PyTorch).
  const swap = indexing === "xy" && ts.length >= 2;
  const order = ts.slice();
  if (swap) [order[0], order[1]] = [order[1], order[0]];
  const shape = order.map((t) => t.numel());
  const grids = order.map((t, i) => expand(view(t, shape.map((_s, k) => (k === i ? -1 : 1))), shape));
  if (swap) [grids[0], grids[1]] = [grids[1], grids[0]];
  return grids;
}
export function cartesian_prod(...args: (Tensor | Tensor[])[]): Tensor {
  const ts = args.flatMap((a) => (Array.isArray(a) ? a : [a]));
  ts.forEach((t) => { if (t._shape.length !== 1) throw new RuntimeError(`Expect a 1D vector, but got shape [${t._shape.join(", ")}]`); });
  if (ts.length === 1) return ts[0];
  const shape = ts.map((t) => t.numel());
  const grids = ts.map((t, i) => expand(view(t, shape.map((s, k) => (k === i ? -1 : 1))), shape));
  return stack(grids.map((g) => flatten(g)), 1);
}

// ---- atleast_Nd / stacks ----------------------------------------------------------------------
function atleast(n: 1 | 2 | 3, t: Tensor): Tensor {
  const nd = t._shape.length;
  if (nd >= n) return t;
  if (nd === 0) return reshape(t, new Array<number>(n).fill(1));
  if (n === 2) return unsqueeze(t, 0);
  if (nd === 1) return unsqueeze(unsqueeze(t, 0), -1);
  return unsqueeze(t, -1);
}
function atleastAll(n: 1 | 2 | 3, args: (Tensor | Tensor[])[]): Tensor | Tensor[] {
  if (args.length === 1 && args[0] instanceof Tensor) return atleast(n, args[0]);
  return args.flatMap((a) => (Array.isArray(a) ? a : [a])).map((t) => atleast(n, t));
}
export function atleast_1d(...t: (Tensor | Tensor[])[]): Tensor | Tensor[] { return atleastAll(1, t); }
export function atleast_2d(...t: (Tensor | Tensor[])[]): Tensor | Tensor[] { return atleastAll(2, t); }
export function atleast_3d(...t: (Tensor | Tensor[])[]): Tensor | Tensor[] { return atleastAll(3, t); }
function nonEmpty(name: string, ts: readonly Tensor[]): void {
  if (ts.length === 0) throw new RuntimeError(`${name} expects a non-empty TensorList`);
}
export function hstack(tensors: readonly Tensor[]): Tensor {
  nonEmpty("hstack", tensors);
  const ts = tensors.map((t) => atleast(1, t));
  return cat(ts, ts[0]._shape.length === 1 ? 0 : 1);
}
export function vstack(tensors: readonly Tensor[]): Tensor {
  nonEmpty("vstack", tensors);
  return cat(tensors.map((t) => atleast(2, t)), 0);
}
export const row_stack = vstack;
export function dstack(tensors: readonly Tensor[]): Tensor {
  nonEmpty("dstack", tensors);
  return cat(tensors.map((t) => atleast(3, t)), 2);
}
export function column_stack(tensors: readonly Tensor[]): Tensor {
  nonEmpty("column_stack", tensors);
  return cat(tensors.map((t) => (t._shape.length <= 1 ? reshape(t, [t.numel(), 1]) : t)), 1);
}

// ---- tensor_split / hsplit / vsplit / dsplit -----------------------------------------------------
export function tensor_split(a: Tensor, indices_or_sections: number | number[] | Tensor, dim: number | { dim?: number } = 0): Tensor[] {
  const dd = isOpts(dim) ? dim.dim ?? 0 : dim;
  if (a._shape.length === 0) throw new RuntimeError("tensor_split expected at least a 1-dimensional tensor, but got a tensor with 0 dims");
  const d = wrapDim(dd, a._shape.length);
  const n = a._shape[d];
  let bounds: number[];
  let sections = indices_or_sections;
  if (sections instanceof Tensor) {
    if (sections._dtype !== int64) throw new RuntimeError(`tensor_split expected tensor_indices_or_sections to have integral dtype, but got ${sections._dtype.toString()}`);
    if (sections._shape.length > 1) throw new RuntimeError(`tensor_split expected tensor_indices_or_sections to be a zero-dimensional or one-dimensional tensor, but got a tensor with ${sections._shape.length} dims`);
    sections = sections._shape.length === 0 ? Number(sections.item()) : Array.from(readDense(sections));
  }
  if (typeof sections === "number") {
    if (sections <= 0) throw new RuntimeError(`number of sections must be larger than 0, got ${sections}`);
    const base = Math.floor(n / sections), extra = n % sections;
    bounds = [];
    let at = 0;
    for (let i = 0; i < sections - 1; i++) { at += base + (i < extra ? 1 : 0); bounds.push(at); }
  } else bounds = sections.slice();
  const out: Tensor[] = [];
  let start = 0;
  for (const b of [...bounds, n]) {
    out.push(slice(a, d, start, b));
    start = b;
  }
  return out;
}
function splitAlong(name: string, a: Tensor, arg: number | number[], dim: number, minDims: number): Tensor[] {
  if (a._shape.length < minDims) {
    throw new RuntimeError(`torch.${name} requires a tensor with at least ${minDims} dimension, but got a tensor with ${a._shape.length} dimensions!`);
  }
  if (typeof arg === "number") {
    const n = a._shape[dim];
    if (arg === 0 || n % arg !== 0) {
      throw new RuntimeError(`torch.${name} attempted to split along dimension ${dim}, but the size of the dimension ${n} is not divisible by the split_size ${arg}!`);
    }
  }
  return tensor_split(a, arg, dim);
}
export function hsplit(a: Tensor, sections: number | number[]): Tensor[] { return splitAlong("hsplit", a, sections, a._shape.length === 1 ? 0 : 1, 1); }
export function vsplit(a: Tensor, sections: number | number[]): Tensor[] { return splitAlong("vsplit", a, sections, 0, 2); }
export function dsplit(a: Tensor, sections: number | number[]): Tensor[] { return splitAlong("dsplit", a, sections, 2, 3); }

// ---- movedim ---------------------------------------------------------------------------------
export function movedim(a: Tensor, source: number | number[], destination: number | number[]): Tensor {
  const src = typeof source === "number" ? [source] : source.slice();
  const dst = typeof destination === "number" ? [destination] : destination.slice();
  const nd = a._shape.length;
  if (src.length !== dst.length) {
    throw new RuntimeError(`movedim: Invalid source or destination dims: source ([${src.join(", ")}] dims) should contain the same number of dims as destination ([${dst.join(", ")}] dims)`);
  }
  const s = src.map((d) => wrapDim(d, nd)), t = dst.map((d) => wrapDim(d, nd));
  if (new Set(s).size !== s.length) throw new RuntimeError(`movedim: repeated dim in \`source\` ([${src.join(", ")}])`);
  if (new Set(t).size !== t.length) throw new RuntimeError(`movedim: repeated dim in \`destination\` ([${dst.join(", ")}])`);
  const order = new Array<number>(nd).fill(-1);
  s.forEach((d, i) => (order[t[i]] = d));
  const rest = Array.from({ length: nd }, (_v, i) => i).filter((i) => !s.includes(i));
  let k = 0;
  for (let i = 0; i < nd; i++) if (order[i] < 0) order[i] = rest[k++];
  return permute(a, order);
}
export const moveaxis = movedim;

// ---- tril_indices / triu_indices -------------------------------------------------------------
function triIndices(row: number, col: number, offset: number, lower: boolean, dtype: DType): Tensor {
  const rs: number[] = [], cs: number[] = [];
  for (let i = 0; i < row; i++) {
    for (let j = 0; j < col; j++) {
      if (lower ? j - i <= offset : j - i >= offset) { rs.push(i); cs.push(j); }
    }
  }
  const out = dtype.alloc(rs.length * 2);
  rs.forEach((r, i) => { out[i] = r; out[rs.length + i] = cs[i]; });
  return Tensor._make(out, [2, rs.length], dtype);
}
type IndicesOpts = { offset?: number; dtype?: DType };
export function tril_indices(row: number, col: number, offset: number | IndicesOpts = 0, opts: IndicesOpts = {}): Tensor {
  if (isOpts(offset)) { opts = offset; offset = offset.offset ?? 0; }
  return triIndices(row, col, offset, true, opts.dtype ?? int64);
}
export function triu_indices(row: number, col: number, offset: number | IndicesOpts = 0, opts: IndicesOpts = {}): Tensor {
  if (isOpts(offset)) { opts = offset; offset = offset.offset ?? 0; }
  return triIndices(row, col, offset, false, opts.dtype ?? int64);
}

// ---- take_along_dim / type_as -----------------------------------------------------------------
export function take_along_dim(a: Tensor, indices: Tensor, dim?: number | null | { dim?: number | null }): Tensor {
  const d0 = isOpts(dim) ? dim.dim : dim;
  if (indices._dtype !== int64) throw new RuntimeError(`torch.take_along_dim(): dtype of indices should be Long but got ${indices._dtype === bool ? "Bool" : indices._dtype.toString()}`);
  if (d0 === undefined || d0 === null) return gather(view(a, -1), 0, view(indices, -1));
  if (a._shape.length !== indices._shape.length) {
    throw new RuntimeError(`torch.take_along_dim(): input and indices should have the same number of dimensions, but got ${a._shape.length} dimensions for input, and ${indices._shape.length} dimensions for indices`);
  }
  const d = wrapDim(d0, a._shape.length);
  const selfSizes = a._shape.slice(); selfSizes[d] = indices._shape[d];
  const idxB = expand(indices, broadcastShapes(selfSizes, indices._shape));
  const idxSizes = indices._shape.slice(); idxSizes[d] = a._shape[d];
  const selfB = expand(a, broadcastShapes(idxSizes, a._shape));
  return gather(selfB, d, idxB);
}
export function type_as(a: Tensor, other: Tensor): Tensor { return toDtype(a, other._dtype); }
