// pixel_shuffle / pixel_unshuffle as primitives (PixelShuffleBackward0, PixelUnshuffleBackward0):
// each is a fixed permutation of elements; the backward of one is the other.
import { Tensor } from "../tensor";
import { op1 } from "../ops/define";
import { RuntimeError } from "../errors";

/** (*, C·r², H, W) -> (*, C, H·r, W·r) when `up`, the inverse otherwise (values copied, contiguous). */
function shuffle(x: Tensor, r: number, up: boolean): Tensor {
  const nd = x._shape.length;
  const lead = x._shape.slice(0, nd - 3);
  const [c, h, w] = x._shape.slice(nd - 3);
  const B = lead.reduce((a, b) => a * b, 1);
  if (up) {
    const oc = c / (r * r);
    return x.reshape([B, oc, r, r, h, w]).permute(0, 1, 4, 2, 5, 3).contiguous().view([...lead, oc, h * r, w * r]);
  }
  const oh = h / r, ow = w / r;
  return x.reshape([B, c, oh, r, ow, r]).permute(0, 1, 3, 5, 2, 4).contiguous().view([...lead, c * r * r, oh, ow]);
}

export const pixelShuffleOp = op1<{ r: number }>("pixel_shuffle", {
  name: "PixelShuffleBackward0",
  forward: ([x], p) => shuffle(x.detach(), p.r, true),
  backward: ([g], _s, p) => [shuffle(g, p.r, false)],
});
export const pixelUnshuffleOp = op1<{ r: number }>("pixel_unshuffle", {
  name: "PixelUnshuffleBackward0",
  forward: ([x], p) => shuffle(x.detach(), p.r, false),
  backward: ([g], _s, p) => [shuffle(g, p.r, true)],
});

export function checkShuffle(x: Tensor, r: number, up: boolean): void {
  const nd = x.dim();
  if (nd < 3) throw new RuntimeError(`pixel_${up ? "" : "un"}shuffle expects input to have at least 3 dimensions, but got input with ${nd} dimension(s)`);
  const [c, h, w] = x._shape.slice(nd - 3);
  if (up && c % (r * r) !== 0) throw new RuntimeError(`pixel_shuffle expects its input's 'channel' dimension to be divisible by the square of upscale_factor, but input.size(-3)=${c} is not divisible by ${r * r}`);
  if (!up && h % r !== 0) throw new RuntimeError(`pixel_unshuffle expects height to be divisible by downscale_factor, but input.size(-2)=${h} is not divisible by ${r}`);
  if (!up && w % r !== 0) throw new RuntimeError(`pixel_unshuffle expects width to be divisible by downscale_factor, but input.size(-1)=${w} is not divisible by ${r}`);
}
