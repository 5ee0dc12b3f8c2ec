// scatter / scatter_add / index_add / index_fill / index_copy / masked_scatter: out-of-place ops
// that copy `self` and write into it (their in-place forms run these through ops/inplace), with
// PyTorch's index checks and backward formulas written in ops, so create_graph works through them.
import { Tensor } from "../tensor";
import { bool, int64 } from "../dtype";
import { op1 } from "./define";
import { readDense } from "./loops";
import { broadcastShapes, contiguousStrides, numelOf, wrapDim } from "../shape";
import { IndexError, RuntimeError } from "../errors";
import { gather, index_select, masked_select } from "./indexing";
import { mul, where, toDtype, zerosLike } from "./elementwise";
import { expand, reshape, cat } from "./views";
import { sum } from "./reduce";
import { isScalar, scalarValue, Scalar } from "../float_literal";
import { dtypeTitleOf, isOpts } from "./math_common";
import { zeros } from "../creation";

/** For each element of `index` (row-major): its logical position in self (dim replaced by the index value) and in src. */
export function scatterPlan(name: string, selfShape: number[], dim: number, index: Tensor, srcShape: number[] | null): { dst: Int32Array; src: Int32Array } {
  if (index._dtype !== int64) throw new RuntimeError(`${name}(): Expected dtype int64 for index`);
  const nd = Math.max(selfShape.length, 1);
  const ishape = index._shape.length === 0 ? [1] : index._shape;
  const sshape = selfShape.length === 0 ? [1] : selfShape;
  if (index.numel() > 0 && ishape.length !== nd) throw new RuntimeError("Index tensor must have the same number of dimensions as self tensor");
  if (srcShape && index.numel() > 0 && (srcShape.length === 0 ? 1 : srcShape.length) !== nd) {
    throw new RuntimeError("Index tensor must have the same number of dimensions as src tensor");
  }
  const srcS = srcShape ? (srcShape.length === 0 ? [1] : srcShape) : null;
  if (index.numel() > 0) {
    const bad = ishape.some((s, d) => (d !== dim && s > sshape[d]) || (srcS !== null && s > srcS[d]));
    if (bad) {
      throw new RuntimeError(srcS
        ? `Expected index [${index._shape.join(", ")}] to be smaller than self [${selfShape.join(", ")}] apart from dimension ${dim} and to be smaller size than src [${(srcShape as number[]).join(", ")}]`
        : `Expected index [${index._shape.join(", ")}] to be smaller than self [${selfShape.join(", ")}] apart from dimension ${dim}`);
    }
  }
  const idx = readDense(index);
  const n = idx.length;
  const selfStr = contiguousStrides(sshape), srcStr = srcS ? contiguousStrides(srcS) : selfStr;
  const dst = new Int32Array(n), src = new Int32Array(n);
  const c = new Array<number>(ishape.length).fill(0);
  for (let i = 0; i < n; i++) {
    const v = idx[i];
    if (v < -sshape[dim] || v >= sshape[dim]) throw new RuntimeError(`index ${v} is out of bounds for dimension ${dim} with size ${sshape[dim]}`);
    let p = 0, q = 0;
    for (let d = 0; d < ishape.length; d++) {
      p += (d === dim ? (v < 0 ? v + sshape[dim] : v) : c[d]) * selfStr[d];
      q += c[d] * srcStr[d];
    }
    dst[i] = p; src[i] = q;
    for (let d = ishape.length - 1; d >= 0; d--) { if (++c[d] < ishape[d]) break; c[d] = 0; }
  }
  return { dst, src };
}

