// torch.einsum and the other products built on our differentiable views and matmuls (tensordot,
// kron, multi_dot / chain_matmul, ger), so autograd comes for free. einsum follows PyTorch 1.13's
// plan (aten/src/ATen/native/Linear.cpp): every operand is aligned to all labels (unsqueeze +
// permute), pairs are combined by sumproduct_pair (mul, or bmm between reshapes), and the result
// is viewed to the output shape. The result's grad_fn and its next functions therefore match
// PyTorch's (ViewBackward0 <- PermuteBackward0 for a contraction, MulBackward0 for an outer
// product, SumBackward1 for a one-operand reduction); deeper internal nodes may differ.
import { Tensor } from "../tensor";
import { op1 } from "./define";
import { RuntimeError } from "../errors";
import { numelOf, wrapDim } from "../shape";
import { mul, where } from "./elementwise";
import { bool } from "../dtype";
import { scalarTensor } from "./scalar";
import { sum } from "./reduce";
import { bmm, mm } from "./linalg";
import { permute, reshape, unsqueeze, view, _unsafeView } from "./views";
import { readDense } from "./loops";
import { warnOnce } from "../errors";

// ---- diagonal (for repeated labels such as 'ii->i') -------------------------------------------
const diagonalOp = op1<{ d1: number; d2: number }>("linalg_diagonal", {
  name: "DiagonalBackward0",
  forward: ([a], p) => {
    const shape: number[] = [], strides: number[] = [];
    a._shape.forEach((s, d) => { if (d !== p.d1 && d !== p.d2) { shape.push(s); strides.push(a._strides[d]); } });
    shape.push(Math.min(a._shape[p.d1], a._shape[p.d2]));
    strides.push(a._strides[p.d1] + a._strides[p.d2]);
    const v = new Tensor(a._storage, shape, strides, a._offset, a._dtype, a._vc);
    v._base = a._base ?? a;
    return v;
  },
  backward: ([g], _s, p, [inp]) => [diagonalBackward(g, inp.shape, p.d1, p.d2)],
});
/** Zeros of `shape` with g on the (d1, d2) diagonal: where() over an identity mask, so it is differentiable. */
function diagonalBackward(g: Tensor, shape: number[], d1: number, d2: number): Tensor {
  const n = shape[d1];
  const eye = new Uint8Array(n * n);
  for (let i = 0; i < n; i++) eye[i * n + i] = 1;
  // g: [...rest, n] -> put n at d1 and a size-1 dim at d2, then multiply by the identity there.
  const rest = shape.filter((_s, d) => d !== d1 && d !== d2);
  let x = g;
  const order: number[] = [];
  let k = 0;
  for (let d = 0; d < shape.length; d++) order.push(d === d1 ? rest.length : d === d2 ? rest.length + 1 : k++);
  x = unsqueeze(x, -1);
  x = permute(x, order);
  const eyeShape = shape.map((s, d) => (d === d1 || d === d2 ? s : 1));
  return where(Tensor._make(eye, eyeShape, bool), x, scalarTensor(0, g._dtype));
}
/** The (d1, d2) diagonal moved to the last dim, as torch.diagonal(x, 0, d1, d2). */
export function diagonalView(a: Tensor, d1: number, d2: number): Tensor {
  const n = a._shape.length;
  return diagonalOp([a], { d1: wrapDim(d1, n), d2: wrapDim(d2, n) });
}

// ---- einsum -----------------------------------------------------------------------------
const ELL = "...";
interface Parsed { inputs: string[][]; output: string[] }

