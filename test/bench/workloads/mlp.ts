// The MLP training step, as the peer runs it (peers/torch_bench.py mlp_step): Linear(784,256) ->
// ReLU -> Linear(256,10), batch 64, cross-entropy, optim.SGD(lr=0.01, momentum=0.9); ms per
// zero_grad + forward + backward + step.
import * as torch from "../../../src/engine";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { medianSeconds } from "./timing";
import type { Figure, Workload } from "./types";

const RUNS = 30;
/** Untimed steps first: V8 tiers the step's JS up over its first few dozen calls (PyTorch has
 * no JIT; its runner warms up with one call). */
const WARMUP_STEPS = 20;
const STEPS_FOR_HEAP = 1000;

function ours(): Figure[] {
  const label = "ours (engine + kernels)";
  try {
    const { nn } = torch;
    const model = new nn.Sequential(new nn.Linear(784, 256), new nn.ReLU(), new nn.Linear(256, 10));
    const opt = new torch.optim.SGD(model.parameters(), { lr: 0.01, momentum: 0.9 });
    const x = torch.randn(64, 784), y = torch.randint(0, 10, [64]);
    const step = () => {
      opt.zero_grad();
      const loss = nn.functional.cross_entropy(model.forward(x) as torch.Tensor, y);
      loss.backward();
      opt.step();
    };
    const s = medianSeconds(step, RUNS, WARMUP_STEPS);
    return [{ label, value: s * 1e3, note: heapGrowth(step) }];
  } catch (e) {
    return [{ label, value: null, note: `failed: ${e instanceof Error ? e.message : String(e)}` }];
  }
}

/** Live heap after a full GC, in bytes (GC exposed at run time: no node flag needed). */
function liveHeap(): number | null {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as (() => void) | undefined;
  if (typeof gc !== "function") return null;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** Whether memory stays flat over training: live heap before and after 1,000 more steps. */
function heapGrowth(step: () => void): string {
  const before = liveHeap();
  if (before === null) return "heap growth not measured (no gc)";
  for (let i = 0; i < STEPS_FOR_HEAP; i++) step();
  const after = liveHeap() as number;
  const mb = (after - before) / 2 ** 20;
  return `live heap ${mb >= 0 ? "+" : ""}${mb.toFixed(2)} MB over ${STEPS_FOR_HEAP} more steps`;
}

export const mlpWorkloads: Workload[] = [
  {
    title: "MLP training step (784-256-10, batch 64, CE, SGD momentum 0.9)",
    unit: "ms", higherIsBetter: false,
    peer: { id: "mlp-step", kind: "mlp-step", runs: RUNS, maxSeconds: 90 },
    ours,
  },
];
