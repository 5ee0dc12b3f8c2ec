// Second derivatives through slicing: SliceBackwardBackward0 must take back exactly the slice's
// elements (PyTorch 1.13: d²/dx² of sum(x.narrow(0,0,1)²) is [2, 0, 0]; of sum(y[1:8:3]³) is 6·y there).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/engine";

test("grad of grad through narrow and a strided slice", () => {
  const x = torch.tensor([1, 2, 3], { dtype: torch.float64, requires_grad: true });
  const [g] = torch.autograd.grad(x.narrow(0, 0, 1).pow(2).sum(), [x], { create_graph: true });
  const [gg] = torch.autograd.grad(g!.sum(), [x]);
  assert.deepEqual(gg?.tolist(), [2, 0, 0]);
  const y = torch.arange(10, { dtype: torch.float64, requires_grad: true });
  const [g2] = torch.autograd.grad(y.index("1:8:3").pow(3).sum(), [y], { create_graph: true });
  const [gg2] = torch.autograd.grad(g2!.sum(), [y]);
  assert.deepEqual(gg2?.tolist(), [0, 6, 0, 0, 24, 0, 0, 42, 0, 0]);
});
