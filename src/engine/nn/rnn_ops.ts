// Nodes ATen's CPU RNN records that our plain ops name differently. RNN/GRU (not LSTM) swap batch and time back with the in-place `transpose_(0, 1)` on the
// stacked output, which PyTorch records as TransposeBackward1. The stacked output is a fresh
// tensor nobody else sees, so a transposed copy with that node is equivalent.
import { defineOp, op1 } from "../ops/define";
import { cat, chunk, transpose } from "../ops/views";
import { zeros } from "../creation";

export const transposeInplaceOp = op1<{ dim0: number; dim1: number }>("transpose_inplace", {
  name: "TransposeBackward1",
  forward: ([x], p) => transpose(x.detach(), p.dim0, p.dim1).contiguous(),
  backward: ([g], _s, p) => [transpose(g, p.dim0, p.dim1)],
});

/**
 * unsafe_chunk, which ATen's RNN cells use to split the gates (UnsafeSplitBackward0). The chunks
 * are copies here: the cells only read them, so views would buy nothing.
 */
export const unsafeChunkOp = defineOp<{ chunks: number; dim: number }>("unsafe_chunk", {
  name: "UnsafeSplitBackward0",
  forward: ([x], p) => chunk(x.detach(), p.chunks, p.dim).map((c) => c.contiguous()),
  backward: (grads, _s, p, [inp]) => {
    const size = Math.ceil(inp.shape[p.dim] / p.chunks);
    const parts = grads.map((g, i) => {
      if (g) return g;
      const shape = inp.shape.slice();
      shape[p.dim] = Math.min(size, inp.shape[p.dim] - i * size);
      return zeros(shape, { dtype: grads.find((t) => t)?._dtype });
    });
    return [cat(parts, p.dim)];
  },
});
