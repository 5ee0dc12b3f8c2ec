// Samplers as torch/utils/data/sampler.py draws them. RandomSampler without a generator seeds a
// fresh torch.Generator from `torch.empty((), dtype=torch.int64).random_()` on the default
// generator (one random64, top bit cleared) each time iteration starts, then takes
// torch.randperm(n, generator=that); so after torch.manual_seed(s) the order is PyTorch's.
import { defaultGenerator, Generator, randint, randperm } from "../../random";
import { rng, PyTorchSource } from "../../rng";
import { NotImplementedError, TorchTypeError, ValueError } from "../../errors";
import { lenOf, type DatasetLike } from "./dataset";

/** The generator torch.* draws from (the engine's current source when it is PyTorch's). */
export function defaultGen(): Generator {
  const s = rng();
  return s instanceof PyTorchSource ? s.gen : defaultGenerator;
}

/** torch.empty((), dtype=torch.int64).random_(generator=gen).item(): 63 bits, exact as a bigint. */
export function randomInt64(gen: Generator): bigint {
  return gen.random64() & 0x7fffffffffffffffn;
}

export function randpermWith(gen: Generator, n: number): number[] {
  return Array.from(randperm(gen, n));
}

export abstract class Sampler<T = number> implements Iterable<T> {
  abstract [Symbol.iterator](): Iterator<T>;
  abstract __len__(): number;
  get length(): number { return this.__len__(); }
}

export class SequentialSampler extends Sampler<number> {
  constructor(readonly data_source: DatasetLike<unknown>) { super(); }
  *[Symbol.iterator](): Iterator<number> {
    const n = lenOf(this.data_source);
    for (let i = 0; i < n; i++) yield i;
  }
  __len__(): number { return lenOf(this.data_source); }
}

export interface RandomSamplerOptions { replacement?: boolean; num_samples?: number | null; generator?: Generator | null }

export class RandomSampler extends Sampler<number> {
  readonly replacement: boolean;
  readonly generator: Generator | null;
  private readonly _num_samples: number | null;
  constructor(readonly data_source: DatasetLike<unknown>, opts: RandomSamplerOptions | boolean = {}) {
    super();
    const o = typeof opts === "boolean" ? { replacement: opts } : opts;
    this.replacement = o.replacement ?? false;
    this._num_samples = o.num_samples ?? null;
    this.generator = o.generator ?? null;
    if (typeof this.replacement !== "boolean") throw new TorchTypeError(`replacement should be a boolean value, but got replacement=${String(this.replacement)}`);
    const ns = this.num_samples;
    if (!Number.isInteger(ns) || ns <= 0) throw new ValueError(`num_samples should be a positive integer value, but got num_samples=${ns}`);
  }
  get num_samples(): number { return this._num_samples ?? lenOf(this.data_source); }
  // A generator function: like Python's, its body (and so the seed draw) runs at the first next().
  *[Symbol.iterator](): Iterator<number> {
    const n = lenOf(this.data_source);
    const gen = this.generator ?? new Generator(randomInt64(defaultGen()));
    const ns = this.num_samples;
    if (this.replacement) {
      for (let k = 0; k < Math.floor(ns / 32); k++) yield* randint(gen, 32, 0, n, "int64");
      yield* randint(gen, ns % 32, 0, n, "int64");
    } else {
      for (let k = 0; k < Math.floor(ns / n); k++) yield* randperm(gen, n);
      yield* randperm(gen, n).slice(0, ns % n);
    }
  }
  __len__(): number { return this.num_samples; }
}

/** Draws from the given generator, or the default one itself (not a reseeded copy). */
export class SubsetRandomSampler extends Sampler<number> {
  constructor(readonly indices: readonly number[], readonly generator: Generator | null = null) { super(); }
  *[Symbol.iterator](): Iterator<number> {
    for (const i of randperm(this.generator ?? defaultGen(), this.indices.length)) yield this.indices[i];
  }
  __len__(): number { return this.indices.length; }
}

