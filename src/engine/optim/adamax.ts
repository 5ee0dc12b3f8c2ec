// Adamax as torch.optim's _single_tensor_adamax (PyTorch 1.13): the infinity norm is
// amax(exp_inf * beta2, |grad| + eps), NaN-propagating like torch.amax.
import { Tensor } from "../tensor";
import { float32, type TypedArray } from "../dtype";
import { GroupInput, Optimizer, ParamGroup, State, stateTensor } from "./optimizer";
import { addcdiv, arithFor } from "./arith";
import { checkBetas, checkEps, checkLr, checkWeightDecay } from "./checks";

export interface AdamaxOptions { lr: number; betas: [number, number]; eps: number; weight_decay: number; foreach: boolean | null; maximize: boolean }

export class Adamax extends Optimizer<AdamaxOptions> {
  constructor(params: Iterable<Tensor> | Iterable<GroupInput<AdamaxOptions>>, o: Partial<AdamaxOptions> = {}) {
    const d: AdamaxOptions = { lr: o.lr ?? 2e-3, betas: o.betas ?? [0.9, 0.999], eps: o.eps ?? 1e-8, weight_decay: o.weight_decay ?? 0, foreach: o.foreach ?? null, maximize: o.maximize ?? false };
    checkLr(d.lr);
    checkEps(d.eps);
    checkBetas(d.betas);
    checkWeightDecay(d.weight_decay);
    super(params, d);
  }
  protected update(p: Tensor, x: TypedArray, g: TypedArray, st: State, o: ParamGroup<AdamaxOptions>): void {
    const A = arithFor(p._dtype.name);
    if (st.step === undefined) {
      st.step = Tensor._make(new Float32Array(1), [], float32); // torch.tensor(0.)
      st.exp_avg = stateTensor(p);
      st.exp_inf = stateTensor(p);
    }
    const stepT = (st.step as Tensor)._storage.data;
    stepT[0] += 1;
    const step = stepT[0];
    const [beta1, beta2] = o.betas;
    const ea = (st.exp_avg as Tensor)._storage.data, ei = (st.exp_inf as Tensor)._storage.data;
    const b1 = A.r(beta1), c1 = A.r(1 - beta1), b2 = A.r(beta2), eps = A.r(o.eps), wd = A.r(o.weight_decay);
    const clr = o.lr / (1 - beta1 ** step);
    for (let i = 0; i < x.length; i++) {
      let grad = o.maximize ? -g[i] : g[i];
      if (o.weight_decay !== 0) grad = A.fma(x[i], wd, grad);
      ea[i] = A.fma(grad, c1, A.r(ea[i] * b1));
      const a = A.r(ei[i] * b2), b = A.r(Math.abs(grad) + eps);
      ei[i] = Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.max(a, b);
      x[i] = addcdiv(A, x[i], ea[i], ei[i], -clr);
    }
  }
}
