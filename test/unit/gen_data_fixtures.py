# Writes test/unit/data_fixtures.json from PyTorch 1.13 (run with /usr/bin/python3): DataLoader
# batch orders and contents after torch.manual_seed, the default generator's state after epochs
# (DataLoader draws _base_seed even without shuffling), random_split with a generator and with
# the default one, collate of numbers / tuples / dicts, len(loader).
import json, os
import torch
from torch.utils.data import DataLoader, TensorDataset, random_split, ConcatDataset, Subset

HERE = os.path.dirname(os.path.abspath(__file__))


def flat(t):
    return [float(v) for v in t.reshape(-1).tolist()]


def after():
    # the next few uniforms tell whether our generator advanced exactly as PyTorch's did
    return flat(torch.rand(3))


cases = []
for n, bs, shuffle, drop_last, seed in [(10, 3, True, False, 0), (10, 3, True, True, 0), (10, 4, False, False, 1),
                                         (7, 2, True, False, 42), (33, 5, True, False, 123), (5, 8, True, False, 7),
                                         (20, 1, True, True, 3)]:
    torch.manual_seed(seed)
    x = torch.arange(n * 2, dtype=torch.float32).reshape(n, 2)
    y = torch.arange(n)
    loader = DataLoader(TensorDataset(x, y), batch_size=bs, shuffle=shuffle, drop_last=drop_last)
    epochs = []
    for _ in range(2):
        epochs.append([{"x": flat(xb), "x_shape": list(xb.shape), "y": yb.tolist()} for xb, yb in loader])
    cases.append({"n": n, "batch_size": bs, "shuffle": shuffle, "drop_last": drop_last, "seed": seed,
                  "len": len(loader), "epochs": epochs, "after": after()})

# a generator given to the loader: shuffle and _base_seed both come from it
g = torch.Generator().manual_seed(5)
torch.manual_seed(9)
loader = DataLoader(list(range(12)), batch_size=5, shuffle=True, generator=g)
gen_case = {"epochs": [[b.tolist() for b in loader] for _ in range(2)], "after": after()}

# random_split
torch.manual_seed(0)
splits_default = [list(s.indices) for s in random_split(range(10), [3, 7])]
after_split = after()
splits_gen = [list(s.indices) for s in random_split(range(30), [0.3, 0.3, 0.4], generator=torch.Generator().manual_seed(42))]
splits_frac = [list(s.indices) for s in random_split(range(11), [0.5, 0.5], generator=torch.Generator().manual_seed(1))]

# collate of numbers, tuples, dicts, strings; no auto-batching
torch.manual_seed(0)
items = [(i, i * 0.5, {"a": i, "b": torch.tensor([i, -i])}, f"s{i}", True if i % 2 else False) for i in range(5)]
b = next(iter(DataLoader(items, batch_size=3)))
collate = {"ints": b[0].tolist(), "ints_dtype": str(b[0].dtype), "floats": b[1].tolist(), "floats_dtype": str(b[1].dtype),
           "dict_a": b[2]["a"].tolist(), "dict_b": b[2]["b"].tolist(), "strs": list(b[3]), "bools": b[4].tolist(),
           "bools_dtype": str(b[4].dtype)}
nobatch = [t.tolist() for t in DataLoader(torch.arange(6).reshape(3, 2), batch_size=None)]

concat = ConcatDataset([list(range(3)), list(range(10, 14))])
concat_items = [concat[i] for i in range(len(concat))] + [concat[-1], concat[-7]]

# a RandomSampler with replacement
torch.manual_seed(4)
repl = list(torch.utils.data.RandomSampler(range(6), replacement=True, num_samples=40))
torch.manual_seed(4)
sub = list(torch.utils.data.SubsetRandomSampler([10, 20, 30, 40]))

# an IterableDataset: batches in order, _base_seed still drawn per epoch
class Counting(torch.utils.data.IterableDataset):
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return iter([(i, i * 0.5 + 0.25) for i in range(self.n)])

    def __len__(self):
        return self.n


torch.manual_seed(0)
it_loader = DataLoader(Counting(7), batch_size=3)
iterable = {"batches": [[a.tolist(), b.tolist()] for a, b in it_loader], "len": len(it_loader),
            "dropped": [[a.tolist(), b.tolist()] for a, b in DataLoader(Counting(7), batch_size=3, drop_last=True)], "after": after()}
try:
    DataLoader(Counting(3), shuffle=True)
except ValueError as e:
    iterable["shuffle_error"] = str(e)

# WeightedRandomSampler (multinomial with replacement), default generator and a given one
weighted = []
for seed, w, n in [(3, [0.1, 0.9, 0.4, 0.0, 2.5], 30), (3, [1] * 7, 20), (8, [1e-3, 5, 5, 1e-3], 64)]:
    torch.manual_seed(seed)
    weighted.append({"seed": seed, "weights": w, "n": n, "draws": list(torch.utils.data.WeightedRandomSampler(w, n)), "after": after()})
g = torch.Generator().manual_seed(2)
weighted_gen = list(torch.utils.data.WeightedRandomSampler([3, 1, 2], 12, generator=g))

out = {"weighted": weighted, "weighted_gen": weighted_gen, "iterable": iterable, "loaders": cases, "generator_loader": gen_case, "split_default": splits_default, "after_split": after_split,
       "split_gen": splits_gen, "split_frac": splits_frac, "collate": collate, "nobatch": nobatch,
       "concat": concat_items, "replacement": repl, "subset_random": sub}
with open(os.path.join(HERE, "data_fixtures.json"), "w") as f:
    json.dump(out, f)
print("wrote", len(cases), "loader cases")
