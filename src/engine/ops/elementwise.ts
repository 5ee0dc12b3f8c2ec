// Pointwise ops: each declared once with its PyTorch grad_fn name, forward kernel and gradient.
// Backward formulas are written with these same ops, so create_graph gives higher-order grads.
import { DType, bool, float32, float64, int64, get_default_dtype } from "../dtype";
import { Tensor } from "../tensor";
import { op1 } from "./define";
import { isDense, mapBinary, mapTernary, mapUnary } from "./loops";
import { binaryContiguous, reluBackwardContiguous, reluContiguous, scalarContiguous, type BinaryOp } from "../kernels";
import { Operand, asTensor, resultTypeOf, scalarTensor } from "./scalar";
import { RuntimeError } from "../errors";
import { isScalar, scalarValue, Scalar } from "../float_literal";
import { is_grad_enabled } from "../autograd/grad_mode";

const f32 = Math.fround;
/** Zeros shaped like `g` (PyTorch's zeros_like(grad): +0, never the -0 that `g * 0` gives). */
export function zerosLike(g: Tensor): Tensor { return Tensor._make(g._dtype.alloc(g.numel()), g._shape, g._dtype); }
/** `mask ? g : 0`, PyTorch's masked gradient (masked_fill keeps +0 where `g * mask` would give -0). */
export function maskGrad(mask: Tensor, g: Tensor): Tensor { return where(mask, g, scalarTensor(0, g._dtype)); }
/** Round per dtype so float32 results equal what PyTorch's float32 kernels store. */
function rounder(d: DType): (x: number) => number {
  return d === float32 ? f32 : d.name === "int64" ? Math.trunc : d === bool ? (x) => (x ? 1 : 0) : (x) => x;
}
const floatOf = (d: DType): DType => (d.isFloatingPoint ? d : get_default_dtype());

// ---- binary arithmetic -----------------------------------------------------------------
interface BinaryParams { dtype: DType; alpha: number }

function binary(key: string, name: string, f: (x: number, y: number, alpha: number) => number,
  backward: (g: Tensor, a: Tensor, b: Tensor, p: BinaryParams) => [Tensor | null, Tensor | null],
  saves: "none" | "both" | "a" | "b" = "both", kernel?: BinaryOp) {
  return op1<BinaryParams>(key, {
    name,
    forward: ([a, b], p) => {
      if (kernel && p.dtype.isFloatingPoint) {
        const fast = fastBinary(kernel, a, b, p);
        if (fast) return fast;
      }
      const r = rounder(p.dtype);
      return mapBinary(a, b, p.dtype, (x, y) => r(f(x, y, p.alpha)));
    },
    save: saves === "none" ? undefined : ([a, b]) => (saves === "both" ? [["self", a], ["other", b]] : saves === "a" ? [["self", a]] : [["other", b]]),
    backward: ([g], saved, p) => {
      const a = saves === "both" || saves === "a" ? saved[0] : null;
      const b = saves === "both" ? saved[1] : saves === "b" ? saved[0] : null;
      return backward(g, a as Tensor, b as Tensor, p);
    },
  });
}

/**
 * Contiguous float fast path through the kernel layer (WebAssembly SIMD for float32): same-shape
 * dense operands, or a dense tensor and a one-element operand. IEEE add/sub/mul/div round the same
 * in float32 SIMD as fround of the double result, so results are identical to the generic loop.
 */
function fastBinary(op: BinaryOp, a: Tensor, b: Tensor, p: BinaryParams): Tensor | null {
  if (a._dtype !== p.dtype || b._dtype !== p.dtype || p.alpha !== 1) return null;
  const n = a.numel();
  if (n < 64 || !isDense(a)) return null;
  const out = p.dtype.alloc(n);
  if (isDense(b) && b._shape.length === a._shape.length && b._shape.every((d, i) => d === a._shape[i])) {
    binaryContiguous(op, n, a._storage.data as Float32Array, 0, b._storage.data as Float32Array, 0, out as Float32Array, 0);
  } else if (b.numel() === 1 && b._shape.length <= a._shape.length) {
    scalarContiguous(op, n, a._storage.data as Float32Array, 0, b._storage.data[b._offset], out as Float32Array, 0);
  } else {
    const how = lastDimBroadcast(a, b);
    if (how === null) return null;
    broadcastLoop(op, how, n, a._shape[a._shape.length - 1], a._storage.data as Float32Array | Float64Array,
      b._storage.data as Float32Array | Float64Array, b._offset, out as Float32Array | Float64Array);
  }
  return Tensor._make(out, a._shape, p.dtype);
}

