// SGD as torch.optim.SGD's single-tensor path (_single_tensor_sgd): weight decay, momentum with
// dampening, Nesterov, maximize. The first step seeds the momentum buffer with a clone of d_p.
import { Tensor } from "../tensor";
import type { TypedArray } from "../dtype";
import { ValueError } from "../errors";
import { GroupInput, Optimizer, ParamGroup, State, stateTensor } from "./optimizer";
import { arithFor } from "./arith";

export interface SGDOptions { lr: number; momentum: number; dampening: number; weight_decay: number; nesterov: boolean; maximize: boolean; foreach: boolean | null; differentiable: boolean }

export class SGD extends Optimizer<SGDOptions> {
  constructor(params: Iterable<Tensor> | Iterable<GroupInput<SGDOptions>>, opts: Partial<SGDOptions> = {}) {
    const d: SGDOptions = {
      lr: opts.lr ?? 1e-3, momentum: opts.momentum ?? 0, dampening: opts.dampening ?? 0, weight_decay: opts.weight_decay ?? 0,
      nesterov: opts.nesterov ?? false, maximize: opts.maximize ?? false, foreach: opts.foreach ?? null, differentiable: opts.differentiable ?? false,
    };
    if (d.lr < 0) throw new ValueError(`Invalid learning rate: ${d.lr}`);
    if (d.momentum < 0) throw new ValueError(`Invalid momentum value: ${d.momentum}`);
    if (d.weight_decay < 0) throw new ValueError(`Invalid weight_decay value: ${d.weight_decay}`);
    if (d.nesterov && (d.momentum <= 0 || d.dampening !== 0)) throw new ValueError("Nesterov momentum requires a momentum and zero dampening");
    super(params, d);
  }

  protected update(p: Tensor, x: TypedArray, g: TypedArray, st: State, o: ParamGroup<SGDOptions>): void {
    const A = arithFor(p._dtype.name);
    const n = x.length;
    const dp = p._dtype.alloc(n);
    for (let i = 0; i < n; i++) dp[i] = o.maximize ? -g[i] : g[i];
    if (o.weight_decay !== 0) {
      const wd = A.r(o.weight_decay);
      for (let i = 0; i < n; i++) dp[i] = A.fma(x[i], wd, dp[i]);
    }
    let step: TypedArray = dp;
    if (o.momentum === 0) st.momentum_buffer = null; // PyTorch keeps the key, set to None
    else {
      const m = A.r(o.momentum), keep = A.r(1 - o.dampening);
      let buf = st.momentum_buffer as Tensor | null | undefined;
      if (!buf) {
        buf = stateTensor(p, dp);
        st.momentum_buffer = buf;
      } else {
        const b = buf._storage.data;
        for (let i = 0; i < n; i++) b[i] = A.fma(dp[i], keep, A.r(b[i] * m));
        buf._vc.value++;
      }
      const b = buf._storage.data;
      if (o.nesterov) for (let i = 0; i < n; i++) dp[i] = A.fma(b[i], m, dp[i]);
      else step = b;
    }
    const nlr = A.r(-o.lr);
    for (let i = 0; i < n; i++) x[i] = A.fma(step[i], nlr, x[i]);
  }
}
