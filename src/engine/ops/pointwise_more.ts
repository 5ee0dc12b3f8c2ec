// More pointwise ops with PyTorch's names, dtype rules and gradients: inverse trig and hyperbolic
// functions, erf/erfc/erfinv, lgamma/digamma, exp2, frac, sgn, sinc, logit, nan_to_num,
// deg2rad/rad2deg; binary atan2, fmod, hypot, xlogy, logaddexp(2), float_power, heaviside,
// isclose; ternary addcmul, addcdiv, lerp. Gradients are written in ops (create_graph works).
import { DType, bool, float32, float64 } from "../dtype";
import { Tensor } from "../tensor";
import { op1 } from "./define";
import { mapBinary, mapTernary, mapUnary } from "./loops";
import { RuntimeError } from "../errors";
import {
  add, cos, div, eq, exp, isfinite, le, logicalAnd, lt, gt, mul, neg, pow,
  rsub, sin, sqrt, sub, toDtype, trunc, where, zerosLike, logicalOr,
} from "./elementwise";
import { Operand, asTensor, resultTypeOf, scalarTensor } from "./scalar";
import { isScalar, scalarValue, Scalar } from "../float_literal";
import { floatOf, rounder, dtypeTitleOf, dtypeCppName, isOpts } from "./math_common";
import * as SF from "./special_fns";

type Unary = (a: Tensor) => Tensor;
interface UnaryDef {
  name: string;
  f: (x: number) => number;
  grad: (g: Tensor, x: Tensor, y: Tensor) => Tensor;
  saves: "self" | "result" | "none";
  /** Integer inputs give floats (asin, erf...) or keep their dtype (sgn...). */
  intToFloat: boolean;
  /** PyTorch's kernel name in the "not implemented for 'Long'" error, for ops without integer kernels. */
  noInt?: string;
}
function unary(key: string, d: UnaryDef): Unary {
  const op = op1<{ dtype: DType }>(key, {
    name: d.name,
    forward: ([a], p) => { const r = rounder(p.dtype); return mapUnary(a, p.dtype, (x) => r(d.f(x))); },
    save: d.saves === "none" ? undefined : ([a], [y]) => [[d.saves, d.saves === "self" ? a : y]],
    backward: ([g], saved) => [d.grad(g, d.saves === "self" ? saved[0] : (null as unknown as Tensor), d.saves === "result" ? saved[0] : (null as unknown as Tensor))],
  });
  return (a: Tensor) => {
    if (d.noInt && !a._dtype.isFloatingPoint) throw new RuntimeError(`"${d.noInt}" not implemented for '${dtypeTitleOf(a._dtype)}'`);
    return op([a], { dtype: d.intToFloat ? floatOf(a._dtype) : a._dtype });
  };
}
const sq = (x: Tensor): Tensor => mul(x, x);
const u = (name: string, f: (x: number) => number, grad: UnaryDef["grad"], saves: UnaryDef["saves"] = "self", intToFloat = true, noInt?: string): UnaryDef =>
  ({ name, f, grad, saves, intToFloat, noInt });

