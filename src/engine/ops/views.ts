// View ops: results share storage and version counter with their input (an in-place write
// through a view is seen by the base, as in PyTorch). Each declares its PyTorch grad_fn name.
import { Tensor } from "../tensor";
import { op1, defineOp } from "./define";
import { contiguousStrides, fmtShape, inferSize, numelOf, parseSizes, viewStrides, wrapDim } from "../shape";
import { IndexError, RuntimeError } from "../errors";
import { readDense } from "./loops";

function viewOf(t: Tensor, shape: number[], strides: number[], offset: number): Tensor {
  const v = new Tensor(t._storage, shape, strides, offset, t._dtype, t._vc);
  v._base = t._base ?? t;
  return v;
}

// ---- view / reshape ---------------------------------------------------------------------------
const viewOp = op1<{ shape: number[]; name: string }>("view", {
  name: (_i, p) => p.name,
  forward: ([a], p) => {
    const st = viewStrides(a._shape, a._strides, p.shape);
    if (!st) {
      throw new RuntimeError("view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.");
    }
    return viewOf(a, p.shape, st, a._offset);
  },
  backward: ([g], _s, _p, [inp]) => [reshape(g, inp.shape)],
});
export function view(a: Tensor, ...sizes: (number | number[])[]): Tensor {
  const shape = inferSize(parseSizes(sizes), a.numel());
  return viewOp([a], { shape, name: "ViewBackward0" });
}
const unsafeViewOp = op1<{ shape: number[] }>("unsafe_view", {
  name: "UnsafeViewBackward0",
  forward: ([a], p) => Tensor._make(readDense(a).slice(), p.shape, a._dtype),
  backward: ([g], _s, _p, [inp]) => [reshape(g, inp.shape)],
});
/** A view when strides allow (ViewBackward0), else a copy (CloneBackward0 → UnsafeViewBackward0). */
export function reshape(a: Tensor, ...sizes: (number | number[])[]): Tensor {
  const shape = inferSize(parseSizes(sizes), a.numel());
  if (viewStrides(a._shape, a._strides, shape)) return viewOp([a], { shape, name: "ViewBackward0" });
  return unsafeViewOp([clone(a)], { shape });
}
/** Internal: reshape used inside matmul etc., named as PyTorch names the result. */
export function _unsafeView(a: Tensor, shape: number[]): Tensor { return unsafeViewOp([a], { shape }); }
export function view_as(a: Tensor, b: Tensor): Tensor { return view(a, b._shape); }
export function reshape_as(a: Tensor, b: Tensor): Tensor { return reshape(a, b._shape); }

export function flatten(a: Tensor, start_dim: number | { start_dim?: number; end_dim?: number } = 0, end_dim = -1): Tensor {
  if (typeof start_dim === "object") { end_dim = start_dim.end_dim ?? -1; start_dim = start_dim.start_dim ?? 0; }
  if (a._shape.length === 0) return reshape(a, [1]);
  const s = wrapDim(start_dim, a._shape.length), e = wrapDim(end_dim, a._shape.length);
  if (s > e) throw new RuntimeError("flatten() has invalid args: start_dim cannot come after end_dim");
  if (s === e) return a;
  const shape = [...a._shape.slice(0, s), numelOf(a._shape.slice(s, e + 1)), ...a._shape.slice(e + 1)];
  return reshape(a, shape);
}
export function unflatten(a: Tensor, dim: number, sizes: number[]): Tensor {
  const d = wrapDim(dim, a._shape.length);
  const inner = inferSize(sizes, a._shape[d]);
  return view(a, [...a._shape.slice(0, d), ...inner, ...a._shape.slice(d + 1)]);
}

