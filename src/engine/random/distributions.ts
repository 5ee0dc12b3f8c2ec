// PyTorch 1.13's CPU sampling kernels (ATen/native/cpu/DistributionTemplates.h,
// DistributionsHelper.h, TransformationHelper.h, TensorFactories.cpp), reproduced bit for bit.
// Every function fills n elements in the order a contiguous tensor stores them and knows nothing
// of tensors: the engine passes sizes and dtypes and wraps the typed array it gets back.
import { fma64, fmafHalfway, halfway } from "./exact";
import { normalFill16F32 } from "./normal_f32";
import { normalFill16F32Wasm } from "./normal_f32_wasm";
import * as libm from "./libm";
import type { Generator } from "./generator";

export type FloatDType = "float32" | "float64";
export type RandomDType = FloatDType | "int64" | "bool";
/** int64 values live in a Float64Array (as in the engine's storage), bool in a Uint8Array. */
export type RandomArray = Float32Array | Float64Array | Uint8Array;

const TWO_PI = 6.283185307179586;
const P24 = 2 ** -24;
const P53 = 2 ** -53;

function alloc(n: number, dtype: RandomDType): RandomArray {
  checkSize(n);
  switch (dtype) {
    case "float32": return new Float32Array(n);
    case "bool": return new Uint8Array(n);
    default: return new Float64Array(n);
  }
}

function checkSize(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`invalid number of elements: ${n}`);
}

/**
 * Scratch for bulk draws: the samplers below take random() outputs a chunk at a time
 * (Generator.fillRandom) instead of one call per number.
 */
const RAW = new Uint32Array(4096);

/** out[at .. at+count) = count float32 uniforms, as count calls of uniform24 would give. */
function fillUniform24(gen: Generator, out: Float32Array, at: number, count: number): void {
  const end = at + count;
  while (at < end) {
    const k = Math.min(end - at, RAW.length);
    gen.fillRandom(RAW, 0, k);
    toUniform24(out, at, RAW, k);
    at += k;
  }
}

/** out[at + i] = the float32 uniform of raw[i], i < k. (A separate function: V8 reloads a
 * module-level array on every iteration of a loop in a function that also calls out.) */
function toUniform24(out: Float32Array, at: number, raw: Uint32Array, k: number): void {
  for (let i = 0; i < k; i++) out[at + i] = (raw[i] & 0xffffff) * P24;
}

/** out[at .. at+count) = count float64 uniforms, as count calls of uniform53 would give. */
function fillUniform53(gen: Generator, out: Float64Array, at: number, count: number): void {
  const end = at + count;
  const half = RAW.length >> 1;
  while (at < end) {
    const k = Math.min(end - at, half);
    gen.fillRandom(RAW, 0, 2 * k);
    // random64() takes the first draw as the high word; & (2^53 - 1) keeps 21 of its bits.
    for (let i = 0; i < k; i++) out[at + i] = ((RAW[2 * i] & 0x1fffff) * 4294967296 + RAW[2 * i + 1]) * P53;
    at += k;
  }
}

/** A float32 uniform in [0, 1): 24 random bits (uniform_real_distribution<float>). */
function uniform24(gen: Generator): number {
  return (gen.random() & 0xffffff) * P24;
}

/** A float64 uniform in [0, 1): 53 bits of random64 (uniform_real_distribution<double>). */
function uniform53(gen: Generator): number {
  return gen.random53() * P53;
}

/**
 * Tensor.uniform_(from, to) / torch.rand. The kernel computes x * (to - from) + from in the
 * tensor's precision, fused into one FMA by the compiler.
 */
export function uniform(gen: Generator, n: number, from: number, to: number, dtype: FloatDType): Float32Array | Float64Array {
  checkSize(n);
  if (dtype === "float32") {
    const lo = Math.fround(from);
    const range = Math.fround(Math.fround(to) - lo);
    checkRange(lo, Math.fround(to), range, 3.4028234663852886e38);
    const out = new Float32Array(n);
    for (let at = 0; at < n; at += RAW.length) {
      const k = Math.min(n - at, RAW.length);
      gen.fillRandom(RAW, 0, k);
      uniformChunkF32(out, at, RAW, k, range, lo);
    }
    return out;
  }
  const range = to - from;
  checkRange(from, to, range, Number.MAX_VALUE);
  const out = new Float64Array(n);
  fillUniform53(gen, out, 0, n);
  for (let i = 0; i < n; i++) out[i] = fma64(out[i], range, from);
  return out;
}

