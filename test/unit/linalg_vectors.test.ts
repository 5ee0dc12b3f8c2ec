// Eigenvectors and singular vectors are unique only up to sign: LAPACK (PyTorch) and our Jacobi
// kernels choose differently, so the oracle fixtures compare only eigenvalues/singular values.
// Here (fixtures from gen_linalg_vectors_fixtures.py, PyTorch 1.13) the vectors are compared after
// sign normalisation (each column's largest-magnitude entry positive; u_i flips with v_i), through
// reconstructions and orthonormality, and through gradients of losses that do not depend on signs.
// Tolerances: float64 1e-9; float32 1e-5 (PyTorch's LAPACK runs in float32, we run in float64 and round).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/engine";
import type { Tensor } from "../../src/engine";
import { loadFixture, values, assertClose } from "../nn/helpers";

interface EighCase { name: string; dtype: "float32" | "float64"; shape: number[]; input: number[]; eigenvalues: number[]; eigenvectors: number[]; grad: number[] }
interface SvdCase extends Omit<EighCase, "eigenvalues" | "eigenvectors"> { full: boolean; S: number[]; U: number[]; V: number[]; U_shape: number[]; Vh_shape: number[] }
const fx = loadFixture<{ eigh: EighCase[]; svd: SvdCase[] }>("unit", "linalg_vectors_fixtures.json");

const tol = (d: string): number => (d === "float64" ? 1e-9 : 1e-5);
const dt = (d: string) => (d === "float64" ? torch.float64 : torch.float32);
const weights = (shape: number[], dtype: torch.dtype): Tensor => {
  const n = shape.reduce((a, b) => a * b, 1);
  return torch.arange(1, n + 1, { dtype: torch.float64 }).div(n).reshape(shape).to(dtype);
};
/** Columns flipped so that the largest-magnitude entry (first of equals) is positive; returns the signs too. */
function normalise(v: Tensor): { v: Tensor; signs: Tensor } {
  const idx = v.abs().argmax(-2, true);
  const signs = v.gather(-2, idx).sign();
  return { v: v.mul(signs), signs };
}
function assertOrthonormalColumns(q: Tensor, what: string, eps: number): void {
  const k = q.shape[q.dim() - 1];
  const gram = q.mT.matmul(q);
  assertClose(gram, values(torch.eye(k, { dtype: q.dtype }).expand(gram.shape)), what, 0, eps);
}

for (const c of fx.eigh) {
  test(`eigh ${c.name}: values, sign-normalised vectors, reconstruction, sign-invariant gradient`, () => {
    const x = torch.tensor(c.input, { dtype: dt(c.dtype) }).reshape(c.shape).requires_grad_();
    const { eigenvalues: L, eigenvectors: V } = torch.linalg.eigh(x);
    assertClose(L, c.eigenvalues, "eigenvalues", tol(c.dtype), tol(c.dtype));
    assertClose(normalise(V.detach()).v, c.eigenvectors, "eigenvectors (sign-normalised)", tol(c.dtype), tol(c.dtype));
    assertOrthonormalColumns(V.detach(), "V^T V = I", tol(c.dtype));
    const rebuilt = V.mul(L.unsqueeze(-2)).matmul(V.mT);
    assertClose(rebuilt.detach(), values(x.detach()), "V diag(L) V^T = A", tol(c.dtype), tol(c.dtype));
    const n = c.shape[c.shape.length - 1];
    V.abs().mul(weights([...V.shape], dt(c.dtype))).sum().add(L.mul(torch.arange(1, n + 1, { dtype: dt(c.dtype) })).sum()).backward();
    assertClose(x.grad!, c.grad, "grad", 10 * tol(c.dtype), 10 * tol(c.dtype));
  });
}

