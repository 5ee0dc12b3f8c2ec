// The `torch` module as user files import it: `import * as torch from "torch"`.
import "./tensor_methods";
export { Tensor } from "./tensor";
export { Size } from "./shape";
export { DType as dtype, float32, float64, int64, bool, float, double, long, get_default_dtype, set_default_dtype } from "./dtype";
export { _floatLiteral, FloatLiteral } from "./float_literal";
export {
  tensor, as_tensor, scalar_tensor, zeros, ones, empty, full, zeros_like, ones_like, empty_like, full_like,
  arange, range, linspace, logspace, eye, rand, randn, rand_like, randn_like, randint, randint_like, randperm,
  normal, bernoulli, manual_seed, seed, initial_seed, get_rng_state, set_rng_state,
} from "./creation";
export {
  add, sub, sub as subtract, mul, mul as multiply, div, div as divide, true_divide, floor_divide, remainder, rsub, pow, square,
  neg, neg as negative, exp, log, log2, log10, log1p, expm1, sqrt, rsqrt, reciprocal, abs, abs as absolute, sin, cos, tan, tanh, sigmoid, relu,
  sign, floor, ceil, trunc, round, clamp, clamp_min, clamp_max, clip, maximum, minimum, where,
  eq, ne, lt, le, gt, ge, greater, less, greater_equal, less_equal, not_equal,
  logicalAnd as logical_and, logicalOr as logical_or, logicalXor as logical_xor, logicalNot as logical_not,
  isnan, isinf, isfinite, allclose, equal,
} from "./ops/elementwise";
export { sum, mean, prod, max, min, amax, amin, argmax, argmin, var_ as var, std, norm, logsumexp, all, any, count_nonzero } from "./ops/reduce";
export {
  view_as, reshape, flatten, unflatten, transpose, swapaxes, swapdims, t, permute, unsqueeze, squeeze, broadcast_to,
  narrow, select, clone, split, chunk, unbind, cat, concat, concatenate, stack,
} from "./ops/views";
export { matmul, mm, mv, dot, inner, bmm, addmm, outer } from "./ops/linalg";
export { softmax, log_softmax } from "./ops/softmax";
export { index_select, gather, masked_select, take } from "./ops/indexing";
export * from "./torch_math";
import "./tensor_methods_math";
export { no_grad, enable_grad, set_grad_enabled, inference_mode, is_grad_enabled } from "./autograd/index";
export * as autograd from "./autograd/index";
export * as nn from "./nn";
export * as optim from "./optim";
export * as linalg from "./linalg";
export * from "./torch_linalg";
import "./tensor_methods_linalg";
export * as utils from "./utils";
export { Generator, defaultGenerator as default_generator } from "./random";
export { setPrintOptions as set_printoptions } from "./printing";
export { RuntimeError, IndexError, ValueError } from "./errors";

import { Tensor } from "./tensor";
import { RuntimeError } from "./errors";
export function is_tensor(v: unknown): v is Tensor { return v instanceof Tensor; }
export function numel(t: Tensor): number { return t.numel(); }
export function is_floating_point(t: Tensor): boolean { return t._dtype.isFloatingPoint; }
export function broadcast_shapes(...shapes: number[][]): number[] {
  return shapes.reduce((a, b) => broadcastShapesImpl(a, b), [] as number[]);
}
import { broadcastShapes as broadcastShapesImpl } from "./shape";
export const cuda = {
  is_available: (): boolean => false,
  device_count: (): number => 0,
  manual_seed: (_s: number): void => {},
  manual_seed_all: (_s: number): void => {},
};
export function device(name: string): string {
  if (!name.startsWith("cpu")) throw new RuntimeError(`Gradient Inspector runs on the CPU only; device '${name}' is not available.`);
  return name;
}
