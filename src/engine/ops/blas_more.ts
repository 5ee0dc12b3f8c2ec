// addmv, addbmm, baddbmm: beta*input + alpha*(product), each one node as PyTorch records it.
import { Tensor } from "../tensor";
import { op1 } from "./define";
import { RuntimeError } from "../errors";
import { add, mul } from "./elementwise";
import { bmm, mv } from "./linalg";
import { expand, transpose, unsqueeze } from "./views";
import { sum } from "./reduce";

interface BlasP { beta: number; alpha: number }
const scaled = (t: Tensor, s: number): Tensor => (s === 1 ? t : mul(t, s));
/** beta*input + alpha*prod with PyTorch's rule that beta == 0 ignores input (NaN included). */
function combine(input: Tensor, prod: Tensor, p: BlasP): Tensor {
  const term = scaled(prod, p.alpha);
  if (p.beta === 0) return add(mul(expand(input, prod._shape), 0), term).detach();
  return add(scaled(input, p.beta), term).detach();
}
const addmvOp = op1<BlasP>("addmv", {
  name: "AddmvBackward0",
  forward: ([input, m, v], p) => combine(input.detach(), mv(m.detach(), v.detach()), p),
  save: ([, m, v]) => [["mat", m], ["vec", v]],
  backward: ([g], [m, v], p) => [scaled(g, p.beta), scaled(mul(unsqueeze(g, 1), unsqueeze(v, 0)), p.alpha), scaled(mv(transpose(m, 0, 1), g), p.alpha)],
});
type BetaAlpha = { beta?: number; alpha?: number };
export function addmv(input: Tensor, mat: Tensor, vec: Tensor, opts: BetaAlpha = {}): Tensor {
  if (mat._shape.length !== 2 || vec._shape.length !== 1) {
    throw new RuntimeError(`vector + matrix @ vector expected, got ${input._shape.length}, ${mat._shape.length}, ${vec._shape.length}`);
  }
  if (mat._shape[1] !== vec._shape[0]) {
    throw new RuntimeError(`size mismatch, got ${input._shape[0] ?? 1}, ${mat._shape[0]}x${mat._shape[1]},${vec._shape[0]}`);
  }
  return addmvOp([input, mat, vec], { beta: opts.beta ?? 1, alpha: opts.alpha ?? 1 });
}
function checkBatch(b1: Tensor, b2: Tensor): void {
  if (b1._shape.length !== 3) throw new RuntimeError(`batch1 must be a 3D tensor`);
  if (b2._shape.length !== 3) throw new RuntimeError(`batch2 must be a 3D tensor`);
  if (b1._shape[0] !== b2._shape[0]) {
    throw new RuntimeError(`batch1 and batch2 must have same number of batches, got ${b1._shape[0]} and ${b2._shape[0]}`);
  }
  if (b1._shape[2] !== b2._shape[1]) {
    throw new RuntimeError(`Incompatible matrix sizes for bmm (${b1._shape[1]}x${b1._shape[2]} and ${b2._shape[1]}x${b2._shape[2]})`);
  }
}
const baddbmmOp = op1<BlasP>("baddbmm", {
  name: "BaddbmmBackward0",
  forward: ([input, b1, b2], p) => combine(input.detach(), bmm(b1.detach(), b2.detach()), p),
  save: ([, b1, b2]) => [["batch1", b1], ["batch2", b2]],
  backward: ([g], [b1, b2], p) => [scaled(g, p.beta), scaled(bmm(g, transpose(b2, 1, 2)), p.alpha), scaled(bmm(transpose(b1, 1, 2), g), p.alpha)],
});
export function baddbmm(input: Tensor, batch1: Tensor, batch2: Tensor, opts: BetaAlpha = {}): Tensor {
  checkBatch(batch1, batch2);
  return baddbmmOp([input, batch1, batch2], { beta: opts.beta ?? 1, alpha: opts.alpha ?? 1 });
}
const addbmmOp = op1<BlasP>("addbmm", {
  name: "AddbmmBackward0",
  forward: ([input, b1, b2], p) => combine(input.detach(), sum(bmm(b1.detach(), b2.detach()), 0), p),
  save: ([, b1, b2]) => [["batch1", b1], ["batch2", b2]],
  backward: ([g], [b1, b2], p) => {
    const gb = expand(unsqueeze(g, 0), [b1._shape[0], ...g._shape]);
    return [scaled(g, p.beta), scaled(bmm(gb, transpose(b2, 1, 2)), p.alpha), scaled(bmm(transpose(b1, 1, 2), gb), p.alpha)];
  },
});
export function addbmm(input: Tensor, batch1: Tensor, batch2: Tensor, opts: BetaAlpha = {}): Tensor {
  checkBatch(batch1, batch2);
  return addbmmOp([input, batch1, batch2], { beta: opts.beta ?? 1, alpha: opts.alpha ?? 1 });
}