for (const c of fx.svd) {
  test(`svd ${c.name}: values, sign-normalised vectors, reconstruction, sign-invariant gradient`, () => {
    const x = torch.tensor(c.input, { dtype: dt(c.dtype) }).reshape(c.shape).requires_grad_();
    const { U, S, Vh } = torch.linalg.svd(x, { full_matrices: c.full });
    assert.deepEqual([...U.shape], c.U_shape);
    assert.deepEqual([...Vh.shape], c.Vh_shape);
    const k = S.shape[S.dim() - 1];
    assertClose(S, c.S, "S", tol(c.dtype), tol(c.dtype));
    const { v, signs } = normalise(Vh.detach().mT.narrow(-1, 0, k));
    assertClose(v, c.V, "V (sign-normalised)", tol(c.dtype), tol(c.dtype));
    assertClose(U.detach().narrow(-1, 0, k).mul(signs), c.U, "U (flipped with V)", tol(c.dtype), tol(c.dtype));
    assertOrthonormalColumns(U.detach(), "U^T U = I", tol(c.dtype));
    assertOrthonormalColumns(Vh.detach().mT, "V^T V = I", tol(c.dtype));
    const Uk = U.narrow(-1, 0, k), Vk = Vh.narrow(-2, 0, k);
    const rebuilt = Uk.mul(S.unsqueeze(-2)).matmul(Vk);
    assertClose(rebuilt.detach(), values(x.detach()), "U S Vh = A", tol(c.dtype), tol(c.dtype));
    Uk.abs().mul(weights([...Uk.shape], dt(c.dtype))).sum().add(Vk.abs().sum()).add(S.mul(torch.arange(1, k + 1, { dtype: dt(c.dtype) })).sum()).backward();
    assertClose(x.grad!, c.grad, "grad", 10 * tol(c.dtype), 10 * tol(c.dtype));
  });
}

test("torch.svd (old API) returns V = Vh^T and its reduced form with some=true", () => {
  const a = torch.tensor(fx.svd[0].input, { dtype: torch.float64 }).reshape(fx.svd[0].shape);
  const { U, S, V } = torch.svd(a);
  const r = torch.linalg.svd(a, { full_matrices: false });
  assert.deepEqual(values(V), values(r.Vh.mT));
  assert.deepEqual(values(U), values(r.U));
  assert.deepEqual(values(S), values(r.S));
  assert.equal(V.grad_fn, null);
  const full = torch.svd(a, false);
  assert.deepEqual([...full.U.shape], [4, 4]);
});

test("rank-deficient SVD still gives orthonormal U and V (completed basis)", () => {
  const a = torch.tensor([[1, 2, 3], [2, 4, 6], [1, 1, 1], [3, 5, 7]], { dtype: torch.float64 });
  const { U, S, Vh } = torch.linalg.svd(a);
  assert.ok(Math.abs(values(S)[2]) < 1e-12, "third singular value is zero");
  assertOrthonormalColumns(U, "U^T U = I", 1e-12);
  assertOrthonormalColumns(Vh.mT, "V^T V = I", 1e-12);
  assertClose(U.narrow(1, 0, 3).mul(S).matmul(Vh), values(a), "U S Vh = A", 1e-12, 1e-12);
  assert.equal(Number(torch.linalg.matrix_rank(a).item()), 2);
});

test("destructuring and field names of the return types", () => {
  const a = torch.tensor([[2, 1], [1, 3]], { dtype: torch.float64 });
  const r0 = torch.linalg.eigh(a);
  const [L, V] = r0;
  assert.equal(L, r0.eigenvalues);
  assert.equal(V, r0.eigenvectors);
  const r = torch.linalg.slogdet(a);
  assert.equal(r.length, 2);
  assert.equal(Number(r.sign.item()), 1);
  assert.ok(Math.abs(Number(r.logabsdet.item()) - Math.log(5)) < 1e-12);
  assert.match(String(torch.linalg.qr(a)), /^torch\.return_types\.linalg_qr\(\nQ=tensor\(/);
});

test("inv_ex and cholesky_ex: the factor of linalg.inv/cholesky, info as LAPACK's code (int64 here, int32 in PyTorch)", () => {
  const a = torch.tensor([[4, 1], [1, 3]], { dtype: torch.float64, requires_grad: true });
  const r = torch.linalg.inv_ex(a);
  assert.deepEqual(values(r.inverse), values(torch.linalg.inv(a)));
  assert.equal(r.inverse.grad_fn!.name(), "LinalgInvExBackward0");
  assert.equal(Number(r.info.item()), 0);
  const singular = torch.linalg.inv_ex(torch.tensor([[1, 2], [2, 4]], { dtype: torch.float64 }));
  assert.equal(Number(singular.info.item()), 2);
  const c = torch.linalg.cholesky_ex(a);
  assert.deepEqual(values(c.L), values(torch.linalg.cholesky(a)));
  assert.equal(c.L.grad_fn!.name(), "LinalgCholeskyExBackward0");
  const npd = torch.linalg.cholesky_ex(torch.tensor([[[1, 0], [0, 1]], [[1, 2], [2, 1]]], { dtype: torch.float64 }));
  assert.deepEqual(values(npd.info), [0, 2]);
  // PyTorch 1.13 returns [[1, 0], [2, -3]] for the failed factor (LAPACK keeps working on the
  // trailing block); we stop at the failing minor, as documented in linalg_decomp.ts.
});
