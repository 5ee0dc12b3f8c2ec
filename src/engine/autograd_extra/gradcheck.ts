// torch.autograd.gradcheck as PyTorch 1.13's slow mode runs it: central differences
// (x - eps, x + eps, perturbing each input element in place) against the analytical Jacobian
// from one backward pass per output element (run twice: reentrancy), then the check that
// backward multiplies by grad_output. Failures raise GradcheckError (a RuntimeError) with
// PyTorch's message, or return false with raise_exception: false.
// Not done: fast_mode, forward AD, batched-grad checks, and the undefined-grad test
// (check_undefined_grad), which needs backward functions that see undefined grads.
import { Tensor } from "../tensor";
import { grad } from "../autograd/engine";
import { rand, zeros_like } from "../creation";
import { float64 } from "../dtype";
import { allclose } from "../ops/elementwise";
import { readDense } from "../ops/loops";
import { RuntimeError, ValueError, warnOnce } from "../errors";

export class GradcheckError extends RuntimeError {
  constructor(message: string) { super(message); this.name = "GradcheckError"; }
}

export interface GradcheckOptions {
  eps?: number; atol?: number; rtol?: number; raise_exception?: boolean; nondet_tol?: number;
  check_undefined_grad?: boolean; check_grad_dtypes?: boolean; check_batched_grad?: boolean;
  check_backward_ad?: boolean; fast_mode?: boolean;
}

type GradFn = (...inputs: unknown[]) => Tensor | Tensor[];

