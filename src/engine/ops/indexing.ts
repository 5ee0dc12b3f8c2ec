// Indexing. Basic indexing (ints, slices, None, ...) gives views; advanced indexing (long or
// bool tensors) is one primitive: "output element i is input element pos[i]" (a gather by
// logical positions), whose gradient is the matching scatter-add. index_select, gather,
// masked_select and take are that same primitive under their PyTorch names.
import { Tensor } from "../tensor";
import { bool, int64 } from "../dtype";
import { op1 } from "./define";
import { readDense, broadcastOffsets } from "./loops";
import { broadcastShapes, contiguousStrides, numelOf, wrapDim } from "../shape";
import { IndexError, RuntimeError } from "../errors";
import { select, slice, unsqueeze } from "./views";
import { isScalar, scalarValue, Scalar } from "../float_literal";
import { asTensor } from "./scalar";
import { tensor } from "../creation";
import { inplace } from "./inplace";
import { where } from "./elementwise";

const gatherOp: (i: readonly (Tensor | null)[], p: { pos: Int32Array; outShape: number[]; name: string }) => Tensor = op1<{ pos: Int32Array; outShape: number[]; name: string }>("gather_positions", {
  name: (_i, p) => p.name,
  forward: ([a], p) => {
    const out = a._dtype.alloc(p.pos.length);
    for (let i = 0; i < p.pos.length; i++) out[i] = a._get(p.pos[i]);
    return Tensor._make(out, p.outShape, a._dtype);
  },
  backward: ([g], _s, p, [inp]) => [scatterAddOp([g], { pos: p.pos, shape: inp.shape })],
});
const scatterAddOp: (i: readonly (Tensor | null)[], p: { pos: Int32Array; shape: number[] }) => Tensor = op1<{ pos: Int32Array; shape: number[] }>("scatter_add_positions", {
  name: "IndexPutBackward0",
  forward: ([g], p) => {
    const out = g._dtype.alloc(numelOf(p.shape));
    const src = readDense(g);
    for (let i = 0; i < p.pos.length; i++) out[p.pos[i]] += src[i];
    return Tensor._make(out, p.shape, g._dtype);
  },
  backward: ([gg], _s, p) => [gatherOp([gg], { pos: p.pos, outShape: [p.pos.length], name: "IndexBackward0" }).reshape(-1)],
});
/** Internal: zeros of `shape` with `g`'s elements added at `pos`. */
export function _scatterPositions(g: Tensor, pos: Int32Array, shape: number[]): Tensor {
  return scatterAddOp([g], { pos, shape });
}
/** Internal: a bool tensor of `shape`, true at `pos`. */
export function _positionMask(pos: Int32Array, shape: number[]): Tensor {
  const m = new Uint8Array(numelOf(shape));
  for (const p of pos) m[p] = 1;
  return Tensor._make(m, shape, bool);
}
const indexPutOp = op1<{ pos: Int32Array }>("index_put", {
  name: "IndexPutBackward0",
  forward: ([a, v], p) => {
    const out = Tensor._make(readDense(a).slice(), a._shape, a._dtype);
    const src = readDense(v);
    for (let i = 0; i < p.pos.length; i++) out._storage.data[p.pos[i]] = a._dtype.cast(src[i]);
    return out;
  },
  backward: ([g], _s, p) => [where(_positionMask(p.pos, g._shape), 0, g), gatherOp([g], { pos: p.pos, outShape: [p.pos.length], name: "IndexBackward0" })],
});
/** Internal: gather logical positions (used by losses and nn). */
export function _gatherPositions(a: Tensor, pos: Int32Array, outShape: number[], name: string): Tensor {
  return gatherOp([a], { pos, outShape, name });
}

function checkIndex(i: number, n: number, dim: number): number {
  if (i < -n || i >= n) throw new IndexError(`index ${i} is out of bounds for dimension ${dim} with size ${n}`);
  return i < 0 ? i + n : i;
}
function indexValues(idx: Tensor): Float64Array {
  if (idx._dtype !== int64) throw new IndexError("tensors used as indices must be long, int, byte or bool tensors");
  return new Float64Array(readDense(idx));
}

export function index_select(a: Tensor, dim: number, index: Tensor): Tensor {
  const d = wrapDim(dim, a._shape.length);
  if (index._shape.length > 1) throw new IndexError("index_select(): Index is supposed to be a vector");
  const idx = indexValues(index);
  const outShape = a._shape.slice();
  outShape[d] = idx.length;
  const inStr = contiguousStrides(a._shape);
  const pos = new Int32Array(numelOf(outShape));
  const outStr = contiguousStrides(outShape);
  for (let i = 0; i < pos.length; i++) {
    let rem = i, p = 0;
    for (let k = 0; k < outShape.length; k++) {
      const c = Math.floor(rem / outStr[k]);
      rem -= c * outStr[k];
      p += (k === d ? checkIndex(idx[c], a._shape[d], d) : c) * inStr[k];
    }
    pos[i] = p;
  }
  return gatherOp([a], { pos, outShape, name: "IndexSelectBackward0" });
}

