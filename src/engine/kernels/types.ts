// Parameter shapes shared by the JS and WebAssembly kernels. Everything is row-major on raw
// typed arrays with explicit offsets and leading dimensions: kernels know nothing of Tensor.

export type FloatArray = Float32Array | Float64Array;

/** C = alpha * op(A) * op(B) + beta * C; op(A) is m x k, op(B) is k x n, C is m x n. */
export interface GemmParams<T extends FloatArray = FloatArray> {
  transA: boolean;
  transB: boolean;
  m: number;
  n: number;
  k: number;
  /** Default 1. */
  alpha?: number;
  /** Default 0: C is overwritten (its old contents, even NaN, are ignored as in BLAS). */
  beta?: number;
  a: T;
  aOffset: number;
  /** Elements between consecutive rows of A as stored (k for op(A)=A contiguous, m when transA). */
  lda: number;
  b: T;
  bOffset: number;
  ldb: number;
  c: T;
  cOffset: number;
  ldc: number;
  /**
   * Optional row vector added to every row of the result after the product, rounded to the
   * dtype: C[i, j] = C[i, j] + rowAdd[rowAddOffset + j * rowAddStride] (nn.Linear's bias).
   */
  rowAdd?: T;
  rowAddOffset?: number;
  /** Default 1. */
  rowAddStride?: number;
}

/** `batch` independent GEMMs; matrix i starts at offset + i * stride in each array (stride may be 0). */
export interface BatchedGemmParams<T extends FloatArray = FloatArray> extends GemmParams<T> {
  batch: number;
  strideA: number;
  strideB: number;
  strideC: number;
}

/** NCHW convolution geometry (weight is [outChannels, inChannels / groups, kH, kW]). */
export interface Conv2dGeometry {
  batch: number;
  inChannels: number;
  inH: number;
  inW: number;
  outChannels: number;
  kH: number;
  kW: number;
  strideH: number;
  strideW: number;
  padH: number;
  padW: number;
  dilationH: number;
  dilationW: number;
  groups: number;
}

/** Output height/width of a convolution or pooling window (PyTorch's floor formula). */
export function convOutSize(inSize: number, k: number, stride: number, pad: number, dilation: number): number {
  return Math.floor((inSize + 2 * pad - dilation * (k - 1) - 1) / stride) + 1;
}

export interface Conv2dForwardParams<T extends FloatArray = FloatArray> extends Conv2dGeometry {
  input: T; inputOffset: number;
  weight: T; weightOffset: number;
  /** Optional [outChannels] bias added to every output position. */
  bias?: T; biasOffset?: number;
  /** Written (not accumulated): [batch, outChannels, outH, outW]. */
  output: T; outputOffset: number;
}

export interface Conv2dBackwardInputParams<T extends FloatArray = FloatArray> extends Conv2dGeometry {
  gradOutput: T; gradOutputOffset: number;
  weight: T; weightOffset: number;
  /** Written (not accumulated): [batch, inChannels, inH, inW]. */
  gradInput: T; gradInputOffset: number;
}

export interface Conv2dBackwardWeightParams<T extends FloatArray = FloatArray> extends Conv2dGeometry {
  input: T; inputOffset: number;
  gradOutput: T; gradOutputOffset: number;
  /** Written (not accumulated): same layout as the weight. */
  gradWeight: T; gradWeightOffset: number;
}

/** Window geometry of 2-d pooling over NCHW (batch * channels planes). */
export interface Pool2dGeometry {
  batch: number;
  channels: number;
  inH: number;
  inW: number;
  kH: number;
  kW: number;
  strideH: number;
  strideW: number;
  padH: number;
  padW: number;
  dilationH: number;
  dilationW: number;
  /** PyTorch's ceil_mode: the last window may start in the input and run past it. */
  ceilMode: boolean;
}

/** Output size of pooling, with PyTorch's rule that the last window must start inside input or left padding. */
export function poolOutSize(inSize: number, k: number, stride: number, pad: number, dilation: number, ceilMode: boolean): number {
  const span = inSize + 2 * pad - dilation * (k - 1) - 1;
  let out = (ceilMode ? Math.ceil(span / stride) : Math.floor(span / stride)) + 1;
  if (ceilMode && (out - 1) * stride >= inSize + pad) out--;
  return out;
}