/**
 * How a contiguous b broadcasts against a dense a of the result's shape along a's last dim:
 * "perRow" when b is a's shape with the last dim 1 (softmax's keepdim sums), "row" when b is a
 * row of a's last dim (a bias). Null otherwise.
 */
function lastDimBroadcast(a: Tensor, b: Tensor): "perRow" | "row" | null {
  const as = a._shape, bs = b._shape, nd = as.length;
  if (nd < 2 || bs.length > nd || !b.is_contiguous()) return null;
  const lead = nd - bs.length;
  const dimB = (i: number) => (i < lead ? 1 : bs[i - lead]);
  let perRow = dimB(nd - 1) === 1, row = dimB(nd - 1) === as[nd - 1];
  for (let i = 0; i < nd - 1; i++) {
    if (dimB(i) !== as[i]) perRow = false;
    if (dimB(i) !== 1) row = false;
  }
  return perRow ? "perRow" : row ? "row" : null;
}

/** out = a (op) b with b one value per row of a (perRow) or one row repeated (row); rounds on store. */
function broadcastLoop(op: BinaryOp, how: "perRow" | "row", n: number, cols: number, a: Float32Array | Float64Array,
  b: Float32Array | Float64Array, bo: number, out: Float32Array | Float64Array): void {
  for (let base = 0, r = 0; base < n; base += cols, r++) {
    const end = base + cols;
    if (how === "perRow") {
      const y = b[bo + r];
      switch (op) {
        case "add": for (let i = base; i < end; i++) out[i] = a[i] + y; break;
        case "sub": for (let i = base; i < end; i++) out[i] = a[i] - y; break;
        case "mul": for (let i = base; i < end; i++) out[i] = a[i] * y; break;
        case "div": for (let i = base; i < end; i++) out[i] = a[i] / y; break;
      }
    } else {
      const o = bo - base;
      switch (op) {
        case "add": for (let i = base; i < end; i++) out[i] = a[i] + b[o + i]; break;
        case "sub": for (let i = base; i < end; i++) out[i] = a[i] - b[o + i]; break;
        case "mul": for (let i = base; i < end; i++) out[i] = a[i] * b[o + i]; break;
        case "div": for (let i = base; i < end; i++) out[i] = a[i] / b[o + i]; break;
      }
    }
  }
}

const addOp = binary("add", "AddBackward0", (x, y, al) => x + al * y, (g, _a, _b, p) => [g, p.alpha === 1 ? g : mul(g, p.alpha)], "none", "add");
const subOp = binary("sub", "SubBackward0", (x, y, al) => x - al * y, (g, _a, _b, p) => [g, mul(g, -p.alpha)], "none", "sub");
const mulOp = binary("mul", "MulBackward0", (x, y) => x * y, (g, a, b) => [mul(g, b), mul(g, a)], "both", "mul");
const divGrad = (g: Tensor, a: Tensor, b: Tensor): [Tensor, Tensor] => [div(g, b), neg(div(mul(g, a), mul(b, b)))];
const divOp = binary("div", "DivBackward0", (x, y) => x / y, divGrad, "both", "div");
const divModeNoneOp = binary("div_mode_none", "DivBackward2", (x, y) => x / y, divGrad);

function checkAlpha(alpha: number, dtype: DType): void {
  if (!dtype.isFloatingPoint && !Number.isInteger(alpha)) {
    throw new RuntimeError("For integral input tensors, argument alpha must not be a floating point number.");
  }
}