/** out[at + i] = fmaf(u_i, range, lo) for the 24-bit uniforms u_i of raw[0 .. k). */
function uniformChunkF32(out: Float32Array, at: number, raw: Uint32Array, k: number, range: number, lo: number): void {
  for (let i = 0; i < k; i++) {
    // fmaf inline; its slow path gets the integer draw, since V8 would box a double argument
    // on every iteration, not just on the rare halfway one.
    const bits = raw[i] & 0xffffff;
    const w = bits * P24 * range + lo;
    const r = Math.fround(w);
    out[at + i] = halfway(w, r) ? uniformHalfway(bits, range, lo) : r;
  }
}

function uniformHalfway(bits: number, range: number, lo: number): number {
  return fmafHalfway(bits * P24, range, lo);
}

function checkRange(from: number, to: number, range: number, max: number): void {
  if (!(from <= to)) throw new RangeError(`uniform_ expects to return a [from, to) range, but found from=${from} > to=${to}`);
  if (!(range <= max)) throw new RangeError(`uniform_ expects to-from <= std::numeric_limits<float>::max(), but found to=${to} and from=${from} which result in to-from to exceed the limit`);
}

/** One sample of normal_distribution<double>(mean, std), with the generator's cache. */
function scalarNormal(gen: Generator, mean: number, std: number): number {
  const cached = gen.nextDoubleNormal;
  if (cached !== null) {
    gen.nextDoubleNormal = null;
    return fma64(cached, std, mean);
  }
  const u1 = uniform53(gen);
  const u2 = uniform53(gen);
  const r = Math.sqrt(-2 * libm.log(1 - u2));
  libm.sincos(TWO_PI * u1);
  gen.nextDoubleNormal = r * libm.SINCOS[0];
  return fma64(r * libm.SINCOS[1], std, mean);
}

/**
 * Tensor.normal_(mean, std) / torch.randn / torch.normal with scalar arguments. Below 16 elements
 * (or for a non-contiguous tensor) PyTorch draws one scalar Box-Muller sample at a time, caching
 * the second value. From 16 elements it fills the tensor with uniforms, transforms them in
 * blocks of 16 (8 cos + 8 sin), and redraws 16 fresh uniforms for a ragged last block.
 */
export function normal(gen: Generator, n: number, mean: number, std: number, dtype: FloatDType, contiguous = true): Float32Array | Float64Array {
  checkSize(n);
  if (!(std >= 0)) throw new RangeError(`normal expects std >= 0.0, but found std ${std}`);
  if (n < 16 || !contiguous) {
    const out = dtype === "float32" ? new Float32Array(n) : new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = scalarNormal(gen, mean, std);
    return out;
  }
  if (dtype === "float32") {
    const out = new Float32Array(n);
    const m = Math.fround(mean);
    const s = Math.fround(std);
    fillUniform24(gen, out, 0, n);
    normalFill16F32Fast(out, 0, n, m, s);
    if (n % 16 !== 0) {
      fillUniform24(gen, out, n - 16, 16);
      normalFill16F32Fast(out, n - 16, n, m, s);
    }
    return out;
  }
  const out = new Float64Array(n);
  fillUniform53(gen, out, 0, n);
  for (let i = 0; i + 16 <= n; i += 16) normalBlockF64(out, i, mean, std);
  if (n % 16 !== 0) {
    fillUniform53(gen, out, n - 16, 16);
    normalBlockF64(out, n - 16, mean, std);
  }
  return out;
}

/** The WebAssembly SIMD loop where available (3-4x faster), else the JS one; same values. */
function normalFill16F32Fast(d: Float32Array, from: number, to: number, mean: number, std: number): void {
  if (!normalFill16F32Wasm(d, from, to, mean, std)) normalFill16F32(d, from, to, mean, std);
}

/** normal_fill_16<double>: glibc log and sincos, radius * cos(θ) * std + mean with one FMA. */
function normalBlockF64(d: Float64Array, at: number, mean: number, std: number): void {
  for (let j = at; j < at + 8; j++) {
    const radius = Math.sqrt(-2 * libm.log(1 - d[j]));
    libm.sincos(TWO_PI * d[j + 8]);
    d[j] = fma64(radius * libm.SINCOS[1], std, mean);
    d[j + 8] = fma64(radius * libm.SINCOS[0], std, mean);
  }
}

/**
 * Tensor.random_(low, high) / torch.randint: (draw % (high - low)) + low, where the draw is
 * random64() if the range needs 32+ bits and the dtype is int64/float32/float64, else random().
 */
