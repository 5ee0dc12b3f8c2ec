// Adadelta as torch.optim's _single_tensor_adadelta (PyTorch 1.13): per-op float rounding as its
// CPU kernels do (see arith.ts).
import { Tensor } from "../tensor";
import type { TypedArray } from "../dtype";
import { ValueError } from "../errors";
import { GroupInput, Optimizer, ParamGroup, State, stateTensor } from "./optimizer";
import { addcmul, arithFor } from "./arith";
import { checkEps, checkLr, checkWeightDecay } from "./checks";

export interface AdadeltaOptions { lr: number; rho: number; eps: number; weight_decay: number; foreach: boolean | null; maximize: boolean }

export class Adadelta extends Optimizer<AdadeltaOptions> {
  constructor(params: Iterable<Tensor> | Iterable<GroupInput<AdadeltaOptions>>, o: Partial<AdadeltaOptions> = {}) {
    const d: AdadeltaOptions = { lr: o.lr ?? 1.0, rho: o.rho ?? 0.9, eps: o.eps ?? 1e-6, weight_decay: o.weight_decay ?? 0, maximize: o.maximize ?? false, foreach: o.foreach ?? null };
    checkLr(d.lr);
    if (!(d.rho >= 0 && d.rho <= 1)) throw new ValueError(`Invalid rho value: ${d.rho}`);
    checkEps(d.eps);
    checkWeightDecay(d.weight_decay);
    super(params, d);
  }
  protected update(p: Tensor, x: TypedArray, g: TypedArray, st: State, o: ParamGroup<AdadeltaOptions>): void {
    const A = arithFor(p._dtype.name);
    if (st.step === undefined) {
      st.step = 0;
      st.square_avg = stateTensor(p);
      st.acc_delta = stateTensor(p);
    }
    st.step = (st.step as number) + 1;
    const sq = (st.square_avg as Tensor)._storage.data, ad = (st.acc_delta as Tensor)._storage.data;
    const rho = A.r(o.rho), c = 1 - o.rho, eps = A.r(o.eps), wd = A.r(o.weight_decay), nlr = A.r(-o.lr);
    for (let i = 0; i < x.length; i++) {
      let grad = o.maximize ? -g[i] : g[i];
      if (o.weight_decay !== 0) grad = A.fma(x[i], wd, grad);
      sq[i] = addcmul(A, A.r(sq[i] * rho), grad, grad, c);
      const std = A.r(Math.sqrt(A.r(sq[i] + eps)));
      const delta = A.r(A.r(A.r(Math.sqrt(A.r(ad[i] + eps))) / std) * grad);
      ad[i] = addcmul(A, A.r(ad[i] * rho), delta, delta, c);
      x[i] = A.fma(delta, nlr, x[i]);
    }
  }
}
