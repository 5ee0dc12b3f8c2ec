// pixel_shuffle/pixel_unshuffle, interpolate (nearest and bilinear, 4-D) and the channel-wise
// dropouts (dropout1d, dropout2d: one Bernoulli draw per channel, as PyTorch's feature dropout).
import { Tensor } from "../tensor";
import { RuntimeError, ValueError, NotImplementedError } from "../errors";
import { rng } from "../rng";
import { mul } from "../ops/elementwise";
import { parseArgs } from "./args";
import { checkShuffle, pixelShuffleOp, pixelUnshuffleOp } from "./shape_ops";
import { upsample2dOp } from "./upsample_ops";

export function pixel_shuffle(input: Tensor, upscale_factor: number): Tensor {
  checkShuffle(input, upscale_factor, true);
  return pixelShuffleOp([input], { r: upscale_factor });
}
export function pixel_unshuffle(input: Tensor, downscale_factor: number): Tensor {
  checkShuffle(input, downscale_factor, false);
  return pixelUnshuffleOp([input], { r: downscale_factor });
}

type Pair = number | number[];
export interface InterpolateOpts {
  size?: Pair | null; scale_factor?: Pair | null; mode?: string; align_corners?: boolean | null;
  recompute_scale_factor?: boolean | null; antialias?: boolean;
}
export function interpolate(input: Tensor, ...rest: (Pair | string | boolean | null | InterpolateOpts | undefined)[]): Tensor {
  const o = parseArgs<InterpolateOpts>(["size", "scale_factor", "mode", "align_corners", "recompute_scale_factor", "antialias"], rest);
  const mode = o.mode ?? "nearest";
  if (mode === "nearest" || mode === "area" || mode === "nearest-exact") {
    if (o.align_corners !== undefined && o.align_corners !== null) {
      throw new ValueError("align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear");
    }
  }
  if (mode !== "nearest" && mode !== "bilinear") throw new NotImplementedError(`F.interpolate: mode='${mode}' is not supported by Gradient Inspector (nearest, bilinear)`);
  if (input.dim() !== 4) {
    if (mode === "bilinear") throw new NotImplementedError(`Got ${input.dim()}D input, but bilinear mode needs 4D input`);
    throw new NotImplementedError(`F.interpolate: only 4-D input is supported by Gradient Inspector, got ${input.dim()}-D`);
  }
  if (o.antialias) throw new NotImplementedError("F.interpolate: antialias=True is not supported by Gradient Inspector");
  const hasSize = o.size !== undefined && o.size !== null, hasScale = o.scale_factor !== undefined && o.scale_factor !== null;
  if (hasSize && hasScale) throw new ValueError("only one of size or scale_factor should be defined");
  if (!hasSize && !hasScale) throw new ValueError("either size or scale_factor should be defined");
  const [H, W] = input._shape.slice(2);
  let out: [number, number];
  let scales: [number | null, number | null] = [null, null];
  if (hasSize) {
    const s = o.size as Pair;
    if (Array.isArray(s) && s.length !== 2) throw new ValueError(`Input and output must have the same number of spatial dimensions, but got input with spatial dimensions of [${H}, ${W}] and output size of [${s.join(", ")}]. Please provide input tensor in (N, C, d1, d2, ...,dK) format and output size in (o1, o2, ...,oK) format.`);
    out = Array.isArray(s) ? [s[0], s[1]] : [s, s];
  } else {
    const f = o.scale_factor as Pair;
    const sf: [number, number] = Array.isArray(f) ? [f[0], f[1]] : [f, f];
    out = [Math.floor(H * sf[0]), Math.floor(W * sf[1])];
    if (!o.recompute_scale_factor) scales = sf;
  }
  if (out[0] <= 0 || out[1] <= 0) throw new RuntimeError(`Input and output sizes should be greater than 0, but got input (H: ${H}, W: ${W}) output (H: ${out[0]}, W: ${out[1]})`);
  return upsample2dOp([input], { mode, out, alignCorners: mode === "bilinear" && (o.align_corners ?? false), scales });
}
/** The deprecated F.upsample: interpolate under its old name. */
export function upsample(input: Tensor, ...rest: (Pair | string | boolean | null | InterpolateOpts | undefined)[]): Tensor { return interpolate(input, ...rest); }

type DropArg = number | boolean | { p?: number; training?: boolean; inplace?: boolean } | undefined;
/** Feature dropout: zero whole channels (dims from 2 on share one draw per (N, C)). */
function featureDropout(input: Tensor, batched: boolean, rest: DropArg[]): Tensor {
  const o = parseArgs<{ p: number; training: boolean; inplace: boolean }>(["p", "training", "inplace"], rest);
  const p = o.p ?? 0.5;
  if (p < 0 || p > 1) throw new ValueError(`dropout probability has to be between 0 and 1, but got ${p}`);
  if (!(o.training ?? true) || p === 0) return input;
  const x = batched ? input : input.unsqueeze(0);
  const noiseShape = x._shape.map((d, i) => (i < 2 ? d : 1));
  const n = noiseShape[0] * noiseShape[1];
  const noise = Tensor._make(rng().dropout(n, p, x._dtype), noiseShape, x._dtype);
  if (o.inplace) return input.mul_(batched ? noise : noise.squeeze(0));
  const out = mul(x, noise);
  return batched ? out : out.squeeze(0);
}
export function dropout1d(input: Tensor, ...rest: DropArg[]): Tensor {
  if (input.dim() !== 2 && input.dim() !== 3) throw new RuntimeError(`dropout1d: Expected 2D or 3D input, but received a ${input.dim()}D input. Note that dropout1d exists to provide channel-wise dropout on inputs with 1 spatial dimension, a channel dimension, and an optional batch dimension (i.e. 2D or 3D inputs).`);
  return featureDropout(input, input.dim() === 3, rest);
}
export function dropout2d(input: Tensor, ...rest: DropArg[]): Tensor {
  if (input.dim() !== 3 && input.dim() !== 4) throw new RuntimeError(`dropout2d: Received a ${input.dim()}-D input to dropout2d, which is deprecated and will result in an error in a future release. To retain the behavior and silence this warning, please use dropout instead. Note that dropout2d exists to provide channel-wise dropout on inputs with 2 spatial dimensions, a channel dimension, and an optional batch dimension (i.e. 3D or 4D inputs).`);
  return featureDropout(input, input.dim() === 4, rest);
}