export function add(a: Operand, b: Operand, opts?: { alpha?: number } | number): Tensor {
  const alpha = typeof opts === "number" ? opts : opts?.alpha ?? 1;
  const dtype = resultTypeOf(a, b);
  if (dtype === bool && alpha !== 1) throw new RuntimeError("Boolean alpha only supported for Boolean results.");
  checkAlpha(alpha, dtype);
  if (dtype === bool) return logicalOr(asTensor(a, dtype), asTensor(b, dtype));
  return addOp([asTensor(a, dtype), asTensor(b, dtype)], { dtype, alpha });
}
export function sub(a: Operand, b: Operand, opts?: { alpha?: number } | number): Tensor {
  const alpha = typeof opts === "number" ? opts : opts?.alpha ?? 1;
  const dtype = resultTypeOf(a, b);
  const isBoolT = (o: Operand) => o instanceof Tensor && o._dtype === bool;
  if (isBoolT(a) && isBoolT(b)) {
    throw new RuntimeError("Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.");
  }
  if (isBoolT(a) || isBoolT(b)) {
    throw new RuntimeError("Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.");
  }
  checkAlpha(alpha, dtype);
  return subOp([asTensor(a, dtype), asTensor(b, dtype)], { dtype, alpha });
}
export function mul(a: Operand, b: Operand): Tensor {
  const dtype = resultTypeOf(a, b);
  return mulOp([asTensor(a, dtype), asTensor(b, dtype)], { dtype, alpha: 1 });
}
export function div(a: Operand, b: Operand, opts?: { rounding_mode?: "trunc" | "floor" | null }): Tensor {
  const mode = opts?.rounding_mode ?? null;
  if (mode !== null && mode !== "trunc" && mode !== "floor") {
    throw new RuntimeError(`div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '${String(mode)}'`);
  }
  const common = resultTypeOf(a, b);
  if (mode === null) {
    const dtype = floatOf(common);
    // An explicit rounding_mode=None selects div.Tensor_mode, which PyTorch records as DivBackward2.
    const explicit = opts !== undefined && "rounding_mode" in opts;
    return (explicit ? divModeNoneOp : divOp)([asTensor(a, dtype), asTensor(b, dtype)], { dtype, alpha: 1 });
  }
  const ta = asTensor(a, common), tb = asTensor(b, common);
  return roundingDivOp([ta, tb], { dtype: common, mode });
}
const roundingDivOp = op1<{ dtype: DType; mode: "trunc" | "floor" }>("div_rounding", {
  name: "DivBackward2",
  forward: ([a, b], p) => {
    const r = rounder(p.dtype);
    if (!p.dtype.isFloatingPoint) {
      return mapBinary(a, b, p.dtype, (x, y) => {
        if (y === 0) throw new RuntimeError("ZeroDivisionError");
        return p.mode === "trunc" ? Math.trunc(x / y) : Math.floor(x / y);
      });
    }
    return mapBinary(a, b, p.dtype, (x, y) => r(p.mode === "trunc" ? Math.trunc(x / y) : Math.floor(x / y)));
  },
  backward: ([g]) => [zerosLike(g), zerosLike(g)],
});
/** `other - self*alpha`, what `2 - x` calls. */
export function rsub(a: Operand, b: Operand, opts?: { alpha?: number }): Tensor {
  const alpha = opts?.alpha ?? 1;
  const dtype = resultTypeOf(a, b);
  if (isScalar(b) && a instanceof Tensor) {
    return rsubScalarOp([a], { dtype, alpha, other: scalarValue(b) });
  }
  return rsubTensorOp([asTensor(a, dtype), asTensor(b, dtype)], { dtype, alpha });
}
const rsubTensorOp = binary("rsub_tensor", "RsubBackward0", (x, y, al) => y - al * x, (g, _a, _b, p) => [mul(g, -p.alpha), g], "none");
const rsubScalarOp = op1<{ dtype: DType; alpha: number; other: number }>("rsub_scalar", {
  name: "RsubBackward1",
  forward: ([a], p) => {
    const r = rounder(p.dtype);
    return mapUnary(a, p.dtype, (x) => r(p.other - p.alpha * x));
  },
  backward: ([g], _s, p) => [mul(g, -p.alpha)],
});

export function true_divide(a: Operand, b: Operand): Tensor { return div(a, b); }
export function floor_divide(a: Operand, b: Operand): Tensor { return div(a, b, { rounding_mode: "floor" }); }
export function remainder(a: Operand, b: Operand): Tensor {
  const dtype = resultTypeOf(a, b);
  return remainderOp([asTensor(a, dtype), asTensor(b, dtype)], { dtype });
}
const remainderOp = op1<{ dtype: DType }>("remainder", {
  name: "RemainderBackward0",
  forward: ([a, b], p) => {
    const r = rounder(p.dtype);
    return mapBinary(a, b, p.dtype, (x, y) => r(x - Math.floor(x / y) * y));
  },
  save: ([a, b]) => [["self", a], ["other", b]],
  backward: ([g], [a, b]) => [g, neg(mul(g, floor_divide(a, b)))],
});

