// nn.Parameter: a leaf tensor that a Module registers when it is assigned as an attribute.
// Like torch.Tensor._make_subclass, it shares storage and version counter with `data`, is
// detached from data's history, and requires grad unless asked not to. Callable with or
// without `new`, since `nn.Parameter(t)` is how PyTorch code spells it.
import { Tensor } from "../tensor";
import { float32 } from "../dtype";

export interface ParameterConstructor {
  new (data?: Tensor | null, requires_grad?: boolean): Tensor;
  (data?: Tensor | null, requires_grad?: boolean): Tensor;
}

function makeParameter(data?: Tensor | null, requires_grad = true): Tensor {
  const src = data ?? Tensor._make(new Float32Array(0), [0], float32);
  const p = src.detach();
  p._isParameter = true;
  p.requires_grad_(requires_grad);
  return p;
}

/** `new nn.Parameter(t)` or `nn.Parameter(t)`; `x instanceof nn.Parameter` checks the flag. */
export const Parameter = function Parameter(data?: Tensor | null, requires_grad?: boolean): Tensor {
  return makeParameter(data, requires_grad);
} as unknown as ParameterConstructor;
Object.defineProperty(Parameter, Symbol.hasInstance, { value: (v: unknown) => v instanceof Tensor && v._isParameter });

/** The type of a parameter: a Tensor whose `_isParameter` is set. */
export type Parameter = Tensor;

export function isParameter(v: unknown): v is Tensor {
  return v instanceof Tensor && v._isParameter;
}
