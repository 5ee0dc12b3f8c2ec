// torch/nn/utils/clip_grad.py, composed from the same tensor ops in the same order so the total
// norm and the scaled gradients are PyTorch's values.
import { Tensor } from "../../tensor";
import { zeros } from "../../creation";
import { no_grad } from "../../autograd/index";
import { stack } from "../../ops/views";
import { norm, max } from "../../ops/reduce";
import { clamp } from "../../ops/elementwise";
import { RuntimeError, warnOnce } from "../../errors";

type Params = Iterable<Tensor> | Tensor;
export interface ClipGradNormOptions { norm_type?: number | "inf"; error_if_nonfinite?: boolean; foreach?: boolean | null }

function grads(parameters: Params): Tensor[] {
  const ps = parameters instanceof Tensor ? [parameters] : [...parameters];
  return ps.filter((p) => p.grad !== null).map((p) => p.grad as Tensor);
}

/** Python repr of a float: 2.0, inf, 1.5. */
function pyFloat(x: number): string {
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  return Number.isInteger(x) ? `${x}.0` : String(x);
}

/**
 * clip_grad_norm_(parameters, max_norm, norm_type=2.0, error_if_nonfinite=False): scales every
 * gradient in place by min(1, max_norm / (total_norm + 1e-6)) and returns the total norm.
 */
export function clip_grad_norm_(parameters: Params, max_norm: number, norm_type: number | "inf" | ClipGradNormOptions = 2.0, error_if_nonfinite = false): Tensor {
  const o: ClipGradNormOptions = typeof norm_type === "object" ? norm_type : { norm_type, error_if_nonfinite };
  const p = o.norm_type === "inf" ? Infinity : o.norm_type ?? 2.0;
  const gs = grads(parameters);
  if (gs.length === 0) return zeros([]); // torch.tensor(0.)
  return no_grad(() => {
    let total: Tensor;
    if (p === Infinity) {
      const norms = gs.map((g) => max(g.detach().abs()) as Tensor);
      total = norms.length === 1 ? norms[0] : (max(stack(norms)) as Tensor);
    } else {
      total = norm(stack(gs.map((g) => norm(g.detach(), p))), p);
    }
    if ((o.error_if_nonfinite ?? false) && (total.isnan().item() || total.isinf().item())) {
      throw new RuntimeError(`The total norm of order ${pyFloat(p)} for gradients from \`parameters\` is non-finite, so it cannot be clipped. To disable this error and scale the gradients by the non-finite norm anyway, set \`error_if_nonfinite=False\``);
    }
    const coef = clamp(total.add(1e-6).reciprocal().mul(max_norm), null, 1.0);
    for (const g of gs) g.detach().mul_(coef);
    return total;
  });
}

/** Deprecated alias, with PyTorch's warning. */
export function clip_grad_norm(parameters: Params, max_norm: number, norm_type: number | "inf" | ClipGradNormOptions = 2.0, error_if_nonfinite = false): Tensor {
  warnOnce("torch.nn.utils.clip_grad_norm is now deprecated in favor of torch.nn.utils.clip_grad_norm_.");
  return clip_grad_norm_(parameters, max_norm, norm_type, error_if_nonfinite);
}

/** clip_grad_value_(parameters, clip_value): clamps every gradient into [-clip_value, clip_value]. */
export function clip_grad_value_(parameters: Params, clip_value: number | { clip_value: number }): void {
  const v = typeof clip_value === "object" ? clip_value.clip_value : clip_value;
  no_grad(() => { for (const g of grads(parameters)) g.data.clamp_(-v, v); });
}
