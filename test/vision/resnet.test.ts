// torchvision.models against PyTorch 1.13 + torchvision 0.14 (test/nn/fixtures.json): the seeded
// resnet18 (architecture, names, parameter count, init, forward, gradients, BN running stats),
// and seed 003's fine-tuning scenario: freeze everything, replace fc, only fc learns.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as os from "node:os";
import * as path from "node:path";
import * as fs from "node:fs";
import * as torch from "../../src/engine";
import * as torchvision from "../../src/engine/torchvision";
import type { Tensor } from "../../src/engine";
import { moduleStack } from "../../src/engine/ops/define";
import { saveStateDictFile } from "../../src/engine/vision/weights";
import { assertClose, loadFixture, values } from "../nn/helpers";

interface ResnetFixture {
  repr: string; param_count: number; param_names: string[]; buffer_names: string[];
  conv1_weight_head: number[]; fc_weight_head: number[]; fc_bias_head: number[]; output: number[]; loss: number;
  grads_head: Record<string, number[]>; grad_norms: Record<string, number>;
  running_mean_bn1: number[]; running_var_bn1: number[]; grad_fn: string;
}
const fx = loadFixture<{ resnet18: ResnetFixture; resnet50_repr: string; resnet50_param_count: number; resnet34_param_count: number }>("nn", "fixtures.json");
const { nn } = torch;

test("resnet18 from torch.manual_seed(0): init, forward and backward match PyTorch", () => {
  const r = fx.resnet18;
  torch.manual_seed(0);
  const model = torchvision.models.resnet18();
  assert.equal(String(model), r.repr);
  assert.deepEqual([...model.named_parameters()].map(([n]) => n), r.param_names);
  assert.deepEqual([...model.named_buffers()].map(([n]) => n), r.buffer_names);
  let count = 0;
  for (const p of model.parameters()) count += p.numel();
  assert.equal(count, 11689512);
  assert.equal(count, r.param_count);
  // Default init drawn in PyTorch's order: bit for bit.
  assert.deepEqual(values(model.conv1.weight.reshape(-1).narrow(0, 0, 16)), r.conv1_weight_head);
  assert.deepEqual(values(model.fc.weight.reshape(-1).narrow(0, 0, 16)), r.fc_weight_head);
  assert.deepEqual(values(model.fc.bias!.narrow(0, 0, 16)), r.fc_bias_head);

  const data = torch.rand(1, 3, 64, 64);
  const labels = torch.rand(1, 1000);
  const out = model.forward(data);
  assert.deepEqual([...out.shape], [1, 1000]);
  assert.equal(out.grad_fn!.name(), r.grad_fn);
  assertClose(out, r.output, "prediction", 1e-4, 1e-4);
  const loss = out.sub(labels).sum();
  assert.ok(Math.abs(Number(loss.item()) - r.loss) <= 1e-3 * Math.abs(r.loss) + 1e-3, `loss ${loss.item()} vs ${r.loss}`);
  loss.backward();
  let withGrad = 0;
  for (const [name, p] of model.named_parameters()) {
    assert.ok(p.grad !== null, `${name} has a gradient`);
    withGrad++;
    // Deep float32 backward: summation order differs from PyTorch's, so compare norms tightly, heads loosely.
    const norm = Number((p.grad as Tensor).norm().item());
    assert.ok(Math.abs(norm - r.grad_norms[name]) <= 2e-3 * r.grad_norms[name] + 1e-5, `${name} grad norm ${norm} vs ${r.grad_norms[name]}`);
    assertClose((p.grad as Tensor).reshape(-1).narrow(0, 0, r.grads_head[name].length), r.grads_head[name], `${name} grad head`, 5e-3, 2e-3 * r.grad_norms[name]);
  }
  assert.equal(withGrad, 62);
  assertClose(model.bn1.running_mean!.narrow(0, 0, 8), r.running_mean_bn1, "bn1.running_mean", 1e-5, 1e-7);
  assertClose(model.bn1.running_var!.narrow(0, 0, 8), r.running_var_bn1, "bn1.running_var", 1e-5, 1e-7);
});

