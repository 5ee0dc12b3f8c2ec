// ASGD as torch.optim's _single_tensor_asgd (PyTorch 1.13): eta and mu are float32 scalar
// tensors in the state, so their values are rounded to float32 between steps as in PyTorch.
import { Tensor } from "../tensor";
import { float32, type TypedArray } from "../dtype";
import { GroupInput, Optimizer, ParamGroup, State, stateTensor } from "./optimizer";
import { arithFor } from "./arith";
import { checkLr, checkWeightDecay } from "./checks";

export interface ASGDOptions { lr: number; lambd: number; alpha: number; t0: number; weight_decay: number; foreach: boolean | null; maximize: boolean }

const scalar = (v: number): Tensor => Tensor._make(new Float32Array([v]), [], float32);

export class ASGD extends Optimizer<ASGDOptions> {
  constructor(params: Iterable<Tensor> | Iterable<GroupInput<ASGDOptions>>, o: Partial<ASGDOptions> = {}) {
    const d: ASGDOptions = { lr: o.lr ?? 1e-2, lambd: o.lambd ?? 1e-4, alpha: o.alpha ?? 0.75, t0: o.t0 ?? 1e6, weight_decay: o.weight_decay ?? 0, foreach: o.foreach ?? null, maximize: o.maximize ?? false };
    checkLr(d.lr);
    checkWeightDecay(d.weight_decay);
    super(params, d);
  }
  protected update(p: Tensor, x: TypedArray, g: TypedArray, st: State, o: ParamGroup<ASGDOptions>): void {
    const A = arithFor(p._dtype.name);
    if (st.step === undefined) {
      st.step = scalar(0);
      st.eta = scalar(o.lr);
      st.mu = scalar(1);
      st.ax = stateTensor(p);
    }
    const stepT = (st.step as Tensor)._storage.data, etaT = (st.eta as Tensor)._storage.data, muT = (st.mu as Tensor)._storage.data;
    stepT[0] += 1;
    const step = stepT[0], eta = etaT[0], mu = muT[0];
    const ax = (st.ax as Tensor)._storage.data;
    const decay = A.r(1 - o.lambd * eta), neta = A.r(-eta), wd = A.r(o.weight_decay), muR = A.r(mu);
    for (let i = 0; i < x.length; i++) {
      let grad = o.maximize ? -g[i] : g[i];
      if (o.weight_decay !== 0) grad = A.fma(x[i], wd, grad);
      x[i] = A.r(x[i] * decay);
      x[i] = A.fma(grad, neta, x[i]);
      ax[i] = mu !== 1 ? A.r(ax[i] + A.r(A.r(x[i] - ax[i]) * muR)) : x[i];
    }
    etaT[0] = o.lr / Math.pow(1 + o.lambd * o.lr * step, o.alpha);
    muT[0] = 1 / Math.max(1, step - o.t0);
  }
}
