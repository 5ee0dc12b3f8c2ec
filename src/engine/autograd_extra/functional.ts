// torch.autograd.functional (PyTorch 1.13): jacobian, hessian, vjp, jvp, vhp, hvp, composed from
// torch.autograd.grad exactly as torch/autograd/functional.py does (reverse mode, vectorize=False:
// one backward pass per output element). Python tuples are arrays here: a function of several
// inputs receives them spread, `jacobian((x, y) => ..., [x, y])`.
import { Tensor } from "../tensor";
import { grad } from "../autograd/engine";
import { withGradMode, is_grad_enabled } from "../autograd/grad_mode";
import { stack } from "../ops/views";
import { zeros_like } from "../creation";
import { RuntimeError, TorchTypeError } from "../errors";
import { formatSize as fmtShape } from "../printing/tensor_str";

type Fn = (...inputs: Tensor[]) => Tensor | Tensor[];
type Inputs = Tensor | Tensor[];

function asTuple(v: Inputs | unknown, argName: string, fnName: string): [boolean, Tensor[]] {
  const isTuple = Array.isArray(v);
  const list = (isTuple ? v : [v]) as unknown[];
  list.forEach((el, i) => {
    if (!(el instanceof Tensor)) {
      if (isTuple) throw new TorchTypeError(`The ${argName} given to ${fnName} must be either a Tensor or a tuple of Tensors but the value at index ${i} has type ${typeof el}.`);
      throw new TorchTypeError(`The ${argName} given to ${fnName} must be either a Tensor or a tuple of Tensors but the given ${argName} has type ${typeof el}.`);
    }
  });
  return [isTuple, list as Tensor[]];
}

/** Inputs the function sees: detached leaves requiring grad, or (create_graph) views that keep history. */
function gradPreprocess(inputs: Tensor[], createGraph: boolean, needGraph: boolean): Tensor[] {
  return inputs.map((inp) => (createGraph && inp.requires_grad ? inp.view_as(inp) : inp.detach().requires_grad_(needGraph)));
}
function gradPostprocess<T>(x: T, createGraph: boolean): T {
  if (createGraph) return x;
  if (x instanceof Tensor) return x.detach() as T;
  if (Array.isArray(x)) return x.map((e) => gradPostprocess(e, createGraph)) as T;
  return x;
}

function checkRequiresGrad(ts: (Tensor | null)[], inputType: string, strict: boolean): void {
  if (!strict) return;
  ts.forEach((t, i) => {
    if (t === null) throw new RuntimeError(`The output of the user-provided function is independent of input ${i}. This is not allowed in strict mode.`);
    if (!t.requires_grad) {
      if (inputType === "hessian") throw new RuntimeError(`The hessian of the user-provided function with respect to input ${i} is independent of the input. This is not allowed in strict mode. You should ensure that your function is thrice differentiable and that the hessian depends on the inputs.`);
      if (inputType === "jacobian") throw new RuntimeError(`While computing the hessian, found that the jacobian of the user-provided function with respect to input ${i} is independent of the input. This is not allowed in strict mode. You should ensure that your function is twice differentiable and that the jacobian depends on the inputs (this would be violated by a linear function for example).`);
      if (inputType === "grad_inputs") throw new RuntimeError(`The gradient with respect to input ${i} is independent of the inputs of the user-provided function. This is not allowed in strict mode.`);
      throw new RuntimeError(`Output ${i} of the user-provided function does not require gradients. The outputs must be computed in a differentiable manner from the input when running in strict mode.`);
    }
  });
}

function validateV(v: Tensor[], other: Tensor[], isOtherTuple: boolean): void {
  if (other.length !== v.length) {
    if (isOtherTuple) throw new RuntimeError(`v is a tuple of invalid length: should be ${other.length} but got ${v.length}.`);
    throw new RuntimeError("The given v should contain a single Tensor.");
  }
  v.forEach((el, i) => {
    if (el._shape.length !== other[i]._shape.length || el._shape.some((d, k) => d !== other[i]._shape[k])) {
      const prepend = isOtherTuple ? `Entry ${i} in ` : "";
      throw new RuntimeError(`${prepend}v has invalid size: should be ${fmtShape(other[i]._shape)} but got ${fmtShape(el._shape)}.`);
    }
  });
}