test("seed 003: freeze every parameter, replace fc with Linear(512, 10): only fc gets gradients and changes", () => {
  torch.manual_seed(1);
  const model = torchvision.models.resnet18();
  const data = torch.rand(1, 3, 64, 64);
  for (const param of model.parameters()) param.requires_grad = false;
  model.fc = new nn.Linear(512, 10);
  assert.equal(model._modules.get("fc"), model.fc, "assignment registers the new layer");
  assert.ok(String(model).endsWith("(fc): Linear(in_features=512, out_features=10, bias=True)\n)"));
  const optimizer = new torch.optim.SGD(model.parameters(), { lr: 1e-2, momentum: 0.9 });
  const before = new Map<string, Tensor>();
  for (const [name, p] of model.named_parameters()) before.set(name, p.detach().clone());
  const out = model.forward(data);
  assert.deepEqual([...out.shape], [1, 10]);
  out.sum().backward();
  const gotGrad = [...model.named_parameters()].filter(([, p]) => p.grad !== null).map(([n]) => n);
  assert.deepEqual(gotGrad, ["fc.weight", "fc.bias"]);
  optimizer.step();
  const changed = [...model.named_parameters()].filter(([n, p]) => !torch.equal(p, before.get(n)!)).map(([n]) => n);
  assert.deepEqual(changed, ["fc.weight", "fc.bias"]);
  let trainable = 0;
  for (const p of model.parameters()) if (p.requires_grad) trainable += p.numel();
  assert.equal(trainable, 5130);
  // SGD's first step with momentum: p -= lr * grad exactly.
  const fcGrad = model.fc.bias!.grad!;
  assert.deepEqual(values(model.fc.bias!), values(before.get("fc.bias")!).map((v, i) => Math.fround(v + Math.fround(-1e-2) * fcGrad._get(i))));
});

test("resnet34/resnet50 architectures: parameter counts and repr", () => {
  torch.manual_seed(0);
  let n = 0;
  for (const p of torchvision.models.resnet34({ num_classes: 1000 }).parameters()) n += p.numel();
  assert.equal(n, fx.resnet34_param_count);
  const m50 = torchvision.models.resnet50();
  assert.equal(String(m50), fx.resnet50_repr);
  n = 0;
  for (const p of m50.parameters()) n += p.numel();
  assert.equal(n, fx.resnet50_param_count);
});

test("graph nodes record the dotted module path; parameters are named", () => {
  const seen: string[] = [];
  const model = new nn.Sequential(new nn.Linear(2, 3), new nn.ReLU(), new nn.Sequential(new nn.Linear(3, 1)));
  model.get(2).register_forward_hook(() => { seen.push(moduleStack[moduleStack.length - 1]); });
  const out = model.forward(torch.ones(1, 2)) as Tensor;
  assert.equal(out.grad_fn!._module, "2.0");
  const relu = out.grad_fn!.next_functions[1][0]!;
  assert.equal(relu.name(), "ReluBackward0");
  assert.equal(relu._module, "1");
  assert.equal(relu.next_functions[0][0]!._module, "0");
  assert.deepEqual(seen, ["2"]);
  assert.equal((model.get(0) as InstanceType<typeof nn.Linear>).weight._name, "0.weight");
  assert.equal(moduleStack.length, 0);
});

test("pretrained weights: a local file loads; hub names warn on stderr and keep the random init", () => {
  torch.manual_seed(3);
  const src = torchvision.models.resnet18({ num_classes: 4 });
  const file = path.join(os.tmpdir(), `gi-resnet18-${process.pid}.json`);
  saveStateDictFile(src, file);
  const loaded = torchvision.models.resnet18({ num_classes: 4, weights: file });
  for (const [[n, a], [, b]] of [...src.state_dict() ? Object.entries(src.state_dict()) : []].map((e, i) => [e, Object.entries(loaded.state_dict())[i]])) {
    assert.ok(torch.equal(a as Tensor, b as Tensor), `${n as string} loaded`);
  }
  fs.unlinkSync(file);
  const writes: string[] = [];
  const orig = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((s: string) => { writes.push(String(s)); return true; }) as typeof process.stderr.write;
  try {
    torchvision.models.resnet18({ pretrained: true });
  } finally {
    process.stderr.write = orig;
  }
  assert.match(writes.join(""), /pretrained weights 'DEFAULT' cannot be downloaded in Gradient Inspector/);
  assert.throws(() => torchvision.models.resnet18({ weights: "/no/such/file.json" }), /does not exist/);
});