export function gather(a: Tensor, dim: number, index: Tensor): Tensor {
  const d = wrapDim(dim, a._shape.length);
  const idx = indexValues(index);
  const inStr = contiguousStrides(a._shape);
  const outShape = index._shape.slice();
  const outStr = contiguousStrides(outShape);
  const pos = new Int32Array(idx.length);
  for (let i = 0; i < pos.length; i++) {
    let rem = i, p = 0;
    for (let k = 0; k < outShape.length; k++) {
      const c = Math.floor(rem / outStr[k]);
      rem -= c * outStr[k];
      p += (k === d ? checkIndex(idx[i], a._shape[d], d) : c) * inStr[k];
    }
    pos[i] = p;
  }
  return gatherOp([a], { pos, outShape, name: "GatherBackward0" });
}

export function masked_select(a: Tensor, mask: Tensor): Tensor {
  const shape = broadcastShapes(a._shape, mask._shape);
  const ae = a.expand(shape);
  const mo = broadcastOffsets(mask, shape);
  const md = mask._storage.data;
  const sel: number[] = [];
  for (let i = 0; i < mo.length; i++) if (md[mo[i]]) sel.push(ae._offsetOf(i) - a._offset);
  // Map storage offsets of the expanded view back to logical positions of `a`.
  const pos = new Int32Array(sel.length);
  const aStr = contiguousStrides(a._shape);
  for (let j = 0; j < sel.length; j++) pos[j] = logicalFromOffset(a, sel[j] + a._offset, aStr);
  return gatherOp([a], { pos, outShape: [pos.length], name: "MaskedSelectBackward0" });
}
function logicalFromOffset(a: Tensor, off: number, aStr: number[]): number {
  let rem = off - a._offset, p = 0;
  const order = a._strides.map((s, i) => [s, i]).sort((x, y) => y[0] - x[0]);
  for (const [s, i] of order) {
    if (s === 0) continue;
    const c = Math.floor(rem / s);
    rem -= c * s;
    p += c * aStr[i];
  }
  return p;
}

export function take(a: Tensor, index: Tensor): Tensor {
  const idx = indexValues(index);
  const n = a.numel();
  const pos = Int32Array.from(idx, (v) => checkIndex(v, n, 0));
  return gatherOp([a], { pos, outShape: index._shape.slice(), name: "TakeBackward0" });
}

// ---- Python-style getitem ---------------------------------------------------------------------
/** One index of `x[...]`: an int, a slice string ":" / "1:3" / "::2", null (None), "..." or an index tensor / list. */
export type IndexSpec = number | string | null | Tensor | number[] | boolean[];

function parseSlice(s: string): [number | null, number | null, number] {
  const parts = s.split(":").map((x) => x.trim());
  if (parts.length < 2 || parts.length > 3) throw new IndexError(`invalid slice '${s}'`);
  const num = (x: string | undefined) => (x === undefined || x === "" ? null : Number(x));
  const [a, b, c] = [num(parts[0]), num(parts[1]), num(parts[2])];
  for (const v of [a, b, c]) if (v !== null && !Number.isInteger(v)) throw new IndexError(`invalid slice '${s}'`);
  return [a, b, c ?? 1];
}

/** Resolve specs to: a basic view, plus advanced index tensors at given dims of that view. */
function basicPart(t: Tensor, specs: IndexSpec[]): { view: Tensor; adv: { dim: number; idx: Tensor }[] } {
  const ell = specs.filter((s) => s === "...").length;
  if (ell > 1) throw new IndexError("an index can only have a single ellipsis ('...')");
  const consumes = (s: IndexSpec): number => (s === null || s === "..." ? 0 : s instanceof Tensor && s._dtype === bool ? s._shape.length : Array.isArray(s) && typeof s[0] === "boolean" ? 1 : 1);
  const used = specs.reduce<number>((n, s) => n + consumes(s), 0);
  if (used > t._shape.length) throw new IndexError(`too many indices for tensor of dimension ${t._shape.length}`);
  let view = t;
  let dim = 0;
  const adv: { dim: number; idx: Tensor }[] = [];
  for (const s of specs) {
    if (s === "...") { dim += t._shape.length - used; continue; }
    if (s === null) { view = unsqueeze(view, dim); dim++; continue; }
    if (typeof s === "number") { view = select(view, dim, s); continue; }
    if (typeof s === "string") {
      const [a, b, c] = parseSlice(s);
      if (c <= 0) throw new RuntimeError("step must be greater than zero");
      view = a === null && b === null && c === 1 ? view : slice(view, dim, a, b, c);
      dim++;
      continue;
    }
    const idx = s instanceof Tensor ? s : tensor(s as number[], { dtype: typeof s[0] === "boolean" ? bool : int64 });
    adv.push({ dim, idx });
    dim += idx._dtype === bool ? idx._shape.length : 1;
  }
  return { view, adv };
}