export const asin = unary("asin", u("AsinBackward0", Math.asin, (g, x) => div(g, sqrt(rsub(sq(x), 1)))));
export const acos = unary("acos", u("AcosBackward0", Math.acos, (g, x) => neg(div(g, sqrt(rsub(sq(x), 1))))));
export const atan = unary("atan", u("AtanBackward0", Math.atan, (g, x) => div(g, add(sq(x), 1))));
export const sinh = unary("sinh", u("SinhBackward0", Math.sinh, (g, x) => mul(g, cosh(x))));
export const cosh: Unary = unary("cosh", u("CoshBackward0", Math.cosh, (g, x) => mul(g, sinh(x))));
export const asinh = unary("asinh", u("AsinhBackward0", Math.asinh, (g, x) => div(g, sqrt(add(sq(x), 1)))));
export const acosh = unary("acosh", u("AcoshBackward0", Math.acosh, (g, x) => div(g, sqrt(sub(sq(x), 1)))));
export const atanh = unary("atanh", u("AtanhBackward0", Math.atanh, (g, x) => div(g, rsub(sq(x), 1))));
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
export const erf = unary("erf", u("ErfBackward0", SF.erf, (g, x) => mul(g, mul(exp(neg(sq(x))), TWO_OVER_SQRT_PI))));
export const erfc = unary("erfc", u("ErfcBackward0", SF.erfc, (g, x) => mul(g, mul(exp(neg(sq(x))), -TWO_OVER_SQRT_PI))));
export const erfinv = unary("erfinv", u("ErfinvBackward0", SF.erfinv, (g, _x, y) => mul(g, mul(exp(sq(y)), Math.sqrt(Math.PI) / 2)), "result"));
export const lgamma = unary("lgamma", u("LgammaBackward0", SF.lgamma, (g, x) => mul(g, digamma(x))));
const trigammaOp = op1<{ dtype: DType }>("trigamma", {
  name: "PolygammaBackward0",
  forward: ([a], p) => { const r = rounder(p.dtype); return mapUnary(a, p.dtype, (x) => r(SF.trigamma(x))); },
});
export const digamma: Unary = unary("digamma", u("DigammaBackward0", SF.digamma, (g, x) => mul(g, trigammaOp([x], { dtype: x._dtype }))));
export const exp2 = unary("exp2", u("Exp2Backward0", (x) => Math.pow(2, x), (g, _x, y) => mul(g, mul(y, Math.LN2)), "result"));
export const frac = unary("frac", u("FracBackward0", (x) => x - Math.trunc(x), (g) => g, "none", false, "frac_cpu"));
export const sgn = unary("sgn", u("SgnBackward0", (x) => (x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : x), (g) => zerosLike(g), "none", false));
export const deg2rad = unary("deg2rad", u("Deg2RadBackward0", (x) => x * (Math.PI / 180), (g) => mul(g, Math.PI / 180), "none"));
export const rad2deg = unary("rad2deg", u("Rad2DegBackward0", (x) => x * (180 / Math.PI), (g) => mul(g, 180 / Math.PI), "none"));
export const sinc = unary("sinc", u("SincBackward0", (x) => (x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x)), (g, x) => {
  const px = mul(x, Math.PI);
  const d = div(sub(mul(px, cos(px)), sin(px)), mul(px, x));
  return mul(g, where(eq(x, 0), scalarTensor(0, x._dtype), d));
}));
export const arcsin = asin, arccos = acos, arctan = atan, arcsinh = asinh, arccosh = acosh, arctanh = atanh;

// ---- logit / nan_to_num ------------------------------------------------------------------------
const logitOp = op1<{ dtype: DType; eps: number | null }>("logit", {
  name: "LogitBackward0",
  forward: ([a], p) => {
    const r = rounder(p.dtype);
    // The clamp bounds are in the tensor's dtype (float32 rounds 1 - eps).
    const lo = r(p.eps ?? 0), hi = r(1 - (p.eps ?? 0));
    return mapUnary(a, p.dtype, (x) => { const z = p.eps === null ? x : x < lo ? lo : x > hi ? hi : x; return r(Math.log(z / (1 - z))); });
  },
  save: ([a]) => [["self", a]],
  backward: ([g], [x], p) => {
    const d = div(g, mul(x, rsub(x, 1)));
    if (p.eps === null) return [d];
    return [where(logicalOr(lt(x, p.eps), gt(x, 1 - p.eps)), scalarTensor(0, x._dtype), d)];
  },
});
export function logit(a: Tensor, eps?: number | null | { eps?: number | null }): Tensor {
  const e = isOpts(eps) ? (eps as { eps?: number | null }).eps ?? null : eps ?? null;
  return logitOp([a], { dtype: floatOf(a._dtype), eps: e });
}
export interface NanToNumOpts { nan?: number; posinf?: number | null; neginf?: number | null }
const nanToNumOp = op1<{ nan: number; posinf: number; neginf: number }>("nan_to_num", {
  name: "NanToNumBackward0",
  forward: ([a], p) => {
    const r = rounder(a._dtype);
    return mapUnary(a, a._dtype, (x) => (x !== x ? r(p.nan) : x === Infinity ? r(p.posinf) : x === -Infinity ? r(p.neginf) : x));
  },
  save: ([a]) => [["self", a]],
  backward: ([g], [a]) => [mul(g, isfinite(a))],
});
export function nan_to_num(a: Tensor, nan: number | NanToNumOpts = 0, posinf?: number | null, neginf?: number | null): Tensor {
  let o: NanToNumOpts = { nan: nan as number, posinf, neginf };
  if (isOpts(nan)) o = nan as NanToNumOpts;
  const big = a._dtype === float32 ? 3.4028234663852886e38 : Number.MAX_VALUE;
  return nanToNumOp([a], { nan: o.nan ?? 0, posinf: o.posinf ?? big, neginf: o.neginf ?? -big });
}

