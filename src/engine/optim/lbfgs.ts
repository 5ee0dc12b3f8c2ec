// L-BFGS as torch/optim/lbfgs.py (PyTorch 1.13): two-loop recursion over the last history_size
// steps, optional strong-Wolfe line search, closure re-evaluated under enable_grad. Vectors are
// the engine's tensors in the parameters' dtype; PyTorch's 0-dim tensor scalars (ys, rho, alpha,
// H_diag) are numbers rounded to that dtype, so float64 runs follow PyTorch's arithmetic (dot
// products may sum in another order: last-bit differences) and float32 runs follow it closely.
import { Tensor } from "../tensor";
import { float32 } from "../dtype";
import { withGradMode } from "../autograd/grad_mode";
import { cat } from "../ops/views";
import { zeros } from "../creation";
import { RuntimeError, TorchTypeError, ValueError } from "../errors";
import { GroupInput, Optimizer, State } from "./optimizer";

export interface LBFGSOptions { lr: number; max_iter: number; max_eval: number | null; tolerance_grad: number; tolerance_change: number; history_size: number; line_search_fn: "strong_wolfe" | null }

type Closure = () => Tensor | number;
const num = (v: Tensor | number): number => (typeof v === "number" ? v : Number(v.item()));
/** Python's max(a, b) / min(a, b): the first argument unless the second is strictly better. */
const pyMax = (a: number, b: number): number => (b > a ? b : a);
const pyMin = (a: number, b: number): number => (b < a ? b : a);

function cubicInterpolate(x1: number, f1: number, g1: number, x2: number, f2: number, g2: number, bounds?: [number, number]): number {
  const [lo, hi] = bounds ?? (x1 <= x2 ? [x1, x2] : [x2, x1]);
  const d1 = g1 + g2 - (3 * (f1 - f2)) / (x1 - x2);
  const d2sq = d1 ** 2 - g1 * g2;
  if (d2sq >= 0) {
    const d2 = Math.sqrt(d2sq);
    const minPos = x1 <= x2 ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2)) : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
    return pyMin(pyMax(minPos, lo), hi);
  }
  return (lo + hi) / 2;
}

type ObjFunc = (x: Tensor[], t: number, d: Tensor) => [number, Tensor];

function strongWolfe(obj: ObjFunc, x: Tensor[], t: number, d: Tensor, f: number, g: Tensor, gtd: number, c1 = 1e-4, c2 = 0.9, toleranceChange = 1e-9, maxLs = 25): [number, Tensor, number, number] {
  const dNorm = num(d.abs().max() as Tensor);
  g = g.clone();
  let [fNew, gNew] = obj(x, t, d);
  let evals = 1;
  let gtdNew = num(gNew.dot(d));
  let tPrev = 0, fPrev = f, gPrev = g, gtdPrev = gtd;
  let done = false, lsIter = 0;
  let bracket: number[] = [], bf: number[] = [], bg: Tensor[] = [], bgtd: number[] = [];
  while (lsIter < maxLs) {
    if (fNew > f + c1 * t * gtd || (lsIter > 1 && fNew >= fPrev)) {
      bracket = [tPrev, t]; bf = [fPrev, fNew]; bg = [gPrev, gNew.clone()]; bgtd = [gtdPrev, gtdNew];
      break;
    }
    if (Math.abs(gtdNew) <= -c2 * gtd) {
      bracket = [t]; bf = [fNew]; bg = [gNew]; done = true;
      break;
    }
    if (gtdNew >= 0) {
      bracket = [tPrev, t]; bf = [fPrev, fNew]; bg = [gPrev, gNew.clone()]; bgtd = [gtdPrev, gtdNew];
      break;
    }
    const minStep = t + 0.01 * (t - tPrev), maxStep = t * 10;
    const tmp = t;
    t = cubicInterpolate(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, [minStep, maxStep]);
    tPrev = tmp; fPrev = fNew; gPrev = gNew.clone(); gtdPrev = gtdNew;
    [fNew, gNew] = obj(x, t, d);
    evals++;
    gtdNew = num(gNew.dot(d));
    lsIter++;
  }
  if (lsIter === maxLs) { bracket = [0, t]; bf = [f, fNew]; bg = [g, gNew]; }
  let insufProgress = false;
  let [low, high] = bf[0] <= bf[bf.length - 1] ? [0, 1] : [1, 0];
  while (!done && lsIter < maxLs) {
    if (Math.abs(bracket[1] - bracket[0]) * dNorm < toleranceChange) break;
    t = cubicInterpolate(bracket[0], bf[0], bgtd[0], bracket[1], bf[1], bgtd[1]);
    const bmax = pyMax(bracket[0], bracket[1]), bmin = pyMin(bracket[0], bracket[1]);
    const eps = 0.1 * (bmax - bmin);
    if (pyMin(bmax - t, t - bmin) < eps) {
      if (insufProgress || t >= bmax || t <= bmin) {
        t = Math.abs(t - bmax) < Math.abs(t - bmin) ? bmax - eps : bmin + eps;
        insufProgress = false;
      } else {
        insufProgress = true;
      }
    } else {
      insufProgress = false;
    }
    [fNew, gNew] = obj(x, t, d);
    evals++;
    gtdNew = num(gNew.dot(d));
    lsIter++;
    if (fNew > f + c1 * t * gtd || fNew >= bf[low]) {
      bracket[high] = t; bf[high] = fNew; bg[high] = gNew.clone(); bgtd[high] = gtdNew;
      [low, high] = bf[0] <= bf[1] ? [0, 1] : [1, 0];
    } else {
      if (Math.abs(gtdNew) <= -c2 * gtd) done = true;
      else if (gtdNew * (bracket[high] - bracket[low]) >= 0) {
        bracket[high] = bracket[low]; bf[high] = bf[low]; bg[high] = bg[low]; bgtd[high] = bgtd[low];
      }
      bracket[low] = t; bf[low] = fNew; bg[low] = gNew.clone(); bgtd[low] = gtdNew;
    }
  }
  return [bf[low], bg[low], bracket[low], evals];
}

