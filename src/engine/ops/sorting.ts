// Sorting and selection: sort, argsort, msort, topk, kthvalue, median, nanmedian, mode, unique,
// searchsorted, bucketize. Values and int64 indices come back as PyTorch's named tuples
// (ReturnTypes, destructurable as [values, indices]); gradients flow to the selected elements.
import { Tensor } from "../tensor";
import { bool, int64 } from "../dtype";
import { op1, defineOp, opRegistry } from "./define";
import { readDense } from "./loops";
import { numelOf, wrapDim } from "../shape";
import { NotImplementedError, RuntimeError, TorchTypeError } from "../errors";
import { div, eq, isnan, maskGrad } from "./elementwise";
import { unsqueeze } from "./views";
import { ReturnTypes, sum } from "./reduce";
import { scatter } from "./scatter";
import { isOpts, linesOf } from "./math_common";
import { zeros } from "../creation";
import { asTensor } from "./scalar";
import { isScalar, Scalar } from "../float_literal";

/** Ascending order with NaN last (descending: NaN first), stable: PyTorch's CPU sort. */
function order(vals: ArrayLike<number>, descending: boolean): number[] {
  const n = vals.length;
  let hasNan = false;
  for (let i = 0; i < n; i++) if (vals[i] !== vals[i]) { hasNan = true; break; }
  if (!hasNan) {
    // The common case: a numeric comparator on a typed index array (ties by index keep it stable).
    const v = Float64Array.from(vals as ArrayLike<number>);
    const idx = new Uint32Array(n);
    for (let i = 0; i < n; i++) idx[i] = i;
    if (descending) idx.sort((i, j) => v[j] - v[i] || i - j);
    else idx.sort((i, j) => v[i] - v[j] || i - j);
    return Array.from(idx);
  }
  const idx = Array.from({ length: n }, (_v, i) => i);
  idx.sort((i, j) => {
    const a = vals[i], b = vals[j];
    const an = a !== a, bn = b !== b;
    if (an || bn) return an && bn ? i - j : an ? (descending ? -1 : 1) : (descending ? 1 : -1);
    if (a === b) return i - j;
    return (a < b) !== descending ? -1 : 1;
  });
  return idx;
}
/**
 * The first k positions of order(vals, descending), without sorting the whole line when k is small:
 * an insertion buffer of the best k so far (a later equal value goes after the earlier one: stable).
 */
function firstK(vals: ArrayLike<number>, k: number, descending: boolean): number[] {
  const n = vals.length;
  if (k * 8 > n) return order(vals, descending).slice(0, k);
  for (let i = 0; i < n; i++) if (vals[i] !== vals[i]) return order(vals, descending).slice(0, k);
  const bv = new Float64Array(k + 1), bi = new Int32Array(k + 1);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = vals[i];
    if (m === k && (descending ? v <= bv[k - 1] : v >= bv[k - 1])) continue;
    let j = m < k ? m++ : k - 1;
    while (j > 0 && (descending ? bv[j - 1] < v : bv[j - 1] > v)) { bv[j] = bv[j - 1]; bi[j] = bi[j - 1]; j--; }
    bv[j] = v; bi[j] = i;
  }
  return Array.from(bi.subarray(0, k));
}
/** For each line along `dim`: `pick(sorted line) -> [positions]`; outputs keep the line length `k`. */
function selectLines(a: Tensor, dim: number, k: number, pick: (vals: number[]) => number[]): [Tensor, Tensor] {
  const shape = a._shape.length === 0 ? [] : a._shape.map((s, i) => (i === dim ? k : s));
  const L = linesOf(a._shape, dim), Lo = linesOf(shape, dim);
  const src = readDense(a);
  const vals = a._dtype.alloc(numelOf(shape)), idx = new Float64Array(numelOf(shape));
  const line = new Array<number>(L.n);
  for (let o = 0; o < L.outer; o++) {
    for (let i = 0; i < L.n; i++) line[i] = src[L.at(o, i)];
    const chosen = pick(line);
    for (let i = 0; i < k; i++) { vals[Lo.at(o, i)] = line[chosen[i]]; idx[Lo.at(o, i)] = chosen[i]; }
  }
  return [Tensor._make(vals, shape, a._dtype), Tensor._make(idx, shape, int64)];
}
/** The gradient of a selection: `g` written at `indices` along `dim` into zeros of the input's shape. */
function selectBackward(g: Tensor, indices: Tensor, shape: number[], dim: number, keepdim: boolean): Tensor {
  if (shape.length === 0) return g;
  const gi = keepdim ? g : unsqueeze(g, dim), ii = keepdim ? indices : unsqueeze(indices, dim);
  return scatter(zeros(shape, { dtype: g._dtype }), dim, ii, gi);
}
/** One line reduced to one element (kthvalue, median(dim), mode): values and indices without `dim` unless keepdim. */
function reduceSelect(a: Tensor, dim: number, keepdim: boolean, pick: (vals: number[]) => number): [Tensor, Tensor] {
  const [v, i] = selectLines(a, dim, 1, (line) => [pick(line)]);
  if (keepdim || a._shape.length === 0) return [v, i];
  const shape = a._shape.filter((_s, k) => k !== dim);
  return [Tensor._make(v._storage.data, shape, a._dtype), Tensor._make(i._storage.data, shape, int64)];
}

