// gradcheck samples for the ops of one area (see gradcheck_samples.ts for the format); merged by
// gradcheck.test.ts, kept apart so that people adding ops in different areas never edit one file.
// Linear algebra: square inputs get 3·I added so they stay well conditioned; symmetric inputs
// (cholesky, eigh) are built inside the call, since the factorizations read one triangle only
// and a finite difference of one off-diagonal element would otherwise leave the symmetric set.
// Eigenvector/singular-vector losses use abs() so they do not depend on the vectors' signs.
import * as torch from "../../src/engine";
import type { Tensor } from "../../src/engine";
import type { Sample } from "./gradcheck_samples";

const f64 = { dtype: torch.float64 };
const eye = (n: number): Tensor => torch.eye(n, f64);
const wellConditioned = (a: Tensor): Tensor => a.add(eye(a.shape[a.dim() - 1]).mul(3));
const spd = (a: Tensor): Tensor => a.matmul(a.mT).add(eye(a.shape[a.dim() - 1]));
const weights = (...shape: number[]): Tensor => torch.arange(shape.reduce((x, y) => x * y, 1), f64).add(1).reshape(shape);

export const samples: Record<string, Sample[]> = {
  linalg_diagonal: [{ inputs: (r) => [r(3, 3)], call: (a) => torch.einsum("ii->i", a).mul(weights(3)) }],
  cdist: [
    { inputs: (r) => [r(3, 4), r(2, 4)], call: (a, b) => torch.cdist(a, b) },
    { inputs: (r) => [r(2, 3, 2), r(2, 2, 2)], call: (a, b) => torch.cdist(a, b, 1) },
    { inputs: (r) => [r(3, 2), r(2, 2)], call: (a, b) => torch.cdist(a, b, 3) },
  ],
  euclidean_dist: [{ inputs: (r) => [r(3, 4), r(2, 4)], call: (a, b) => torch.cdist(a, b, { compute_mode: "use_mm_for_euclid_dist" }) }],
  dist: [{ inputs: (r) => [r(2, 3), r(3)], call: (a, b) => torch.dist(a, b) }, { inputs: (r) => [r(4), r(4)], call: (a, b) => torch.dist(a, b, 3) }],
  vdot: [{ inputs: (r) => [r(4), r(4)], call: (a, b) => torch.vdot(a, b) }],
  block_diag: [{ inputs: (r) => [r(2, 2), r(3), r(1, 2)], call: (a, b, c) => torch.block_diag(a, b, c).mul(weights(4, 7)) }],
  linalg_cross: [{ inputs: (r) => [r(2, 3), r(1, 3)], call: (a, b) => torch.linalg.cross(a, b) }, { inputs: (r) => [r(3, 2), r(3, 2)], call: (a, b) => torch.cross(a, b) }],
  linalg_inv_ex: [{ inputs: (r) => [r(2, 3, 3)], call: (a) => torch.linalg.inv(wellConditioned(a)) }],
  linalg_det: [{ inputs: (r) => [r(3, 3)], call: (a) => torch.linalg.det(a) }, { inputs: (r) => [r(2, 2, 2)], call: (a) => torch.det(wellConditioned(a)) }],
  linalg_slogdet: [{ inputs: (r) => [r(3, 3)], call: (a) => torch.linalg.slogdet(wellConditioned(a)).logabsdet }],
  linalg_solve_ex: [
    { inputs: (r) => [r(3, 3), r(3, 2)], call: (a, b) => torch.linalg.solve(wellConditioned(a), b) },
    { inputs: (r) => [r(2, 3, 3), r(3)], call: (a, b) => torch.linalg.solve(wellConditioned(a), b) },
  ],
  linalg_cholesky_ex: [
    { inputs: (r) => [r(3, 3)], call: (a) => torch.linalg.cholesky(spd(a)) },
    { inputs: (r) => [r(2, 2, 2)], call: (a) => torch.linalg.cholesky(spd(a), { upper: true }) },
  ],
  linalg_qr: [
    { inputs: (r) => [r(4, 3)], call: (a) => { const { Q, R } = torch.linalg.qr(a); return Q.mul(weights(4, 3)).sum().add(R.mul(weights(3, 3)).sum()); } },
    { inputs: (r) => [r(2, 4)], call: (a) => { const [Q, R] = torch.linalg.qr(a); return Q.sum().add(R.mul(weights(2, 4)).sum()); } },
  ],
  linalg_eigh: [
    { inputs: (r) => [r(3, 3)], call: (a) => torch.linalg.eigvalsh(a.add(a.mT)) },
    { inputs: (r) => [r(3, 3)], call: (a) => { const { eigenvalues, eigenvectors } = torch.linalg.eigh(a.add(a.mT)); return eigenvectors.abs().mul(weights(3, 3)).sum().add(eigenvalues.sum()); } },
  ],
  linalg_svd: [
    { inputs: (r) => [r(3, 2)], call: (a) => torch.linalg.svdvals(a) },
    { inputs: (r) => [r(4, 3)], call: (a) => { const { U, S, Vh } = torch.linalg.svd(a, { full_matrices: false }); return U.abs().mul(weights(4, 3)).sum().add(Vh.abs().sum()).add(S.sum()); } },
    { inputs: (r) => [r(2, 3)], call: (a) => { const [U, S, Vh] = torch.linalg.svd(a); return U.abs().sum().add(Vh.narrow(0, 0, 2).abs().mul(weights(2, 3)).sum()).add(S.mul(weights(2)).sum()); } },
  ],
  linalg_pinv: [{ inputs: (r) => [r(3, 2)], call: (a) => torch.linalg.pinv(a) }, { inputs: (r) => [r(2, 4)], call: (a) => torch.linalg.pinv(a) }],
  linalg_lstsq: [
    { inputs: (r) => [r(4, 2), r(4, 3)], call: (a, b) => torch.linalg.lstsq(a, b).solution },
    { inputs: (r) => [r(3, 3), r(3)], call: (a, b) => torch.linalg.lstsq(wellConditioned(a), b).solution },
  ],
  // ord=0 passes no gradient (as PyTorch); the count is piecewise constant, so finite differences agree.
  linalg_vector_norm_ord0: [{ inputs: (r) => [r(2, 3)], call: (a) => torch.linalg.vector_norm(a, 0, 1).add(a.sum()) }],
  linalg_solve_triangular: [
    { inputs: (r) => [r(3, 3), r(3, 2)], call: (a, b) => torch.linalg.solve_triangular(a.add(eye(3).mul(3)), b, { upper: false }) },
    { inputs: (r) => [r(2, 3, 3), r(2, 3)], call: (a, b) => torch.linalg.solve_triangular(a.add(eye(3).mul(3)), b, { upper: true, left: false }) },
    { inputs: (r) => [r(3, 3), r(3, 1)], call: (a, b) => torch.linalg.solve_triangular(a, b, { upper: true, unitriangular: true }) },
  ],
  linalg_matrix_exp: [{ inputs: (r) => [r(3, 3)], call: (a) => torch.matrix_exp(a) }],
};
