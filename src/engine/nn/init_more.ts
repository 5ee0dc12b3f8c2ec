// torch.nn.init's trunc_normal_, orthogonal_, sparse_ and dirac_ (PyTorch 1.13 algorithms, drawing
// from the engine's generator in the same order as PyTorch so seeded calls line up):
// - trunc_normal_: uniform_ on [2·Φ(a')-1, 2·Φ(b')-1], erfinv_, scale, shift, clamp. The erfinv
//   step follows ATen's calc_erfinv (rational start, two Newton steps) in the tensor's precision:
//   float32 values are PyTorch's bit for bit in all but about 1 in 10,000 elements.
// - orthogonal_: normal_ on a (rows, cols) matrix, then QR. PyTorch's QR is LAPACK's float32
//   sgeqrf; ours is Householder QR in float64 rounded once, so values agree to about 1e-6, not
//   bit for bit.
import { Tensor } from "../tensor";
import { no_grad } from "../autograd/index";
import { ValueError, warnOnce } from "../errors";
import { erf } from "../ops/special_fns";
import { erff } from "./erff";
import { householderQR } from "../ops/linalg_kernels";
import { readDense } from "../ops/loops";
import { randn, randperm } from "../creation";
import { arithFor, type Arith } from "../optim/arith";

/** Python's math.erf for Φ. */
const normCdf = (x: number): number => (1 + erf(x / Math.sqrt(2))) / 2;

/**
 * ATen's calc_erfinv<T> in the tensor's precision. Its x86-64 AVX2 build contracts `a*z + b` into
 * fused multiply-adds, so the polynomials use the dtype's fma, and std::erf on floats is glibc's
 * erff (./erff.ts). On 300k float32 samples 28 results differ from PyTorch's, by at most 3 ulps
 * (expf/logf taken as rounded doubles); with plain rounding and a double erf, 23% differed.
 */
export function calcErfinv(y: number, A: Arith): number {
  const r = A.r, m = A.fma;
  const a = [0.886226899, -1.645349621, 0.914624893, -0.140543331].map(r);
  const b = [-2.118377725, 1.442710462, -0.329097515, 0.012229801].map(r);
  const c = [-1.970840454, -1.624906493, 3.429567803, 1.641345311].map(r);
  const d = [3.5438892, 1.6370678].map(r);
  const ay = Math.abs(y);
  if (ay > 1) return NaN;
  if (ay === 1) return y > 0 ? Infinity : -Infinity;
  let x: number;
  if (ay <= r(0.7)) {
    const z = r(y * y);
    const num = m(m(m(a[3], z, a[2]), z, a[1]), z, a[0]);
    const dem = m(m(m(m(b[3], z, b[2]), z, b[1]), z, b[0]), z, 1);
    x = r(r(y * num) / dem);
  } else {
    const z = r(Math.sqrt(r(-r(Math.log(r(r(1 - ay) / 2))))));
    const num = m(m(m(c[3], z, c[2]), z, c[1]), z, c[0]);
    const dem = m(m(d[1], z, d[0]), z, 1);
    x = r((y < 0 || Object.is(y, -0) ? -Math.abs(num) : Math.abs(num)) / dem);
  }
  const k = r(2 / r(Math.sqrt(Math.PI)));
  const erfT = r === Math.fround ? erff : erf;
  for (let i = 0; i < 2; i++) x = r(x - r(r(erfT(x) - y) / r(k * r(Math.exp(r(-x * x))))));
  return x;
}

