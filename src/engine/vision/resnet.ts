// torchvision.models.resnet, ported from torchvision 0.14's resnet.py: the same module tree and
// names (conv1, bn1, layer1.0.conv1, ..., fc), the same construction order (so seeded default
// initialisation draws PyTorch's numbers), and resnet's own re-initialisation of convs and BNs.
import { Tensor } from "../tensor";
import { flatten } from "../ops/views";
import { ValueError, NotImplementedError } from "../errors";
import { Module, keepNames } from "../nn/module";
import { Conv2d } from "../nn/layers/conv";
import { BatchNorm2d } from "../nn/layers/norm";
import { ReLU } from "../nn/layers/activation";
import { MaxPool2d, AdaptiveAvgPool2d } from "../nn/layers/pooling";
import { Linear } from "../nn/layers/linear";
import { Sequential } from "../nn/layers/container";
import * as init from "../nn/init";

export function conv3x3(in_planes: number, out_planes: number, stride = 1, groups = 1, dilation = 1): Conv2d {
  return new Conv2d(in_planes, out_planes, 3, { stride, padding: dilation, groups, bias: false, dilation });
}
export function conv1x1(in_planes: number, out_planes: number, stride = 1): Conv2d {
  return new Conv2d(in_planes, out_planes, 1, { stride, bias: false });
}

interface BlockArgs { stride?: number; downsample?: Module | null; groups?: number; base_width?: number; dilation?: number }

export class BasicBlock extends Module {
  static readonly expansion = 1;
  conv1: Conv2d;
  bn1: BatchNorm2d;
  relu: ReLU;
  conv2: Conv2d;
  bn2: BatchNorm2d;
  downsample: Module | null;
  stride: number;
  constructor(inplanes: number, planes: number, a: BlockArgs = {}) {
    super();
    if ((a.groups ?? 1) !== 1 || (a.base_width ?? 64) !== 64) throw new ValueError("BasicBlock only supports groups=1 and base_width=64");
    if ((a.dilation ?? 1) > 1) throw new NotImplementedError("Dilation > 1 not supported in BasicBlock");
    this.conv1 = conv3x3(inplanes, planes, a.stride ?? 1);
    this.bn1 = new BatchNorm2d(planes);
    this.relu = new ReLU(true);
    this.conv2 = conv3x3(planes, planes);
    this.bn2 = new BatchNorm2d(planes);
    this.downsample = a.downsample ?? null;
    this.stride = a.stride ?? 1;
  }
  override forward(x: Tensor): Tensor {
    let identity = x;
    let out = this.conv1.forward(x);
    out = this.bn1.forward(out);
    out = this.relu.forward(out);
    out = this.conv2.forward(out);
    out = this.bn2.forward(out);
    if (this.downsample !== null) identity = this.downsample.forward(x);
    out = out.add_(identity);
    return this.relu.forward(out);
  }
}

export class Bottleneck extends Module {
  static readonly expansion = 4;
  conv1: Conv2d;
  bn1: BatchNorm2d;
  conv2: Conv2d;
  bn2: BatchNorm2d;
  conv3: Conv2d;
  bn3: BatchNorm2d;
  relu: ReLU;
  downsample: Module | null;
  stride: number;
  constructor(inplanes: number, planes: number, a: BlockArgs = {}) {
    super();
    const width = Math.trunc(planes * ((a.base_width ?? 64) / 64.0)) * (a.groups ?? 1);
    this.conv1 = conv1x1(inplanes, width);
    this.bn1 = new BatchNorm2d(width);
    this.conv2 = conv3x3(width, width, a.stride ?? 1, a.groups ?? 1, a.dilation ?? 1);
    this.bn2 = new BatchNorm2d(width);
    this.conv3 = conv1x1(width, planes * Bottleneck.expansion);
    this.bn3 = new BatchNorm2d(planes * Bottleneck.expansion);
    this.relu = new ReLU(true);
    this.downsample = a.downsample ?? null;
    this.stride = a.stride ?? 1;
  }
  override forward(x: Tensor): Tensor {
    let identity = x;
    let out = this.relu.forward(this.bn1.forward(this.conv1.forward(x)));
    out = this.relu.forward(this.bn2.forward(this.conv2.forward(out)));
    out = this.bn3.forward(this.conv3.forward(out));
    if (this.downsample !== null) identity = this.downsample.forward(x);
    out = out.add_(identity);
    return this.relu.forward(out);
  }
}

