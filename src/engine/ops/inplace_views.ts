// In-place view ops (unsqueeze_, squeeze_, t_, transpose_, swapaxes_/swapdims_): the tensor itself takes
// the new shape and strides over the same storage, its version counter moves, and its grad_fn becomes
// the op's node under PyTorch's in-place names (UnsqueezeBackward1, SqueezeBackward2/3, TBackward1,
// TransposeBackward1). A leaf that requires grad is refused, as in PyTorch.
import { Tensor } from "../tensor";
import { op1 } from "./define";
import { OutputRef } from "../autograd/node";
import { checkInplace } from "./inplace";
import { reshape, transpose } from "./views";
import { wrapDim } from "../shape";
import { RuntimeError } from "../errors";
import { viewOf } from "./math_common";

interface MetaP { name: string; shape: number[]; strides: number[]; swap: [number, number] | null }
const viewInplaceOp = op1<MetaP>("view_inplace", {
  name: (_i, p) => p.name,
  forward: ([a], p) => viewOf(a, p.shape, p.strides, a._offset),
  backward: ([g], _s, p, [inp]) => [p.swap ? transpose(g, p.swap[0], p.swap[1]) : reshape(g, inp.shape)],
});
function apply(t: Tensor, p: MetaP): Tensor {
  checkInplace(t);
  const r = viewInplaceOp([t], p);
  t._shape = r._shape.slice();
  t._strides = r._strides.slice();
  t._vc.value++;
  if (r._gradFn) {
    t._gradFn = r._gradFn;
    t._outputNr = 0;
    r._gradFn._output = new OutputRef(t);
  }
  return t;
}
export function unsqueeze_(t: Tensor, dim: number): Tensor {
  const d = wrapDim(dim, t._shape.length + 1);
  const shape = t._shape.slice(), strides = t._strides.slice();
  shape.splice(d, 0, 1);
  strides.splice(d, 0, d < t._shape.length ? t._strides[d] * t._shape[d] : 1);
  return apply(t, { name: "UnsqueezeBackward1", shape, strides, swap: null });
}
export function squeeze_(t: Tensor, dim?: number | null): Tensor {
  const all = dim === undefined || dim === null;
  const d = all ? -1 : wrapDim(dim, t._shape.length);
  const keep = t._shape.map((_s, i) => i).filter((i) => (all ? t._shape[i] !== 1 : i !== d || t._shape[i] !== 1));
  return apply(t, { name: all ? "SqueezeBackward2" : "SqueezeBackward3", shape: keep.map((i) => t._shape[i]), strides: keep.map((i) => t._strides[i]), swap: null });
}
export function transpose_(t: Tensor, dim0: number, dim1: number, name = "TransposeBackward1"): Tensor {
  const n = t._shape.length;
  const d0 = wrapDim(dim0, n), d1 = wrapDim(dim1, n);
  const shape = t._shape.slice(), strides = t._strides.slice();
  [shape[d0], shape[d1]] = [shape[d1], shape[d0]];
  [strides[d0], strides[d1]] = [strides[d1], strides[d0]];
  return apply(t, { name, shape, strides, swap: [d0, d1] });
}
export function t_(t: Tensor): Tensor {
  const n = t._shape.length;
  if (n > 2) throw new RuntimeError(`t_() expects a tensor with <= 2 dimensions, but self is ${n}D`);
  return transpose_(t, 0, n < 2 ? 0 : 1, "TBackward1");
}
