// NAdam as torch.optim's _single_tensor_nadam (PyTorch 1.13): momentum schedule
// mu_t = beta1 * (1 - 0.5 * 0.96^(t * momentum_decay)) in double, its running product kept in a
// float32 scalar tensor (state 'mu_product') as PyTorch does.
import { Tensor } from "../tensor";
import { float32, type TypedArray } from "../dtype";
import { ValueError } from "../errors";
import { GroupInput, Optimizer, ParamGroup, State, stateTensor } from "./optimizer";
import { addcdiv, addcmul, arithFor } from "./arith";
import { checkBetas, checkEps, checkLr, checkWeightDecay } from "./checks";

export interface NAdamOptions { lr: number; betas: [number, number]; eps: number; weight_decay: number; momentum_decay: number; foreach: boolean | null }

export class NAdam extends Optimizer<NAdamOptions> {
  constructor(params: Iterable<Tensor> | Iterable<GroupInput<NAdamOptions>>, o: Partial<NAdamOptions> = {}) {
    const d: NAdamOptions = { lr: o.lr ?? 2e-3, betas: o.betas ?? [0.9, 0.999], eps: o.eps ?? 1e-8, weight_decay: o.weight_decay ?? 0, momentum_decay: o.momentum_decay ?? 4e-3, foreach: o.foreach ?? null };
    checkLr(d.lr);
    checkEps(d.eps);
    checkBetas(d.betas);
    checkWeightDecay(d.weight_decay);
    if (!(d.momentum_decay >= 0)) throw new ValueError(`Invalid momentum_decay value: ${d.momentum_decay}`);
    super(params, d);
  }
  protected update(p: Tensor, x: TypedArray, g: TypedArray, st: State, o: ParamGroup<NAdamOptions>): void {
    const A = arithFor(p._dtype.name);
    const f = Math.fround;
    if (st.step === undefined) {
      st.step = Tensor._make(new Float32Array(1), [], float32);
      st.mu_product = Tensor._make(new Float32Array([1]), [], float32);
      st.exp_avg = stateTensor(p);
      st.exp_avg_sq = stateTensor(p);
    }
    const stepT = (st.step as Tensor)._storage.data;
    stepT[0] += 1;
    const step = stepT[0];
    const [beta1, beta2] = o.betas;
    const bc2 = 1 - beta2 ** step;
    const mu = beta1 * (1 - 0.5 * 0.96 ** (step * o.momentum_decay));
    const muNext = beta1 * (1 - 0.5 * 0.96 ** ((step + 1) * o.momentum_decay));
    const mp = (st.mu_product as Tensor)._storage.data;
    mp[0] = f(mp[0] * f(mu));
    const mpNext = f(f(mp[0] * f(mu)) * f(muNext));
    const v1 = (-o.lr * (1 - mu)) / (1 - mp[0]);
    const v2 = (-o.lr * muNext) / (1 - mpNext);
    const ea = (st.exp_avg as Tensor)._storage.data, es = (st.exp_avg_sq as Tensor)._storage.data;
    const b1 = A.r(beta1), c1 = A.r(1 - beta1), b2 = A.r(beta2), c2 = 1 - beta2, eps = A.r(o.eps), wd = A.r(o.weight_decay), bc2r = A.r(bc2);
    for (let i = 0; i < x.length; i++) {
      let grad = g[i];
      if (o.weight_decay !== 0) grad = A.fma(x[i], wd, grad);
      ea[i] = A.fma(grad, c1, A.r(ea[i] * b1));
      es[i] = addcmul(A, A.r(es[i] * b2), grad, grad, c2);
      const denom = A.r(A.r(Math.sqrt(A.r(es[i] / bc2r))) + eps);
      x[i] = addcdiv(A, x[i], grad, denom, v1);
      x[i] = addcdiv(A, x[i], ea[i], denom, v2);
    }
  }
}