/** Logical positions in `v` selected by advanced indices (bool masks become their nonzero indices). */
function advancedPositions(v: Tensor, adv: { dim: number; idx: Tensor }[]): { pos: Int32Array; outShape: number[] } {
  // Expand bool masks into one long index per masked dim.
  const longs: { dim: number; idx: Float64Array; shape: number[] }[] = [];
  for (const { dim, idx } of adv) {
    if (idx._dtype === bool) {
      const k = idx._shape.length;
      for (let j = 0; j < k; j++) {
        if (idx._shape[j] !== v._shape[dim + j]) {
          throw new IndexError(`The shape of the mask [${idx._shape.join(", ")}] at index ${j} does not match the shape of the indexed tensor [${v._shape.join(", ")}] at index ${dim + j}`);
        }
      }
      const md = readDense(idx);
      const str = contiguousStrides(idx._shape);
      const hits: number[][] = Array.from({ length: k }, () => []);
      for (let i = 0; i < md.length; i++) {
        if (!md[i]) continue;
        let rem = i;
        for (let j = 0; j < k; j++) { const c = Math.floor(rem / str[j]); rem -= c * str[j]; hits[j].push(c); }
      }
      for (let j = 0; j < k; j++) longs.push({ dim: dim + j, idx: Float64Array.from(hits[j]), shape: [hits[j].length] });
    } else {
      if (idx._dtype !== int64) throw new IndexError("tensors used as indices must be long, int, byte or bool tensors");
      longs.push({ dim, idx: new Float64Array(readDense(idx)), shape: idx._shape.slice() });
    }
  }
  let bshape: number[] = [];
  for (const l of longs) bshape = broadcastShapes(bshape, l.shape);
  const dims = longs.map((l) => l.dim);
  const adjacent = dims.every((d, i) => i === 0 || d === dims[i - 1] + 1);
  const rest = v._shape.map((_s, i) => i).filter((i) => !dims.includes(i));
  const insertAt = adjacent ? rest.filter((i) => i < dims[0]).length : 0;
  const restShape = rest.map((i) => v._shape[i]);
  const outShape = [...restShape.slice(0, insertAt), ...bshape, ...restShape.slice(insertAt)];
  const vStr = contiguousStrides(v._shape);
  const outStr = contiguousStrides(outShape);
  const bStr = contiguousStrides(bshape);
  // Broadcast each index to bshape.
  const bIdx = longs.map((l) => {
    const lt = Tensor._make(l.idx, l.shape, int64);
    const offs = broadcastOffsets(lt, bshape);
    return Float64Array.from(offs, (o) => l.idx[o]);
  });
  const pos = new Int32Array(numelOf(outShape));
  for (let i = 0; i < pos.length; i++) {
    let rem = i;
    const coords = outShape.map((_s, k) => { const c = Math.floor(rem / outStr[k]); rem -= c * outStr[k]; return c; });
    let b = 0;
    for (let k = 0; k < bshape.length; k++) b += coords[insertAt + k] * bStr[k];
    let p = 0;
    longs.forEach((l, j) => { p += checkIndex(bIdx[j][b], v._shape[l.dim], l.dim) * vStr[l.dim]; });
    rest.forEach((d, j) => {
      const k = j < insertAt ? j : j + bshape.length;
      p += coords[k] * vStr[d];
    });
    pos[i] = p;
  }
  return { pos, outShape };
}

export function getitem(t: Tensor, ...specs: IndexSpec[]): Tensor {
  const { view, adv } = basicPart(t, specs);
  if (adv.length === 0) return view === t ? aliasView(t) : view;
  const { pos, outShape } = advancedPositions(view, adv);
  return gatherOp([view], { pos, outShape, name: "IndexBackward0" });
}
function aliasView(t: Tensor): Tensor {
  // `x[:]` is a view of x (AliasBackward0 is not recorded for it in PyTorch: it is a slice).
  return t._shape.length ? slice(t, 0, null, null, 1) : t;
}

/** Python's `x[specs] = value` (in place). */
export function setitem(t: Tensor, specs: IndexSpec[], value: Tensor | Scalar): void {
  const { view, adv } = basicPart(t, specs);
  const v = value instanceof Tensor ? value : asTensor(isScalar(value) ? value : scalarValue(value), t._dtype);
  if (adv.length === 0) {
    view.copy_(v);
    return;
  }
  const { pos, outShape } = advancedPositions(view, adv);
  const vals = v.expand(outShape).to(t._dtype).reshape(-1);
  inplace(view, () => indexPutOp([view, vals], { pos }));
}
