// F.scaled_dot_product_attention (PyTorch 2.x; 1.13 lacks it) against its documented reference
// formula run in PyTorch 1.13 by gen_more.py: values and the grads of q, k, v.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/engine";
import type { Tensor } from "../../src/engine";
import { assertClose, assertExact, FixtureTensor, loadFixture, toTensor } from "./helpers";

interface SdpaCase {
  seed: number; q: FixtureTensor; k: FixtureTensor; v: FixtureTensor; opts: { is_causal?: boolean; scale?: number };
  mask: FixtureTensor | null; output: FixtureTensor; weight: FixtureTensor; grads: FixtureTensor[];
}
const fx = loadFixture<{ sdpa: SdpaCase[] }>("nn", "fixtures_more.json");

for (const c of fx.sdpa) {
  test(`scaled_dot_product_attention seed ${c.seed} ${JSON.stringify(c.opts)}${c.mask ? ` ${c.mask.dtype} mask` : ""}`, () => {
    torch.manual_seed(c.seed);
    const [q, k, v] = [c.q, c.k, c.v].map((f, i) => {
      const t = torch.randn(f.shape).requires_grad_();
      assertExact(t, f, `seeded input ${i}`);
      return t;
    });
    const out = torch.nn.functional.scaled_dot_product_attention(q, k, v, { ...c.opts, attn_mask: c.mask ? toTensor(c.mask) : null });
    assertClose(out, c.output, "output", 1e-4, 1e-5);
    out.mul(toTensor(c.weight)).sum().backward();
    [q, k, v].forEach((t: Tensor, i) => assertClose(t.grad as Tensor, c.grads[i], `grad ${i}`, 1e-4, 1e-5));
  });
}

interface Containers { seed: number; list_repr: string; dict_repr: string; list_names: string[]; dict_names: string[] }
test("ParameterList and ParameterDict: registration names and PyTorch's repr", () => {
  const c = loadFixture<{ containers: Containers }>("nn", "fixtures_more.json").containers;
  torch.manual_seed(c.seed);
  const pl = new torch.nn.ParameterList([new torch.nn.Parameter(torch.randn(3, 4)), new torch.nn.Parameter(torch.randn([5], { dtype: torch.float64 }))]);
  const pd = new torch.nn.ParameterDict({ alpha: new torch.nn.Parameter(torch.randn(2)), beta: new torch.nn.Parameter(torch.randn(2, 3)) });
  assert.equal(String(pl), c.list_repr);
  assert.equal(String(pd), c.dict_repr);
  assert.deepEqual([...pl.named_parameters()].map(([n]) => n), c.list_names);
  assert.deepEqual([...pd.named_parameters()].map(([n]) => n), c.dict_names);
  assert.equal(pl.length, 2);
  assert.equal(pd.get("beta"), [...pd.parameters()][1]);
});

test("nn.Transformer.generate_square_subsequent_mask: -inf above the diagonal (PyTorch 1.13's values)", () => {
  // /usr/bin/python3: torch.nn.Transformer.generate_square_subsequent_mask(3).tolist()
  assert.deepEqual(torch.nn.Transformer.generate_square_subsequent_mask(3).tolist(), [[0, -Infinity, -Infinity], [0, 0, -Infinity], [0, 0, 0]]);
});