// ---- binary ------------------------------------------------------------------------------------
interface BinP { dtype: DType; scalar: 0 | 1 | 2; sv: number }
/**
 * A binary op. With `scalarOverload`, a scalar operand is a parameter rather than an input (PyTorch's
 * `fmod.Scalar`, `xlogy.Scalar_Self` overloads: their nodes have one edge); otherwise a scalar
 * becomes a 0-dim wrapped number, an input without gradient (as `add` treats it).
 */
function binary(key: string, name: string | ((p: BinP) => string), f: (x: number, y: number) => number,
  grad: (g: Tensor, a: Tensor, b: Tensor, out: Tensor) => [Tensor | null, Tensor | null], intToFloat: boolean, scalarOverload = false, noInt?: string) {
  const op = op1<BinP>(key, {
    name: (_i, p) => (typeof name === "string" ? name : name(p)),
    forward: (ins, p) => {
      const r = rounder(p.dtype);
      const [a, b] = p.scalar === 1 ? [scalarTensor(p.sv, p.dtype), ins[0]] : p.scalar === 2 ? [ins[0], scalarTensor(p.sv, p.dtype)] : ins;
      return mapBinary(a, b, p.dtype, (x, y) => r(f(x, y)));
    },
    save: (ins, [out], p) => (p.scalar === 1 ? [["other", ins[0]], ["result", out]] : p.scalar === 2 ? [["self", ins[0]], ["result", out]] : [["self", ins[0]], ["other", ins[1]], ["result", out]]),
    backward: ([g], saved, p) => {
      if (p.scalar === 1) return [grad(g, scalarTensor(p.sv, g._dtype), saved[0], saved[1])[1]];
      if (p.scalar === 2) return [grad(g, saved[0], scalarTensor(p.sv, g._dtype), saved[1])[0]];
      return grad(g, saved[0], saved[1], saved[2]);
    },
  });
  return (a: Operand, b: Operand): Tensor => {
    const common = resultTypeOf(a, b);
    if (noInt && !common.isFloatingPoint) throw new RuntimeError(`"${noInt}" not implemented for '${dtypeTitleOf(common)}'`);
    const dtype = intToFloat ? floatOf(common) : common;
    if (scalarOverload && (isScalar(a) || isScalar(b))) {
      const t = (isScalar(a) ? b : a) as Tensor;
      return op([toDtype(t, dtype)], { dtype, scalar: isScalar(a) ? 1 : 2, sv: scalarValue((isScalar(a) ? a : b) as Scalar) });
    }
    return op([asTensor(a, dtype), asTensor(b, dtype)].map((t) => toDtype(t, dtype)), { dtype, scalar: 0, sv: 0 });
  };
}
export const atan2 = binary("atan2", "Atan2Backward0", Math.atan2, (g, a, b) => {
  const den = add(sq(a), sq(b));
  return [mul(g, div(b, den)), mul(g, div(neg(a), den))];
}, true);
export const arctan2 = atan2;
const fmodOp = binary("fmod", (p) => (p.scalar === 2 ? "FmodBackward0" : "FmodBackward1"), (x, y) => (Number.isFinite(y) || y !== y ? x % y : x), (g, a, b) => [g, neg(mul(g, trunc(div(a, b))))], false, true);
export function fmod(a: Tensor, b: Operand): Tensor {
  if (!resultTypeOf(a, b).isFloatingPoint && (isScalar(b) ? scalarValue(b) === 0 : false)) throw new RuntimeError("ZeroDivisionError");
  return fmodOp(a, b);
}
export const hypot = binary("hypot", "HypotBackward0", Math.hypot, (g, a, b, out) => [mul(g, div(a, out)), mul(g, div(b, out))], true, false, "hypot_cpu");
const xlogyF = (x: number, y: number): number => (y !== y ? NaN : x === 0 ? 0 : x * Math.log(y));
export const xlogy = binary("xlogy", (p) => (p.scalar === 1 ? "XlogyBackward1" : p.scalar === 2 ? "XlogyBackward2" : "XlogyBackward0"), xlogyF, (g, a, b) => [
  where(logicalAnd(eq(a, 0), le(b, 0)), scalarTensor(0, g._dtype), xlogy(g, b)),
  div(mul(g, a), b),
], true, true);
export const logaddexp = binary("logaddexp", "LogaddexpBackward0", (x, y) => {
  const m = Math.max(x, y);
  return m === -Infinity || m === Infinity && x === y ? x : m + Math.log1p(Math.exp(-Math.abs(x - y)));
}, (g, a, b) => [div(g, add(exp(sub(b, a)), 1)), div(g, add(exp(sub(a, b)), 1))], true, false, "logaddexp_cpu");
export const logaddexp2 = binary("logaddexp2", "Logaddexp2Backward0", (x, y) => {
  const m = Math.max(x, y);
  return m === -Infinity || m === Infinity && x === y ? x : m + Math.log2(1 + Math.pow(2, -Math.abs(x - y)));
}, (g, a, b) => [div(g, add(pow(2, sub(b, a)), 1)), div(g, add(pow(2, sub(a, b)), 1))], true, false, "logaddexp2_cpu");
/** float_power: both operands in float64, then pow (PyTorch records the casts and a PowBackward node). */
export function float_power(a: Operand, b: Operand): Tensor {
  const ta = a instanceof Tensor ? toDtype(a, float64) : a;
  const tb = b instanceof Tensor ? toDtype(b, float64) : b;
  if (!(ta instanceof Tensor) && !(tb instanceof Tensor)) throw new RuntimeError("float_power expects a tensor");
  if (ta instanceof Tensor) return pow(ta, tb);
  return pow(asTensor(ta, float64), tb);
}
export function heaviside(a: Tensor, values: Tensor): Tensor {
  if (a._dtype !== values._dtype) throw new RuntimeError(`heaviside is not yet implemented for tensors with different dtypes`);
  return mapBinary(a, values, a._dtype, (x, v) => (x === 0 ? v : x !== x ? x : x > 0 ? 1 : 0));
}
export interface IsCloseOpts { rtol?: number; atol?: number; equal_nan?: boolean }
export function isclose(a: Tensor, b: Tensor, rtol: number | IsCloseOpts = 1e-5, atol = 1e-8, equal_nan = false): Tensor {
  if (isOpts(rtol)) { const o = rtol as IsCloseOpts; atol = o.atol ?? 1e-8; equal_nan = o.equal_nan ?? false; rtol = o.rtol ?? 1e-5; }
  if (a._dtype !== b._dtype) throw new RuntimeError(`${dtypeTitleOf(a._dtype)} did not match ${dtypeTitleOf(b._dtype)}`);
  const rt = rtol;
  return mapBinary(a, b, bool, (x, y) => {
    if (x === y) return 1;
    if (x !== x || y !== y) return equal_nan && x !== x && y !== y ? 1 : 0;
    if (!Number.isFinite(x) || !Number.isFinite(y)) return 0;
    return Math.abs(x - y) <= atol + rt * Math.abs(y) ? 1 : 0;
  });
}

