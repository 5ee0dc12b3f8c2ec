#!/usr/bin/python3
"""Expected printed results of aminmax and histogram (named tuples the oracle spec cannot serialise).

Run: /usr/bin/python3 test/unit/named_pairs_gen.py  (writes test/unit/named_pairs.json)
"""
import json
import os

import torch

X = [1.0, 2.0, 1.0, 4.0, 2.5]
M = [[1.0, 5.0], [3.0, 2.0]]
CASES = [
    ("histogram/bins3", lambda: torch.histogram(torch.tensor(X), 3)),
    ("histogram/equal-values", lambda: torch.histogram(torch.tensor([2.0, 2.0]), 2)),
    ("histogram/edges", lambda: torch.histogram(torch.tensor(X), torch.tensor([0.0, 1.5, 3.0, 5.0]))),
    ("histogram/range-weight-density", lambda: torch.histogram(torch.tensor(X), 2, range=(0.0, 3.0), weight=torch.tensor([1.0, 2, 3, 4, 5]), density=True)),
    ("aminmax/all", lambda: torch.aminmax(torch.tensor(M))),
    ("aminmax/dim", lambda: torch.aminmax(torch.tensor(M), dim=1)),
    ("aminmax/dim-keepdim", lambda: torch.aminmax(torch.tensor(M), dim=0, keepdim=True)),
]

out = {"torch": torch.__version__, "cases": {name: str(f()) for name, f in CASES}}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "named_pairs.json"), "w") as fh:
    json.dump(out, fh, indent=1)
    fh.write("\n")