// ---- transpose / permute -------------------------------------------------------------------
const transposeOp = op1<{ d0: number; d1: number; name: string }>("transpose", {
  name: (_i, p) => p.name,
  forward: ([a], p) => {
    const shape = a._shape.slice(), strides = a._strides.slice();
    [shape[p.d0], shape[p.d1]] = [shape[p.d1], shape[p.d0]];
    [strides[p.d0], strides[p.d1]] = [strides[p.d1], strides[p.d0]];
    return viewOf(a, shape, strides, a._offset);
  },
  backward: ([g], _s, p) => [transpose(g, p.d0, p.d1)],
});
export function transpose(a: Tensor, dim0: number, dim1: number): Tensor {
  const n = a._shape.length;
  return transposeOp([a], { d0: wrapDim(dim0, n), d1: wrapDim(dim1, n), name: "TransposeBackward0" });
}
export const swapaxes = transpose, swapdims = transpose;
export function t(a: Tensor): Tensor {
  const n = a._shape.length;
  if (n > 2) throw new RuntimeError(`t() expects a tensor with <= 2 dimensions, but self is ${n}D`);
  if (n < 2) return transposeOp([a], { d0: 0, d1: 0, name: "TBackward0" });
  return transposeOp([a], { d0: 0, d1: 1, name: "TBackward0" });
}
const permuteOp = op1<{ dims: number[] }>("permute", {
  name: "PermuteBackward0",
  forward: ([a], p) => viewOf(a, p.dims.map((d) => a._shape[d]), p.dims.map((d) => a._strides[d]), a._offset),
  backward: ([g], _s, p) => {
    const inv = new Array<number>(p.dims.length);
    p.dims.forEach((d, i) => (inv[d] = i));
    return [permute(g, inv)];
  },
});
export function permute(a: Tensor, ...dims: (number | number[])[]): Tensor {
  const ds = parseSizes(dims).map((d) => wrapDim(d, a._shape.length));
  if (ds.length !== a._shape.length) {
    throw new RuntimeError(`permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${a._shape.length} is not equal to len(dims) = ${ds.length}`);
  }
  if (new Set(ds).size !== ds.length) throw new RuntimeError("permute(): duplicate dims are not allowed.");
  return permuteOp([a], { dims: ds });
}
/** `x.T`: reverses all dims (PermuteBackward0, as PyTorch records it). */
export function T(a: Tensor): Tensor { return permute(a, a._shape.map((_d, i) => a._shape.length - 1 - i)); }
export function mT(a: Tensor): Tensor { return transpose(a, -2, -1); }

// ---- unsqueeze / squeeze / expand ------------------------------------------------------------
const unsqueezeOp = op1<{ dim: number }>("unsqueeze", {
  name: "UnsqueezeBackward0",
  forward: ([a], p) => {
    const shape = a._shape.slice(), strides = a._strides.slice();
    const st = p.dim < a._shape.length ? a._strides[p.dim] * a._shape[p.dim] : 1;
    shape.splice(p.dim, 0, 1);
    strides.splice(p.dim, 0, st);
    return viewOf(a, shape, strides, a._offset);
  },
  backward: ([g], _s, p) => [squeeze(g, p.dim)],
});
export function unsqueeze(a: Tensor, dim: number): Tensor {
  return unsqueezeOp([a], { dim: wrapDim(dim, a._shape.length + 1) });
}
const squeezeOp = op1<{ dims: number[]; name: string }>("squeeze", {
  name: (_i, p) => p.name,
  forward: ([a], p) => {
    const keep = a._shape.map((_d, i) => i).filter((i) => !p.dims.includes(i));
    return viewOf(a, keep.map((i) => a._shape[i]), keep.map((i) => a._strides[i]), a._offset);
  },
  backward: ([g], _s, _p, [inp]) => [reshape(g, inp.shape)],
});
export function squeeze(a: Tensor, dim?: number | null): Tensor {
  if (dim === undefined || dim === null) {
    return squeezeOp([a], { dims: a._shape.map((d, i) => (d === 1 ? i : -1)).filter((i) => i >= 0), name: "SqueezeBackward0" });
  }
  const d = wrapDim(dim, a._shape.length);
  return squeezeOp([a], { dims: a._shape[d] === 1 ? [d] : [], name: "SqueezeBackward1" });
}
/** squeeze(dim) that records as SqueezeBackward3 (the in-place squeeze_ matmul uses). */
export function _squeezeForMatmul(a: Tensor, dim: number): Tensor {
  return squeezeOp([a], { dims: [wrapDim(dim, a._shape.length)], name: "SqueezeBackward3" });
}

