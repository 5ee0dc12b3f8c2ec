// softmax / log_softmax as primitives (PyTorch records SoftmaxBackward0 / LogSoftmaxBackward0).
import { DType } from "../dtype";
import { Tensor } from "../tensor";
import { op1 } from "./define";
import { reduceLayout } from "./reduce";
import { wrapDim } from "../shape";
import { RuntimeError } from "../errors";
import { exp, mul, sub, zerosLike } from "./elementwise";
import { sum } from "./reduce";
import { elementOffsets } from "./loops";

/** Apply f to each 1-D slice along `dim`, writing results back in row-major order. */
function alongDim(a: Tensor, dim: number, dtype: DType, f: (src: Float64Array, dst: Float64Array) => void): Tensor {
  if (a._shape.length === 0) {
    // A 0-dim tensor is one slice of one element.
    const dst = new Float64Array(1);
    f(Float64Array.of(a._get(0)), dst);
    return Tensor._make(dtype.alloc(1).fill(dtype.cast(dst[0])), [], dtype);
  }
  const { inner, values } = reduceLayout(a, [dim], false);
  const nd = a._shape.length;
  const order = [...Array.from({ length: nd }, (_v, i) => i).filter((i) => i !== dim), dim];
  const permShape = order.map((d) => a._shape[d]);
  const res = new Float64Array(values.length);
  const src = new Float64Array(inner), dst = new Float64Array(inner);
  for (let s = 0; s < values.length; s += inner) {
    for (let i = 0; i < inner; i++) src[i] = values[s + i];
    f(src, dst);
    res.set(dst, s);
  }
  if (dim === nd - 1) {
    // The last dim: the permuted order is the row-major order.
    const out = dtype.alloc(res.length);
    for (let i = 0; i < res.length; i++) out[i] = dtype.cast(res[i]);
    return Tensor._make(out, a._shape, dtype);
  }
  // Undo the permutation: element at row-major position p of `a` sits at permuted position q.
  const permStrides = new Array<number>(nd);
  let acc = 1;
  for (let i = nd - 1; i >= 0; i--) { permStrides[i] = acc; acc *= permShape[i]; }
  const inv = new Array<number>(nd);
  order.forEach((d, i) => (inv[d] = i));
  const offs = elementOffsets(a._shape, a._shape.map((_s, d) => permStrides[inv[d]]), 0);
  const out = dtype.alloc(offs.length);
  for (let i = 0; i < offs.length; i++) out[i] = dtype.cast(res[offs[i]]);
  return Tensor._make(out, a._shape, dtype);
}

const softmaxOp = op1<{ dim: number; log: boolean }>("softmax", {
  name: (_i, p) => (p.log ? "LogSoftmaxBackward0" : "SoftmaxBackward0"),
  forward: ([a], p) => alongDim(a, p.dim, a._dtype, (x, y) => {
    let m = -Infinity;
    for (let i = 0; i < x.length; i++) if (x[i] > m) m = x[i];
    if (m === -Infinity) m = 0;
    let s = 0;
    for (let i = 0; i < x.length; i++) s += Math.exp(x[i] - m);
    if (p.log) { const ls = Math.log(s); for (let i = 0; i < x.length; i++) y[i] = x[i] - m - ls; }
    else for (let i = 0; i < x.length; i++) y[i] = Math.exp(x[i] - m) / s;
  }),
  save: (_i, [out]) => [["result", out]],
  backward: ([g], [y], p) => y._shape.length === 0
    ? [zerosLike(g)]
    : p.log
    ? [sub(g, mul(exp(y), sum(g, p.dim, true)))]
    : [mul(y, sub(g, sum(mul(g, y), p.dim, true)))],
});

function prep(a: Tensor, dim: number | undefined | null, dtype: DType | undefined, what: string): [Tensor, number] {
  if (dim === undefined || dim === null) {
    // PyTorch's legacy implicit-dim choice (with a deprecation warning in Python).
    dim = a._shape.length === 0 || a._shape.length === 1 || a._shape.length === 3 ? 0 : 1;
  }
  const src = dtype ? a.to(dtype) : a;
  if (!src._dtype.isFloatingPoint) throw new RuntimeError(`"${what}_lastdim_kernel_impl" not implemented for '${src._dtype.name === "int64" ? "Long" : "Bool"}'`);
  return [src, a._shape.length === 0 ? 0 : wrapDim(dim, a._shape.length)];
}
export interface SoftmaxOpts { dim?: number; dtype?: DType }
function parseArgs(dim?: number | SoftmaxOpts | null, opts?: SoftmaxOpts): SoftmaxOpts {
  return typeof dim === "object" && dim !== null ? dim : { ...opts, dim: dim ?? opts?.dim };
}
export function softmax(a: Tensor, dim?: number | SoftmaxOpts | null, opts?: SoftmaxOpts): Tensor {
  const o = parseArgs(dim, opts);
  const [src, d] = prep(a, o.dim, o.dtype, "softmax");
  return softmaxOp([src], { dim: d, log: false });
}
export function log_softmax(a: Tensor, dim?: number | SoftmaxOpts | null, opts?: SoftmaxOpts): Tensor {
  const o = parseArgs(dim, opts);
  const [src, d] = prep(a, o.dim, o.dtype, "log_softmax");
  return softmaxOp([src], { dim: d, log: true });
}
