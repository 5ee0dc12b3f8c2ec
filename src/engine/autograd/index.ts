// torch.autograd: grad, backward, Variable (a deprecated alias), grad-mode helpers, Function.
import { Tensor } from "../tensor";
import { backward, grad } from "./engine";
import { withGradMode, is_grad_enabled, setGradEnabledRaw } from "./grad_mode";
import { Node } from "./node";

/** `torch.autograd.Variable(t)`: since PyTorch 0.4 a Variable is a Tensor; kept as an alias. */
export function Variable(t: Tensor, opts?: { requires_grad?: boolean } | boolean): Tensor {
  // Like PyTorch, a new tensor sharing t's data, requiring grad only when asked.
  const v = t.detach();
  if (opts === true || (typeof opts === "object" && opts.requires_grad)) v.requires_grad_(true);
  return v;
}

export function no_grad<T>(fn: () => T): T { return withGradMode(false, fn); }
export function enable_grad<T>(fn: () => T): T { return withGradMode(true, fn); }
export function inference_mode<T>(fn: () => T): T { return withGradMode(false, fn); }
/** `set_grad_enabled(flag, fn)` runs fn in that mode; without fn it sets the mode, like the Python call used as a statement. */
export function set_grad_enabled<T>(mode: boolean, fn?: () => T): T | undefined {
  if (fn) return withGradMode(mode, fn);
  setGradEnabledRaw(mode);
  return undefined;
}
export { backward, grad, is_grad_enabled, Node };
export { Function, FunctionCtx } from "./function";
export * as functional from "../autograd_extra/functional";
export { gradcheck, gradgradcheck, GradcheckError } from "../autograd_extra/gradcheck";