/** Storage positions of a tensor's elements in row-major order (the order of _iter_tensor). */
function positions(t: Tensor): number[] {
  const out: number[] = [];
  const shape = t._shape, strides = t._strides;
  const idx = new Array<number>(shape.length).fill(0);
  const n = t.numel();
  for (let k = 0; k < n; k++) {
    let pos = t._offset;
    for (let d = 0; d < shape.length; d++) pos += idx[d] * strides[d];
    out.push(pos);
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++idx[d] < shape[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}

function asList(out: Tensor | Tensor[]): Tensor[] { return Array.isArray(out) ? out : [out]; }

/** numerical[o][i]: (input i numel) x (output o numel), in the output's dtype. */
function numericalJacobian(func: GradFn, inputs: unknown[], diffInputs: Tensor[], outputs: Tensor[], eps: number): Tensor[][] {
  const perOut: Tensor[][] = outputs.map(() => []);
  for (const inp of diffInputs) {
    const mats = outputs.map((o) => o._dtype.alloc(inp.numel() * o.numel()));
    const data = inp._storage.data;
    const r = inp._dtype.cast.bind(inp._dtype);
    positions(inp).forEach((pos, row) => {
      const orig = data[pos];
      data[pos] = r(orig - r(eps));
      const a = asList(func(...inputs)).map((t) => readDense(t).slice());
      data[pos] = r(orig + r(eps));
      const b = asList(func(...inputs)).map((t) => readDense(t).slice());
      data[pos] = orig;
      outputs.forEach((o, oi) => {
        const c = o._dtype.cast.bind(o._dtype);
        const den = c(2 * eps), n = o.numel();
        for (let j = 0; j < n; j++) mats[oi][row * n + j] = c(c(b[oi][j] - a[oi][j]) / den);
      });
    });
    outputs.forEach((o, oi) => perOut[oi].push(Tensor._make(mats[oi], [inp.numel(), o.numel()], o._dtype)));
  }
  return perOut;
}

/** Analytical Jacobians of one output w.r.t. every differentiable input, column j from grad of element j. */
function analyticalJacobian(output: Tensor, diffInputs: Tensor[]): { jac: Tensor[]; sizesOk: boolean; typesOk: boolean } {
  const n = output.numel();
  const mats = diffInputs.map((inp) => inp._dtype.alloc(inp.numel() * n));
  let sizesOk = true, typesOk = true;
  for (let j = 0; j < n; j++) {
    const go = zeros_like(output);
    go._storage.data[j] = 1;
    const gs = grad(output, diffInputs, { grad_outputs: go, retain_graph: true, allow_unused: true });
    gs.forEach((g, k) => {
      if (g === null) return;
      if (g._dtype !== diffInputs[k]._dtype) typesOk = false;
      if (g.numel() !== diffInputs[k].numel()) { sizesOk = false; return; }
      const vals = readDense(g), m = diffInputs[k].numel();
      for (let e = 0; e < m; e++) mats[k][e * n + j] = vals[e];
    });
  }
  return { jac: diffInputs.map((inp, k) => Tensor._make(mats[k], [inp.numel(), n], inp._dtype)), sizesOk, typesOk };
}

function jacobiansEqual(a: Tensor[], b: Tensor[], atol: number): boolean {
  return a.every((x, k) => {
    const p = readDense(x), q = readDense(b[k]);
    let worst = 0;
    for (let i = 0; i < p.length; i++) worst = Math.max(worst, Math.abs(p[i] - q[i]));
    return !(worst > atol);
  });
}

function gradcheckHelper(func: GradFn, inputs: unknown[], o: Required<Omit<GradcheckOptions, "raise_exception">>): boolean {
  let any = false;
  inputs.forEach((inp, idx) => {
    if (inp instanceof Tensor && inp.requires_grad) {
      if (inp._dtype.name !== "float64") {
        warnOnce(`Input #${idx} requires gradient and is not a double precision floating point or complex. This check will likely fail if all the inputs are not of double precision floating point or complex. `);
      }
      if (!inp._strides.every((st, d) => st > 0 || inp._shape[d] <= 1)) {
        throw new RuntimeError(`The ${idx}th input has a dimension with stride 0. gradcheck only supports inputs that are non-overlapping to be able to compute the numerical gradients correctly. You should call .contiguous on the input before passing it to gradcheck.`);
      }
      any = true;
    }
  });
  if (!any) throw new ValueError("gradcheck expects at least one input tensor to require gradient, but none of the them have requires_grad=True.");
  const diffInputs = inputs.filter((t): t is Tensor => t instanceof Tensor && t.requires_grad);
  const funcOut = asList(func(...inputs));
  const outputs = funcOut.filter((t) => t.requires_grad);
  const numerical = numericalJacobian(func, inputs, diffInputs, funcOut, o.eps);
  if (outputs.length === 0) {
    for (const perIn of numerical) for (const m of perIn) if (readDense(m).some((v) => v !== 0)) throw new GradcheckError("Numerical gradient for function expected to be zero");
    return true;
  }
  const numDiff = numerical.filter((_m, i) => funcOut[i].requires_grad);
  outputs.forEach((out, i) => {
    const first = analyticalJacobian(out.clone(), diffInputs);
    const second = analyticalJacobian(out.clone(), diffInputs);
    if (!first.typesOk && o.check_grad_dtypes) throw new GradcheckError("Gradient has dtype mismatch");
    if (!first.sizesOk) throw new GradcheckError("Analytical gradient has incorrect size");
    if (!jacobiansEqual(first.jac, second.jac, o.nondet_tol)) {
      throw new GradcheckError(`Backward is not reentrant, i.e., running backward with same input and grad_output multiple times gives different values, although analytical gradient matches numerical gradient.The tolerance for nondeterminism was ${o.nondet_tol}.`);
    }
    first.jac.forEach((a, j) => {
      const n = numDiff[i][j];
      if (!allclose(a, n.to(a._dtype), { rtol: o.rtol, atol: o.atol })) {
        throw new GradcheckError(`Jacobian mismatch for output ${i} with respect to input ${j},\nnumerical:${String(n)}\nanalytical:${String(a)}\n`);
      }
    });
  });
  if (!o.check_backward_ad) return true;
  const gis = grad(outputs, diffInputs, { grad_outputs: outputs.map((t) => zeros_like(t)), allow_unused: true });
  gis.forEach((gi, k) => {
    if (gi === null) return;
    if (!readDense(gi).every((v) => v === 0)) throw new GradcheckError("backward not multiplied by grad_output");
    if (gi._dtype !== diffInputs[k]._dtype) throw new GradcheckError("grad is incorrect type");
    if (gi._shape.length !== diffInputs[k]._shape.length || gi._shape.some((d, x) => d !== diffInputs[k]._shape[x])) throw new GradcheckError("grad is incorrect size");
  });
  return true;
}

/** gradcheck(func, inputs, {eps: 1e-6, atol: 1e-5, rtol: 1e-3, raise_exception: true, ...}). */
export function gradcheck(func: GradFn, inputs: unknown, opts: GradcheckOptions = {}): boolean {
  if (opts.fast_mode) throw new RuntimeError("gradcheck: fast_mode=True is not available in Gradient Inspector; use the default slow mode.");
  const o = {
    eps: opts.eps ?? 1e-6, atol: opts.atol ?? 1e-5, rtol: opts.rtol ?? 1e-3, nondet_tol: opts.nondet_tol ?? 0.0,
    check_undefined_grad: opts.check_undefined_grad ?? true, check_grad_dtypes: opts.check_grad_dtypes ?? false,
    check_batched_grad: opts.check_batched_grad ?? false, check_backward_ad: opts.check_backward_ad ?? true, fast_mode: false,
  };
  const tupled = Array.isArray(inputs) ? inputs : [inputs];
  if (opts.raise_exception ?? true) return gradcheckHelper(func, tupled, o);
  try {
    return gradcheckHelper(func, tupled, o);
  } catch (e) {
    if (e instanceof GradcheckError) return false;
    throw e;
  }
}

export interface GradgradcheckOptions extends GradcheckOptions { gen_non_contig_grad_outputs?: boolean; check_rev_over_rev?: boolean }

/**
 * gradgradcheck(func, inputs, grad_outputs=None): gradcheck of the function that maps (inputs,
 * grad_outputs) to autograd.grad(func(inputs), inputs, grad_outputs, create_graph=True). Without
 * grad_outputs they are 1.13's torch.testing.make_tensor(low=-1, high=1): r = rand(shape),
 * 1 * r + (-1) * (1 - r), drawn from the default generator as PyTorch draws them.
 */
export function gradgradcheck(func: GradFn, inputs: unknown, grad_outputs?: Tensor | Tensor[] | null, opts: GradgradcheckOptions = {}): boolean {
  const tupled = Array.isArray(inputs) ? inputs : [inputs];
  if (opts.gen_non_contig_grad_outputs) throw new RuntimeError("gradgradcheck: gen_non_contig_grad_outputs=True is not available in Gradient Inspector");
  const gos = grad_outputs === undefined || grad_outputs === null
    ? asList(func(...tupled)).filter((o) => o.requires_grad).map((o) => {
      const r = rand(o._shape, { dtype: o._dtype.isFloatingPoint ? o._dtype : float64 });
      return r.mul(1).add(r.neg().add(1).mul(-1)).requires_grad_();
    })
    : asList(grad_outputs);
  const nOut = gos.length;
  const diffIn = new Set(tupled.flatMap((x, i) => (x instanceof Tensor && x.requires_grad ? [i] : [])));
  const diffGo = new Set(gos.flatMap((x, i) => (x.requires_grad ? [i] : [])));
  const newFunc = (...args: unknown[]): Tensor[] => {
    const ins = args.slice(0, args.length - nOut).map((x, i) => (diffIn.has(i) ? (x as Tensor).requires_grad_() : x));
    const outs = asList(func(...ins)).filter((t) => t.requires_grad);
    const g = (args.slice(args.length - nOut) as Tensor[]).map((x, i) => (diffGo.has(i) ? x.requires_grad_() : x));
    const diffArgs = ins.filter((_x, i) => diffIn.has(i)) as Tensor[];
    return grad(outs, diffArgs, { grad_outputs: g, create_graph: true, allow_unused: true }).filter((t): t is Tensor => t !== null);
  };
  return gradcheck(newFunc, [...tupled, ...gos], { ...opts, check_backward_ad: opts.check_rev_over_rev ?? true });
}
