// Leaves adopt a gradient backward created and nobody else holds, instead of cloning it
// (autograd/engine.ts Adoption). These check it never adopts an aliased one.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/engine";
import type { Tensor } from "../../src/engine";

const storageOf = (t: Tensor | null) => (t as Tensor)._storage;

test("x + y with both leaves: each leaf owns its gradient", () => {
  const x = torch.randn([5, 4]).requires_grad_(), y = torch.randn([5, 4]).requires_grad_();
  x.add(y).backward(torch.ones([5, 4]));
  assert.notEqual(storageOf(x.grad), storageOf(y.grad));
  (x.grad as Tensor).mul_(3);
  assert.deepEqual((y.grad as Tensor).tolist(), torch.ones([5, 4]).tolist());
});

test("a gradient the caller passed in is never adopted (root, and through a view)", () => {
  const x = torch.randn([6]).requires_grad_();
  const g = torch.randn([6]);
  x.backward(g);
  assert.notEqual(storageOf(x.grad), g._storage);
  const w = torch.randn([2, 3]).requires_grad_();
  const g2 = torch.randn([6]);
  w.view(6).backward(g2);
  assert.notEqual(storageOf(w.grad), g2._storage);
  g2.fill_(0);
  assert.notDeepEqual((w.grad as Tensor).tolist(), torch.zeros([2, 3]).tolist());
});

test("a hook that keeps a gradient disables adoption in that pass", () => {
  const w = torch.randn([3, 3]).requires_grad_();
  const kept: Tensor[] = [];
  const h = w.clone(); // CloneBackward passes the hooked gradient straight to w
  h.register_hook((g) => { kept.push(g); });
  h.pow(2).sum().backward();
  assert.notEqual(storageOf(w.grad), kept[0]._storage);
  const before = (w.grad as Tensor).tolist();
  kept[0].mul_(0); // the hook's tensor may be mutated by the user
  assert.deepEqual((w.grad as Tensor).tolist(), before);
});

test("adopted gradients still accumulate over several backward calls", () => {
  const w = torch.randn([4, 3]).requires_grad_();
  const x = torch.randn([2, 4]);
  torch.mm(x, w).sum().backward();
  const once = (w.grad as Tensor).clone();
  torch.mm(x, w).sum().backward();
  assert.deepEqual((w.grad as Tensor).tolist(), once.mul(2).tolist());
  const lin = new torch.nn.Linear(3, 2);
  const inp = torch.randn([5, 3]);
  lin.forward(inp).sum().backward();
  const wg = (lin.weight.grad as Tensor).clone();
  lin.forward(inp).sum().backward();
  assert.deepEqual((lin.weight.grad as Tensor).tolist(), wg.mul(2).tolist());
  assert.notEqual(storageOf(lin.weight.grad), storageOf((lin.bias as Tensor).grad));
});