// ---- scatter / scatter_add ---------------------------------------------------------------------
type Reduce = "add" | "multiply" | null;
interface ScatterP { dim: number; index: Tensor; value: number | null; reduce: Reduce; add: boolean; src?: Tensor }
const scatterOp = op1<ScatterP>("scatter", {
  name: (_i, p) => (p.reduce ? "NotImplemented" : p.add ? "ScatterAddBackward0" : p.value === null ? "ScatterBackward0" : "ScatterBackward1"),
  forward: ([a, s0], p) => {
    const s = s0 ?? p.src;
    const plan = scatterPlan(p.add ? "scatter_add" : "scatter", a._shape, p.dim, p.index, s ? s._shape : null);
    const out = readDense(a).slice();
    const sv = s ? readDense(s) : null;
    const cast = a._dtype.cast.bind(a._dtype);
    for (let i = 0; i < plan.dst.length; i++) {
      const v = sv ? sv[plan.src[i]] : (p.value as number);
      const j = plan.dst[i];
      out[j] = cast(p.add || p.reduce === "add" ? out[j] + v : p.reduce === "multiply" ? out[j] * v : v);
    }
    return Tensor._make(out, a._shape, a._dtype);
  },
  backward: ([g], _s, p) => {
    if (p.reduce) throw new RuntimeError("derivative for aten::scatter is not implemented");
    const gSelf = p.add ? g : scatter(g, p.dim, p.index, 0);
    return p.value === null ? [gSelf, gather(g, p.dim, p.index)] : [gSelf];
  },
});
export type ScatterOpts = { reduce?: "add" | "multiply" | null; value?: Scalar; src?: Tensor };
export function scatter(a: Tensor, dim: number, index: Tensor, src?: Tensor | Scalar | ScatterOpts, opts?: ScatterOpts): Tensor {
  let source: Tensor | Scalar | undefined = src as Tensor | Scalar | undefined;
  let o = opts;
  if (isOpts(src)) { o = src as ScatterOpts; source = o.src ?? o.value; }
  if (source === undefined) throw new RuntimeError("scatter(): expected a src tensor or a value");
  const d = wrapDim(dim, a._shape.length);
  const reduce = o?.reduce ?? null;
  if (reduce !== null && reduce !== "add" && reduce !== "multiply") throw new RuntimeError(`reduce argument must be either add or multiply. Got ${String(reduce)}`);
  if (source instanceof Tensor) {
    if (source._dtype !== a._dtype) throw new RuntimeError(`scatter(): Expected self.dtype to be equal to src.dtype`);
    // With reduce, PyTorch's node (NotImplemented) has only self's edge: the source rides along as a parameter.
    if (reduce !== null) return scatterOp([a], { dim: d, index, value: null, reduce, add: false, src: source.detach() });
    return scatterOp([a, source], { dim: d, index, value: null, reduce, add: false });
  }
  return scatterOp([a], { dim: d, index, value: scalarValue(source), reduce, add: false });
}
export function scatter_add(a: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  if (src._dtype !== a._dtype) throw new RuntimeError(`scatter_add(): Expected self.dtype to be equal to src.dtype`);
  return scatterOp([a, src], { dim: wrapDim(dim, a._shape.length), index, value: null, reduce: null, add: true });
}

