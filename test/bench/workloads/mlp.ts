// The MLP training step. Its peer side runs now; our side needs the engine's optim (SGD with
// momentum, issue 3), which does not exist yet: until then it says so. To add ours, replace
// `notYet` with a function that builds the model with the engine and times one step with
// ./timing's medianSeconds (ms per step).
import type { Figure, Workload } from "./types";

const notYet = (): Figure[] => [{ label: "ours", value: null, note: "not measured: the engine has no optim.SGD yet" }];

export const mlpWorkloads: Workload[] = [
  {
    title: "MLP training step (784-256-10, batch 64, CE, SGD momentum 0.9)",
    unit: "ms", higherIsBetter: false,
    peer: { id: "mlp-step", kind: "mlp-step", runs: 30, maxSeconds: 90 },
    ours: notYet,
  },
];