// ---- addcmul / addcdiv / lerp ----------------------------------------------------------------------
const addcOp = op1<{ dtype: DType; value: number; div: boolean }>("addcmul_addcdiv", {
  name: (_i, p) => (p.div ? "AddcdivBackward0" : "AddcmulBackward0"),
  forward: ([s, t1, t2], p) => {
    const r = rounder(p.dtype);
    return mapTernary(s, t1, t2, p.dtype, (x, y, z) => r(p.div ? x + p.value * (y / z) : x + p.value * y * z));
  },
  save: ([, t1, t2]) => [["tensor1", t1], ["tensor2", t2]],
  backward: ([g], [t1, t2], p) => {
    if (p.div) return [g, mul(g, div(p.value, t2)), mul(g, div(mul(neg(t1), p.value), mul(t2, t2)))];
    return [g, mul(g, mul(t2, p.value)), mul(g, mul(t1, p.value))];
  },
});
type ValueOpt = { value?: number };
function addc(isDiv: boolean, input: Tensor, t1: Tensor, t2: Tensor, value?: number | ValueOpt): Tensor {
  const v = typeof value === "number" ? value : value?.value ?? 1;
  const dtype = resultTypeOf(input, t1, t2);
  if (isDiv && !t1._dtype.isFloatingPoint && !t2._dtype.isFloatingPoint) {
    throw new RuntimeError("Integer division with addcdiv is no longer supported, and in a future  release addcdiv will perform a true division of tensor1 and tensor2. The historic addcdiv behavior can be implemented as (input + value * torch.trunc(tensor1 / tensor2)).to(input.dtype) for integer inputs and as (input + value * tensor1 / tensor2) for float inputs. The future addcdiv behavior is just the latter implementation: (input + value * tensor1 / tensor2), for all dtypes.");
  }
  if (!dtype.isFloatingPoint && !Number.isInteger(v)) throw new RuntimeError("value must be integer for integer tensors");
  return addcOp([input, t1, t2].map((t) => toDtype(t, dtype)), { dtype, value: v, div: isDiv });
}
export function addcmul(input: Tensor, t1: Tensor, t2: Tensor, value?: number | ValueOpt): Tensor { return addc(false, input, t1, t2, value); }
export function addcdiv(input: Tensor, t1: Tensor, t2: Tensor, value?: number | ValueOpt): Tensor { return addc(true, input, t1, t2, value); }
const lerpF = (x: number, y: number, w: number): number => (Math.abs(w) < 0.5 ? x + w * (y - x) : y - (y - x) * (1 - w));
/** The same formula with each operation rounded to float32, as PyTorch's float kernel computes it. */
const f32 = Math.fround;
const lerpF32 = (x: number, y: number, w: number): number => {
  const d = f32(y - x), wf = f32(w);
  return Math.abs(wf) < 0.5 ? f32(x + f32(wf * d)) : f32(y - f32(d * f32(1 - wf)));
};
const lerpScalarOp = op1<{ dtype: DType; weight: number }>("lerp_scalar", {
  name: "LerpBackward0",
  forward: ([a, b], p) => {
    if (p.dtype === float32) return mapBinary(a, b, p.dtype, (x, y) => lerpF32(x, y, p.weight));
    return mapBinary(a, b, p.dtype, (x, y) => lerpF(x, y, p.weight));
  },
  backward: ([g], _s, p) => [mul(g, 1 - p.weight), mul(g, p.weight)],
});
const lerpTensorOp = op1<{ dtype: DType }>("lerp_tensor", {
  name: "LerpBackward1",
  forward: ([a, b, w], p) => mapTernary(a, b, w, p.dtype, p.dtype === float32 ? lerpF32 : lerpF),
  save: ([a, b, w]) => [["self", a], ["end", b], ["weight", w]],
  backward: ([g], [a, b, w]) => [mul(g, rsub(w, 1)), mul(g, w), mul(g, sub(b, a))],
});
export function lerp(input: Tensor, end: Tensor, weight: Tensor | Scalar): Tensor {
  if (end._dtype !== input._dtype) throw new RuntimeError(`expected dtype ${dtypeCppName(input._dtype)} for \`end\` but got dtype ${dtypeCppName(end._dtype)}`);
  if (weight instanceof Tensor) {
    if (!input._dtype.isFloatingPoint) throw new RuntimeError(`"lerp_kernel_tensor" not implemented for '${dtypeTitleOf(input._dtype)}'`);
    if (weight._dtype !== input._dtype) throw new RuntimeError(`expected dtype ${dtypeCppName(input._dtype)} for \`weight\` but got dtype ${dtypeCppName(weight._dtype)}`);
    return lerpTensorOp([input, end, weight], { dtype: input._dtype });
  }
  if (!input._dtype.isFloatingPoint) throw new RuntimeError(`"lerp_kernel_scalar" not implemented for '${dtypeTitleOf(input._dtype)}'`);
  return lerpScalarOp([input, end], { dtype: input._dtype, weight: scalarValue(weight) });
}
