// gradcheck samples for the ops of one area (see gradcheck_samples.ts for the format); merged by
// gradcheck.test.ts, kept apart so that people adding ops in different areas never edit one file.
import * as torch from "../../src/engine";
import type { Sample } from "./gradcheck_samples";

const F = torch.nn.functional;
const f64 = { dtype: torch.float64 };

/** One GRU for every call of its sample (finite differences re-run the call). */
let gruModule: torch.nn.GRU | null = null;
const gru = (): torch.nn.GRU => (gruModule ??= new torch.nn.GRU(2, 2, { batch_first: true, dtype: torch.float64 }));

let lstmModule: torch.nn.LSTMCell | null = null;
const lstm = (): torch.nn.LSTMCell => (lstmModule ??= new torch.nn.LSTMCell(4, 3, { dtype: torch.float64 }));

export const samples: Record<string, Sample[]> = {
  // Inputs lie in ±[0.2, 1.2]; scaling moves some across the kinks' far sides without landing on them.
  hardtanh: [{ inputs: (r) => [r(6)], call: (a) => F.hardtanh(a, -0.5, 0.7) }],
  elu: [
    { inputs: (r) => [r(6)], call: (a) => F.elu(a, 0.7) },
    { inputs: (r) => [r(6)], call: (a) => F.selu(a) },
    { inputs: (r) => [r(6)], call: (a) => F.celu(a, 1.5) },
  ],
  silu: [{ inputs: (r) => [r(6)], call: (a) => F.silu(a.mul(3)) }],
  mish: [{ inputs: (r) => [r(6)], call: (a) => F.mish(a.mul(3)) }],
  softplus: [{ inputs: (r) => [r(6)], call: (a) => F.softplus(a.mul(4), 2, 3) }],
  hardswish: [{ inputs: (r) => [r(6)], call: (a) => F.hardswish(a.mul(4)) }],
  hardsigmoid: [{ inputs: (r) => [r(6)], call: (a) => F.hardsigmoid(a.mul(4)) }],
  threshold: [{ inputs: (r) => [r(6)], call: (a) => F.threshold(a, 0.1, 2) }],
  log_sigmoid: [{ inputs: (r) => [r(6)], call: (a) => F.logsigmoid(a.mul(3)) }],
  hardshrink: [{ inputs: (r) => [r(6)], call: (a) => F.hardshrink(a, 0.6) }],
  softshrink: [{ inputs: (r) => [r(6)], call: (a) => F.softshrink(a, 0.6) }],
  prelu: [
    { inputs: (r) => [r(2, 3, 2), r(3)], call: (a, w) => F.prelu(a, w) },
    { inputs: (r) => [r(5), r(1)], call: (a, w) => F.prelu(a, w) },
  ],
  glu: [
    { inputs: (r) => [r(3, 4)], call: (a) => F.glu(a) },
    { inputs: (r) => [r(4, 3, 2)], call: (a) => F.glu(a, 0).mul(torch.arange(12, f64).view(2, 3, 2)) },
  ],
  huber_loss: [{ inputs: (r) => [r(2, 3), r(2, 3)], call: (a, b) => F.huber_loss(a.mul(2), b, { delta: 0.8, reduction: "none" }) }],
  soft_margin_loss: [{ inputs: (r) => [r(2, 3)], call: (a) => F.soft_margin_loss(a, a.detach().mul(3).sign(), { reduction: "sum" }) }],
  add_scalar: [{ inputs: (r) => [r(2, 3), r(2, 3)], call: (a, b) => F.pairwise_distance(a, b) }],
  sub_scalar: [{ inputs: (r) => [r(2, 3), r(2, 3), r(2)], call: (a, b, t) => F.cosine_embedding_loss(a, b, t.detach().sign(), { margin: -0.9, reduction: "none" }) }],
  transpose_inplace: [{ inputs: (r) => [r(3, 2, 2)], call: (a) => gru().forward(a)[0] }],
  conv1d: [
    { inputs: (r) => [r(2, 3, 6), r(4, 3, 3), r(4)], call: (x, w, b) => F.conv1d(x, w, b, { stride: 2, padding: 1 }) },
    { inputs: (r) => [r(1, 4, 5), r(4, 2, 2)], call: (x, w) => F.conv1d(x, w, null, { groups: 2, dilation: 2 }) },
  ],
  adaptive_max_pool2d: [{ inputs: (r) => [r(1, 2, 5, 4)], call: (x) => F.adaptive_max_pool2d(x, [3, 2]) }],
  pixel_shuffle: [{ inputs: (r) => [r(1, 8, 2, 3)], call: (x) => F.pixel_shuffle(x, 2) }],
  pixel_unshuffle: [{ inputs: (r) => [r(1, 2, 4, 6)], call: (x) => F.pixel_unshuffle(x, 2) }],
  upsample2d: [
    { inputs: (r) => [r(1, 2, 3, 4)], call: (x) => F.interpolate(x, { size: [5, 7], mode: "bilinear" }) },
    { inputs: (r) => [r(1, 2, 3, 4)], call: (x) => F.interpolate(x, { scale_factor: 1.5, mode: "bilinear", align_corners: true }) },
    { inputs: (r) => [r(1, 2, 3, 4)], call: (x) => F.interpolate(x, { size: [5, 9] }) },
  ],
  group_norm: [
    { inputs: (r) => [r(2, 4, 3), r(4), r(4)], call: (x, w, b) => F.group_norm(x, 2, w, b) },
    { inputs: (r) => [r(2, 6, 2, 2)], call: (x) => F.group_norm(x, 3).mul(torch.arange(48, f64).view(2, 6, 2, 2)) },
  ],
  conv_transpose2d: [
    { inputs: (r) => [r(1, 4, 3, 3), r(4, 2, 3, 3), r(2)], call: (x, w, b) => F.conv_transpose2d(x, w, b, { stride: 2, padding: 1, output_padding: 1 }) },
    { inputs: (r) => [r(2, 4, 2, 3), r(4, 3, 2, 2)], call: (x, w) => F.conv_transpose2d(x, w, null, { groups: 2, dilation: 2 }) },
  ],
  multi_margin_loss: [
    { inputs: (r) => [r(3, 4)], call: (x) => F.multi_margin_loss(x, torch.tensor([1, 0, 3]), { margin: 0.9 }) },
    { inputs: (r) => [r(3, 4)], call: (x) => F.multi_margin_loss(x, torch.tensor([2, 2, 0]), { p: 2, reduction: "none" }) },
  ],
  im2col: [{ inputs: (r) => [r(1, 2, 4, 5)], call: (x) => F.unfold(x, [2, 3], { padding: 1, stride: [2, 1] }) }],
  col2im: [{ inputs: (r) => [r(1, 12, 15)], call: (x) => F.fold(x, [4, 5], [2, 3], { padding: 1, stride: [2, 1] }) }],
  unsafe_chunk: [{ inputs: (r) => [r(2, 4), r(2, 3)], call: (x, h) => lstm().forward(x, [h, h])[1] }],
};