export class BatchSampler extends Sampler<number[]> {
  constructor(readonly sampler: Iterable<number> & { __len__?(): number; length?: number }, readonly batch_size: number, readonly drop_last: boolean) {
    super();
    if (!Number.isInteger(batch_size) || typeof batch_size === "boolean" || batch_size <= 0) {
      throw new ValueError(`batch_size should be a positive integer value, but got batch_size=${String(batch_size)}`);
    }
    if (typeof drop_last !== "boolean") throw new ValueError(`drop_last should be a boolean value, but got drop_last=${String(drop_last)}`);
  }
  *[Symbol.iterator](): Iterator<number[]> {
    let batch: number[] = [];
    for (const idx of this.sampler) {
      batch.push(idx);
      if (batch.length === this.batch_size) { yield batch; batch = []; }
    }
    if (batch.length > 0 && !this.drop_last) yield batch;
  }
  __len__(): number {
    const n = typeof this.sampler.__len__ === "function" ? this.sampler.__len__() : (this.sampler.length as number);
    return this.drop_last ? Math.floor(n / this.batch_size) : Math.ceil(n / this.batch_size);
  }
}

/**
 * WeightedRandomSampler(weights, num_samples, replacement=true, generator=None): torch.multinomial
 * with replacement as ATen's CPU kernel draws it: the double weights' running sums normalised by
 * their total (last bucket set to 1), one 53-bit uniform per sample, binary search for the first
 * bucket >= the draw. Without replacement PyTorch takes another path (exponential keys and topk),
 * not available here.
 */
export class WeightedRandomSampler extends Sampler<number> {
  readonly weights: Float64Array;
  readonly num_samples: number;
  readonly replacement: boolean;
  readonly generator: Generator | null;
  constructor(weights: ArrayLike<number>, num_samples: number, replacement = true, generator: Generator | null = null) {
    super();
    if (!Number.isInteger(num_samples) || typeof num_samples === "boolean" || num_samples <= 0) {
      throw new ValueError(`num_samples should be a positive integer value, but got num_samples=${String(num_samples)}`);
    }
    if (typeof replacement !== "boolean") throw new ValueError(`replacement should be a boolean value, but got replacement=${String(replacement)}`);
    this.weights = Float64Array.from(weights);
    this.num_samples = num_samples;
    this.replacement = replacement;
    this.generator = generator;
  }
  *[Symbol.iterator](): Iterator<number> {
    if (!this.replacement && this.num_samples > 1) {
      throw new NotImplementedError("WeightedRandomSampler(replacement=False) draws through torch.multinomial without replacement, which Gradient Inspector does not reproduce yet");
    }
    yield* multinomialWithReplacement(this.generator ?? defaultGen(), this.weights, this.num_samples);
  }
  __len__(): number { return this.num_samples; }
}

function multinomialWithReplacement(gen: Generator, w: Float64Array, n: number): number[] {
  const k = w.length;
  const cum = new Float64Array(k);
  let sum = 0;
  for (let j = 0; j < k; j++) {
    if (!(w[j] >= 0)) throw new RangeError("invalid multinomial distribution (encountering probability entry < 0)");
    if (!Number.isFinite(w[j])) throw new RangeError("invalid multinomial distribution (encountering probability entry = infinity or NaN)");
    sum += w[j];
    cum[j] = sum;
  }
  if (!(sum > 0)) throw new RangeError("invalid multinomial distribution (sum of probabilities <= 0)");
  for (let j = 0; j < k; j++) cum[j] /= sum;
  cum[k - 1] = 1;
  const out: number[] = [];
  for (let s = 0; s < n; s++) {
    const u = gen.random53() * 2 ** -53;
    let lo = 0, hi = k;
    while (hi - lo > 0) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (cum[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    out.push(lo);
  }
  return out;
}
