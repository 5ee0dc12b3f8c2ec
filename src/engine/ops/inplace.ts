// In-place ops. PyTorch's rule: compute as the out-of-place op would (so the graph gets the
// op's node with the tensor's previous history as its input), write the values into the
// tensor's own storage, bump its version counter, and make that node the tensor's grad_fn.
// Writing into a leaf that requires grad, or a view of one, is refused while grad mode is on.
import { Tensor } from "../tensor";
import { RuntimeError } from "../errors";
import { is_grad_enabled } from "../autograd/grad_mode";
import { readDense, writeDense, elementOffsets } from "./loops";
import { clone } from "./views";
import { op1, edgeOf } from "./define";
import { Node, OutputRef } from "../autograd/node";
import { sumTo } from "../autograd/engine";
import { _gatherPositions, _scatterPositions, _positionMask } from "./indexing";
import { where } from "./elementwise";
import { resultType } from "../dtype";
import { dtypeTitle } from "./reduce";

export function checkInplace(t: Tensor): void {
  if (!is_grad_enabled()) return;
  if (t.is_leaf && t._requiresGrad) throw new RuntimeError("a leaf Variable that requires grad is being used in an in-place operation.");
  const base = t._base;
  if (base && base.is_leaf && base._requiresGrad) {
    throw new RuntimeError("a view of a leaf Variable that requires grad is being used in an in-place operation.");
  }
}

/** Run `compute` (the out-of-place op on `t`) and commit its result into `t` in place. */
/** Writing through a stride-0 (expanded) dim would write one element many times. */
function checkNoInternalOverlap(t: Tensor): void {
  if (t._shape.some((n, i) => n > 1 && t._strides[i] === 0)) {
    throw new RuntimeError("unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation.");
  }
}

export function inplace(t: Tensor, compute: () => Tensor): Tensor {
  checkInplace(t);
  checkNoInternalOverlap(t);
  const r = compute();
  if (r._dtype !== t._dtype && resultType([{ kind: "tensor", dtype: r._dtype, dim: 1 }, { kind: "tensor", dtype: t._dtype, dim: 1 }]) !== t._dtype) {
    throw new RuntimeError(`result type ${dtypeTitle(r._dtype)} can't be cast to the desired output type ${dtypeTitle(t._dtype)}`);
  }
  if (r._shape.length !== t._shape.length || r._shape.some((d, i) => d !== t._shape[i])) {
    throw new RuntimeError(`output with shape [${t._shape.join(", ")}] doesn't match the broadcast shape [${r._shape.join(", ")}]`);
  }
  const node = r._gradFn;
  if (node) {
    // The op saved the pre-modification tensor; keep a copy so the upcoming write does not
    // invalidate it (PyTorch saves the original self of an in-place op the same way).
    for (const s of node._saved) {
      if (s.tensor === t) {
        const c = Tensor._make(readDense(t).slice(), t._shape, t._dtype);
        s.tensor = c;
        s.version = c._vc.value;
      }
    }
  }
  writeDense(t, readDense(r));
  t._vc.value++;
  if (!node) return t;
  if (t._base) {
    rebaseView(t, t._base, node);
    return t;
  }
  t._gradFn = node;
  t._outputNr = r._outputNr;
  node._output = new OutputRef(t);
  return t;
}

/** Logical positions, in `base`, of each element of the view `v` (both over the same storage). */
function positionsInBase(v: Tensor, base: Tensor): Int32Array {
  const baseOffs = elementOffsets(base._shape, base._strides, base._offset);
  const index = new Map<number, number>();
  for (let i = 0; i < baseOffs.length; i++) index.set(baseOffs[i], i);
  const vOffs = elementOffsets(v._shape, v._strides, v._offset);
  return Int32Array.from(vOffs, (o) => index.get(o) ?? 0);
}

/**
 * An in-place op on a view changes its base: PyTorch's CopySlices. The base's history becomes
 * a CopySlices node (its old history plus the op's other inputs), and the view's grad_fn an
 * AsStridedBackward0 that reads its region of the base's gradient.
 */
function rebaseView(view: Tensor, base: Tensor, op: Node): void {
  const pos = positionsInBase(view, base);
  const baseShape = base._shape.slice();
  const viewShape = view._shape.slice();
  const covered = _positionMask(pos, baseShape);
  const opBackward = op._backward;
  const copySlices = new Node(
    "torch::autograd::CopySlices",
    [edgeOf(base), ...op.next_functions.slice(1)],
    [{ shape: baseShape, dtype: base._dtype.name }, ...op._inputs.slice(1)],
    [baseShape],
    (grads, saved) => {
      const g = grads[0];
      const gView = _gatherPositions(g, pos, viewShape, "AsStridedBackward0");
      const res = opBackward ? opBackward([gView], saved) : [];
      const gSelf = res[0] ? sumTo(res[0], viewShape) : null;
      const gBase = gSelf ? where(covered, _scatterPositions(gSelf, pos, baseShape), g) : where(covered, 0, g);
      return [gBase, ...res.slice(1)];
    },
  );
  copySlices._saved = op._saved;
  copySlices._module = op._module;
  base._gradFn = copySlices;
  base._outputNr = 0;
  copySlices._output = new OutputRef(base);
  const asStrided = new Node("AsStridedBackward0", [[copySlices, 0]], [{ shape: baseShape, dtype: base._dtype.name }], [viewShape],
    ([g]) => [_scatterPositions(g, pos, baseShape)]);
  asStrided._module = op._module;
  view._gradFn = asStrided;
  view._outputNr = 0;
  asStrided._output = new OutputRef(view);
}

/** An in-place write of values that carry no gradient (fill_, zero_, uniform_...): history is cut to a zero-gradient node. */
const fillOp = op1<{ name: string }>("fill", {
  name: (_i, p) => p.name,
  forward: ([a]) => clone(a).detach(),
  backward: ([g]) => [g.mul(0)],
});
export function overwrite(t: Tensor, values: ArrayLike<number>, name: string): Tensor {
  checkInplace(t);
  checkNoInternalOverlap(t);
  const node = t._gradFn && is_grad_enabled() ? fillOp([t], { name })._gradFn : null;
  writeDense(t, values);
  t._vc.value++;
  if (node && t._base) {
    rebaseView(t, t._base, node);
  } else if (node) {
    t._gradFn = node;
    t._outputNr = 0;
    node._output = new OutputRef(t);
  }
  return t;
}
