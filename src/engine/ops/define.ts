// The one place where an op meets autograd. An op is declared once, forward and backward
// together; `defineOp` runs the forward without recording, and when grad mode is on and an
// input requires grad, records a Node with the op's PyTorch name, its edges and saved tensors.
// Broadcast reduction is not the op's business: the engine sums each input's gradient back to
// that input's shape (autograd/engine.ts), so backward formulas work in the output's shape.
import { Tensor } from "../tensor";
import { AccumulateGrad, Edge, InputMeta, Node, OutputRef } from "../autograd/node";
import { is_grad_enabled } from "../autograd/grad_mode";

export interface OpSpec<P> {
  /** The grad_fn name PyTorch gives this op, e.g. "MulBackward0" (may depend on the call). */
  name: string | ((inputs: readonly (Tensor | null)[], params: P) => string);
  /** Computes the result(s) from raw data; never records autograd. */
  forward: (inputs: readonly Tensor[], params: P) => Tensor | Tensor[];
  /** Tensors backward needs, named as PyTorch's `_saved_*` attributes (shown in the graph). */
  save?: (inputs: readonly Tensor[], outputs: readonly Tensor[], params: P) => [string, Tensor][];
  /** Gradients of the inputs given gradients of the outputs (in the outputs' shapes). */
  backward?: (grads: Tensor[], saved: Tensor[], params: P, inputs: readonly InputMeta[]) => (Tensor | null)[];
  /** Outputs that never carry gradient, e.g. the indices of `max(dim)`. */
  nonDifferentiableOutputs?: readonly number[];
}

export interface RegisteredOp {
  key: string;
  spec: OpSpec<never>;
}

/** Every differentiable op, so the finite-difference check can loop over all of them. */
export const opRegistry = new Map<string, OpSpec<unknown>>();

/** Which nn.Module's forward is running (a dotted path), for grouping graph nodes. */
export const moduleStack: string[] = [];

export function edgeOf(t: Tensor | null): Edge {
  if (t === null || !t.requires_grad) return [null, 0];
  if (t._gradFn) return [t._gradFn, t._outputNr];
  if (!t._accumulator) t._accumulator = new AccumulateGrad(t);
  return [t._accumulator, 0];
}

export function defineOp<P = undefined>(key: string, spec: OpSpec<P>): (inputs: readonly (Tensor | null)[], params: P) => Tensor[] {
  if (spec.backward) opRegistry.set(key, spec as OpSpec<unknown>);
  return (inputs, params) => {
    const present = inputs.filter((t): t is Tensor => t !== null);
    const raw = spec.forward(present, params);
    const outs = Array.isArray(raw) ? raw : [raw];
    if (!spec.backward || !is_grad_enabled() || !present.some((t) => t.requires_grad)) return outs;
    const name = typeof spec.name === "string" ? spec.name : spec.name(inputs, params);
    const meta: InputMeta[] = inputs.map((t) => ({ shape: t ? t._shape.slice() : [], dtype: t ? t._dtype.name : "float32" }));
    const backward = spec.backward;
    const node = new Node(
      name,
      inputs.map(edgeOf),
      meta,
      outs.map((o) => o._shape.slice()),
      (grads, saved) => backward(grads, saved, params, meta),
    );
    const nonDiff = new Set(spec.nonDifferentiableOutputs ?? []);
    outs.forEach((o, i) => {
      if (nonDiff.has(i) || !o._dtype.isFloatingPoint) return;
      o._gradFn = node;
      o._outputNr = i;
    });
    node._output = new OutputRef(outs[0]);
    node._module = moduleStack.length ? moduleStack[moduleStack.length - 1] : null;
    if (spec.save) {
      node._saved = spec.save(present, outs, params).map(([slot, t]) => ({
        name: slot,
        tensor: t,
        version: t._vc.value,
        isOutput: outs.includes(t),
        // A saved output names the node that saved it; a saved input names its grad_fn at unpack time (as PyTorch).
        producer: outs.includes(t) ? name : undefined,
        producerNr: outs.includes(t) ? outs.indexOf(t) : undefined,
        shape: t._shape.slice(),
        dtype: t._dtype.name,
        freed: false,
      }));
    }
    return outs;
  };
}

/** Convenience for single-output ops. */
export function op1<P = undefined>(key: string, spec: OpSpec<P>): (inputs: readonly (Tensor | null)[], params: P) => Tensor {
  const f = defineOp(key, spec);
  return (inputs, params) => f(inputs, params)[0];
}
