// The fast paths of the coverage ops agree with their plain definitions: topk's small-k selection with
// the full stable sort (ties included), unique's binary-search inverse with a direct count.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/engine";

let seed = 7;
const next = (): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };

test("topk (small k) picks what a stable sort puts first, ties and both directions", () => {
  for (let trial = 0; trial < 150; trial++) {
    const n = 20 + (trial % 40), k = 1 + (trial % 3);
    const v = Array.from({ length: n }, () => Math.floor(next() * 6));
    const t = torch.tensor(v, { dtype: torch.float64 });
    for (const largest of [true, false]) {
      const got = t.topk(k, { largest }).indices.tolist();
      const want = (t.sort({ descending: largest }).indices.tolist() as number[]).slice(0, k);
      assert.deepEqual(got, want, `values ${JSON.stringify(v)}, k=${k}, largest=${largest}`);
    }
  }
});

test("unique: sorted values, inverse and counts match a direct count (NaNs stay separate)", () => {
  const v = [3, 1, NaN, 2, 1, 3, 3, NaN, -0.5];
  const [vals, inv, counts] = torch.unique(torch.tensor(v, { dtype: torch.float64 }), { return_inverse: true, return_counts: true }) as torch.Tensor[];
  const u = vals.tolist() as number[];
  assert.deepEqual(u.slice(0, 4), [-0.5, 1, 2, 3]);
  assert.ok(Number.isNaN(u[4]) && Number.isNaN(u[5]) && u.length === 6);
  const iv = inv.tolist() as number[];
  v.forEach((x, i) => { if (!Number.isNaN(x)) assert.equal(u[iv[i]], x); });
  assert.deepEqual(counts.tolist(), [1, 2, 1, 3, 1, 1]);
});
