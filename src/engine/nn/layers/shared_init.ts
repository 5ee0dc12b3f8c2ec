// Construction steps several of the nn-coverage layers share with each other (and with PyTorch's
// _ConvNd, _NormBase, GroupNorm and the Transformer layers): default conv-style initialisation,
// affine weight/bias registration, activation lookup and copy.deepcopy of a layer.
import { Tensor } from "../../tensor";
import { empty, get_rng_state, set_rng_state } from "../../creation";
import type { DType } from "../../dtype";
import { RuntimeError } from "../../errors";
import { Module } from "../module";
import { Parameter } from "../parameter";
import * as init from "../init";
import { gelu, relu } from "../functional";

/** _ConvNd.reset_parameters: kaiming_uniform_(a=√5), then the bias from U(±1/√fan_in). */
export function resetConvParameters(weight: Tensor, bias: Tensor | null): void {
  init.kaiming_uniform_(weight, { a: Math.sqrt(5) });
  if (bias) {
    const [fanIn] = init._calculate_fan_in_and_fan_out(weight);
    if (fanIn !== 0) init.uniform_(bias, -1 / Math.sqrt(fanIn), 1 / Math.sqrt(fanIn));
  }
}

/** Registers `weight` (ones) and `bias` (zeros) of size n when `affine`, else both as None. */
export function registerAffine(m: Module, affine: boolean, n: number, dtype?: DType): void {
  const target = m as unknown as { weight: Tensor | null; bias: Tensor | null };
  if (affine) {
    target.weight = new Parameter(empty([n], { dtype }));
    target.bias = new Parameter(empty([n], { dtype }));
    init.ones_(target.weight);
    init.zeros_(target.bias);
  } else {
    target.weight = null;
    target.bias = null;
    m.register_parameter("weight", null);
    m.register_parameter("bias", null);
  }
}

export type Activation = "relu" | "gelu" | ((x: Tensor) => Tensor) | Module;
/** The Transformer layers' _get_activation_fn: a name, a function or a module. */
export function resolveActivation(act: Activation): ((x: Tensor) => Tensor) | Module {
  if (act === "relu") return (x: Tensor) => relu(x);
  if (act === "gelu") return (x: Tensor) => gelu(x);
  if (typeof act === "string") throw new RuntimeError(`activation should be relu/gelu, not ${String(act)}`);
  return act;
}
export function applyActivation(act: ((x: Tensor) => Tensor) | Module, x: Tensor): Tensor {
  return act instanceof Module ? (act.forward(x) as Tensor) : act(x);
}

/** copy.deepcopy of a layer: rebuilt from its arguments without drawing from the generator, then given the same values. */
export function deepcopyModule<M extends Module>(src: M, rebuild: () => M): M {
  const state = get_rng_state();
  const copy = rebuild();
  set_rng_state(state);
  copy.load_state_dict(src.state_dict());
  copy.train(src.training);
  return copy;
}
