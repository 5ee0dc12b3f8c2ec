// aminmax and histogram return PyTorch's named tuples with their own field names (min/max,
// hist/bin_edges); printed text from PyTorch 1.13 (named_pairs_gen.py wrote named_pairs.json).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as torch from "../../src/engine";

const expected = (JSON.parse(readFileSync(join(__dirname, "../../../test/unit/named_pairs.json"), "utf8")) as { cases: Record<string, string> }).cases;
const X = [1.0, 2.0, 1.0, 4.0, 2.5];
const M = [[1.0, 5.0], [3.0, 2.0]];
const f32 = { dtype: torch.float32 };
const cases: Record<string, () => unknown> = {
  "histogram/bins3": () => torch.histogram(torch.tensor(X, f32), 3),
  "histogram/equal-values": () => torch.histogram(torch.tensor([2, 2], f32), 2),
  "histogram/edges": () => torch.histogram(torch.tensor(X, f32), torch.tensor([0, 1.5, 3, 5], f32)),
  "histogram/range-weight-density": () => torch.histogram(torch.tensor(X, f32), 2, { range: [0, 3], weight: torch.tensor([1, 2, 3, 4, 5], f32), density: true }),
  "aminmax/all": () => torch.aminmax(torch.tensor(M, f32)),
  "aminmax/dim": () => torch.aminmax(torch.tensor(M, f32), { dim: 1 }),
  "aminmax/dim-keepdim": () => torch.tensor(M, f32).aminmax({ dim: 0, keepdim: true }),
};
for (const [name, make] of Object.entries(cases)) {
  test(`${name} prints as PyTorch`, () => assert.equal(String(make()), expected[name]));
}
test("aminmax destructures and names its fields; its backward fails as in PyTorch 1.13", () => {
  const x = torch.tensor([1, 5, 3], { dtype: torch.float32, requires_grad: true });
  const r = torch.aminmax(x);
  const [lo, hi] = r;
  assert.equal(lo.item(), 1);
  assert.equal(hi.item(), 5);
  assert.equal(r.min, lo);
  assert.equal(r.max, hi);
  assert.throws(() => lo.backward(), /derivative for aten::aminmax is not implemented/);
});
