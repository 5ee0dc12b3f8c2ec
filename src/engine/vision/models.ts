// torchvision.models: resnet18/34/50 with torchvision's architecture and initialisation.
// `weights`/`pretrained` take a local file (see weights.ts); hub downloads are not possible here.
import { ResNet, BasicBlock, Bottleneck, type ResNetOpts } from "./resnet";
import { applyWeights, type WeightsOpts } from "./weights";

export { ResNet, BasicBlock, Bottleneck };
export type ModelOpts = ResNetOpts & WeightsOpts;

function build(arch: string, block: typeof BasicBlock | typeof Bottleneck, layers: number[], o: ModelOpts): ResNet {
  const model = new ResNet(block, layers, o);
  applyWeights(model, arch, o);
  return model;
}

export function resnet18(o: ModelOpts = {}): ResNet { return build("resnet18", BasicBlock, [2, 2, 2, 2], o); }
export function resnet34(o: ModelOpts = {}): ResNet { return build("resnet34", BasicBlock, [3, 4, 6, 3], o); }
export function resnet50(o: ModelOpts = {}): ResNet { return build("resnet50", Bottleneck, [3, 4, 6, 3], o); }
