// ATen's RNN/GRU (not LSTM) swap batch and time back with the in-place `transpose_(0, 1)` on the
// stacked output, which PyTorch records as TransposeBackward1. The stacked output is a fresh
// tensor nobody else sees, so a transposed copy with that node is equivalent.
import { op1 } from "../ops/define";
import { transpose } from "../ops/views";

export const transposeInplaceOp = op1<{ dim0: number; dim1: number }>("transpose_inplace", {
  name: "TransposeBackward1",
  forward: ([x], p) => transpose(x.detach(), p.dim0, p.dim1).contiguous(),
  backward: ([g], _s, p) => [transpose(g, p.dim0, p.dim1)],
});
