// The modules of the nn-coverage work against PyTorch 1.13 (fixtures_more.json from gen_more.py):
// seeded default initialisation bit for bit, repr, inputs drawn from the same generator, every
// forward output, grad_fn names, input and parameter grads.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/engine";
import type { Tensor } from "../../src/engine";
import { assertClose, assertExact, FixtureTensor, loadFixture, toTensor } from "./helpers";

type InputSpec = { randn: FixtureTensor } | { const: FixtureTensor } | { tuple: InputSpec[] } | { ref: number } | { lit: boolean | number } | null;
interface ModuleCase {
  name: string; kind: string; args: unknown[]; kwargs: Record<string, unknown>; mode: "train" | "eval"; seed: number; repr: string;
  init: Record<string, FixtureTensor>; inputs: InputSpec[]; outputs: (FixtureTensor | null)[]; grad_fns: (string | null)[];
  weights: (FixtureTensor | null)[]; input_grads: (FixtureTensor | null)[]; param_grads: Record<string, FixtureTensor>;
}
const fx = loadFixture<{ modules: ModuleCase[] }>("nn", "fixtures_more.json");

/** Where PyTorch 2.x names a node differently from the 1.13 oracle, we follow 2.x. */
const GRAD_FN_2X: Record<string, string> = { ReshapeAliasBackward0: "ViewBackward0" };

type Ctor = new (...args: unknown[]) => torch.nn.Module;
function build(c: ModuleCase): torch.nn.Module {
  if (c.kind === "TransformerEncoder") {
    // args: [d_model, nhead, dim_feedforward, num_layers], as gen_more.py builds it.
    const [d, h, ff, n] = c.args as number[];
    return new torch.nn.TransformerEncoder(new torch.nn.TransformerEncoderLayer(d, h, ff), n, c.kwargs);
  }
  if (c.kind === "TransformerDecoder") {
    const [d, h, ff, n] = c.args as number[];
    return new torch.nn.TransformerDecoder(new torch.nn.TransformerDecoderLayer(d, h, ff), n, c.kwargs);
  }
  const cls = (torch.nn as unknown as Record<string, Ctor>)[c.kind];
  assert.ok(cls, `torch.nn.${c.kind} exists`);
  const hasKw = Object.keys(c.kwargs).length > 0;
  return new cls(...c.args, ...(hasKw ? [c.kwargs] : []));
}

/** Outputs in the order the generator flattened them (tensors, tuples, nested tuples). */
function flatten(o: unknown): (Tensor | null)[] {
  if (o instanceof torch.Tensor) return [o];
  if (o === null || o === undefined) return [null];
  if (Array.isArray(o)) return o.flatMap(flatten);
  throw new Error(`unexpected output ${String(o)}`);
}

for (const c of fx.modules) {
  test(`module ${c.name}: ${c.repr.split("\n")[0]}`, () => {
    torch.manual_seed(c.seed);
    const m = build(c);
    assert.equal(String(m), c.repr);
    const sd = m.state_dict();
    assert.deepEqual(Object.keys(sd), Object.keys(c.init), "state_dict keys");
    for (const [k, v] of Object.entries(c.init)) assertExact(sd[k], v, `init ${k}`);
    if (c.mode === "eval") m.eval();
    // Inputs drawn in the generator's order; tuples (LSTM's (h_0, c_0)) become arrays.
    const leaves: Tensor[] = [];
    const made: unknown[] = [];
    const make = (s: InputSpec): unknown => {
      if (s === null) return null;
      if ("lit" in s) return s.lit;
      if ("ref" in s) return made[s.ref];
      if ("tuple" in s) return s.tuple.map(make);
      if ("const" in s) return toTensor(s.const);
      const x = torch.randn(s.randn.shape).requires_grad_();
      assertExact(x, s.randn, `seeded input ${leaves.length}`);
      leaves.push(x);
      return x;
    };
    const xs = c.inputs.map((s) => { const x = make(s); made.push(x); return x; });
    const inplace = (m as unknown as { inplace?: boolean }).inplace === true;
    const feed = xs.map((x) => (x instanceof torch.Tensor && inplace ? x.clone() : x ?? undefined));
    const outs = flatten(m.forward(...feed));
    assert.equal(outs.length, c.outputs.length, "number of outputs");
    let total: Tensor | null = null;
    outs.forEach((o, i) => {
      const e = c.outputs[i];
      if (e === null) { assert.equal(o, null, `output ${i} is None`); return; }
      assert.ok(o, `output ${i}`);
      assertClose(o, e, `output ${i}`, 1e-4, 1e-5);
      const gf = c.grad_fns[i];
      assert.equal(o.grad_fn ? o.grad_fn.name() : null, GRAD_FN_2X[gf ?? ""] ?? gf, `grad_fn of output ${i}`);
      const w = c.weights[i];
      if (w) { const term = o.mul(toTensor(w)).sum(); total = total ? total.add(term) : term; }
    });
    if (total) (total as Tensor).backward();
    leaves.forEach((x, i) => {
      const g = c.input_grads[i];
      if (g) assertClose(x.grad as Tensor, g, `grad of input ${i}`, 1e-4, 1e-5);
    });
    const params = new Map(m.named_parameters());
    for (const [k, g] of Object.entries(c.param_grads)) assertClose(params.get(k)?.grad as Tensor, g, `grad of ${k}`, 1e-4, 1e-5);
  });
}
