// RAdam as torch.optim's _single_tensor_radam (PyTorch 1.13): the rectification term in double,
// the tensor expressions rounded op by op in PyTorch's order.
import { Tensor } from "../tensor";
import { float32, type TypedArray } from "../dtype";
import { GroupInput, Optimizer, ParamGroup, State, stateTensor } from "./optimizer";
import { addcmul, arithFor } from "./arith";
import { checkBetas, checkEps, checkLr, checkWeightDecay } from "./checks";

export interface RAdamOptions { lr: number; betas: [number, number]; eps: number; weight_decay: number; foreach: boolean | null }

export class RAdam extends Optimizer<RAdamOptions> {
  constructor(params: Iterable<Tensor> | Iterable<GroupInput<RAdamOptions>>, o: Partial<RAdamOptions> = {}) {
    const d: RAdamOptions = { lr: o.lr ?? 1e-3, betas: o.betas ?? [0.9, 0.999], eps: o.eps ?? 1e-8, weight_decay: o.weight_decay ?? 0, foreach: o.foreach ?? null };
    checkLr(d.lr);
    checkEps(d.eps);
    checkBetas(d.betas);
    checkWeightDecay(d.weight_decay);
    super(params, d);
  }
  protected update(p: Tensor, x: TypedArray, g: TypedArray, st: State, o: ParamGroup<RAdamOptions>): void {
    const A = arithFor(p._dtype.name);
    if (st.step === undefined) {
      st.step = Tensor._make(new Float32Array(1), [], float32);
      st.exp_avg = stateTensor(p);
      st.exp_avg_sq = stateTensor(p);
    }
    const stepT = (st.step as Tensor)._storage.data;
    stepT[0] += 1;
    const step = stepT[0];
    const [beta1, beta2] = o.betas;
    const bc1 = 1 - beta1 ** step, bc2 = 1 - beta2 ** step;
    const rhoInf = 2 / (1 - beta2) - 1;
    const rhoT = rhoInf - (2 * step * beta2 ** step) / bc2;
    const ea = (st.exp_avg as Tensor)._storage.data, es = (st.exp_avg_sq as Tensor)._storage.data;
    const b1 = A.r(beta1), c1 = A.r(1 - beta1), b2 = A.r(beta2), c2 = 1 - beta2, eps = A.r(o.eps), wd = A.r(o.weight_decay);
    const bc1r = A.r(bc1), lr = A.r(o.lr);
    const rect = rhoT > 5 ? Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT)) : 0;
    const rectR = A.r(rect), sbc2 = A.r(Math.sqrt(bc2));
    for (let i = 0; i < x.length; i++) {
      let grad = g[i];
      if (o.weight_decay !== 0) grad = A.fma(x[i], wd, grad);
      ea[i] = A.fma(grad, c1, A.r(ea[i] * b1));
      es[i] = addcmul(A, A.r(es[i] * b2), grad, grad, c2);
      const corrected = A.r(ea[i] / bc1r);
      let upd = A.r(corrected * lr);
      if (rhoT > 5) {
        // math.sqrt(bc2) / t is t.reciprocal() * math.sqrt(bc2) (Tensor.__rtruediv__)
        const adaptive = A.r(A.r(1 / A.r(A.r(Math.sqrt(es[i])) + eps)) * sbc2);
        upd = A.r(A.r(upd * adaptive) * rectR);
      }
      x[i] = A.r(x[i] - upd);
    }
  }
}