// ---- pow -------------------------------------------------------------------------------
const powScalarOp = op1<{ dtype: DType; exponent: number }>("pow_scalar", {
  name: "PowBackward0",
  forward: ([a], p) => {
    const r = rounder(p.dtype);
    if (!p.dtype.isFloatingPoint && p.exponent < 0) {
      throw new RuntimeError("Integers to negative integer powers are not allowed.");
    }
    return mapUnary(a, p.dtype, (x) => r(p.exponent === 2 ? x * x : p.exponent === 0.5 ? Math.sqrt(x) : Math.pow(x, p.exponent)));
  },
  save: ([a]) => [["self", a]],
  backward: ([g], [a], p) => (p.exponent === 0 ? [zerosLike(g)] : [mul(g, mul(pow(a, p.exponent - 1), p.exponent))]),
});
const powTensorOp = op1<{ dtype: DType }>("pow_tensor", {
  name: "PowBackward1",
  forward: ([a, b], p) => {
    const r = rounder(p.dtype);
    return mapBinary(a, b, p.dtype, (x, y) => r(Math.pow(x, y)));
  },
  save: ([a, b], [out]) => [["self", a], ["exponent", b], ["result", out]],
  // PyTorch's pow_backward_self / pow_backward_exponent, including their masks at 0.
  backward: ([g], [a, b, out]) => [
    where(eq(b, 0), scalarTensor(0, g._dtype), mul(g, mul(b, pow(a, sub(b, 1))))),
    mul(g, where(logicalAnd(eq(a, 0), ge(b, 0)), scalarTensor(0, g._dtype), mul(out, log(a)))),
  ],
});
const powScalarBaseOp = op1<{ dtype: DType; base: number }>("pow_scalar_base", {
  name: "PowBackward2",
  forward: ([b], p) => {
    const r = rounder(p.dtype);
    return mapUnary(b, p.dtype, (y) => r(Math.pow(p.base, y)));
  },
  save: (_i, [out]) => [["result", out]],
  backward: ([g], [out], p) => [p.base === 0 ? where(ge(out, 0), scalarTensor(0, g._dtype), mul(g, mul(out, Math.log(p.base)))) : mul(g, mul(out, Math.log(p.base)))],
});
export function pow(a: Operand, b: Operand): Tensor {
  const dtype = resultTypeOf(a, b);
  if (a instanceof Tensor && isScalar(b)) return powScalarOp([a], { dtype, exponent: scalarValue(b) });
  if (isScalar(a) && b instanceof Tensor) return powScalarBaseOp([b], { dtype, base: scalarValue(a) });
  return powTensorOp([asTensor(a, dtype), asTensor(b, dtype)], { dtype });
}
export function square(a: Tensor): Tensor { return pow(a, 2); }

// ---- unary -------------------------------------------------------------------------------
type Unary = (a: Tensor) => Tensor;
interface UnaryDef {
  name: string;
  f: (x: number) => number;
  /** A float32-specific kernel where PyTorch's float kernel rounds an intermediate. */
  f32?: (x: number) => number;
  /** d/dx as a tensor expression of the input `x` and the output `y`. */
  grad: (g: Tensor, x: Tensor, y: Tensor) => Tensor;
  saves: "self" | "result" | "none";
  /** Integer inputs give floats (exp, log...) or keep their dtype (neg, abs...). */
  intToFloat: boolean;
  /** A closure-free loop for dense float32 input, same values as `f` then fround. */
  denseF32?: (src: Float32Array, out: Float32Array) => void;
}
function unary(key: string, d: UnaryDef): Unary {
  const op = op1<{ dtype: DType }>(key, {
    name: d.name,
    forward: ([a], p) => {
      if (d.denseF32 && p.dtype === float32 && a._dtype === float32 && isDense(a)) {
        const out = new Float32Array(a._storage.data.length);
        d.denseF32(a._storage.data as Float32Array, out);
        return Tensor._make(out, a._shape, float32);
      }
      const r = rounder(p.dtype);
      const f = p.dtype === float32 && d.f32 ? d.f32 : d.f;
      return mapUnary(a, p.dtype, (x) => r(f(x)));
    },
    save: d.saves === "none" ? undefined : ([a], [y]) => [[d.saves, d.saves === "self" ? a : y]],
    backward: ([g], saved) => [d.grad(g, d.saves === "self" ? saved[0] : (null as unknown as Tensor), d.saves === "result" ? saved[0] : (null as unknown as Tensor))],
  });
  return (a: Tensor) => op([a], { dtype: d.intToFloat ? floatOf(a._dtype) : a._dtype });
}

