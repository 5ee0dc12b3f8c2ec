#!/usr/bin/python3
"""Generates test/oracle/fixtures/<family>.json by running every case through real PyTorch.

Run with the interpreter that has PyTorch 1.13:  /usr/bin/python3 test/oracle/gen_ops.py
Each case is first turned into JSON and read back, then replayed from that JSON by spec.py, so
the fixture holds exactly what PyTorch did for the spec as written (the TS replay reads the same).
"""
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import importlib  # noqa: E402
import cases_autograd  # noqa: E402
import cases_math  # noqa: E402
import cases_tensor  # noqa: E402
from spec import run_case  # noqa: E402

# Further families live in their own cases_<area>.py next to this file (one per area of the engine),
# found here so that adding an area never edits this file.
_HERE = os.path.dirname(os.path.abspath(__file__))
_CORE = ("cases_tensor", "cases_math", "cases_autograd")
CASE_MODULES = [cases_tensor, cases_math, cases_autograd] + [
    importlib.import_module(f[:-3]) for f in sorted(os.listdir(_HERE))
    if f.startswith("cases_") and f.endswith(".py") and f[:-3] not in _CORE
]

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")


def main():
    torch.manual_seed(0)
    os.makedirs(OUT, exist_ok=True)
    families = {}
    for module in CASE_MODULES:
        families.update(module.FAMILIES)
    only = set(sys.argv[1:])
    total = 0
    for family, make in families.items():
        if only and family not in only:
            continue
        cases = make()
        ids = set()
        done = []
        for case in cases:
            if case["id"] in ids:
                raise SystemExit(f"duplicate id {family}/{case['id']}")
            ids.add(case["id"])
            spec = json.loads(json.dumps(case, allow_nan=False))
            done.append(run_case(spec))
        doc = {
            "generator": "test/oracle/gen_ops.py",
            "torch": torch.__version__,
            "family": family,
            "cases": done,
        }
        with open(os.path.join(OUT, f"{family}.json"), "w") as f:
            json.dump(doc, f, indent=1, allow_nan=False, ensure_ascii=False)
            f.write("\n")
        errors = sum(1 for c in done for s in iter_steps(c["steps"]) if s["expect"]["kind"] == "error")
        print(f"{family:12s} {len(done):4d} cases ({errors} error steps)")
        total += len(done)
    print(f"total        {total:4d} cases")


def iter_steps(steps):
    for s in steps:
        if "block" in s:
            yield from iter_steps(s["steps"])
        else:
            yield s


if __name__ == "__main__":
    main()
