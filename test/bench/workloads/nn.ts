// Workloads that need the engine's nn (MLP training step, the tutorial's ResNet-18). Their
// peer side runs now; our side arrives with the nn module (issue 3): until then each says so.
// To add ours, replace `notYet` with a function that builds the model with the engine and
// times it with ./timing's medianSeconds (ms per step/pass).
import type { Figure, Workload } from "./types";

const notYet = (): Figure[] => [{ label: "ours", value: null, note: "not measured: the engine's nn is not built yet" }];

export const nnWorkloads: Workload[] = [
  {
    title: "MLP training step (784-256-10, batch 64, CE, SGD momentum 0.9)",
    unit: "ms", higherIsBetter: false,
    peer: { id: "mlp-step", kind: "mlp-step", runs: 30, maxSeconds: 90 },
    ours: notYet,
  },
  {
    title: "ResNet-18 on 1x3x64x64, forward",
    unit: "ms", higherIsBetter: false,
    peer: { id: "resnet18-fwd", kind: "resnet18-fwd", runs: 9, maxSeconds: 90 },
    ours: notYet,
  },
  {
    title: "ResNet-18 on 1x3x64x64, forward + (pred - labels).sum().backward()",
    unit: "ms", higherIsBetter: false,
    peer: { id: "resnet18-fwdbwd", kind: "resnet18-fwdbwd", runs: 9, maxSeconds: 90 },
    ours: notYet,
  },
];
