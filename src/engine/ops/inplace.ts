// In-place ops. PyTorch's rule: compute as the out-of-place op would (so the graph gets the
// op's node with the tensor's previous history as its input), write the values into the
// tensor's own storage, bump its version counter, and make that node the tensor's grad_fn.
// Writing into a leaf that requires grad, or a view of one, is refused while grad mode is on.
import { Tensor } from "../tensor";
import { RuntimeError } from "../errors";
import { is_grad_enabled } from "../autograd/grad_mode";
import { readDense, writeDense } from "./loops";
import { clone } from "./views";
import { op1 } from "./define";
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
export function inplace(t: Tensor, compute: () => Tensor): Tensor {
  checkInplace(t);
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
  if (node) {
    t._gradFn = node;
    t._outputNr = r._outputNr;
    node._output = new WeakRef(t);
  }
  return t;
}

/** An in-place write of values that carry no gradient (fill_, zero_, uniform_...): history is cut to a zero-gradient node. */
const fillOp = op1<{ name: string }>("fill", {
  name: (_i, p) => p.name,
  forward: ([a]) => clone(a).detach(),
  backward: ([g]) => [g.mul(0)],
});
export function overwrite(t: Tensor, values: ArrayLike<number>, name: string): Tensor {
  checkInplace(t);
  const node = t._gradFn && is_grad_enabled() ? fillOp([t], { name })._gradFn : null;
  writeDense(t, values);
  t._vc.value++;
  if (node) {
    t._gradFn = node;
    t._outputNr = 0;
    node._output = new WeakRef(t);
  }
  return t;
}
