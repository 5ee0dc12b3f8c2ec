// conv_transpose2d as one ConvolutionBackward0 node (PyTorch records transposed convolution under
// the same node). A transposed convolution is the input-gradient of the convolution that maps its
// output back to its input, so forward and backward reuse the convolution kernels with the roles
// swapped: forward = conv2dBackwardInput(x), grad_input = conv2dForward(g), grad_weight =
// conv2dBackwardWeight(input = g, gradOutput = x).
import { Tensor } from "../tensor";
import { op1 } from "../ops/define";
import * as K from "./kernels";
import { floatData, make } from "./tensors";

export interface ConvTransposeParams {
  stride: [number, number]; padding: [number, number]; outputPadding: [number, number]; dilation: [number, number]; groups: number;
}

export function convTransposeOutSize(inSize: number, k: number, s: number, p: number, op: number, d: number): number {
  return (inSize - 1) * s - 2 * p + d * (k - 1) + op + 1;
}

/** The geometry of the convolution whose input is our output (N, C_out, H_out, W_out). */
function geometry(xShape: readonly number[], wShape: readonly number[], p: ConvTransposeParams): K.Conv2dGeometry {
  const [N, , H, W] = xShape;
  const [, cPerGroup, kH, kW] = wShape;
  return {
    batch: N, inChannels: cPerGroup * p.groups, outChannels: wShape[0], kH, kW,
    inH: convTransposeOutSize(H, kH, p.stride[0], p.padding[0], p.outputPadding[0], p.dilation[0]),
    inW: convTransposeOutSize(W, kW, p.stride[1], p.padding[1], p.outputPadding[1], p.dilation[1]),
    strideH: p.stride[0], strideW: p.stride[1], padH: p.padding[0], padW: p.padding[1],
    dilationH: p.dilation[0], dilationW: p.dilation[1], groups: p.groups,
  };
}

export const convTranspose2dOp = op1<ConvTransposeParams>("conv_transpose2d", {
  name: "ConvolutionBackward0",
  forward: ([x, w, b], p) => {
    const g = geometry(x._shape, w._shape, p);
    const plane = g.inH * g.inW;
    const out = x._dtype.alloc(g.batch * g.inChannels * plane) as K.FloatArray;
    K.conv2dBackwardInput({ ...g, gradOutput: floatData(x), gradOutputOffset: 0, weight: floatData(w), weightOffset: 0, gradInput: out, gradInputOffset: 0 });
    if (b) {
      const bd = floatData(b);
      for (let n = 0; n < g.batch; n++) for (let c = 0; c < g.inChannels; c++) {
        const base = (n * g.inChannels + c) * plane;
        for (let i = 0; i < plane; i++) out[base + i] += bd[c];
      }
    }
    return make(out, [g.batch, g.inChannels, g.inH, g.inW], x._dtype);
  },
  save: ([x, w]) => [["input", x], ["weight", w]],
  backward: ([gOut], [x, w], p, inputs) => {
    const g = geometry(x._shape, w._shape, p);
    const go = floatData(gOut);
    const gx = x._dtype.alloc(x.numel()) as K.FloatArray;
    K.conv2dForward({ ...g, input: go, inputOffset: 0, weight: floatData(w), weightOffset: 0, output: gx, outputOffset: 0 });
    const gw = w._dtype.alloc(w.numel()) as K.FloatArray;
    K.conv2dBackwardWeight({ ...g, input: go, inputOffset: 0, gradOutput: floatData(x), gradOutputOffset: 0, gradWeight: gw, gradWeightOffset: 0 });
    let gb: Tensor | null = null;
    if (inputs.length > 2 && inputs[2].shape.length === 1) {
      const db = new Float64Array(g.inChannels);
      K.conv2dBackwardBias(go, 0, g.batch, g.inChannels, g.inH * g.inW, db, 0);
      const bd = x._dtype.alloc(g.inChannels) as K.FloatArray;
      bd.set(db);
      gb = make(bd, [g.inChannels], x._dtype);
    }
    return [make(gx, x._shape, x._dtype), make(gw, w._shape, w._dtype), gb];
  },
});