export function randint(gen: Generator, n: number, low: number, high: number, dtype: RandomDType = "int64"): RandomArray {
  if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high)) throw new RangeError(`randint bounds must be integers, got ${low} and ${high}`);
  if (!(low < high)) throw new RangeError(`random_ expects 'from' to be less than 'to', but got from=${low} >= to=${high}`);
  const out = alloc(n, dtype);
  if (dtype === "float32" || dtype === "float64") {
    // random_from_to's update_from/update_to: pull the bounds in to values the dtype represents.
    const digits = dtype === "float32" ? 24 : 53;
    const cast = dtype === "float32" ? Math.fround : (v: number): number => v;
    const fromPlus1 = cast(low + 1);
    if (fromPlus1 < low) low = fromPlus1 + 2 ** (bitLength(Math.abs(low + 1)) - digits);
    const toMinus1 = cast(high - 1);
    if (toMinus1 >= high) high = toMinus1 - 2 ** (bitLength(Math.abs(high - 1)) - digits);
  }
  const range = high - low;
  if (range >= 4294967296 && dtype !== "bool") {
    const r = BigInt(range);
    const b = BigInt(low);
    for (let i = 0; i < n; i++) out[i] = Number((gen.random64() % r) + b);
  } else if (dtype === "bool") {
    for (let i = 0; i < n; i++) out[i] = (gen.random() % range) + low !== 0 ? 1 : 0; // static_cast<bool>
  } else {
    // A Float32Array store rounds to nearest, as static_cast<float> does.
    for (let i = 0; i < n; i++) out[i] = (gen.random() % range) + low;
  }
  return out;
}

/** floor(log2(v)) + 1 for a positive safe integer: the `n` of update_from/update_to, plus one. */
function bitLength(v: number): number {
  return BigInt(v).toString(2).length;
}

/**
 * Tensor.random_() without bounds: [0, 2^24] for float32, [0, 2^53] for float64, [0, 2^63 - 1]
 * for int64 (NOTE: beyond 2^53 the engine's Float64Array storage rounds), {0, 1} for bool.
 */
export function randomFull(gen: Generator, n: number, dtype: RandomDType): RandomArray {
  const out = alloc(n, dtype);
  for (let i = 0; i < n; i++) {
    switch (dtype) {
      case "float32": out[i] = gen.random() % 16777217; break;
      case "float64": out[i] = Number(gen.random64() % 9007199254740993n); break;
      case "int64": out[i] = Number(gen.random64() & 0x7fffffffffffffffn); break;
      case "bool": out[i] = gen.random() & 1; break;
    }
  }
  return out;
}

/** torch.randperm(n): identity, then a Fisher-Yates pass with random() % (n - i). int64 values. */
export function randperm(gen: Generator, n: number): Float64Array {
  checkSize(n);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = 0; i < n - 1; i++) {
    const z = gen.random() % (n - i);
    const t = out[i];
    out[i] = out[z + i];
    out[z + i] = t;
  }
  return out;
}

/**
 * Tensor.bernoulli_(p) with a scalar p, torch.bernoulli(t, p) and dropout's noise: each element
 * is 1 when a 53-bit uniform (random64) is below p. (Debian's PyTorch has no MKL, so this is the
 * default kernel, not MKL's VSL stream.)
 */
export function bernoulliScalar(gen: Generator, n: number, p: number, dtype: RandomDType): RandomArray {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`bernoulli_ expects p to be in [0, 1], but got p=${p}`);
  const out = alloc(n, dtype);
  for (let i = 0; i < n; i++) out[i] = uniform53(gen) < p ? 1 : 0;
  return out;
}

/**
 * torch.bernoulli(probs) / Tensor.bernoulli_(probs): per element, float64 probabilities compare
 * with a 53-bit uniform (random64), float32 ones with a 24-bit uniform (random). `probs` is
 * already expanded to the output's shape, in row-major order.
 */
export function bernoulliTensor(gen: Generator, probs: Float32Array | Float64Array, dtype: RandomDType): RandomArray {
  const n = probs.length;
  const out = alloc(n, dtype);
  const wide = probs instanceof Float64Array;
  for (let i = 0; i < n; i++) {
    const p = probs[i];
    if (!(p >= 0 && p <= 1)) throw new RangeError(`bernoulli_ expects all elements of p to be in [0, 1], but got ${p}`);
    out[i] = (wide ? uniform53(gen) : uniform24(gen)) < p ? 1 : 0;
  }
  return out;
}

/**
 * The noise F.dropout(x, p, training=True) multiplies x by: bernoulli_(1 - p), then div_(1 - p)
 * in the tensor's dtype. p = 0 and p = 1 draw nothing (PyTorch returns x, or x * 0).
 */
export function dropoutNoise(gen: Generator, n: number, p: number, dtype: FloatDType): Float32Array | Float64Array {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`dropout probability has to be between 0 and 1, but got ${p}`);
  const out = dtype === "float32" ? new Float32Array(n) : new Float64Array(n);
  if (p === 0) return out.fill(1);
  if (p === 1) return out;
  const keep = 1 - p;
  const scale = dtype === "float32" ? Math.fround(1 / Math.fround(keep)) : 1 / keep;
  for (let i = 0; i < n; i++) out[i] = uniform53(gen) < keep ? scale : 0;
  return out;
}
