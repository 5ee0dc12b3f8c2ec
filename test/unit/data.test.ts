// torch.utils.data against PyTorch 1.13 (data_fixtures.json from gen_data_fixtures.py): seeded
// DataLoader batch orders and contents over two epochs, the default generator's position after
// them, random_split, default_collate, samplers, and PyTorch's errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/engine";
import type { Tensor } from "../../src/engine";
import { loadFixture, values } from "../nn/helpers";

interface Batch { x: number[]; x_shape: number[]; y: number[] }
interface LoaderCase { n: number; batch_size: number; shuffle: boolean; drop_last: boolean; seed: number; len: number; epochs: Batch[][]; after: number[] }
interface Fx {
  loaders: LoaderCase[]; generator_loader: { epochs: number[][][]; after: number[] };
  split_default: number[][]; after_split: number[]; split_gen: number[][]; split_frac: number[][];
  collate: { ints: number[]; ints_dtype: string; floats: number[]; floats_dtype: string; dict_a: number[]; dict_b: number[][]; strs: string[]; bools: boolean[]; bools_dtype: string };
  nobatch: number[][]; concat: number[]; replacement: number[]; subset_random: number[];
  weighted: { seed: number; weights: number[]; n: number; draws: number[]; after: number[] }[]; weighted_gen: number[];
  iterable: { batches: number[][][]; len: number; dropped: number[][][]; after: number[]; shuffle_error: string };
}
const fx = loadFixture<Fx>("unit", "data_fixtures.json");
const { DataLoader, TensorDataset } = torch.utils.data;

for (const c of fx.loaders) {
  test(`DataLoader n=${c.n} batch_size=${c.batch_size} shuffle=${c.shuffle} drop_last=${c.drop_last} seed=${c.seed}: PyTorch's batches`, () => {
    torch.manual_seed(c.seed);
    const x = torch.arange(c.n * 2, { dtype: torch.float32 }).reshape(c.n, 2);
    const y = torch.arange(c.n);
    const loader = new DataLoader(new TensorDataset(x, y), { batch_size: c.batch_size, shuffle: c.shuffle, drop_last: c.drop_last });
    assert.equal(loader.length, c.len);
    assert.equal(loader.__len__(), c.len);
    for (const expected of c.epochs) {
      const got: Batch[] = [];
      for (const [xb, yb] of loader) got.push({ x: values(xb), x_shape: [...xb.shape], y: values(yb) });
      assert.deepEqual(got, expected);
    }
    assert.deepEqual(values(torch.rand(3)), c.after, "default generator after two epochs");
  });
}

test("DataLoader with a generator: shuffle and _base_seed draw from it, not from the default one", () => {
  const g = new torch.Generator().manual_seed(5);
  torch.manual_seed(9);
  const loader = new DataLoader(Array.from({ length: 12 }, (_v, i) => i), { batch_size: 5, shuffle: true, generator: g });
  for (const expected of fx.generator_loader.epochs) assert.deepEqual([...loader].map((b: Tensor) => values(b)), expected);
  assert.deepEqual(values(torch.rand(3)), fx.generator_loader.after);
});

test("random_split: default generator, a seeded generator, fractions with a remainder", () => {
  const range = (n: number): number[] => Array.from({ length: n }, (_v, i) => i);
  torch.manual_seed(0);
  assert.deepEqual(torch.utils.data.random_split(range(10), [3, 7]).map((s) => [...s.indices]), fx.split_default);
  assert.deepEqual(values(torch.rand(3)), fx.after_split);
  const g = new torch.Generator().manual_seed(42);
  const parts = torch.utils.data.random_split(range(30), [0.3, 0.3, 0.4], g);
  assert.deepEqual(parts.map((s) => [...s.indices]), fx.split_gen);
  assert.equal(parts[0].__getitem__(0), fx.split_gen[0][0]);
  assert.deepEqual(torch.utils.data.random_split(range(11), [0.5, 0.5], { generator: new torch.Generator().manual_seed(1) }).map((s) => [...s.indices]), fx.split_frac);
  assert.throws(() => torch.utils.data.random_split(range(5), [2, 2]), { message: "Sum of input lengths does not equal the length of the input dataset!" });
});

test("default_collate: numbers, tuples, dicts, strings, booleans; batch_size null leaves samples alone", () => {
  const items = Array.from({ length: 5 }, (_v, i) => [i, i * 0.5 + (i === 0 ? 0.25 : 0), { a: i, b: torch.tensor([i, 0 - i]) }, `s${i}`, i % 2 === 1] as const);
  // JavaScript cannot tell 0.0 from 0: the first float is made non-integral so the batch is float64 as in Python.
  const [ints, floats, dict, strs, bools] = [...new DataLoader(items, { batch_size: 3 })][0];
  const e = fx.collate;
  assert.deepEqual(values(ints), e.ints);
  assert.equal(String(ints.dtype), e.ints_dtype);
  assert.deepEqual(values(floats), [0.25, ...e.floats.slice(1)]);
  assert.equal(String(floats.dtype), e.floats_dtype);
  assert.deepEqual(values(dict.a), e.dict_a);
  assert.deepEqual(values(dict.b), e.dict_b.flat());
  assert.deepEqual([...dict.b.shape], [3, 2]);
  assert.deepEqual(strs, e.strs);
  assert.deepEqual(values(bools).map(Boolean), e.bools);
  assert.equal(String(bools.dtype), e.bools_dtype);
  const nb = [...new DataLoader(new TensorDataset(torch.arange(6).reshape(3, 2)), { batch_size: null })];
  assert.deepEqual(nb.map((s) => values(s[0])), fx.nobatch);
  assert.throws(() => [...new DataLoader([null, null], { batch_size: 2 })], { message: "default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; found <class 'NoneType'>" });
  assert.throws(() => [...new DataLoader([[1, 2], [3]], { batch_size: 2 })], { message: "each element in list of batch should be of equal size" });
});