export interface TruncNormalOpts { mean?: number; std?: number; a?: number; b?: number }
/** trunc_normal_(tensor, mean=0., std=1., a=-2., b=2.). */
export function trunc_normal_(t: Tensor, mean: number | TruncNormalOpts = 0, std = 1, a = -2, b = 2): Tensor {
  const o = typeof mean === "object" ? { mean: mean.mean ?? 0, std: mean.std ?? 1, a: mean.a ?? -2, b: mean.b ?? 2 } : { mean, std, a, b };
  if (o.mean < o.a - 2 * o.std || o.mean > o.b + 2 * o.std) {
    warnOnce("mean is more than 2 std from [a, b] in nn.init.trunc_normal_. The distribution of values may be incorrect.");
  }
  return no_grad(() => {
    const l = normCdf((o.a - o.mean) / o.std), u = normCdf((o.b - o.mean) / o.std);
    t.uniform_(2 * l - 1, 2 * u - 1);
    const vals = readDense(t).slice();
    const A = arithFor(t._dtype.name);
    for (let i = 0; i < vals.length; i++) vals[i] = calcErfinv(vals[i], A);
    t.copy_(Tensor._make(vals, t._shape, t._dtype));
    t.mul_(o.std * Math.sqrt(2));
    t.add_(o.mean);
    t.clamp_(o.a, o.b);
    return t;
  });
}

/** orthogonal_(tensor, gain=1): a (semi-)orthogonal matrix from the QR of a normal draw. */
export function orthogonal_(t: Tensor, gain: number | { gain?: number } = 1): Tensor {
  const g = typeof gain === "object" ? gain.gain ?? 1 : gain;
  if (t.dim() < 2) throw new ValueError("Only tensors with 2 or more dimensions are supported");
  if (t.numel() === 0) return t;
  const rows = t._shape[0], cols = t.numel() / rows;
  return no_grad(() => {
    const flat = readDense(randn([rows, cols], { dtype: t._dtype }));
    // QR of the tall orientation: (rows, cols) itself, or its transpose when rows < cols.
    const [m, n] = rows < cols ? [cols, rows] : [rows, cols];
    const a = new Float64Array(m * n);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) {
      if (rows < cols) a[j * n + i] = flat[i * cols + j];
      else a[i * n + j] = flat[i * cols + j];
    }
    const { q, r } = householderQR(a, m, n, false);
    const k = Math.min(m, n);
    const out = t._dtype.alloc(rows * cols);
    for (let i = 0; i < m; i++) for (let j = 0; j < k; j++) {
      const d = r[j * n + j];
      const ph = d > 0 ? 1 : d < 0 ? -1 : 0; // d.sign()
      const v = q[i * k + j] * ph;
      if (rows < cols) out[j * cols + i] = v;
      else out[i * cols + j] = v;
    }
    t.copy_(Tensor._make(out, t._shape, t._dtype));
    t.mul_(g);
    return t;
  });
}

/** sparse_(tensor, sparsity, std=0.01): normal_(0, std), then per column zero ceil(sparsity·rows) rows from randperm. */
export function sparse_(t: Tensor, sparsity: number, std = 0.01): Tensor {
  if (t.dim() !== 2) throw new ValueError("Only tensors with 2 dimensions are supported");
  const [rows, cols] = t._shape;
  const numZeros = Math.ceil(sparsity * rows);
  return no_grad(() => {
    t.normal_(0, std);
    for (let c = 0; c < cols; c++) {
      const perm = readDense(randperm(rows));
      for (let k = 0; k < numZeros; k++) t.select(1, c).select(0, perm[k]).fill_(0);
    }
    return t;
  });
}

/** dirac_(tensor, groups=1): identity-preserving convolution weights (3, 4 or 5 dims). */
export function dirac_(t: Tensor, groups = 1): Tensor {
  const dims = t.dim();
  if (dims < 3 || dims > 5) throw new ValueError("Only tensors with 3, 4, or 5 dimensions are supported");
  const sizes = t._shape;
  if (sizes[0] % groups !== 0) throw new ValueError("dim 0 must be divisible by groups");
  const outPerGroup = sizes[0] / groups;
  const minDim = Math.min(outPerGroup, sizes[1]);
  return no_grad(() => {
    t.zero_();
    for (let g = 0; g < groups; g++) {
      for (let d = 0; d < minDim; d++) {
        let v = t.select(0, g * outPerGroup + d).select(0, d);
        for (let k = 2; k < dims; k++) v = v.select(0, Math.floor(sizes[k] / 2));
        v.fill_(1);
      }
    }
    return t;
  });
}