function parseEquation(eq: string, ops: readonly Tensor[]): Parsed {
  const s = eq.replace(/\s+/g, "");
  const arrow = s.indexOf("->");
  const lhs = arrow < 0 ? s : s.slice(0, arrow);
  const terms = lhs.split(",");
  if (terms.length > ops.length) throw new RuntimeError("einsum(): fewer operands were provided than specified in the equation");
  if (terms.length < ops.length) throw new RuntimeError("einsum(): more operands were provided than specified in the equation");
  const tokenize = (t: string): string[] => {
    const out: string[] = [];
    for (let i = 0; i < t.length; i++) {
      if (t.startsWith(ELL, i)) { out.push(ELL); i += 2; continue; }
      const c = t[i];
      if (!/[a-zA-Z]/.test(c)) throw new RuntimeError(`einsum(): invalid subscript given at index ${i} in the equation string, subscripts must be in [a-zA-Z]`);
      out.push(c);
    }
    return out;
  };
  const inputs = terms.map((t, i) => {
    const toks = tokenize(t);
    const hasEll = toks.includes(ELL);
    const nd = ops[i]._shape.length;
    const named = toks.filter((x) => x !== ELL).length;
    if (!hasEll && named !== nd) {
      throw new RuntimeError(`einsum(): the number of subscripts in the equation (${named}) does not match the number of dimensions (${nd}) for operand ${i} and no ellipsis was given`);
    }
    if (hasEll && named > nd) {
      throw new RuntimeError(`einsum(): the number of subscripts in the equation (${named}) is more than the number of dimensions (${nd}) for operand ${i}`);
    }
    return toks;
  });
  const ellDims = Math.max(0, ...inputs.map((t, i) => (t.includes(ELL) ? ops[i]._shape.length - (t.length - 1) : 0)));
  // Ellipsis dims get labels of their own ("0", "1", ... counted from the right-aligned end).
  const ellLabels = Array.from({ length: ellDims }, (_x, i) => `#${i}`);
  const expand = (toks: string[], nd: number): string[] => {
    const i = toks.indexOf(ELL);
    if (i < 0) return toks;
    const k = nd - (toks.length - 1);
    return [...toks.slice(0, i), ...ellLabels.slice(ellDims - k), ...toks.slice(i + 1)];
  };
  const expanded = inputs.map((t, i) => expand(t, ops[i]._shape.length));
  let output: string[];
  if (arrow >= 0) {
    const toks = tokenize(s.slice(arrow + 2));
    output = expand(toks, ellDims + toks.filter((x) => x !== ELL).length);
    const seen = new Set<string>();
    for (const l of output) {
      if (!l.startsWith("#") && !expanded.some((t) => t.includes(l))) throw new RuntimeError(`einsum(): output subscript ${l} does not appear in the equation for any input operand`);
      if (seen.has(l)) throw new RuntimeError(`einsum(): output subscript ${l} appears more than once in the output`);
      seen.add(l);
    }
  } else {
    // Implicit output: ellipsis dims, then the labels seen exactly once, in alphabetical order (upper case first).
    const count = new Map<string, number>();
    for (const t of expanded) for (const l of t) if (!l.startsWith("#")) count.set(l, (count.get(l) ?? 0) + 1);
    const once = [...count.entries()].filter(([, c]) => c === 1).map(([l]) => l).sort();
    output = [...ellLabels, ...once];
  }
  return { inputs: expanded, output };
}

/** Operand with repeated labels reduced to their diagonal; returns the tensor and its distinct labels. */
function takeDiagonals(t: Tensor, labels: string[]): { t: Tensor; labels: string[] } {
  let x = t, ls = labels.slice();
  for (;;) {
    const dup = ls.findIndex((l, i) => ls.indexOf(l) !== i);
    if (dup < 0) return { t: x, labels: ls };
    const first = ls.indexOf(ls[dup]);
    if (x._shape[first] !== x._shape[dup]) {
      throw new RuntimeError(`einsum(): subscript ${ls[dup]} is repeated for operand ${0} but the sizes don't match, ${x._shape[dup]} != ${x._shape[first]}`);
    }
    // The diagonal comes last; a permute moves it back to the label's first position (as PyTorch).
    x = diagonalView(x, first, dup);
    const nd = x._shape.length;
    const order = Array.from({ length: nd - 1 }, (_v, i) => i);
    order.splice(first, 0, nd - 1);
    x = permute(x, order);
    ls = ls.filter((_v, i) => i !== dup);
  }
}