export const neg: Unary = (a) => {
  if (a._dtype === bool) {
    throw new RuntimeError("Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.");
  }
  return negOp(a);
};
const negOp = unary("neg", { name: "NegBackward0", f: (x) => -x, grad: (g) => neg(g), saves: "none", intToFloat: false });
export const exp = unary("exp", { name: "ExpBackward0", f: Math.exp, grad: (g, _x, y) => mul(g, y), saves: "result", intToFloat: true });
export const log = unary("log", { name: "LogBackward0", f: Math.log, grad: (g, x) => div(g, x), saves: "self", intToFloat: true });
export const log2 = unary("log2", { name: "Log2Backward0", f: Math.log2, grad: (g, x) => div(g, mul(x, Math.LN2)), saves: "self", intToFloat: true });
export const log10 = unary("log10", { name: "Log10Backward0", f: Math.log10, grad: (g, x) => div(g, mul(x, Math.LN10)), saves: "self", intToFloat: true });
export const log1p = unary("log1p", { name: "Log1PBackward0", f: Math.log1p, grad: (g, x) => div(g, add(x, 1)), saves: "self", intToFloat: true });
export const expm1 = unary("expm1", { name: "Expm1Backward0", f: Math.expm1, grad: (g, _x, y) => mul(g, add(y, 1)), saves: "result", intToFloat: true });
export const sqrt = unary("sqrt", { name: "SqrtBackward0", f: Math.sqrt, grad: (g, _x, y) => div(g, mul(y, 2)), saves: "result", intToFloat: true });
export const rsqrt = unary("rsqrt", { name: "RsqrtBackward0", f: (x) => 1 / Math.sqrt(x), grad: (g, _x, y) => mul(g, mul(pow(y, 3), -0.5)), saves: "result", intToFloat: true });
export const reciprocal = unary("reciprocal", { name: "ReciprocalBackward0", f: (x) => 1 / x, grad: (g, _x, y) => mul(g, neg(mul(y, y))), saves: "result", intToFloat: true });
const absOp = unary("abs", { name: "AbsBackward0", f: Math.abs, grad: (g, x) => mul(g, sign(x)), saves: "self", intToFloat: false });
export const abs: Unary = (a) => {
  if (a._dtype === bool) throw new RuntimeError(`"abs_cpu" not implemented for 'Bool'`);
  return absOp(a);
};
export const sin = unary("sin", { name: "SinBackward0", f: Math.sin, grad: (g, x) => mul(g, cos(x)), saves: "self", intToFloat: true });
export const cos = unary("cos", { name: "CosBackward0", f: Math.cos, grad: (g, x) => mul(g, neg(sin(x))), saves: "self", intToFloat: true });
export const tan = unary("tan", { name: "TanBackward0", f: Math.tan, grad: (g, _x, y) => mul(g, add(mul(y, y), 1)), saves: "result", intToFloat: true });
export const tanh = unary("tanh", { name: "TanhBackward0", f: Math.tanh, grad: (g, _x, y) => mul(g, rsub(mul(y, y), 1)), saves: "result", intToFloat: true });
export const sigmoid = unary("sigmoid", {
  name: "SigmoidBackward0",
  f: (x) => 1 / (1 + Math.exp(-x)),
  // PyTorch's float kernel rounds exp to float32, so sigmoid(-100) is 0, not a denormal.
  f32: (x) => 1 / (1 + f32(Math.exp(-x))),
  grad: (g, _x, y) => mul(g, mul(y, rsub(y, 1))),
  saves: "result",
  intToFloat: true,
});
export const relu = unary("relu", {
  name: "ReluBackward0",
  // clamp_min(x, 0) as PyTorch: NaN and -0 pass through.
  f: (x) => (x < 0 ? 0 : x),
  denseF32: (src, out) => reluContiguous(src.length, src, 0, out, 0),
  grad: (g, _x, y) => reluGrad(g, y),
  saves: "result",
  intToFloat: false,
});
/** threshold_backward: where(y <= 0, 0, g); without a graph to record and on dense same-shape operands, one kernel. */
function reluGrad(g: Tensor, y: Tensor): Tensor {
  if (!is_grad_enabled() && g._dtype === y._dtype && g._dtype.isFloatingPoint && isDense(g) && isDense(y) && g._storage.data.length === y._storage.data.length &&
    g._shape.length === y._shape.length && g._shape.every((n, i) => n === y._shape[i])) {
    const gd = g._storage.data as Float32Array | Float64Array, out = g._dtype.alloc(gd.length) as Float32Array | Float64Array;
    reluBackwardContiguous(gd.length, gd, 0, y._storage.data as Float32Array | Float64Array, 0, out, 0);
    return Tensor._make(out, g._shape, g._dtype);
  }
  return maskGrad(logicalNot(le(y, 0)), g);
}
export const sign = unary("sign", { name: "SignBackward0", f: (x) => (x > 0 ? 1 : x < 0 ? -1 : 0), grad: (g) => zerosLike(g), saves: "none", intToFloat: false });
export const floor = unary("floor", { name: "FloorBackward0", f: Math.floor, grad: (g) => zerosLike(g), saves: "none", intToFloat: false });
export const ceil = unary("ceil", { name: "CeilBackward0", f: Math.ceil, grad: (g) => zerosLike(g), saves: "none", intToFloat: false });
export const trunc = unary("trunc", { name: "TruncBackward0", f: Math.trunc, grad: (g) => zerosLike(g), saves: "none", intToFloat: false });
/** Round half to even, as torch.round does. */
export const round = unary("round", {
  name: "RoundBackward0",
  f: (x) => { const r = Math.round(x); return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r; },
  grad: (g) => zerosLike(g),
  saves: "none",
  intToFloat: false,
});

