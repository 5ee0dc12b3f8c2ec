// Replays every PyTorch fixture case (test/oracle/fixtures/*.json) against our engine: values,
// shapes, dtypes, grad_fn names and next_functions, printed text, grads, errors and warnings.
import { describe, test } from "node:test";
import { loadFixtures } from "./fixtures";
import { replay } from "./spec";

for (const fixture of loadFixtures()) {
  describe(`oracle ${fixture.family}`, () => {
    for (const c of fixture.cases) test(c.id, () => replay(c));
  });
}
