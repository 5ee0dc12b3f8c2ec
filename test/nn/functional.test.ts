// nn.functional losses and ops against PyTorch 1.13: values for every reduction and option,
// grad_fn names, and gradients of every input that requires grad.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/engine";
import type { Tensor } from "../../src/engine";
import { assertClose, FixtureTensor, loadFixture, toTensor } from "./helpers";

const F = torch.nn.functional;

interface FnCase {
  name: string; fn: string; kwargs: Record<string, unknown>; inputs: FixtureTensor[]; grad_inputs: number[];
  weight: FixtureTensor; output: FixtureTensor; grad_fn: string | null; grads: (FixtureTensor | null)[];
}
const fx = loadFixture<{ functional: FnCase[]; one_hot: { input: number[]; num_classes: number; output: number[] }[] }>("nn", "fixtures.json");

const isFixtureTensor = (v: unknown): v is FixtureTensor => typeof v === "object" && v !== null && "values" in v && "shape" in v;

/** Call F.<fn> the way a TypeScript port of the PyTorch call would. */
function call(c: FnCase, xs: Tensor[]): Tensor {
  const kw: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c.kwargs)) kw[k] = isFixtureTensor(v) ? toTensor(v) : v;
  switch (c.fn) {
    case "pad": { const { pad, ...rest } = kw; return F.pad(xs[0], pad as number[], rest); }
    case "avg_pool2d": { const { kernel_size, ...rest } = kw; return F.avg_pool2d(xs[0], kernel_size as number, rest); }
    case "layer_norm": return F.layer_norm(xs[0], kw.normalized_shape as number[], { eps: kw.eps as number });
    case "softmax": return F.softmax(xs[0], kw.dim as number);
    case "log_softmax": return F.log_softmax(xs[0], kw.dim as number);
    case "leaky_relu": return F.leaky_relu(xs[0], kw.negative_slope as number);
    case "gelu": return F.gelu(xs[0]);
    case "linear": return F.linear(xs[0], xs[1], xs[2]);
    case "conv2d": return F.conv2d(xs[0], xs[1], xs[2], kw);
    default: {
      const fn = (F as unknown as Record<string, (a: Tensor, b: Tensor, o: Record<string, unknown>) => Tensor>)[c.fn];
      return fn(xs[0], xs[1], kw);
    }
  }
}

/** C++ compositions record the Scalar overloads; the names we give match those (see scalar_ops.ts). */
for (const c of fx.functional) {
  test(`F.${c.fn} ${c.name}`, () => {
    const xs = c.inputs.map((t, i) => toTensor(t, c.grad_inputs.includes(i)));
    const out = call(c, xs);
    assertClose(out, c.output, "output", 1e-5, 1e-6);
    assert.equal(out.grad_fn ? out.grad_fn.name() : null, c.grad_fn, "grad_fn");
    out.mul(toTensor(c.weight)).sum().backward();
    c.grads.forEach((g, i) => { if (g) assertClose(xs[i].grad as Tensor, g, `grad of input ${i}`, 1e-4, 1e-6); });
  });
}

test("F.one_hot", () => {
  for (const c of fx.one_hot) {
    const out = F.one_hot(torch.tensor(c.input), c.num_classes);
    assert.equal(out.dtype, torch.int64);
    assert.deepEqual(out.tolist(), c.output);
  }
  assert.throws(() => F.one_hot(torch.tensor([3]), 2), /Class values must be smaller than num_classes/);
});

test("loss errors use PyTorch's messages", () => {
  assert.throws(() => F.binary_cross_entropy_with_logits(torch.zeros(3), torch.zeros(2)), /Target size \(torch.Size\(\[2\]\)\) must be the same as input size \(torch.Size\(\[3\]\)\)/);
  assert.throws(() => F.cross_entropy(torch.zeros(2, 3), torch.tensor([0, 3])), /Target 3 is out of bounds/);
  assert.throws(() => F.nll_loss(torch.zeros(2, 3), torch.tensor([0, 1, 2])), /Expected input batch_size \(2\) to match target batch_size \(3\)/);
});

test("binary_cross_entropy_with_logits as seed 002 uses it", () => {
  const z = torch.tensor([0.5, -1.0, 2.0], { requires_grad: true });
  const loss = F.binary_cross_entropy_with_logits(z, torch.zeros(3));
  assert.equal(loss.grad_fn!.name(), "BinaryCrossEntropyWithLogitsBackward0");
});