// ---- index_add / index_copy / index_fill -------------------------------------------------------
/** For each element of `source` (row-major): its logical position in self, dim replaced by index[k]. */
function indexPlan(name: string, a: Tensor, dim: number, index: Tensor, sourceShape: number[] | null): Int32Array {
  if (index._dtype !== int64) throw new RuntimeError(`${name}(): Expected dtype int64 for index`);
  if (index._shape.length > 1) throw new IndexError(`${name}(): Index is supposed to be a vector`);
  const idx = readDense(index);
  const shape = a._shape.length === 0 ? [1] : a._shape;
  const size = shape[dim];
  for (const v of idx) if (v < -size || v >= size) throw new IndexError(`index out of range in self`);
  const sshape = sourceShape === null ? shape.map((s, d) => (d === dim ? idx.length : s)) : sourceShape.length === 0 ? [1] : sourceShape;
  if (sourceShape !== null) {
    const nSrc = sourceShape.length === 0 ? 1 : sshape[dim];
    if (idx.length !== nSrc) throw new RuntimeError(`${name}(): Number of indices (${idx.length}) should be equal to source.size(dim): (${nSrc}), for dim: ${dim}`);
    if (sshape.length !== shape.length || sshape.some((s, d) => d !== dim && s !== shape[d])) {
      throw new RuntimeError(`${name}(): Source/destination tensor must have same slice shapes. Destination slice shape: ${shape.filter((_s, d) => d !== dim).join(" ")} at dimension ${dim} and source slice shape: ${sshape.filter((_s, d) => d !== dim).join(" ")} at dimension 0.`);
    }
  }
  const str = contiguousStrides(shape);
  const n = numelOf(sshape);
  const pos = new Int32Array(n);
  const c = new Array<number>(sshape.length).fill(0);
  for (let i = 0; i < n; i++) {
    let p = 0;
    for (let d = 0; d < sshape.length; d++) {
      const v = d === dim ? idx[c[d]] : c[d];
      p += (v < 0 ? v + shape[d] : v) * str[d];
    }
    pos[i] = p;
    for (let d = sshape.length - 1; d >= 0; d--) { if (++c[d] < sshape[d]) break; c[d] = 0; }
  }
  return pos;
}
interface IndexP { dim: number; index: Tensor; alpha: number; value: number | null; kind: "add" | "copy" | "fill" }
const indexWriteOp = op1<IndexP>("index_write", {
  name: (_i, p) => (p.kind === "add" ? "IndexAddBackward0" : p.kind === "copy" ? "IndexCopyBackward0" : p.value === null ? "IndexFillBackward1" : "IndexFillBackward0"),
  forward: ([a, s], p) => {
    const name = p.kind === "add" ? "index_add_" : p.kind === "copy" ? "index_copy_" : "index_fill_";
    const pos = indexPlan(name, a, p.dim, p.index, p.kind === "fill" ? null : s._shape);
    const out = readDense(a).slice();
    const cast = a._dtype.cast.bind(a._dtype);
    if (p.kind === "fill") {
      const v = p.value ?? Number(s._storage.data[s._offset]);
      for (let i = 0; i < pos.length; i++) out[pos[i]] = cast(v);
    } else {
      const sv = readDense(s);
      for (let i = 0; i < pos.length; i++) out[pos[i]] = cast(p.kind === "add" ? out[pos[i]] + p.alpha * sv[i] : sv[i]);
    }
    return Tensor._make(out, a._shape, a._dtype);
  },
  backward: ([g], _s, p, inputs) => {
    if (p.kind === "add") {
      const gs = reshape(index_select(g, p.dim, p.index), inputs[1].shape);
      return [g, p.alpha === 1 ? gs : mul(gs, p.alpha)];
    }
    const gSelf = index_fill(g, p.dim, p.index, 0);
    if (p.kind === "copy") return [gSelf, reshape(index_select(g, p.dim, p.index), inputs[1].shape)];
    return p.value === null ? [gSelf, sum(index_select(g, p.dim, p.index))] : [gSelf];
  },
});
function dimFor(a: Tensor, dim: number): number { return wrapDim(dim, a._shape.length); }
export function index_add(a: Tensor, dim: number, index: Tensor, source: Tensor, opts?: { alpha?: number } | number): Tensor {
  const alpha = typeof opts === "number" ? opts : opts?.alpha ?? 1;
  if (source._dtype !== a._dtype) throw new RuntimeError(`index_add_(): self (${dtypeTitleOf(a._dtype)}) and source (${dtypeTitleOf(source._dtype)}) must have the same scalar type`);
  return indexWriteOp([a, source], { dim: dimFor(a, dim), index, alpha, value: null, kind: "add" });
}
export function index_copy(a: Tensor, dim: number, index: Tensor, source: Tensor): Tensor {
  if (source._dtype !== a._dtype) throw new RuntimeError(`index_copy_(): self and source expected to have the same dtype, but got (self) ${a._dtype.toString().replace("torch.", "")} and (source) ${source._dtype.toString().replace("torch.", "")}`);
  return indexWriteOp([a, source], { dim: dimFor(a, dim), index, alpha: 1, value: null, kind: "copy" });
}
export function index_fill(a: Tensor, dim: number, index: Tensor, value: Scalar | Tensor): Tensor {
  if (value instanceof Tensor) {
    if (value._shape.length !== 0) throw new RuntimeError(`index_fill_ only supports a 0-dimensional value tensor, but got tensor with ${value._shape.length} dimension(s).`);
    return indexWriteOp([a, toDtype(value, a._dtype)], { dim: dimFor(a, dim), index, alpha: 1, value: null, kind: "fill" });
  }
  if (!isScalar(value)) throw new RuntimeError("index_fill(): expected a number or a 0-dim tensor as value");
  return indexWriteOp([a], { dim: dimFor(a, dim), index, alpha: 1, value: scalarValue(value), kind: "fill" });
}

// ---- masked_scatter ----------------------------------------------------------------------------
const maskedScatterOp = op1<{ mask: Tensor }>("masked_scatter", {
  name: "MaskedScatterBackward0",
  forward: ([a, s], p) => {
    const shape = a._shape;
    const m = readDense(expand(p.mask, shape));
    const out = readDense(a).slice();
    const sv = readDense(s);
    let k = 0;
    for (let i = 0; i < m.length; i++) {
      if (!m[i]) continue;
      if (k >= sv.length) throw new RuntimeError("masked_scatter: expected source to have at least as many elements as the ones in mask");
      out[i] = sv[k++];
    }
    return Tensor._make(out, shape, a._dtype);
  },
  backward: ([g], _s, p, [, src]) => {
    const zero = zerosLike(g);
    const sel = masked_select(g, p.mask);
    const n = numelOf(src.shape);
    const padded = sel.numel() < n ? cat([sel, zeros([n - sel.numel()], { dtype: g._dtype })]) : sel;
    return [where(expand(p.mask, g._shape), zero, g), reshape(padded, src.shape)];
  },
});
export function masked_scatter(a: Tensor, mask: Tensor, source: Tensor): Tensor {
  if (mask._dtype !== bool) throw new RuntimeError(`masked_scatter_ only supports boolean masks, but got mask with dtype ${mask._dtype.toString().replace("torch.", "")}`);
  if (source._dtype !== a._dtype) throw new RuntimeError(`masked_scatter: expected self and source to have same dtypes but got ${dtypeTitleOf(a._dtype)} and ${dtypeTitleOf(source._dtype)}`);
  const shape = broadcastShapes(a._shape, mask._shape);
  const self = shape.length === a._shape.length && shape.every((s, i) => s === a._shape[i]) ? a : expand(a, shape);
  return maskedScatterOp([self, source], { mask });
}
