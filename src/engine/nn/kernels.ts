// The one adapter between nn's differentiable ops and the kernel layer (src/engine/kernels):
// convolution and pooling on raw NCHW typed arrays. Switching an implementation is one line here.
export {
  conv2dForward, conv2dBackwardInput, conv2dBackwardWeight, conv2dBackwardBias, convOutSize, poolOutSize,
  maxPool2dForward, maxPool2dBackward, avgPool2dForward, avgPool2dBackward, residentF32, isResidentF32,
} from "../kernels";
export type { Conv2dGeometry, FloatArray, Pool2dGeometry } from "../kernels";