/** The history PyTorch keeps in state[params[0]] (lists of tensors, so outside the State record). */
interface History { d: Tensor | null; t: number | null; old_dirs: Tensor[]; old_stps: Tensor[]; ro: number[]; H_diag: number; prev_flat_grad: Tensor | null; prev_loss: number | null; al: number[] | null }

export class LBFGS extends Optimizer<LBFGSOptions> {
  private readonly _params: Tensor[];
  private hist: History = { d: null, t: null, old_dirs: [], old_stps: [], ro: [], H_diag: 1, prev_flat_grad: null, prev_loss: null, al: null };

  constructor(params: Iterable<Tensor> | Iterable<GroupInput<LBFGSOptions>>, o: Partial<LBFGSOptions> = {}) {
    const maxIter = o.max_iter ?? 20;
    super(params, {
      lr: o.lr ?? 1, max_iter: maxIter, max_eval: o.max_eval ?? Math.floor((maxIter * 5) / 4), tolerance_grad: o.tolerance_grad ?? 1e-7,
      tolerance_change: o.tolerance_change ?? 1e-9, history_size: o.history_size ?? 100, line_search_fn: o.line_search_fn ?? null,
    });
    if (this.param_groups.length !== 1) throw new ValueError("LBFGS doesn't support per-parameter options (parameter groups)");
    this._params = this.param_groups[0].params;
  }

  protected update(): void { throw new RuntimeError("LBFGS updates in step(closure)"); }

  private round(v: number): number { return this._params[0]._dtype === float32 ? Math.fround(v) : v; }

  private gatherFlatGrad(): Tensor {
    return cat(this._params.map((p) => (p.grad === null ? zeros([p.numel()], { dtype: p._dtype }) : p.grad.reshape(-1))), 0);
  }
  private addGrad(step: number, update: Tensor): void {
    let offset = 0;
    for (const p of this._params) {
      const n = p.numel();
      p.add_(update.narrow(0, offset, n).view_as(p), { alpha: step });
      offset += n;
    }
  }
  private directionalEvaluate(closure: Closure, x: Tensor[], t: number, d: Tensor): [number, Tensor] {
    this.addGrad(t, d);
    const loss = num(withGradMode(true, closure));
    const g = this.gatherFlatGrad();
    this._params.forEach((p, i) => p.copy_(x[i]));
    return [loss, g];
  }

  /** step(closure): the closure zeroes grads, computes the loss, calls backward, returns the loss. */
  override step(closure?: Closure): Tensor | number {
    if (typeof closure !== "function") throw new TorchTypeError("step() missing 1 required positional argument: 'closure'");
    return withGradMode(false, () => this.run(closure));
  }

