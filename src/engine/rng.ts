// The engine's doorway to random numbers. Factories and nn.init call these; the bit-exact
// PyTorch generator (src/engine/random/) plugs in here via `useRandomSource`.
import type { DType, TypedArray } from "./dtype";

export interface RandomSource {
  manual_seed(seed: number): void;
  initial_seed(): number;
  seed(): number;
  uniform(n: number, from: number, to: number, dtype: DType): TypedArray;
  normal(n: number, mean: number, std: number, dtype: DType): TypedArray;
  randint(n: number, low: number, high: number): Float64Array;
  randperm(n: number): Float64Array;
  bernoulli(probs: ArrayLike<number>, dtype: DType): TypedArray;
  get_state(): unknown;
  set_state(s: unknown): void;
}

/** Placeholder source until the bit-exact generator is plugged in: seeded xorshift128+, not PyTorch's stream. */
class SimpleSource implements RandomSource {
  private s0 = 0;
  private s1 = 0;
  private seedValue = 67280421310721;
  constructor() { this.manual_seed(this.seedValue); }
  manual_seed(seed: number): void {
    this.seedValue = seed;
    this.s0 = (seed ^ 0x9e3779b9) >>> 0 || 1;
    this.s1 = (Math.floor(seed / 4294967296) ^ 0x85ebca6b) >>> 0 || 2;
  }
  initial_seed(): number { return this.seedValue; }
  seed(): number { const s = Date.now(); this.manual_seed(s); return s; }
  private next(): number {
    let x = this.s0;
    const y = this.s1;
    this.s0 = y;
    x ^= x << 23; x >>>= 0;
    x ^= x >>> 17;
    x ^= y ^ (y >>> 26);
    this.s1 = x >>> 0;
    return ((this.s0 + this.s1) >>> 0) / 4294967296;
  }
  uniform(n: number, from: number, to: number, dtype: DType): TypedArray {
    const out = dtype.alloc(n);
    for (let i = 0; i < n; i++) out[i] = this.next() * (to - from) + from;
    return out;
  }
  normal(n: number, mean: number, std: number, dtype: DType): TypedArray {
    const out = dtype.alloc(n);
    for (let i = 0; i < n; i++) {
      const u1 = 1 - this.next(), u2 = this.next();
      out[i] = mean + std * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
    return out;
  }
  randint(n: number, low: number, high: number): Float64Array {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = low + Math.floor(this.next() * (high - low));
    return out;
  }
  randperm(n: number): Float64Array {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    for (let i = n - 1; i > 0; i--) { const j = Math.floor(this.next() * (i + 1)); [out[i], out[j]] = [out[j], out[i]]; }
    return out;
  }
  bernoulli(probs: ArrayLike<number>, dtype: DType): TypedArray {
    const out = dtype.alloc(probs.length);
    for (let i = 0; i < probs.length; i++) out[i] = this.next() < probs[i] ? 1 : 0;
    return out;
  }
  get_state(): unknown { return [this.s0, this.s1, this.seedValue]; }
  set_state(s: unknown): void { const [a, b, c] = s as number[]; this.s0 = a; this.s1 = b; this.seedValue = c; }
}

let source: RandomSource = new SimpleSource();
export function rng(): RandomSource { return source; }
export function useRandomSource(s: RandomSource): void { source = s; }
