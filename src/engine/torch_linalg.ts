// The torch.* names of the linear-algebra ops (torch.einsum, torch.inverse, torch.svd, ...);
// torch.linalg.* lives in linalg.ts. The old APIs keep their old shapes: torch.svd returns V
// (not Vh) and takes `some`; torch.qr takes `some`; torch.cholesky takes `upper`.
import { Tensor } from "./tensor";
import { inv, det as linalgDet, slogdet as linalgSlogdet, pinv, matrix_exp as linalgMatrixExp } from "./ops/linalg_decomp";
import type { RankTol, SlogdetResult } from "./ops/linalg_decomp";
import { named } from "./ops/linalg_decomp";

export { einsum, tensordot, kron, ger, chain_matmul } from "./ops/einsum";
export { cdist, dist, vdot, block_diag, broadcast_tensors, cross } from "./ops/linalg_products";
export { logdet, matrix_power, svdLegacy as svd, qrLegacy as qr, choleskyLegacy as cholesky } from "./ops/linalg_decomp";

export function inverse(a: Tensor): Tensor { return inv(a); }
export function det(a: Tensor): Tensor { return linalgDet(a); }
/** torch.slogdet: the same values as torch.linalg.slogdet, as torch.return_types.slogdet. */
export function slogdet(a: Tensor): SlogdetResult {
  const r = linalgSlogdet(a);
  return named("slogdet", ["sign", "logabsdet"], [r.sign, r.logabsdet]);
}
export function pinverse(a: Tensor, rcond: number | { rcond?: number } = 1e-15): Tensor {
  const rc = typeof rcond === "number" ? rcond : rcond.rcond ?? 1e-15;
  return pinv(a, { rtol: rc } as RankTol);
}
export function matrix_exp(a: Tensor): Tensor { return linalgMatrixExp(a); }