const expandOp = op1<{ shape: number[] }>("expand", {
  name: "ExpandBackward0",
  forward: ([a], p) => {
    const lead = p.shape.length - a._shape.length;
    const strides = p.shape.map((s, i) => {
      if (i < lead) return 0;
      const d = a._shape[i - lead];
      return d === 1 && s !== 1 ? 0 : a._strides[i - lead];
    });
    return viewOf(a, p.shape, strides, a._offset);
  },
  // The engine sums the gradient back to the input's shape (broadcast reduction is central).
  backward: ([g]) => [g],
});
export function expand(a: Tensor, ...sizes: (number | number[])[]): Tensor {
  const req = parseSizes(sizes);
  if (req.length < a._shape.length) {
    throw new RuntimeError(`expand(torch.FloatTensor{[${a._shape.join(", ")}]}, size=[${req.join(", ")}]): the number of sizes provided (${req.length}) must be greater or equal to the number of dimensions in the tensor (${a._shape.length})`);
  }
  const lead = req.length - a._shape.length;
  const shape = req.map((s, i) => {
    if (i < lead) {
      if (s < 0) throw new RuntimeError(`The expanded size of the tensor (${s}) isn't allowed in a leading, non-existing dimension ${i}`);
      return s;
    }
    const d = a._shape[i - lead];
    if (s === -1) return d;
    if (d !== 1 && d !== s) {
      throw new RuntimeError(`The expanded size of the tensor (${s}) must match the existing size (${d}) at non-singleton dimension ${i}.  Target sizes: [${req.join(", ")}].  Tensor sizes: [${a._shape.join(", ")}]`);
    }
    return s;
  });
  return expandOp([a], { shape });
}
export function expand_as(a: Tensor, b: Tensor): Tensor { return expand(a, b._shape); }
export function broadcast_to(a: Tensor, shape: number[]): Tensor { return expand(a, shape); }

// ---- slicing ---------------------------------------------------------------------------
/** Zeros of the input's shape with `g` written into the sliced region: the gradient of a slice. */
const sliceBackwardOp = op1<{ shape: number[]; dim: number; start: number; step: number; select: boolean }>("slice_backward", {
  name: (_i, p) => (p.select ? "SelectBackwardBackward0" : "SliceBackwardBackward0"),
  forward: ([g], p) => {
    const out = Tensor._make(g._dtype.alloc(numelOf(p.shape)), p.shape, g._dtype);
    const region = p.select ? selectRaw(out, p.dim, p.start) : sliceRaw(out, p.dim, p.start, p.start + g._shape[p.dim] * p.step, p.step);
    const src = readDense(g);
    const dst = out._storage.data;
    let i = 0;
    forEachOffset(region, (o) => { dst[o] = src[i++]; });
    return out;
  },
  // The slice taken again: as long as the forward's g was along dim, not to the end of the input.
  backward: ([gg], _s, p, [g]) => [p.select ? select(gg, p.dim, p.start) : slice(gg, p.dim, p.start, p.start + g.shape[p.dim] * p.step, p.step)],
});
function forEachOffset(t: Tensor, f: (o: number) => void): void {
  const n = numelOf(t._shape);
  for (let i = 0; i < n; i++) f(t._offsetOf(i));
}
function sliceRaw(a: Tensor, dim: number, start: number, end: number, step: number): Tensor {
  const shape = a._shape.slice(), strides = a._strides.slice();
  shape[dim] = Math.max(0, Math.ceil((end - start) / step));
  strides[dim] = a._strides[dim] * step;
  return viewOf(a, shape, strides, a._offset + start * a._strides[dim]);
}
function selectRaw(a: Tensor, dim: number, index: number): Tensor {
  const shape = a._shape.slice(), strides = a._strides.slice();
  shape.splice(dim, 1);
  strides.splice(dim, 1);
  return viewOf(a, shape, strides, a._offset + index * a._strides[dim]);
}
const sliceOp = op1<{ dim: number; start: number; end: number; step: number }>("slice", {
  name: "SliceBackward0",
  forward: ([a], p) => sliceRaw(a, p.dim, p.start, p.end, p.step),
  backward: ([g], _s, p, [inp]) => [sliceBackwardOp([g], { shape: inp.shape, dim: p.dim, start: p.start, step: p.step, select: false })],
});
/** Python's `a[start:end:step]` along `dim` (clamped like Python slices). */
export function slice(a: Tensor, dim: number, start?: number | null, end?: number | null, step = 1): Tensor {
  const d = wrapDim(dim, a._shape.length);
  const n = a._shape[d];
  if (step <= 0) throw new ValueErrorLike("step must be greater than zero");
  let s = start ?? 0, e = end ?? n;
  if (s < 0) s += n;
  if (e < 0) e += n;
  s = Math.min(Math.max(s, 0), n);
  e = Math.min(Math.max(e, s), n);
  return sliceOp([a], { dim: d, start: s, end: e, step });
}
class ValueErrorLike extends Error { constructor(m: string) { super(m); this.name = "ValueError"; } }
export function narrow(a: Tensor, dim: number, start: number, length: number): Tensor {
  const d = wrapDim(dim, a._shape.length);
  const n = a._shape[d];
  if (start < -n || start > n) {
    throw new IndexError(`start out of range (expected to be in range of [${-n}, ${n}], but got ${start})`);
  }
  const s = start < 0 ? start + n : start;
  if (s + length > n) throw new RuntimeError(`start (${s}) + length (${length}) exceeds dimension size (${n}).`);
  return sliceOp([a], { dim: d, start: s, end: s + length, step: 1 });
}
const selectOp = op1<{ dim: number; index: number }>("select", {
  name: "SelectBackward0",
  forward: ([a], p) => selectRaw(a, p.dim, p.index),
  backward: ([g], _s, p, [inp]) => [sliceBackwardOp([g], { shape: inp.shape, dim: p.dim, start: p.index, step: 1, select: true })],
});
export function select(a: Tensor, dim: number, index: number): Tensor {
  if (a._shape.length === 0) throw new IndexError("select() cannot be applied to a 0-dim tensor.");
  const d = wrapDim(dim, a._shape.length);
  const n = a._shape[d];
  if (index < -n || index >= n) {
    throw new IndexError(`select(): index ${index} out of range for tensor of size [${a._shape.join(", ")}] at dimension ${d}`);
  }
  return selectOp([a], { dim: d, index: index < 0 ? index + n : index });
}

