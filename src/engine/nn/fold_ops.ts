// im2col / col2im as primitives (Im2ColBackward0, Col2ImBackward0): F.unfold gathers every sliding
// block of a (C, H, W) image into a column, F.fold sums columns back into an image; each is the
// other's backward. One index map (column element -> image element or -1 for padding) serves both.
import { Tensor } from "../tensor";
import { op1 } from "../ops/define";
import { RuntimeError } from "../errors";
import { floatData, fromF64 } from "./tensors";

/** `batched`: a leading N dim (4-D images, 3-D columns); ATen takes unbatched inputs in the same op. */
export interface FoldParams { batched: boolean; C: number; H: number; W: number; k: [number, number]; d: [number, number]; p: [number, number]; s: [number, number] }

export function blocks(q: FoldParams): [number, number] {
  const bh = Math.floor((q.H + 2 * q.p[0] - q.d[0] * (q.k[0] - 1) - 1) / q.s[0]) + 1;
  const bw = Math.floor((q.W + 2 * q.p[1] - q.d[1] * (q.k[1] - 1) - 1) / q.s[1]) + 1;
  return [bh, bw];
}
/** For column row r = (c, ki, kj) and block l = (bi, bj): the image offset c·H·W + h·W + w, or -1. */
function indexMap(q: FoldParams): Int32Array {
  const [bh, bw] = blocks(q);
  if (bh <= 0 || bw <= 0) throw new RuntimeError(`Given input with spatial size (${q.H}, ${q.W}), kernel_size=(${q.k.join(", ")}), dilation=(${q.d.join(", ")}), padding=(${q.p.join(", ")}), calculated shape of the array of sliding blocks as (${bh}, ${bw}), but its components must be at least one.`);
  const rows = q.C * q.k[0] * q.k[1], L = bh * bw;
  const map = new Int32Array(rows * L);
  for (let r = 0; r < rows; r++) {
    const c = Math.floor(r / (q.k[0] * q.k[1])), ki = Math.floor(r / q.k[1]) % q.k[0], kj = r % q.k[1];
    for (let l = 0; l < L; l++) {
      const h = Math.floor(l / bw) * q.s[0] - q.p[0] + ki * q.d[0], w = (l % bw) * q.s[1] - q.p[1] + kj * q.d[1];
      map[r * L + l] = h >= 0 && h < q.H && w >= 0 && w < q.W ? c * q.H * q.W + h * q.W + w : -1;
    }
  }
  return map;
}

/** (N, C·H·W image) -> (N, rows·L columns). */
function im2col(x: Tensor, q: FoldParams): Tensor {
  const map = indexMap(q), img = q.C * q.H * q.W, xs = floatData(x), N = xs.length / img;
  const out = x._dtype.alloc(N * map.length);
  for (let n = 0; n < N; n++) for (let i = 0; i < map.length; i++) out[n * map.length + i] = map[i] < 0 ? 0 : xs[n * img + map[i]];
  const [bh, bw] = blocks(q);
  const shape = [q.C * q.k[0] * q.k[1], bh * bw];
  return Tensor._make(out, q.batched ? [N, ...shape] : shape, x._dtype);
}
/** (N, rows·L columns) -> (N, C, H, W), overlapping entries summed. */
function col2im(x: Tensor, q: FoldParams): Tensor {
  const map = indexMap(q), img = q.C * q.H * q.W, xs = floatData(x), N = xs.length / map.length;
  const acc = new Float64Array(N * img);
  for (let n = 0; n < N; n++) for (let i = 0; i < map.length; i++) if (map[i] >= 0) acc[n * img + map[i]] += xs[n * map.length + i];
  return fromF64(acc, q.batched ? [N, q.C, q.H, q.W] : [q.C, q.H, q.W], x._dtype);
}

export const im2colOp = op1<FoldParams>("im2col", {
  name: "Im2ColBackward0",
  forward: ([x], q) => im2col(x, q),
  backward: ([g], _s, q) => [col2im(g, q)],
});
export const col2imOp = op1<FoldParams>("col2im", {
  name: "Col2ImBackward0",
  forward: ([x], q) => col2im(x, q),
  backward: ([g], _s, q) => [im2col(g, q)],
});
