// A short MLP training run from torch.manual_seed(0) whose loss curve matches PyTorch's
// (test/optim/gen_fixtures.py, mlp_run: same data, same init, same optimizer, line for line).
import { test } from "node:test";
import * as torch from "../../src/engine";
import type { Tensor } from "../../src/engine";
import { assertClose, loadFixture } from "../nn/helpers";

const fx = loadFixture<{ mlp: { sgd_ce: number[]; adam_mse: number[]; final_fc_weight: number[] } }>("optim", "fixtures.json");
const { nn } = torch;
const F = nn.functional;

test("MLP training from the same seed reproduces PyTorch's loss curves", () => {
  torch.manual_seed(0);
  const X = torch.randn(64, 2);
  const y = X.select(1, 0).mul(X.select(1, 1)).gt(0).long();
  const model = new nn.Sequential(new nn.Linear(2, 16), new nn.ReLU(), new nn.Linear(16, 2));
  const opt = new torch.optim.SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
  const losses: number[] = [];
  for (let epoch = 0; epoch < 30; epoch++) {
    opt.zero_grad();
    const loss = F.cross_entropy(model.forward(X) as Tensor, y);
    loss.backward();
    opt.step();
    losses.push(Number(loss.item()));
  }
  assertClose(losses, fx.mlp.sgd_ce, "SGD + cross_entropy loss curve", 1e-5, 1e-7);
  assertClose((model.get(2) as InstanceType<typeof nn.Linear>).weight, fx.mlp.final_fc_weight, "final weights", 1e-4, 1e-6);

  const model2 = new nn.Sequential(new nn.Linear(2, 8), new nn.Tanh(), new nn.Linear(8, 1));
  const opt2 = new torch.optim.Adam(model2.parameters(), { lr: 0.05 });
  const losses2: number[] = [];
  const target = X.narrow(1, 0, 1).mul(2).sub(X.narrow(1, 1, 1).pow(2));
  for (let epoch = 0; epoch < 30; epoch++) {
    opt2.zero_grad();
    const loss = F.mse_loss(model2.forward(X) as Tensor, target);
    loss.backward();
    opt2.step();
    losses2.push(Number(loss.item()));
  }
  assertClose(losses2, fx.mlp.adam_mse, "Adam + mse_loss loss curve", 1e-5, 1e-7);
});
