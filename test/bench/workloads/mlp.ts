// The MLP training step, as the peer runs it (peers/torch_bench.py mlp_step): Linear(784,256) ->
// ReLU -> Linear(256,10), batch 64, cross-entropy, optim.SGD(lr=0.01, momentum=0.9); ms per
// zero_grad + forward + backward + step.
import * as torch from "../../../src/engine";
import { medianSeconds } from "./timing";
import type { Figure, Workload } from "./types";

const RUNS = 30;

function ours(): Figure[] {
  const label = "ours (engine + kernels)";
  try {
    const { nn } = torch;
    const model = new nn.Sequential(new nn.Linear(784, 256), new nn.ReLU(), new nn.Linear(256, 10));
    const opt = new torch.optim.SGD(model.parameters(), { lr: 0.01, momentum: 0.9 });
    const x = torch.randn(64, 784), y = torch.randint(0, 10, [64]);
    const s = medianSeconds(() => {
      opt.zero_grad();
      const loss = nn.functional.cross_entropy(model.forward(x) as torch.Tensor, y);
      loss.backward();
      opt.step();
    }, RUNS, 3);
    return [{ label, value: s * 1e3 }];
  } catch (e) {
    return [{ label, value: null, note: `failed: ${e instanceof Error ? e.message : String(e)}` }];
  }
}

export const mlpWorkloads: Workload[] = [
  {
    title: "MLP training step (784-256-10, batch 64, CE, SGD momentum 0.9)",
    unit: "ms", higherIsBetter: false,
    peer: { id: "mlp-step", kind: "mlp-step", runs: RUNS, maxSeconds: 90 },
    ours,
  },
];
