// Datasets as torch/utils/data/dataset.py defines them. A TypeScript user ports
// `class D(Dataset): __len__ / __getitem__` as `class D extends Dataset<T>` with the same two
// method names; plain arrays count as datasets too (PyTorch accepts lists and ranges).
import { Tensor } from "../../tensor";
import { IndexError, ValueError, warnOnce } from "../../errors";
import { Generator } from "../../random";
import { randpermWith, defaultGen } from "./sampler";

export abstract class Dataset<T> {
  abstract __getitem__(index: number): T;
  /** Abstract here (PyTorch's base has none) because DataLoader and samplers need a length. */
  abstract __len__(): number;
  /** len(dataset) for TypeScript readers. */
  get length(): number { return this.__len__(); }
}

/**
 * An iterable-style dataset: subclasses implement [Symbol.iterator]() (Python's __iter__). The
 * DataLoader batches what it yields, in order; shuffle and samplers do not apply.
 */
export abstract class IterableDataset<T> implements Iterable<T> {
  abstract [Symbol.iterator](): Iterator<T>;
}

/** ChainDataset(datasets): the iterable datasets one after another. */
export class ChainDataset<T> extends IterableDataset<T> {
  readonly datasets: Iterable<T>[];
  constructor(datasets: Iterable<Iterable<T>>) { super(); this.datasets = [...datasets]; }
  *[Symbol.iterator](): Iterator<T> { for (const d of this.datasets) yield* d; }
  __len__(): number {
    return this.datasets.reduce((n, d) => n + (d as unknown as { __len__(): number }).__len__(), 0);
  }
}

export type DatasetLike<T> = Dataset<T> | readonly T[];

export function getItem<T>(ds: DatasetLike<T>, i: number): T {
  if (Array.isArray(ds)) {
    const arr = ds as readonly T[];
    const j = i < 0 ? i + arr.length : i;
    if (!Number.isInteger(j) || j < 0 || j >= arr.length) throw new IndexError("list index out of range");
    return arr[j];
  }
  return (ds as Dataset<T>).__getitem__(i);
}

export function lenOf(ds: DatasetLike<unknown>): number {
  return Array.isArray(ds) ? ds.length : (ds as Dataset<unknown>).__len__();
}

/** Each sample is the tuple of the tensors' rows at one index along dim 0. */
export class TensorDataset extends Dataset<Tensor[]> {
  readonly tensors: Tensor[];
  constructor(...tensors: Tensor[]) {
    super();
    // PyTorch asserts this; an AssertionError carries the text.
    if (!tensors.every((t) => t._shape[0] === tensors[0]._shape[0])) throw new Error("Size mismatch between tensors");
    this.tensors = tensors;
  }
  __getitem__(index: number): Tensor[] { return this.tensors.map((t) => t.select(0, index)); }
  __len__(): number { return this.tensors[0]._shape[0]; }
}

export class Subset<T> extends Dataset<T> {
  constructor(readonly dataset: DatasetLike<T>, readonly indices: readonly number[]) { super(); }
  __getitem__(idx: number): T {
    const j = idx < 0 ? idx + this.indices.length : idx;
    if (j < 0 || j >= this.indices.length) throw new IndexError("list index out of range");
    return getItem(this.dataset, this.indices[j]);
  }
  __len__(): number { return this.indices.length; }
}

export class ConcatDataset<T> extends Dataset<T> {
  readonly datasets: DatasetLike<T>[];
  readonly cumulative_sizes: number[];
  constructor(datasets: Iterable<DatasetLike<T>>) {
    super();
    this.datasets = [...datasets];
    if (this.datasets.length === 0) throw new Error("datasets should not be an empty iterable");
    let s = 0;
    this.cumulative_sizes = this.datasets.map((d) => (s += lenOf(d)));
  }
  __len__(): number { return this.cumulative_sizes[this.cumulative_sizes.length - 1]; }
  __getitem__(idx: number): T {
    if (idx < 0) {
      if (-idx > this.__len__()) throw new ValueError("absolute value of index should not exceed dataset length");
      idx = this.__len__() + idx;
    }
    // bisect_right(cumulative_sizes, idx)
    let d = 0;
    while (d < this.cumulative_sizes.length && this.cumulative_sizes[d] <= idx) d++;
    if (d >= this.datasets.length) throw new IndexError("list index out of range");
    const sample = d === 0 ? idx : idx - this.cumulative_sizes[d - 1];
    return getItem(this.datasets[d], sample);
  }
}

/**
 * random_split(dataset, lengths, generator=default_generator): lengths or fractions summing to 1
 * (floors, then the remainder handed out round-robin), then one randperm of the whole length.
 */
export function random_split<T>(dataset: DatasetLike<T>, lengths: readonly number[], generator?: Generator | { generator?: Generator }): Subset<T>[] {
  const gen = generator instanceof Generator ? generator : generator?.generator ?? defaultGen();
  const total = lengths.reduce((a, b) => a + b, 0);
  let sizes = lengths.slice();
  // math.isclose(sum, 1) with its default rel_tol=1e-9
  if (Math.abs(total - 1) <= 1e-9 * Math.max(Math.abs(total), 1) && total <= 1) {
    const n = lenOf(dataset);
    sizes = lengths.map((frac, i) => {
      if (frac < 0 || frac > 1) throw new ValueError(`Fraction at index ${i} is not between 0 and 1`);
      return Math.floor(n * frac);
    });
    const remainder = n - sizes.reduce((a, b) => a + b, 0);
    for (let i = 0; i < remainder; i++) sizes[i % sizes.length] += 1;
    sizes.forEach((len, i) => { if (len === 0) warnOnce(`Length of split at index ${i} is 0. This might result in an empty dataset.`); });
  }
  const sum = sizes.reduce((a, b) => a + b, 0);
  if (sum !== lenOf(dataset)) throw new ValueError("Sum of input lengths does not equal the length of the input dataset!");
  const indices = randpermWith(gen, sum);
  let offset = 0;
  return sizes.map((len) => new Subset(dataset, indices.slice(offset, (offset += len))));
}
