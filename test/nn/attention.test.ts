// F.scaled_dot_product_attention (PyTorch 2.x; 1.13 lacks it) against its documented reference
// formula run in PyTorch 1.13 by gen_more.py: values and the grads of q, k, v.
import { test } from "node:test";
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