export function einsum(equation: string, ...operands: (Tensor | Tensor[])[]): Tensor {
  const ops = operands.length === 1 && Array.isArray(operands[0]) ? operands[0] : (operands as Tensor[]);
  if (ops.length === 0) throw new RuntimeError("einsum(): must provide at least one operand");
  const { inputs, output } = parseEquation(equation, ops);
  const contracted: string[] = [];
  for (const t of inputs) for (const l of t) if (!output.includes(l) && !contracted.includes(l)) contracted.push(l);
  const all = [...output, ...contracted];
  // Sizes: each label's size must agree (or be 1, which broadcasts).
  const size = new Map<string, number>();
  const aligned = ops.map((op, i) => {
    const { t, labels } = takeDiagonals(op, inputs[i]);
    labels.forEach((l, d) => {
      const s = t._shape[d];
      const prev = size.get(l);
      if (prev === undefined || prev === 1) size.set(l, s);
      else if (s !== 1 && s !== prev) {
        throw new RuntimeError(`einsum(): subscript ${l.startsWith("#") ? "..." : l} has size ${s} for operand ${i} which does not broadcast with previously seen size ${prev}`);
      }
    });
    // Unsqueeze the absent labels at the end, then permute into the global label order.
    let x = t;
    const have = labels.slice();
    for (const l of all) if (!have.includes(l)) { x = unsqueeze(x, x._shape.length); have.push(l); }
    return permute(x, all.map((l) => have.indexOf(l)));
  });
  const outRank = output.length;
  const contractedDims = contracted.map((_l, i) => outRank + i);
  if (aligned.length === 1) {
    return contractedDims.length ? sum(aligned[0], contractedDims) : aligned[0];
  }
  // Fold left; a contracted label is summed at the last operand that has it.
  const lastUse = contracted.map((_l, i) => {
    let last = 0;
    aligned.forEach((t, k) => { if (t._shape[outRank + i] !== 1) last = k; });
    return last;
  });
  let result = aligned[0];
  for (let k = 1; k < aligned.length; k++) {
    const sumDims = contractedDims.filter((_d, i) => lastUse[i] <= k);
    result = sumproductPair(result, aligned[k], sumDims);
  }
  // Any contracted dim that is still there (size 1 throughout) goes with the final view.
  const outShape = output.map((l) => size.get(l) ?? 1);
  if (result._shape.length !== outShape.length || result._shape.some((s, i) => s !== outShape[i])) {
    // Contracted dims of size 1 everywhere were never summed: sum them (they hold one value).
    const left = contractedDims.filter((d) => d < result._shape.length && result._shape[d] !== 1);
    if (left.length) result = sum(result, left, true);
    result = view(result, outShape);
  }
  return result;
}

/** PyTorch's sumproduct_pair: left * right summed over sumDims (kept as size 1), by bmm when anything is summed. */
function sumproductPair(left: Tensor, right: Tensor, sumDims: number[]): Tensor {
  const nd = left._shape.length;
  const lro: number[] = [], lo: number[] = [], ro: number[] = [], sd: number[] = [];
  let l = left, r = right;
  for (let d = 0; d < nd; d++) {
    const ls = l._shape[d] !== 1, rs = r._shape[d] !== 1;
    if (sumDims.includes(d)) {
      if (ls && rs) sd.push(d);
      else {
        // Only one side has it (or neither): sum it there; it stays as a size-1 dim.
        if (ls) l = sum(l, d, true);
        else if (rs) r = sum(r, d, true);
        lro.push(d);
      }
    } else if (ls && rs) lro.push(d);
    else if (ls) lo.push(d);
    else if (rs) ro.push(d);
    else lro.push(d);
  }
  if (sd.length === 0) return mul(l, r);
  const sz = (t: Tensor, ds: number[]) => numelOf(ds.map((d) => t._shape[d]));
  const lroSize = sz(l, lro), loSize = sz(l, lo), roSize = sz(r, ro), sumSize = sz(l, sd);
  const lt = reshape(permute(l, [...lro, ...lo, ...sd, ...ro]), [lroSize, loSize, sumSize]);
  const rt = reshape(permute(r, [...lro, ...sd, ...ro, ...lo]), [lroSize, sumSize, roSize]);
  const prod = bmm(lt, rt);
  const order = [...lro, ...lo, ...sd, ...ro];
  const shape = [...lro.map((d) => l._shape[d]), ...lo.map((d) => l._shape[d]), ...sd.map(() => 1), ...ro.map((d) => r._shape[d])];
  const inv = new Array<number>(nd);
  order.forEach((d, i) => (inv[d] = i));
  return permute(view(prod, shape), inv);
}