// ---- clone / contiguous ----------------------------------------------------------------------
const cloneOp = op1("clone", {
  name: "CloneBackward0",
  forward: ([a]) => Tensor._make(readDense(a).slice(), a._shape, a._dtype),
  backward: ([g]) => [g],
});
export function clone(a: Tensor): Tensor { return cloneOp([a], undefined); }
export function contiguous(a: Tensor): Tensor { return a.is_contiguous() ? a : clone(a); }

// ---- split / chunk / unbind (multi-output views) -------------------------------------------------
const splitOp = defineOp<{ dim: number; sizes: number[]; name: string }>("split", {
  name: (_i, p) => p.name,
  forward: ([a], p) => {
    let start = 0;
    return p.sizes.map((len) => { const v = sliceRaw(a, p.dim, start, start + len, 1); start += len; return v; });
  },
  backward: (grads, _s, p) => [cat(grads, p.dim)],
});
export function split(a: Tensor, split_size_or_sections: number | number[], dim = 0): Tensor[] {
  const d = wrapDim(dim, a._shape.length);
  const n = a._shape[d];
  let sizes: number[];
  if (Array.isArray(split_size_or_sections)) {
    sizes = split_size_or_sections;
    const sum = sizes.reduce((x, y) => x + y, 0);
    if (sum !== n) throw new RuntimeError(`split_with_sizes expects split_sizes to sum exactly to ${n} (input tensor's size at dimension ${d}), but got split_sizes=[${sizes.join(", ")}]`);
    return splitOp([a], { dim: d, sizes, name: "SplitWithSizesBackward0" });
  }
  const s = split_size_or_sections;
  sizes = [];
  for (let i = 0; i < n; i += s) sizes.push(Math.min(s, n - i));
  if (sizes.length === 0) sizes.push(0);
  return splitOp([a], { dim: d, sizes, name: "SplitBackward0" });
}
export function chunk(a: Tensor, chunks: number, dim = 0): Tensor[] {
  const d = wrapDim(dim, a._shape.length);
  return split(a, Math.ceil(a._shape[d] / chunks) || 1, d);
}
const unbindOp = defineOp<{ dim: number }>("unbind", {
  name: "UnbindBackward0",
  forward: ([a], p) => Array.from({ length: a._shape[p.dim] }, (_v, i) => selectRaw(a, p.dim, i)),
  backward: (grads, _s, p) => [stack(grads, p.dim)],
});
export function unbind(a: Tensor, dim = 0): Tensor[] { return unbindOp([a], { dim: wrapDim(dim, a._shape.length) }); }

