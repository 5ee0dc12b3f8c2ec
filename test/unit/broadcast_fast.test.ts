// Binary ops where one operand broadcasts along the last dim of a dense one (softmax's keepdim
// sums, bias rows) take a direct loop (ops/elementwise.ts fastBinary): the results must equal
// the same op on the operand expanded to a dense copy, bit for bit, in float32 and float64,
// with the broadcast operand on either side, and gradients must keep flowing to both operands.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/engine";
import type { DType } from "../../src/engine/dtype";

type Op = (x: torch.Tensor, y: torch.Tensor) => torch.Tensor;
const OPS: [string, Op][] = [["add", torch.add], ["sub", torch.sub], ["mul", torch.mul], ["div", torch.div]];

function same(got: torch.Tensor, want: torch.Tensor, what: string): void {
  assert.deepEqual(got.shape, want.shape, what);
  const g = got.contiguous()._storage.data, w = want.contiguous()._storage.data;
  for (let i = 0; i < w.length; i++) assert.ok(Object.is(g[i], w[i]) || (Number.isNaN(g[i]) && Number.isNaN(w[i])), `${what} element ${i}: ${g[i]} vs ${w[i]}`);
}

test("last-dim broadcasts equal the dense computation bit for bit", () => {
  torch.manual_seed(3);
  for (const dtype of [torch.float32, torch.float64] as DType[]) {
    for (const [rows, cols] of [[64, 10], [7, 33], [2, 3, 40]].map((s) => [s.slice(0, -1), s[s.length - 1]] as const)) {
      const a = torch.randn([...rows, cols], { dtype });
      const perRow = torch.randn([...rows, 1], { dtype }).add(0.5);
      const row = torch.randn([cols], { dtype }).add(0.5);
      const row2 = torch.randn([1, cols], { dtype });
      for (const [name, op] of OPS) {
        for (const b of [perRow, row, row2]) {
          const dense = b.expand([...rows, cols]).contiguous();
          same(op(a, b), op(a, dense), `${name} ${dtype.name} a op b [${b.shape}]`);
          same(op(b, a), op(dense, a), `${name} ${dtype.name} b op a [${b.shape}]`);
        }
      }
    }
  }
});

test("gradients through a broadcast multiply reach both operands", () => {
  const a = torch.randn([64, 10]).requires_grad_();
  const s = torch.randn([64, 1]).requires_grad_();
  torch.mul(a, s).sum().backward();
  same(a.grad as torch.Tensor, s.expand([64, 10]).contiguous(), "grad of a");
  same(s.grad as torch.Tensor, a.detach().sum(1, true), "grad of s");
});
