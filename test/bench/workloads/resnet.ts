// The tutorial's ResNet-18 (../../../shared/seeds/003_*) on one 1x3x64x64 image, in train mode
// as the tutorial leaves it: forward alone, and forward + (pred - labels).sum().backward(), ms.
// Our side runs the engine (torch + torchvision.models.resnet18, untrained as in the peer).
import * as torch from "../../../src/engine";
import { resnet18 } from "../../../src/engine/vision/models";
import { medianSeconds } from "./timing";
import type { Figure, Workload } from "./types";

const RUNS = 9;

function ours(backward: boolean): Figure[] {
  const label = "ours (engine + kernels)";
  try {
    const model = resnet18();
    const data = torch.rand([1, 3, 64, 64]);
    const labels = torch.rand([1, 1000]);
    const s = medianSeconds(() => {
      if (backward) {
        model.zero_grad();
        model.forward(data).sub(labels).sum().backward();
      } else {
        model.forward(data); // with autograd recording, as the tutorial's `prediction = model(data)`
      }
    }, RUNS, 2);
    return [{ label, value: s * 1e3 }];
  } catch (e) {
    return [{ label, value: null, note: `failed: ${e instanceof Error ? e.message : String(e)}` }];
  }
}

export const resnetWorkloads: Workload[] = [
  {
    title: "ResNet-18 on 1x3x64x64, forward",
    unit: "ms", higherIsBetter: false,
    peer: { id: "resnet18-fwd", kind: "resnet18-fwd", runs: RUNS, maxSeconds: 90 },
    ours: () => ours(false),
  },
  {
    title: "ResNet-18 on 1x3x64x64, forward + (pred - labels).sum().backward()",
    unit: "ms", higherIsBetter: false,
    peer: { id: "resnet18-fwdbwd", kind: "resnet18-fwdbwd", runs: RUNS, maxSeconds: 90 },
    ours: () => ours(true),
  },
];
