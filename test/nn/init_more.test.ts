// nn.init.trunc_normal_, orthogonal_, sparse_, dirac_ against PyTorch 1.13 (init_more_fixtures.json
// from gen_init_more_fixtures.py). The generator must advance exactly as PyTorch's (the next draws
// match bit for bit); trunc_normal_ values are bit for bit but for rare elements within 3 float32
// ulps (expf/logf as rounded doubles), orthogonal_ within 1e-5 (LAPACK's float32 QR vs ours).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/engine";
import { loadFixture, values } from "./helpers";
import { erff } from "../../src/engine/nn/erff";
import { calcErfinv } from "../../src/engine/nn/init_more";
import { arithFor } from "../../src/engine/optim/arith";

interface Case { fn: string; seed: number | null; shape: number[]; dtype: "float32" | "float64"; kw: Record<string, number>; values: number[]; next: number[] }
const fx = loadFixture<{ cases: Case[]; erff_x: number[]; erff: number[]; erfinv_y: number[]; erfinv: number[] }>("nn", "init_more_fixtures.json");
const cases = fx.cases;
const I = torch.nn.init;

for (const c of cases) {
  test(`nn.init.${c.fn} ${JSON.stringify(c.shape)} ${c.dtype} ${JSON.stringify(c.kw)}`, () => {
    if (c.seed !== null) torch.manual_seed(c.seed);
    const t = torch.zeros(c.shape, { dtype: torch[c.dtype] });
    if (c.fn === "trunc_normal_") I.trunc_normal_(t, c.kw);
    else if (c.fn === "orthogonal_") I.orthogonal_(t, c.kw.gain);
    else if (c.fn === "sparse_") I.sparse_(t, c.kw.sparsity);
    else I.dirac_(t, c.kw.groups);
    const got = values(t);
    let exact = 0;
    got.forEach((v, i) => {
      const e = c.values[i];
      if (Object.is(v, e)) { exact++; return; }
      const ulps = c.dtype === "float32" ? 4.8e-7 : 1e-14;
      const tol = c.fn === "orthogonal_" ? 1e-5 : c.fn === "trunc_normal_" ? ulps * Math.max(Math.abs(e), 1e-3) : 0;
      assert.ok(Math.abs(v - e) <= tol, `element ${i}: ${v} vs PyTorch ${e}`);
    });
    if (c.fn === "trunc_normal_" && c.dtype === "float32" && got.length >= 100) assert.ok(exact >= 0.995 * got.length, `only ${exact} of ${got.length} bit-identical`);
    if (c.fn === "trunc_normal_" && "a" in c.kw) got.forEach((v) => assert.ok(v >= c.kw.a && v <= c.kw.b));
    if (c.next.length) assert.deepEqual(values(torch.rand(4)), c.next, "the generator's next draws");
  });
}

test("orthogonal_ gives orthonormal rows or columns; errors as PyTorch's", () => {
  torch.manual_seed(0);
  const w = I.orthogonal_(torch.empty(3, 7));
  const g = values(w.matmul(w.t()));
  g.forEach((v, i) => assert.ok(Math.abs(v - (i % 4 === 0 ? 1 : 0)) < 1e-5));
  assert.throws(() => I.orthogonal_(torch.empty(3)), { message: "Only tensors with 2 or more dimensions are supported" });
  assert.throws(() => I.dirac_(torch.empty(3, 3)), { message: "Only tensors with 3, 4, or 5 dimensions are supported" });
});

test("erff is glibc's bit for bit; ATen's float32 erfinv nearly so", () => {
  fx.erff_x.forEach((x, i) => assert.ok(Object.is(erff(x), fx.erff[i]), `erff(${x}) = ${erff(x)}, glibc ${fx.erff[i]}`));
  const A = arithFor("float32");
  let exact = 0;
  fx.erfinv_y.forEach((y, i) => {
    const got = calcErfinv(y, A), e = fx.erfinv[i];
    if (Object.is(got, e)) exact++;
    else assert.ok(Math.abs(got - e) <= 3.6e-7 * Math.abs(e), `erfinv(${y}) = ${got}, PyTorch ${e}`);
  });
  assert.ok(exact >= 0.998 * fx.erfinv_y.length, `${exact} of ${fx.erfinv_y.length} bit-identical`);
});