/** _autograd_grad: outputs that do not require grad are dropped; all-null when none does. */
function autogradGrad(outputs: (Tensor | null)[], inputs: Tensor[], gradOutputs: (Tensor | null)[] | null, createGraph: boolean, retainGraph?: boolean): (Tensor | null)[] {
  const go = gradOutputs ?? outputs.map(() => null);
  const outs: Tensor[] = [], gos: (Tensor | null)[] = [];
  outputs.forEach((o, i) => {
    if (o !== null && o.requires_grad) { outs.push(o); gos.push(go[i]); }
  });
  if (outs.length === 0) return inputs.map(() => null);
  return grad(outs, inputs, { grad_outputs: gos, allow_unused: true, create_graph: createGraph, retain_graph: retainGraph ?? createGraph });
}

function fillInZeros(grads: (Tensor | null)[], refs: Tensor[], strict: boolean, createGraph: boolean, stage: "back" | "back_trick" | "double_back" | "double_back_trick"): Tensor[] {
  return grads.map((g, i) => {
    if (g !== null) return g;
    if (strict) {
      if (stage === "back") throw new RuntimeError(`The output of the user-provided function is independent of input ${i}. This is not allowed in strict mode.`);
      if (stage === "back_trick") throw new RuntimeError(`The gradient with respect to the input is independent of entry ${i} in the grad_outputs when using the double backward trick to compute forward mode gradients. This is not allowed in strict mode.`);
      if (stage === "double_back") throw new RuntimeError(`The jacobian of the user-provided function is independent of input ${i}. This is not allowed in strict mode.`);
      throw new RuntimeError(`The hessian of the user-provided function is independent of entry ${i} in the grad_jacobian. This is not allowed in strict mode as it prevents from using the double backward trick to replace forward mode AD.`);
    }
    void createGraph;
    return zeros_like(refs[i]);
  });
}

/** _tuple_postprocess: unwrap what was not a tuple on the way in. */
function tuplePost<T>(res: T[], isTuple: boolean): T | T[];
function tuplePost<T>(res: T[][], isTuple: [boolean, boolean]): T | T[] | T[][];
function tuplePost<T>(res: T[] | T[][], isTuple: boolean | [boolean, boolean]): unknown {
  if (Array.isArray(isTuple)) {
    const r = res as T[][];
    if (!isTuple[1]) {
      if (!isTuple[0]) return r[0][0];
      return r.map((el) => el[0]);
    }
    if (!isTuple[0]) return r[0];
    return r;
  }
  return isTuple ? res : (res as T[])[0];
}

export interface FunctionalOptions { create_graph?: boolean; strict?: boolean }
export interface JacobianOptions extends FunctionalOptions { vectorize?: boolean; strategy?: "reverse-mode" | "forward-mode" }

/**
 * jacobian(func, inputs): for one input and one output a Tensor of shape out.shape + in.shape;
 * arrays of Tensors (per input, per output, or [output][input]) when func takes or returns several.
 */
export function jacobian(func: Fn, inputs: Inputs, opts: JacobianOptions = {}): Tensor | Tensor[] | Tensor[][] {
  const createGraph = opts.create_graph ?? false, strict = opts.strict ?? false;
  if ((opts.strategy ?? "reverse-mode") !== "reverse-mode") throw new RuntimeError("Expected strategy to be either \"forward-mode\" or \"reverse-mode\". Only \"reverse-mode\" is available in Gradient Inspector.");
  if (strict && (opts.vectorize ?? false)) throw new RuntimeError("torch.autograd.functional.jacobian: `strict=True` and `vectorize=True` are not supported together. Please either set `strict=False` or `vectorize=False`.");
  return withGradMode(true, () => {
    const [isInputsTuple, ins0] = asTuple(inputs, "inputs", "jacobian");
    const ins = gradPreprocess(ins0, createGraph, true);
    const [isOutputsTuple, outs] = asTuple(func(...ins), "outputs of the user-provided function", "jacobian");
    checkRequiresGrad(outs, "outputs", strict);
    const jac: Tensor[][] = outs.map((out, i) => {
      const cols: Tensor[][] = ins.map(() => []);
      const flat = out.reshape(-1);
      for (let j = 0; j < out.numel(); j++) {
        const vj = autogradGrad([flat.select(0, j)], ins, null, createGraph, true);
        vj.forEach((el, k) => {
          if (el !== null) {
            if (strict && createGraph && !el.requires_grad) throw new RuntimeError(`The jacobian of the user-provided function is independent of input ${i}. This is not allowed in strict mode when create_graph=True.`);
            cols[k].push(el);
          } else {
            if (strict) throw new RuntimeError(`Output ${i} of the user-provided function is independent of input ${k}. This is not allowed in strict mode.`);
            cols[k].push(zeros_like(ins[k]));
          }
        });
      }
      return cols.map((c, k) => stack(c, 0).view([...out._shape, ...ins[k]._shape]));
    });
    return tuplePost(gradPostprocess(jac, createGraph), [isOutputsTuple, isInputsTuple]);
  });
}

