// torch.autograd.Function: user-defined ops with static forward/backward and a ctx that saves
// tensors. The node is named after the class, `<Name>Backward`, as PyTorch names custom nodes.
import { Tensor } from "../tensor";
import { Node, InputMeta, OutputRef } from "./node";
import { edgeOf, moduleStack } from "../ops/define";
import { is_grad_enabled, withGradMode } from "./grad_mode";
import { RuntimeError } from "../errors";

export class FunctionCtx {
  private _toSave: Tensor[] = [];
  _node: Node | null = null;
  needs_input_grad: boolean[] = [];
  [key: string]: unknown;
  save_for_backward(...tensors: Tensor[]): void { this._toSave = tensors; }
  get saved_tensors(): Tensor[] { return this._node ? this._node._unpackSaved() : this._toSave; }
  _pendingSaves(): Tensor[] { return this._toSave; }
  mark_non_differentiable(..._t: Tensor[]): void {}
}

type Forward = (ctx: FunctionCtx, ...args: unknown[]) => Tensor | Tensor[];
type Backward = (ctx: FunctionCtx, ...grads: Tensor[]) => Tensor | null | (Tensor | null)[];

export class Function {
  static forward(_ctx: FunctionCtx, ..._args: unknown[]): Tensor | Tensor[] {
    throw new RuntimeError("You must implement the forward function for custom autograd.Function.");
  }
  static backward(_ctx: FunctionCtx, ..._grads: Tensor[]): Tensor | null | (Tensor | null)[] {
    throw new RuntimeError("You must implement either the backward or vjp method for your custom autograd.Function to use it with backward mode AD.");
  }
  static apply(this: { forward: Forward; backward: Backward; name: string }, ...args: unknown[]): Tensor | Tensor[] {
    const ctx = new FunctionCtx();
    const tensorArgs = args.map((a) => (a instanceof Tensor ? a : null));
    ctx.needs_input_grad = tensorArgs.map((t) => !!t && t.requires_grad);
    const raw = withGradMode(false, () => this.forward(ctx, ...args));
    const outs = Array.isArray(raw) ? raw : [raw];
    if (!is_grad_enabled() || !ctx.needs_input_grad.some(Boolean)) return raw;
    const backward = this.backward;
    const meta: InputMeta[] = tensorArgs.map((t) => ({ shape: t ? t._shape.slice() : [], dtype: t ? t._dtype.name : "float32" }));
    // Outputs that are inputs returned as-is must become new tensors, or the graph would cycle.
    const results = outs.map((o) => (tensorArgs.includes(o) ? o.detach() : o));
    const node = new Node(`${this.name}Backward`, tensorArgs.map(edgeOf), meta, results.map((o) => o._shape.slice()), (grads) => {
      const r = backward(ctx, ...grads);
      return Array.isArray(r) ? r : [r];
    });
    node._module = moduleStack.length ? moduleStack[moduleStack.length - 1] : null;
    results.forEach((o, i) => { o._gradFn = node; o._outputNr = i; });
    node._output = new OutputRef(results[0]);
    node._saved = ctx._pendingSaves().map((t, i) => ({
      name: `saved_${i}`, tensor: t, version: t._vc.value, isOutput: results.includes(t), shape: t._shape.slice(), dtype: t._dtype.name, freed: false,
    }));
    ctx._node = node;
    return Array.isArray(raw) ? results : results[0];
  }
}