// ---- clamp, maximum, minimum, where -----------------------------------------------------------
const clampOp = op1<{ dtype: DType; min: number | null; max: number | null; name: string }>("clamp", {
  name: (_i, p) => p.name,
  forward: ([a], p) => {
    const lo = p.min ?? -Infinity, hi = p.max ?? Infinity;
    const r = rounder(p.dtype);
    return mapUnary(a, p.dtype, (x) => (x !== x ? x : r(Math.min(Math.max(x, lo), hi))));
  },
  save: ([a]) => [["self", a]],
  backward: ([g], [a], p) => {
    let mask: Tensor | null = null;
    if (p.min !== null) mask = ge(a, p.min);
    if (p.max !== null) mask = mask ? logicalAnd(mask, le(a, p.max)) : le(a, p.max);
    return [maskGrad(mask as Tensor, g)];
  },
});
const clampTensorOp = op1<{ dtype: DType; hasMin: boolean; hasMax: boolean }>("clamp_tensor", {
  name: "ClampBackward0",
  forward: (ins, p) => {
    const r = rounder(p.dtype);
    const [a, lo, hi] = [ins[0], p.hasMin ? ins[1] : null, p.hasMax ? ins[p.hasMin ? 2 : 1] : null];
    const x1 = lo ? mapBinary(a, lo, p.dtype, (x, l) => (x !== x ? x : Math.max(x, l))) : a;
    return hi ? mapBinary(x1, hi, p.dtype, (x, h) => (x !== x ? x : r(Math.min(x, h)))) : mapUnary(x1, p.dtype, r);
  },
  save: (ins) => ins.map((t, i): [string, Tensor] => [i === 0 ? "self" : i === 1 ? "min" : "max", t]),
  backward: ([g], saved, p) => {
    const [a, lo, hi] = [saved[0], p.hasMin ? saved[1] : null, p.hasMax ? saved[p.hasMin ? 2 : 1] : null];
    let inRange: Tensor | null = null;
    if (lo) inRange = ge(a, lo);
    if (hi) inRange = inRange ? logicalAnd(inRange, le(a, hi)) : le(a, hi);
    const out: Tensor[] = [maskGrad(inRange as Tensor, g)];
    if (lo) out.push(maskGrad(hi ? logicalAnd(lt(a, lo), le(lo, hi)) : lt(a, lo), g));
    if (hi) out.push(maskGrad(gt(lo ? maximum(a, lo) : a, hi), g));
    return out;
  },
});
export function clamp(a: Tensor, min?: Scalar | Tensor | null | { min?: Scalar | Tensor | null; max?: Scalar | Tensor | null }, max?: Scalar | Tensor | null): Tensor {
  let lo = min as Scalar | Tensor | null | undefined, hi = max;
  if (min !== null && typeof min === "object" && !isScalar(min) && !(min instanceof Tensor)) { lo = min.min; hi = min.max; }
  if ((lo === undefined || lo === null) && (hi === undefined || hi === null)) {
    throw new RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None");
  }
  if (lo instanceof Tensor || hi instanceof Tensor) {
    const ins = [a, ...(lo != null ? [lo as Tensor] : []), ...(hi != null ? [hi as Tensor] : [])];
    const dtype = resultTypeOf(...ins);
    return clampTensorOp(ins.map((t) => toDtype(t, dtype)), { dtype, hasMin: lo != null, hasMax: hi != null });
  }
  const operands: Operand[] = [a];
  if (lo !== undefined && lo !== null) operands.push(lo as Scalar);
  if (hi !== undefined && hi !== null) operands.push(hi as Scalar);
  const dtype = resultTypeOf(...operands);
  const src = toDtype(a, dtype);
  return clampOp([src], { dtype, min: lo == null ? null : scalarValue(lo as Scalar), max: hi == null ? null : scalarValue(hi as Scalar), name: "ClampBackward1" });
}
export function clamp_min(a: Tensor, min: Scalar): Tensor {
  return clampOp([a], { dtype: resultTypeOf(a, min), min: scalarValue(min), max: null, name: "ClampMinBackward0" });
}
export function clamp_max(a: Tensor, max: Scalar): Tensor {
  return clampOp([a], { dtype: resultTypeOf(a, max), min: null, max: scalarValue(max), name: "ClampMaxBackward0" });
}
export const clip = clamp;

