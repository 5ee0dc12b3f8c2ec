// Adam and AdamW as torch.optim's single-tensor paths (_single_tensor_adam / _single_tensor_adamw):
// bias corrections computed in double from the step count, amsgrad's running maximum, maximize.
// AdamW decays the parameter (param *= 1 - lr * weight_decay) before the moment updates.
import { Tensor } from "../tensor";
import { float32, type TypedArray } from "../dtype";
import { ValueError } from "../errors";
import { GroupInput, Optimizer, ParamGroup, State, stateTensor } from "./optimizer";
import { addcdiv, addcmul, arithFor } from "./arith";

export interface AdamOptions { lr: number; betas: [number, number]; eps: number; weight_decay: number; amsgrad: boolean; maximize: boolean; foreach: boolean | null; capturable: boolean; differentiable: boolean; fused: boolean | null }

function defaults(o: Partial<AdamOptions>, wd: number): AdamOptions {
  const d: AdamOptions = {
    lr: o.lr ?? 1e-3, betas: o.betas ?? [0.9, 0.999], eps: o.eps ?? 1e-8, weight_decay: o.weight_decay ?? wd,
    amsgrad: o.amsgrad ?? false, maximize: o.maximize ?? false, foreach: o.foreach ?? null, capturable: o.capturable ?? false,
    differentiable: o.differentiable ?? false, fused: o.fused ?? null,
  };
  if (!(d.lr >= 0)) throw new ValueError(`Invalid learning rate: ${d.lr}`);
  if (!(d.eps >= 0)) throw new ValueError(`Invalid epsilon value: ${d.eps}`);
  if (!(d.betas[0] >= 0 && d.betas[0] < 1)) throw new ValueError(`Invalid beta parameter at index 0: ${d.betas[0]}`);
  if (!(d.betas[1] >= 0 && d.betas[1] < 1)) throw new ValueError(`Invalid beta parameter at index 1: ${d.betas[1]}`);
  if (!(d.weight_decay >= 0)) throw new ValueError(`Invalid weight_decay value: ${d.weight_decay}`);
  return d;
}

function adamUpdate(p: Tensor, x: TypedArray, g: TypedArray, st: State, o: AdamOptions, decoupled: boolean): void {
  const A = arithFor(p._dtype.name);
  const n = x.length;
  if (st.step === undefined) {
    // PyTorch 1.13 keeps the step count as a float32 scalar tensor.
    st.step = Tensor._make(new Float32Array(1), [], float32);
    st.exp_avg = stateTensor(p);
    st.exp_avg_sq = stateTensor(p);
    if (o.amsgrad) st.max_exp_avg_sq = stateTensor(p);
  }
  const stepT = st.step as Tensor;
  stepT._storage.data[0] += 1;
  const step = stepT._storage.data[0];
  const [beta1, beta2] = o.betas;
  const grad = p._dtype.alloc(n);
  for (let i = 0; i < n; i++) grad[i] = o.maximize ? -g[i] : g[i];
  if (decoupled) {
    const f = A.r(1 - o.lr * o.weight_decay);
    for (let i = 0; i < n; i++) x[i] = A.r(x[i] * f);
  } else if (o.weight_decay !== 0) {
    const wd = A.r(o.weight_decay);
    for (let i = 0; i < n; i++) grad[i] = A.fma(x[i], wd, grad[i]);
  }
  const ea = (st.exp_avg as Tensor)._storage.data, es = (st.exp_avg_sq as Tensor)._storage.data;
  const b1 = A.r(beta1), c1 = A.r(1 - beta1), b2 = A.r(beta2), c2 = A.r(1 - beta2);
  for (let i = 0; i < n; i++) {
    ea[i] = A.fma(grad[i], c1, A.r(ea[i] * b1));
    es[i] = addcmul(A, A.r(es[i] * b2), grad[i], grad[i], c2);
  }
  const bc1 = 1 - beta1 ** step, bc2 = 1 - beta2 ** step;
  const stepSize = o.lr / bc1;
  const bc2s = A.r(Math.sqrt(bc2)), eps = A.r(o.eps), neg = -stepSize;
  let v: TypedArray = es;
  if (o.amsgrad) {
    const mx = (st.max_exp_avg_sq as Tensor)._storage.data;
    for (let i = 0; i < n; i++) if (es[i] > mx[i] || Number.isNaN(es[i])) mx[i] = es[i];
    v = mx;
  }
  for (let i = 0; i < n; i++) {
    const denom = A.r(A.r(A.r(Math.sqrt(v[i])) / bc2s) + eps);
    x[i] = addcdiv(A, x[i], ea[i], denom, neg);
  }
}

export class Adam extends Optimizer<AdamOptions> {
  constructor(params: Iterable<Tensor> | Iterable<GroupInput<AdamOptions>>, opts: Partial<AdamOptions> = {}) {
    super(params, defaults(opts, 0));
  }
  protected update(p: Tensor, x: TypedArray, g: TypedArray, st: State, o: ParamGroup<AdamOptions>): void {
    adamUpdate(p, x, g, st, o, false);
  }
}

export class AdamW extends Optimizer<AdamOptions> {
  constructor(params: Iterable<Tensor> | Iterable<GroupInput<AdamOptions>>, opts: Partial<AdamOptions> = {}) {
    super(params, defaults(opts, 1e-2));
  }
  protected update(p: Tensor, x: TypedArray, g: TypedArray, st: State, o: ParamGroup<AdamOptions>): void {
    adamUpdate(p, x, g, st, o, true);
  }
}
