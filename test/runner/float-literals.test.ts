// Float-spelled literals inside torch factory calls become `__gi.f(...)` (a Python float for the
// engine); integers, hex, arithmetic and non-factory calls stay plain numbers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { isFloatSpelled } from "../../src/runner/float-literals";
import { transpile } from "../../src/runner/transpile";

const js = (src: string): string => transpile(src, "x.ts", { record: false }).code.replace(/\/\/# sourceMappingURL.*\n/, "");

test("spelled-float test", () => {
  for (const t of ["1.0", "2.", ".5", "1e-3", "1E5", "1_000.5"]) assert.equal(isFloatSpelled(t), true, t);
  for (const t of ["1", "0x1E", "0X1e", "0b101", "0o17", "10n", "1_000"]) assert.equal(isFloatSpelled(t), false, t);
});

test("namespace import: nested arrays, negatives, parens and `as` are wrapped; ints and hex are not", () => {
  const out = js("import * as torch from 'torch';\nconst t = torch.tensor([[1.0, -2.5, 3], [1e-3, 0x1E, +.5]] as number[][], { dtype: torch.float32 });\n");
  assert.match(out, /torch\.tensor\(\[\[__gi\.f\(1\.0\), __gi\.f\(-2\.5\), 3\], \[__gi\.f\(1e-3\), 0x1E, __gi\.f\(\+\.5\)\]\]/);
});

test("every factory argument position, and named / default / import-equals imports", () => {
  const out = js([
    "import torch from 'torch';",
    "import { arange as ar, full, zeros } from 'torch';",
    "import * as t2 from 'torch';",
    "torch.arange(0, 1.0, 0.25);",
    "ar(16.0);",
    "full([2, 2], 1.5);",
    "zeros(2, 3);",
    "t2.linspace(0., 1., 5);",
    "new t2.Tensor([2.0]);",
  ].join("\n"));
  assert.match(out, /torch_1\.default\.arange\(0, __gi\.f\(1\.0\), __gi\.f\(0\.25\)\)/);
  assert.match(out, /\(0, torch_2\.arange\)\(__gi\.f\(16\.0\)\)/);
  assert.match(out, /\(0, torch_2\.full\)\(\[2, 2\], __gi\.f\(1\.5\)\)/);
  assert.match(out, /\(0, torch_2\.zeros\)\(2, 3\)/);
  assert.match(out, /t2\.linspace\(__gi\.f\(0\.\), __gi\.f\(1\.\), 5\)/);
  assert.match(out, /new t2\.Tensor\(\[__gi\.f\(2\.0\)\]\)/);
});

test("arithmetic, non-factory calls, other modules and nested callbacks are left alone", () => {
  const out = js([
    "import * as torch from 'torch';",
    "import * as other from 'other';",
    "const x = torch.tensor(2.0 * 3);",
    "x.mul(2.0);",
    "other.tensor([1.0]);",
    "Math.max(1.0, 2.0);",
    "torch.tensor([1, 2].map((v) => v * 1.5));",
    "torch.tensor(torch.arange(4.0).tolist());",
  ].join("\n"));
  assert.match(out, /torch\.tensor\(2\.0 \* 3\)/);
  assert.match(out, /x\.mul\(2\.0\)/);
  assert.match(out, /other\.tensor\(\[1\.0\]\)/);
  assert.match(out, /Math\.max\(1\.0, 2\.0\)/);
  assert.match(out, /v \* 1\.5/);
  assert.match(out, /torch\.arange\(__gi\.f\(4\.0\)\)/); // nested factory call: its own data position
});