/** hessian(func, inputs): func returns a single-element Tensor. */
export function hessian(func: Fn, inputs: Inputs, opts: JacobianOptions & { outer_jacobian_strategy?: "reverse-mode" } = {}): Tensor | Tensor[] | Tensor[][] {
  const strict = opts.strict ?? false;
  const [isInputsTuple, ins] = asTuple(inputs, "inputs", "hessian");
  const single = (...inp: Tensor[]): Tensor => {
    const out = func(...inp);
    const [isOutTuple, tOut] = asTuple(out, "outputs of the user-provided function", "hessian");
    checkRequiresGrad(tOut, "outputs", strict);
    if (isOutTuple || !(out instanceof Tensor)) throw new RuntimeError("The function given to hessian should return a single Tensor");
    if (out.numel() !== 1) throw new RuntimeError("The Tensor returned by the function given to hessian should contain a single element");
    return out.squeeze();
  };
  const jacFunc = (...inp: Tensor[]): Tensor | Tensor[] => {
    const jac = jacobian(single, inp, { create_graph: true });
    const list = Array.isArray(jac) ? (jac as Tensor[]) : [jac];
    checkRequiresGrad(list, "jacobian", strict);
    return jac as Tensor | Tensor[];
  };
  const res = jacobian(jacFunc, ins, { create_graph: opts.create_graph, strict, vectorize: opts.vectorize });
  return tuplePost(res as Tensor[][], [isInputsTuple, isInputsTuple]);
}

/** vjp(func, inputs, v=None): [func_output, vector-Jacobian product]. */
export function vjp(func: Fn, inputs: Inputs, v?: Inputs | null, opts: FunctionalOptions = {}): [Tensor | Tensor[], Tensor | Tensor[]] {
  const createGraph = opts.create_graph ?? false, strict = opts.strict ?? false;
  const { isInputsTuple, isOutputsTuple, ins, outs, vs } = withGradMode(true, () => {
    const [isIn, ins0] = asTuple(inputs, "inputs", "vjp");
    const insP = gradPreprocess(ins0, createGraph, true);
    const [isOut, o] = asTuple(func(...insP), "outputs of the user-provided function", "vjp");
    checkRequiresGrad(o, "outputs", strict);
    let vv: Tensor[] | null = null;
    if (v !== undefined && v !== null) {
      vv = gradPreprocess(asTuple(v, "v", "vjp")[1], createGraph, false);
      validateV(vv, o, isOut);
    } else if (o.length !== 1 || o[0].numel() !== 1) {
      throw new RuntimeError("The vector v can only be None if the user-provided function returns a single Tensor with a single element.");
    }
    return { isInputsTuple: isIn, isOutputsTuple: isOut, ins: insP, outs: o, vs: vv };
  });
  const res = withGradMode(createGraph ? true : is_grad_enabled(), () => fillInZeros(autogradGrad(outs, ins, vs, createGraph), ins, strict, createGraph, "back"));
  return [tuplePost(gradPostprocess(outs, createGraph), isOutputsTuple), tuplePost(gradPostprocess(res, createGraph), isInputsTuple)];
}

