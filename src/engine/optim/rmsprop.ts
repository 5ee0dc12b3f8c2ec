// RMSprop and Adagrad as torch.optim's single-tensor paths.
import { Tensor } from "../tensor";
import { float32, type TypedArray } from "../dtype";
import { ValueError } from "../errors";
import { GroupInput, Optimizer, ParamGroup, State, stateTensor } from "./optimizer";
import { addcdiv, addcmul, arithFor } from "./arith";

export interface RMSpropOptions { lr: number; alpha: number; eps: number; weight_decay: number; momentum: number; centered: boolean; maximize: boolean; foreach: boolean | null; differentiable: boolean }

export class RMSprop extends Optimizer<RMSpropOptions> {
  constructor(params: Iterable<Tensor> | Iterable<GroupInput<RMSpropOptions>>, o: Partial<RMSpropOptions> = {}) {
    const d: RMSpropOptions = {
      lr: o.lr ?? 1e-2, alpha: o.alpha ?? 0.99, eps: o.eps ?? 1e-8, weight_decay: o.weight_decay ?? 0, momentum: o.momentum ?? 0,
      centered: o.centered ?? false, maximize: o.maximize ?? false, foreach: o.foreach ?? null, differentiable: o.differentiable ?? false,
    };
    if (!(d.lr >= 0)) throw new ValueError(`Invalid learning rate: ${d.lr}`);
    if (!(d.eps >= 0)) throw new ValueError(`Invalid epsilon value: ${d.eps}`);
    if (!(d.momentum >= 0)) throw new ValueError(`Invalid momentum value: ${d.momentum}`);
    if (!(d.weight_decay >= 0)) throw new ValueError(`Invalid weight_decay value: ${d.weight_decay}`);
    if (!(d.alpha >= 0)) throw new ValueError(`Invalid alpha value: ${d.alpha}`);
    super(params, d);
  }
  protected update(p: Tensor, x: TypedArray, g: TypedArray, st: State, o: ParamGroup<RMSpropOptions>): void {
    const A = arithFor(p._dtype.name);
    const n = x.length;
    if (st.step === undefined) {
      st.step = 0;
      st.square_avg = stateTensor(p);
      if (o.momentum > 0) st.momentum_buffer = stateTensor(p);
      if (o.centered) st.grad_avg = stateTensor(p);
    }
    st.step = (st.step as number) + 1;
    const grad = p._dtype.alloc(n);
    for (let i = 0; i < n; i++) grad[i] = o.maximize ? -g[i] : g[i];
    if (o.weight_decay !== 0) {
      const wd = A.r(o.weight_decay);
      for (let i = 0; i < n; i++) grad[i] = A.fma(x[i], wd, grad[i]);
    }
    const sq = (st.square_avg as Tensor)._storage.data;
    const al = A.r(o.alpha), c = A.r(1 - o.alpha), eps = A.r(o.eps);
    for (let i = 0; i < n; i++) sq[i] = addcmul(A, A.r(sq[i] * al), grad[i], grad[i], c);
    const avg = p._dtype.alloc(n);
    if (o.centered) {
      const ga = (st.grad_avg as Tensor)._storage.data;
      for (let i = 0; i < n; i++) ga[i] = A.fma(grad[i], c, A.r(ga[i] * al));
      for (let i = 0; i < n; i++) avg[i] = A.r(Math.sqrt(addcmul(A, sq[i], ga[i], ga[i], -1)));
    } else {
      for (let i = 0; i < n; i++) avg[i] = A.r(Math.sqrt(sq[i]));
    }
    for (let i = 0; i < n; i++) avg[i] = A.r(avg[i] + eps);
    if (o.momentum > 0) {
      const buf = (st.momentum_buffer as Tensor)._storage.data;
      const m = A.r(o.momentum), nlr = A.r(-o.lr);
      for (let i = 0; i < n; i++) {
        buf[i] = addcdiv(A, A.r(buf[i] * m), grad[i], avg[i], 1);
        x[i] = A.fma(buf[i], nlr, x[i]);
      }
    } else {
      for (let i = 0; i < n; i++) x[i] = addcdiv(A, x[i], grad[i], avg[i], -o.lr);
    }
  }
}

export interface AdagradOptions { lr: number; lr_decay: number; weight_decay: number; initial_accumulator_value: number; eps: number; maximize: boolean; foreach: boolean | null; differentiable: boolean }

export class Adagrad extends Optimizer<AdagradOptions> {
  constructor(params: Iterable<Tensor> | Iterable<GroupInput<AdagradOptions>>, o: Partial<AdagradOptions> = {}) {
    const d: AdagradOptions = {
      lr: o.lr ?? 1e-2, lr_decay: o.lr_decay ?? 0, weight_decay: o.weight_decay ?? 0, initial_accumulator_value: o.initial_accumulator_value ?? 0,
      eps: o.eps ?? 1e-10, maximize: o.maximize ?? false, foreach: o.foreach ?? null, differentiable: o.differentiable ?? false,
    };
    if (!(d.lr >= 0)) throw new ValueError(`Invalid learning rate: ${d.lr}`);
    if (!(d.lr_decay >= 0)) throw new ValueError(`Invalid lr_decay value: ${d.lr_decay}`);
    if (!(d.weight_decay >= 0)) throw new ValueError(`Invalid weight_decay value: ${d.weight_decay}`);
    if (!(d.initial_accumulator_value >= 0)) throw new ValueError(`Invalid initial_accumulator_value value: ${d.initial_accumulator_value}`);
    if (!(d.eps >= 0)) throw new ValueError(`Invalid epsilon value: ${d.eps}`);
    super(params, d);
    // Adagrad creates its state up front (torch/optim/adagrad.py __init__).
    for (const g of this.param_groups) {
      for (const p of g.params) {
        this.state.set(p, { step: Tensor._make(new Float32Array(1), [], float32), sum: stateTensor(p, undefined, g.initial_accumulator_value) });
      }
    }
  }
  protected update(p: Tensor, x: TypedArray, g: TypedArray, st: State, o: ParamGroup<AdagradOptions>): void {
    const A = arithFor(p._dtype.name);
    const n = x.length;
    const stepT = st.step as Tensor;
    stepT._storage.data[0] += 1;
    const step = stepT._storage.data[0];
    const grad = p._dtype.alloc(n);
    for (let i = 0; i < n; i++) grad[i] = o.maximize ? -g[i] : g[i];
    if (o.weight_decay !== 0) {
      const wd = A.r(o.weight_decay);
      for (let i = 0; i < n; i++) grad[i] = A.fma(x[i], wd, grad[i]);
    }
    const clr = o.lr / (1 + (step - 1) * o.lr_decay);
    const sum = (st.sum as Tensor)._storage.data, eps = A.r(o.eps);
    for (let i = 0; i < n; i++) {
      sum[i] = addcmul(A, sum[i], grad[i], grad[i], 1);
      const std = A.r(A.r(Math.sqrt(sum[i])) + eps);
      x[i] = addcdiv(A, x[i], grad[i], std, -clr);
    }
  }
}
