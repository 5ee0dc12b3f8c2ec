// torch.nn.init: in-place initialisers under no_grad, drawing from the engine's generator in the
// same order and with the same formulas as torch/nn/init.py, so seeded inits match PyTorch's.
import { Tensor } from "../tensor";
import { no_grad } from "../autograd/index";
import { ValueError } from "../errors";
import { warnOnce } from "../errors";

export type Nonlinearity = "linear" | "conv1d" | "conv2d" | "conv3d" | "conv_transpose1d" | "conv_transpose2d" | "conv_transpose3d" | "sigmoid" | "tanh" | "relu" | "leaky_relu" | "selu";
export type FanMode = "fan_in" | "fan_out";

export function calculate_gain(nonlinearity: Nonlinearity, param?: number | null): number {
  switch (nonlinearity) {
    case "linear": case "conv1d": case "conv2d": case "conv3d":
    case "conv_transpose1d": case "conv_transpose2d": case "conv_transpose3d": case "sigmoid":
      return 1;
    case "tanh": return 5.0 / 3;
    case "relu": return Math.sqrt(2.0);
    case "leaky_relu": {
      const slope = param ?? 0.01;
      if (typeof slope !== "number") throw new ValueError(`negative_slope ${String(slope)} not a valid number`);
      return Math.sqrt(2.0 / (1 + slope ** 2));
    }
    case "selu": return 3.0 / 4;
    default: throw new ValueError(`Unsupported nonlinearity ${String(nonlinearity)}`);
  }
}

export function _calculate_fan_in_and_fan_out(t: Tensor): [number, number] {
  if (t.dim() < 2) throw new ValueError("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
  const receptive = t._shape.slice(2).reduce((a, b) => a * b, 1);
  return [t._shape[1] * receptive, t._shape[0] * receptive];
}

function correctFan(t: Tensor, mode: FanMode): number {
  if (mode !== "fan_in" && mode !== "fan_out") throw new ValueError(`Mode ${String(mode)} not supported, please use one of fan_in, fan_out`);
  const [fanIn, fanOut] = _calculate_fan_in_and_fan_out(t);
  return mode === "fan_in" ? fanIn : fanOut;
}

export function uniform_(t: Tensor, a = 0, b = 1): Tensor { return no_grad(() => t.uniform_(a, b)); }
export function normal_(t: Tensor, mean = 0, std = 1): Tensor { return no_grad(() => t.normal_(mean, std)); }
export function constant_(t: Tensor, val: number): Tensor { return no_grad(() => t.fill_(val)); }
export function ones_(t: Tensor): Tensor { return no_grad(() => t.fill_(1)); }
export function zeros_(t: Tensor): Tensor { return no_grad(() => t.zero_()); }

export function eye_(t: Tensor): Tensor {
  if (t.dim() !== 2) throw new ValueError("Only tensors with 2 dimensions are supported");
  const [r, c] = t._shape;
  const vals = new Float64Array(r * c);
  for (let i = 0; i < Math.min(r, c); i++) vals[i * c + i] = 1;
  return no_grad(() => t.copy_(Tensor._make(t._dtype.alloc(r * c).map((_v, i) => vals[i]), [r, c], t._dtype)));
}

export interface KaimingOpts { a?: number; mode?: FanMode; nonlinearity?: Nonlinearity }
function kaimingArgs(a: number | KaimingOpts | undefined, mode?: FanMode, nonlinearity?: Nonlinearity): Required<KaimingOpts> {
  const o = typeof a === "object" ? a : { a, mode, nonlinearity };
  return { a: o.a ?? 0, mode: o.mode ?? "fan_in", nonlinearity: o.nonlinearity ?? "leaky_relu" };
}
function zeroElements(t: Tensor): boolean {
  if (t.numel() !== 0) return false;
  warnOnce("Initializing zero-element tensors is a no-op");
  return true;
}

/** kaiming_uniform_(tensor, a=0, mode='fan_in', nonlinearity='leaky_relu'), positional or options. */
export function kaiming_uniform_(t: Tensor, a?: number | KaimingOpts, mode?: FanMode, nonlinearity?: Nonlinearity): Tensor {
  if (zeroElements(t)) return t;
  const o = kaimingArgs(a, mode, nonlinearity);
  const std = calculate_gain(o.nonlinearity, o.a) / Math.sqrt(correctFan(t, o.mode));
  const bound = Math.sqrt(3.0) * std;
  return uniform_(t, -bound, bound);
}
export function kaiming_normal_(t: Tensor, a?: number | KaimingOpts, mode?: FanMode, nonlinearity?: Nonlinearity): Tensor {
  if (zeroElements(t)) return t;
  const o = kaimingArgs(a, mode, nonlinearity);
  const std = calculate_gain(o.nonlinearity, o.a) / Math.sqrt(correctFan(t, o.mode));
  return normal_(t, 0, std);
}

function gainOf(g: number | { gain?: number } | undefined): number { return typeof g === "object" ? g.gain ?? 1 : g ?? 1; }
export function xavier_uniform_(t: Tensor, gain?: number | { gain?: number }): Tensor {
  const [fanIn, fanOut] = _calculate_fan_in_and_fan_out(t);
  const std = gainOf(gain) * Math.sqrt(2.0 / (fanIn + fanOut));
  const a = Math.sqrt(3.0) * std;
  return uniform_(t, -a, a);
}
export function xavier_normal_(t: Tensor, gain?: number | { gain?: number }): Tensor {
  const [fanIn, fanOut] = _calculate_fan_in_and_fan_out(t);
  return normal_(t, 0, gainOf(gain) * Math.sqrt(2.0 / (fanIn + fanOut)));
}

// Deprecated spellings PyTorch still accepts.
export const kaiming_uniform = kaiming_uniform_, kaiming_normal = kaiming_normal_;
export const xavier_uniform = xavier_uniform_, xavier_normal = xavier_normal_;
export const uniform = uniform_, normal = normal_, constant = constant_;

export { trunc_normal_, orthogonal_, sparse_, dirac_ } from "./init_more";