function extremum(key: string, name: string, pick: (x: number, y: number) => number, loses: (a: Tensor, b: Tensor) => Tensor) {
  return op1<{ dtype: DType }>(key, {
    name,
    forward: ([a, b], p) => {
      const r = rounder(p.dtype);
      return mapBinary(a, b, p.dtype, (x, y) => (x !== x || y !== y ? NaN : r(pick(x, y))));
    },
    save: ([a, b]) => [["self", a], ["other", b]],
    // PyTorch: where(self == other, grad / 2, grad).masked_fill_(self loses, 0); NaN inputs keep grad.
    backward: ([g], [a, b]) => {
      const zero = scalarTensor(0, g._dtype);
      const split = where(eq(a, b), div(g, 2), g);
      return [where(loses(a, b), zero, split), where(loses(b, a), zero, split)];
    },
  });
}
const maximumOp = extremum("maximum", "MaximumBackward0", Math.max, (a, b) => lt(a, b));
const minimumOp = extremum("minimum", "MinimumBackward0", Math.min, (a, b) => gt(a, b));
export function maximum(a: Tensor, b: Tensor): Tensor { const d = resultTypeOf(a, b); return maximumOp([a, b], { dtype: d }); }
export function minimum(a: Tensor, b: Tensor): Tensor { const d = resultTypeOf(a, b); return minimumOp([a, b], { dtype: d }); }

const whereOp = op1<{ dtype: DType; cond: Tensor }>("where", {
  name: "WhereBackward0",
  forward: ([a, b], p) => {
    const r = rounder(p.dtype);
    return mapTernary(p.cond, a, b, p.dtype, (c, x, y) => r(c ? x : y));
  },
  backward: ([g], _s, p) => {
    const zero = scalarTensor(0, g._dtype);
    return [where(p.cond, g, zero), where(p.cond, zero, g)];
  },
});
export function where(cond: Tensor): Tensor[];
export function where(cond: Tensor, a: Operand, b: Operand): Tensor;
export function where(cond: Tensor, a?: Operand, b?: Operand): Tensor | Tensor[] {
  if (a === undefined || b === undefined) return nonzero(cond, { as_tuple: true }) as Tensor[];
  if (cond._dtype !== bool) {
    throw new RuntimeError(`where expected condition to be a boolean tensor, but got a tensor with dtype ${cond._dtype.name === "int64" ? "Long" : cond._dtype.name === "float64" ? "Double" : "Float"}`);
  }
  const dtype = resultTypeOf(a, b);
  return whereOp([asTensor(a, dtype), asTensor(b, dtype)], { dtype, cond });
}
/** Indices of nonzero elements: an [n, ndim] int64 tensor, or one index tensor per dim with as_tuple. */
export function nonzero(t: Tensor, opts?: { as_tuple?: boolean }): Tensor | Tensor[] {
  const nd = t._shape.length;
  const hits: number[] = [];
  const n = t.numel();
  for (let i = 0; i < n; i++) if (t._get(i)) hits.push(i);
  const coords = hits.map((i) => {
    const c = new Array<number>(nd);
    for (let d = nd - 1; d >= 0; d--) { c[d] = i % t._shape[d]; i = Math.floor(i / t._shape[d]); }
    return c;
  });
  if (opts?.as_tuple) {
    if (nd === 0) return [Tensor._make(Float64Array.from(hits.map(() => 0)), [hits.length], int64)];
    return Array.from({ length: nd }, (_v, d) => Tensor._make(Float64Array.from(coords.map((c) => c[d])), [hits.length], int64));
  }
  return Tensor._make(Float64Array.from(coords.flat()), [hits.length, nd], int64);
}