// ---- tensordot ------------------------------------------------------------------------------
export type TensordotDims = number | [number[], number[]] | number[][];
export function tensordot(a: Tensor, b: Tensor, dims: TensordotDims | { dims?: TensordotDims } = 2): Tensor {
  const d = typeof dims === "object" && !Array.isArray(dims) ? dims.dims ?? 2 : dims;
  let da: number[], db: number[];
  if (typeof d === "number") {
    if (d < 0) throw new RuntimeError(`tensordot expects dims >= 0, but got dims=${d}`);
    if (d > a._shape.length || d > b._shape.length) throw new RuntimeError(`tensordot expects dims < ndim_a or ndim_b, but got dims=${d}`);
    da = Array.from({ length: d }, (_x, i) => a._shape.length - d + i);
    db = Array.from({ length: d }, (_x, i) => i);
  } else {
    da = (typeof d[0] === "number" ? [d[0]] : d[0]) as number[];
    db = (typeof d[1] === "number" ? [d[1]] : d[1]) as number[];
    if (da.length !== db.length) throw new RuntimeError(`both dimension lists should have same length`);
  }
  da = da.map((x) => wrapDim(x, a._shape.length));
  db = db.map((x) => wrapDim(x, b._shape.length));
  da.forEach((x, i) => {
    if (a._shape[x] !== b._shape[db[i]]) {
      throw new RuntimeError(`contracted dimensions need to match, but first has size ${a._shape[x]} in dim ${d === undefined || typeof d === "number" ? x - a._shape.length : x} and second has size ${b._shape[db[i]]} in dim ${db[i]}`);
    }
  });
  const freeA = a._shape.map((_s, i) => i).filter((i) => !da.includes(i));
  const freeB = b._shape.map((_s, i) => i).filter((i) => !db.includes(i));
  const k = numelOf(da.map((x) => a._shape[x]));
  const am = reshape(permute(a, [...freeA, ...da]), [numelOf(freeA.map((x) => a._shape[x])), k]);
  const bm = reshape(permute(b, [...db, ...freeB]), [k, numelOf(freeB.map((x) => b._shape[x]))]);
  return reshape(mm(am, bm), [...freeA.map((x) => a._shape[x]), ...freeB.map((x) => b._shape[x])]);
}

// ---- kron -----------------------------------------------------------------------------------
export function kron(a: Tensor, b: Tensor): Tensor {
  const nd = Math.max(a._shape.length, b._shape.length);
  const pa = [...new Array<number>(nd - a._shape.length).fill(1), ...a._shape];
  const pb = [...new Array<number>(nd - b._shape.length).fill(1), ...b._shape];
  // a as [a0, 1, a1, 1, ...], b as [1, b0, 1, b1, ...]: their product interleaves the dims.
  const ra = reshape(a, pa.flatMap((s) => [s, 1]));
  const rb = reshape(b, pb.flatMap((s) => [1, s]));
  return _unsafeView(mul(ra, rb), pa.map((s, i) => s * pb[i]));
}

// ---- ger / multi_dot / chain_matmul -----------------------------------------------------------
/** torch.ger (the old name of outer): a column view of `a` times `b`. */
export function ger(a: Tensor, b: Tensor): Tensor {
  if (a._shape.length !== 1 || b._shape.length !== 1) throw new RuntimeError(`outer: Expected 1-D argument self, but got ${a._shape.length}-D`);
  return mul(reshape(a, [a._shape[0], 1]), b);
}