// ---- sort / argsort / msort -----------------------------------------------------------------
interface SortP { dim: number; descending: boolean; k: number; keepdim: boolean; name: string; kind: "sort" | "topk" | "reduce"; pick?: (v: number[]) => number }
const selectOp = defineOp<SortP>("sort", {
  name: (_i, p) => p.name,
  forward: ([a], p) => {
    if (p.kind === "reduce") return reduceSelect(a, p.dim, p.keepdim, p.pick as (v: number[]) => number);
    if (p.kind === "topk") return selectLines(a, p.dim, p.k, (line) => firstK(line, p.k, p.descending));
    return selectLines(a, p.dim, p.k, (line) => order(line, p.descending));
  },
  save: (_i, [, indices]) => [["indices", indices]],
  nonDifferentiableOutputs: [1],
  backward: ([g], [indices], p, [inp]) => [selectBackward(g, indices, inp.shape, p.dim, p.kind !== "reduce" || p.keepdim)],
});
export interface SortOpts { dim?: number; descending?: boolean; stable?: boolean | null }
function sortArgs(name: "sort" | "argsort", dim?: number | boolean | SortOpts, descending?: boolean): { dim: number; descending: boolean; stable?: boolean | null } {
  if (isOpts(dim)) return { dim: (dim as SortOpts).dim ?? -1, descending: (dim as SortOpts).descending ?? false, stable: (dim as SortOpts).stable };
  // PyTorch has no overload taking a bool first (descending is the second positional argument).
  if (typeof dim === "boolean") {
    const forms = name === "sort"
      ? " * (*, bool stable, int dim, bool descending)\n * (int dim, bool descending)\n * (*, bool stable, name dim, bool descending)\n * (name dim, bool descending)\n"
      : " * (*, bool stable, int dim, bool descending)\n * (int dim, bool descending)\n * (name dim, bool descending)\n";
    throw new TorchTypeError(`${name}() received an invalid combination of arguments - got (bool), but expected one of:\n${forms}`);
  }
  return { dim: dim ?? -1, descending: descending ?? false };
}
export function sort(a: Tensor, dim?: number | boolean | SortOpts, descending?: boolean): ReturnTypes {
  const o = sortArgs("sort", dim, descending);
  const d = wrapDim(o.dim, a._shape.length);
  const k = a._shape.length === 0 ? 1 : a._shape[d];
  // sort(stable=...) is the sort.stable overload: SortBackward1.
  const name = o.stable === undefined ? "SortBackward0" : "SortBackward1";
  const [values, indices] = selectOp([a], { dim: d, descending: o.descending, k, keepdim: true, name, kind: "sort" });
  return new ReturnTypes("sort", values, indices);
}
export function argsort(a: Tensor, dim?: number | boolean | SortOpts, descending?: boolean): Tensor {
  const o = sortArgs("argsort", dim, descending);
  const d = wrapDim(o.dim, a._shape.length);
  return selectLines(a, d, a._shape.length === 0 ? 1 : a._shape[d], (line) => order(line, o.descending))[1];
}
export function msort(a: Tensor): Tensor { return sort(a, 0).values; }