/** jvp(func, inputs, v=None): [func_output, Jacobian-vector product], by the double-backward trick. */
export function jvp(func: Fn, inputs: Inputs, v?: Inputs | null, opts: FunctionalOptions = {}): [Tensor | Tensor[], Tensor | Tensor[]] {
  const createGraph = opts.create_graph ?? false, strict = opts.strict ?? false;
  const st = withGradMode(true, () => {
    const [isIn, ins0] = asTuple(inputs, "inputs", "jvp");
    const ins = gradPreprocess(ins0, createGraph, true);
    let vv: Tensor[] | null = null;
    if (v !== undefined && v !== null) {
      vv = gradPreprocess(asTuple(v, "v", "jvp")[1], createGraph, false);
      validateV(vv, ins, isIn);
    } else if (ins.length !== 1 || ins[0].numel() !== 1) {
      throw new RuntimeError("The vector v can only be None if the input to the user-provided function is a single Tensor with a single element.");
    }
    const [isOut, outs] = asTuple(func(...ins), "outputs of the user-provided function", "jvp");
    checkRequiresGrad(outs, "outputs", strict);
    const gradOutputs = outs.map((o) => zeros_like(o).requires_grad_(true));
    const gradInputs = autogradGrad(outs, ins, gradOutputs, true);
    checkRequiresGrad(gradInputs, "grad_inputs", strict);
    return { isOut, outs, vv, gradOutputs, gradInputs };
  });
  const body = (): Tensor[] => fillInZeros(autogradGrad(st.gradInputs, st.gradOutputs, st.vv, createGraph), st.outs, strict, createGraph, "back_trick");
  const res = createGraph ? withGradMode(true, body) : body();
  return [tuplePost(gradPostprocess(st.outs, createGraph), st.isOut), tuplePost(gradPostprocess(res, createGraph), st.isOut)];
}

function scalarOutput(outs: Tensor[], isTuple: boolean, fnName: string): void {
  if (isTuple) throw new RuntimeError(`The function given to ${fnName} should return a single Tensor`);
  if (outs[0].numel() !== 1) throw new RuntimeError(`The Tensor returned by the function given to ${fnName} should contain a single element`);
}

/** vhp(func, inputs, v): [func_output, v^T H]. */
export function vhp(func: Fn, inputs: Inputs, v?: Inputs | null, opts: FunctionalOptions = {}): [Tensor, Tensor | Tensor[]] {
  return secondOrder("vhp", func, inputs, v, opts);
}
/** hvp(func, inputs, v): [func_output, H v], by the double-backward trick. */
export function hvp(func: Fn, inputs: Inputs, v?: Inputs | null, opts: FunctionalOptions = {}): [Tensor, Tensor | Tensor[]] {
  return secondOrder("hvp", func, inputs, v, opts);
}

function secondOrder(name: "vhp" | "hvp", func: Fn, inputs: Inputs, v: Inputs | null | undefined, opts: FunctionalOptions): [Tensor, Tensor | Tensor[]] {
  const createGraph = opts.create_graph ?? false, strict = opts.strict ?? false;
  const st = withGradMode(true, () => {
    const [isIn, ins0] = asTuple(inputs, "inputs", name);
    const ins = gradPreprocess(ins0, createGraph, true);
    let vv: Tensor[] | null = null;
    if (v !== undefined && v !== null) {
      vv = gradPreprocess(asTuple(v, "v", name)[1], createGraph, false);
      validateV(vv, ins, isIn);
    } else if (ins.length !== 1 || ins[0].numel() !== 1) {
      throw new RuntimeError("The vector v can only be None if the input to the user-provided function is a single Tensor with a single element.");
    }
    const [isOut, outs] = asTuple(func(...ins), "outputs of the user-provided function", name);
    checkRequiresGrad(outs, "outputs", strict);
    scalarOutput(outs, isOut, name);
    const jac = autogradGrad(outs, ins, null, true);
    checkRequiresGrad(jac, "jacobian", strict);
    const gradJac = name === "hvp" ? ins.map((inp) => zeros_like(inp).requires_grad_(true)) : null;
    const doubleBack = name === "hvp" ? autogradGrad(jac, ins, gradJac, true) : null;
    if (doubleBack) checkRequiresGrad(doubleBack, "hessian", strict);
    return { isIn, ins, outs, vv, jac, gradJac, doubleBack };
  });
  const body = (): Tensor[] => name === "vhp"
    ? fillInZeros(autogradGrad(st.jac, st.ins, st.vv, createGraph), st.ins, strict, createGraph, "double_back")
    : fillInZeros(autogradGrad(st.doubleBack as (Tensor | null)[], st.gradJac as Tensor[], st.vv, createGraph), st.ins, strict, createGraph, "double_back_trick");
  const res = withGradMode(createGraph ? true : is_grad_enabled(), body);
  return [gradPostprocess(st.outs[0], createGraph), tuplePost(gradPostprocess(res, createGraph), st.isIn)];
}
