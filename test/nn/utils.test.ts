// torch.nn.utils against PyTorch 1.13 (utils_fixtures.json from gen_utils_fixtures.py): clip_grad_norm_
// total norms and clipped gradients bit for bit, clip_grad_value_, parameter <-> vector conversion.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/engine";
import { loadFixture, values } from "../nn/helpers";

interface ClipCase { max_norm: number; norm_type: number | "inf"; dtype: "float32" | "float64"; params: number[][]; shapes: number[][]; grads: number[][]; total: number; total_dtype: string; clipped: number[][] }
const fx = loadFixture<{ clip_norm: ClipCase[]; clip_value: { grad: number[]; clipped: number[] }; vector: { vec: number[]; grad_fn: string } }>("nn", "utils_fixtures.json");

for (const c of fx.clip_norm) {
  test(`clip_grad_norm_ max_norm=${c.max_norm} norm_type=${c.norm_type} ${c.dtype}`, () => {
    const dtype = torch[c.dtype];
    const params = c.params.map((v, i) => torch.tensor(v, { dtype }).reshape(c.shapes[i]).requires_grad_());
    c.grads.forEach((g, i) => { params[i].grad = torch.tensor(g, { dtype }).reshape(c.shapes[i]); });
    const total = torch.nn.utils.clip_grad_norm_(params, c.max_norm, c.norm_type);
    assert.equal(String(total.dtype), c.total_dtype);
    // NOTE: torch.norm of a float32 vector can differ from PyTorch's in the last bit (the engine's
    // reduction order, src/engine/ops/reduce.ts); float64 and the inf-norm (a max) are exact.
    const exact = c.dtype === "float64" || c.norm_type === "inf";
    const close = (a: number, e: number, what: string): void => {
      if (exact) assert.equal(a, e, what);
      else assert.ok(Math.abs(a - e) <= 4e-7 * Math.abs(e), `${what}: ${a} vs PyTorch ${e}`);
    };
    close(total.item() as number, c.total, "total norm");
    c.clipped.forEach((e, i) => values(params[i].grad as torch.Tensor).forEach((v, k) => close(v, e[k], `grad ${i}[${k}]`)));
    assert.equal(params[2].grad, null);
  });
}

test("clip_grad_norm_: no grads gives tensor(0.); non-finite norms raise with error_if_nonfinite", () => {
  const p = torch.ones(2).requires_grad_();
  assert.equal(String(torch.nn.utils.clip_grad_norm_([p], 1)), "tensor(0.)");
  p.grad = torch.tensor([1, Infinity], { dtype: torch.float32 });
  assert.throws(() => torch.nn.utils.clip_grad_norm_(p, 1, { error_if_nonfinite: true }), {
    message: "The total norm of order 2.0 for gradients from `parameters` is non-finite, so it cannot be clipped. To disable this error and scale the gradients by the non-finite norm anyway, set `error_if_nonfinite=False`",
  });
  assert.equal(torch.nn.utils.clip_grad_norm_(p, 1).item(), Infinity);
});

test("clip_grad_value_ clamps in place", () => {
  const p = torch.zeros(6).requires_grad_();
  p.grad = torch.tensor(fx.clip_value.grad);
  torch.nn.utils.clip_grad_value_([p], 0.8);
  assert.deepEqual(values(p.grad as torch.Tensor), fx.clip_value.clipped);
});

test("parameters_to_vector and vector_to_parameters", () => {
  torch.manual_seed(7);
  torch.randn(6); torch.randn(6); // the fixture's draws before nn.Linear(3, 2)
  const lin = new torch.nn.Linear(3, 2);
  const vec = torch.nn.utils.parameters_to_vector(lin.parameters());
  assert.deepEqual(values(vec), fx.vector.vec);
  assert.equal(vec.grad_fn?.name(), fx.vector.grad_fn);
  torch.nn.utils.vector_to_parameters(torch.arange(8, { dtype: torch.float32 }), lin.parameters());
  assert.deepEqual(values(lin.weight), [0, 1, 2, 3, 4, 5]);
  assert.deepEqual([...lin.weight.shape], [2, 3]);
  assert.deepEqual(values(lin.bias as torch.Tensor), [6, 7]);
});