// ---- topk / kthvalue -------------------------------------------------------------------------
export interface TopkOpts { k?: number; dim?: number; largest?: boolean; sorted?: boolean }
export function topk(a: Tensor, k: number | TopkOpts, dim?: number | TopkOpts, largest?: boolean, sorted?: boolean): ReturnTypes {
  let o: TopkOpts = { dim: dim as number | undefined, largest, sorted };
  if (isOpts(k)) { o = k as TopkOpts; k = o.k as number; }
  else if (isOpts(dim)) o = dim as TopkOpts;
  const d = wrapDim(o.dim ?? -1, a._shape.length);
  const n = a._shape.length === 0 ? 1 : a._shape[d];
  if (a._dtype === bool) throw new RuntimeError(`"topk_cpu" not implemented for 'Bool'`);
  if (k < 0 || k > n) throw new RuntimeError("selected index k out of range");
  const [values, indices] = selectOp([a], { dim: d, descending: o.largest ?? true, k, keepdim: true, name: "TopkBackward0", kind: "topk" });
  return new ReturnTypes("topk", values, indices);
}
type DimKeep = { dim?: number; keepdim?: boolean };
function dimKeep(dim?: number | DimKeep, keepdim?: boolean): { dim: number; keepdim: boolean } {
  if (isOpts(dim)) return { dim: (dim as DimKeep).dim ?? -1, keepdim: (dim as DimKeep).keepdim ?? false };
  return { dim: (dim as number | undefined) ?? -1, keepdim: keepdim ?? false };
}
export function kthvalue(a: Tensor, k: number, dim?: number | DimKeep, keepdim?: boolean): ReturnTypes {
  const o = dimKeep(dim, keepdim);
  const d = wrapDim(o.dim, a._shape.length);
  const n = a._shape.length === 0 ? 1 : a._shape[d];
  if (k < 1 || k > n) throw new RuntimeError(`kthvalue(): selected number k out of range for dimension ${d}`);
  const [values, indices] = selectOp([a], { dim: d, descending: false, k: 1, keepdim: o.keepdim, name: "KthvalueBackward0", kind: "reduce", pick: (line) => order(line, false)[k - 1] });
  return new ReturnTypes("kthvalue", values, indices);
}

// ---- median / nanmedian / mode ------------------------------------------------------------------
function medianPick(ignoreNan: boolean): (line: number[]) => number {
  return (line) => {
    const nanAt = line.findIndex((v) => v !== v);
    if (nanAt >= 0 && !ignoreNan) return nanAt;
    const sorted = order(line, false);
    const valid = line.length - line.filter((v) => v !== v).length;
    if (valid === 0) return sorted[0];
    return sorted[Math.floor((valid - 1) / 2)];
  };
}
const medianAllOp = op1<{ ignoreNan: boolean }>("median_all", {
  name: (_i, p) => (p.ignoreNan ? "NanmedianBackward0" : "MedianBackward0"),
  forward: ([a], p) => {
    const v = Array.from(readDense(a));
    const out = a._dtype.alloc(1);
    out[0] = v.length === 0 ? NaN : v[medianPick(p.ignoreNan)(v)];
    return Tensor._make(out, [], a._dtype);
  },
  save: ([a], [out]) => [["self", a], ["result", out]],
  // PyTorch's evenly_distribute_backward: ties share the gradient.
  backward: ([g], [a, out]) => {
    const mask = Number.isNaN(Number(out._get(0))) ? isnan(a) : eq(a, out);
    return [maskGrad(mask, div(g, sum(mask)))];
  },
});
function medianImpl(a: Tensor, ignoreNan: boolean, dim?: number | DimKeep, keepdim?: boolean): Tensor | ReturnTypes {
  const name = ignoreNan ? "nanmedian" : "median";
  if (dim === undefined) {
    return medianAllOp([a], { ignoreNan });
  }
  const o = dimKeep(dim, keepdim);
  const d = wrapDim(o.dim, a._shape.length);
  const [values, indices] = selectOp([a], { dim: d, descending: false, k: 1, keepdim: o.keepdim, name: ignoreNan ? "NanmedianBackward1" : "MedianBackward1", kind: "reduce", pick: medianPick(ignoreNan) });
  return new ReturnTypes(name, values, indices);
}
export function median(a: Tensor): Tensor;
export function median(a: Tensor, dim: number | DimKeep, keepdim?: boolean): ReturnTypes;
export function median(a: Tensor, dim?: number | DimKeep, keepdim?: boolean): Tensor | ReturnTypes { return medianImpl(a, false, dim, keepdim); }
export function nanmedian(a: Tensor): Tensor;
export function nanmedian(a: Tensor, dim: number | DimKeep, keepdim?: boolean): ReturnTypes;
export function nanmedian(a: Tensor, dim?: number | DimKeep, keepdim?: boolean): Tensor | ReturnTypes { return medianImpl(a, true, dim, keepdim); }
/** The most frequent value (the smallest among equally frequent ones) and its last index. */
function modePick(line: number[]): number {
  const sorted = order(line, false);
  let best = -1, bestCount = 0;
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j < sorted.length && (line[sorted[j]] === line[sorted[i]] || (line[sorted[j]] !== line[sorted[j]] && line[sorted[i]] !== line[sorted[i]]))) j++;
    if (j - i > bestCount) { bestCount = j - i; best = sorted[j - 1]; }
    i = j;
  }
  return best < 0 ? 0 : best;
}
export function mode(a: Tensor, dim?: number | DimKeep, keepdim?: boolean): ReturnTypes {
  const o = dimKeep(dim, keepdim);
  const d = wrapDim(o.dim, a._shape.length);
  const [values, indices] = selectOp([a], { dim: d, descending: false, k: 1, keepdim: o.keepdim, name: "ModeBackward0", kind: "reduce", pick: modePick });
  return new ReturnTypes("mode", values, indices);
}

