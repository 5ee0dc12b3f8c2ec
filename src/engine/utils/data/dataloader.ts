// DataLoader as torch/utils/data/dataloader.py runs it in the main process. Each iteration
// (each `for (const [x, y] of loader)`) first draws `_base_seed` from the loader's generator or
// the default one, as PyTorch does even without shuffling, then walks the (batch) sampler; so
// the default generator advances exactly as PyTorch's and seeded runs stay in step with it.
// num_workers > 0 is accepted and runs in this process: the batches are the same, but random
// draws inside __getitem__ use the main generator rather than per-worker seeds.
import { Generator } from "../../random";
import { ValueError } from "../../errors";
import { getItem, IterableDataset, type DatasetLike } from "./dataset";
import { BatchSampler, RandomSampler, SequentialSampler, randomInt64, defaultGen } from "./sampler";
import { default_collate, type Collated } from "./collate";

export interface DataLoaderOptions<T, B> {
  batch_size?: number | null;
  shuffle?: boolean | null;
  sampler?: Iterable<number> | null;
  batch_sampler?: Iterable<number[]> | null;
  num_workers?: number;
  collate_fn?: ((batch: T[]) => B) | null;
  pin_memory?: boolean;
  drop_last?: boolean;
  timeout?: number;
  worker_init_fn?: ((worker_id: number) => void) | null;
  generator?: Generator | null;
  prefetch_factor?: number;
  persistent_workers?: boolean;
  pin_memory_device?: string;
}

/** PyTorch's _InfiniteConstantSampler: None forever (never read for iterable datasets). */
function* infiniteConstant(): IterableIterator<number> { for (;;) yield 0; }

type Sized = { __len__?(): number; length?: number };
function sizeOf(s: Sized): number {
  if (typeof s.__len__ === "function") return s.__len__();
  if (typeof s.length === "number") return s.length;
  throw new TypeError(`object of type '${s.constructor.name}' has no len()`);
}

export class DataLoader<T, B = Collated<T>> implements Iterable<B> {
  readonly dataset: DatasetLike<T> | IterableDataset<T>;
  readonly batch_size: number | null;
  readonly drop_last: boolean;
  readonly sampler: Iterable<number>;
  readonly batch_sampler: Iterable<number[]> | null;
  readonly num_workers: number;
  readonly collate_fn: (batch: T[]) => B;
  readonly generator: Generator | null;

  constructor(dataset: DatasetLike<T> | IterableDataset<T>, batch_size?: number | null | DataLoaderOptions<T, B>, shuffle?: boolean | null, opts: DataLoaderOptions<T, B> = {}) {
    const o: DataLoaderOptions<T, B> = batch_size !== null && typeof batch_size === "object" ? batch_size : { ...opts, batch_size: batch_size === undefined ? 1 : batch_size, shuffle };
    this.dataset = dataset;
    const bsGiven = o.batch_size === undefined ? 1 : o.batch_size;
    this.num_workers = o.num_workers ?? 0;
    if (this.num_workers < 0) throw new ValueError("num_workers option should be non-negative; use num_workers=0 to disable multiprocessing.");
    this.generator = o.generator ?? null;
    let drop_last = o.drop_last ?? false;
    let sampler = o.sampler ?? null;
    let batch_sampler = o.batch_sampler ?? null;
    const shuffle_ = o.shuffle ?? null;
    let batchSize: number | null = bsGiven;
    if (dataset instanceof IterableDataset) {
      if (shuffle_ !== null && shuffle_ !== false) throw new ValueError(`DataLoader with IterableDataset: expected unspecified shuffle option, but got shuffle=${shuffle_ ? "True" : "False"}`);
      if (sampler !== null) throw new ValueError(`DataLoader with IterableDataset: expected unspecified sampler option, but got sampler=${String(sampler)}`);
      if (batch_sampler !== null) throw new ValueError(`DataLoader with IterableDataset: expected unspecified batch_sampler option, but got batch_sampler=${String(batch_sampler)}`);
    }
    if (sampler !== null && shuffle_) throw new ValueError("sampler option is mutually exclusive with shuffle");
    if (batch_sampler !== null) {
      if (bsGiven !== 1 || shuffle_ || sampler !== null || drop_last) {
        throw new ValueError("batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last");
      }
      batchSize = null;
      drop_last = false;
    } else if (bsGiven === null && drop_last) {
      throw new ValueError("batch_size=None option disables auto-batching and is mutually exclusive with drop_last");
    }
    if (sampler === null) {
      // An iterable dataset is not indexed: its "sampler" only yields placeholders, as PyTorch's _InfiniteConstantSampler.
      if (dataset instanceof IterableDataset) sampler = infiniteConstant();
      else sampler = shuffle_ ? new RandomSampler(dataset, { generator: this.generator }) : new SequentialSampler(dataset);
    }
    if (batchSize !== null && batch_sampler === null) batch_sampler = new BatchSampler(sampler, batchSize, drop_last);
    this.batch_size = batchSize;
    this.drop_last = drop_last;
    this.sampler = sampler;
    this.batch_sampler = batch_sampler;
    // Without auto-batching PyTorch's default is default_convert, which leaves samples as they are.
    this.collate_fn = o.collate_fn ?? (this.batch_sampler !== null ? (default_collate as unknown as (b: T[]) => B) : ((b: T[]) => b as unknown as B));
  }

  get _auto_collation(): boolean { return this.batch_sampler !== null; }

  *[Symbol.iterator](): Iterator<B> {
    if (this.dataset instanceof IterableDataset) { yield* this.iterateIterable(this.dataset); return; }
    const index = this._auto_collation ? (this.batch_sampler as Iterable<number[]>) : this.sampler;
    const it = index[Symbol.iterator]();
    void randomInt64(this.generator ?? defaultGen()); // _base_seed: workers' seeds, drawn even with none
    for (let r = it.next(); !r.done; r = it.next()) {
      const ds = this.dataset as DatasetLike<T>;
      if (this._auto_collation) yield this.collate_fn((r.value as number[]).map((i) => getItem(ds, i)));
      else yield (this.collate_fn as unknown as (s: T) => B)(getItem(ds, r.value as number));
    }
  }

  /** _IterableDatasetFetcher: take batch_size items per batch; the last short one unless drop_last. */
  private *iterateIterable(ds: IterableDataset<T>): IterableIterator<B> {
    void randomInt64(this.generator ?? defaultGen()); // _base_seed, as for map-style datasets
    const it = ds[Symbol.iterator]();
    if (!this._auto_collation) {
      for (let r = it.next(); !r.done; r = it.next()) yield (this.collate_fn as unknown as (s: T) => B)(r.value);
      return;
    }
    const bs = this.batch_size as number;
    let batch: T[] = [];
    for (let r = it.next(); !r.done; r = it.next()) {
      batch.push(r.value);
      if (batch.length === bs) { yield this.collate_fn(batch); batch = []; }
    }
    if (batch.length > 0 && !this.drop_last) yield this.collate_fn(batch);
  }

  /** len(loader): the number of batches (or samples without auto-batching). */
  __len__(): number {
    if (this.dataset instanceof IterableDataset) {
      const n = sizeOf(this.dataset as unknown as Sized);
      if (this.batch_size === null) return n;
      return this.drop_last ? Math.floor(n / this.batch_size) : Math.ceil(n / this.batch_size);
    }
    return sizeOf((this._auto_collation ? this.batch_sampler : this.sampler) as Sized);
  }
  get length(): number { return this.__len__(); }
}