/** The matrix-chain order PyTorch's multi_dot uses (cost comparison for 3, dynamic programming beyond). */
export function multi_dot(tensors: readonly Tensor[]): Tensor {
  const n = tensors.length;
  if (n < 2) throw new RuntimeError(`multi_dot(): expected at least 2 tensors but got ${n}`);
  const first = tensors[0], last = tensors[n - 1];
  tensors.forEach((t, i) => {
    const want = i === 0 || i === n - 1 ? [1, 2] : [2];
    if (!want.includes(t._shape.length)) {
      if (i === 0) throw new RuntimeError(`multi_dot(): the first tensor must be 1D or 2D but got ${t._shape.length}D`);
      if (i === n - 1) throw new RuntimeError(`multi_dot(): the last tensor must be 1D or 2D but got ${t._shape.length}D`);
      throw new RuntimeError(`multi_dot(): tensor ${i} must be 2D but got ${t._shape.length}D`);
    }
  });
  const mats = tensors.map((t, i) => (t._shape.length === 2 ? t : i === 0 ? unsqueeze(t, 0) : unsqueeze(t, 1)));
  for (let i = 0; i + 1 < n; i++) {
    if (mats[i]._shape[1] !== mats[i + 1]._shape[0]) {
      throw new RuntimeError(`multi_dot(): tensors ${i} and ${i + 1} with shapes [${tensors[i]._shape.join(", ")}] and [${tensors[i + 1]._shape.join(", ")}] cannot be multiplied`);
    }
  }
  let result: Tensor;
  if (n === 2) result = mm(mats[0], mats[1]);
  else if (n === 3) {
    const a = mats[0]._shape[0], b = mats[1]._shape[0], c = mats[2]._shape[0], d = mats[2]._shape[1];
    const cost1 = a * c * (b + d), cost2 = b * d * (a + c);
    result = cost1 > cost2 ? mm(mats[0], mm(mats[1], mats[2])) : mm(mm(mats[0], mats[1]), mats[2]);
  } else {
    const p = [...mats.map((m) => m._shape[0]), mats[n - 1]._shape[1]];
    const cost = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    const split = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (let len = 1; len < n; len++) {
      for (let i = 0; i + len < n; i++) {
        const j = i + len;
        cost[i][j] = Infinity;
        for (let k = i; k < j; k++) {
          const q = cost[i][k] + cost[k + 1][j] + p[i] * p[k + 1] * p[j + 1];
          if (q < cost[i][j]) { cost[i][j] = q; split[i][j] = k; }
        }
      }
    }
    const chain = (i: number, j: number): Tensor => (i === j ? mats[i] : mm(chain(i, split[i][j]), chain(split[i][j] + 1, j)));
    result = chain(0, n - 1);
  }
  const outShape = [...(first._shape.length === 2 ? [first._shape[0]] : []), ...(last._shape.length === 2 ? [last._shape[1]] : [])];
  return view(result, outShape);
}
export function chain_matmul(...matrices: (Tensor | Tensor[])[]): Tensor {
  const ms = matrices.length === 1 && Array.isArray(matrices[0]) ? matrices[0] : (matrices as Tensor[]);
  warnOnce("torch.chain_matmul is deprecated and will be removed in a future PyTorch release. Use torch.linalg.multi_dot instead, which accepts a list of two or more tensors rather than multiple parameters.");
  if (ms.length === 1) return ms[0].clone();
  ms.forEach((m) => { if (m._shape.length !== 2) throw new RuntimeError(`Tensor dimension is ${m._shape.length}, expected 2 instead.`); });
  return multi_dot(ms);
}

/** Dense float64 values of a tensor (used by the forward kernels of linalg ops). */
export function float64Values(t: Tensor): Float64Array {
  const d = readDense(t);
  return d instanceof Float64Array ? d : Float64Array.from(d);
}