// ---- cat / stack -----------------------------------------------------------------------------
const catOp = op1<{ dim: number; sizes: number[] }>("cat", {
  name: "CatBackward0",
  forward: (all, p) => {
    const ins = all.filter((_t, i) => p.sizes[i] >= 0);
    const first = ins[0];
    const shape = first._shape.slice();
    shape[p.dim] = p.sizes.reduce((x, y) => x + Math.max(y, 0), 0);
    const dtype = ins.map((t) => t._dtype).reduce((x, y) => (x.category > y.category || (x.category === y.category && x.itemsize >= y.itemsize) ? x : y));
    const out = Tensor._make(dtype.alloc(numelOf(shape)), shape, dtype);
    let start = 0;
    for (const t of ins) {
      const region = sliceRaw(out, p.dim, start, start + t._shape[p.dim], 1);
      const src = readDense(t);
      const dst = out._storage.data;
      let i = 0;
      forEachOffset(region, (o) => { dst[o] = dtype.cast(src[i++]); });
      start += t._shape[p.dim];
    }
    return out;
  },
  backward: ([g], _s, p) => {
    let start = 0;
    return p.sizes.map((len) => {
      if (len < 0) return null;
      const r = slice(g, p.dim, start, start + len);
      start += len;
      return r;
    });
  },
});
export function cat(tensors: readonly Tensor[], dim: number | { dim?: number } = 0): Tensor {
  if (typeof dim === "object") dim = dim.dim ?? 0;
  if (tensors.length === 0) throw new RuntimeError("torch.cat(): expected a non-empty list of Tensors");
  // PyTorch skips legacy empty 1-D tensors of shape [0] (they stay inputs of the node, with no gradient).
  const isLegacyEmpty = (t: Tensor) => t._shape.length === 1 && t._shape[0] === 0;
  const ts = tensors.filter((t) => !isLegacyEmpty(t));
  if (ts.length === 0) return tensors[0];
  const ref = ts[0];
  const d = wrapDim(dim, ref._shape.length);
  ts.forEach((t, i) => {
    if (t._shape.length !== ref._shape.length) {
      throw new RuntimeError(`Tensors must have same number of dimensions: got ${ref._shape.length} and ${t._shape.length}`);
    }
    for (let k = 0; k < t._shape.length; k++) {
      if (k !== d && t._shape[k] !== ref._shape[k]) {
        throw new RuntimeError(`Sizes of tensors must match except in dimension ${d}. Expected size ${ref._shape[k]} but got size ${t._shape[k]} for tensor number ${i} in the list.`);
      }
    }
  });
  return catOp(tensors, { dim: d, sizes: tensors.map((t) => (isLegacyEmpty(t) ? -1 : t._shape[d])) });
}
export const concat = cat, concatenate = cat;
const stackOp = op1<{ dim: number }>("stack", {
  name: "StackBackward0",
  forward: (ins, p) => {
    const c = cat(ins.map((t) => unsqueezeRaw(t, p.dim)), p.dim);
    return c;
  },
  backward: ([g], _s, p) => unbind(g, p.dim),
});
function unsqueezeRaw(a: Tensor, dim: number): Tensor {
  const shape = a._shape.slice();
  shape.splice(dim, 0, 1);
  return Tensor._make(readDense(a), shape, a._dtype);
}
export function stack(tensors: readonly Tensor[], dim: number | { dim?: number } = 0): Tensor {
  if (typeof dim === "object") dim = dim.dim ?? 0;
  if (tensors.length === 0) throw new RuntimeError("stack expects a non-empty TensorList");
  const ref = tensors[0];
  tensors.forEach((t, i) => {
    if (t._shape.length !== ref._shape.length || t._shape.some((s, k) => s !== ref._shape[k])) {
      throw new RuntimeError(`stack expects each tensor to be equal size, but got ${fmtShape(ref._shape)} at entry 0 and ${fmtShape(t._shape)} at entry ${i}`);
    }
  });
  return stackOp(tensors, { dim: wrapDim(dim, ref._shape.length + 1) });
}
export { contiguousStrides };
