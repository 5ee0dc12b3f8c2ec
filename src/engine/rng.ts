// The engine's doorway to random numbers. Factories, in-place samplers, dropout and nn.init call
// these; the source is PyTorch 1.13's CPU generator reproduced bit for bit (src/engine/random/),
// so `torch.manual_seed(0); torch.rand(3)` and every layer's default initialisation give
// PyTorch's values. Another source can be swapped in with `useRandomSource` (tests).
import type { DType, TypedArray } from "./dtype";
import {
  defaultGenerator, bernoulliTensor, dropoutNoise, normal, randint, randperm, uniform,
  type FloatDType, type Generator, type RandomArray, type RandomDType,
} from "./random";

export interface RandomSource {
  manual_seed(seed: number | bigint): void;
  initial_seed(): number;
  seed(): number;
  uniform(n: number, from: number, to: number, dtype: DType): TypedArray;
  normal(n: number, mean: number, std: number, dtype: DType): TypedArray;
  /** Values in [low, high); `dtype` (default int64) changes how PyTorch draws for float dtypes. */
  randint(n: number, low: number, high: number, dtype?: DType): Float64Array;
  randperm(n: number): Float64Array;
  /** One draw per probability; float32 probabilities use 24-bit uniforms, float64 ones 53-bit. */
  bernoulli(probs: ArrayLike<number>, dtype: DType): TypedArray;
  /** F.dropout's multiplier: 0 or 1/(1-p) per element. */
  dropout(n: number, p: number, dtype: DType): TypedArray;
  get_state(): unknown;
  set_state(s: unknown): void;
}

function floatName(dtype: DType): FloatDType {
  if (dtype.name !== "float32" && dtype.name !== "float64") throw new Error(`expected a floating point dtype, got ${dtype.name}`);
  return dtype.name;
}

/** Copy a sampler's array into the engine's storage type for `dtype` (int64 and bool differ). */
function toStorage(a: RandomArray, dtype: DType): TypedArray {
  if ((dtype.name === "float32" && a instanceof Float32Array) || (dtype.name !== "float32" && dtype.name !== "bool" && a instanceof Float64Array)) {
    return a as TypedArray;
  }
  const out = dtype.alloc(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i];
  return out;
}

/** PyTorch's default CPU generator (mt19937 + ATen's sampling transforms). */
export class PyTorchSource implements RandomSource {
  constructor(readonly gen: Generator = defaultGenerator) {}
  manual_seed(seed: number | bigint): void { this.gen.manual_seed(seed); }
  initial_seed(): number { return Number(this.gen.initial_seed()); }
  seed(): number { return Number(this.gen.seed()); }
  uniform(n: number, from: number, to: number, dtype: DType): TypedArray {
    return uniform(this.gen, n, from, to, floatName(dtype)) as TypedArray;
  }
  normal(n: number, mean: number, std: number, dtype: DType): TypedArray {
    return normal(this.gen, n, mean, std, floatName(dtype)) as TypedArray;
  }
  randint(n: number, low: number, high: number, dtype?: DType): Float64Array {
    const name = (dtype?.name ?? "int64") as RandomDType;
    const r = randint(this.gen, n, low, high, name);
    return r instanceof Float64Array ? r : Float64Array.from(r);
  }
  randperm(n: number): Float64Array { return randperm(this.gen, n); }
  bernoulli(probs: ArrayLike<number>, dtype: DType): TypedArray {
    const p = probs instanceof Float32Array || probs instanceof Float64Array ? probs : Float64Array.from(probs);
    return toStorage(bernoulliTensor(this.gen, p, dtype.name as RandomDType), dtype);
  }
  dropout(n: number, p: number, dtype: DType): TypedArray {
    return dropoutNoise(this.gen, n, p, floatName(dtype)) as TypedArray;
  }
  get_state(): unknown { return this.gen.get_state(); }
  set_state(s: unknown): void {
    if (!(s instanceof Uint8Array)) throw new TypeError("set_rng_state expects the state returned by get_rng_state()");
    this.gen.set_state(s);
  }
}

let source: RandomSource = new PyTorchSource();
export function rng(): RandomSource { return source; }
export function useRandomSource(s: RandomSource): void { source = s; }