// ---- unique ------------------------------------------------------------------------------------
/** PyTorch records unique's node but has no derivative for it: backward through it fails. */
const uniqueOp = op1<{ name: string; fn: string; values: Tensor }>("unique", {
  name: (_i, p) => p.name,
  forward: (_a, p) => p.values,
  backward: (_g, _s, p) => { throw new NotImplementedError(`the derivative for '${p.fn}' is not implemented.`); },
});
// PyTorch records the node but has no derivative: there is nothing for the gradient check to compare.
opRegistry.delete("unique");
export interface UniqueOpts { sorted?: boolean; return_inverse?: boolean; return_counts?: boolean; dim?: number | null }
export function unique(a: Tensor, sorted: boolean | UniqueOpts = true, return_inverse = false, return_counts = false, dim: number | null = null): Tensor | Tensor[] {
  if (isOpts(sorted)) {
    const o = sorted as UniqueOpts;
    return_inverse = o.return_inverse ?? false; return_counts = o.return_counts ?? false; dim = o.dim ?? null;
  }
  const src = readDense(a);
  let values: Tensor, inverse: Tensor, counts: Tensor;
  if (dim === null || dim === undefined) {
    // Sorted values (NaN last, each NaN its own entry as in PyTorch), then each element's slot by binary search.
    const sorted = Float64Array.from(src).sort();
    const uniq: number[] = [];
    for (let i = 0; i < sorted.length; i++) if (uniq.length === 0 || !(uniq[uniq.length - 1] === sorted[i])) uniq.push(sorted[i]);
    const firstNan = uniq.findIndex((v) => v !== v);
    const nanBase = firstNan < 0 ? uniq.length : firstNan;
    const cnt = new Array<number>(uniq.length).fill(0), inv = new Float64Array(src.length);
    let nanSeen = 0;
    for (let i = 0; i < src.length; i++) {
      const v = src[i];
      let slot: number;
      if (v !== v) slot = nanBase + nanSeen++;
      else {
        let lo = 0, hi = nanBase - 1;
        while (lo < hi) { const mid = (lo + hi) >> 1; if (uniq[mid] < v) lo = mid + 1; else hi = mid; }
        slot = lo;
      }
      inv[i] = slot;
      cnt[slot]++;
    }
    const vd = a._dtype.alloc(uniq.length);
    uniq.forEach((v, i) => (vd[i] = v));
    values = Tensor._make(vd, [uniq.length], a._dtype);
    inverse = Tensor._make(inv, a._shape, int64);
    counts = Tensor._make(Float64Array.from(cnt), [cnt.length], int64);
  } else {
    const d = wrapDim(dim, a._shape.length);
    const n = a._shape[d];
    const L = linesOf(a._shape, d);
    // Slices along dim, compared lexicographically (row-major over the other dims).
    const slices = Array.from({ length: n }, (_v, i) => Array.from({ length: L.outer }, (_w, o) => src[L.at(o, i)]));
    const cmp = (x: number[], y: number[]) => { for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) return x[k] < y[k] ? -1 : 1; return 0; };
    const ord = slices.map((_s, i) => i).sort((i, j) => cmp(slices[i], slices[j]) || i - j);
    const groups: number[] = [], cnt: number[] = [], inv = new Float64Array(n);
    for (const i of ord) {
      if (groups.length === 0 || cmp(slices[groups[groups.length - 1]], slices[i]) !== 0) { groups.push(i); cnt.push(0); }
      cnt[cnt.length - 1]++;
      inv[i] = groups.length - 1;
    }
    const shape = a._shape.map((s, k) => (k === d ? groups.length : s));
    const Lo = linesOf(shape, d);
    const vd = a._dtype.alloc(numelOf(shape));
    groups.forEach((gi, k) => { for (let o = 0; o < L.outer; o++) vd[Lo.at(o, k)] = slices[gi][o]; });
    values = Tensor._make(vd, shape, a._dtype);
    inverse = Tensor._make(inv, [n], int64);
    counts = Tensor._make(Float64Array.from(cnt), [cnt.length], int64);
  }
  const named = dim === null || dim === undefined ? { name: "Unique2Backward0", fn: "_unique2" } : { name: "UniqueDimBackward0", fn: "unique_dim" };
  const out = a.requires_grad ? uniqueOp([a], { ...named, values }) : values;
  if (!return_inverse && !return_counts) return out;
  return [out, ...(return_inverse ? [inverse] : []), ...(return_counts ? [counts] : [])];
}