test("ConcatDataset, Subset, samplers with replacement and subsets", () => {
  const concat = new torch.utils.data.ConcatDataset<number>([[0, 1, 2], [10, 11, 12, 13]]);
  const got = Array.from({ length: concat.length }, (_v, i) => concat.__getitem__(i));
  assert.deepEqual([...got, concat.__getitem__(-1), concat.__getitem__(-7)], fx.concat);
  assert.throws(() => concat.__getitem__(-8), { message: "absolute value of index should not exceed dataset length" });
  torch.manual_seed(4);
  assert.deepEqual([...new torch.utils.data.RandomSampler([0, 1, 2, 3, 4, 5], { replacement: true, num_samples: 40 })], fx.replacement);
  torch.manual_seed(4);
  assert.deepEqual([...new torch.utils.data.SubsetRandomSampler([10, 20, 30, 40])], fx.subset_random);
  const sub = new torch.utils.data.Subset(["a", "b", "c", "d"], [3, 1]);
  assert.deepEqual([sub.__getitem__(0), sub.__getitem__(1), sub.length], ["d", "b", 2]);
});

test("DataLoader argument errors are PyTorch's", () => {
  const ds = [1, 2, 3];
  assert.throws(() => new DataLoader(ds, { sampler: [0, 1, 2], shuffle: true }), { message: "sampler option is mutually exclusive with shuffle" });
  assert.throws(() => new DataLoader(ds, { batch_sampler: [[0, 1]], batch_size: 2 }), { message: "batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last" });
  assert.throws(() => new DataLoader(ds, { batch_size: null, drop_last: true }), { message: "batch_size=None option disables auto-batching and is mutually exclusive with drop_last" });
  assert.throws(() => new TensorDataset(torch.zeros(3), torch.zeros(4)), { message: "Size mismatch between tensors" });
  // positional batch_size and shuffle, as DataLoader(ds, 2, False)
  assert.deepEqual([...new DataLoader(ds, 2, false)].map((b) => values(b)), [[1, 2], [3]]);
  assert.deepEqual([...new DataLoader(ds, { batch_sampler: [[2, 0], [1]] })].map((b) => values(b)), [[3, 1], [2]]);
});

class Counting extends torch.utils.data.IterableDataset<[number, number]> {
  constructor(readonly n: number) { super(); }
  *[Symbol.iterator](): Iterator<[number, number]> { for (let i = 0; i < this.n; i++) yield [i, i * 0.5 + 0.25]; }
  __len__(): number { return this.n; }
}

test("IterableDataset: batches in order, drop_last, len, _base_seed drawn, shuffle refused", () => {
  const e = fx.iterable;
  torch.manual_seed(0);
  const loader = new DataLoader(new Counting(7), { batch_size: 3 });
  assert.deepEqual([...loader].map(([a, b]) => [values(a), values(b)]), e.batches);
  assert.equal(loader.length, e.len);
  assert.deepEqual([...new DataLoader(new Counting(7), { batch_size: 3, drop_last: true })].map(([a, b]) => [values(a), values(b)]), e.dropped);
  assert.deepEqual(values(torch.rand(3)), e.after);
  assert.throws(() => new DataLoader(new Counting(3), { shuffle: true }), { message: e.shuffle_error });
  const chain = new torch.utils.data.ChainDataset([new Counting(2), new Counting(3)]);
  assert.deepEqual([...chain].map(([a]) => a), [0, 1, 0, 1, 2]);
  assert.equal(new DataLoader(chain, { batch_size: 2 }).length, 3);
  assert.equal(torch.utils.data.get_worker_info(), null);
});

test("WeightedRandomSampler draws as torch.multinomial(replacement=True)", () => {
  for (const c of fx.weighted) {
    torch.manual_seed(c.seed);
    assert.deepEqual([...new torch.utils.data.WeightedRandomSampler(c.weights, c.n)], c.draws);
    assert.deepEqual(values(torch.rand(3)), c.after);
  }
  assert.deepEqual([...new torch.utils.data.WeightedRandomSampler([3, 1, 2], 12, true, new torch.Generator().manual_seed(2))], fx.weighted_gen);
  assert.throws(() => new torch.utils.data.WeightedRandomSampler([1, 2], 0), { message: "num_samples should be a positive integer value, but got num_samples=0" });
});