type Block = typeof BasicBlock | typeof Bottleneck;

export interface ResNetOpts {
  num_classes?: number;
  zero_init_residual?: boolean;
  groups?: number;
  width_per_group?: number;
  replace_stride_with_dilation?: [boolean, boolean, boolean] | null;
}

export class ResNet extends Module {
  inplanes: number;
  dilation: number;
  groups: number;
  base_width: number;
  conv1: Conv2d;
  bn1: BatchNorm2d;
  relu: ReLU;
  maxpool: MaxPool2d;
  layer1: Sequential;
  layer2: Sequential;
  layer3: Sequential;
  layer4: Sequential;
  avgpool: AdaptiveAvgPool2d;
  /** Typed as Linear, the layer fine-tuning code replaces and reads (`model.fc.in_features`). */
  fc: Linear;
  constructor(block: Block, layers: number[], o: ResNetOpts = {}) {
    super();
    this.inplanes = 64;
    this.dilation = 1;
    const dil = o.replace_stride_with_dilation ?? [false, false, false];
    if (dil.length !== 3) throw new ValueError(`replace_stride_with_dilation should be None or a 3-element tuple, got ${JSON.stringify(dil)}`);
    this.groups = o.groups ?? 1;
    this.base_width = o.width_per_group ?? 64;
    this.conv1 = new Conv2d(3, this.inplanes, 7, { stride: 2, padding: 3, bias: false });
    this.bn1 = new BatchNorm2d(this.inplanes);
    this.relu = new ReLU(true);
    this.maxpool = new MaxPool2d(3, { stride: 2, padding: 1 });
    this.layer1 = this.makeLayer(block, 64, layers[0]);
    this.layer2 = this.makeLayer(block, 128, layers[1], 2, dil[0]);
    this.layer3 = this.makeLayer(block, 256, layers[2], 2, dil[1]);
    this.layer4 = this.makeLayer(block, 512, layers[3], 2, dil[2]);
    this.avgpool = new AdaptiveAvgPool2d([1, 1]);
    this.fc = new Linear(512 * block.expansion, o.num_classes ?? 1000);
    for (const m of this.modules()) {
      if (m instanceof Conv2d) init.kaiming_normal_(m.weight, { mode: "fan_out", nonlinearity: "relu" });
      else if (m instanceof BatchNorm2d) {
        init.constant_(m.weight as Tensor, 1);
        init.constant_(m.bias as Tensor, 0);
      }
    }
    if (o.zero_init_residual) {
      for (const m of this.modules()) {
        if (m instanceof Bottleneck && m.bn3.weight) init.constant_(m.bn3.weight, 0);
        else if (m instanceof BasicBlock && m.bn2.weight) init.constant_(m.bn2.weight, 0);
      }
    }
    this._nameTensors();
  }
  private makeLayer(block: Block, planes: number, blocks: number, stride = 1, dilate = false): Sequential {
    let downsample: Module | null = null;
    const previousDilation = this.dilation;
    if (dilate) {
      this.dilation *= stride;
      stride = 1;
    }
    if (stride !== 1 || this.inplanes !== planes * block.expansion) {
      downsample = new Sequential(conv1x1(this.inplanes, planes * block.expansion, stride), new BatchNorm2d(planes * block.expansion));
    }
    const layers: Module[] = [new block(this.inplanes, planes, { stride, downsample, groups: this.groups, base_width: this.base_width, dilation: previousDilation })];
    this.inplanes = planes * block.expansion;
    for (let i = 1; i < blocks; i++) {
      layers.push(new block(this.inplanes, planes, { groups: this.groups, base_width: this.base_width, dilation: this.dilation }));
    }
    return new Sequential(...layers);
  }
  override forward(x: Tensor): Tensor {
    x = this.conv1.forward(x);
    x = this.bn1.forward(x);
    x = this.relu.forward(x);
    x = this.maxpool.forward(x) as Tensor;
    x = this.layer1.forward(x) as Tensor;
    x = this.layer2.forward(x) as Tensor;
    x = this.layer3.forward(x) as Tensor;
    x = this.layer4.forward(x) as Tensor;
    x = this.avgpool.forward(x);
    x = flatten(x, 1);
    return this.fc.forward(x);
  }
}

keepNames({ BasicBlock, Bottleneck, ResNet });