// ---- comparisons and logic (never differentiable) ------------------------------------------
function compare(f: (x: number, y: number) => boolean) {
  return (a: Operand, b: Operand): Tensor => {
    const dtype = resultTypeOf(a, b);
    const ta = asTensor(a, dtype), tb = asTensor(b, dtype);
    const r = rounder(dtype);
    return mapBinary(ta, tb, bool, (x, y) => (f(r(x), r(y)) ? 1 : 0));
  };
}
export const eq = compare((x, y) => x === y);
export const ne = compare((x, y) => x !== y);
export const lt = compare((x, y) => x < y);
export const le = compare((x, y) => x <= y);
export const gt = compare((x, y) => x > y);
export const ge = compare((x, y) => x >= y);
export const greater = gt, less = lt, greater_equal = ge, less_equal = le, not_equal = ne;

export function logicalAnd(a: Tensor, b: Tensor): Tensor { return mapBinary(a, b, bool, (x, y) => (x && y ? 1 : 0)); }
export function logicalOr(a: Tensor, b: Tensor): Tensor { return mapBinary(a, b, bool, (x, y) => (x || y ? 1 : 0)); }
export function logicalXor(a: Tensor, b: Tensor): Tensor { return mapBinary(a, b, bool, (x, y) => (!x !== !y ? 1 : 0)); }
export function logicalNot(a: Tensor): Tensor { return mapUnary(a, bool, (x) => (x ? 0 : 1)); }
export function isnan(a: Tensor): Tensor { return mapUnary(a, bool, (x) => (x !== x ? 1 : 0)); }
export function isinf(a: Tensor): Tensor { return mapUnary(a, bool, (x) => (x === Infinity || x === -Infinity ? 1 : 0)); }
export function isfinite(a: Tensor): Tensor { return mapUnary(a, bool, (x) => (Number.isFinite(x) ? 1 : 0)); }
export function allclose(a: Tensor, b: Tensor, opts?: { rtol?: number; atol?: number; equal_nan?: boolean }): boolean {
  const rtol = opts?.rtol ?? 1e-5, atol = opts?.atol ?? 1e-8;
  const t = mapBinary(a, b, bool, (x, y) => (Math.abs(x - y) <= atol + rtol * Math.abs(y) || (opts?.equal_nan === true && x !== x && y !== y) ? 1 : 0));
  const d = t._storage.data;
  for (let i = 0; i < d.length; i++) if (!d[i]) return false;
  return true;
}
export function equal(a: Tensor, b: Tensor): boolean {
  if (a._shape.length !== b._shape.length || a._shape.some((d, i) => d !== b._shape[i])) return false;
  return allclose(a, b, { rtol: 0, atol: 0 });
}

// ---- dtype conversion -----------------------------------------------------------------
const toCopyOp = op1<{ dtype: DType; from: DType }>("to_copy", {
  name: "ToCopyBackward0",
  forward: ([a], p) => { const r = rounder(p.dtype); return mapUnary(a, p.dtype, (x) => r(x)); },
  backward: ([g], _s, p) => [p.from.isFloatingPoint ? toDtype(g, p.from) : null],
});
/** A copy converted to `dtype` (the tensor itself when it already has it, like `.to`). */
export function toDtype(a: Tensor, dtype: DType, copy = false): Tensor {
  if (a._dtype === dtype && !copy) return a;
  return toCopyOp([a], { dtype, from: a._dtype });
}
export { float64, float32 };