// ---- searchsorted / bucketize --------------------------------------------------------------------
function searchLine(seq: ArrayLike<number>, start: number, n: number, v: number, right: boolean): number {
  let lo = 0, hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const s = seq[start + mid];
    const goRight = right ? !(s > v) : s < v;
    if (goRight) lo = mid + 1; else hi = mid;
  }
  return lo;
}
export interface SearchOpts { right?: boolean; side?: "left" | "right" | null; out_int32?: boolean; sorter?: Tensor | null }
export function searchsorted(sorted_sequence: Tensor, values: Tensor | Scalar, opts: SearchOpts = {}): Tensor {
  if (opts.side && opts.right === true && opts.side === "left") {
    throw new RuntimeError("torch.searchsorted(): side and right can't be set to opposites, got side of left while right was True");
  }
  const right = opts.side ? opts.side === "right" : opts.right ?? false;
  const v = values instanceof Tensor ? values : asTensor(isScalar(values) ? values : 0, sorted_sequence._dtype);
  const seqShape = sorted_sequence._shape;
  if (seqShape.length > 1 && (v._shape.length !== seqShape.length || v._shape.slice(0, -1).some((s, i) => s !== seqShape[i]))) {
    throw new RuntimeError(`torch.searchsorted(): boundaries tensor should be 1 dimension or the first N-1 dimensions of boundaries tensor and input value tensor must match, but we got boundaries tensor [${seqShape.join(", ")}] and input value tensor [${v._shape.join(", ")}]`);
  }
  let seq = readDense(sorted_sequence);
  const n = seqShape.length === 0 ? 1 : seqShape[seqShape.length - 1];
  if (opts.sorter) {
    const so = readDense(opts.sorter), sorted = new Float64Array(seq.length);
    for (let i = 0; i < seq.length; i++) sorted[i] = seq[Math.floor(i / n) * n + so[i]];
    seq = sorted;
  }
  const vals = readDense(v);
  const m = v._shape.length === 0 ? 1 : v._shape[v._shape.length - 1];
  const out = new Float64Array(vals.length);
  for (let i = 0; i < vals.length; i++) {
    const line = seqShape.length > 1 ? Math.floor(i / m) : 0;
    out[i] = searchLine(seq, line * n, n, vals[i], right);
  }
  return Tensor._make(out, v._shape, int64);
}
export function bucketize(input: Tensor | Scalar, boundaries: Tensor, opts: { right?: boolean; out_int32?: boolean } = {}): Tensor {
  if (boundaries._shape.length !== 1) throw new RuntimeError(`boundaries tensor must be 1 dimension, but got dim(${boundaries._shape.length})`);
  return searchsorted(boundaries, input, { right: opts.right ?? false });
}
void bool;
