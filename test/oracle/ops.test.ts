// Replays every PyTorch fixture case (test/oracle/fixtures/*.json) against our engine: values,
// shapes, dtypes, grad_fn names and next_functions, printed text, grads, errors and warnings.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { loadFixtures } from "./fixtures";
import { replay } from "./spec";

/**
 * Cases where we differ from PyTorch on purpose (README, "Where we differ"). Each is still replayed
 * and must fail only in the documented way, within the stated bound.
 */
const KNOWN: Record<string, { why: string; check: (message: string) => void }> = {
  // PyTorch sums float32 with its vectorised cascade order; we sum in double and round once.
  // The float32 gradient, reduced and cast to the float64 input, may differ in the last float32 bit.
  "add/float32+0d-float64": {
    why: "float32 summation order (1 ulp)",
    check: (m) => {
      const hit = /^step 0 torch\.add: grad\[1\] values differ at 1\/1: \[0\] (\S+) != (\S+)$/.exec(m);
      assert.ok(hit, `unexpected difference: ${m}`);
      const [ours, theirs] = [Number(hit[1]), Number(hit[2])];
      assert.ok(Math.abs(ours - theirs) <= Math.abs(theirs) * 2 ** -23, `more than one float32 ulp: ${ours} vs ${theirs}`);
    },
  },
};

for (const fixture of loadFixtures()) {
  describe(`oracle ${fixture.family}`, () => {
    for (const c of fixture.cases) {
      const known = KNOWN[c.id];
      if (!known) {
        test(c.id, () => replay(c));
        continue;
      }
      test(`${c.id} (known difference: ${known.why})`, () => {
        let message: string | null = null;
        try { replay(c); } catch (e) { message = e instanceof Error ? e.message : String(e); }
        if (message !== null) known.check(message);
      });
    }
  });
}