  private run(closure: Closure): Tensor | number {
    const group = this.param_groups[0];
    const { lr, max_iter: maxIter, tolerance_grad: tolGrad, tolerance_change: tolChange, line_search_fn: lineSearch, history_size: historySize } = group;
    const maxEval = group.max_eval ?? Math.floor((maxIter * 5) / 4);
    let st = this.state.get(this._params[0]);
    if (!st) { st = {} as State; this.state.set(this._params[0], st); }
    st.func_evals = (st.func_evals as number | undefined) ?? 0;
    st.n_iter = (st.n_iter as number | undefined) ?? 0;
    const r = (v: number): number => this.round(v);

    const origLoss = withGradMode(true, closure);
    let loss = num(origLoss);
    let currentEvals = 1;
    st.func_evals = (st.func_evals as number) + 1;
    this._step_count++;
    let flatGrad = this.gatherFlatGrad();
    let optCond = num(flatGrad.abs().max() as Tensor) <= tolGrad;
    if (optCond) return origLoss;

    const h = this.hist;
    let { d, t } = h;
    let nIter = 0;
    while (nIter < maxIter) {
      nIter++;
      st.n_iter = (st.n_iter as number) + 1;
      if (st.n_iter === 1) {
        d = flatGrad.neg();
        h.old_dirs = []; h.old_stps = []; h.ro = []; h.H_diag = 1;
      } else {
        const y = flatGrad.sub(h.prev_flat_grad as Tensor);
        const s = (d as Tensor).mul(t as number);
        const ys = num(y.dot(s));
        if (ys > 1e-10) {
          if (h.old_dirs.length === historySize) { h.old_dirs.shift(); h.old_stps.shift(); h.ro.shift(); }
          h.old_dirs.push(y); h.old_stps.push(s); h.ro.push(r(1 / ys));
          h.H_diag = r(ys / num(y.dot(y)));
        }
        const numOld = h.old_dirs.length;
        h.al ??= new Array<number>(historySize).fill(0);
        const al = h.al;
        const q = flatGrad.neg();
        for (let i = numOld - 1; i >= 0; i--) {
          al[i] = r(num(h.old_stps[i].dot(q)) * h.ro[i]);
          q.add_(h.old_dirs[i], { alpha: -al[i] });
        }
        d = q.mul(h.H_diag);
        for (let i = 0; i < numOld; i++) {
          const be = r(num(h.old_dirs[i].dot(d)) * h.ro[i]);
          d.add_(h.old_stps[i], { alpha: r(al[i] - be) });
        }
      }
      if (h.prev_flat_grad === null) h.prev_flat_grad = flatGrad.clone();
      else h.prev_flat_grad.copy_(flatGrad);
      h.prev_loss = loss;
      if (st.n_iter === 1) {
        const inv = r(1 / num(flatGrad.abs().sum()));
        t = inv < 1 ? r(inv * r(lr)) : lr; // min(1., 1. / |g|_1) * lr, a 0-dim tensor when it wins
      } else {
        t = lr;
      }
      const gtd = num(flatGrad.dot(d as Tensor));
      if (gtd > -tolChange) break;
      let lsEvals = 0;
      if (lineSearch !== null) {
        if (lineSearch !== "strong_wolfe") throw new RuntimeError("only 'strong_wolfe' is supported");
        const xInit = this._params.map((p) => p.clone());
        [loss, flatGrad, t, lsEvals] = strongWolfe((x, tt, dd) => this.directionalEvaluate(closure, x, tt, dd), xInit, t, d as Tensor, loss, flatGrad, gtd);
        this.addGrad(t, d as Tensor);
        optCond = num(flatGrad.abs().max() as Tensor) <= tolGrad;
      } else {
        this.addGrad(t, d as Tensor);
        if (nIter !== maxIter) {
          loss = num(withGradMode(true, closure));
          flatGrad = this.gatherFlatGrad();
          optCond = num(flatGrad.abs().max() as Tensor) <= tolGrad;
          lsEvals = 1;
        }
      }
      currentEvals += lsEvals;
      st.func_evals = (st.func_evals as number) + lsEvals;
      if (nIter === maxIter) break;
      if (currentEvals >= maxEval) break;
      if (optCond) break;
      if (num((d as Tensor).mul(t).abs().max() as Tensor) <= tolChange) break;
      if (Math.abs(loss - (h.prev_loss as number)) < tolChange) break;
    }
    h.d = d; h.t = t;
    return origLoss;
  }
}
