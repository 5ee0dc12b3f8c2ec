// SGD as torch.optim.SGD's single-tensor path (_single_tensor_sgd): weight decay, momentum with
// dampening, Nesterov, maximize. The first step seeds the momentum buffer with a clone of d_p.
import { Tensor } from "../tensor";
import type { TypedArray } from "../dtype";
import { ValueError } from "../errors";
import { GroupInput, Optimizer, ParamGroup, State, stateTensor } from "./optimizer";
import { arithFor } from "./arith";
import { isResidentF32, residentF32, sgdStepF32 } from "../kernels";

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
    // One fused pass per element: every step of the update is elementwise, so fusing keeps each
    // element's sequence of roundings exactly as the separate passes of _single_tensor_sgd.
    const A = arithFor(p._dtype.name);
    const n = x.length;
    const neg = o.maximize, wd = A.r(o.weight_decay), decay = o.weight_decay !== 0;
    const nlr = A.r(-o.lr);
    // The common float32 cases go to the kernels (WebAssembly SIMD when available), which keep
    // every rounding below: float32 products and sums, one fused multiply-add for the update.
    const f32Plain = x instanceof Float32Array && g instanceof Float32Array && g.length === n && !neg && !decay;
    if (f32Plain) x = residentParam(p, x as Float32Array);
    if (o.momentum === 0) {
      st.momentum_buffer = null; // PyTorch keeps the key, set to None
      if (f32Plain) {
        sgdStepF32(x as Float32Array, g as Float32Array, null, 0, nlr);
        return;
      }
      for (let i = 0; i < n; i++) {
        let d = neg ? -g[i] : g[i];
        if (decay) d = A.fma(x[i], wd, d);
        x[i] = A.fma(d, nlr, x[i]);
      }
      return;
    }
    const m = A.r(o.momentum), keep = A.r(1 - o.dampening), nesterov = o.nesterov;
    let buf = st.momentum_buffer as Tensor | null | undefined;
    // The first step seeds the buffer with d_p itself (a clone in PyTorch).
    const first = !buf;
    if (!buf) {
      const home = f32Plain ? residentF32(n) : null;
      buf = home ? Tensor._make(home, p._shape, p._dtype) : stateTensor(p);
      st.momentum_buffer = buf;
    } else buf._vc.value++;
    const b = buf._storage.data;
    // Without dampening PyTorch's add_(d_p, alpha=1) is fma(d_p, 1, buf) = d_p + buf rounded once,
    // which a plain add rounded to the dtype gives exactly (binary64 has over 2*24+2 bits, so a
    // float32 sum rounded twice equals it rounded once), and far cheaper than emulating the fma.
    if (f32Plain && b instanceof Float32Array && b.length === n && keep === 1 && !nesterov) {
      if (first) {
        b.set(g); // the buffer starts as a clone of d_p, which is then the update direction
        sgdStepF32(x as Float32Array, g as Float32Array, null, 0, nlr);
      } else sgdStepF32(x as Float32Array, g as Float32Array, b, m, nlr);
      return;
    }
    const plain = keep === 1;
    for (let i = 0; i < n; i++) {
      let d = neg ? -g[i] : g[i];
      if (decay) d = A.fma(x[i], wd, d);
      const bi = first ? d : plain ? A.r(d + A.r(b[i] * m)) : A.fma(d, keep, A.r(b[i] * m));
      b[i] = bi;
      d = nesterov ? A.fma(bi, m, d) : bi;
      x[i] = A.fma(d, nlr, x[i]);
    }
  }
}

/**
 * A dense float32 parameter stepped by the kernels is moved into their wasm memory once (its
 * storage then holds a resident array: same values, same Storage object, so views and .data
 * aliases follow), after which the update and the forward GEMM use it in place, without
 * copies. Returns the array to update.
 */
function residentParam(p: Tensor, x: Float32Array): Float32Array {
  if (p._storage.data !== x || p._offset !== 0 || isResidentF32(x)) return x;
  const home = residentF32(x.length);
  if (!home) return x;
  home.set(x);
  p._storage.data = home;
  return home;
}
