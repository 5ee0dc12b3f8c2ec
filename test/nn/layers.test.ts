// Every layer against PyTorch 1.13 (fixtures.json from gen_fixtures.py): seeded default
// initialisation bit for bit, repr, forward values, grad_fn name, input and parameter grads,
// and buffers (running statistics) after the forward.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/engine";
import type { Tensor } from "../../src/engine";
import { assertClose, assertExact, FixtureTensor, loadFixture, toTensor } from "./helpers";

interface LayerCase {
  name: string; kind: string; args: unknown[]; kwargs: Record<string, unknown>; mode: "train" | "eval"; seed: number; repr: string;
  init: Record<string, FixtureTensor>; state_before: Record<string, FixtureTensor>; input: FixtureTensor; weight: FixtureTensor;
  output: FixtureTensor; grad_fn: string | null; input_grad: FixtureTensor | null; param_grads: Record<string, FixtureTensor>;
  state_after: Record<string, FixtureTensor>;
}
const fx = loadFixture<{ layers: LayerCase[] }>("nn", "fixtures.json");

/** Where PyTorch 2.x names a node differently from the 1.13 oracle, we follow 2.x. */
const GRAD_FN_2X: Record<string, string> = { ReshapeAliasBackward0: "ViewBackward0" };

type Ctor = new (...args: unknown[]) => torch.nn.Module;
function build(c: LayerCase): torch.nn.Module {
  const cls = (torch.nn as unknown as Record<string, Ctor>)[c.kind];
  const hasKw = Object.keys(c.kwargs).length > 0;
  return new cls(...c.args, ...(hasKw ? [c.kwargs] : []));
}

for (const c of fx.layers) {
  test(`layer ${c.name}: ${c.repr.split("\n")[0]}`, () => {
    torch.manual_seed(c.seed);
    const m = build(c);
    assert.equal(String(m), c.repr);
    const sd = m.state_dict();
    assert.deepEqual(Object.keys(sd), Object.keys(c.init), "state_dict keys");
    for (const [k, v] of Object.entries(c.init)) assertExact(sd[k], v, `init ${k}`);
    if (c.mode === "eval") {
      m.eval();
      // Non-trivial running statistics, drawn as the generator script draws them.
      torch.no_grad(() => { for (const b of m.buffers()) if (b.is_floating_point()) b.copy_(torch.rand(b.shape).add(0.5)); });
    }
    for (const [k, v] of Object.entries(c.state_before)) assertExact(m.state_dict()[k], v, `state ${k} before forward`);
    // Draw the input as PyTorch did, so later draws (dropout's mask) see the same generator state.
    let x: Tensor;
    if (c.input.dtype === "int64") x = toTensor(c.input);
    else {
      x = torch.randn(c.input.shape).requires_grad_();
      assertExact(x, c.input, "seeded input");
    }
    const out = m.forward(x) as Tensor;
    assertClose(out, c.output, "output", 1e-5, 1e-6);
    assert.equal(out.grad_fn ? out.grad_fn.name() : null, GRAD_FN_2X[c.grad_fn ?? ""] ?? c.grad_fn, "grad_fn");
    if (out.requires_grad) out.mul(toTensor(c.weight)).sum().backward();
    if (c.input_grad) assertClose(x.grad as Tensor, c.input_grad, "input grad", 1e-4, 1e-5);
    const params = new Map(m.named_parameters());
    for (const [k, g] of Object.entries(c.param_grads)) assertClose(params.get(k)?.grad as Tensor, g, `grad of ${k}`, 1e-4, 1e-5);
    const after = m.state_dict();
    for (const [k, v] of Object.entries(c.state_after)) assertClose(after[k], v, `state ${k} after forward`, 1e-5, 1e-6);
  });
}
